// What the measures know of each customer, built from (customer, bucket) aggregates in any order:
// per bucket the day mask, revenue and receipts, plus the bucket's first purchase day and the net amount
// of the smallest receipt that day (for the mean repeat spend of the CLV model, see predictive.ts).
// Columns, not objects: a million customers are a few typed arrays.
import { activityBuilder, type MonthlyActivity } from './activity.js';
import { lastDayOfMask, maskUpTo, popcount, type BucketPlan } from './buckets.js';
import { monthOfDay } from './calendar.js';


export interface CustomerFacts {
  plan: BucketPlan;
  /** Days for which visits and the last visit up to the day (inclusive) are kept. */
  cutoffs: number[];
  count: number;
  ids: string[];
  /** Whole history up to the end of the period. */
  firstDay: Int32Array;
  lastDay: Int32Array;
  visits: Int32Array;
  revenue: Float64Array;
  firstDayRevenue: Float64Array;
  /** The period [fromDay, toDay]; wFirstDay/wLastDay are −1 without a purchase in it. */
  wRevenue: Float64Array;
  wReceipts: Int32Array;
  wVisits: Int32Array;
  wFirstDay: Int32Array;
  wLastDay: Int32Array;
  /** Σ over the period's months of (revenue in the month)², for XYZ. */
  wSumSquares: Float64Array;
  cutVisits: Int32Array[];
  cutLastDay: Int32Array[];
  /** Calendar months from spanStart to the last month of the period. */
  activity: MonthlyActivity;
}

export interface FactsAccumulator {
  /**
   * One (customer, bucket) aggregate. `customer`: a dense number (0, 1, 2 … in order of first
   * appearance); `bucket`: 0-based index into plan.buckets; `firstDay`/`firstNet`: the earliest purchase
   * day in the bucket and the net amount of its smallest receipt that day.
   */
  add(customer: number, bucket: number, days: number, revenue: number, receipts: number, firstDay: number, firstNet: number): void;
  /** `ids[i]`: the id of customer number i. */
  finish(ids: readonly string[]): CustomerFacts;
}

const NONE = -1;

/** Stable counting sort of entry indices by key (0 … keys−1), visiting entries in `within` order; fills `start` (keys + 1). */
function countingOrder(key: Int32Array, entries: number, keys: number, within: Int32Array | null, start = new Int32Array(keys + 1)): Int32Array {
  for (let e = 0; e < entries; e++) start[(key[e] as number) + 1]! += 1;
  for (let k = 0; k < keys; k++) start[k + 1]! += start[k] as number;
  const fill = start.slice(0, keys);
  const out = new Int32Array(entries);
  for (let j = 0; j < entries; j++) {
    const e = within ? (within[j] as number) : j;
    out[fill[key[e] as number]!++] = e;
  }
  return out;
}

