import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ReceiptLineInput } from './calculate.js';
import { calculateReceipt } from './calculate.js';
import { exampleProgram } from './examples.js';
import type { ProgramConfig } from './program.js';

const lineArb: fc.Arbitrary<ReceiptLineInput> = fc.record({
  sku: fc.constantFrom('a', 'b', 'c'),
  productGroup: fc.constantFrom(null, 'food', 'tobacco', 'books'),
  quantityMilli: fc.integer({ min: 1, max: 20_000 }),
  unitPrice: fc.integer({ min: 0, max: 200_000 }),
  unitCost: fc.option(fc.integer({ min: 0, max: 200_000 }), { nil: null }),
}).chain((l) => fc.integer({ min: 0, max: Math.round((l.unitPrice * l.quantityMilli) / 1000) }).map((promo) => ({ ...l, promotionDiscount: promo })));

const programArb: fc.Arbitrary<ProgramConfig> = fc.record({
  rate: fc.record({ points: fc.integer({ min: 1, max: 100 }), minor: fc.integer({ min: 1, max: 100 }) }),
  maxShareBp: fc.integer({ min: 0, max: 10_000 }),
  minMarkupBp: fc.integer({ min: 0, max: 5000 }),
  guard: fc.boolean(),
  promotion: fc.constantFrom('combine', 'never_combine', 'best_of') as fc.Arbitrary<'combine' | 'never_combine' | 'best_of'>,
  earnWhenRedeeming: fc.boolean(),
}).map((o) => {
  const p = exampleProgram();
  return {
    ...p,
    points: { ...p.points!, rate: o.rate, maxShareBp: o.maxShareBp, earnWhenRedeeming: o.earnWhenRedeeming, groupEarnBp: { books: 1500 }, earnExcludedGroups: ['tobacco'], redeemExcludedGroups: ['tobacco'] },
    marginGuard: o.guard ? { minMarkupBp: o.minMarkupBp, groupMaxDiscountBp: { tobacco: 0 }, defaultMaxDiscountBp: 2500 } : null,
    stacking: { ...p.stacking, promotion: o.promotion },
  };
});

describe('calculateReceipt properties', () => {
  it('keeps every amount whole, consistent and within its limits', () => {
    fc.assert(fc.property(
      programArb, fc.array(lineArb, { minLength: 1, maxLength: 12 }),
      fc.constantFrom('simple', 'gold', 'vip'), fc.integer({ min: -100, max: 1_000_000 }), fc.integer({ min: 0, max: 2_000_000 }),
      fc.integer({ min: 0, max: 600_000 }),
      (program, lines, tier, balance, requested, accumulated) => {
        const r = calculateReceipt({
          program, lines, requestedPoints: requested,
          customer: { tier, accumulated: { amount: accumulated, count: 3 }, clubMember: false, spendablePoints: balance, pendingPoints: 0 },
        });
        const step = program.points!.rate;
        for (const l of r.lines) {
          expect(l.promotionDiscount + l.applied.amount + l.pointsMoney + l.paidAmount).toBe(l.baseAmount);
          expect(l.paidAmount).toBeGreaterThanOrEqual(0);
          expect(l.applied.amount).toBeLessThanOrEqual(l.applied.uncappedAmount);
          // Points money for a line is a whole number of rate steps: no fraction of a point is ever spent.
          expect(l.pointsMoney * step.points).toBe(l.pointsSpent * step.minor);
          if (l.limit.floorPrice !== null) expect(l.paidAmount).toBeGreaterThanOrEqual(Math.min(l.limit.floorPrice, l.baseAmount - l.promotionDiscount));
          if (l.productGroup === 'tobacco') expect(l.pointsSpent + l.pointsEarned).toBe(0);
        }
        const sum = (f: (l: (typeof r.lines)[number]) => number) => r.lines.reduce((a, l) => a + f(l), 0);
        expect(sum((l) => l.pointsSpent)).toBe(r.totals.pointsSpent);
        expect(sum((l) => l.pointsMoney)).toBe(r.totals.pointsMoney);
        expect(sum((l) => l.pointsEarned)).toBe(r.totals.pointsEarned);
        expect(sum((l) => l.paidAmount)).toBe(r.totals.amountToPay);
        expect(r.totals.subtotal - r.totals.promotionTotal - r.totals.discountTotal - r.totals.pointsMoney).toBe(r.totals.amountToPay);
        expect(r.totals.pointsSpent).toBeLessThanOrEqual(Math.min(requested, Math.max(0, balance), r.totals.maxSpendablePoints));
        const payable = r.totals.subtotal - r.totals.promotionTotal - r.totals.discountTotal;
        expect(r.totals.pointsMoney * 10_000).toBeLessThanOrEqual(payable * program.points!.maxShareBp);
        // Earned points never exceed the best earn rate on the money paid.
        expect(r.totals.pointsEarned * step.minor * 10_000).toBeLessThanOrEqual(r.totals.amountToPay * 1500 * step.points);
      },
    ), { numRuns: 400 });
  });
});
