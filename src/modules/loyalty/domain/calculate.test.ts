import { describe, expect, it } from 'vitest';
import type { CalculateInput, CustomerState, ReceiptLineInput } from './calculate.js';
import { calculateReceipt, lineBaseAmount } from './calculate.js';
import { exampleProgram } from './examples.js';
import type { ProgramConfig } from './program.js';

const customer = (over: Partial<CustomerState> = {}): CustomerState => ({
  tier: 'simple', accumulated: { amount: 0, count: 0 }, clubMember: false, spendablePoints: 0, pendingPoints: 0, ...over,
});
const line = (unitPrice: number, over: Partial<ReceiptLineInput> = {}): ReceiptLineInput => ({
  sku: `sku-${unitPrice}`, productGroup: null, quantityMilli: 1000, unitPrice, ...over,
});
const calc = (program: ProgramConfig, lines: ReceiptLineInput[], c: CustomerState | null = customer(), requestedPoints = 0, extra: Partial<CalculateInput> = {}) =>
  calculateReceipt({ program, customer: c, lines, requestedPoints, ...extra });

/** Tiers without a fixed discount, so a test can look at one mechanic at a time. */
function noTierDiscount(over: Partial<ProgramConfig> = {}): ProgramConfig {
  const p = exampleProgram(over);
  return { ...p, tiers: p.tiers.map((t) => ({ ...t, discountBp: 0 })) };
}

describe('line amounts', () => {
  it('multiplies price by milli-unit quantity, half-up to the minor unit', () => {
    expect(lineBaseAmount(1999, 350)).toBe(700); // 699.65
    expect(lineBaseAmount(199, 333)).toBe(66); // 66.267
    expect(lineBaseAmount(1, 500)).toBe(1); // 0.5 rounds up
    expect(lineBaseAmount(1, 499)).toBe(0);
    expect(lineBaseAmount(250, 3000)).toBe(750);
  });
  it('refuses quantities that are not positive integers and promotions above the line', () => {
    expect(() => calc(exampleProgram(), [line(100, { quantityMilli: 0 })])).toThrow(RangeError);
    expect(() => calc(exampleProgram(), [line(100, { quantityMilli: 1.5 })])).toThrow(RangeError);
    expect(() => calc(exampleProgram(), [line(100, { promotionDiscount: 101 })])).toThrow(RangeError);
  });
});

describe('fixed tier discount', () => {
  it('gives simple 5%, gold 10%, VIP 20% with the reason, half-up per line', () => {
    const p = exampleProgram({ cumulative: null });
    expect(calc(p, [line(10_000)]).totals.discountTotal).toBe(500);
    const gold = calc(p, [line(1999)], customer({ tier: 'gold' }));
    expect(gold.lines[0]?.applied).toMatchObject({ mechanic: 'tier', bp: 1000, amount: 200, cappedBy: null }); // 199.9
    expect(gold.lines[0]?.candidates[0]).toMatchObject({ reason: 'tier_discount', params: { tier: 'gold' } });
    expect(calc(p, [line(10_000)], customer({ tier: 'vip' })).totals.amountToPay).toBe(8000);
  });
  it('treats an unknown tier as no tier, with a warning, and anonymous receipts get nothing', () => {
    const p = exampleProgram({ cumulative: null });
    const r = calc(p, [line(10_000)], customer({ tier: 'platinum' }));
    expect(r.totals.discountTotal).toBe(0);
    expect(r.warnings).toContain('unknown_tier');
    const anon = calc(p, [line(10_000)], null);
    expect(anon.totals).toMatchObject({ discountTotal: 0, pointsEarned: 0, amountToPay: 10_000 });
    expect(anon.warnings).toContain('no_customer');
  });
});

describe('cumulative discount', () => {
  // The example: 500 → 1%, 800 → 2%, 5 000 → 5% (major units).
  const p = noTierDiscount();
  it.each([
    [49_999, 0], [50_000, 100], [79_999, 100], [80_000, 200], [499_999, 200], [500_000, 500],
  ])('accumulated %i minor gives %i bp', (amount, bp) => {
    const r = calc(p, [line(10_000)], customer({ accumulated: { amount, count: 1 } }));
    expect(r.lines[0]?.applied.bp).toBe(bp);
    expect(r.totals.discountTotal).toBe(bp);
  });
  it('keeps the level held within the period when a refund lowered the total', () => {
    const r = calc(p, [line(10_000)], customer({ accumulated: { amount: 60_000, count: 3 }, cumulativeFloorBp: 200 }));
    expect(r.lines[0]?.applied).toMatchObject({ mechanic: 'cumulative', bp: 200, amount: 200 });
    expect(r.lines[0]?.candidates[0]?.reason).toBe('cumulative_kept_level');
  });
});

