// The data a report is computed from, loaded once per report and shared by its measures: the purchase
// history (one streamed scan, in chunks of three months so each chunk's hash tables stay small and the
// progress bar moves), the per-outlet revenue shares, customers' managers and names, and the CLV model.
// Everything runs on one connection inside one REPEATABLE READ transaction, so all measures of a report
// see the same snapshot.
import type pg from 'pg';
import type { TenantScope } from '../../platform/db/tenant.js';
import { planBuckets, type BucketPlan } from './domain/buckets.js';
import { firstDayOfMonth } from './domain/calendar.js';
import type { PurchaseMonth } from './domain/economics.js';
import { factsAccumulator, type CustomerFacts } from './domain/facts.js';
import { ladderLookback } from './domain/ladder.js';
import { cannotFitHistory, predictiveClv, type PredictiveResult } from './domain/predictive.js';
import type { CalendarTotals } from './domain/seasonality.js';
import { KeyIndex } from './key-index.js';
import { instantOfDay, type Period } from './period.js';
import type { AnalyticsSettings } from './settings.js';
import { analyticsStore as store, COL, SET_CUSTOMER, SET_MEMBER, SET_WEEKDAY, type HistoryRow, type PurchaseFilter } from './store.js';

export interface ReportInput {
  client: pg.ClientBase;
  /** More connections in the same snapshot (see service.ts): the history chunks are shared among all. */
  helpers?: pg.ClientBase[];
  scope: TenantScope;
  timeZone: string;
  currency: string;
  period: Period;
  outletId: string | null;
  tag: string | null;
  settings: AnalyticsSettings;
  /** Names of outlets and staff (for scope labels), loaded only when a measure needs them. */
  lookup: { outlets(): Promise<Map<string, string>>; staff(): Promise<Map<string, string>> };
  /** Progress of the history scan: chunks done of the total (+1 for building the customer facts). */
  onProgress?: (done: number, total: number) => void;
}

export interface History {
  plan: BucketPlan;
  facts: CustomerFacts;
  /** Per month of the period and member/non-member, the program economics. */
  economics: PurchaseMonth[];
  /** In the period: revenue and receipts per calendar month (1–12), per ISO weekday and per month. */
  monthsOfYear: CalendarTotals[];
  weekdays: CalendarTotals[];
  series: { month: number; revenue: number; receipts: number }[];
  anonymous: { revenue: number; receipts: number };
  scannedRows: number;
}

/** A numeric field of a history row, 0 for NULL. A plain function: a closure made per row costs more than the row. */
function numberAt(v: HistoryRow, c: number): number {
  return (v[c] as number | null) ?? 0;
}



/** Cut-offs kept per customer: [hold-out start of the CLV check, the earlier P(alive)]. */
export const HOLDOUT_CUT = 0;
export const LOOKBACK_CUT = 1;

/** Consecutive buckets grouped by `months` calendar months: [first day, last day] of each chunk. */
function chunksOf(plan: BucketPlan, months: number): { from: number; to: number }[] {
  const chunks: { from: number; to: number; key: number }[] = [];
  const start = plan.buckets[0]?.month ?? 0;
  for (const b of plan.buckets) {
    const key = Math.floor((b.month - start) / months);
    const last = chunks[chunks.length - 1];
    if (last && last.key === key) last.to = b.to;
    else chunks.push({ from: b.from, to: b.to, key });
  }
  return chunks;
}

export class Sources {
  private cache = new Map<string, Promise<unknown>>();
  constructor(readonly input: ReportInput) {}

  private once<T>(key: string, load: () => Promise<T>): Promise<T> {
    let p = this.cache.get(key) as Promise<T> | undefined;
    if (!p) {
      p = load();
      this.cache.set(key, p);
    }
    return p;
  }

  /** Rows from [from, to) instants, filtered like every purchase read of this report. */
  filter(fromDay: number | null, toDay: number): PurchaseFilter {
    const { timeZone, currency, outletId, tag } = this.input;
    return { from: fromDay === null ? new Date(0) : instantOfDay(fromDay, timeZone), to: instantOfDay(toDay + 1, timeZone), outletId, tag, currency };
  }

