// BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the easy way"): while alive a customer
// buys as a Poisson process with rate λ ~ Gamma(r, α); after each purchase they drop out with
// probability p ~ Beta(a, b). Fitted by maximum likelihood in log-parameter space, so every candidate
// the optimiser tries is a valid parameter set.
import betaln from '@stdlib/math-base-special-betaln';
import digamma from '@stdlib/math-base-special-digamma';
import gammaln from '@stdlib/math-base-special-gammaln';
import { compressRows } from './compress.js';
import type { CompressedRows } from './compress.js';
import { minimizeBfgs } from './optimize.js';
import type { BgNbdFit, BgNbdParams, RfSummary } from './types.js';

export function assertRfSummary(row: RfSummary, i: number): void {
  const { frequency: x, recency: tx, T } = row;
  if (!Number.isFinite(x) || x < 0) throw new RangeError(`customer ${i}: frequency must be a number ≥ 0, got ${x}`);
  if (!Number.isFinite(T) || T < 0) throw new RangeError(`customer ${i}: T must be a number ≥ 0, got ${T}`);
  if (!Number.isFinite(tx) || tx < 0 || tx > T) throw new RangeError(`customer ${i}: recency must be between 0 and T (${T}), got ${tx}`);
}

/** One customer's log-likelihood, written straight from FHL (2005) eq. 6; the reference for the fast path. */
export function bgnbdCustomerLogLikelihood(params: BgNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = params;
  const head = gammaln(r + x) - gammaln(r) + r * Math.log(alpha) + betaln(a, b + x) - betaln(a, b);
  const stillAlive = -(r + x) * Math.log(alpha + T);
  if (x === 0) return head + stillAlive;
  // B(a+1, b+x-1) / B(a, b+x) = a / (b+x-1): the "dropped out after the last purchase" branch.
  const droppedOut = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx);
  const m = Math.max(stillAlive, droppedOut);
  return head + m + Math.log(Math.exp(stillAlive - m) + Math.exp(droppedOut - m));
}

/** Distinct (x, t_x, T) rows with weights, plus the distinct x values the gamma functions depend on. */
export interface BgNbdData {
  rows: CompressedRows;
  customers: number;
  /** Distinct frequencies, the total weight of each, and the index of each row's frequency. */
  xs: Float64Array;
  xWeight: Float64Array;
  xOf: Int32Array;
}

export function prepareBgNbd(summaries: readonly RfSummary[]): BgNbdData {
  summaries.forEach(assertRfSummary);
  const rows = compressRows(summaries.length, 3, (c, i) => {
    const s = summaries[i] as RfSummary;
    return c === 0 ? s.frequency : c === 1 ? s.recency : s.T;
  });
  const byX = new Map<number, number>();
  const xOf = new Int32Array(rows.size);
  const xsList: number[] = [];
  const weightList: number[] = [];
  for (let k = 0; k < rows.size; k++) {
    const x = rows.values[k * 3] as number;
    let j = byX.get(x);
    if (j === undefined) {
      j = xsList.length;
      byX.set(x, j);
      xsList.push(x);
      weightList.push(0);
    }
    xOf[k] = j;
    weightList[j] = (weightList[j] as number) + (rows.weights[k] as number);
  }
  return { rows, customers: summaries.length, xs: Float64Array.from(xsList), xWeight: Float64Array.from(weightList), xOf };
}

/**
 * Total log-likelihood at exp(theta) (theta = log r, log α, log a, log b) and, into `grad`, its
 * gradient with respect to theta. Terms that depend only on x are computed once per distinct x.
 */