export function factsAccumulator(plan: BucketPlan, spanStart: number, cutoffs: number[] = []): FactsAccumulator {
  let count = 0;
  let cap = 1024;
  const cols = () => ({
    firstDay: new Int32Array(cap), firstNet: new Float64Array(cap), lastDay: new Int32Array(cap), visits: new Int32Array(cap), revenue: new Float64Array(cap),
    wRevenue: new Float64Array(cap), wReceipts: new Int32Array(cap), wVisits: new Int32Array(cap), wFirstDay: new Int32Array(cap), wLastDay: new Int32Array(cap), wSumSquares: new Float64Array(cap),
    cutVisits: cutoffs.map(() => new Int32Array(cap)), cutLastDay: cutoffs.map(() => new Int32Array(cap)),
  });
  let c = cols();
  // Span entries, in arrival order; grouped by customer in finish().
  let eCust = new Int32Array(4096);
  let eBucket = new Int32Array(4096);
  let eDays = new Int32Array(4096);
  let eRevenue = new Float64Array(4096);
  let entries = 0;
  const spanEnd = monthOfDay(plan.toDay);
  const firstSpanBucket = plan.buckets.findIndex((b) => b.month >= spanStart);

  function customer(i: number): number {
    if (i < count) return i;
    if (i !== count) throw new RangeError(`customer numbers must be dense: got ${i} after ${count - 1}`);
    if (i === cap) {
      cap *= 2;
      const bigger = cols();
      for (const key of Object.keys(c) as (keyof typeof c)[]) {
        const from = c[key];
        const to = bigger[key];
        if (Array.isArray(from)) from.forEach((a, k) => (to as typeof from)[k]!.set(a));
        else (to as typeof from).set(from);
      }
      c = bigger;
    }
    count++;
    c.firstDay[i] = 0x7fffffff; c.lastDay[i] = NONE; c.wFirstDay[i] = NONE; c.wLastDay[i] = NONE;
    for (const a of c.cutLastDay) a[i] = NONE;
    return i;
  }

  return {
    add(customerNumber, bucket, mask, revenue, receipts, firstDay, firstNet) {
      const b = plan.buckets[bucket];
      if (!b) throw new RangeError(`bucket ${bucket} is not in the plan`);
      const i = customer(customerNumber);
      const days = popcount(mask);
      const last = lastDayOfMask(b, mask);
      c.visits[i]! += days;
      c.revenue[i]! += revenue;
      if (firstDay < (c.firstDay[i] as number)) { c.firstDay[i] = firstDay; c.firstNet[i] = firstNet; }
      if (last > (c.lastDay[i] as number)) c.lastDay[i] = last;
      if (b.inPeriod) {
        c.wRevenue[i]! += revenue;
        c.wReceipts[i]! += receipts;
        c.wVisits[i]! += days;
        c.wSumSquares[i]! += revenue * revenue;
        if ((c.wFirstDay[i] as number) === NONE || firstDay < (c.wFirstDay[i] as number)) c.wFirstDay[i] = firstDay;
        if (last > (c.wLastDay[i] as number)) c.wLastDay[i] = last;
      }
      for (let k = 0; k < cutoffs.length; k++) {
        const cut = cutoffs[k] as number;
        if (b.from > cut) continue;
        if (b.to <= cut) {
          c.cutVisits[k]![i]! += days;
          if (last > (c.cutLastDay[k]![i] as number)) c.cutLastDay[k]![i] = last;
        } else {
          const upTo = maskUpTo(b, mask, cut);
          c.cutVisits[k]![i]! += upTo.visits;
          if (upTo.last > (c.cutLastDay[k]![i] as number)) c.cutLastDay[k]![i] = upTo.last;
        }
      }
      if (firstSpanBucket >= 0 && bucket >= firstSpanBucket) {
        if (entries === eCust.length) {
          const grow = <T extends Int32Array | Float64Array>(a: T): T => { const n = new (a.constructor as new (k: number) => T)(a.length * 2); n.set(a); return n; };
          eCust = grow(eCust); eBucket = grow(eBucket); eDays = grow(eDays); eRevenue = grow(eRevenue);
        }
        eCust[entries] = i; eBucket[entries] = bucket; eDays[entries] = mask; eRevenue[entries] = revenue;
        entries++;
      }
    },

    finish(ids) {
      const n = count;
      if (ids.length !== n) throw new RangeError(`${ids.length} ids for ${n} customers`);
      // Two stable counting sorts (by bucket, then by customer) put each customer's entries together in
      // bucket order without a comparison sort.
      const byBucket = countingOrder(eBucket, entries, plan.buckets.length, null);
      const start = new Int32Array(n + 1);
      const order = countingOrder(eCust, entries, n, byBucket, start);
      const builder = activityBuilder(spanStart, spanEnd, n, entries);
      const firstMonth = (i: number) => monthOfDay(c.firstDay[i] as number);
      for (let i = 0; i < n; i++) {
        const own = order.subarray(start[i] as number, start[i + 1] as number);
        let inSpan = 0;
        let month = -1;
        let visits = 0;
        let revenue = 0;
        for (const e of own) {
          const m = plan.buckets[eBucket[e] as number]!.month;
          // The period's first month may come in two buckets: one calendar month, one entry.
          if (m !== month && month >= 0) { builder.push(month, visits, revenue); visits = 0; revenue = 0; }
          month = m;
          visits += popcount(eDays[e] as number);
          revenue += eRevenue[e] as number;
          inSpan += popcount(eDays[e] as number);
        }
        if (month >= 0) builder.push(month, visits, revenue);
        builder.endCustomer(firstMonth(i), (c.visits[i] as number) - inSpan);
      }
      const cut = <T extends Int32Array | Float64Array>(a: T): T => a.slice(0, n) as T;
      return {
        plan, cutoffs, count: n, ids: [...ids],
        firstDay: cut(c.firstDay), lastDay: cut(c.lastDay), visits: cut(c.visits), revenue: cut(c.revenue), firstDayRevenue: cut(c.firstNet),
        wRevenue: cut(c.wRevenue), wReceipts: cut(c.wReceipts), wVisits: cut(c.wVisits), wFirstDay: cut(c.wFirstDay), wLastDay: cut(c.wLastDay), wSumSquares: cut(c.wSumSquares),
        cutVisits: c.cutVisits.map(cut), cutLastDay: c.cutLastDay.map(cut),
        activity: builder.build(),
      };
    },
  };
}
