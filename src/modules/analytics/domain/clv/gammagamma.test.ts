import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  conditionalExpectedSpend, fitGammaGamma, gammaGammaCustomerLogLikelihood, gammaGammaLogLikelihood,
  gammaGammaLogLikelihoodLog, prepareGammaGamma,
} from './gammagamma.js';
import { seededRandom, simulateCustomers } from './simulate.js';
import type { GammaGammaParams } from './types.js';

const PUBLISHED: GammaGammaParams = { p: 6.25, q: 3.74, v: 15.44 };

const params = fc.record({
  p: fc.double({ min: 0.1, max: 20, noNaN: true }),
  q: fc.double({ min: 0.1, max: 20, noNaN: true }),
  v: fc.double({ min: 0.1, max: 500, noNaN: true }),
});
const spender = fc.record({ frequency: fc.integer({ min: 1, max: 50 }), monetaryValue: fc.double({ min: 0.01, max: 1000, noNaN: true }) });

describe('Gamma-Gamma log-likelihood', () => {
  it('matches hand-checked values', () => {
    // [p, q, v, x, m̄, LL] from mpmath at 50 digits.
    const cases: [number, number, number, number, number, number][] = [
      [6.25, 3.74, 15.44, 1, 20.0, -3.5941964929492],
      [6.25, 3.74, 15.44, 5, 35.5, -4.06440265484461],
      [1.0, 2.0, 10.0, 3, 0.5, -3.21211583618549],
      [0.5, 20.0, 300.0, 40, 12.0, -3.35329997972627],
    ];
    for (const [p, q, v, x, m, want] of cases) {
      expect(gammaGammaCustomerLogLikelihood({ p, q, v }, x, m)).toBeCloseTo(want, 11);
      expect(gammaGammaLogLikelihood({ p, q, v }, [{ frequency: x, monetaryValue: m }])).toBeCloseTo(want, 11);
    }
  });

  it('grouped path equals the per-customer sum, leaving out customers without repeat spend', () => {
    fc.assert(fc.property(params, fc.array(spender, { minLength: 1, maxLength: 30 }), (p, rows) => {
      const all = [...rows, ...rows.slice(0, 3), { frequency: 0, monetaryValue: 0 }, { frequency: 2, monetaryValue: 0 }];
      const reference = rows.concat(rows.slice(0, 3)).reduce((s, c) => s + gammaGammaCustomerLogLikelihood(p, c.frequency, c.monetaryValue), 0);
      expect(gammaGammaLogLikelihood(p, all)).toBeCloseTo(reference, 7);
      expect(prepareGammaGamma(all).excluded).toBe(2);
    }), { numRuns: 200, seed: 31 });
  });

  it('gradient in log-parameters agrees with central differences', () => {
    fc.assert(fc.property(params, fc.array(spender, { minLength: 1, maxLength: 30 }), (p, rows) => {
      const data = prepareGammaGamma(rows);
      const theta = [p.p, p.q, p.v].map(Math.log);
      const grad = new Float64Array(3);
      gammaGammaLogLikelihoodLog(data, theta, grad);
      for (let i = 0; i < 3; i++) {
        const h = 1e-5;
        const up = theta.slice();
        const down = theta.slice();
        up[i] = (up[i] as number) + h;
        down[i] = (down[i] as number) - h;
        const numeric = (gammaGammaLogLikelihoodLog(data, up) - gammaGammaLogLikelihoodLog(data, down)) / (2 * h);
        expect(Math.abs((grad[i] as number) - numeric)).toBeLessThan(1e-5 * Math.max(1, Math.abs(numeric)));
      }
    }), { numRuns: 200, seed: 32 });
  });
});

describe('fitGammaGamma', () => {
  const truth: GammaGammaParams = { p: 6, q: 4, v: 15 };
  const customers = simulateCustomers(seededRandom(7), {
    customers: 30_000, bgnbd: { r: 0.8, alpha: 4, a: 0.8, b: 2.4 }, gammaGamma: truth, T: { min: 26, max: 52 },
  });

  it('recovers the parameters of data drawn from the model', () => {
    const fit = fitGammaGamma(customers);
    expect(fit.converged).toBe(true);
    expect(fit.customers).toBe(customers.filter((c) => c.frequency > 0).length);
    // p, q and v are strongly correlated; the population mean spend p·v/(q−1) is pinned much better.
    expect(fit.params.p / truth.p).toBeGreaterThan(0.85);
    expect(fit.params.p / truth.p).toBeLessThan(1.15);
    expect(fit.params.q / truth.q).toBeGreaterThan(0.75);
    expect(fit.params.q / truth.q).toBeLessThan(1.25);
    const mean = (g: GammaGammaParams): number => (g.p * g.v) / (g.q - 1);
    expect(mean(fit.params) / mean(truth)).toBeGreaterThan(0.97);
    expect(mean(fit.params) / mean(truth)).toBeLessThan(1.03);
    expect(fit.ll).toBeGreaterThanOrEqual(gammaGammaLogLikelihood(truth, customers));
  });

  it('is deterministic and independent of the currency unit', () => {
    const few = customers.slice(0, 5000);
    const a = fitGammaGamma(few);
    expect(fitGammaGamma(few)).toEqual(a);
    // Spend in cents instead of dollars: same p and q, v scales by 100.
    const cents = fitGammaGamma(few.map((c) => ({ ...c, monetaryValue: c.monetaryValue * 100 })));
    expect(cents.params.p).toBeCloseTo(a.params.p, 4);
    expect(cents.params.q).toBeCloseTo(a.params.q, 4);
    expect(cents.params.v / 100).toBeCloseTo(a.params.v, 3);
  });

  it('refuses data with no repeat spend', () => {
    expect(() => fitGammaGamma([{ frequency: 0, monetaryValue: 0 }])).toThrow(/no customer with a repeat purchase/);
  });
});

describe('conditionalExpectedSpend', () => {
  it('is the population mean for a customer without repeats', () => {
    expect(conditionalExpectedSpend(PUBLISHED, 0, 0)).toBeCloseTo((6.25 * 15.44) / 2.74, 12);
    expect(conditionalExpectedSpend({ p: 2, q: 0.5, v: 10 }, 0, 0)).toBeNaN();
  });

  it('lies between the population mean and the customer’s own mean, nearer the latter with more purchases', () => {
    fc.assert(fc.property(params.filter((p) => p.q > 1.01), spender, (p, c) => {
      const population = (p.p * p.v) / (p.q - 1);
      const e = conditionalExpectedSpend(p, c.frequency, c.monetaryValue);
      const lo = Math.min(population, c.monetaryValue);
      const hi = Math.max(population, c.monetaryValue);
      expect(e).toBeGreaterThanOrEqual(lo * (1 - 1e-12));
      expect(e).toBeLessThanOrEqual(hi * (1 + 1e-12));
      const more = conditionalExpectedSpend(p, c.frequency + 10, c.monetaryValue);
      expect(Math.abs(more - c.monetaryValue)).toBeLessThanOrEqual(Math.abs(e - c.monetaryValue) * (1 + 1e-12));
    }), { numRuns: 300, seed: 33 });
  });
});