export function bgnbdLogLikelihoodLog(data: BgNbdData, theta: ArrayLike<number>, grad?: Float64Array): number {
  const r = Math.exp(theta[0] as number);
  const alpha = Math.exp(theta[1] as number);
  const a = Math.exp(theta[2] as number);
  const b = Math.exp(theta[3] as number);
  const { xs, xWeight, xOf, rows } = data;
  const nx = xs.length;
  const cx = new Float64Array(nx);
  const lbx = new Float64Array(nx);
  let ll = 0;
  let gr = 0;
  let galpha = 0;
  let ga = 0;
  let gb = 0;
  const lgR = gammaln(r);
  const lgB = gammaln(b);
  const lgAB = gammaln(a + b);
  const psiR = digamma(r);
  const psiB = digamma(b);
  const psiAB = digamma(a + b);
  const logAlpha = Math.log(alpha);
  const logA = Math.log(a);
  for (let k = 0; k < nx; k++) {
    const x = xs[k] as number;
    const w = xWeight[k] as number;
    cx[k] = gammaln(r + x) - lgR + r * logAlpha + lgAB + gammaln(b + x) - lgB - gammaln(a + b + x);
    lbx[k] = x > 0 ? Math.log(b + x - 1) : 0;
    ll += w * (cx[k] as number);
    if (grad) {
      const psiABX = digamma(a + b + x);
      gr += w * (digamma(r + x) - psiR + logAlpha);
      galpha += w * (r / alpha);
      ga += w * (psiAB - psiABX);
      gb += w * (psiAB + digamma(b + x) - psiB - psiABX);
    }
  }
  const values = rows.values;
  const weights = rows.weights;
  for (let i = 0; i < rows.size; i++) {
    const x = values[i * 3] as number;
    const tx = values[i * 3 + 1] as number;
    const T = values[i * 3 + 2] as number;
    const w = weights[i] as number;
    const rx = r + x;
    const lT = Math.log(alpha + T);
    let term = -rx * lT;
    let w4 = 0;
    let lt = 0;
    if (x > 0) {
      lt = Math.log(alpha + tx);
      const d = logA - (lbx[xOf[i] as number] as number) + rx * (lT - lt);
      // log(1 + e^d) and the share of the "dropped out" branch, both without overflow.
      const e = Math.exp(-Math.abs(d));
      term += d > 0 ? d + Math.log1p(e) : Math.log1p(e);
      w4 = d > 0 ? 1 / (1 + e) : e / (1 + e);
    }
    ll += w * term;
    if (grad) {
      gr -= w * (lT - w4 * (lT - lt));
      const invT = 1 / (alpha + T);
      galpha -= w * rx * (invT - (x > 0 ? w4 * (invT - 1 / (alpha + tx)) : 0));
      if (x > 0) {
        ga += w * w4 / a;
        gb -= w * w4 / (b + x - 1);
      }
    }
  }
  if (grad) {
    grad[0] = gr * r;
    grad[1] = galpha * alpha;
    grad[2] = ga * a;
    grad[3] = gb * b;
  }
  return ll;
}

export function bgnbdLogLikelihood(params: BgNbdParams, summaries: readonly RfSummary[] | BgNbdData): number {
  const data = Array.isArray(summaries) ? prepareBgNbd(summaries) : (summaries as BgNbdData);
  return bgnbdLogLikelihoodLog(data, [params.r, params.alpha, params.a, params.b].map(Math.log));
}

export interface FitOptions {
  /** Start point; by default r = a = b = 1 and α from the overall purchase rate. */
  start?: BgNbdParams;
  maxIterations?: number;
}

/** Maximum-likelihood BG/NBD parameters for a customer base. */
export function fitBgNbd(summaries: readonly RfSummary[] | BgNbdData, options: FitOptions = {}): BgNbdFit {
  const data = Array.isArray(summaries) ? prepareBgNbd(summaries) : (summaries as BgNbdData);
  if (data.customers === 0) throw new RangeError('cannot fit BG/NBD on no customers');
  let sumT = 0;
  let sumX = 0;
  for (let i = 0; i < data.rows.size; i++) {
    sumX += (data.rows.weights[i] as number) * (data.rows.values[i * 3] as number);
    sumT += (data.rows.weights[i] as number) * (data.rows.values[i * 3 + 2] as number);
  }
  if (sumX === 0) throw new RangeError('cannot fit BG/NBD: no customer made a repeat purchase');
  // With r = 1 the mean purchase rate is 1/α: start from the observed rate, whatever the time unit.
  const start = options.start ?? { r: 1, alpha: Math.max(sumT / sumX, 1e-6), a: 1, b: 1 };
  const n = data.customers;
  const result = minimizeBfgs(
    (theta, grad) => {
      const ll = bgnbdLogLikelihoodLog(data, theta, grad);
      // Minimise the mean negative log-likelihood: its scale does not grow with the customer count.
      for (let i = 0; i < 4; i++) grad[i] = -(grad[i] as number) / n;
      return -ll / n;
    },
    [start.r, start.alpha, start.a, start.b].map(Math.log),
    { maxIterations: options.maxIterations ?? 500, gradientTolerance: 1e-9 },
  );
  const [r, alpha, a, b] = result.x.map(Math.exp) as [number, number, number, number];
  return {
    params: { r, alpha, a, b },
    ll: -result.f * n,
    customers: n,
    distinctRows: data.rows.size,
    iterations: result.iterations,
    evaluations: result.evaluations,
    converged: result.converged,
  };
}
