import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bgnbdCustomerLogLikelihood, bgnbdLogLikelihood, bgnbdLogLikelihoodLog, fitBgNbd, prepareBgNbd } from './bgnbd.js';
import { seededRandom, simulateCustomers } from './simulate.js';
import type { BgNbdParams, RfSummary } from './types.js';

const PUBLISHED: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const OTHER: BgNbdParams = { r: 2.5, alpha: 0.3, a: 5, b: 0.4 };

// [x, t_x, T, LL at PUBLISHED, LL at OTHER], the LL computed with mpmath at 50 digits straight from the
// product form of FHL (2005) eq. 6 (no logs, no log-sum-exp), so the two derivations check each other.
const REFERENCE: [number, number, number, number, number][] = [
  [0, 0, 38.86, -0.554713276438158, -12.1790715549706],
  [2, 30.43, 38.86, -9.45860630706627, -19.0141112032635],
  [1, 1.0, 32.0, -4.30258701850556, -3.08887619934933],
  [7, 29.0, 35.5, -21.4279731138643, -31.9094133783619],
  [50, 38.0, 38.9, -47.2067242528381, -58.014383374741],
  [3, 0.5, 39.0, -7.56220623062226, -2.62406890816634],
];

const params = fc.record({
  r: fc.double({ min: 0.05, max: 20, noNaN: true }),
  alpha: fc.double({ min: 0.05, max: 50, noNaN: true }),
  a: fc.double({ min: 0.05, max: 20, noNaN: true }),
  b: fc.double({ min: 0.05, max: 20, noNaN: true }),
});
const customer = fc.tuple(fc.integer({ min: 0, max: 60 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0.1, max: 100, noNaN: true }))
  .map(([x, share, T]): RfSummary => ({ frequency: x, recency: x === 0 ? 0 : Math.max(share * T, 1e-3), T }));

describe('BG/NBD log-likelihood', () => {
  it('matches hand-checked values', () => {
    for (const [x, tx, T, atPublished, atOther] of REFERENCE) {
      expect(bgnbdCustomerLogLikelihood(PUBLISHED, x, tx, T)).toBeCloseTo(atPublished, 11);
      expect(bgnbdCustomerLogLikelihood(OTHER, x, tx, T)).toBeCloseTo(atOther, 11);
      const one = [{ frequency: x, recency: tx, T }];
      expect(bgnbdLogLikelihood(PUBLISHED, one)).toBeCloseTo(atPublished, 11);
      expect(bgnbdLogLikelihood(OTHER, one)).toBeCloseTo(atOther, 11);
    }
  });

  it('has the closed form r·log(α/(α+T)) for a customer without repeat purchases', () => {
    const { r, alpha } = PUBLISHED;
    expect(bgnbdCustomerLogLikelihood(PUBLISHED, 0, 0, 10)).toBeCloseTo(r * Math.log(alpha / (alpha + 10)), 14);
  });

  it('fast grouped path equals the sum of per-customer reference terms', () => {
    fc.assert(fc.property(params, fc.array(customer, { minLength: 1, maxLength: 40 }), (p, rows) => {
      // Duplicates exercise the weights of the grouped rows.
      const all = [...rows, ...rows.slice(0, 5)];
      const reference = all.reduce((s, c) => s + bgnbdCustomerLogLikelihood(p, c.frequency, c.recency, c.T), 0);
      expect(bgnbdLogLikelihood(p, all)).toBeCloseTo(reference, 7);
    }), { numRuns: 300, seed: 11 });
  });

  it('gradient in log-parameters agrees with central differences', () => {
    fc.assert(fc.property(params, fc.array(customer, { minLength: 1, maxLength: 30 }), (p, rows) => {
      const data = prepareBgNbd(rows);
      const theta = [p.r, p.alpha, p.a, p.b].map(Math.log);
      const grad = new Float64Array(4);
      bgnbdLogLikelihoodLog(data, theta, grad);
      for (let i = 0; i < 4; i++) {
        const h = 1e-5;
        const up = theta.slice();
        const down = theta.slice();
        up[i] = (up[i] as number) + h;
        down[i] = (down[i] as number) - h;
        const numeric = (bgnbdLogLikelihoodLog(data, up) - bgnbdLogLikelihoodLog(data, down)) / (2 * h);
        expect(Math.abs((grad[i] as number) - numeric)).toBeLessThan(1e-5 * Math.max(1, Math.abs(numeric)));
      }
    }), { numRuns: 200, seed: 12 });
  });

  it('groups identical summaries', () => {
    const data = prepareBgNbd([
      { frequency: 1, recency: 2, T: 5 }, { frequency: 0, recency: 0, T: 5 }, { frequency: 1, recency: 2, T: 5 }, { frequency: 1, recency: 2, T: 6 },
    ]);
    expect(data.rows.size).toBe(3);
    expect(Array.from(data.rows.weights)).toEqual([2, 1, 1]);
    expect(Array.from(data.rows.index)).toEqual([0, 1, 0, 2]);
  });

  it('rejects impossible summaries, naming the customer', () => {
    expect(() => prepareBgNbd([{ frequency: 1, recency: 2, T: 5 }, { frequency: 1, recency: 6, T: 5 }])).toThrow(/customer 1: recency/);
    expect(() => prepareBgNbd([{ frequency: -1, recency: 0, T: 5 }])).toThrow(/customer 0: frequency/);
    expect(() => prepareBgNbd([{ frequency: 0, recency: 0, T: NaN }])).toThrow(/customer 0: T/);
  });
});

