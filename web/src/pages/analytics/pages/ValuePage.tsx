// What a customer is worth: lifetime value by the simple formula (S × C × P × T), the predictive CLV
// from the fitted BG/NBD and Gamma-Gamma models, and the valuable customers who are slipping away.
import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { Chart } from '../../../components/Chart';
import { axisTooltip, categoryAxis, GRID, valueAxis, type ChartOption } from '../charts';
import { useFilters } from '../filters';
import { useFigures } from '../format';
import { Kpis, MeasurePanel } from '../MeasurePanel';
import { MeasureTable } from '../MeasureTable';
import { useMeasure, type Column, type Row } from '../measure';

export function ValuePage() {
  return (
    <>
      <LtvPanel />
      <ClvPanel />
      <SlippingPanel />
    </>
  );
}

/** Customer names link to the customer's file. */
export function customerLink(c: Column, row: Row) {
  if (c.key !== 'name' || typeof row.customerId !== 'string') return undefined;
  return <Link to={`/customers/${row.customerId}`}><bdi>{typeof row.name === 'string' ? row.name : row.customerId.slice(0, 8)}</bdi></Link>;
}

function LtvPanel() {
  const f = useFigures();
  const [filters] = useFilters();
  const m = useMeasure('ltv', filters);
  const s = m.data?.summary;
  const value = (v: number | null, unit: string) => {
    if (v === null) return '—';
    if (unit === 'money') return f.money(v);
    if (unit === 'share') return f.share(v);
    return f.number(v, 2);
  };
  return (
    <MeasurePanel name="ltv" title={f.t('ltv.title')} intro={f.t('ltv.intro')} {...m}>
      {s && (
        <>
          <Kpis items={[
            { label: f.t('ltv.ltv'), value: s.ltv === null ? '—' : f.money(s.ltv), note: s.ltv === null ? f.t('ltv.noLtv') : f.t('ltv.revenueLtv', { value: s.revenueLtv === null ? '—' : f.money(s.revenueLtv) }), testId: 'kpi-ltv' },
            { label: f.t('ltv.lifetime'), value: s.lifetimeMonths === null ? '—' : f.t('ltv.months', { count: Math.round(s.lifetimeMonths * 10) / 10, value: f.number(s.lifetimeMonths, 1) }), note: s.lifetimeSource ? f.t(`ltv.source.${s.lifetimeSource}`) : f.t('ltv.noChurn') },
            { label: f.t('ltv.costCoverage'), value: s.costCoverage === null ? '—' : f.share(s.costCoverage), note: f.t('ltv.costCoverageNote') },
          ]} />
          <div className="ltv-formula" aria-label={f.t('ltv.formula')}>
            {(['S', 'C', 'P', 'T'] as const).map((k, i) => {
              const row = m.data?.tables.factors.find((r) => r.factor === k);
              return (
                <span key={k} className="ltv-formula__part">
                  {i > 0 && <span className="ltv-formula__times" aria-hidden="true">×</span>}
                  <span className="ltv-formula__factor">
                    <span className="ltv-formula__letter">{k}</span>
                    <span className="ltv-formula__value">{row ? value(row.value, row.unit) : '—'}</span>
                    <span className="ltv-formula__name">{f.t(`ltv.factors.${k}`)}</span>
                  </span>
                </span>
              );
            })}
          </div>
        </>
      )}
    </MeasurePanel>
  );
}

