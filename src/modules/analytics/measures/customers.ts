// Measures over customers in the period: Pareto, RFM, ABC-XYZ, best customers vs the rest, purchase
// frequency and interval.
import { z } from 'zod';
import { abcXyz } from '../domain/abc-xyz.js';
import { bestVsRest } from '../domain/best-customers.js';
import { frequency } from '../domain/frequency.js';
import { pareto } from '../domain/pareto.js';
import { rfm } from '../domain/rfm.js';
import type { CustomerFacts } from '../domain/facts.js';
import { note } from '../notes.js';
import { col, finite, type Measure } from './types.js';

/** Customers with a purchase in the period, as indices into facts. */
export function buyers(f: CustomerFacts): Int32Array {
  const out: number[] = [];
  for (let i = 0; i < f.count; i++) if ((f.wVisits[i] as number) > 0) out.push(i);
  return Int32Array.from(out);
}
const pick = (values: ArrayLike<number>, index: Int32Array) => Float64Array.from(index, (i) => values[i] as number);

/**
 * Orders customers by id: the history scan numbers customers in the order its parallel chunks happen to
 * deliver them, so ties (equal revenue) are broken by id to give the same answer on every run.
 */
export function byId(ids: readonly string[], index?: Int32Array): (p: number, q: number) => number {
  return (p, q) => {
    const a = ids[index ? (index[p] as number) : p] as string;
    const b = ids[index ? (index[q] as number) : q] as string;
    return a < b ? -1 : a > b ? 1 : 0;
  };
}

export const paretoMeasure: Measure = {
  name: 'pareto',
  title: 'Pareto: revenue by customer rank',
  tables: {
    curve: [col('customerShare', 'Share of customers', 'share'), col('customers', 'Customers', 'integer'), col('revenue', 'Cumulative revenue', 'money'), col('revenueShare', 'Share of revenue', 'share')],
  },
  summary: z.object({
    customers: z.number().int(), revenue: z.number(), topShare: z.number(), topCustomers: z.number().int(), topRevenue: z.number(), topRevenueShare: z.number(),
    revenueShare: z.number(), customersForRevenueShare: z.number().int(), customerShareForRevenueShare: z.number(),
  }),
  async compute(s) {
    const { facts } = await s.history();
    const topShare = s.input.settings.bestShare;
    const r = pareto(pick(facts.wRevenue, buyers(facts)), { topShare, revenueShare: 0.8 });
    return {
      summary: { customers: r.customers, revenue: r.revenue, topShare, topCustomers: r.topCustomers, topRevenue: r.topRevenue, topRevenueShare: r.topRevenueShare, revenueShare: 0.8, customersForRevenueShare: r.customersForRevenueShare, customerShareForRevenueShare: r.customerShareForRevenueShare },
      tables: { curve: r.curve.map((p) => ({ ...p })) },
      notes: [],
    };
  },
};

const breakpoints = z.tuple([z.number(), z.number(), z.number(), z.number()]);

export const rfmMeasure: Measure = {
  name: 'rfm',
  title: 'RFM segments',
  tables: {
    segments: [col('segment', 'Segment', 'text'), col('customers', 'Customers', 'integer'), col('share', 'Share of customers', 'share'), col('revenue', 'Revenue', 'money'), col('revenueShare', 'Share of revenue', 'share'),
      col('avgRecencyDays', 'Average days since last purchase', 'number', true), col('avgFrequency', 'Average purchases', 'number', true), col('avgMonetary', 'Average revenue', 'money', true)],
    grid: [col('r', 'R score', 'integer'), col('fm', 'FM score', 'integer'), col('segment', 'Segment', 'text'), col('customers', 'Customers', 'integer')],
  },
  summary: z.object({ customers: z.number().int(), thresholdsFrom: z.enum(['quintiles', 'settings']), thresholds: z.object({ recencyDays: breakpoints, frequency: breakpoints, monetary: breakpoints }) }),
  async compute(s) {
    const { facts } = await s.history();
    const toDay = s.input.period.toDay;
    const own = s.input.settings.rfm;
    const r = rfm({
      recencyDays: Float64Array.from(facts.lastDay, (d) => toDay - d), frequency: facts.wVisits, monetary: facts.wRevenue,
    }, own ? { recency: own.recencyDays, frequency: own.frequency, monetary: own.monetary } : undefined);
    return {
      summary: { customers: facts.count, thresholdsFrom: own ? 'settings' : 'quintiles', thresholds: { recencyDays: r.thresholds.recency, frequency: r.thresholds.frequency, monetary: r.thresholds.monetary } },
      tables: { segments: r.segments.map((x) => ({ ...x })), grid: r.grid.map((x) => ({ ...x })) },
      notes: [note('rfm_definition')],
    };
  },
};

