// Retention over time, from each customer's purchase months.
//
// A customer is *active* at the end of month M when they bought in one of the last W months
// (M−W+1 … M); W is the activity window (12 by default). For a period (a month, or a year):
//   S  customers active at its start (the end of the month before)
//   E  customers active at its end
//   N  new customers: first purchase ever within the period
//   CRR   = (E − N) / S × 100              customer retention rate, the usual formula
//   retained = active at start and at end;  lost = S − retained;  churn = lost / S × 100
//   reactivated = E − retained − N          (came back after lapsing; CRR counts them as retained)
// New vs returning: customers who bought in the period, split by whether their first purchase ever
// falls in it, with the revenue of each group.
import { assertCovered, type MonthlyActivity } from './activity.js';
import { yearOfMonth } from './calendar.js';

export interface RetentionRow {
  /** Month number, or the year for yearly rows. */
  period: number;
  start: number;
  end: number;
  new: number;
  retained: number;
  lost: number;
  reactivated: number;
  /** null when nobody was active at the start. */
  crr: number | null;
  churn: number | null;
  /** Customers who bought in the period, and how they split. */
  buyers: number;
  newBuyers: number;
  returningBuyers: number;
  newRevenue: number;
  returningRevenue: number;
}

function checkWindow(w: number): void {
  if (!Number.isInteger(w) || w < 1 || w > 120) throw new RangeError(`activity window must be a whole number of months from 1 to 120, got ${w}`);
}

/** Merged activity intervals of customer i: the month ends at which they are active. */
function activeIntervals(a: MonthlyActivity, i: number, w: number, out: number[]): number {
  let n = 0;
  const end = a.offsets[i + 1] as number;
  for (let e = a.offsets[i] as number; e < end; e++) {
    const m = a.month[e] as number;
    if (n > 0 && m <= (out[n * 2 - 1] as number) + 1) out[n * 2 - 1] = m + w - 1;
    else { out[n * 2] = m; out[n * 2 + 1] = m + w - 1; n++; }
  }
  return n;
}

function isActive(iv: number[], n: number, M: number): boolean {
  for (let j = 0; j < n; j++) if ((iv[j * 2] as number) <= M && M <= (iv[j * 2 + 1] as number)) return true;
  return false;
}

/** A period of whole months, [from, to]; `period` labels its row (a month, a year …). */
export interface MonthRange { period: number; from: number; to: number }

/** Consecutive months as one-month ranges. */
export function monthRanges(months: readonly number[]): MonthRange[] {
  return months.map((m) => ({ period: m, from: m, to: m }));
}

/** Calendar years touched by the months [first, last], each cut to the months inside. */
export function yearRanges(first: number, last: number): MonthRange[] {
  const out: MonthRange[] = [];
  for (let y = yearOfMonth(first); y <= yearOfMonth(last); y++) out.push({ period: y, from: Math.max(y * 12, first), to: Math.min(y * 12 + 11, last) });
  return out;
}

/** One row per range (see the top of the file for the definitions). */
export function retention(a: MonthlyActivity, ranges: readonly MonthRange[], activityWindow = 12): RetentionRow[] {
  checkWindow(activityWindow);
  const bounds = ranges;
  const periods = ranges.map((r) => r.period);
  for (const b of bounds) {
    if (b.to < b.from) throw new RangeError(`period ${b.period} ends before it starts`);
    assertCovered(a, b.to, b.to - b.from + 1 + activityWindow, 'retention');
  }
  const rows: RetentionRow[] = periods.map((period) => ({
    period, start: 0, end: 0, new: 0, retained: 0, lost: 0, reactivated: 0, crr: null, churn: null,
    buyers: 0, newBuyers: 0, returningBuyers: 0, newRevenue: 0, returningRevenue: 0,
  }));
  const iv: number[] = [];
  for (let i = 0; i < a.customers; i++) {
    const n = activeIntervals(a, i, activityWindow, iv);
    const first = a.firstMonth[i] as number;
    const eStart = a.offsets[i] as number;
    const eEnd = a.offsets[i + 1] as number;
    bounds.forEach((b, j) => {
      const row = rows[j] as RetentionRow;
      const atStart = isActive(iv, n, b.from - 1);
      const atEnd = isActive(iv, n, b.to);
      const isNew = first >= b.from && first <= b.to;
      if (atStart) row.start++;
      if (atEnd) row.end++;
      if (isNew) row.new++;
      if (atStart && atEnd) row.retained++;
      if (atStart && !atEnd) row.lost++;
      if (atEnd && !atStart && !isNew) row.reactivated++;
      let revenue = 0;
      let bought = false;
      for (let e = eStart; e < eEnd; e++) {
        const m = a.month[e] as number;
        if (m > b.to) break;
        if (m >= b.from) { bought = true; revenue += a.revenue[e] as number; }
      }
      if (bought) {
        row.buyers++;
        if (isNew) { row.newBuyers++; row.newRevenue += revenue; } else { row.returningBuyers++; row.returningRevenue += revenue; }
      }
    });
  }
  for (const row of rows) {
    if (row.start > 0) {
      row.crr = ((row.end - row.new) / row.start) * 100;
      row.churn = (row.lost / row.start) * 100;
    }
  }
  return rows;
}

export interface CohortCell { cohort: number; offset: number; month: number; customers: number; share: number; revenue: number }
export interface CohortResult { cohorts: { cohort: number; customers: number }[]; cells: CohortCell[] }

/**
 * Cohort retention: customers grouped by the month of their first purchase (cohorts within [first,
 * last]); for each later month, how many of them bought (share of the cohort) and their revenue.
 * Offset 0 is the first month itself (100% by definition).
 */
export function cohorts(a: MonthlyActivity, first: number, last: number): CohortResult {
  if (last < first) throw new RangeError('the last cohort month is before the first');
  if (first < a.spanStart || last > a.spanEnd) throw new RangeError(`cohort months ${first}–${last} are outside the activity span ${a.spanStart}–${a.spanEnd}`);
  const width = last - first + 1;
  const size = new Float64Array(width);
  const active = new Float64Array(width * width);
  const revenue = new Float64Array(width * width);
  for (let i = 0; i < a.customers; i++) {
    const c = (a.firstMonth[i] as number) - first;
    if (c < 0 || c >= width) continue;
    size[c]! += 1;
    const end = a.offsets[i + 1] as number;
    for (let e = a.offsets[i] as number; e < end; e++) {
      const m = (a.month[e] as number) - first;
      if (m < c || m >= width) continue;
      active[c * width + (m - c)]! += 1;
      revenue[c * width + (m - c)]! += a.revenue[e] as number;
    }
  }
  const cells: CohortCell[] = [];
  const list: CohortResult['cohorts'] = [];
  for (let c = 0; c < width; c++) {
    const n = size[c] as number;
    list.push({ cohort: first + c, customers: n });
    for (let k = 0; c + k < width; k++) {
      const v = active[c * width + k] as number;
      cells.push({ cohort: first + c, offset: k, month: first + c + k, customers: v, share: n > 0 ? v / n : 0, revenue: revenue[c * width + k] as number });
    }
  }
  return { cohorts: list, cells };
}
