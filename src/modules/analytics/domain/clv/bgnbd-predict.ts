// BG/NBD predictions (FHL 2005 eqs. 7, 9 and 10 and the P(alive) of their technical note).
//
// Both expectations contain (1−z)^(r+x) · 2F1(r+x, b+x; a+b+x−1; z). Taken literally the 2F1 grows
// like (1−z)^(a−1−r−x) and overflows double precision for frequent customers and long horizons. Euler's
// transformation 2F1(A,B;C;z) = (1−z)^(C−A−B) 2F1(C−A, C−B; C; z) turns the product into
// (1−z)^(a−1) · 2F1(a+b−1−r, a−1; a+b+x−1; z), whose parameters do not grow with x and whose value
// stays moderate. z = t/(α+T+t) lies in [0, 1), so no analytic continuation is needed; stdlib's hyp2f1
// (a Cephes port) was checked against mpmath at 40 digits over r ∈ [0.01, 20], a ∈ [0.03, 20],
// b ∈ [0.03, 30], x ≤ 1000, z up to 1−1e−9 (worst relative error 8e−8; see bgnbd-predict.test.ts).
import hyp2f1 from '@stdlib/math-base-special-hyp2f1';
import type { BgNbdParams } from './types.js';

/** Below this distance from a = 1 the 0/0 in (…)/(a−1) is interpolated from two points either side. */
const A_NEAR_ONE = 1e-5;

/** Longest the fallback series may run, and the largest term it accepts (beyond it the sum has lost its digits). */
const SERIES_TERMS = 10_000;
const SERIES_MAX_TERM = 1e8;

/**
 * 2F1(A, B; C; w) − 1 by its power series, for −1 < w ≤ 0; NaN when it does not settle. The fallback for
 * fits at the edge of the parameter space (below), where the terms fall off at once.
 */
function hyp2f1MinusOneSeries(A: number, B: number, C: number, w: number): number {
  if (!(w > -1 && w <= 0)) return NaN;
  let term = 1;
  let sum = 0;
  for (let k = 0; k < SERIES_TERMS; k++) {
    term *= ((A + k) * (B + k)) / ((C + k) * (k + 1)) * w;
    if (!Number.isFinite(term) || Math.abs(term) > SERIES_MAX_TERM) return NaN;
    const next = sum + term;
    if (next === sum) return sum;
    sum = next;
  }
  return NaN;
}

/** (C/(a−1)) · (1 − (1−z)^(a−1) · 2F1(a+b−1−r, a−1; C; z)) with C = a+b+x−1, a ≠ 1. */
function expectationCore(r: number, a: number, b: number, x: number, z: number, w: number): number {
  if (z <= 0) return 0;
  const c = a + b + x - 1;
  const f = hyp2f1(a + b - 1 - r, a - 1, c, z);
  const logPower = (a - 1) * Math.log1p(-z);
  // −expm1 keeps the small-horizon difference 1 − (1−z)^(a−1)·F accurate when F is close to 1;
  // F can be negative when a+b < 1 and x = 0 (then C < 0), where the plain product is used.
  const bracket = f > 0 ? -Math.expm1(logPower + Math.log(f)) : 1 - Math.exp(logPower) * f;
  const value = (c / (a - 1)) * bracket;
  if (Number.isFinite(value)) return value;
  // A fit on a small or very even history can run to the edge of the parameter space (r and α in the
  // millions: every customer buys at the same rate; a → 0, b huge: nobody drops out). Cephes' 2F1 then
  // fails on its huge first parameter. Pfaff's transformation gives the same bracket as
  // 1 − 2F1(r+x, a−1; C; w) with w = −t/(α+T), and there |w| is tiny, so its series settles in a few terms.
  return (c / (a - 1)) * -hyp2f1MinusOneSeries(r + x, a - 1, c, w);
}

/** z = t/(α+T+t) and w = −t/(α+T), the arguments of the Euler and the Pfaff form. */
function expectation(p: BgNbdParams, x: number, t: number, T: number): number {
  const { r, a, b } = p;
  const z = t / (p.alpha + T + t);
  const w = -t / (p.alpha + T);
  if (Math.abs(a - 1) < A_NEAR_ONE) {
    // The expression is smooth in a, so a straight line through a = 1 ± h is accurate to O(h²).
    const below = expectationCore(r, 1 - A_NEAR_ONE, b, x, z, w);
    const above = expectationCore(r, 1 + A_NEAR_ONE, b, x, z, w);
    return below + (above - below) * (a - (1 - A_NEAR_ONE)) / (2 * A_NEAR_ONE);
  }
  return expectationCore(r, a, b, x, z, w);
}

/** log of the odds "dropped out after the last purchase" : "still alive" given (x, t_x, T). */
function logDropOdds(p: BgNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = p;
  return Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
}

/** P(alive | x, t_x, T): the chance a customer with this history has not dropped out by T. */
export function probabilityAlive(p: BgNbdParams, x: number, tx: number, T: number): number {
  if (x === 0) return 1;
  const d = logDropOdds(p, x, tx, T);
  return d > 0 ? Math.exp(-d) / (1 + Math.exp(-d)) : 1 / (1 + Math.exp(d));
}

/** E[X(t)]: expected repeat purchases in (0, t] of a new customer (first purchase at 0). */
export function expectedPurchasesUnconditional(p: BgNbdParams, t: number): number {
  if (!(t >= 0)) throw new RangeError(`horizon must be ≥ 0, got ${t}`);
  return expectation(p, 0, t, 0);
}

/** Expected purchases in (T, T+t] of a customer known to be alive at T; depends on x and T only. */
export function expectedPurchasesIfAlive(p: BgNbdParams, t: number, x: number, T: number): number {
  if (!(t >= 0)) throw new RangeError(`horizon must be ≥ 0, got ${t}`);
  return expectation(p, x, t, T);
}

/** E[Y(t) | x, t_x, T]: expected purchases in (T, T+t] of a customer with this calibration history. */
export function expectedPurchasesConditional(p: BgNbdParams, t: number, x: number, tx: number, T: number): number {
  return expectedPurchasesIfAlive(p, t, x, T) * probabilityAlive(p, x, tx, T);
}

/**
 * Expected repeat purchases of a whole cohort between calendar times `from` and `to` (same unit as the
 * model), each customer's clock starting at its first purchase: the usual calibration/hold-out
 * tracking check, Σ_i E[X(to − s_i)] − E[X(from − s_i)].
 */
export function expectedCohortPurchases(p: BgNbdParams, firstPurchaseTimes: ArrayLike<number>, from: number, to: number): number {
  const cache = new Map<number, number>();
  const ex = (t: number): number => {
    if (t <= 0) return 0;
    let v = cache.get(t);
    if (v === undefined) {
      v = expectedPurchasesUnconditional(p, t);
      cache.set(t, v);
    }
    return v;
  };
  let total = 0;
  for (let i = 0; i < firstPurchaseTimes.length; i++) {
    const s = firstPurchaseTimes[i] as number;
    total += ex(to - s) - ex(from - s);
  }
  return total;
}