  history(): Promise<History> {
    return this.once('history', async () => {
      const { client, scope, timeZone, period, settings } = this.input;
      const first = await store.firstPurchaseDay(client, scope, timeZone, this.filter(null, period.toDay));
      const plan = planBuckets(first ?? period.fromDay, period.fromDay, period.toDay);
      const lookback = Math.max(settings.activityWindowMonths, ladderLookback({ ...settings.ladder, lapsedAfter: settings.ladder.lapsedAfter ?? undefined }));
      const spanStart = Math.min(plan.buckets[0]!.month, period.firstMonth - lookback);
      const cutoffs = [period.toDay - settings.clv.holdoutWeeks * 7, period.toDay - settings.slipping.lookbackDays];
      const acc = factsAccumulator(plan, spanStart, cutoffs);
      const keys = new KeyIndex(36, 1024);
      const economics = new Map<string, PurchaseMonth>();
      const weekdays = new Map<number, CalendarTotals>();
      const chunks = chunksOf(plan, 3);
      let scannedRows = 0;
      const onRow = (v: HistoryRow) => {
        const bucket = (v[COL.bucket] as number) - 1;
        if (v[COL.g] === SET_CUSTOMER) {
          if (v[COL.customer_id] !== null) acc.add(v[COL.customer_id] as number, bucket, numberAt(v, COL.days), numberAt(v, COL.revenue), numberAt(v, COL.receipts), numberAt(v, COL.first_day), numberAt(v, COL.first_net));
          return;
        }
        const b = plan.buckets[bucket];
        if (!b?.inPeriod) return;
        if (v[COL.g] === SET_MEMBER) {
          const member = v[COL.member] === 1;
          const key = `${b.month}:${member}`;
          const e = economics.get(key) ?? { month: b.month, member, revenue: 0, receipts: 0, subtotal: 0, discount: 0, pointsMoney: 0, pointsEarned: 0, pointsSpent: 0, costedRevenue: 0, cost: 0 };
          e.revenue += numberAt(v, COL.revenue); e.receipts += numberAt(v, COL.receipts); e.subtotal += numberAt(v, COL.subtotal); e.discount += numberAt(v, COL.discount); e.pointsMoney += numberAt(v, COL.points_money);
          e.pointsEarned += numberAt(v, COL.points_earned); e.pointsSpent += numberAt(v, COL.points_spent); e.costedRevenue += numberAt(v, COL.costed_revenue); e.cost += numberAt(v, COL.cost);
          economics.set(key, e);
        } else if (v[COL.g] === SET_WEEKDAY) {
          const w = weekdays.get(v[COL.dow] as number) ?? { key: v[COL.dow] as number, revenue: 0, receipts: 0 };
          w.revenue += numberAt(v, COL.revenue);
          w.receipts += numberAt(v, COL.receipts);
          weekdays.set(w.key, w);
        }
      };
      // Each connection takes the next chunk when it is done with one; rows from both land in the same
      // accumulators (JavaScript runs one callback at a time, and the sums do not depend on the order).
      // After a failure neither takes another chunk, and both have stopped before the error goes up (so
      // no query is left running on a connection the caller is about to discard).
      this.input.onProgress?.(0, chunks.length + 1);
      let next = 0;
      let done = 0;
      let failure: { error: unknown } | null = null;
      await Promise.allSettled([client, ...(this.input.helpers ?? [])].map(async (c) => {
        for (let k = next++; k < chunks.length && !failure; k = next++) {
          const chunk = chunks[k] as { from: number; to: number };
          const midnights: Date[] = [];
          for (let d = chunk.from + 1; d <= chunk.to; d++) midnights.push(instantOfDay(d, timeZone));
          try {
            scannedRows += await store.scanHistory(c, scope, this.filter(chunk.from, chunk.to), { firstDay: chunk.from, midnights }, plan, keys, onRow);
          } catch (error) {
            failure ??= { error };
            return;
          }
          this.input.onProgress?.(++done, chunks.length + 1);
        }
      }));
      if (failure) throw (failure as { error: unknown }).error;
      const list = [...economics.values()].sort((p, q) => p.month - q.month || Number(q.member) - Number(p.member));
      const byMonth = new Map<number, { month: number; revenue: number; receipts: number }>();
      for (const e of list) {
        const m = byMonth.get(e.month) ?? { month: e.month, revenue: 0, receipts: 0 };
        m.revenue += e.revenue;
        m.receipts += e.receipts;
        byMonth.set(e.month, m);
      }
      const series = period.months.map((month) => byMonth.get(month) ?? { month, revenue: 0, receipts: 0 });
      const monthsOfYear = new Map<number, CalendarTotals>();
      for (const s of series) {
        const key = (s.month % 12) + 1;
        const t = monthsOfYear.get(key) ?? { key, revenue: 0, receipts: 0 };
        t.revenue += s.revenue;
        t.receipts += s.receipts;
        monthsOfYear.set(key, t);
      }
      const others = list.filter((e) => !e.member);
      const facts = acc.finish(keys.ids);
      this.input.onProgress?.(chunks.length + 1, chunks.length + 1);
      return {
        plan, facts, economics: list, series, weekdays: [...weekdays.values()], monthsOfYear: [...monthsOfYear.values()],
        anonymous: { revenue: others.reduce((s, e) => s + e.revenue, 0), receipts: others.reduce((s, e) => s + e.receipts, 0) },
        scannedRows,
      };
    });
  }