describe('fitBgNbd', () => {
  const truth: BgNbdParams = { r: 0.5, alpha: 6, a: 0.7, b: 3 };
  const customers = simulateCustomers(seededRandom(2024), { customers: 20_000, bgnbd: truth, T: { min: 26, max: 52 } });

  it('recovers the parameters of data drawn from the model and beats the truth on likelihood', () => {
    const fit = fitBgNbd(customers);
    expect(fit.converged).toBe(true);
    expect(fit.params.r).toBeGreaterThan(truth.r * 0.85);
    expect(fit.params.r).toBeLessThan(truth.r * 1.15);
    expect(fit.params.alpha).toBeGreaterThan(truth.alpha * 0.8);
    expect(fit.params.alpha).toBeLessThan(truth.alpha * 1.2);
    expect(fit.params.a).toBeGreaterThan(truth.a * 0.7);
    expect(fit.params.a).toBeLessThan(truth.a * 1.3);
    expect(fit.params.b).toBeGreaterThan(truth.b * 0.6);
    expect(fit.params.b).toBeLessThan(truth.b * 1.4);
    // A maximum-likelihood fit can never be worse than the parameters that generated the data.
    expect(fit.ll).toBeGreaterThanOrEqual(bgnbdLogLikelihood(truth, customers));
    expect(fit.ll).toBeCloseTo(bgnbdLogLikelihood(fit.params, customers), 6);
  });

  it('reaches the same optimum from different start points', () => {
    const a = fitBgNbd(customers);
    const b = fitBgNbd(customers, { start: { r: 3, alpha: 0.5, a: 4, b: 0.3 } });
    expect(b.ll).toBeCloseTo(a.ll, 4);
    expect(b.params.r).toBeCloseTo(a.params.r, 4);
    expect(b.params.b).toBeCloseTo(a.params.b, 3);
  });

  it('is deterministic', () => {
    expect(fitBgNbd(customers.slice(0, 3000))).toEqual(fitBgNbd(customers.slice(0, 3000)));
  });

  it('gives the same answer on grouped and ungrouped data', () => {
    const few = customers.slice(0, 500).map((c) => ({ ...c, recency: Math.round(c.recency), T: Math.round(c.T) }));
    const doubled = fitBgNbd([...few, ...few]);
    const once = fitBgNbd(few);
    expect(doubled.ll).toBeCloseTo(2 * once.ll, 5);
    expect(doubled.params.r).toBeCloseTo(once.params.r, 5);
  });

  it('refuses data with no repeat purchases at all', () => {
    expect(() => fitBgNbd([{ frequency: 0, recency: 0, T: 3 }])).toThrow(/no customer made a repeat purchase/);
  });
});
