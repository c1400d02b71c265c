import { describe, expect, it } from 'vitest';
import { activityFromLists } from './activity.js';
import { cohorts, monthRanges, retention, yearRanges } from './retention.js';

const m = (year: number, month: number) => year * 12 + month - 1;
const [JAN, FEB, MAR, APR, MAY, JUN] = [1, 2, 3, 4, 5, 6].map((k) => m(2025, k)) as [number, number, number, number, number, number];

// Activity window W = 3: a customer is active at the end of a month when they bought in it or in the two
// months before. For June 2025: S = active at the end of May (bought Mar–May), E = active at the end of
// June (bought Apr–Jun), N = first purchase in June.
//   a  Mar                 in S, not in E → lost
//   b  Apr                 in S and E → retained (did not buy in June, still active)
//   c  May, Jun (300)      in S and E → retained; bought in June → returning buyer
//   d  Jun (500)           first purchase in June → new; in E
//   e  Jan, Jun (200)      not in S (nothing Mar–May), in E, not new → reactivated; returning buyer
//   f  Feb                 neither
// S = 3, E = 4, N = 1:  CRR = (E − N) / S × 100 = (4 − 1) / 3 × 100 = 100%,
// although a was lost: churn = lost / S = 1/3 = 33.3%; e's return is what the CRR formula counts as retained.
const activity = activityFromLists(m(2024, 10), JUN, [
  { months: [[MAR, 1, 100]] },
  { months: [[APR, 1, 100]] },
  { months: [[MAY, 1, 100], [JUN, 1, 300]] },
  { months: [[JUN, 1, 500]] },
  { months: [[JAN, 1, 100], [JUN, 1, 200]] },
  { months: [[FEB, 1, 100]] },
]);

describe('retention', () => {
  it('computes CRR, churn, and who was retained, lost, new and reactivated in a month', () => {
    const [row] = retention(activity, monthRanges([JUN]), 3);
    expect(row).toEqual({
      period: JUN, start: 3, end: 4, new: 1, retained: 2, lost: 1, reactivated: 1, crr: 100, churn: expect.closeTo(33.3333333, 6),
      buyers: 3, newBuyers: 1, returningBuyers: 2, newRevenue: 500, returningRevenue: 500,
    });
  });

  it('gives one row per month, and none of the rates without anyone active at the start', () => {
    const rows = retention(activity, monthRanges([JAN, FEB, MAR, APR, MAY, JUN]), 3);
    // End of each month: Jan e; Feb e f; Mar a e f (e still within 3 months); Apr a b f; May a b c; Jun b c d e.
    expect(rows.map((r) => r.end)).toEqual([1, 2, 3, 3, 3, 4]);
    expect(rows.map((r) => r.start)).toEqual([0, 1, 2, 3, 3, 3]);
    expect(rows[0]).toMatchObject({ crr: null, churn: null, new: 1 });
    // April: S = {a, e, f}; E = {a, b, f}; N = {b}: CRR = (3 − 1)/3, e lost.
    expect(rows[3]).toMatchObject({ new: 1, retained: 2, lost: 1, crr: expect.closeTo(66.6666667, 6) });
  });

  it('counts a year cut by the period only by its months inside', () => {
    expect(yearRanges(m(2024, 11), m(2025, 2))).toEqual([{ period: 2024, from: m(2024, 11), to: m(2024, 12) }, { period: 2025, from: JAN, to: FEB }]);
    const [year] = retention(activity, yearRanges(JAN, JUN), 3);
    // Nobody was active at the end of December 2024; all six bought for the first time in 2025.
    expect(year).toMatchObject({ period: 2025, start: 0, end: 4, new: 6, crr: null, buyers: 6, newBuyers: 6, returningBuyers: 0, newRevenue: 1500 });
  });

  it('refuses a window the activity does not reach back to', () => {
    expect(() => retention(activity, monthRanges([JAN]), 6)).toThrow(/span/);
  });
});

describe('cohorts', () => {
  it('counts each first-purchase month\'s customers in the months after', () => {
    const r = cohorts(activity, JAN, JUN);
    expect(r.cohorts.map((c) => c.customers)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(r.cells).toHaveLength(6 + 5 + 4 + 3 + 2 + 1);
    const cell = (cohort: number, offset: number) => r.cells.find((c) => c.cohort === cohort && c.offset === offset)!;
    // e (January cohort) came back in June, five months later; c (May cohort) in June, one month later.
    expect(cell(JAN, 5)).toEqual({ cohort: JAN, offset: 5, month: JUN, customers: 1, share: 1, revenue: 200 });
    expect(cell(JAN, 1)).toMatchObject({ customers: 0, share: 0 });
    expect(cell(MAY, 1)).toMatchObject({ customers: 1, share: 1, revenue: 300 });
    expect(cell(JUN, 0)).toMatchObject({ customers: 1, share: 1, revenue: 500 });
  });
});
