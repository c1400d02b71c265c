// Who brings the revenue: the Pareto curve, RFM segments, the ABC-XYZ matrix, and the average receipt
// of the best customers against the rest.
import { useMemo } from 'react';
import { Chart } from '../../../components/Chart';
import { axisTooltip, categoryAxis, escapeHtml, GRID, legend, valueAxis, type ChartOption } from '../charts';
import { useFilters } from '../filters';
import { useFigures, type Figures } from '../format';
import { ChartWithTable, Kpis, MeasurePanel } from '../MeasurePanel';
import { MeasureTable } from '../MeasureTable';
import { useMeasure, type MeasureResult } from '../measure';

export function CustomersPage() {
  return (
    <>
      <ParetoPanel />
      <RfmPanel />
      <AbcXyzPanel />
      <BestCustomersPanel />
    </>
  );
}

function ParetoPanel() {
  const f = useFigures();
  const [filters] = useFilters();
  const m = useMeasure('pareto', filters);
  const option = useMemo(() => (m.data ? paretoOption(f, m.data) : null), [f, m.data]);
  const s = m.data?.summary;
  return (
    <MeasurePanel name="pareto" title={f.t('pareto.title')} intro={f.t('pareto.intro')} {...m}>
      {s && (
        <Kpis items={[
          { label: f.t('pareto.topShare', { share: f.share(s.topShare, 0) }), value: f.share(s.topRevenueShare), note: f.t('pareto.topNote', { count: s.topCustomers, customers: f.integer(s.topCustomers), revenue: f.money(s.topRevenue) }), testId: 'pareto-top' },
          { label: f.t('pareto.forShare', { share: f.share(s.revenueShare, 0) }), value: f.share(s.customerShareForRevenueShare), note: f.t('pareto.forNote', { count: s.customersForRevenueShare, customers: f.integer(s.customersForRevenueShare) }) },
          { label: f.t('pareto.customers'), value: f.integer(s.customers), note: f.money(s.revenue) },
        ]} />
      )}
      {m.data && option && (
        <ChartWithTable
          chart={<Chart option={option} height={320} label={f.t('pareto.chartLabel')} testId="pareto-chart" />}
          tableTitle={f.t('tableBehind')}
          table={<MeasureTable measure="pareto" table="curve" caption={f.t('pareto.title')} rows={m.data.tables.curve.filter((_, i) => i % 10 === 0)} columns={m.data.columns.curve} initial={11} />}
        />
      )}
    </MeasurePanel>
  );
}

function paretoOption(f: Figures, d: MeasureResult<'pareto'>): ChartOption {
  const points = d.tables.curve.map((p) => [p.customerShare, p.revenueShare]);
  const s = d.summary;
  return {
    grid: { ...GRID, top: 30 },
    tooltip: {
      trigger: 'axis',
      formatter: (params: unknown) => {
        const p = (params as { value: [number, number] }[])[0];
        if (!p) return '';
        return `<div dir="auto">${escapeHtml(f.t('pareto.tooltip', { customers: f.share(p.value[0], 0), revenue: f.share(p.value[1]) }))}</div>`;
      },
    },
    legend: legend({ data: [f.t('pareto.curve'), f.t('pareto.equal')] }),
    xAxis: valueAxis((v) => f.share(v, 0), { min: 0, max: 1, name: f.t('pareto.xAxis'), nameLocation: 'middle', nameGap: 28, splitLine: { show: false } }),
    yAxis: valueAxis((v) => f.share(v, 0), { min: 0, max: 1 }),
    series: [
      {
        name: f.t('pareto.curve'), type: 'line', data: points, showSymbol: false, smooth: false, lineStyle: { width: 3 }, areaStyle: { opacity: 0.08 },
        markLine: {
          symbol: 'none', silent: true, lineStyle: { type: 'dashed', color: '#d97706' },
          label: { color: '#8a5a00', formatter: (p: { value: number }) => f.share(p.value, 0) },
          data: [{ xAxis: s.topShare }, { yAxis: s.revenueShare }],
        },
      },
      { name: f.t('pareto.equal'), type: 'line', data: [[0, 0], [1, 1]], showSymbol: false, lineStyle: { type: 'dotted', width: 1, color: '#94a3b8' }, color: '#94a3b8', silent: true },
    ],
  };
}

