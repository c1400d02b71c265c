// Measures of value and risk: LTV by the simple formula, predictive CLV, the slipping-away list and
// dependence on key customers.
import { z } from 'zod';
import { dayLabel } from '../domain/calendar.js';
import { dependence, type DependenceScope } from '../domain/dependence.js';
import { simpleLtv } from '../domain/ltv.js';
import { cannotFitHistory, FIT_WARNINGS, HOLDOUT_STATUSES, MIN_CUSTOMERS, MIN_FIT_CUSTOMERS, MIN_REPEATERS, type FitWarning, type HoldoutStatus } from '../domain/predictive.js';
import { monthRanges, retention } from '../domain/retention.js';
import { slippingAway } from '../domain/slipping.js';
import { note, type Note } from '../notes.js';
import { byId } from './customers.js';
import { col, finite, type Measure } from './types.js';

export const ltvMeasure: Measure = {
  name: 'ltv',
  title: 'Lifetime value: S × C × P × T',
  tables: { factors: [col('factor', 'Factor', 'text'), col('name', 'Meaning', 'text'), col('value', 'Value', 'number', true), col('unit', 'Unit', 'text')] },
  summary: z.object({
    averageReceipt: z.number().nullable(), purchasesPerMonth: z.number().nullable(), marginShare: z.number().nullable(), lifetimeMonths: z.number().nullable(),
    lifetimeSource: z.enum(['churn', 'owner']).nullable(), ltv: z.number().nullable(), revenueLtv: z.number().nullable(), costCoverage: z.number().nullable(), monthlyChurn: z.number().nullable(),
  }),
  async compute(s) {
    const h = await s.history();
    const { period, settings } = s.input;
    let revenue = 0;
    let receipts = 0;
    let customers = 0;
    for (let i = 0; i < h.facts.count; i++) {
      if ((h.facts.wReceipts[i] as number) === 0) continue;
      customers++;
      revenue += h.facts.wRevenue[i] as number;
      receipts += h.facts.wReceipts[i] as number;
    }
    const members = h.economics.filter((e) => e.member);
    const churns = retention(h.facts.activity, monthRanges(period.months), settings.activityWindowMonths).map((r) => r.churn).filter((c): c is number => c !== null);
    const monthlyChurn = churns.length ? churns.reduce((a, b) => a + b, 0) / churns.length : null;
    const r = simpleLtv({
      revenue, receipts, customers, months: period.months.length, monthlyChurn, lifetimeMonths: settings.lifetimeMonths,
      costedRevenue: members.reduce((sum, e) => sum + e.costedRevenue, 0), cost: members.reduce((sum, e) => sum + e.cost, 0),
    });
    const clean = Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'number' ? finite(v) : v]));
    return {
      summary: { ...clean, monthlyChurn: finite(monthlyChurn) },
      tables: {
        factors: [
          { factor: 'S', name: 'average receipt', value: finite(r.averageReceipt), unit: 'money' },
          { factor: 'C', name: 'purchases per month', value: finite(r.purchasesPerMonth), unit: 'receipts per customer per month' },
          { factor: 'P', name: 'margin share', value: finite(r.marginShare), unit: 'share' },
          { factor: 'T', name: 'average lifetime', value: finite(r.lifetimeMonths), unit: 'months' },
          { factor: 'LTV', name: 'S × C × P × T', value: finite(r.ltv), unit: 'money' },
          { factor: 'S × C × T', name: 'revenue over the lifetime', value: finite(r.revenueLtv), unit: 'money' },
        ],
      },
      notes: [note('ltv_lifetime')],
    };
  },
};

const histogram = (values: Float64Array, edges: number[]) => edges.slice(0, -1).map((from, k) => {
  const to = edges[k + 1] as number;
  let n = 0;
  for (const v of values) if (v >= from && (v < to || (k === edges.length - 2 && v <= to))) n++;
  return { from, to, customers: n };
});

/** Why the CLV answer has no model: nobody bought twice, the fit did not converge, or it predicts nothing finite. */
const CLV_REASONS = ['no_repeat_purchases', 'too_few_customers', 'not_converged', 'not_computable'] as const;
type ClvReason = (typeof CLV_REASONS)[number];

