import { describe, expect, it } from 'vitest';
import { bucketOf, daysOfMask, dayBit, maskUpTo, planBuckets, popcount } from './buckets.js';
import { dayOrThrow, monthOfDay } from './calendar.js';
import { factsFromPurchases } from './reference.js';

const day = (text: string) => dayOrThrow(text, 'test');

describe('buckets', () => {
  // History from 10 January 2025, period 15 March – 31 May: January, February, 1–14 March, 15–31 March,
  // April, May. Only the period's first month is cut in two.
  const plan = planBuckets(day('2025-01-10'), day('2025-03-15'), day('2025-05-31'));

  it('cuts the history into months, splitting the month the period starts in', () => {
    expect(plan.buckets.map((b) => [b.from, b.to, b.inPeriod])).toEqual([
      [day('2025-01-01'), day('2025-01-31'), false], [day('2025-02-01'), day('2025-02-28'), false], [day('2025-03-01'), day('2025-03-14'), false],
      [day('2025-03-15'), day('2025-03-31'), true], [day('2025-04-01'), day('2025-04-30'), true], [day('2025-05-01'), day('2025-05-31'), true],
    ]);
    expect(bucketOf(plan, day('2025-03-14'))).toBe(2);
    expect(bucketOf(plan, day('2025-03-15'))).toBe(3);
    expect(bucketOf(plan, day('2024-12-31'))).toBe(-1);
  });

  it('keeps purchase days as bits of day mod 32 and reads them back in order', () => {
    const march = plan.buckets[3]!;
    const mask = dayBit(day('2025-03-31')) | dayBit(day('2025-03-16')) | dayBit(day('2025-03-20'));
    expect(popcount(mask)).toBe(3);
    expect(daysOfMask(march, mask)).toEqual([day('2025-03-16'), day('2025-03-20'), day('2025-03-31')]);
    expect(maskUpTo(march, mask, day('2025-03-20'))).toEqual({ visits: 2, last: day('2025-03-20') });
    expect(maskUpTo(march, mask, day('2025-03-15'))).toEqual({ visits: 0, last: -1 });
  });
});

describe('customer facts', () => {
  // X: 10 Jan two receipts (100 and 50), 10 Mar 200, 20 Mar 300, 5 May 400.  Y: 1 Apr 1000.
  // X has 4 purchase days (the two January receipts are one day), 1050 in all; the smallest receipt of
  // the first day is 50. In the period (15 Mar – 31 May): 300 + 400 = 700 over 2 days, first 20 Mar,
  // last 5 May; by month 300, 0, 400 → Σ² = 90 000 + 160 000 = 250 000.
  // Up to the cut-off 15 Mar: 2 purchase days, the last on 10 Mar.
  // Activity by month: Jan 1 day / 150, Mar 2 days / 500 (both March buckets in one entry), May 1 / 400.
  const plan = planBuckets(day('2025-01-10'), day('2025-03-15'), day('2025-05-31'));
  const purchases = [
    { customerId: 'X', day: day('2025-01-10'), net: 100 }, { customerId: 'X', day: day('2025-01-10'), net: 50 }, { customerId: 'X', day: day('2025-03-10'), net: 200 },
    { customerId: 'X', day: day('2025-03-20'), net: 300 }, { customerId: 'X', day: day('2025-05-05'), net: 400 }, { customerId: 'Y', day: day('2025-04-01'), net: 1000 },
  ];
  const f = factsFromPurchases(purchases, plan, monthOfDay(day('2024-12-01')), [day('2025-03-15')]);
  const x = f.ids.indexOf('X');
  const y = f.ids.indexOf('Y');

  it('sums the whole history and the period per customer', () => {
    expect(f.count).toBe(2);
    expect([f.visits[x], f.revenue[x], f.firstDay[x], f.lastDay[x], f.firstDayRevenue[x]]).toEqual([4, 1050, day('2025-01-10'), day('2025-05-05'), 50]);
    expect([f.wRevenue[x], f.wReceipts[x], f.wVisits[x], f.wFirstDay[x], f.wLastDay[x], f.wSumSquares[x]]).toEqual([700, 2, 2, day('2025-03-20'), day('2025-05-05'), 250_000]);
    expect([f.cutVisits[0]![x], f.cutLastDay[0]![x]]).toEqual([2, day('2025-03-10')]);
    expect([f.visits[y], f.wRevenue[y], f.cutVisits[0]![y], f.cutLastDay[0]![y]]).toEqual([1, 1000, 0, -1]);
  });

  it('lists each customer\'s months, one entry per calendar month', () => {
    const a = f.activity;
    const entries = (i: number) => Array.from({ length: a.offsets[i + 1]! - a.offsets[i]! }, (_, k) => {
      const e = a.offsets[i]! + k;
      return [a.month[e], a.visits[e], a.revenue[e]];
    });
    const m = (text: string) => monthOfDay(day(text));
    expect(entries(x)).toEqual([[m('2025-01-01'), 1, 150], [m('2025-03-01'), 2, 500], [m('2025-05-01'), 1, 400]]);
    expect(entries(y)).toEqual([[m('2025-04-01'), 1, 1000]]);
    expect([a.firstMonth[x], a.visitsBefore[x], a.spanStart, a.spanEnd]).toEqual([m('2025-01-01'), 0, m('2024-12-01'), m('2025-05-01')]);
  });
});
