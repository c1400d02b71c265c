// Cohort retention: customers grouped by the month of their first purchase, and the share of each
// cohort that bought again 1, 2, 3 … months later — as a heatmap and as the table behind it.
import { useMemo, useState } from 'react';
import { Chart } from '../../../components/Chart';
import { categoryAxis, escapeHtml, GRID, type ChartOption } from '../charts';
import { useFilters } from '../filters';
import { useFigures } from '../format';
import { Kpis, MeasurePanel } from '../MeasurePanel';
import { MeasureTable } from '../MeasureTable';
import { useMeasure } from '../measure';

export function CohortsPage() {
  const f = useFigures();
  const [filters] = useFilters();
  const m = useMeasure('cohorts', filters);
  const [value, setValue] = useState<'share' | 'customers'>('share');
  const view = useMemo(() => {
    if (!m.data) return null;
    const { cells, cohorts } = m.data.tables;
    const withCustomers = cohorts.filter((c) => c.customers > 0);
    const names = withCustomers.map((c) => c.cohort);
    const offsets = Math.max(0, ...cells.map((c) => c.offset)) + 1;
    const at = new Map(cells.map((c) => [`${c.cohort}:${c.offset}`, c]));
    const option: ChartOption = {
      grid: { ...GRID, top: 30, bottom: 36 },
      tooltip: {
        formatter: (p: { data: { cohort: string; offset: number; customers: number; share: number; size: number } }) => `<div dir="auto">${escapeHtml(f.t('cohorts.tooltip', {
          cohort: f.month(p.data.cohort, 'long'), offset: p.data.offset, customers: f.integer(p.data.customers), size: f.integer(p.data.size), share: f.share(p.data.share),
        }))}</div>`,
      },
      xAxis: categoryAxis(Array.from({ length: offsets }, (_, i) => f.integer(i)), { name: f.t('cohorts.offset'), nameLocation: 'middle', nameGap: 26, splitArea: { show: true } }),
      yAxis: categoryAxis(names.map((c) => f.month(c)), { inverse: true, splitArea: { show: true } }),
      visualMap: { min: 0, max: 1, show: false, inRange: { color: ['#f0fdfa', '#99f6e4', '#14b8a6', '#0f766e', '#134e4a'] } },
      series: [{
        type: 'heatmap',
        data: withCustomers.flatMap((c, y) => Array.from({ length: offsets }, (_, x) => at.get(`${c.cohort}:${x}`)).filter((cell) => cell !== undefined).map((cell) => ({
          value: [cell.offset, y, cell.share], cohort: cell.cohort, offset: cell.offset, customers: cell.customers, share: cell.share, size: c.customers,
          label: { color: cell.share > 0.45 ? '#ffffff' : '#0b3b36' },
        }))),
        label: {
          show: true, fontSize: 11,
          formatter: (p: { data: { share: number; customers: number } }) => (value === 'share' ? f.share(p.data.share, 0) : f.integer(p.data.customers)),
        },
        itemStyle: { borderColor: '#fff', borderWidth: 2 },
        emphasis: { itemStyle: { borderColor: '#1d2430', borderWidth: 1 } },
      }],
    };
    return { option, cohorts: withCustomers, offsets, at };
  }, [f, m.data, value]);
  const s = m.data?.summary;
  return (
    <MeasurePanel name="cohorts" title={f.t('cohorts.title')} intro={f.t('cohorts.intro')} {...m}>
      {s && <Kpis items={[{ label: f.t('cohorts.cohorts'), value: f.integer(s.cohorts) }, { label: f.t('cohorts.customers'), value: f.integer(s.customers) }]} />}
      {view && m.data && (
        <>
          <div className="segmented segmented--small" role="radiogroup" aria-label={f.t('cohorts.show')}>
            {(['share', 'customers'] as const).map((v) => (
              <button key={v} type="button" role="radio" aria-checked={value === v} className={value === v ? 'segmented__item segmented__item--on' : 'segmented__item'} onClick={() => setValue(v)}>{f.t(`cohorts.view.${v}`)}</button>
            ))}
          </div>
          {view.cohorts.length === 0 ? <p className="muted">{f.t('noRows')}</p> : (
            <Chart option={view.option} height={Math.max(220, 60 + view.cohorts.length * 30)} label={f.t('cohorts.chartLabel')} testId="cohorts-chart" />
          )}
          <details className="chart-table__table" open>
            <summary>{f.t('tableBehind')}</summary>
            <div className="table-wrap">
              <table className="table table--compact cohort-table" data-testid="cohort-table">
                <caption className="sr-only">{f.t('cohorts.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{f.t('cohorts.cohort')}</th>
                    <th scope="col" className="num">{f.t('cohorts.size')}</th>
                    {Array.from({ length: view.offsets }, (_, i) => <th key={i} scope="col" className="num"><bdi dir="ltr">{f.t('cohorts.monthN', { n: f.integer(i) })}</bdi></th>)}
                  </tr>
                </thead>
                <tbody>
                  {view.cohorts.map((c) => (
                    <tr key={c.cohort}>
                      <th scope="row" className="nowrap">{f.month(c.cohort)}</th>
                      <td className="num">{f.integer(c.customers)}</td>
                      {Array.from({ length: view.offsets }, (_, i) => {
                        const cell = view.at.get(`${c.cohort}:${i}`);
                        if (!cell) return <td key={i} />;
                        return (
                          <td key={i} className="num heat" style={{ background: heat(cell.share) }} title={f.t('cohorts.cellTitle', { count: cell.customers, customers: f.integer(cell.customers), revenue: f.money(cell.revenue) })}>
                            {value === 'share' ? f.share(cell.share, 0) : f.integer(cell.customers)}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <details>
              <summary className="small">{f.t('cohorts.longTable')}</summary>
              <MeasureTable measure="cohorts" table="cells" caption={f.t('cohorts.title')} rows={m.data.tables.cells} columns={m.data.columns.cells} initial={20} />
            </details>
          </details>
        </>
      )}
    </MeasurePanel>
  );
}

/** The teal of the app at the cell's share, light enough for dark text. */
function heat(share: number): string {
  const a = Math.max(0, Math.min(1, share));
  return `rgb(15 118 110 / ${Math.round(a * 55)}%)`;
}
