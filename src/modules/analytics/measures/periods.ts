// Measures over time: the customer ladder, retention (CRR and churn), new vs returning customers,
// cohorts, and seasonality.
import { z } from 'zod';
import { monthLabel } from '../domain/calendar.js';
import { ladder, LADDER_STATES } from '../domain/ladder.js';
import { cohorts, monthRanges, retention, yearRanges, type RetentionRow } from '../domain/retention.js';
import { seasonality, type SeasonRow } from '../domain/seasonality.js';
import { note } from '../notes.js';
import { col, finite, type Measure } from './types.js';

const ladderWindow = z.object({ k: z.number().int(), n: z.number().int() });

/** Why the advocate step has no count: Regulars keeps no referrals and no NPS answers yet. */
export const ADVOCATES_UNKNOWN = 'no_referral_or_nps_data';

export const ladderMeasure: Measure = {
  name: 'ladder',
  title: 'Customer ladder',
  tables: {
    // Customers on a step are null where the step cannot be known (the advocate step, for now).
    steps: [col('step', 'Step', 'text'), col('customers', 'Customers', 'integer', true), col('share', 'Share of customers', 'share', true)],
    series: [col('month', 'Month', 'month'), ...LADDER_STATES.filter((s) => s !== 'none').map((s) => col(s, s.replace('_', ' '), 'integer', s === 'advocate'))],
    movement: [col('from', 'From', 'text'), col('to', 'To', 'text'), col('customers', 'Customers', 'integer')],
  },
  summary: z.object({
    month: z.string(), previousMonth: z.string().nullable(),
    advocatesKnown: z.boolean(),
    advocates: z.number().int().nullable().describe('Customers on the advocate step at the end of the period; null while it cannot be known'),
    advocatesReason: z.enum([ADVOCATES_UNKNOWN]).nullable().describe('Why advocates is null: no_referral_or_nps_data (Regulars keeps no referrals or NPS answers yet)'),
    regular: ladderWindow, loyal: ladderWindow, lapsedAfter: z.number().int(),
  }),
  async compute(s) {
    const { facts } = await s.history();
    const o = s.input.settings.ladder;
    const options = { regular: o.regular, loyal: o.loyal, lapsedAfter: o.lapsedAfter ?? o.regular.n };
    const months = s.input.period.months;
    // No referral or NPS data exists yet, so the ladder runs without the advocates input: loyal
    // customers who recommend us are counted as loyal, and the advocate step is reported as unknown
    // (null), not as an empty step.
    const r = ladder(facts.activity, months, options);
    const known = r.advocatesKnown;
    const last = r.series[r.series.length - 1]!;
    const onLadder = LADDER_STATES.filter((st) => st !== 'none');
    const total = onLadder.reduce((sum, st) => sum + last.counts[st], 0);
    const count = (counts: Record<string, number>, st: string) => (st === 'advocate' && !known ? null : counts[st] as number);
    return {
      summary: {
        month: monthLabel(last.month), previousMonth: months.length > 1 ? monthLabel(months[months.length - 2]!) : null,
        advocatesKnown: known, advocates: known ? last.counts.advocate : null, advocatesReason: known ? null : ADVOCATES_UNKNOWN,
        regular: options.regular, loyal: options.loyal, lapsedAfter: options.lapsedAfter,
      },
      tables: {
        steps: onLadder.map((step) => {
          const n = count(last.counts, step);
          return { step, customers: n, share: n === null ? null : total > 0 ? n / total : 0 };
        }),
        series: r.series.map((p) => ({ month: monthLabel(p.month), ...Object.fromEntries(onLadder.map((st) => [st, count(p.counts, st)])) })),
        movement: r.movement.map((m) => ({ ...m })),
      },
      notes: [
        ...(known ? [] : [note('ladder_advocates_unknown')]),
        note('ladder_month_end'),
      ],
    };
  },
};

