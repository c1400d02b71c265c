// Dependence on key customers: each customer's share of the revenue of the company, of each outlet and
// of each manager's book; customers above the key share, and the alert levels (20/30/40/50 % by default).
import { useMemo, useState } from 'react';
import { Chart } from '../../../components/Chart';
import { categoryAxis, escapeHtml, GRID, valueAxis, type ChartOption } from '../charts';
import { useFilters } from '../filters';
import { useFigures } from '../format';
import { ChartWithTable, Kpis, MeasurePanel } from '../MeasurePanel';
import { MeasureTable } from '../MeasureTable';
import { useMeasure, type Column, type Row } from '../measure';
import { customerLink } from './ValuePage';

const LEVEL_COLORS = ['#f59e0b', '#ea580c', '#dc2626', '#991b1b'];

export function DependencePage() {
  const f = useFigures();
  const [filters] = useFilters();
  const m = useMeasure('key-customers', filters);
  const [scopeKey, setScopeKey] = useState('company:');
  const view = useMemo(() => {
    if (!m.data) return null;
    const { scopes, customers } = m.data.tables;
    const levels = m.data.summary.alertLevels;
    const keyShare = m.data.summary.keyShare;
    const key = (s: { scope: string; scopeId: string | null }) => `${s.scope}:${s.scopeId ?? ''}`;
    const scope = scopes.find((s) => key(s) === scopeKey) ?? scopes[0];
    const list = customers.filter((c) => scope && key(c) === key(scope)).sort((a, b) => a.rank - b.rank);
    const top = Math.max(keyShare, ...list.map((c) => c.sharePercent));
    const option: ChartOption = {
      grid: { ...GRID, top: 26 },
      tooltip: { trigger: 'item', formatter: (p: { name: string; value: number }) => `<div dir="auto">${escapeHtml(p.name)}: <b>${f.percent(p.value)}</b></div>` },
      yAxis: categoryAxis(list.map((c) => c.name ?? c.customerId.slice(0, 8)), { inverse: true }),
      xAxis: valueAxis((v) => f.percent(v, 0), { min: 0, max: Math.min(100, Math.ceil((Math.max(top, levels[0] ?? 20) + 5) / 10) * 10) }),
      series: [{
        type: 'bar', barMaxWidth: 18,
        data: list.map((c) => ({ value: c.sharePercent, itemStyle: { color: c.alert !== null ? LEVEL_COLORS[Math.max(0, levels.indexOf(c.alert))] : c.key ? '#0f766e' : '#94d3cb' } })),
        label: { show: true, position: 'right', formatter: (p: { value: number }) => f.percent(p.value) },
        // The category axis is inverted (rank 1 on top), so the lines "start" at the top, above the bars and clear of the axis labels.
        markLine: {
          symbol: 'none', silent: true,
          data: [
            { xAxis: keyShare, lineStyle: { color: '#0f766e', type: 'dotted' }, label: { position: 'start', formatter: f.t('dependence.keyLine', { share: f.percent(keyShare, 0) }), color: '#0f766e' } },
            ...levels.map((l, i) => ({ xAxis: l, lineStyle: { color: LEVEL_COLORS[i] ?? '#dc2626', type: 'dashed' }, label: { position: 'start', formatter: f.percent(l, 0), color: LEVEL_COLORS[i] ?? '#dc2626' } })),
          ],
        },
      }],
    };
    return { scopes, scope, list, option, key, levels };
  }, [f, m.data, scopeKey]);
  const s = m.data?.summary;
  const nameOf = (x: { scope?: unknown; scopeName?: unknown; scopeId?: unknown }) => (x.scope === 'company' ? f.t('values.scope.company')
    : typeof x.scopeName === 'string' ? x.scopeName : x.scope === 'outlet' && x.scopeId === null ? f.t('dependence.noOutlet') : f.t('dependence.unnamed'));
  const scopeLabel = (x: { scope: string; scopeName: string | null; scopeId: string | null }) => (x.scope === 'company' ? nameOf(x) : `${f.name('scope', x.scope)}: ${nameOf(x)}`);
  const alertBadge = (alert: number | null) => (alert === null ? <span className="badge badge--ok">{f.t('dependence.noAlert')}</span> : <span className="badge badge--danger">{f.t('dependence.alert', { level: f.percent(alert, 0) })}</span>);
  const render = (c: Column, row: Row) => {
    if (c.key === 'alert') return alertBadge(typeof row.alert === 'number' ? row.alert : null);
    if (c.key === 'scopeName') return <bdi>{row.scope === 'company' ? nameOf(row) : `${f.name('scope', String(row.scope))}: ${nameOf(row)}`}</bdi>;
    return customerLink(c, row);
  };
  return (
    <MeasurePanel name="key-customers" title={f.t('dependence.title')} {...m}
      intro={s ? f.t('dependence.intro', { key: f.percent(s.keyShare, 0), levels: s.alertLevels.map((l) => f.percent(l, 0)).join(' · ') }) : undefined}>
      {s && (
        <Kpis items={[
          { label: f.t('dependence.companyAlert'), value: s.companyAlert === null ? f.t('dependence.noAlert') : f.percent(s.companyAlert, 0), tone: s.companyAlert === null ? undefined : s.companyAlert >= 40 ? 'danger' : 'warning', testId: 'kpi-alert' },
          { label: f.t('dependence.keyCustomers'), value: f.integer(s.keyCustomers), note: f.t('dependence.keyNote', { share: f.percent(s.keyShare, 0) }) },
        ]} />
      )}
      {m.data && view && (
        <>
          <MeasureTable measure="key-customers" table="scopes" caption={f.t('dependence.scopesTitle')} rows={m.data.tables.scopes} columns={m.data.columns.scopes} hide={['scopeId', 'scope']} render={render} />
          <div className="field field--inline">
            <label htmlFor="dependence-scope">{f.t('dependence.scope')}</label>
            <select id="dependence-scope" value={view.scope ? view.key(view.scope) : ''} onChange={(e) => setScopeKey(e.target.value)}>
              {view.scopes.map((x) => <option key={view.key(x)} value={view.key(x)}>{scopeLabel(x)}</option>)}
            </select>
          </div>
          <ChartWithTable
            chart={<Chart option={view.option} height={Math.max(220, 60 + view.list.length * 28)} label={f.t('dependence.chartLabel')} testId="dependence-chart" />}
            tableTitle={f.t('tableBehind')}
            table={<MeasureTable measure="key-customers" table="customers" caption={f.t('dependence.title')} rows={view.list} columns={m.data.columns.customers} hide={['scope', 'scopeId', 'scopeName', 'customerId']} render={render} />}
          />
        </>
      )}
    </MeasurePanel>
  );
}
