import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ReceiptLineInput, ReceiptResult } from './calculate.js';
import { calculateReceipt } from './calculate.js';
import { exampleProgram } from './examples.js';
import type { Lot } from './lots.js';
import type { ProgramConfig, RefundPolicy } from './program.js';
import type { RefundInput, RefundPlan } from './refund.js';
import { planRefund, refundShare } from './refund.js';

const now = new Date('2024-06-01T00:00:00Z');
const program = (over: Partial<ProgramConfig> = {}) => {
  const p = exampleProgram({ cumulative: null, ...over });
  return { ...p, tiers: p.tiers.map((t) => ({ ...t, discountBp: 0 })) };
};
const receipt = (lines: ReceiptLineInput[], spendable = 0, requested = 0, p = program()): ReceiptResult => calculateReceipt({
  program: p, lines, requestedPoints: requested,
  customer: { tier: 'simple', accumulated: { amount: 0, count: 0 }, clubMember: false, spendablePoints: spendable, pendingPoints: 0 },
});
const line = (unitPrice: number, quantityMilli = 1000): ReceiptLineInput => ({ sku: 's', productGroup: null, quantityMilli, unitPrice });
const earnedLot = (remaining: number, pending = false): Lot => ({ id: 'earn', remaining, pending, unlockAt: null, expiresAt: null });

function plan(r: ReceiptResult, quantities: number[], over: Partial<RefundInput> = {}): RefundPlan {
  const out = planRefund({
    receipt: r, quantities, alreadyRefunded: r.lines.map(() => 0), lots: [earnedLot(r.totals.pointsEarned, true)],
    earnedLotId: 'earn', spendableBalance: 0, returnLot: { id: 'ret', expiresAt: null }, policy: 'negative_balance', at: now, ...over,
  });
  if (!out.ok) throw new Error(out.reason);
  return out.value;
}

describe('refund shares', () => {
  it('splits a total by cumulative quantity so partial refunds add up exactly', () => {
    // 10 points earned on 3 units: 3.33 → 3, 6.67 → 7, 10.
    expect([refundShare(10, 3000, 0, 1000), refundShare(10, 3000, 1000, 2000), refundShare(10, 3000, 2000, 3000)]).toEqual([3, 4, 3]);
    expect(refundShare(10, 3000, 0, 3000)).toBe(10);
  });
});

