// Gamma-Gamma model of spend (Fader, Hardie & Lee 2005, "RFM and CLV"; Colombo & Jiang 1999): each
// transaction's value is Gamma(p, ν) with ν ~ Gamma(q, v) across customers, independent of the
// purchase process. It is defined on customers with at least one repeat purchase, and on their mean
// repeat spend m̄ > 0 (log m̄ appears in the likelihood).
import digamma from '@stdlib/math-base-special-digamma';
import gammaln from '@stdlib/math-base-special-gammaln';
import { compressRows } from './compress.js';
import { minimizeBfgs } from './optimize.js';
import type { GammaGammaFit, GammaGammaParams, RfmSummary } from './types.js';

type SpendRow = Pick<RfmSummary, 'frequency' | 'monetaryValue'>;

/** One customer's log-likelihood of mean spend m̄ over x transactions (FHL "Gamma-Gamma" note, eq. 4). */
export function gammaGammaCustomerLogLikelihood(params: GammaGammaParams, x: number, m: number): number {
  const { p, q, v } = params;
  return gammaln(p * x + q) - gammaln(p * x) - gammaln(q) + q * Math.log(v)
    + (p * x - 1) * Math.log(m) + p * x * Math.log(x) - (p * x + q) * Math.log(x * m + v);
}

export interface GammaGammaData {
  /** Distinct (x, m̄) rows sorted by x, with log m̄ and weights (how many customers each stands for). */
  x: Float64Array;
  m: Float64Array;
  logM: Float64Array;
  weights: Float64Array;
  customers: number;
  /** Customers left out: no repeat purchase, or a mean repeat spend ≤ 0. */
  excluded: number;
}

export function prepareGammaGamma(summaries: readonly SpendRow[]): GammaGammaData {
  const kept: SpendRow[] = [];
  summaries.forEach((s, i) => {
    if (!Number.isFinite(s.frequency) || s.frequency < 0) throw new RangeError(`customer ${i}: frequency must be a number ≥ 0, got ${s.frequency}`);
    if (!Number.isFinite(s.monetaryValue)) throw new RangeError(`customer ${i}: monetary value is not a number`);
    if (s.frequency > 0 && s.monetaryValue > 0) kept.push(s);
  });
  const rows = compressRows(kept.length, 2, (c, i) => {
    const s = kept[i] as SpendRow;
    return c === 0 ? s.frequency : s.monetaryValue;
  });
  // Sorted by x so the per-x gamma functions are evaluated once per distinct x in the likelihood loop.
  const order = Array.from({ length: rows.size }, (_, k) => k).sort((i, j) => (rows.values[i * 2] as number) - (rows.values[j * 2] as number) || i - j);
  const pick = (f: (k: number) => number): Float64Array => Float64Array.from(order, f);
  return {
    x: pick((k) => rows.values[k * 2] as number),
    m: pick((k) => rows.values[k * 2 + 1] as number),
    logM: pick((k) => Math.log(rows.values[k * 2 + 1] as number)),
    weights: pick((k) => rows.weights[k] as number),
    customers: kept.length,
    excluded: summaries.length - kept.length,
  };
}

/** Total log-likelihood at exp(theta), theta = (log p, log q, log v); gradient w.r.t. theta into `grad`. */
export function gammaGammaLogLikelihoodLog(data: GammaGammaData, theta: ArrayLike<number>, grad?: Float64Array): number {
  const p = Math.exp(theta[0] as number);
  const q = Math.exp(theta[1] as number);
  const v = Math.exp(theta[2] as number);
  const { x: xs, m: ms, logM: logMs, weights } = data;
  const logV = Math.log(v);
  const lgQ = gammaln(q);
  const psiQ = digamma(q);
  let ll = 0;
  let gp = 0;
  let gq = 0;
  let gv = 0;
  let lastX = NaN;
  let cx = 0;
  let dpx = 0;
  let dqx = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i] as number;
    const m = ms[i] as number;
    const logM = logMs[i] as number;
    const w = weights[i] as number;
    const px = p * x;
    if (x !== lastX) {
      lastX = x;
      cx = gammaln(px + q) - gammaln(px) - lgQ + q * logV + px * Math.log(x);
      if (grad) {
        const psiPXQ = digamma(px + q);
        dpx = x * (psiPXQ - digamma(px) + Math.log(x));
        dqx = psiPXQ - psiQ + logV;
      }
    }
    const logXMV = Math.log(x * m + v);
    ll += w * (cx + (px - 1) * logM - (px + q) * logXMV);
    if (grad) {
      gp += w * (dpx + x * (logM - logXMV));
      gq += w * (dqx - logXMV);
      gv += w * (q / v - (px + q) / (x * m + v));
    }
  }
  if (grad) {
    grad[0] = gp * p;
    grad[1] = gq * q;
    grad[2] = gv * v;
  }
  return ll;
}

export function gammaGammaLogLikelihood(params: GammaGammaParams, summaries: readonly SpendRow[] | GammaGammaData): number {
  const data = Array.isArray(summaries) ? prepareGammaGamma(summaries) : (summaries as GammaGammaData);
  return gammaGammaLogLikelihoodLog(data, [params.p, params.q, params.v].map(Math.log));
}

export function fitGammaGamma(summaries: readonly SpendRow[] | GammaGammaData, options: { start?: GammaGammaParams; maxIterations?: number } = {}): GammaGammaFit {
  const data = Array.isArray(summaries) ? prepareGammaGamma(summaries) : (summaries as GammaGammaData);
  const n = data.customers;
  if (n === 0) throw new RangeError('cannot fit Gamma-Gamma: no customer with a repeat purchase and a positive spend');
  let spend = 0;
  for (let i = 0; i < data.x.length; i++) spend += (data.weights[i] as number) * (data.m[i] as number);
  // p = 1, q = 2 make the population mean spend equal to v: start it at the observed mean, in any currency unit.
  const start = options.start ?? { p: 1, q: 2, v: spend / n };
  const result = minimizeBfgs(
    (theta, grad) => {
      const ll = gammaGammaLogLikelihoodLog(data, theta, grad);
      for (let i = 0; i < 3; i++) grad[i] = -(grad[i] as number) / n;
      return -ll / n;
    },
    [start.p, start.q, start.v].map(Math.log),
    { maxIterations: options.maxIterations ?? 500, gradientTolerance: 1e-9 },
  );
  const [p, q, v] = result.x.map(Math.exp) as [number, number, number];
  return {
    params: { p, q, v },
    ll: -result.f * n,
    customers: n,
    distinctRows: data.x.length,
    iterations: result.iterations,
    evaluations: result.evaluations,
    converged: result.converged,
  };
}

/**
 * E[M | p, q, v, m̄, x]: a weighted mean of the population mean p·v/(q−1) and the customer's own m̄
 * (FHL eq. 5). NaN when it does not exist (p·x + q ≤ 1, e.g. q ≤ 1 for a customer with no repeats).
 */
export function conditionalExpectedSpend(params: GammaGammaParams, x: number, m: number): number {
  const { p, q, v } = params;
  const denom = p * x + q - 1;
  if (!(denom > 0)) return NaN;
  return (p * (v + x * (x > 0 ? m : 0))) / denom;
}