const SEGMENT_COLORS: Record<string, string> = {
  champions: '#0f766e', loyal: '#14b8a6', potential_loyalists: '#65a30d', new: '#2563eb', promising: '#0891b2', need_attention: '#d97706',
  about_to_sleep: '#f59e0b', at_risk: '#dc2626', cant_lose: '#be185d', hibernating: '#7c3aed', lost: '#64748b',
};

function RfmPanel() {
  const f = useFigures();
  const [filters] = useFilters();
  const m = useMeasure('rfm', filters);
  const options = useMemo(() => {
    if (!m.data) return null;
    const segments = m.data.tables.segments;
    const names = segments.map((x) => f.name('segment', x.segment));
    const bars: ChartOption = {
      grid: { ...GRID, top: 30 },
      tooltip: axisTooltip((v, i) => (i === 0 ? f.integer(v) : f.share(v))),
      legend: legend({ data: [f.t('rfm.customers'), f.t('rfm.revenueShare')] }),
      yAxis: categoryAxis(names, { inverse: true }),
      xAxis: [valueAxis((v) => f.integer(v), { minInterval: 1 }), valueAxis((v) => f.share(v, 0), { max: 1, splitLine: { show: false } })],
      series: [
        { name: f.t('rfm.customers'), type: 'bar', xAxisIndex: 0, data: segments.map((x) => ({ value: x.customers, itemStyle: { color: SEGMENT_COLORS[x.segment] ?? '#0f766e' } })), barMaxWidth: 18, label: { show: true, position: 'right', formatter: (p: { value: number }) => (p.value ? f.integer(p.value) : '') } },
        { name: f.t('rfm.revenueShare'), type: 'bar', xAxisIndex: 1, data: segments.map((x) => x.revenueShare), barMaxWidth: 8, itemStyle: { color: '#cbd5e1' } },
      ],
    };
    const grid = m.data.tables.grid;
    const heat: ChartOption = {
      grid: { ...GRID, top: 10, bottom: 30, left: 36 },
      tooltip: { formatter: (p: { value: [number, number, number]; data: { segment: string } }) => `<div dir="auto">R ${p.value[1] + 1} · FM ${p.value[0] + 1}<br/>${escapeHtml(f.name('segment', p.data.segment))}: <b>${f.integer(p.value[2])}</b></div>` },
      xAxis: categoryAxis(['1', '2', '3', '4', '5'], { name: f.t('rfm.fm'), nameLocation: 'middle', nameGap: 26, splitArea: { show: true } }),
      yAxis: categoryAxis(['1', '2', '3', '4', '5'], { name: f.t('rfm.r'), nameLocation: 'middle', nameGap: 24, splitArea: { show: true } }),
      series: [{
        type: 'heatmap',
        data: grid.map((c) => ({ value: [c.fm - 1, c.r - 1, c.customers], segment: c.segment, itemStyle: { color: SEGMENT_COLORS[c.segment] ?? '#0f766e', opacity: c.customers > 0 ? 0.95 : 0.18 } })),
        label: { show: true, color: '#fff', fontWeight: 600, formatter: (p: { value: [number, number, number] }) => (p.value[2] ? f.integer(p.value[2]) : '') },
        itemStyle: { borderColor: '#fff', borderWidth: 2 },
      }],
    };
    return { bars, heat };
  }, [f, m.data]);
  return (
    <MeasurePanel name="rfm" title={f.t('rfm.title')} intro={f.t('rfm.intro')} {...m}>
      {m.data && options && (
        <>
          <div className="chart-pair">
            <Chart option={options.bars} height={360} label={f.t('rfm.chartLabel')} testId="rfm-chart" />
            <div>
              <h3 className="chart-title">{f.t('rfm.gridTitle')}</h3>
              <Chart option={options.heat} height={320} label={f.t('rfm.gridLabel')} />
            </div>
          </div>
          <details className="chart-table__table" open>
            <summary>{f.t('tableBehind')}</summary>
            <MeasureTable measure="rfm" table="segments" caption={f.t('rfm.title')} rows={m.data.tables.segments} columns={m.data.columns.segments} initial={11} />
          </details>
        </>
      )}
    </MeasurePanel>
  );
}

const ABC = ['A', 'B', 'C'];
const XYZ = ['X', 'Y', 'Z'];

