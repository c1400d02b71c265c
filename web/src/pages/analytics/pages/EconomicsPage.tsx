// What the program costs against what it brings: revenue and margin from members and non-members,
// the discount given (and which mechanic gave it), and points earned and spent on purchases, month by
// month. What the server cannot yet measure (message costs; the points part without the ledger) is
// said, not guessed.
import { useMemo, useState } from 'react';
import { Chart } from '../../../components/Chart';
import { axisTooltip, categoryAxis, GRID, legend, valueAxis, type ChartOption } from '../charts';
import { useFilters } from '../filters';
import { useFigures } from '../format';
import { ChartWithTable, Kpis, MeasurePanel } from '../MeasurePanel';
import { MeasureTable } from '../MeasureTable';
import { useMeasure, type Column, type Row } from '../measure';

export function EconomicsPage() {
  const f = useFigures();
  const [filters] = useFilters();
  const m = useMeasure('economics', filters);
  const [view, setView] = useState<'revenue' | 'cost' | 'points'>('revenue');
  const option = useMemo((): ChartOption | null => {
    if (!m.data) return null;
    const rows = m.data.tables.months;
    const currency = m.data.period.currency;
    const labels = rows.map((r) => f.month(r.month));
    const base = { grid: { ...GRID, top: 40 }, legend: legend(), xAxis: categoryAxis(labels) };
    if (view === 'points') {
      return {
        ...base,
        tooltip: axisTooltip((v) => f.integer(v)),
        yAxis: valueAxis((v) => f.integer(v)),
        series: [
          { name: f.t('economics.pointsEarned'), type: 'bar', barMaxWidth: 26, color: '#0f766e', data: rows.map((r) => r.pointsEarned) },
          { name: f.t('economics.pointsSpent'), type: 'bar', barMaxWidth: 26, color: '#d97706', data: rows.map((r) => r.pointsSpent) },
        ],
      };
    }
    if (view === 'cost') {
      return {
        ...base,
        tooltip: axisTooltip((v, i) => (i === 2 ? f.share(v) : f.money(v))),
        yAxis: [valueAxis((v) => f.moneyShort(v, currency)), valueAxis((v) => f.share(v, 0), { min: 0, splitLine: { show: false } })],
        series: [
          { name: f.t('economics.discount'), type: 'bar', stack: 'cost', barMaxWidth: 30, color: '#be185d', data: rows.map((r) => r.discount) },
          { name: f.t('economics.pointsMoney'), type: 'bar', stack: 'cost', barMaxWidth: 30, color: '#f59e0b', data: rows.map((r) => r.pointsMoney) },
          { name: f.t('economics.discountShare'), type: 'line', yAxisIndex: 1, color: '#1d2430', data: rows.map((r) => r.discountShare) },
        ],
      };
    }
    return {
      ...base,
      tooltip: axisTooltip((v) => f.money(v)),
      yAxis: valueAxis((v) => f.moneyShort(v, currency)),
      series: [
        { name: f.t('economics.memberRevenue'), type: 'bar', stack: 'rev', barMaxWidth: 30, color: '#0f766e', data: rows.map((r) => r.memberRevenue) },
        { name: f.t('economics.otherRevenue'), type: 'bar', stack: 'rev', barMaxWidth: 30, color: '#94a3b8', data: rows.map((r) => r.otherRevenue) },
        { name: f.t('economics.memberMargin'), type: 'line', color: '#2563eb', data: rows.map((r) => r.memberMargin) },
      ],
    };
  }, [f, m.data, view]);
  const s = m.data?.summary;
  const money = (v: number | null) => (v === null ? '—' : f.money(v));
  const share = (v: number | null) => (v === null ? '—' : f.share(v));
  return (
    <MeasurePanel name="economics" title={f.t('economics.title')} intro={f.t('economics.intro')} {...m}>
      {s && (
        <Kpis items={[
          { label: f.t('economics.memberShare'), value: share(s.memberShare), note: f.t('economics.memberRevenueNote', { value: money(s.memberRevenue) }) },
          { label: f.t('economics.memberMarginShare'), value: share(s.memberMarginShare), note: f.t('economics.otherMarginNote', { value: share(s.otherMarginShare) }) },
          { label: f.t('economics.discount'), value: money(s.discount), note: f.t('economics.discountShareNote', { value: share(s.discountShare) }) },
          { label: f.t('economics.pointsMoney'), value: money(s.pointsMoney), note: f.t('economics.pointsNote', { earned: f.integer(s.pointsEarned ?? 0), spent: f.integer(s.pointsSpent ?? 0) }) },
        ]} />
      )}
      {s && !s.ledgerAvailable && <p className="alert alert--info">{f.t('economics.missing')}</p>}
      {m.data && option && (
        <>
          <div className="segmented segmented--small" role="radiogroup" aria-label={f.t('economics.show')}>
            {(['revenue', 'cost', 'points'] as const).map((v) => (
              <button key={v} type="button" role="radio" aria-checked={view === v} className={view === v ? 'segmented__item segmented__item--on' : 'segmented__item'} onClick={() => setView(v)}>{f.t(`economics.views.${v}`)}</button>
            ))}
          </div>
          <ChartWithTable
            stacked
            chart={<Chart option={option} height={320} label={f.t('economics.chartLabel')} testId="economics-chart" />}
            tableTitle={f.t('tableBehind')}
            table={<MeasureTable measure="economics" table="months" caption={f.t('economics.title')} rows={m.data.tables.months} columns={m.data.columns.months} />}
          />
        </>
      )}
      {m.data && mechanics(m.data) && (
        <>
          <h3 className="chart-title">{f.t('economics.mechanicsTitle')}</h3>
          <MeasureTable measure="economics" table="mechanics" caption={f.t('economics.mechanicsTitle')} rows={mechanics(m.data)!.rows} columns={mechanics(m.data)!.columns} testId="economics-mechanics" />
        </>
      )}
    </MeasurePanel>
  );
}

/** The discount by mechanic, read defensively: an answer from a server without that table has none. */
function mechanics(data: { tables: object; columns: object }): { rows: Row[]; columns: Column[] } | null {
  const rows = (data.tables as Record<string, Row[] | undefined>).mechanics;
  const columns = (data.columns as Record<string, Column[] | undefined>).mechanics;
  return rows && columns ? { rows, columns } : null;
}
