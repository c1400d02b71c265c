// Measures of value and risk: LTV by the simple formula, predictive CLV, the slipping-away list,
// dependence on key customers, and the program's economics.
import { z } from 'zod';
import { dayLabel, monthLabel } from '../domain/calendar.js';
import { dependence, type DependenceScope } from '../domain/dependence.js';
import { pointsEconomics, purchaseEconomics, type EconomicsRow } from '../domain/economics.js';
import { simpleLtv } from '../domain/ltv.js';
import { monthRanges, retention } from '../domain/retention.js';
import { slippingAway } from '../domain/slipping.js';
import { byId } from './customers.js';
import { col, finite, type Measure, type Row } from './types.js';

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
      notes: ['T is 100 / the average monthly churn of the period unless the owner set a lifetime. P rests on the receipts whose cost is known (costCoverage).'],
    };
  },
};

const histogram = (values: Float64Array, edges: number[]) => edges.slice(0, -1).map((from, k) => {
  const to = edges[k + 1] as number;
  let n = 0;
  for (const v of values) if (v >= from && (v < to || (k === edges.length - 2 && v <= to))) n++;
  return { from, to, customers: n };
});

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
    available: z.boolean(), customers: z.number().int(), horizonWeeks: z.number(), monthlyDiscountRate: z.number(), totalClv: z.number().nullable(), meanClv: z.number().nullable(), fitMs: z.number(),
    bgnbd: z.object({ r: z.number(), alpha: z.number(), a: z.number(), b: z.number(), ll: z.number(), converged: z.boolean() }).nullable(),
    gammaGamma: z.object({ p: z.number(), q: z.number(), v: z.number(), ll: z.number(), customers: z.number().int(), converged: z.boolean() }).nullable(),
    holdout: z.object({ from: z.string(), weeks: z.number(), customers: z.number().int(), predicted: z.number(), actual: z.number(), error: z.number().nullable() }).nullable(),
  }),
  async compute(s, options) {
    const { facts } = await s.history();
    const p = await s.predictive();
    const { clv: o } = s.input.settings;
    const fitted = p && p.bgnbd.converged && Object.values(p.bgnbd.params).every(Number.isFinite);
    if (!p || !fitted) {
      return { summary: { available: false, customers: 0, horizonWeeks: o.horizonWeeks, monthlyDiscountRate: o.monthlyDiscountRate, totalClv: null, meanClv: null, fitMs: 0, bgnbd: null, gammaGamma: null, holdout: null },
        tables: { pAlive: [], deciles: [], top: [] },
        notes: [p ? 'The models did not converge on this history (too few customers or repeat purchases to estimate them).' : 'No customer has bought twice yet: the models need repeat purchases.'] };
    }
    const modelled: number[] = [];
    for (let i = 0; i < facts.count; i++) if (Number.isFinite(p.pAlive[i] as number)) modelled.push(i);
    const values = Float64Array.from(modelled, (i) => p.clv[i] as number).filter(Number.isFinite).sort().reverse();
    const total = values.reduce((a, b) => a + b, 0);
    const deciles = Array.from({ length: 10 }, (_, d) => {
      const from = Math.floor((d * values.length) / 10);
      const to = Math.floor(((d + 1) * values.length) / 10);
      const sum = values.subarray(from, to).reduce((a, b) => a + b, 0);
      return { decile: d + 1, customers: to - from, clv: sum, share: total > 0 ? sum / total : 0 };
    });
    const tie = byId(facts.ids);
    const top = [...modelled].sort((a, b) => ((p.clv[b] as number) || 0) - ((p.clv[a] as number) || 0) || tie(a, b)).slice(0, options.limit);
    const names = await s.names(top.map((i) => facts.ids[i] as string));
    const gg = p.gammaGamma;
    return {
      summary: {
        available: true, customers: p.customers, horizonWeeks: p.horizonWeeks, monthlyDiscountRate: o.monthlyDiscountRate, totalClv: gg ? total : null, meanClv: gg && values.length ? total / values.length : null, fitMs: Math.round(p.fitMs),
        bgnbd: { ...p.bgnbd.params, ll: p.bgnbd.ll, converged: p.bgnbd.converged },
        gammaGamma: gg ? { ...gg.params, ll: gg.ll, customers: gg.customers, converged: gg.converged } : null,
        holdout: p.holdout ? { from: dayLabel(p.holdout.fromDay), weeks: p.holdout.weeks, customers: p.holdout.customers, predicted: p.holdout.predicted, actual: p.holdout.actual, error: finite(p.holdout.error) } : null,
      },
      tables: {
        pAlive: histogram(Float64Array.from(modelled, (i) => p.pAlive[i] as number), [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]),
        deciles,
        top: top.map((i) => ({ customerId: facts.ids[i] as string, name: names.get(facts.ids[i] as string) ?? null, visits: facts.visits[i] as number, revenue: facts.revenue[i] as number,
          pAlive: finite(p.pAlive[i]), expectedPurchases: finite(p.expectedPurchases[i]), expectedSpend: finite(p.expectedSpend[i]), clv: finite(p.clv[i]) })),
      },
      notes: ['Fitted on every customer\'s purchase days up to the end of the period, in weeks. The hold-out check refits BG/NBD on the history before the hold-out and compares the predicted repeat purchase days in it with the observed ones.'],
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
      notes: [`Valuable: the top ${Math.round(o.valueShare * 100)}% of customers by ${o.by === 'clv' ? 'predicted CLV' : 'revenue'}; slipping: P(alive) below ${o.below} and down by at least ${o.minDrop} over ${o.lookbackDays} days.`],
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
      notes: ['Company and outlet totals include anonymous sales; a manager\'s total is the revenue of the customers assigned to them.'],
    };
  },
};