describe('stacking', () => {
  const base = exampleProgram({ club: { join: { amount: 1, days: 30 }, stay: { amount: 1, days: 30 }, discountBp: 700, approval: 'auto' } });
  const rich = customer({ accumulated: { amount: 80_000, count: 5 }, clubMember: true });
  it('gives the best for the customer among equal priorities', () => {
    const r = calc(base, [line(10_000)], rich);
    expect(r.lines[0]?.candidates.map((c) => [c.mechanic, c.amount])).toEqual([['tier', 500], ['cumulative', 200], ['club', 700]]);
    expect(r.lines[0]?.applied).toMatchObject({ mechanic: 'club', amount: 700 });
  });
  it('lets the highest priority win even when it gives less', () => {
    const p = { ...base, stacking: { ...base.stacking, priority: { tier: 1, cumulative: 5, club: 1 } } };
    expect(calc(p, [line(10_000)], rich).lines[0]?.applied).toMatchObject({ mechanic: 'cumulative', amount: 200 });
  });
  it('breaks an exact tie by the fixed mechanic order', () => {
    const p = exampleProgram({ club: { join: { amount: 1, days: 30 }, stay: { amount: 1, days: 30 }, discountBp: 500, approval: 'auto' }, cumulative: null });
    expect(calc(p, [line(10_000)], customer({ clubMember: true })).lines[0]?.applied.mechanic).toBe('tier');
  });
  it('combines with the till promotion, or never, or tops it up to the better of the two', () => {
    const promoLine = line(10_000, { promotionDiscount: 300 });
    const p = exampleProgram({ cumulative: null });
    expect(calc(p, [promoLine]).lines[0]?.applied.amount).toBe(485); // 5% of 9 700
    const never = calc({ ...p, stacking: { ...p.stacking, promotion: 'never_combine' } }, [promoLine, line(10_000)]);
    expect(never.lines.map((l) => [l.applied.amount, l.applied.cappedBy])).toEqual([[0, 'promotion_not_combined'], [500, null]]);
    const best = calc({ ...p, stacking: { ...p.stacking, promotion: 'best_of' } }, [promoLine, line(10_000, { promotionDiscount: 800 })]);
    expect(best.lines.map((l) => l.applied.amount)).toEqual([200, 0]); // 500 − 300; promotion 800 already better
    expect(best.totals.amountToPay).toBe(9500 + 9200);
  });
});

describe('margin guard', () => {
  it('never sells below cost plus the minimum markup, and says so', () => {
    const p = exampleProgram({ cumulative: null, marginGuard: { minMarkupBp: 500 } });
    const r = calc(p, [line(1000, { unitCost: 900 })], customer({ tier: 'gold' }));
    expect(r.lines[0]?.limit).toMatchObject({ floorPrice: 945, headroom: 55 });
    expect(r.lines[0]?.applied).toMatchObject({ amount: 55, uncappedAmount: 100, cappedBy: 'margin_floor' });
    expect(r.warnings).toContain('margin_guard_applied');
  });
  it('rounds the floor up, so rounding never sells a fraction below it', () => {
    const p = exampleProgram({ cumulative: null, marginGuard: { minMarkupBp: 1000 } });
    // cost 0.333 × 301 = 100.233 → with 10% markup 110.2563 → floor 111
    const r = calc(p, [line(200, { unitCost: 301, quantityMilli: 333 })], customer({ tier: 'vip' }));
    expect(r.lines[0]?.baseAmount).toBe(67);
    expect(r.lines[0]?.limit.floorPrice).toBe(111);
    expect(r.lines[0]?.applied.amount).toBe(0);
  });
  it('caps by the product group maximum when the till sends no cost, counting the promotion', () => {
    const p = exampleProgram({ cumulative: null, marginGuard: { minMarkupBp: 0, groupMaxDiscountBp: { tobacco: 0, sale: 1500 }, defaultMaxDiscountBp: null } });
    const r = calc(p, [
      line(1000, { productGroup: 'tobacco' }),
      line(1000, { productGroup: 'sale', promotionDiscount: 100 }),
      line(1000, { productGroup: 'other' }),
    ], customer({ tier: 'vip' }));
    expect(r.lines.map((l) => [l.applied.amount, l.applied.cappedBy])).toEqual([[0, 'group_max_discount'], [50, 'group_max_discount'], [200, null]]);
  });
  it('limits points together with the discount', () => {
    const p = exampleProgram({ cumulative: null, marginGuard: { minMarkupBp: 0 } });
    const r = calc({ ...p, points: { ...p.points!, maxShareBp: 10_000 } }, [line(1000, { unitCost: 800 })], customer({ spendablePoints: 1000 }), 1000);
    expect(r.totals).toMatchObject({ discountTotal: 50, maxSpendablePoints: 150, pointsSpent: 150, amountToPay: 800 });
  });
});

