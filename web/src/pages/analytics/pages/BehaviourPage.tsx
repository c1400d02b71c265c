// How often customers buy (purchases per customer, days between purchases, repeat rate) and when
// (revenue and receipts by month of the year and by weekday, and month by month over the period).
import { useMemo, useState } from 'react';
import { Chart } from '../../../components/Chart';
import { axisTooltip, categoryAxis, GRID, legend, valueAxis, type ChartOption } from '../charts';
import { useFilters } from '../filters';
import { useFigures } from '../format';
import { ChartWithTable, Kpis, MeasurePanel } from '../MeasurePanel';
import { MeasureTable } from '../MeasureTable';
import { useMeasure } from '../measure';

export function BehaviourPage() {
  return (
    <>
      <FrequencyPanel />
      <SeasonalityPanel />
    </>
  );
}

function FrequencyPanel() {
  const f = useFigures();
  const [filters] = useFilters();
  const m = useMeasure('frequency', filters);
  const charts = useMemo(() => {
    if (!m.data) return null;
    const bars = (labels: string[], values: number[], name: string, color: string): ChartOption => ({
      grid: { ...GRID, top: 20 },
      tooltip: axisTooltip((v) => f.integer(v)),
      xAxis: categoryAxis(labels),
      yAxis: valueAxis((v) => f.integer(v), { minInterval: 1 }),
      series: [{ name, type: 'bar', data: values, barMaxWidth: 40, color }],
    });
    return {
      visits: bars(m.data.tables.byVisits.map((r) => f.t('frequency.visitsLabel', { label: r.label })), m.data.tables.byVisits.map((r) => r.customers), f.t('frequency.customers'), '#0f766e'),
      interval: bars(m.data.tables.byInterval.map((r) => r.label), m.data.tables.byInterval.map((r) => r.customers), f.t('frequency.customers'), '#2563eb'),
    };
  }, [f, m.data]);
  const s = m.data?.summary;
  const num = (v: number | null, digits = 1) => (v === null ? '—' : f.number(v, digits));
  return (
    <MeasurePanel name="frequency" title={f.t('frequency.title')} intro={f.t('frequency.intro')} {...m}>
      {s && (
        <Kpis items={[
          { label: f.t('frequency.perCustomer'), value: num(s.frequency), note: f.t('frequency.perMonth', { value: num(s.frequencyPerMonth, 2) }) },
          { label: f.t('frequency.interval'), value: s.averageIntervalDays === null ? '—' : f.t('frequency.days', { count: Math.round(s.averageIntervalDays), value: num(s.averageIntervalDays, 0) }), note: s.medianIntervalDays === null ? undefined : f.t('frequency.median', { count: Math.round(s.medianIntervalDays), value: num(s.medianIntervalDays, 0) }) },
          { label: f.t('frequency.repeatRate'), value: s.repeatRate === null ? '—' : f.percent(s.repeatRate), note: f.t('frequency.repeatCustomers', { count: s.repeatCustomers, total: f.integer(s.customers) }) },
        ]} />
      )}
      {m.data && charts && (
        <>
          <h3 className="chart-title">{f.t('frequency.byVisits')}</h3>
          <ChartWithTable
            chart={<Chart option={charts.visits} height={260} label={f.t('frequency.byVisits')} />}
            tableTitle={f.t('tableBehind')}
            table={<MeasureTable measure="frequency" table="byVisits" caption={f.t('frequency.byVisits')} rows={m.data.tables.byVisits} columns={m.data.columns.byVisits} hide={['visits']} />}
          />
          <h3 className="chart-title">{f.t('frequency.byInterval')}</h3>
          <ChartWithTable
            chart={<Chart option={charts.interval} height={260} label={f.t('frequency.byInterval')} />}
            tableTitle={f.t('tableBehind')}
            table={<MeasureTable measure="frequency" table="byInterval" caption={f.t('frequency.byInterval')} rows={m.data.tables.byInterval} columns={m.data.columns.byInterval} hide={['upToDays']} />}
          />
        </>
      )}
    </MeasurePanel>
  );
}