const retentionColumns = [col('start', 'Active at start', 'integer'), col('end', 'Active at end', 'integer'), col('new', 'New', 'integer'), col('retained', 'Retained', 'integer'),
  col('lost', 'Lost', 'integer'), col('reactivated', 'Reactivated', 'integer'), col('crr', 'CRR %', 'percent', true), col('churn', 'Churn %', 'percent', true)];
const retentionRow = (label: string, r: RetentionRow) => ({ [label]: label === 'month' ? monthLabel(r.period) : String(r.period), start: r.start, end: r.end, new: r.new, retained: r.retained, lost: r.lost, reactivated: r.reactivated, crr: finite(r.crr), churn: finite(r.churn) });

export const retentionMeasure: Measure = {
  name: 'retention',
  title: 'Customer retention rate (CRR) and churn',
  tables: { months: [col('month', 'Month', 'month'), ...retentionColumns], years: [col('year', 'Year', 'text'), ...retentionColumns] },
  summary: z.object({
    activityWindowMonths: z.number().int(), start: z.number().int(), end: z.number().int(), new: z.number().int(), retained: z.number().int(), lost: z.number().int(), reactivated: z.number().int(),
    crr: z.number().nullable(), churn: z.number().nullable(), averageMonthlyChurn: z.number().nullable(), repeatRate: z.number().nullable(),
  }),
  async compute(s) {
    const { facts } = await s.history();
    const { period, settings } = s.input;
    const W = settings.activityWindowMonths;
    const months = retention(facts.activity, monthRanges(period.months), W);
    const years = retention(facts.activity, yearRanges(period.firstMonth, period.lastMonth), W);
    const [whole] = retention(facts.activity, [{ period: 0, from: period.firstMonth, to: period.lastMonth }], W);
    const churns = months.map((m) => m.churn).filter((c): c is number => c !== null);
    let buyers = 0;
    let repeat = 0;
    for (let i = 0; i < facts.count; i++) if ((facts.wVisits[i] as number) > 0) { buyers++; if ((facts.wVisits[i] as number) >= 2) repeat++; }
    const w = whole as RetentionRow;
    return {
      summary: { activityWindowMonths: W, start: w.start, end: w.end, new: w.new, retained: w.retained, lost: w.lost, reactivated: w.reactivated, crr: finite(w.crr), churn: finite(w.churn),
        averageMonthlyChurn: churns.length ? churns.reduce((a, b) => a + b, 0) / churns.length : null, repeatRate: buyers > 0 ? (repeat / buyers) * 100 : null },
      tables: { months: months.map((r) => retentionRow('month', r)), years: years.map((r) => retentionRow('year', r)) },
      notes: [note('crr_definition', { months: W })],
    };
  },
};

const nrColumns = [col('buyers', 'Customers who bought', 'integer'), col('newBuyers', 'New', 'integer'), col('returningBuyers', 'Returning', 'integer'), col('newRevenue', 'Revenue from new', 'money'),
  col('returningRevenue', 'Revenue from returning', 'money'), col('newShare', 'Share of new customers', 'share', true)];
const nrRow = (label: string, r: RetentionRow) => ({ [label]: label === 'month' ? monthLabel(r.period) : String(r.period), buyers: r.buyers, newBuyers: r.newBuyers, returningBuyers: r.returningBuyers,
  newRevenue: r.newRevenue, returningRevenue: r.returningRevenue, newShare: r.buyers > 0 ? r.newBuyers / r.buyers : null });

export const newReturningMeasure: Measure = {
  name: 'new-returning',
  title: 'New vs returning customers',
  tables: { months: [col('month', 'Month', 'month'), ...nrColumns], years: [col('year', 'Year', 'text'), ...nrColumns] },
  summary: z.object({ buyers: z.number().int(), newBuyers: z.number().int(), returningBuyers: z.number().int(), newRevenue: z.number(), returningRevenue: z.number() }),
  async compute(s) {
    const { facts } = await s.history();
    const { period, settings } = s.input;
    const W = settings.activityWindowMonths;
    const months = retention(facts.activity, monthRanges(period.months), W);
    const years = retention(facts.activity, yearRanges(period.firstMonth, period.lastMonth), W);
    const [w] = retention(facts.activity, [{ period: 0, from: period.firstMonth, to: period.lastMonth }], W) as [RetentionRow];
    return {
      summary: { buyers: w.buyers, newBuyers: w.newBuyers, returningBuyers: w.returningBuyers, newRevenue: w.newRevenue, returningRevenue: w.returningRevenue },
      tables: { months: months.map((r) => nrRow('month', r)), years: years.map((r) => nrRow('year', r)) },
      notes: [note('new_definition')],
    };
  },
};

