import { describe, expect, it } from 'vitest';
import { discountByMechanic } from './economics.js';

describe('discount by mechanic', () => {
  it('totals each mechanic over the months, in the table order, with its share of the whole discount', () => {
    // Two months. Tier 100 + 200, cumulative 150, club 200, promotion 150 (the till's own), and two
    // imported receipts without lines (mechanic null) whose 70 only the period total knows about.
    const rows = [
      { mechanic: 'promotion', discount: 100, receipts: 2 },
      { mechanic: 'tier', discount: 100, receipts: 1 },
      { mechanic: null, discount: 70, receipts: 2 },
      { mechanic: 'club', discount: 200, receipts: 2 },
      { mechanic: 'tier', discount: 200, receipts: 3 },
      { mechanic: 'cumulative', discount: 150, receipts: 1 },
      { mechanic: 'promotion', discount: 50, receipts: 1 },
    ];
    expect(discountByMechanic(rows, 870)).toEqual([
      { mechanic: 'tier', discount: 300, receipts: 4, share: 300 / 870 },
      { mechanic: 'cumulative', discount: 150, receipts: 1, share: 150 / 870 },
      { mechanic: 'club', discount: 200, receipts: 2, share: 200 / 870 },
      { mechanic: 'promotion', discount: 150, receipts: 3, share: 150 / 870 },
      { mechanic: 'unattributed', discount: 70, receipts: 2, share: 70 / 870 },
    ]);
  });

  it('puts what the lines do not account for under unattributed, so the rows add up to the total', () => {
    const r = discountByMechanic([{ mechanic: 'tier', discount: 90, receipts: 1 }], 100);
    expect(r.map((m) => [m.mechanic, m.discount, m.receipts])).toEqual([['tier', 90, 1], ['unattributed', 10, 0]]);
    // Nothing unattributed when the lines explain all of it.
    expect(discountByMechanic([{ mechanic: 'club', discount: 100, receipts: 1 }], 100).map((m) => m.mechanic)).toEqual(['club']);
  });

  it('sorts a mechanic it does not know after the known ones', () => {
    const r = discountByMechanic([{ mechanic: 'stamp', discount: 5, receipts: 1 }, { mechanic: 'tier', discount: 5, receipts: 1 }], 10);
    expect(r.map((m) => m.mechanic)).toEqual(['tier', 'stamp']);
  });

  it('gives whole minor units, and the rounded rows still add up to the total', () => {
    // float8 sums from the database: 0.1 + 0.2 style fractions must not reach the table.
    const r = discountByMechanic([
      { mechanic: 'tier', discount: 100.4, receipts: 1 },
      { mechanic: 'tier', discount: 0.2, receipts: 1 },
      { mechanic: 'club', discount: 49.6, receipts: 1 },
    ], 200.0000001);
    expect(r.map((m) => [m.mechanic, m.discount])).toEqual([['tier', 101], ['club', 50], ['unattributed', 49]]);
    for (const m of r) expect(Number.isInteger(m.discount)).toBe(true);
    expect(r.reduce((s, m) => s + m.discount, 0)).toBe(200);
  });

  it('takes the database\'s numbers as strings too', () => {
    const r = discountByMechanic([{ mechanic: 'tier', discount: '30' as unknown as number, receipts: '2' as unknown as number }], 30);
    expect(r).toEqual([{ mechanic: 'tier', discount: 30, receipts: 2, share: 1 }]);
  });

  it('is empty for a period without discounts, and has no share when the total is zero', () => {
    expect(discountByMechanic([], 0)).toEqual([]);
    // Receipts without lines but no discount in total: listed, with no share to speak of.
    expect(discountByMechanic([{ mechanic: null, discount: 0, receipts: 1 }], 0)).toEqual([{ mechanic: 'unattributed', discount: 0, receipts: 1, share: null }]);
  });
});
