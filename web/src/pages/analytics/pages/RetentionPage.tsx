// Retention: CRR, churn and the repeat-purchase rate for the period, month by month and by year, and
// new against returning customers.
import { useMemo, useState } from 'react';
import { Chart } from '../../../components/Chart';
import { axisTooltip, categoryAxis, GRID, legend, valueAxis, type ChartOption } from '../charts';
import { useFilters } from '../filters';
import { useFigures } from '../format';
import { ChartWithTable, Kpis, MeasurePanel } from '../MeasurePanel';
import { MeasureTable } from '../MeasureTable';
import { useMeasure } from '../measure';

export function RetentionPage() {
  return (
    <>
      <RetentionPanel />
      <NewReturningPanel />
    </>
  );
}

function RetentionPanel() {
  const f = useFigures();
  const [filters] = useFilters();
  const m = useMeasure('retention', filters);
  const [by, setBy] = useState<'months' | 'years'>('months');
  const option = useMemo((): ChartOption | null => {
    if (!m.data) return null;
    const rows = by === 'months' ? m.data.tables.months : m.data.tables.years;
    const labels = by === 'months' ? m.data.tables.months.map((r) => f.month(r.month)) : m.data.tables.years.map((r) => r.year);
    return {
      grid: { ...GRID, top: 40 },
      tooltip: axisTooltip((v, i) => (i < 2 ? f.percent(v) : f.integer(v))),
      legend: legend(),
      xAxis: categoryAxis(labels),
      yAxis: [valueAxis((v) => f.percent(v, 0), { min: 0, max: 100 }), valueAxis((v) => f.integer(v), { minInterval: 1, splitLine: { show: false } })],
      series: [
        { name: f.t('retention.crr'), type: 'line', data: rows.map((r) => r.crr), lineStyle: { width: 3 }, symbolSize: 7, connectNulls: false },
        { name: f.t('retention.churn'), type: 'line', data: rows.map((r) => r.churn), lineStyle: { width: 2, type: 'dashed' }, symbolSize: 6, color: '#dc2626' },
        { name: f.t('retention.new'), type: 'bar', yAxisIndex: 1, data: rows.map((r) => r.new), barMaxWidth: 22, color: '#93c5fd' },
        { name: f.t('retention.lost'), type: 'bar', yAxisIndex: 1, data: rows.map((r) => r.lost), barMaxWidth: 22, color: '#fca5a5' },
      ],
    };
  }, [f, m.data, by]);
  const s = m.data?.summary;
  return (
    <MeasurePanel name="retention" title={f.t('retention.title')} intro={s ? f.t('retention.intro', { count: s.activityWindowMonths, months: f.integer(s.activityWindowMonths) }) : undefined} {...m}>
      {s && (
        <Kpis items={[
          { label: f.t('retention.crr'), value: s.crr === null ? '—' : f.percent(s.crr), note: f.t('retention.crrNote', { end: f.integer(s.end), new: f.integer(s.new), start: f.integer(s.start) }), testId: 'kpi-crr' },
          { label: f.t('retention.churn'), value: s.churn === null ? '—' : f.percent(s.churn), note: f.t('retention.churnNote', { count: s.lost, lost: f.integer(s.lost) }), tone: s.churn !== null && s.churn >= 30 ? 'warning' : undefined },
          { label: f.t('retention.repeatRate'), value: s.repeatRate === null ? '—' : f.percent(s.repeatRate), note: f.t('retention.repeatNote') },
          { label: f.t('retention.monthlyChurn'), value: s.averageMonthlyChurn === null ? '—' : f.percent(s.averageMonthlyChurn), note: f.t('retention.reactivated', { count: s.reactivated }) },
        ]} />
      )}
      {m.data && option && (
        <>
          <div className="segmented segmented--small" role="radiogroup" aria-label={f.t('by.label')}>
            {(['months', 'years'] as const).map((b) => (
              <button key={b} type="button" role="radio" aria-checked={by === b} className={by === b ? 'segmented__item segmented__item--on' : 'segmented__item'} onClick={() => setBy(b)}>{f.t(`by.${b}`)}</button>
            ))}
          </div>
          <ChartWithTable
            stacked
            chart={<Chart option={option} height={320} label={f.t('retention.chartLabel')} testId="retention-chart" />}
            tableTitle={f.t('tableBehind')}
            table={<MeasureTable measure="retention" table={by} caption={f.t('retention.title')} rows={m.data.tables[by]} columns={m.data.columns[by]} />}
          />
        </>
      )}
    </MeasurePanel>
  );
}

function NewReturningPanel() {
  const f = useFigures();
  const [filters] = useFilters();
  const m = useMeasure('new-returning', filters);
  const [by, setBy] = useState<'months' | 'years'>('months');
  const [what, setWhat] = useState<'customers' | 'revenue'>('customers');
  const option = useMemo((): ChartOption | null => {
    if (!m.data) return null;
    const rows = by === 'months' ? m.data.tables.months : m.data.tables.years;
    const labels = by === 'months' ? m.data.tables.months.map((r) => f.month(r.month)) : m.data.tables.years.map((r) => r.year);
    const money = what === 'revenue';
    const format = (v: number) => (money ? f.money(v) : f.integer(v));
    return {
      grid: { ...GRID, top: 40 },
      tooltip: axisTooltip(format),
      legend: legend(),
      xAxis: categoryAxis(labels),
      yAxis: valueAxis(money ? (v) => f.moneyShort(v, m.data!.period.currency) : (v) => f.integer(v), money ? {} : { minInterval: 1 }),
      series: [
        { name: f.t('newReturning.new'), type: 'bar', stack: 'b', barMaxWidth: 36, color: '#2563eb', data: rows.map((r) => (money ? r.newRevenue : r.newBuyers)) },
        { name: f.t('newReturning.returning'), type: 'bar', stack: 'b', barMaxWidth: 36, color: '#0f766e', data: rows.map((r) => (money ? r.returningRevenue : r.returningBuyers)) },
      ],
    };
  }, [f, m.data, by, what]);
  const s = m.data?.summary;
  return (
    <MeasurePanel name="new-returning" title={f.t('newReturning.title')} {...m}
      intro={s ? f.t('newReturning.intro', { buyers: f.integer(s.buyers), newBuyers: f.integer(s.newBuyers), returning: f.integer(s.returningBuyers) }) : undefined}>
      {m.data && option && (
        <>
          <div className="toolbar">
            <div className="segmented segmented--small" role="radiogroup" aria-label={f.t('by.label')}>
              {(['months', 'years'] as const).map((b) => (
                <button key={b} type="button" role="radio" aria-checked={by === b} className={by === b ? 'segmented__item segmented__item--on' : 'segmented__item'} onClick={() => setBy(b)}>{f.t(`by.${b}`)}</button>
              ))}
            </div>
            <div className="segmented segmented--small" role="radiogroup" aria-label={f.t('newReturning.show')}>
              {(['customers', 'revenue'] as const).map((w) => (
                <button key={w} type="button" role="radio" aria-checked={what === w} className={what === w ? 'segmented__item segmented__item--on' : 'segmented__item'} onClick={() => setWhat(w)}>{f.t(`newReturning.${w}`)}</button>
              ))}
            </div>
          </div>
          <ChartWithTable
            stacked
            chart={<Chart option={option} height={300} label={f.t('newReturning.chartLabel')} />}
            tableTitle={f.t('tableBehind')}
            table={<MeasureTable measure="new-returning" table={by} caption={f.t('newReturning.title')} rows={m.data.tables[by]} columns={m.data.columns[by]} />}
          />
        </>
      )}
    </MeasurePanel>
  );
}
