// The customer ladder: how many customers stand on each step (one purchase → second → regular → loyal
// → advocate) at the end of the period, how the steps changed month by month, and who moved where.
import { useMemo } from 'react';
import { Chart } from '../../../components/Chart';
import { axisTooltip, categoryAxis, escapeHtml, GRID, legend, valueAxis, type ChartOption } from '../charts';
import { useFilters } from '../filters';
import { useFigures } from '../format';
import { ChartWithTable, MeasurePanel } from '../MeasurePanel';
import { MeasureTable } from '../MeasureTable';
import { useMeasure } from '../measure';

const STEPS = ['one_purchase', 'second_purchase', 'regular', 'loyal', 'advocate'] as const;
const ALL = ['lapsed', ...STEPS] as const;
/** One colour per step, the same in the steps chart and the monthly bars. */
const STEP_COLORS: Record<string, string> = { lapsed: '#94a3b8', one_purchase: '#93c5fd', second_purchase: '#2563eb', regular: '#14b8a6', loyal: '#0f766e', advocate: '#d97706' };

export function LadderPage() {
  const f = useFigures();
  const [filters] = useFilters();
  const m = useMeasure('ladder', filters);
  const charts = useMemo(() => {
    if (!m.data) return null;
    const { steps, series, movement } = m.data.tables;
    const count = (step: string) => steps.find((s) => s.step === step)?.customers ?? 0;
    // The advocate step is unknown (null) until referral or NPS data exists: left out, not drawn as 0.
    const shown = STEPS.filter((s) => s !== 'advocate' || m.data!.summary.advocatesKnown);
    // Bars, not a funnel: a funnel draws an empty step as wide as a full one, and the steps are read
    // by comparing their lengths.
    const funnel: ChartOption = {
      grid: { ...GRID, top: 10 },
      tooltip: { trigger: 'item', formatter: (p: { name: string; value: number }) => `<div dir="auto">${escapeHtml(p.name)}: <b>${f.integer(p.value)}</b></div>` },
      yAxis: categoryAxis(shown.map((s) => f.name('step', s)), { inverse: true }),
      xAxis: valueAxis((v) => f.integer(v), { minInterval: 1 }),
      series: [{
        type: 'bar', barMaxWidth: 34,
        label: { show: true, position: 'right', formatter: (p: { value: number }) => f.integer(p.value) },
        data: shown.map((s) => ({ name: f.name('step', s), value: count(s), itemStyle: { color: STEP_COLORS[s] } })),
      }],
    };
    const bars: ChartOption = {
      grid: { ...GRID, top: 50 },
      tooltip: axisTooltip((v) => f.integer(v)),
      legend: legend({ type: 'scroll' }),
      xAxis: categoryAxis(series.map((r) => f.month(r.month))),
      yAxis: valueAxis((v) => f.integer(v), { minInterval: 1 }),
      series: ALL.filter((s) => s !== 'advocate' || m.data!.summary.advocatesKnown).map((s) => ({ name: f.name('step', s), type: 'bar', stack: 'ladder', barMaxWidth: 36, color: STEP_COLORS[s], data: series.map((r) => r[s]) })),
    };
    // Movement as a from × to matrix: rows the step at the end of the previous month.
    const moved = (from: string, to: string) => movement.find((x) => x.from === from && x.to === to)?.customers ?? 0;
    const states = [...new Set(movement.flatMap((x) => [x.from, x.to]))].sort((a, b) => order(a) - order(b));
    return { funnel, bars, moved, states };
  }, [f, m.data]);
  const s = m.data?.summary;
  return (
    <MeasurePanel
      name="ladder" title={f.t('ladder.title')} {...m}
      intro={s ? f.t('ladder.intro', { month: f.month(s.month, 'long'), rk: s.regular.k, rn: s.regular.n, lk: s.loyal.k, ln: s.loyal.n }) : undefined}
    >
      {m.data && charts && (
        <>
          <ChartWithTable
            chart={<Chart option={charts.funnel} height={300} label={f.t('ladder.funnelLabel')} testId="ladder-funnel" />}
            tableTitle={f.t('tableBehind')}
            table={<MeasureTable measure="ladder" table="steps" caption={f.t('ladder.title')} rows={m.data.tables.steps} columns={m.data.columns.steps} />}
          />
          {!m.data.summary.advocatesKnown && <p className="muted small">{f.t('ladder.noAdvocates')}</p>}
          <h3 className="chart-title">{f.t('ladder.seriesTitle')}</h3>
          <ChartWithTable
            chart={<Chart option={charts.bars} height={320} label={f.t('ladder.seriesLabel')} />}
            tableTitle={f.t('tableBehind')}
            table={<MeasureTable measure="ladder" table="series" caption={f.t('ladder.seriesTitle')} rows={m.data.tables.series} columns={m.data.columns.series} />}
          />
          <h3 className="chart-title">{f.t('ladder.movementTitle', { from: s?.previousMonth ? f.month(s.previousMonth, 'long') : '—', to: s ? f.month(s.month, 'long') : '' })}</h3>
          {charts.states.length === 0 ? <p className="muted">{f.t('noRows')}</p> : (
            <div className="table-wrap">
              <table className="table table--compact movement" data-testid="ladder-movement">
                <thead>
                  <tr><th scope="col">{f.t('ladder.fromTo')}</th>{charts.states.map((to) => <th key={to} scope="col" className="num">{f.name('step', to)}</th>)}</tr>
                </thead>
                <tbody>
                  {charts.states.map((from) => (
                    <tr key={from}>
                      <th scope="row">{f.name('step', from)}</th>
                      {charts.states.map((to) => {
                        const n = charts.moved(from, to);
                        const cls = n === 0 ? 'num muted' : order(to) > order(from) ? 'num movement--up' : order(to) < order(from) ? 'num movement--down' : 'num';
                        return <td key={to} className={cls}>{n === 0 ? '·' : f.integer(n)}</td>;
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="muted small">{f.t('ladder.movementHint')}</p>
            </div>
          )}
        </>
      )}
    </MeasurePanel>
  );
}

const ORDER = ['none', 'lapsed', 'one_purchase', 'second_purchase', 'regular', 'loyal', 'advocate'];
function order(step: string): number {
  const i = ORDER.indexOf(step);
  return i < 0 ? ORDER.length : i;
}
