// A small BFGS minimiser with a strong-Wolfe line search (Nocedal & Wright, "Numerical Optimization",
// algorithms 6.1, 3.5 and 3.6). Hand-written because no maintained JavaScript optimisation library
// covers this need; see docs/decisions/clv-optimizer.md. The CLV models have 3–4 parameters, so the
// dense n×n inverse-Hessian update costs nothing next to one likelihood evaluation.

/** Writes the gradient at `x` into `grad` and returns the objective; may return a non-finite value. */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

export interface MinimizeOptions {
  /** Stop when every gradient component is at most this in absolute value. */
  gradientTolerance?: number;
  maxIterations?: number;
}

export interface MinimizeResult {
  x: number[];
  f: number;
  gradient: number[];
  iterations: number;
  evaluations: number;
  converged: boolean;
  /**
   * gradient: the gradient test passed. precision: no step can lower f any more within floating-point
   * resolution and the gradient is below √tolerance (converged as far as f can tell). stalled: the same
   * but with a larger gradient (not converged). max-iterations: ran out of iterations.
   */
  reason: 'gradient' | 'precision' | 'stalled' | 'max-iterations';
}

const C1 = 1e-4;
const C2 = 0.9;
const LINE_SEARCH_STEPS = 40;

interface Point { a: number; f: number; d: number; x: Float64Array; g: Float64Array }

function dot(u: ArrayLike<number>, v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < u.length; i++) s += (u[i] as number) * (v[i] as number);
  return s;
}

function maxAbs(u: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < u.length; i++) m = Math.max(m, Math.abs(u[i] as number));
  return m;
}

/** Minimiser of the cubic through (a0, f0, d0) and (a1, f1, d1), or NaN when it has none. */
function cubicMin(p: Point, q: Point): number {
  const d1 = p.d + q.d - 3 * (p.f - q.f) / (p.a - q.a);
  const disc = d1 * d1 - p.d * q.d;
  if (!(disc >= 0)) return NaN;
  const d2 = Math.sign(q.a - p.a) * Math.sqrt(disc);
  return q.a - (q.a - p.a) * (q.d + d2 - d1) / (q.d - p.d + 2 * d2);
}

function lineSearch(fg: Objective, x: Float64Array, f0: number, g0: Float64Array, dir: Float64Array, step: number, gtol: number, counter: { n: number }): Point | null {
  const n = x.length;
  const d0 = dot(g0, dir);
  const at = (a: number): Point => {
    const xn = new Float64Array(n);
    for (let i = 0; i < n; i++) xn[i] = (x[i] as number) + a * (dir[i] as number);
    const g = new Float64Array(n);
    counter.n++;
    const f = fg(xn, g);
    // A non-finite value is treated as "too far": the bracket shrinks towards the start point.
    return Number.isFinite(f) && g.every(Number.isFinite) ? { a, f, d: dot(g, dir), x: xn, g } : { a, f: Infinity, d: NaN, x: xn, g };
  };
  // Near the optimum the predicted decrease falls below the rounding noise of f (a sum over many rows,
  // so well above one ulp); then bisecting on is futile.
  const noise = 1e-12 * Math.max(1, Math.abs(f0));
  // A trial point that already passes the convergence test is taken even if rounding noise in f
  // makes it look no better: near the optimum f cannot tell points apart, the gradient still can.
  const done = (p: Point): boolean => Number.isFinite(p.f) && p.f <= f0 + noise && maxAbs(p.g) <= gtol;
  const armijo = (p: Point): boolean => p.f <= f0 + C1 * p.a * d0;
  const curvature = (p: Point): boolean => Math.abs(p.d) <= -C2 * d0;

  const zoom = (lo: Point, hi: Point): Point | null => {
    let flat = 0;
    for (let i = 0; i < LINE_SEARCH_STEPS; i++) {
      const width = hi.a - lo.a;
      let a = Number.isFinite(hi.f) ? cubicMin(lo, hi) : NaN;
      // Safeguard: stay well inside the bracket so it keeps shrinking.
      const left = Math.min(lo.a, hi.a) + 0.1 * Math.abs(width);
      const right = Math.max(lo.a, hi.a) - 0.1 * Math.abs(width);
      if (!(a >= left && a <= right)) a = lo.a + 0.5 * width;
      const p = at(a);
      if (done(p)) return p;
      flat = Math.abs(p.f - f0) <= noise ? flat + 1 : 0;
      if (flat >= 3) break;
      if (!armijo(p) || p.f >= lo.f) {
        hi = p;
      } else {
        if (curvature(p)) return p;
        if (p.d * width >= 0) hi = lo;
        lo = p;
      }
      if (Math.abs(hi.a - lo.a) <= 1e-14 * Math.max(1, Math.abs(lo.a))) break;
    }
    // Out of refinements: a point with sufficient decrease is still a usable step.
    return lo.a > 0 ? lo : null;
  };

  let prev: Point = { a: 0, f: f0, d: d0, x, g: g0 };
  let a = step;
  for (let i = 0; i < LINE_SEARCH_STEPS; i++) {
    const p = at(a);
    if (done(p)) return p;
    if (!armijo(p) || (i > 0 && p.f >= prev.f)) return zoom(prev, p);
    if (curvature(p)) return p;
    if (p.d >= 0) return zoom(p, prev);
    prev = p;
    a *= 2;
  }
  return prev.a > 0 ? prev : null;
}

