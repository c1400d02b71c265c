// Times the BG/NBD + Gamma-Gamma fit on synthetic customer bases drawn from the models (seeded, so every
// run fits the same data). Usage: npx tsx bench/clv-fit.ts [customers]   (default 1,000,000; 100,000 is
// always measured too). Purchase times sit on a day grid, as real dates do, which is what lets
// identical summaries be grouped. The ceiling is one plain pass over the customers (a log per row):
// no fit can touch every customer faster. The last line is one JSON object with the figures.
import {
  fitBgNbd, fitGammaGamma, periodsPerMonth, predictCustomers, seededRandom, simulateCustomers,
} from '../src/modules/analytics/domain/clv/index.js';
import type { SimulatedCustomer } from '../src/modules/analytics/domain/clv/index.js';

const TRUTH = { bgnbd: { r: 0.25, alpha: 4.5, a: 0.8, b: 2.4 }, gammaGamma: { p: 6, q: 4, v: 15 } };

function generate(customers: number, seed: number): SimulatedCustomer[] {
  // A CDNOW-like cohort: first purchases over 12 weeks, calibration 27 to 39 weeks long, in weeks on a day grid.
  return simulateCustomers(seededRandom(seed), { customers, ...TRUTH, T: { min: 27, max: 39 }, grid: 1 / 7 });
}

function time<T>(fn: () => T): [T, number] {
  const started = performance.now();
  const value = fn();
  return [value, performance.now() - started];
}

function measure(customers: SimulatedCustomer[]): Record<string, number> {
  const [bg, bgMs] = time(() => fitBgNbd(customers));
  const [gg, ggMs] = time(() => fitGammaGamma(customers));
  const [, predictMs] = time(() => predictCustomers(bg.params, gg.params, customers, { horizon: 52, periodsPerMonth: periodsPerMonth('week'), monthlyDiscountRate: 0.01 }));
  let sink = 0;
  const [, scanMs] = time(() => { for (const c of customers) sink += Math.log(4.5 + c.T); });
  if (!Number.isFinite(sink) || !bg.converged || !gg.converged) throw new Error('a fit did not converge');
  const round = (v: number): number => Math.round(v * 10) / 10;
  const figures = {
    customers: customers.length,
    fit_ms: round(bgMs + ggMs),
    bgnbd_ms: round(bgMs),
    gammagamma_ms: round(ggMs),
    bgnbd_distinct_rows: bg.distinctRows,
    bgnbd_evaluations: bg.evaluations,
    predict_52w_ms: round(predictMs),
    scan_ms: round(scanMs),
    r: bg.params.r, alpha: bg.params.alpha, a: bg.params.a, b: bg.params.b, p: gg.params.p, q: gg.params.q, v: gg.params.v,
  };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
  return figures;
}

const requested = Number(process.argv[2] ?? 1_000_000);
if (!Number.isInteger(requested) || requested < 1000) {
  process.stderr.write('usage: npx tsx bench/clv-fit.ts [customers ≥ 1000]\n');
  process.exit(2);
}

// Warm the JIT on a small base so the first timed fit is not charged for compilation.
measure(generate(10_000, 1));
const small = measure(generate(100_000, 2));
const big = requested === 100_000 ? small : measure(generate(requested, 3));
const fitMs = big.fit_ms as number;
process.stdout.write(`${JSON.stringify({
  customers: requested,
  fit_ms: fitMs,
  bgnbd_ms: big.bgnbd_ms,
  gammagamma_ms: big.gammagamma_ms,
  distinct_rows: big.bgnbd_distinct_rows,
  predict_52w_ms: big.predict_52w_ms,
  fit_100k_ms: small.fit_ms,
  scan_ms: big.scan_ms,
  fit_per_scan: Math.round((fitMs / (big.scan_ms as number)) * 10) / 10,
})}\n`);