describe('points', () => {
  it('earns 5% of 5 000 = 250 on the money paid', () => {
    const r = calc(noTierDiscount(), [line(5000)]);
    expect(r.totals.pointsEarned).toBe(250);
    expect(r.lines[0]?.earnBp).toBe(500);
  });
  it('caps spending at 30% of the receipt after discounts and warns', () => {
    const r = calc(noTierDiscount(), [line(10_000)], customer({ spendablePoints: 5000 }), 5000);
    expect(r.totals).toMatchObject({ maxSpendablePoints: 3000, pointsSpent: 3000, pointsMoney: 3000, amountToPay: 7000 });
    expect(r.warnings).toContain('points_capped');
    // Points paid 3 000 of the receipt: only the 7 000 paid in money earns.
    expect(r.totals.pointsEarned).toBe(350);
  });
  it('caps by the balance, and refuses below the minimum balance to redeem', () => {
    const p = noTierDiscount();
    expect(calc(p, [line(10_000)], customer({ spendablePoints: 1200 }), 5000).totals.pointsSpent).toBe(1200);
    const min = noTierDiscount({ points: { ...p.points!, minBalanceToRedeem: 1500 } });
    const r = calc(min, [line(10_000)], customer({ spendablePoints: 1200 }), 100);
    expect(r.totals).toMatchObject({ pointsSpent: 0, maxSpendablePoints: 0 });
    expect(r.warnings).toContain('below_min_balance');
    const debt = calc(p, [line(10_000)], customer({ spendablePoints: -50 }), 10);
    expect(debt.totals).toMatchObject({ pointsSpent: 0, maxSpendablePoints: 0 });
    expect(debt.warnings).toEqual(['points_capped']);
  });
  it('converts points to money exactly with an integer ratio', () => {
    const p = noTierDiscount();
    const major = noTierDiscount({ points: { ...p.points!, rate: { points: 1, minor: 100 } } });
    const r = calc(major, [line(1234), line(2345)], customer({ spendablePoints: 50 }), 7);
    expect(r.totals).toMatchObject({ maxSpendablePoints: 10, pointsSpent: 7, pointsMoney: 700 }); // 30% of 3 579 = 1 073 → 10 points
    expect(r.lines.map((l) => l.pointsMoney)).toEqual(r.lines.map((l) => l.pointsSpent * 100));
    const odd = noTierDiscount({ points: { ...p.points!, rate: { points: 3, minor: 2 } } });
    const o = calc(odd, [line(10_000)], customer({ spendablePoints: 100 }), 7);
    expect(o.totals).toMatchObject({ pointsSpent: 6, pointsMoney: 4 });
    expect(o.warnings).toContain('points_rounded_to_step');
  });
  it('spreads spent points over lines in proportion, summing exactly', () => {
    const r = calc(noTierDiscount({ points: { ...exampleProgram().points!, maxShareBp: 10_000 } }), [line(100), line(100), line(100)], customer({ spendablePoints: 100 }), 100);
    expect(r.lines.map((l) => l.pointsSpent)).toEqual([34, 33, 33]);
    expect(r.lines.map((l) => l.paidAmount)).toEqual([66, 67, 67]);
  });
  it('rounds earned points down once for the receipt, then splits them exactly over lines', () => {
    // 3 × 333 at 5% = 16.65 each; per-line floors would give 48, the receipt earns 49.
    const r = calc(noTierDiscount(), [line(333), line(333), line(333)]);
    expect(r.totals.pointsEarned).toBe(49);
    expect(r.lines.map((l) => l.pointsEarned)).toEqual([17, 16, 16]);
  });
  it('applies group earn rates and exclusions, and can refuse to earn when redeeming', () => {
    const p = noTierDiscount();
    const g = noTierDiscount({ points: { ...p.points!, groupEarnBp: { books: 1000 }, earnExcludedGroups: ['tobacco'], redeemExcludedGroups: ['tobacco'] } });
    const r = calc(g, [line(1000, { productGroup: 'books' }), line(1000, { productGroup: 'tobacco' }), line(1000)]);
    expect(r.lines.map((l) => [l.earnBp, l.pointsEarned])).toEqual([[1000, 100], [0, 0], [500, 50]]);
    const spend = calc(g, [line(1000, { productGroup: 'tobacco' }), line(1000)], customer({ spendablePoints: 1000 }), 1000);
    expect(spend.lines.map((l) => l.pointsSpent)).toEqual([0, 600]); // 30% of 2 000, all on the line that accepts points
    const noEarn = noTierDiscount({ points: { ...p.points!, earnWhenRedeeming: false } });
    const n = calc(noEarn, [line(1000)], customer({ spendablePoints: 10 }), 10);
    expect(n.totals.pointsEarned).toBe(0);
    expect(n.warnings).toContain('no_earn_when_redeeming');
  });
  it('asks for an SMS code when configured', () => {
    const p = exampleProgram({ sms: { beforeSpendingPoints: true, beforePersonalDiscountByPhone: true } });
    expect(calc(p, [line(1000)], customer(), 0, { identifiedBy: 'card' }).smsCodeRequired).toBe(false);
    expect(calc(p, [line(1000)], customer(), 0, { identifiedBy: 'phone' }).smsCodeRequired).toBe(true);
    expect(calc(p, [line(1000)], customer({ spendablePoints: 10 }), 10, { identifiedBy: 'card' }).smsCodeRequired).toBe(true);
  });
  it('is deterministic: the same input gives the same result', () => {
    const input = [line(1999, { quantityMilli: 1234 }), line(5, { quantityMilli: 7000 })];
    expect(calc(exampleProgram(), input, customer({ spendablePoints: 300 }), 250)).toEqual(calc(exampleProgram(), input, customer({ spendablePoints: 300 }), 250));
  });
});