function SeasonalityPanel() {
  const f = useFigures();
  const [filters] = useFilters();
  const m = useMeasure('seasonality', filters);
  const [what, setWhat] = useState<'revenue' | 'receipts'>('revenue');
  const charts = useMemo(() => {
    if (!m.data) return null;
    const currency = m.data.period.currency;
    const money = what === 'revenue';
    const index = (labels: string[], rows: { revenueIndex: number | null; receiptsIndex: number | null; revenuePerOccurrence: number | null; receiptsPerOccurrence: number | null }[]): ChartOption => ({
      grid: { ...GRID, top: 30 },
      tooltip: axisTooltip((v) => (money ? f.money(v) : f.number(v, 1))),
      xAxis: categoryAxis(labels),
      yAxis: valueAxis(money ? (v) => f.moneyShort(v, currency) : (v) => f.number(v, 1)),
      series: [{
        name: money ? f.t('seasonality.revenuePer') : f.t('seasonality.receiptsPer'), type: 'bar', barMaxWidth: 36,
        data: rows.map((r) => (money ? r.revenuePerOccurrence : r.receiptsPerOccurrence)),
        itemStyle: { color: (p: { dataIndex: number }) => ((money ? rows[p.dataIndex]?.revenueIndex : rows[p.dataIndex]?.receiptsIndex) ?? 0) >= 100 ? '#0f766e' : '#94d3cb' },
      }],
    });
    const series: ChartOption = {
      grid: { ...GRID, top: 40 },
      tooltip: axisTooltip((v, i) => (i === 0 ? f.money(v) : f.integer(v))),
      legend: legend(),
      xAxis: categoryAxis(m.data.tables.series.map((r) => f.month(r.month))),
      yAxis: [valueAxis((v) => f.moneyShort(v, currency)), valueAxis((v) => f.integer(v), { minInterval: 1, splitLine: { show: false } })],
      series: [
        { name: f.t('seasonality.revenue'), type: 'bar', barMaxWidth: 30, data: m.data.tables.series.map((r) => r.revenue) },
        { name: f.t('seasonality.receipts'), type: 'line', yAxisIndex: 1, data: m.data.tables.series.map((r) => r.receipts), color: '#d97706', lineStyle: { width: 2 } },
      ],
    };
    return {
      months: index(m.data.tables.months.map((r) => f.monthName(r.month)), m.data.tables.months),
      weekdays: index(m.data.tables.weekdays.map((r) => f.weekdayName(r.weekday)), m.data.tables.weekdays),
      series,
    };
  }, [f, m.data, what]);
  const s = m.data?.summary;
  return (
    <MeasurePanel name="seasonality" title={f.t('seasonality.title')} {...m}
      intro={s ? f.t('seasonality.intro', { count: s.receipts, revenue: f.money(s.revenue), receipts: f.integer(s.receipts), zone: s.timeZone }) : undefined}>
      {m.data && charts && (
        <>
          <div className="segmented segmented--small" role="radiogroup" aria-label={f.t('seasonality.show')}>
            {(['revenue', 'receipts'] as const).map((w) => (
              <button key={w} type="button" role="radio" aria-checked={what === w} className={what === w ? 'segmented__item segmented__item--on' : 'segmented__item'} onClick={() => setWhat(w)}>{f.t(`seasonality.${w}`)}</button>
            ))}
          </div>
          <p className="muted small">{f.t('seasonality.indexHint')}</p>
          <div className="chart-pair">
            <div>
              <h3 className="chart-title">{f.t('seasonality.byMonth')}</h3>
              <Chart option={charts.months} height={260} label={f.t('seasonality.byMonth')} testId="seasonality-months" />
            </div>
            <div>
              <h3 className="chart-title">{f.t('seasonality.byWeekday')}</h3>
              <Chart option={charts.weekdays} height={260} label={f.t('seasonality.byWeekday')} testId="seasonality-weekdays" />
            </div>
          </div>
          <details className="chart-table__table">
            <summary>{f.t('tableBehind')}</summary>
            <MeasureTable measure="seasonality" table="months" caption={f.t('seasonality.byMonth')} rows={m.data.tables.months.map((r) => ({ ...r, label: f.monthName(r.month) }))} columns={m.data.columns.months} hide={['month']} />
            <MeasureTable measure="seasonality" table="weekdays" caption={f.t('seasonality.byWeekday')} rows={m.data.tables.weekdays.map((r) => ({ ...r, label: f.weekdayName(r.weekday) }))} columns={m.data.columns.weekdays} hide={['weekday']} />
          </details>
          <h3 className="chart-title">{f.t('seasonality.overPeriod')}</h3>
          <ChartWithTable
            chart={<Chart option={charts.series} height={280} label={f.t('seasonality.overPeriod')} />}
            tableTitle={f.t('tableBehind')}
            table={<MeasureTable measure="seasonality" table="series" caption={f.t('seasonality.overPeriod')} rows={m.data.tables.series} columns={m.data.columns.series} />}
          />
        </>
      )}
    </MeasurePanel>
  );
}