const REASON_NOTES: Record<ClvReason, () => Note> = {
  no_repeat_purchases: () => note('clv_no_repeat_purchases'),
  too_few_customers: () => note('clv_too_few_customers', { customers: MIN_FIT_CUSTOMERS }),
  not_converged: () => note('clv_not_converged'),
  not_computable: () => note('clv_not_computable'),
};
const WARNING_NOTES: Record<FitWarning, () => Note> = {
  few_customers: () => note('clv_few_customers', { customers: MIN_CUSTOMERS, repeaters: MIN_REPEATERS }),
  edge_of_parameter_space: () => note('clv_edge_of_parameter_space'),
  spend_not_converged: () => note('clv_spend_not_converged'),
};
const HOLDOUT_NOTES: Record<HoldoutStatus, (() => Note) | null> = {
  ok: null,
  no_history: () => note('holdout_no_history'),
  no_repeat_purchases: () => note('holdout_no_repeat_purchases'),
  too_few_customers: () => note('holdout_too_few_customers', { customers: MIN_FIT_CUSTOMERS }),
  not_converged: () => note('holdout_not_converged'),
  not_computable: () => note('holdout_not_computable'),
  no_purchases: () => note('holdout_no_purchases'),
};

const allFinite = (o: object) => Object.values(o).every((v) => typeof v !== 'number' || Number.isFinite(v));

export const clvMeasure: Measure = {
  name: 'clv',
  title: 'Predictive CLV (BG/NBD + Gamma-Gamma)',
  tables: {
    pAlive: [col('from', 'P(alive) from', 'number'), col('to', 'P(alive) to', 'number'), col('customers', 'Customers', 'integer')],
    deciles: [col('decile', 'Decile', 'integer'), col('customers', 'Customers', 'integer'), col('clv', 'CLV', 'money'), col('share', 'Share of total CLV', 'share')],
    top: [col('customerId', 'Customer id', 'text'), col('name', 'Customer', 'text', true), col('visits', 'Purchases', 'integer'), col('revenue', 'Revenue (all time)', 'money'),
      col('pAlive', 'P(alive)', 'share', true), col('expectedPurchases', 'Expected purchases', 'number', true), col('expectedSpend', 'Expected spend per purchase', 'money', true), col('clv', 'CLV', 'money', true)],
  },
  summary: z.object({
    available: z.boolean(),
    reason: z.enum(CLV_REASONS).nullable().describe('Why there is no model (available = false): no_repeat_purchases, too_few_customers, not_converged or not_computable'),
    warnings: z.array(z.enum(FIT_WARNINGS)).describe('What makes the figures rough: few_customers, edge_of_parameter_space, spend_not_converged'),
    customers: z.number().int(), horizonWeeks: z.number(), monthlyDiscountRate: z.number(), totalClv: z.number().nullable(), meanClv: z.number().nullable(), fitMs: z.number(),
    bgnbd: z.object({ r: z.number(), alpha: z.number(), a: z.number(), b: z.number(), ll: z.number().nullable(), converged: z.boolean() }).nullable(),
    gammaGamma: z.object({ p: z.number(), q: z.number(), v: z.number(), ll: z.number().nullable(), customers: z.number().int(), converged: z.boolean() }).nullable(),
    holdout: z.object({
      status: z.enum(HOLDOUT_STATUSES).describe('ok, or why a figure is missing: no_history, no_repeat_purchases, too_few_customers, not_converged, not_computable, no_purchases'),
      from: z.string(), weeks: z.number(), customers: z.number().int(), predicted: z.number().nullable(), actual: z.number(), error: z.number().nullable(),
    }).nullable(),
  }),
  async compute(s, options) {
    const { facts } = await s.history();
    const p = await s.predictive();
    const { clv: o } = s.input.settings;
    const bgnbd = p && allFinite(p.bgnbd.params) ? { ...p.bgnbd.params, ll: finite(p.bgnbd.ll), converged: p.bgnbd.converged } : null;
    const modelled: number[] = [];
    if (p) for (let i = 0; i < facts.count; i++) if (Number.isFinite(p.pAlive[i] as number) && Number.isFinite(p.expectedPurchases[i] as number)) modelled.push(i);
    const reason: ClvReason | null = !p ? cannotFitHistory(facts) ?? 'no_repeat_purchases' : !bgnbd || !bgnbd.converged ? 'not_converged' : modelled.length === 0 ? 'not_computable' : null;
    if (!p || reason) {
      return {
        summary: { available: false, reason, warnings: [], customers: p?.customers ?? facts.count, horizonWeeks: o.horizonWeeks, monthlyDiscountRate: o.monthlyDiscountRate, totalClv: null, meanClv: null, fitMs: Math.round(p?.fitMs ?? 0), bgnbd, gammaGamma: null, holdout: null },
        tables: { pAlive: [], deciles: [], top: [] },
        notes: [REASON_NOTES[reason ?? 'no_repeat_purchases']()],
      };
    }
    // A spend model whose parameters are not numbers is no spend model: CLV in money is then unknown.
    const gg = p.gammaGamma && allFinite(p.gammaGamma.params) ? p.gammaGamma : null;
    const values = Float64Array.from(modelled, (i) => p.clv[i] as number).filter(Number.isFinite).sort().reverse();
    const total = values.reduce((a, b) => a + b, 0);
    const deciles = Array.from({ length: 10 }, (_, d) => {
      const from = Math.floor((d * values.length) / 10);
      const to = Math.floor(((d + 1) * values.length) / 10);
      const sum = values.subarray(from, to).reduce((a, b) => a + b, 0);
      return { decile: d + 1, customers: to - from, clv: sum, share: total > 0 ? sum / total : 0 };
    });
    const tie = byId(facts.ids);
    // Most valuable first; without a spend model, most expected purchases first.
    const worth = gg ? p.clv : p.expectedPurchases;
    const top = [...modelled].sort((a, b) => ((worth[b] as number) || 0) - ((worth[a] as number) || 0) || tie(a, b)).slice(0, options.limit);
    const names = await s.names(top.map((i) => facts.ids[i] as string));
    const h = p.holdout;
    const notes = [note('clv_fit'), ...p.warnings.map((w) => WARNING_NOTES[w]())];
    const holdoutNote = h ? HOLDOUT_NOTES[h.status] : null;
    if (holdoutNote) notes.push(holdoutNote());
    return {
      summary: {
        available: true, reason: null, warnings: p.warnings, customers: p.customers, horizonWeeks: p.horizonWeeks, monthlyDiscountRate: o.monthlyDiscountRate,
        totalClv: gg && values.length ? total : null, meanClv: gg && values.length ? total / values.length : null, fitMs: Math.round(p.fitMs),
        bgnbd,
        gammaGamma: gg ? { ...gg.params, ll: finite(gg.ll), customers: gg.customers, converged: gg.converged } : null,
        holdout: h ? { status: h.status, from: dayLabel(h.fromDay), weeks: h.weeks, customers: h.customers, predicted: finite(h.predicted), actual: h.actual, error: finite(h.error) } : null,
      },
      tables: {
        pAlive: histogram(Float64Array.from(modelled, (i) => p.pAlive[i] as number), [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]),
        deciles,
        top: top.map((i) => ({ customerId: facts.ids[i] as string, name: names.get(facts.ids[i] as string) ?? null, visits: facts.visits[i] as number, revenue: facts.revenue[i] as number,
          pAlive: finite(p.pAlive[i]), expectedPurchases: finite(p.expectedPurchases[i]), expectedSpend: gg ? finite(p.expectedSpend[i]) : null, clv: gg ? finite(p.clv[i]) : null })),
      },
      notes,
    };
  },
};