describe('planRefund', () => {
  it('takes back the points earned on the refunded share and returns its money', () => {
    const r = receipt([line(1000, 3000)]); // 3 000 paid, 5% = 150 points
    const p = plan(r, [1000]);
    expect(p).toMatchObject({ moneyGross: 1000, moneyToReturn: 1000, pointsToTakeBack: 50, pointsToReturn: 0, shortfall: 0, fullyRefunded: false, accumulated: { amount: 1000, count: 0 } });
    expect(p.takes).toEqual([{ lotId: 'earn', amount: 50, from: 'pending' }]);
    const full = plan(r, [3000]);
    expect(full).toMatchObject({ pointsToTakeBack: 150, moneyToReturn: 3000, fullyRefunded: true, accumulated: { amount: 3000, count: 1 } });
  });
  it('returns the points spent on refunded lines as a new lot, and takes back from it first', () => {
    const r = receipt([line(10_000), line(10_000)], 6000, 6000); // 30% cap → 6 000 points, 3 000 per line
    expect(r.lines.map((l) => [l.pointsSpent, l.paidAmount, l.pointsEarned])).toEqual([[3000, 7000, 350], [3000, 7000, 350]]);
    const p = plan(r, [1000, 0], { lots: [], earnedLotId: null });
    expect(p).toMatchObject({ pointsToReturn: 3000, returnLot: { id: 'ret', amount: 3000 }, pointsToTakeBack: 350, moneyToReturn: 7000, shortfall: 0 });
    expect(p.takes).toEqual([{ lotId: 'ret', amount: 350, from: 'spendable' }]);
  });
  it('takes the rest from other spendable lots, soonest-expiring first, without going below zero', () => {
    const r = receipt([line(2000)]); // 100 points earned
    const lots: Lot[] = [
      earnedLot(30),
      { id: 'late', remaining: 50, pending: false, unlockAt: null, expiresAt: null },
      { id: 'soon', remaining: 50, pending: false, unlockAt: null, expiresAt: new Date('2024-07-01T00:00:00Z') },
    ];
    const p = plan(r, [1000], { lots, spendableBalance: 90 }); // a 40-point debt is open on top of 130 in lots
    expect(p.takes).toEqual([{ lotId: 'earn', amount: 30, from: 'spendable' }, { lotId: 'soon', amount: 50, from: 'spendable' }, { lotId: 'late', amount: 10, from: 'spendable' }]);
    expect(p).toMatchObject({ shortfall: 10, negativeBalance: 10 });
  });
  it.each<[RefundPolicy, Partial<RefundPlan>]>([
    ['negative_balance', { negativeBalance: 100, moneyToReturn: 2000, forgiven: 0 }],
    ['forgive', { negativeBalance: 0, moneyToReturn: 2000, forgiven: 100 }],
    ['reduce_refund', { negativeBalance: 0, moneyDeduction: 100, coveredByMoney: 100, moneyToReturn: 1900, forgiven: 0 }],
  ])('handles points already spent with the %s policy', (policy, expected) => {
    const r = receipt([line(2000)]);
    expect(plan(r, [1000], { lots: [earnedLot(0)], policy })).toMatchObject({ shortfall: 100, ...expected });
  });
  it('reduces the refund at the sale rate, rounding the cost up, and forgives what money cannot cover', () => {
    const p = program();
    const r = receipt([line(10)], 0, 0, { ...p, points: { ...p.points!, rate: { points: 2, minor: 3 } } }); // 5% of 10 = 0.5 minor → 0 points
    expect(r.totals.pointsEarned).toBe(0);
    const rich = receipt([line(100_000)], 0, 0, { ...p, points: { ...p.points!, rate: { points: 2, minor: 3 } } }); // 5 000 minor → 3 333 points
    expect(rich.totals.pointsEarned).toBe(3333);
    const out = plan(rich, [1000], { lots: [earnedLot(0)], policy: 'reduce_refund' });
    expect(out).toMatchObject({ shortfall: 3333, moneyDeduction: 5000, coveredByMoney: 3333, forgiven: 0, moneyToReturn: 95_000 }); // 4 999.5 → 5 000
    const small = receipt([line(1000), line(100_000)], 0, 0, { ...p, points: { ...p.points!, rate: { points: 2, minor: 3 } } });
    const part = plan(small, [1000, 0], { lots: [earnedLot(0)], policy: 'reduce_refund' });
    expect(part.moneyToReturn + part.moneyDeduction).toBe(part.moneyGross);
  });
  it('refuses impossible refunds', () => {
    const r = receipt([line(1000, 2000)]);
    const base = { receipt: r, lots: [], earnedLotId: null, spendableBalance: 0, returnLot: { id: 'x', expiresAt: null }, policy: 'forgive' as const, at: now };
    expect(planRefund({ ...base, quantities: [1500], alreadyRefunded: [1000] })).toMatchObject({ ok: false, reason: 'refund_exceeds_quantity' });
    expect(planRefund({ ...base, quantities: [0], alreadyRefunded: [0] })).toMatchObject({ ok: false, reason: 'nothing_to_refund' });
    expect(planRefund({ ...base, quantities: [1, 1], alreadyRefunded: [0] })).toMatchObject({ ok: false, reason: 'refund_lines_mismatch' });
  });
  it('never takes back more than was earned over any sequence of partial refunds, and exactly all at the end', () => {
    fc.assert(fc.property(
      fc.array(fc.record({ price: fc.integer({ min: 1, max: 100_000 }), qty: fc.integer({ min: 1, max: 5000 }) }), { minLength: 1, maxLength: 5 }),
      fc.integer({ min: 0, max: 1_000_000 }),
      fc.array(fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 5, maxLength: 5 }), { minLength: 1, maxLength: 6 }),
      (rows, balance, steps) => {
        const r = receipt(rows.map((x) => line(x.price, x.qty)), balance, balance);
        let refunded = r.lines.map(() => 0);
        const sums = { take: 0, ret: 0, money: 0, acc: 0, count: 0 };
        const addUp = (p: RefundPlan) => {
          sums.take += p.pointsToTakeBack; sums.ret += p.pointsToReturn; sums.money += p.moneyGross; sums.acc += p.accumulated.amount; sums.count += p.accumulated.count;
        };
        for (const percents of steps) {
          const q = r.lines.map((l, i) => Math.floor(((l.quantityMilli - (refunded[i] ?? 0)) * (percents[i] ?? 0)) / 100));
          if (q.every((x) => x === 0)) continue;
          const p = plan(r, q, { alreadyRefunded: refunded, lots: [] });
          addUp(p);
          expect(sums.take).toBeLessThanOrEqual(r.totals.pointsEarned);
          expect(sums.ret).toBeLessThanOrEqual(r.totals.pointsSpent);
          expect(sums.money).toBeLessThanOrEqual(r.totals.amountToPay);
          refunded = p.lines.map((l) => l.refundedQuantityMilli);
        }
        const rest = r.lines.map((l, i) => l.quantityMilli - (refunded[i] ?? 0));
        if (rest.some((x) => x > 0)) addUp(plan(r, rest, { alreadyRefunded: refunded, lots: [] }));
        expect(sums).toEqual({ take: r.totals.pointsEarned, ret: r.totals.pointsSpent, money: r.totals.amountToPay, acc: r.totals.accumulationAmount, count: 1 });
      },
    ), { numRuns: 300 });
  });
});
