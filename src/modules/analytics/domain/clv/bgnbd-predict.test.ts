import hyp2f1 from '@stdlib/math-base-special-hyp2f1';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  expectedCohortPurchases, expectedPurchasesConditional, expectedPurchasesUnconditional, probabilityAlive,
} from './bgnbd-predict.js';
import { fitBgNbd } from './bgnbd.js';
import { seededRandom, simulateCustomers } from './simulate.js';
import type { BgNbdParams } from './types.js';

const P: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

function relErr(got: number, want: number): number {
  return Math.abs(got - want) / Math.abs(want);
}

// E[Y(t) | x, t_x, T] from mpmath at 50–400 digits. Where the literal formula's 2F1(r+x, b+x; …) is
// huge (large x, z near 1) even mpmath's hyp2f1 goes wrong (it returned −0.328 for the last case), so
// those references use the Euler-transformed form and were checked against a direct series sum.
const CONDITIONAL: [BgNbdParams, number, number, number, number, number][] = [
  [P, 39, 2, 30.43, 38.86, 1.22602817476714],
  [P, 39, 0, 0, 38.86, 0.195098052011263],
  [P, 39, 50, 38, 38.9, 33.3025623181317],
  [P, 1000, 120, 70, 71, 416.284339098749],
  [P, 0.01, 3, 10, 20, 0.000667583460453007],
  [{ r: 0.5, alpha: 1, a: 1.000003, b: 3 }, 52, 4, 20, 30, 2.57517890837845],
  [{ r: 0.8, alpha: 2, a: 0.3, b: 0.5 }, 26, 0, 0, 10, 1.17870280215896],
  [{ r: 0.8, alpha: 2, a: 0.3, b: 0.5 }, 100000, 0, 0, 10, 396.936767498421],
  [{ r: 3, alpha: 10, a: 8, b: 20 }, 520, 30, 50, 52, 5.49537466599467],
  [P, 1e6, 300, 200, 210, 1.55627039930184],
];

const UNCONDITIONAL: [BgNbdParams, number, number][] = [
  [P, 39, 1.19672319332081],
  [P, 78, 1.86051905794277],
  [P, 1e-3, 5.50501975026723e-5],
  [{ r: 0.8, alpha: 2, a: 0.3, b: 0.5 }, 52, 7.0887507750638],
  [{ r: 1.2, alpha: 0.5, a: 1.5, b: 4 }, 10, 4.8231797124622],
  [{ r: 0.5, alpha: 1, a: 0.999999, b: 3 }, 52, 5.20280171707604],
];

describe('stdlib hyp2f1 on the arguments the predictions use', () => {
  it('matches mpmath for the Euler-transformed parameters, z up to 1 − 1e−9', () => {
    // (a+b−1−r, a−1; a+b+x−1; z) → 2F1 value, from mpmath at 40 digits.
    const cases: [number, number, number, number, number][] = [
      [0.976, -0.207, 2.219, 0.5, 0.947315438755717],
      [0.976, -0.207, 302.219, 0.999999999, 0.999329767128755],
      [-0.5, -0.7, -0.2, 0.9, -0.804140648611256],
      [21.5, 7.0, 300.0, 0.99, 1.68593902865712],
    ];
    for (const [a, b, c, z, want] of cases) expect(relErr(hyp2f1(a, b, c, z), want)).toBeLessThan(1e-9);
  });
});