function AbcXyzPanel() {
  const f = useFigures();
  const [filters] = useFilters();
  const m = useMeasure('abc-xyz', filters);
  const option = useMemo((): ChartOption | null => {
    if (!m.data) return null;
    const cells = m.data.tables.matrix;
    const max = Math.max(1, ...cells.map((c) => c.revenueShare));
    return {
      grid: { ...GRID, top: 10, bottom: 10 },
      tooltip: { formatter: (p: { data: { abc: string; xyz: string; customers: number; revenue: number; revenueShare: number } }) => `<div dir="auto"><b>${p.data.abc}${p.data.xyz}</b><br/>${escapeHtml(f.t('abc.cellTooltip', { count: p.data.customers, customers: f.integer(p.data.customers), revenue: f.money(p.data.revenue), share: f.share(p.data.revenueShare) }))}</div>` },
      xAxis: categoryAxis(XYZ.map((x) => f.t(`abc.xyz.${x}`)), { position: 'top', splitArea: { show: true } }),
      yAxis: categoryAxis(ABC.map((a) => f.t(`abc.abc.${a}`)), { inverse: true, splitArea: { show: true } }),
      visualMap: { min: 0, max, show: false, inRange: { color: ['#f0fdfa', '#5eead4', '#0f766e'] } },
      series: [{
        type: 'heatmap',
        data: cells.map((c) => ({ value: [XYZ.indexOf(c.xyz), ABC.indexOf(c.abc), c.revenueShare], ...c })),
        label: {
          show: true, fontSize: 13, lineHeight: 18,
          formatter: (p: { data: { abc: string; xyz: string; customers: number; revenueShare: number } }) => `{b|${p.data.abc}${p.data.xyz}}\n${f.integer(p.data.customers)} · ${f.share(p.data.revenueShare, 0)}`,
          rich: { b: { fontWeight: 700, fontSize: 15 } },
        },
        itemStyle: { borderColor: '#fff', borderWidth: 3 },
      }],
    };
  }, [f, m.data]);
  const s = m.data?.summary;
  return (
    <MeasurePanel name="abc-xyz" title={f.t('abc.title')} intro={s ? f.t('abc.intro', { a: f.integer(s.abc.a), b: f.integer(s.abc.b), c: f.integer(s.abc.c), x: f.integer(s.xyz.x), y: f.integer(s.xyz.y) }) : undefined} {...m}>
      {m.data && option && (
        <ChartWithTable
          chart={<Chart option={option} height={300} label={f.t('abc.chartLabel')} testId="abc-chart" />}
          tableTitle={f.t('tableBehind')}
          table={<MeasureTable measure="abc-xyz" table="matrix" caption={f.t('abc.title')} rows={m.data.tables.matrix} columns={m.data.columns.matrix} initial={9} />}
        />
      )}
    </MeasurePanel>
  );
}

function BestCustomersPanel() {
  const f = useFigures();
  const [filters] = useFilters();
  const m = useMeasure('best-customers', filters);
  const option = useMemo((): ChartOption | null => {
    if (!m.data) return null;
    const groups = m.data.tables.groups;
    return {
      grid: { ...GRID, top: 20 },
      tooltip: axisTooltip((v) => f.money(v)),
      xAxis: categoryAxis(groups.map((g) => f.name('group', g.group))),
      yAxis: valueAxis((v) => f.moneyShort(v, m.data!.period.currency)),
      series: [{ name: f.t('best.averageReceipt'), type: 'bar', barMaxWidth: 56, data: groups.map((g) => g.averageReceipt), label: { show: true, position: 'top', formatter: (p: { value: number | null }) => (p.value === null ? '' : f.money(p.value)) } }],
    };
  }, [f, m.data]);
  const s = m.data?.summary;
  return (
    <MeasurePanel name="best-customers" title={f.t('best.title')} intro={s ? f.t('best.intro', { share: f.share(s.bestShare, 0), ratio: s.ratio === null ? '—' : f.number(s.ratio) }) : undefined} {...m}>
      {m.data && option && (
        <ChartWithTable
          chart={<Chart option={option} height={260} label={f.t('best.chartLabel')} />}
          tableTitle={f.t('tableBehind')}
          table={<MeasureTable measure="best-customers" table="groups" caption={f.t('best.title')} rows={m.data.tables.groups} columns={m.data.columns.groups} />}
        />
      )}
    </MeasurePanel>
  );
}