export const cohortsMeasure: Measure = {
  name: 'cohorts',
  title: 'Cohort retention by month of first purchase',
  tables: {
    cells: [col('cohort', 'Cohort', 'month'), col('offset', 'Months after the first purchase', 'integer'), col('month', 'Month', 'month'), col('customers', 'Customers who bought', 'integer'), col('share', 'Share of the cohort', 'share'), col('revenue', 'Revenue', 'money')],
    cohorts: [col('cohort', 'Cohort', 'month'), col('customers', 'Customers', 'integer')],
  },
  summary: z.object({ cohorts: z.number().int(), customers: z.number().int() }),
  async compute(s) {
    const { facts } = await s.history();
    const r = cohorts(facts.activity, s.input.period.firstMonth, s.input.period.lastMonth);
    return {
      summary: { cohorts: r.cohorts.length, customers: r.cohorts.reduce((sum, c) => sum + c.customers, 0) },
      tables: {
        cells: r.cells.map((c) => ({ cohort: monthLabel(c.cohort), offset: c.offset, month: monthLabel(c.month), customers: c.customers, share: c.share, revenue: c.revenue })),
        cohorts: r.cohorts.map((c) => ({ cohort: monthLabel(c.cohort), customers: c.customers })),
      },
      notes: [],
    };
  },
};

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const seasonColumns = (key: string, label: string) => [col(key, label, 'integer'), col('label', label, 'text'), col('occurrences', 'Occurrences in the period', 'number'), col('revenue', 'Revenue', 'money'), col('receipts', 'Receipts', 'integer'),
  col('revenuePerOccurrence', 'Revenue per occurrence', 'money', true), col('receiptsPerOccurrence', 'Receipts per occurrence', 'number', true), col('revenueIndex', 'Revenue index', 'number', true), col('receiptsIndex', 'Receipts index', 'number', true)];
const seasonRow = (key: string, names: string[]) => (r: SeasonRow) => ({ [key]: r.key, label: names[r.key - 1] as string, occurrences: r.occurrences, revenue: r.revenue, receipts: r.receipts,
  revenuePerOccurrence: finite(r.revenuePerOccurrence), receiptsPerOccurrence: finite(r.receiptsPerOccurrence), revenueIndex: finite(r.revenueIndex), receiptsIndex: finite(r.receiptsIndex) });

export const seasonalityMeasure: Measure = {
  name: 'seasonality',
  title: 'Seasonality by month and weekday',
  tables: {
    months: seasonColumns('month', 'Month'),
    weekdays: seasonColumns('weekday', 'Weekday'),
    series: [col('month', 'Month', 'month'), col('revenue', 'Revenue', 'money'), col('receipts', 'Receipts', 'integer')],
  },
  summary: z.object({ revenue: z.number(), receipts: z.number().int(), timeZone: z.string() }),
  async compute(s) {
    const h = await s.history();
    const { period } = s.input;
    const r = seasonality(h.monthsOfYear, h.weekdays, period.fromDay, period.toDay);
    return {
      summary: { revenue: h.series.reduce((sum, m) => sum + m.revenue, 0), receipts: h.series.reduce((sum, m) => sum + m.receipts, 0), timeZone: period.timeZone },
      tables: { months: r.months.map(seasonRow('month', MONTH_NAMES)), weekdays: r.weekdays.map(seasonRow('weekday', WEEKDAY_NAMES)), series: h.series.map((m) => ({ month: monthLabel(m.month), revenue: m.revenue, receipts: m.receipts })) },
      notes: [note('seasonality_index')],
    };
  },
};
