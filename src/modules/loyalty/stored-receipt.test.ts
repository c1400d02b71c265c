// The compact stored receipt (domain/stored-receipt.ts) must give back, after a trip through jsonb,
// exactly the receipt the first answer showed, everything refunds compute from, and what analytics reads.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ProgramConfig, ReceiptLineInput, ReceiptResult } from './domain/index.js';
import { calculateReceipt, decodeReceipt, encodeReceipt, exampleProgram } from './domain/index.js';
import { toReceiptView } from './receipt-view.js';

/** What PostgreSQL's jsonb does to object keys: shorter keys first, then byte order (arrays keep their order). */
function jsonbOrder(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(jsonbOrder);
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value).sort((a, b) => Buffer.byteLength(a) - Buffer.byteLength(b) || Buffer.compare(Buffer.from(a), Buffer.from(b)));
  return Object.fromEntries(keys.map((k) => [k, jsonbOrder((value as Record<string, unknown>)[k])]));
}
const throughJsonb = (r: ReceiptResult) => JSON.parse(JSON.stringify(jsonbOrder(JSON.parse(JSON.stringify(encodeReceipt(r)))))) as unknown;

const lineArb: fc.Arbitrary<ReceiptLineInput> = fc.record({
  sku: fc.constantFrom('a', 'JEANS-32', 'Ünïcode “sku”', '0'),
  productGroup: fc.constantFrom(null, 'food', 'tobacco', 'books'),
  quantityMilli: fc.integer({ min: 1, max: 20_000 }),
  unitPrice: fc.integer({ min: 0, max: 200_000 }),
  unitCost: fc.option(fc.integer({ min: 0, max: 200_000 }), { nil: null }),
}).chain((l) => fc.integer({ min: 0, max: Math.round((l.unitPrice * l.quantityMilli) / 1000) }).map((promo) => ({ ...l, promotionDiscount: promo })));

const base = exampleProgram();
const programArb: fc.Arbitrary<ProgramConfig> = fc.record({
  guard: fc.boolean(),
  promotion: fc.constantFrom('combine', 'never_combine', 'best_of') as fc.Arbitrary<'combine' | 'never_combine' | 'best_of'>,
  priorities: fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 })),
  points: fc.boolean(),
}).map((o) => ({
  ...base,
  // Levels with both thresholds: their parameters are objects whose key order jsonb would change.
  cumulative: { ...base.cumulative!, levels: [{ minAmount: 10_000, minCount: 2, discountBp: 300 }, { minAmount: 50_000, minCount: 5, discountBp: 700 }], match: 'any' as const },
  club: { join: { amount: 60_000, days: 180 }, stay: { amount: 30_000, days: 365 }, discountBp: 500, approval: 'owner' as const },
  points: o.points ? { ...base.points!, groupEarnBp: { books: 1500 }, earnExcludedGroups: ['tobacco'], redeemExcludedGroups: ['tobacco'] } : null,
  marginGuard: o.guard ? { minMarkupBp: 1000, groupMaxDiscountBp: { tobacco: 0 }, defaultMaxDiscountBp: 2500 } : null,
  stacking: { priority: { tier: o.priorities[0], cumulative: o.priorities[1], club: o.priorities[2] }, promotion: o.promotion },
}));

describe('the stored receipt', () => {
  it('renders the same answer bytes, refund figures and analytics fields after a trip through jsonb', () => {
    fc.assert(fc.property(
      programArb, fc.array(lineArb, { minLength: 1, maxLength: 25 }), fc.constantFrom('simple', 'gold', 'vip', 'unknown'),
      fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 8 }), fc.boolean(), fc.integer({ min: 0, max: 5000 }), fc.boolean(),
      (program, lines, tier, amount, count, clubMember, requested, anonymous) => {
        const r = calculateReceipt({
          program, lines, requestedPoints: requested,
          customer: anonymous ? null : { tier, accumulated: { amount, count }, cumulativeFloorBp: 0, clubMember, spendablePoints: 3000, pendingPoints: 0 },
        });
        const stored = throughJsonb(r);
        const back = decodeReceipt(stored);
        expect(JSON.stringify(toReceiptView(back))).toBe(JSON.stringify(toReceiptView(r)));
        const refundFields = (x: { lines: { index: number; quantityMilli: number; paidAmount: number; pointsEarned: number; pointsSpent: number; accumulationAmount: number }[]; pointsRate: unknown }) =>
          ({ rate: x.pointsRate, lines: x.lines.map((l) => [l.index, l.quantityMilli, l.paidAmount, l.pointsEarned, l.pointsSpent, l.accumulationAmount]) });
        expect(refundFields(back)).toEqual(refundFields(r));
        expect(back.totals).toEqual(r.totals);
        // Analytics: lines[].applied.mechanic, lines[].applied.amount and lines[].promotionDiscount.
        const analytics = (stored as { lines: { applied: { mechanic: string | null; amount: number }; promotionDiscount: number }[] }).lines
          .map((l) => [l.applied.mechanic, l.applied.amount, l.promotionDiscount]);
        expect(analytics).toEqual(r.lines.map((l) => [l.applied.mechanic, l.applied.amount, l.promotionDiscount]));
      },
    ), { numRuns: 300 });
  });

  it('is a fraction of the whole result, and reads rows stored before it as they are', () => {
    const lines = Array.from({ length: 20 }, (_, i) => ({ sku: `SKU-${i}`, productGroup: i % 4 === 0 ? 'food' : 'goods', quantityMilli: 1000 * (1 + (i % 3)), unitPrice: 199 + i * 37, unitCost: 100 + i * 11 }));
    const r = calculateReceipt({ program: base, lines, requestedPoints: 50, customer: { tier: 'gold', accumulated: { amount: 60_000, count: 4 }, cumulativeFloorBp: 0, clubMember: false, spendablePoints: 2000, pendingPoints: 0 } });
    expect(JSON.stringify(encodeReceipt(r)).length).toBeLessThan(JSON.stringify(r).length / 2);
    const old = jsonbOrder(JSON.parse(JSON.stringify(r)));
    expect(JSON.stringify(toReceiptView(decodeReceipt(old)))).toBe(JSON.stringify(toReceiptView(r)));
  });

  it('keeps a line\'s own offers when they differ from the shared list', () => {
    const r = calculateReceipt({ program: base, lines: [{ sku: 'A', productGroup: null, quantityMilli: 1000, unitPrice: 1000 }, { sku: 'B', productGroup: null, quantityMilli: 1000, unitPrice: 500 }], requestedPoints: 0, customer: { tier: 'gold', accumulated: { amount: 60_000, count: 4 }, cumulativeFloorBp: 0, clubMember: false, spendablePoints: 0, pendingPoints: 0 } });
    const odd: ReceiptResult = { ...r, lines: [r.lines[0]!, { ...r.lines[1]!, candidates: [{ ...r.lines[1]!.candidates[0]!, params: { b: 1, a: 'x' } }] }] };
    expect(JSON.stringify(toReceiptView(decodeReceipt(JSON.parse(JSON.stringify(jsonbOrder(encodeReceipt(odd)))))))).toBe(JSON.stringify(toReceiptView(odd)));
  });
});
