import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectedPurchasesConditional, probabilityAlive } from './bgnbd-predict.js';
import { customerLifetimeValue, discountedExpectedPurchases, periodsPerMonth, predictCustomers } from './clv.js';
import { conditionalExpectedSpend } from './gammagamma.js';
import type { BgNbdParams, GammaGammaParams, RfmSummary } from './types.js';

const BG: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const GG: GammaGammaParams = { p: 6.25, q: 3.74, v: 15.44 };
const WEEKS = periodsPerMonth('week');

const customer = fc.tuple(fc.integer({ min: 0, max: 40 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 1, max: 80, noNaN: true }), fc.double({ min: 1, max: 200, noNaN: true }))
  .map(([x, share, T, m]): RfmSummary => ({ frequency: x, recency: x === 0 ? 0 : Math.max(share * T, 0.1), T, monetaryValue: x === 0 ? 0 : m }));

describe('customer lifetime value', () => {
  it('without discounting is expected spend × expected purchases over the horizon', () => {
    fc.assert(fc.property(customer, fc.double({ min: 1, max: 200, noNaN: true }), (c, horizon) => {
      const value = customerLifetimeValue(BG, GG, c, { horizon, periodsPerMonth: WEEKS, monthlyDiscountRate: 0 });
      const want = conditionalExpectedSpend(GG, c.frequency, c.monetaryValue) * expectedPurchasesConditional(BG, horizon, c.frequency, c.recency, c.T);
      expect(value).toBeCloseTo(want, 9);
    }), { numRuns: 200, seed: 51 });
  });

  it('discounts each month’s expected purchases by (1 + d)^month, with a short last step', () => {
    const o = { horizon: 6, periodsPerMonth: 4, monthlyDiscountRate: 0.1 };
    const e = (t: number): number => expectedPurchasesConditional(BG, t, 3, 20, 30);
    const want = e(4) / 1.1 + (e(6) - e(4)) / 1.1 ** 1.5;
    expect(discountedExpectedPurchases(BG, 3, 20, 30, o)).toBeCloseTo(want, 12);
  });

  it('falls as the discount rate rises', () => {
    fc.assert(fc.property(customer, fc.double({ min: 0, max: 0.2, noNaN: true }), (c, d) => {
      const at = (rate: number): number => customerLifetimeValue(BG, GG, c, { horizon: 52, periodsPerMonth: WEEKS, monthlyDiscountRate: rate });
      expect(at(d + 0.05)).toBeLessThanOrEqual(at(d) * (1 + 1e-12));
    }), { numRuns: 200, seed: 52 });
  });

  it('rejects a negative horizon', () => {
    expect(() => discountedExpectedPurchases(BG, 0, 0, 10, { horizon: -1, periodsPerMonth: WEEKS, monthlyDiscountRate: 0 })).toThrow(/horizon/);
  });
});

describe('predictCustomers', () => {
  it('agrees with the per-customer functions', () => {
    fc.assert(fc.property(fc.array(customer, { minLength: 1, maxLength: 25 }), fc.double({ min: 0.5, max: 104, noNaN: true }), (list, horizon) => {
      const customers = [...list, ...list.slice(0, 4)];
      const o = { horizon, periodsPerMonth: WEEKS, monthlyDiscountRate: 0.01 };
      const out = predictCustomers(BG, GG, customers, o);
      customers.forEach((c, i) => {
        expect(out.pAlive[i]).toBeCloseTo(probabilityAlive(BG, c.frequency, c.recency, c.T), 12);
        expect(out.expectedPurchases[i]).toBeCloseTo(expectedPurchasesConditional(BG, horizon, c.frequency, c.recency, c.T), 10);
        expect(out.expectedSpend[i]).toBeCloseTo(conditionalExpectedSpend(GG, c.frequency, c.monetaryValue), 10);
        expect(out.clv[i]).toBeCloseTo(customerLifetimeValue(BG, GG, c, o), 8);
      });
    }), { numRuns: 100, seed: 53 });
  });

  it('leaves spend and CLV undefined (NaN) without a spend model', () => {
    const out = predictCustomers(BG, null, [{ frequency: 2, recency: 5, T: 10 }], { horizon: 10, periodsPerMonth: WEEKS, monthlyDiscountRate: 0.01 });
    expect(out.expectedPurchases[0]).toBeGreaterThan(0);
    expect(out.expectedSpend[0]).toBeNaN();
    expect(out.clv[0]).toBeNaN();
  });
});