  /**
   * Per-outlet revenue shares in the period (the largest customers of each outlet). A second pass over
   * the period's purchases, so it runs on the helper connection when there is one: started right after
   * the history (see prefetch), it overlaps with the measures computed in Node.
   */
  outletShares() {
    const { helpers, client, scope, period, settings } = this.input;
    return this.once('outlets', () => store.outletShares(helpers?.[0] ?? client, scope, this.filter(period.fromDay, period.toDay), 10, settings.keyShare));
  }

  /**
   * Starts loading what `measures` will need on the helper connection while Node is busy with the rest.
   * One after the other: the passes set their own planner switches, which must not interleave.
   */
  prefetch(measures: readonly string[]): void {
    if (!this.input.helpers?.length) return;
    const outlets = measures.includes('key-customers');
    const mechanics = measures.includes('economics');
    if (!outlets && !mechanics) return;
    // A failure surfaces when the measure awaits it.
    this.history()
      .then(() => (outlets ? this.outletShares() : null))
      .then(() => (mechanics ? this.discountsByMechanic() : null))
      .catch(() => {});
  }

  /** Loyalty's points ledger up to the end of the period (null without the ledger, or under an outlet filter: transfers have no outlet). */
  ledger() {
    return this.once('ledger', async () => (this.input.outletId ? null : store.ledger(this.input.client, this.input.scope, this.input.timeZone, this.filter(null, this.input.period.toDay))));
  }

  /**
   * The period's discount per mechanic and month (see store.discountsByMechanic): a pass over the
   * period's discounted purchases that only program economics needs, so it runs on the helper connection
   * when there is one (prefetch starts it there, overlapping with the measures computed in Node).
   */
  discountsByMechanic() {
    const { helpers, client, scope, timeZone, period } = this.input;
    // The period's months start on their first days, the first one on the period's first day.
    const starts = period.months.map((m, k) => instantOfDay(k === 0 ? period.fromDay : firstDayOfMonth(m), timeZone));
    return this.once('mechanics', async () => (await store.discountsByMechanic(helpers?.[0] ?? client, scope, this.filter(period.fromDay, period.toDay), starts))
      .map((r) => ({ ...r, month: period.months[r.month] as number })));
  }

  managers(): Promise<Map<string, string>> {
    return this.once('managers', () => store.customerManagers(this.input.client, this.input.scope));
  }

  names(ids: readonly string[]): Promise<Map<string, string>> {
    return store.customerNames(this.input.client, this.input.scope, ids);
  }

  /** The CLV model fitted on the history up to the end of the period; null when it cannot be fitted (see cannotFitHistory). */
  predictive(): Promise<PredictiveResult | null> {
    return this.once('predictive', async () => {
      const { facts } = await this.history();
      if (cannotFitHistory(facts)) return null;
      const { clv } = this.input.settings;
      return predictiveClv(facts, { horizonWeeks: clv.horizonWeeks, monthlyDiscountRate: clv.monthlyDiscountRate, holdoutCut: HOLDOUT_CUT, lookbackCut: LOOKBACK_CUT });
    });
  }
}