export const slippingMeasure: Measure = {
  name: 'slipping-away',
  title: 'Valuable customers slipping away',
  tables: {
    customers: [col('customerId', 'Customer id', 'text'), col('name', 'Customer', 'text', true), col('lastPurchase', 'Last purchase', 'date'), col('visits', 'Purchases', 'integer'),
      col('revenue', 'Revenue (all time)', 'money'), col('clv', 'CLV', 'money', true), col('pAlive', 'P(alive) now', 'share'), col('pAliveBefore', 'P(alive) before', 'share')],
  },
  summary: z.object({ by: z.enum(['revenue', 'clv']), valueShare: z.number(), below: z.number(), minDrop: z.number(), lookbackDays: z.number().int(), customers: z.number().int(), revenue: z.number(), shown: z.number().int() }),
  async compute(s, options) {
    const { facts } = await s.history();
    const p = await s.predictive();
    const o = s.input.settings.slipping;
    const list = p ? slippingAway(o.by === 'clv' ? p.clv : facts.revenue, p.pAlive, p.pAlivePrevious, { ...o, tieBreak: byId(facts.ids) }) : [];
    const shown = list.slice(0, options.limit);
    const names = await s.names(shown.map((i) => facts.ids[i] as string));
    return {
      summary: { by: o.by, valueShare: o.valueShare, below: o.below, minDrop: o.minDrop, lookbackDays: o.lookbackDays, customers: list.length, revenue: list.reduce((sum, i) => sum + (facts.revenue[i] as number), 0), shown: shown.length },
      tables: {
        customers: p ? shown.map((i) => ({ customerId: facts.ids[i] as string, name: names.get(facts.ids[i] as string) ?? null, lastPurchase: dayLabel(facts.lastDay[i] as number), visits: facts.visits[i] as number,
          revenue: facts.revenue[i] as number, clv: finite(p.clv[i]), pAlive: p.pAlive[i] as number, pAliveBefore: p.pAlivePrevious[i] as number })) : [],
      },
      notes: [note(o.by === 'clv' ? 'slipping_by_clv' : 'slipping_by_revenue', { valueShare: o.valueShare, below: o.below, minDrop: o.minDrop, days: o.lookbackDays })],
    };
  },
};