/** Minimises `fg` from `x0` by BFGS. Deterministic: the same input always takes the same path. */
export function minimizeBfgs(fg: Objective, x0: readonly number[], options: MinimizeOptions = {}): MinimizeResult {
  const gtol = options.gradientTolerance ?? 1e-9;
  const maxIterations = options.maxIterations ?? 500;
  const n = x0.length;
  const counter = { n: 1 };
  let x: Float64Array = Float64Array.from(x0);
  let g: Float64Array = new Float64Array(n);
  let f = fg(x, g);
  if (!Number.isFinite(f) || !g.every(Number.isFinite)) throw new RangeError('objective is not finite at the start point');

  // Inverse Hessian approximation, row-major; starts as the identity and is rescaled after the first step.
  const H = new Float64Array(n * n);
  const resetH = (scale: number): void => {
    H.fill(0);
    for (let i = 0; i < n; i++) H[i * n + i] = scale;
  };
  resetH(1);
  let fresh = true;
  const dir = new Float64Array(n);
  const Hy = new Float64Array(n);
  let iterations = 0;
  let reason: MinimizeResult['reason'] = 'max-iterations';

  for (; iterations < maxIterations; iterations++) {
    if (maxAbs(g) <= gtol) { reason = 'gradient'; break; }
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s -= (H[i * n + j] as number) * (g[j] as number);
      dir[i] = s;
    }
    if (dot(dir, g) >= 0) {
      resetH(1);
      fresh = true;
      for (let i = 0; i < n; i++) dir[i] = -(g[i] as number);
    }
    // The first step of a fresh start moves at most one unit, so log-parameters cannot jump to overflow.
    const step = fresh ? Math.min(1, 1 / maxAbs(dir)) : 1;
    const p = lineSearch(fg, x, f, g, dir, step, gtol, counter);
    if (!p) {
      if (!fresh) { resetH(1); fresh = true; continue; }
      reason = maxAbs(g) <= Math.sqrt(gtol) ? 'precision' : 'stalled';
      break;
    }
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = (p.x[i] as number) - (x[i] as number);
      y[i] = (p.g[i] as number) - (g[i] as number);
    }
    const fPrev = f;
    x = p.x;
    g = p.g;
    f = p.f;
    const sy = dot(s, y);
    if (sy > 1e-300) {
      if (fresh) resetH(sy / dot(y, y));
      fresh = false;
      // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, expanded so it needs only H·y.
      const rho = 1 / sy;
      for (let i = 0; i < n; i++) {
        let t = 0;
        for (let j = 0; j < n; j++) t += (H[i * n + j] as number) * (y[j] as number);
        Hy[i] = t;
      }
      const yHy = dot(y, Hy);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          const si = s[i] as number;
          const sj = s[j] as number;
          H[i * n + j] = (H[i * n + j] as number) - rho * ((Hy[i] as number) * sj + si * (Hy[j] as number)) + (rho * rho * yHy + rho) * si * sj;
        }
      }
    }
    if (fPrev - f <= 1e-15 * Math.max(1, Math.abs(f)) && maxAbs(s) <= 1e-12) {
      reason = maxAbs(g) <= Math.sqrt(gtol) ? 'precision' : 'stalled';
      iterations++;
      break;
    }
  }
  return {
    x: Array.from(x), f, gradient: Array.from(g), iterations, evaluations: counter.n,
    converged: reason === 'gradient' || reason === 'precision', reason,
  };
}
