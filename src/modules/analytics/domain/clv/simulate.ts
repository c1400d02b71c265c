// Synthetic customer bases drawn from the BG/NBD and Gamma-Gamma models themselves, for tests
// (parameter recovery) and benchmarks. Deterministic: all randomness comes from a seeded generator.
import type { BgNbdParams, GammaGammaParams, RfmSummary } from './types.js';

export type Random = () => number;

/** sfc32 seeded through splitmix32: fast, small, and good enough for simulation. Returns [0, 1). */
export function seededRandom(seed: number): Random {
  let s = seed >>> 0;
  const split = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split();
  let b = split();
  let c = split();
  let d = split();
  return () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
}

function normal(rng: Random): number {
  // Box–Muller; 1 − u keeps the logarithm finite.
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

/** Gamma(shape, scale 1) by Marsaglia & Tsang (2000), with the u^(1/k) boost for shape < 1. */
export function randomGamma(rng: Random, shape: number): number {
  if (shape < 1) return randomGamma(rng, shape + 1) * Math.pow(1 - rng(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let z: number;
    let v: number;
    do {
      z = normal(rng);
      v = 1 + c * z;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - rng();
    if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v;
  }
}

export interface SimulationOptions {
  customers: number;
  bgnbd: BgNbdParams;
  /** Spend model; without it monetaryValue is 0. */
  gammaGamma?: GammaGammaParams;
  /** Each customer's T is uniform on [min, max]. */
  T: { min: number; max: number };
  /** Round first-purchase and purchase times down to this grid (1/7 for days in weeks), as real dates are. */
  grid?: number;
  /** Also count purchases in (T, T + holdout]. */
  holdout?: number;
}

export interface SimulatedCustomer extends RfmSummary { holdoutFrequency: number }

export function simulateCustomers(rng: Random, o: SimulationOptions): SimulatedCustomer[] {
  const { r, alpha, a, b } = o.bgnbd;
  const snap = (t: number): number => (o.grid ? Math.floor(t / o.grid + 1e-9) * o.grid : t);
  const holdout = o.holdout ?? 0;
  const out: SimulatedCustomer[] = [];
  for (let i = 0; i < o.customers; i++) {
    const lambda = randomGamma(rng, r) / alpha;
    const ga = randomGamma(rng, a);
    const p = ga / (ga + randomGamma(rng, b));
    const T = snap(o.T.min + (o.T.max - o.T.min) * rng());
    let t = 0;
    let x = 0;
    let tx = 0;
    let later = 0;
    // The process runs past T only as far as the hold-out needs; dropping out happens after a repeat purchase.
    for (;;) {
      t += -Math.log(1 - rng()) / lambda;
      if (!(t <= T + holdout)) break;
      if (t <= T) {
        x++;
        tx = t;
      } else later++;
      if (rng() < p) break;
    }
    let monetaryValue = 0;
    if (o.gammaGamma && x > 0) {
      const nu = randomGamma(rng, o.gammaGamma.q) / o.gammaGamma.v;
      // The sum of x Gamma(p, ν) spends is Gamma(p·x, ν).
      monetaryValue = randomGamma(rng, o.gammaGamma.p * x) / nu / x;
    }
    out.push({ frequency: x, recency: Math.min(snap(tx), T), T, monetaryValue, holdoutFrequency: later });
  }
  return out;
}
