// How the purchase history is cut for aggregation: consecutive runs of local days ("buckets"), one per
// calendar month, except that the month in which the report period starts is cut in two at its first
// day. So every bucket lies wholly inside or wholly outside the period, and a month is never more than
// two buckets. PostgreSQL assigns each purchase its bucket with width_bucket(day, starts) and groups by
// (customer, bucket); the day masks below carry which days inside a bucket had a purchase.
import { dayLabel, firstDayOfMonth, monthOfDay } from './calendar.js';

export interface Bucket {
  /** First and last local day (inclusive). */
  from: number;
  to: number;
  month: number;
  inPeriod: boolean;
}

export interface BucketPlan {
  /** starts[k] is the first day of bucket k + 1 in width_bucket's numbering (bucket 0 = before the first start). */
  starts: number[];
  buckets: Bucket[];
  fromDay: number;
  toDay: number;
}

/**
 * Buckets covering [firstDay, toDay], with the period [fromDay, toDay]. `firstDay` is the earliest
 * purchase day to cover (history before it, if any, is not expected).
 */
export function planBuckets(firstDay: number, fromDay: number, toDay: number): BucketPlan {
  if (fromDay > toDay) throw new RangeError(`the period starts (${dayLabel(fromDay)}) after it ends (${dayLabel(toDay)})`);
  const start = Math.min(firstDay, fromDay);
  const starts: number[] = [];
  for (let m = monthOfDay(start); firstDayOfMonth(m) <= toDay; m++) {
    const first = firstDayOfMonth(m);
    if (first < fromDay && fromDay < firstDayOfMonth(m + 1)) starts.push(first, fromDay);
    else starts.push(first);
  }
  const buckets = starts.map((from, k) => {
    const to = Math.min(k + 1 < starts.length ? (starts[k + 1] as number) - 1 : toDay, toDay);
    return { from, to, month: monthOfDay(from), inPeriod: from >= fromDay };
  });
  return { starts, buckets, fromDay, toDay };
}

/** The bucket (0-based index into plan.buckets) of a day, as width_bucket(day, starts) − 1; −1 before the first. */
export function bucketOf(plan: BucketPlan, day: number): number {
  let lo = 0;
  let hi = plan.starts.length - 1;
  if (day < (plan.starts[0] as number)) return -1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((plan.starts[mid] as number) <= day) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Bit of a day in a bucket's day mask: a bucket spans at most 31 days, so day mod 32 is unique within it. */
export function dayBit(day: number): number {
  return 1 << (day & 31);
}

export function popcount(mask: number): number {
  let v = mask - ((mask >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** The mask with bit k standing for day b.from + k (so bit order is day order). */
export function alignedMask(b: Bucket, mask: number): number {
  const s = b.from & 31;
  return s === 0 ? mask >>> 0 : ((mask >>> s) | (mask << (32 - s))) >>> 0;
}

/** Days of a bucket present in a mask, ascending. */
export function daysOfMask(b: Bucket, mask: number): number[] {
  const out: number[] = [];
  const aligned = alignedMask(b, mask);
  for (let k = 0; k < 32; k++) if (aligned & (1 << k)) out.push(b.from + k);
  return out;
}

/** The last purchase day in the mask, or −1 for an empty mask. */
export function lastDayOfMask(b: Bucket, mask: number): number {
  const aligned = alignedMask(b, mask);
  return aligned === 0 ? -1 : b.from + 31 - Math.clz32(aligned);
}

/** Purchase days in the mask up to `day` (inclusive), and the last of them (or −1). */
export function maskUpTo(b: Bucket, mask: number, day: number): { visits: number; last: number } {
  const span = day - b.from + 1;
  if (span <= 0) return { visits: 0, last: -1 };
  let aligned = alignedMask(b, mask);
  if (span < 32) aligned = (aligned & ((1 << span) - 1)) >>> 0;
  return { visits: popcount(aligned), last: aligned === 0 ? -1 : b.from + 31 - Math.clz32(aligned) };
}