const econColumns = [col('memberRevenue', 'Revenue from members', 'money'), col('otherRevenue', 'Revenue from non-members', 'money'), col('memberShare', 'Members\' share of revenue', 'share', true),
  col('memberMargin', 'Margin from members', 'money', true), col('otherMargin', 'Margin from non-members', 'money', true), col('memberMarginShare', 'Members\' margin share', 'share', true),
  col('otherMarginShare', 'Non-members\' margin share', 'share', true), col('discount', 'Discount given', 'money'), col('discountShare', 'Discount share of price', 'share', true),
  col('pointsMoney', 'Points spent (money)', 'money'), col('pointsEarned', 'Points earned on purchases', 'integer'), col('pointsSpent', 'Points spent on purchases', 'integer')];
const econRow = (r: EconomicsRow) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, k === 'month' ? monthLabel(v as number) : typeof v === 'number' ? finite(v) : v])) as Row;

const pointsColumns = [col('month', 'Month', 'month'), col('issued', 'Points issued', 'integer'), col('spent', 'Points spent', 'integer'), col('expired', 'Points expired', 'integer'),
  col('takenBack', 'Points taken back', 'integer'), col('breakage', 'Breakage %', 'percent', true)];

export const economicsMeasure: Measure = {
  name: 'economics',
  title: 'Program economics',
  tables: { months: [col('month', 'Month', 'month'), ...econColumns], points: pointsColumns },
  summary: z.object(Object.fromEntries(econColumns.map((c) => [c.key, c.nullable ? z.number().nullable() : z.number()]))).extend({
    ledgerAvailable: z.boolean(),
    points: z.object({ outstanding: z.number(), pointValue: z.number().nullable(), liability: z.number().nullable(), issued: z.number(), spent: z.number(), expired: z.number(), takenBack: z.number(), breakage: z.number().nullable() }).nullable(),
  }),
  async compute(s) {
    const h = await s.history();
    const { period } = s.input;
    const r = purchaseEconomics(h.economics, period.months);
    const { month: _month, ...total } = econRow(r.total);
    const ledger = await s.ledger();
    let points: Record<string, number | null> | null = null;
    let pointRows: Row[] = [];
    if (ledger) {
      const outstanding = ledger.months.reduce((sum, m) => sum + m.customerNet, 0);
      const inPeriod = period.months.map((month) => ledger.months.find((m) => m.month === month) ?? { month, issued: 0, spent: 0, expired: 0, takenBack: 0 });
      const p = pointsEconomics({ pointValue: ledger.pointValue, outstandingPoints: outstanding, months: inPeriod.map(({ month, issued, spent, expired, takenBack }) => ({ month, issued, spent, expired, takenBack })) });
      points = { outstanding, pointValue: finite(ledger.pointValue), liability: finite(p.liability), issued: p.total.issued, spent: p.total.spent, expired: p.total.expired, takenBack: p.total.takenBack, breakage: finite(p.total.breakage) };
      pointRows = p.months.map((m) => ({ month: monthLabel(m.month), issued: m.issued, spent: m.spent, expired: m.expired, takenBack: m.takenBack, breakage: finite(m.breakage) }));
    }
    return {
      summary: { ...total, ledgerAvailable: ledger !== null, points },
      tables: { months: r.months.map(econRow), points: pointRows },
      notes: [
        'Members are sales with a customer. Margin counts only receipts whose cost is known.',
        'Points: liability = points on customers\' accounts at the end of the period × the average money value of a point spent at the till; breakage = expired / (spent + expired). The ledger has no outlet, so an outlet filter leaves the points out; a tag filter keeps its customers\' points.',
        'Not available yet: discount per mechanic (purchases do not record which mechanic gave it) and the cost of messages (there is no messaging module yet).',
      ],
    };
  },
};
