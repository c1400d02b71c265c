import { describe, expect, it } from 'vitest';
import { pointsEconomics, purchaseEconomics, type PurchaseMonth } from './economics.js';

const row = (month: number, member: boolean, o: Partial<PurchaseMonth>): PurchaseMonth => ({
  month, member, revenue: 0, receipts: 0, subtotal: 0, discount: 0, pointsMoney: 0, pointsEarned: 0, pointsSpent: 0, costedRevenue: 0, cost: 0, ...o,
});

describe('program economics from purchases', () => {
  // January: members 1000 (cost known for 800 of it, costing 500 → margin 300, 37.5%), others 300 with
  // no cost known (margin unknown). Discount 150 + 0 on a price of 1200 + 300 = 10%.
  // February: members 500, all costed at 250 → margin 250 (50%). March: nothing sold.
  const data = [
    row(1, true, { revenue: 1000, receipts: 5, subtotal: 1200, discount: 150, pointsMoney: 50, pointsEarned: 10, pointsSpent: 5, costedRevenue: 800, cost: 500 }),
    row(1, false, { revenue: 300, receipts: 3, subtotal: 300 }),
    row(2, true, { revenue: 500, receipts: 2, subtotal: 500, costedRevenue: 500, cost: 250 }),
    row(9, true, { revenue: 999 }),
  ];

  it('splits revenue and margin between members and others per month', () => {
    const r = purchaseEconomics(data, [1, 2, 3]);
    expect(r.months[0]).toEqual({
      month: 1, memberRevenue: 1000, otherRevenue: 300, memberShare: 1000 / 1300, memberMargin: 300, otherMargin: null, memberMarginShare: 0.375, otherMarginShare: null,
      discount: 150, discountShare: 0.1, pointsMoney: 50, pointsEarned: 10, pointsSpent: 5,
    });
    expect(r.months[1]).toMatchObject({ memberMargin: 250, memberMarginShare: 0.5 });
    expect(r.months[2]).toMatchObject({ memberRevenue: 0, memberShare: null, discountShare: null });
  });

  it('totals the months asked for and nothing else', () => {
    // Members: margin (800 + 500) − (500 + 250) = 550 over 1300 costed; month 9 is outside.
    const { total } = purchaseEconomics(data, [1, 2, 3]);
    expect(total).toMatchObject({ memberRevenue: 1500, otherRevenue: 300, memberMargin: 550, discount: 150 });
    expect(total.memberMarginShare).toBeCloseTo(550 / 1300, 12);
  });
});

describe('points economics from the ledger', () => {
  // 1000 points outstanding at 0.5 (minor units) each → liability 500. January: 300 spent, 100 expired →
  // breakage 100 / (300 + 100) = 25%. February: nothing left the accounts → no breakage figure.
  it('values the liability and computes breakage', () => {
    const r = pointsEconomics({ pointValue: 0.5, outstandingPoints: 1000, months: [{ month: 1, issued: 800, spent: 300, expired: 100, takenBack: 20 }, { month: 2, issued: 50, spent: 0, expired: 0, takenBack: 0 }] });
    expect(r.liability).toBe(500);
    expect(r.months.map((m) => m.breakage)).toEqual([25, null]);
    expect(r.total).toEqual({ month: -1, issued: 850, spent: 300, expired: 100, takenBack: 20, breakage: 25 });
    expect(pointsEconomics({ pointValue: null, outstandingPoints: 1000, months: [] }).liability).toBeNull();
  });
});