describe('BG/NBD predictions', () => {
  it('reproduce FHL (2005): 1.226 purchases in 39 weeks for x = 2, t_x = 30.43, T = 38.86', () => {
    expect(expectedPurchasesConditional(P, 39, 2, 30.43, 38.86)).toBeCloseTo(1.226, 3);
  });

  it('conditional expectation matches high-precision references, including z near 1, a near 1 and large x', () => {
    for (const [p, t, x, tx, T, want] of CONDITIONAL) expect(relErr(expectedPurchasesConditional(p, t, x, tx, T), want)).toBeLessThan(1e-9);
  });

  it('unconditional expectation matches high-precision references', () => {
    for (const [p, t, want] of UNCONDITIONAL) expect(relErr(expectedPurchasesUnconditional(p, t), want)).toBeLessThan(1e-9);
    expect(expectedPurchasesUnconditional(P, 0)).toBe(0);
  });

  it('a new customer observed for no time is the unconditional case', () => {
    expect(expectedPurchasesConditional(P, 39, 0, 0, 0)).toBeCloseTo(expectedPurchasesUnconditional(P, 39), 12);
  });

  const params = fc.record({
    r: fc.double({ min: 0.05, max: 10, noNaN: true }),
    alpha: fc.double({ min: 0.1, max: 50, noNaN: true }),
    a: fc.double({ min: 0.1, max: 10, noNaN: true }),
    b: fc.double({ min: 0.1, max: 10, noNaN: true }),
  });
  const history = fc.tuple(fc.integer({ min: 0, max: 80 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0.5, max: 100, noNaN: true }))
    .map(([x, share, T]) => ({ x, tx: x === 0 ? 0 : Math.max(share * T, 1e-3), T }));

  it('P(alive) is a probability, 1 without repeats, and falls the longer a customer has been silent', () => {
    fc.assert(fc.property(params, history, fc.double({ min: 0.01, max: 50, noNaN: true }), (p, h, later) => {
      const alive = probabilityAlive(p, h.x, h.tx, h.T);
      expect(alive).toBeGreaterThanOrEqual(0);
      expect(alive).toBeLessThanOrEqual(1);
      if (h.x === 0) expect(alive).toBe(1);
      else expect(probabilityAlive(p, h.x, h.tx, h.T + later)).toBeLessThanOrEqual(alive);
    }), { numRuns: 300, seed: 21 });
  });

  it('expected purchases are finite, non-negative and grow with the horizon', () => {
    fc.assert(fc.property(params, history, fc.double({ min: 0.01, max: 500, noNaN: true }), (p, h, t) => {
      const short = expectedPurchasesConditional(p, t, h.x, h.tx, h.T);
      const long = expectedPurchasesConditional(p, 2 * t, h.x, h.tx, h.T);
      expect(Number.isFinite(short)).toBe(true);
      expect(short).toBeGreaterThanOrEqual(0);
      expect(long).toBeGreaterThanOrEqual(short * (1 - 1e-9));
      // Never more than an always-alive Poisson buyer at the posterior mean rate.
      expect(short).toBeLessThanOrEqual(t * (p.r + h.x) / (p.alpha + h.T) * (1 + 1e-9));
    }), { numRuns: 300, seed: 22 });
  });

  it('sum of conditional expectations tracks a simulated hold-out within 3%', () => {
    const truth: BgNbdParams = { r: 0.4, alpha: 5, a: 0.8, b: 2.5 };
    const customers = simulateCustomers(seededRandom(99), { customers: 30_000, bgnbd: truth, T: { min: 27, max: 39 }, holdout: 39 });
    const fit = fitBgNbd(customers);
    let predicted = 0;
    let actual = 0;
    for (const c of customers) {
      predicted += expectedPurchasesConditional(fit.params, 39, c.frequency, c.recency, c.T);
      actual += c.holdoutFrequency;
    }
    expect(Math.abs(predicted - actual) / actual).toBeLessThan(0.03);
  });

  it('stay finite for fits at the edge of the parameter space, where they become a Poisson buyer who never leaves', () => {
    // Fitted on eight steady customers (r and α in the millions, a → 0, b huge): Cephes' 2F1 returns NaN
    // for the first parameter a+b−1−r ≈ −4·10⁷; the Pfaff series takes over. In this limit every customer
    // buys at the pooled rate (r+x)/(α+T) and never drops out, so E[Y(t)] → t·(r+x)/(α+T).
    const edges: [BgNbdParams, number, number, number][] = [
      [{ r: 37_879_234.3, alpha: 143_099_329.5, a: 1.57e-10, b: 201_267 }, 10, 50, 51],
      [{ r: 2_290_320.09, alpha: 8_443_062.25, a: 1.43e-8, b: 506_485 }, 12, 25, 25.857],
      [{ r: 1_468_656.28, alpha: 14_686_563, a: 2.43e-7, b: 85_156_085 }, 3, 20, 30],
    ];
    for (const [p, x, tx, T] of edges) {
      for (const t of [1, 26, 52]) {
        const got = expectedPurchasesConditional(p, t, x, tx, T);
        expect(relErr(got, t * (p.r + x) / (p.alpha + T))).toBeLessThan(1e-6);
      }
      expect(relErr(expectedPurchasesUnconditional(p, 52), 52 * p.r / p.alpha)).toBeLessThan(1e-6);
    }
  });

  it('cohort expectation adds up unconditional expectations from each first purchase', () => {
    const want = expectedPurchasesUnconditional(P, 10) - expectedPurchasesUnconditional(P, 5) + expectedPurchasesUnconditional(P, 8) - expectedPurchasesUnconditional(P, 3);
    expect(expectedCohortPurchases(P, [0, 2, 20], 5, 10)).toBeCloseTo(want, 12);
  });
});