export const abcXyzMeasure: Measure = {
  name: 'abc-xyz',
  title: 'ABC-XYZ matrix',
  tables: {
    matrix: [col('abc', 'ABC', 'text'), col('xyz', 'XYZ', 'text'), col('customers', 'Customers', 'integer'), col('revenue', 'Revenue', 'money'), col('revenueShare', 'Share of revenue', 'share')],
    classes: [col('class', 'Class', 'text'), col('customers', 'Customers', 'integer'), col('revenue', 'Revenue', 'money'), col('revenueShare', 'Share of revenue', 'share')],
  },
  summary: z.object({ customers: z.number().int(), periods: z.number().int(), revenue: z.number(), abc: z.object({ a: z.number(), b: z.number(), c: z.number() }), xyz: z.object({ x: z.number(), y: z.number() }) }),
  async compute(s) {
    const { facts } = await s.history();
    const index = buyers(facts);
    const { abc, xyz } = s.input.settings;
    const periods = s.input.period.months.length;
    const r = abcXyz({ revenue: pick(facts.wRevenue, index), sumOfSquares: pick(facts.wSumSquares, index), periods }, { abc, xyz }, byId(facts.ids, index));
    return {
      summary: { customers: index.length, periods, revenue: r.totalRevenue, abc: { ...abc, c: 100 - abc.a - abc.b }, xyz },
      tables: { matrix: r.matrix.map((x) => ({ ...x })), classes: r.classes.map((x) => ({ ...x })) },
      notes: [note('xyz_definition')],
    };
  },
};

export const bestCustomersMeasure: Measure = {
  name: 'best-customers',
  title: 'Average receipt: best customers vs the rest',
  tables: {
    groups: [col('group', 'Group', 'text'), col('customers', 'Customers', 'integer', true), col('receipts', 'Receipts', 'integer'), col('revenue', 'Revenue', 'money'),
      col('averageReceipt', 'Average receipt', 'money', true), col('receiptsPerCustomer', 'Receipts per customer', 'number', true), col('revenueShare', 'Share of revenue', 'share')],
  },
  summary: z.object({ bestShare: z.number(), bestCustomers: z.number().int(), ratio: z.number().nullable() }),
  async compute(s) {
    const h = await s.history();
    const bestShare = s.input.settings.bestShare;
    const r = bestVsRest(h.facts.wRevenue, h.facts.wReceipts, { bestShare, anonymous: h.anonymous.receipts > 0 ? h.anonymous : undefined, tieBreak: byId(h.facts.ids) });
    return { summary: { bestShare, bestCustomers: r.bestCustomers, ratio: finite(r.ratio) }, tables: { groups: r.groups.map((g) => ({ ...g })) }, notes: [] };
  },
};

export const frequencyMeasure: Measure = {
  name: 'frequency',
  title: 'Purchase frequency, interval and repeat rate',
  tables: {
    byVisits: [col('visits', 'Purchases', 'integer'), col('label', 'Purchases', 'text'), col('customers', 'Customers', 'integer'), col('share', 'Share of customers', 'share')],
    byInterval: [col('upToDays', 'Up to days', 'integer', true), col('label', 'Days between purchases', 'text'), col('customers', 'Customers', 'integer'), col('share', 'Share of repeat customers', 'share')],
  },
  summary: z.object({
    customers: z.number().int(), visits: z.number().int(), frequency: z.number().nullable(), frequencyPerMonth: z.number().nullable(), repeatCustomers: z.number().int(),
    repeatRate: z.number().nullable(), averageIntervalDays: z.number().nullable(), medianIntervalDays: z.number().nullable(),
  }),
  async compute(s) {
    const { facts } = await s.history();
    const r = frequency({ visits: facts.wVisits, firstDay: facts.wFirstDay, lastDay: facts.wLastDay }, s.input.period.months.length);
    const { byVisits, byInterval, ...summary } = r;
    return {
      summary, tables: { byVisits: byVisits.map((x) => ({ ...x })), byInterval: byInterval.map((x) => ({ ...x })) },
      notes: [note('purchase_day')],
    };
  },
};