function ClvPanel() {
  const f = useFigures();
  const [filters] = useFilters();
  const m = useMeasure('clv', filters, { limit: 20 });
  const charts = useMemo(() => {
    if (!m.data || !m.data.summary.available) return null;
    const alive: ChartOption = {
      grid: { ...GRID, top: 20 },
      tooltip: axisTooltip((v) => f.integer(v)),
      xAxis: categoryAxis(m.data.tables.pAlive.map((r) => `${f.share(r.from, 0)}–${f.share(r.to, 0)}`), { name: f.t('clv.pAlive'), nameLocation: 'middle', nameGap: 28 }),
      yAxis: valueAxis((v) => f.integer(v), { minInterval: 1 }),
      series: [{ name: f.t('clv.customers'), type: 'bar', data: m.data.tables.pAlive.map((r) => r.customers), barMaxWidth: 40, color: '#7c3aed' }],
    };
    const deciles: ChartOption = {
      grid: { ...GRID, top: 20 },
      tooltip: axisTooltip((v) => f.money(v)),
      xAxis: categoryAxis(m.data.tables.deciles.map((r) => f.integer(r.decile)), { name: f.t('clv.decile'), nameLocation: 'middle', nameGap: 28 }),
      yAxis: valueAxis((v) => f.moneyShort(v, m.data!.period.currency)),
      series: [{ name: f.t('clv.clv'), type: 'bar', data: m.data.tables.deciles.map((r) => r.clv), barMaxWidth: 40 }],
    };
    return { alive, deciles };
  }, [f, m.data]);
  const s = m.data?.summary;
  return (
    <MeasurePanel name="clv" title={f.t('clv.title')} intro={f.t('clv.intro')} {...m}>
      {s && !s.available && <p className="muted" data-testid="clv-unavailable">{clvReason(s) ? f.t(`clv.reasons.${clvReason(s)}`, { defaultValue: f.t('clv.unavailable') }) : f.t('clv.unavailable')}</p>}
      {s && s.available && m.data && charts && (
        <>
          <Kpis items={[
            { label: f.t('clv.total'), value: s.totalClv === null ? '—' : f.money(s.totalClv), note: f.t('clv.horizon', { count: s.horizonWeeks, weeks: f.integer(s.horizonWeeks) }) },
            { label: f.t('clv.mean'), value: s.meanClv === null ? '—' : f.money(s.meanClv), note: f.t('clv.customersNote', { count: s.customers }) },
            ...(s.holdout ? [{ label: f.t('clv.holdout'), value: s.holdout.error === null ? '—' : f.share(s.holdout.error), note: holdoutNote(f, s.holdout) }] : []),
          ]} />
          {clvWarnings(s).length > 0 && (
            <ul className="muted small" data-testid="clv-warnings">{clvWarnings(s).map((w) => <li key={w}>{f.t(`clv.warnings.${w}`, { defaultValue: w })}</li>)}</ul>
          )}
          <div className="chart-pair">
            <div><h3 className="chart-title">{f.t('clv.pAliveTitle')}</h3><Chart option={charts.alive} height={260} label={f.t('clv.pAliveTitle')} /></div>
            <div><h3 className="chart-title">{f.t('clv.decilesTitle')}</h3><Chart option={charts.deciles} height={260} label={f.t('clv.decilesTitle')} /></div>
          </div>
          <h3 className="chart-title">{f.t('clv.topTitle')}</h3>
          <MeasureTable measure="clv" table="top" caption={f.t('clv.topTitle')} rows={m.data.tables.top} columns={m.data.columns.top} hide={['customerId']} render={customerLink} />
          {s.bgnbd && (
            <details className="small">
              <summary>{f.t('clv.parameters')}</summary>
              <dl className="details" dir="ltr">
                <div><dt>BG/NBD</dt><dd>r = {f.number(s.bgnbd.r, 4)}, α = {f.number(s.bgnbd.alpha, 4)}, a = {f.number(s.bgnbd.a, 4)}, b = {f.number(s.bgnbd.b, 4)}, LL = {s.bgnbd.ll === null ? '—' : f.number(s.bgnbd.ll, 2)}</dd></div>
                {s.gammaGamma && <div><dt>Gamma-Gamma</dt><dd>p = {f.number(s.gammaGamma.p, 4)}, q = {f.number(s.gammaGamma.q, 4)}, v = {f.number(s.gammaGamma.v, 4)}, LL = {s.gammaGamma.ll === null ? '—' : f.number(s.gammaGamma.ll, 2)}</dd></div>}
              </dl>
            </details>
          )}
        </>
      )}
    </MeasurePanel>
  );
}

// The summary's reason, warnings and hold-out status are read defensively: an answer from a server
// older than these fields simply has none of them.
interface ClvExtras { reason?: string | null; warnings?: string[] }
const clvReason = (s: object) => (s as ClvExtras).reason ?? null;
const clvWarnings = (s: object) => (s as ClvExtras).warnings ?? [];

function holdoutNote(f: ReturnType<typeof useFigures>, h: { predicted: number | null; actual: number }): string {
  const status = (h as { status?: string }).status;
  if (h.predicted === null) return f.t(`clv.holdoutStatus.${status ?? 'not_computable'}`, { defaultValue: f.t('clv.holdoutNoPrediction', { actual: f.number(h.actual, 0) }), actual: f.number(h.actual, 0) });
  return f.t('clv.holdoutNote', { predicted: f.number(h.predicted, 1), actual: f.number(h.actual, 0) });
}

function SlippingPanel() {
  const f = useFigures();
  const [filters] = useFilters();
  const m = useMeasure('slipping-away', filters, { limit: 100 });
  const s = m.data?.summary;
  return (
    <MeasurePanel name="slipping-away" title={f.t('slipping.title')} {...m}
      intro={s ? f.t('slipping.intro', { share: f.share(s.valueShare, 0), by: f.t(`slipping.by.${s.by}`), below: f.share(s.below, 0), drop: f.share(s.minDrop, 0), count: s.lookbackDays, days: f.integer(s.lookbackDays) }) : undefined}>
      {s && <Kpis items={[{ label: f.t('slipping.customers'), value: f.integer(s.customers), tone: s.customers > 0 ? 'warning' : undefined }, { label: f.t('slipping.revenue'), value: f.money(s.revenue) }]} />}
      {m.data && (m.data.tables.customers.length === 0 ? <p className="muted">{f.t('slipping.none')}</p> : (
        <MeasureTable measure="slipping-away" table="customers" caption={f.t('slipping.title')} rows={m.data.tables.customers} columns={m.data.columns.customers} hide={['customerId']} render={customerLink} initial={20} testId="slipping-table" />
      ))}
    </MeasurePanel>
  );
}
