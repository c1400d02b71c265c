import { describe, expect, it } from 'vitest';
import { activityFromLists } from './activity.js';
import { ladder, ladderState } from './ladder.js';

const m = (year: number, month: number) => year * 12 + month - 1;
const JAN = m(2025, 1);
const [FEB, MAR, APR, MAY, JUN] = [JAN + 1, JAN + 2, JAN + 3, JAN + 4, JAN + 5];
const one = (month: number, visits = 1): [number, number, number] => [month, visits, 100 * visits];

// Regular = bought in ≥ 2 of the last 3 months; loyal = also ≥ 4 of the last 6; lapsed after 3 months
// without a purchase. Evaluated at the end of May and of June 2025:
//   A  Jan…Jun every month          May: 3 of 3, 5 of 6 → loyal        Jun: 3 of 3, 6 of 6 → loyal
//   B  Jun                          May: no purchase yet → none        Jun: 1 purchase → one_purchase
//   C  Feb, Jun                     May: nothing Mar–May → lapsed      Jun: 2 purchases, 1 of 3 → second_purchase
//   D  Jan (two days)               May: lapsed                        Jun: lapsed
//   E  Apr, May                     May: 2 of 3 (Mar–May) → regular    Jun: 2 of 3 (Apr–Jun), 2 of 6 → regular
//   F  3 purchases before the span, May     May: 4 purchases, 1 of 3 → second_purchase, and the same in Jun
//   G  Mar                          May: 1 purchase, recent → one_purchase   Jun: nothing Apr–Jun → lapsed
const activity = activityFromLists(m(2024, 12), JUN, [
  { months: [JAN, FEB, MAR, APR, MAY, JUN].map((x) => one(x)) },
  { months: [one(JUN)] },
  { months: [one(FEB), one(JUN)] },
  { months: [one(JAN, 2)] },
  { months: [one(APR), one(MAY)] },
  { months: [one(MAY)], firstMonth: m(2024, 6), visitsBefore: 3 },
  { months: [one(MAR)] },
]);
const options = { regular: { k: 2, n: 3 }, loyal: { k: 4, n: 6 } };

describe('customer ladder', () => {
  it('places each customer on a step at the end of a month', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((i) => ladderState(activity, i, MAY, options))).toEqual(['loyal', 'none', 'lapsed', 'lapsed', 'regular', 'second_purchase', 'one_purchase']);
    expect([0, 1, 2, 3, 4, 5, 6].map((i) => ladderState(activity, i, JUN, options))).toEqual(['loyal', 'one_purchase', 'second_purchase', 'lapsed', 'regular', 'second_purchase', 'lapsed']);
  });

  it('counts per step and the movement from May to June', () => {
    const r = ladder(activity, [MAY, JUN], options);
    expect(r.series[1]!.counts).toEqual({ none: 0, lapsed: 2, one_purchase: 1, second_purchase: 2, regular: 1, loyal: 1, advocate: 0 });
    expect(r.series[0]!.counts).toEqual({ none: 1, lapsed: 2, one_purchase: 1, second_purchase: 1, regular: 1, loyal: 1, advocate: 0 });
    expect(r.movement).toEqual(expect.arrayContaining([
      { from: 'loyal', to: 'loyal', customers: 1 }, { from: 'none', to: 'one_purchase', customers: 1 }, { from: 'lapsed', to: 'second_purchase', customers: 1 },
      { from: 'lapsed', to: 'lapsed', customers: 1 }, { from: 'regular', to: 'regular', customers: 1 }, { from: 'second_purchase', to: 'second_purchase', customers: 1 },
      { from: 'one_purchase', to: 'lapsed', customers: 1 },
    ]));
    expect(r.movement.reduce((s, x) => s + x.customers, 0)).toBe(7);
    expect(r.advocatesKnown).toBe(false);
  });

  it('makes loyal customers who recommend us advocates when that is known', () => {
    const r = ladder(activity, [JUN], options, [true, true, false, false, true, false, false]);
    // A is loyal → advocate; B and E recommend us but are not loyal, so they stay where they are.
    expect(r.series[0]!.counts).toMatchObject({ loyal: 0, advocate: 1, one_purchase: 1, regular: 1 });
    expect(r.advocatesKnown).toBe(true);
  });

  it('refuses windows that make no sense and months the activity does not cover', () => {
    expect(() => ladder(activity, [JUN], { regular: { k: 4, n: 3 }, loyal: { k: 4, n: 6 } })).toThrow(/regular.k/);
    expect(() => ladder(activity, [m(2025, 3)], options)).toThrow(/span/);
    expect(() => ladder(activity, [JUN, MAY], options)).toThrow(/ascending/);
  });
});