export const keyCustomersMeasure: Measure = {
  name: 'key-customers',
  title: 'Dependence on key customers',
  tables: {
    scopes: [col('scope', 'Scope', 'text'), col('scopeId', 'Scope id', 'text', true), col('scopeName', 'Name', 'text', true), col('total', 'Revenue', 'money'), col('largestShare', 'Largest customer %', 'percent', true),
      col('top5Share', 'Top 5 customers %', 'percent', true), col('keyCustomers', 'Key customers', 'integer'), col('alert', 'Alert level %', 'percent', true)],
    customers: [col('scope', 'Scope', 'text'), col('scopeId', 'Scope id', 'text', true), col('scopeName', 'Name', 'text', true), col('rank', 'Rank', 'integer'), col('customerId', 'Customer id', 'text'), col('name', 'Customer', 'text', true),
      col('revenue', 'Revenue', 'money'), col('sharePercent', 'Share %', 'percent'), col('key', 'Key customer', 'boolean'), col('alert', 'Alert level %', 'percent', true)],
  },
  summary: z.object({ keyShare: z.number(), alertLevels: z.array(z.number()), companyAlert: z.number().nullable(), keyCustomers: z.number().int() }),
  async compute(s) {
    const h = await s.history();
    const { settings } = s.input;
    const f = h.facts;
    const scopes: DependenceScope[] = [];
    const companyTotal = f.wRevenue.reduce((a, b) => a + b, 0) + h.anonymous.revenue;
    const company = [];
    for (let i = 0; i < f.count; i++) if ((f.wRevenue[i] as number) > 0) company.push({ customerId: f.ids[i] as string, revenue: f.wRevenue[i] as number });
    scopes.push({ scope: 'company', scopeId: null, total: companyTotal, customers: company });
    const byOutlet = new Map<string | null, DependenceScope & { customers: { customerId: string; revenue: number }[] }>();
    for (const r of await s.outletShares()) {
      const sc = byOutlet.get(r.outlet_id) ?? { scope: 'outlet', scopeId: r.outlet_id, total: r.total, customers: [] };
      if (r.customer_id) sc.customers.push({ customerId: r.customer_id, revenue: r.revenue });
      byOutlet.set(r.outlet_id, sc);
    }
    scopes.push(...[...byOutlet.values()].sort((p, q) => (p.scopeId === q.scopeId ? 0 : p.scopeId === null ? 1 : q.scopeId === null ? -1 : p.scopeId < q.scopeId ? -1 : 1)));
    const managers = await s.managers();
    const books = new Map<string, DependenceScope>();
    for (let i = 0; i < f.count; i++) {
      const manager = managers.get(f.ids[i] as string);
      if (!manager) continue;
      const book = books.get(manager) ?? { scope: 'manager', scopeId: manager, total: 0, customers: [] };
      book.total += f.wRevenue[i] as number;
      if ((f.wRevenue[i] as number) > 0) (book.customers as { customerId: string; revenue: number }[]).push({ customerId: f.ids[i] as string, revenue: f.wRevenue[i] as number });
      books.set(manager, book);
    }
    scopes.push(...books.values());
    const r = dependence(scopes, { keyShare: settings.keyShare, levels: settings.alertLevels, top: 10 });
    const names = await s.names([...new Set(r.customers.map((c) => c.customerId))]);
    const outletNames = await s.input.lookup.outlets();
    const staffNames = await s.input.lookup.staff();
    const scopeName = (scope: string, id: string | null) => (id === null ? null : (scope === 'outlet' ? outletNames : staffNames).get(id) ?? null);
    const companySummary = r.scopes.find((x) => x.scope === 'company');
    return {
      summary: { keyShare: settings.keyShare, alertLevels: settings.alertLevels, companyAlert: companySummary?.alert ?? null, keyCustomers: companySummary?.keyCustomers ?? 0 },
      tables: {
        scopes: r.scopes.map((x) => ({ ...x, scopeName: scopeName(x.scope, x.scopeId), largestShare: finite(x.largestShare), top5Share: finite(x.top5Share) })),
        customers: r.customers.map((c) => ({
          scope: c.scope, scopeId: c.scopeId, scopeName: scopeName(c.scope, c.scopeId), rank: c.rank, customerId: c.customerId, name: names.get(c.customerId) ?? null,
          revenue: c.revenue, sharePercent: c.share, key: c.key, alert: c.alert,
        })),
      },
      notes: [note('key_customers_totals')],
    };
  },
};
