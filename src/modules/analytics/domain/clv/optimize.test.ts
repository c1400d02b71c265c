import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { minimizeBfgs } from './optimize.js';
import type { Objective } from './optimize.js';

/** Rosenbrock's banana in n dimensions: minimum 0 at (1, …, 1), a curved valley that defeats naive descent. */
const rosenbrock: Objective = (x, g) => {
  let f = 0;
  g.fill(0);
  for (let i = 0; i + 1 < x.length; i++) {
    const a = x[i] as number;
    const b = x[i + 1] as number;
    f += 100 * (b - a * a) ** 2 + (1 - a) ** 2;
    g[i] = (g[i] as number) - 400 * a * (b - a * a) - 2 * (1 - a);
    g[i + 1] = (g[i + 1] as number) + 200 * (b - a * a);
  }
  return f;
};

describe('minimizeBfgs', () => {
  it('finds the Rosenbrock minimum in 2 and 4 dimensions', () => {
    for (const start of [[-1.2, 1], [-1.2, 1, -1.2, 1]]) {
      const res = minimizeBfgs(rosenbrock, start);
      expect(res.converged).toBe(true);
      for (const v of res.x) expect(v).toBeCloseTo(1, 6);
      expect(res.f).toBeLessThan(1e-12);
      expect(res.iterations).toBeLessThan(100);
    }
  });

  it('takes the same path on every run', () => {
    const a = minimizeBfgs(rosenbrock, [-1.2, 1, 0.5]);
    const b = minimizeBfgs(rosenbrock, [-1.2, 1, 0.5]);
    expect(b).toEqual(a);
  });

  it('backs off from regions where the objective is not finite', () => {
    // log-barrier: undefined for x ≤ 0, minimum at x = 1; a unit step from 3 along −g would land below 0.
    const f: Objective = (x, g) => {
      const v = x[0] as number;
      g[0] = 1 - 1 / v;
      return v > 0 ? v - Math.log(v) : NaN;
    };
    const res = minimizeBfgs(f, [30]);
    expect(res.converged).toBe(true);
    expect(res.x[0]).toBeCloseTo(1, 8);
  });

  it('refuses a start point where the objective is not finite', () => {
    expect(() => minimizeBfgs(() => NaN, [0])).toThrow(/not finite at the start/);
  });

  it('minimises any convex quadratic, however badly scaled', () => {
    fc.assert(fc.property(
      fc.array(fc.record({ scale: fc.double({ min: -4, max: 4, noNaN: true }), centre: fc.double({ min: -50, max: 50, noNaN: true }) }), { minLength: 1, maxLength: 5 }),
      fc.double({ min: -0.9, max: 0.9, noNaN: true }),
      (dims, coupling) => {
        // f = Σ h_i (x_i − c_i)² + coupling·√(h_0 h_1)·(x_0 − c_0)(x_1 − c_1): positive definite for |coupling| < 2.
        const h = dims.map((d) => 10 ** d.scale);
        const c = dims.map((d) => d.centre);
        const f: Objective = (x, g) => {
          let v = 0;
          for (let i = 0; i < h.length; i++) {
            const d = (x[i] as number) - (c[i] as number);
            v += (h[i] as number) * d * d;
            g[i] = 2 * (h[i] as number) * d;
          }
          if (h.length > 1) {
            const k = coupling * Math.sqrt((h[0] as number) * (h[1] as number));
            const d0 = (x[0] as number) - (c[0] as number);
            const d1 = (x[1] as number) - (c[1] as number);
            v += k * d0 * d1;
            g[0] = (g[0] as number) + k * d1;
            g[1] = (g[1] as number) + k * d0;
          }
          return v;
        };
        const res = minimizeBfgs(f, h.map(() => 0), { gradientTolerance: 1e-9, maxIterations: 1000 });
        res.x.forEach((v, i) => expect(Math.abs(v - (c[i] as number))).toBeLessThan(1e-6 * Math.max(1, 1 / (h[i] as number))));
      },
    ), { numRuns: 200, seed: 7 });
  });
});
