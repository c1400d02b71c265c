// Checks against the real CDNOW data (see /work/shared/data/cdnow/README.md): the 1/10 sample against
// the published parameters, the master file against an independent SciPy fit, and both against their
// 39-week hold-out. The data is not part of the repository: without it these tests are skipped, saying so.
//
// The hold-out figures are the model's honest error, pinned so that any change shows (docs/analytics.md,
// "CDNOW results", explains them): the 39-week hold-out alone is under-forecast by 12% (sample) and 14%
// (master) — the 1997 holiday season and the spring 1998 peak that a stationary model cannot know about —
// while the cumulative repeat purchases over all 78 weeks (FHL 2005's tracking plot) are within 10%.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expectedCohortPurchases, expectedPurchasesConditional } from './bgnbd-predict.js';
import { fitBgNbd } from './bgnbd.js';
import { fitGammaGamma } from './gammagamma.js';
import { summarizeTransactions, type SummaryResult } from './summary.js';
import type { Transaction } from './summary.js';
import type { BgNbdFit } from './types.js';

// CI clones the repository with shared/ beside it; locally it sits at /work/shared.
const besideRepo = fileURLToPath(new URL('../../../../../../shared/data/cdnow', import.meta.url));
const DIR = process.env.CDNOW_DIR ?? [besideRepo, '/work/shared/data/cdnow'].find((d) => existsSync(d)) ?? besideRepo;
const SAMPLE = `${DIR}/CDNOW_sample.txt`;
const MASTER = `${DIR}/CDNOW_master.txt`;
const CALIBRATION_END = '1997-09-30';
const OBSERVATION_END = '1998-06-30';
const OPTIONS = { calibrationEnd: CALIBRATION_END, observationEnd: OBSERVATION_END, period: 'week' } as const;
const HOLDOUT_WEEKS = 39;

/** Whitespace-separated rows; `columns` says where the id, the YYYYMMDD date and the dollar value are. */
function load(file: string, columns: { id: number; date: number; value: number }): Transaction[] {
  const out: Transaction[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const f = line.trim().split(/\s+/);
    const d = f[columns.date];
    if (!d || !/^\d{8}$/.test(d)) continue; // header or blank line
    out.push({ customerId: f[columns.id] as string, date: `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`, amount: Number(f[columns.value]) });
  }
  return out;
}

/**
 * The hold-out counted straight from the rows, without the summary code: distinct (customer, day)
 * pairs after the calibration end up to the observation end, for customers whose first purchase is
 * in the calibration period. A second definition of what `holdoutFrequency` sums to.
 */
function holdoutFromRows(rows: readonly Transaction[]): number {
  const first = new Map<string, string>();
  for (const r of rows) {
    const d = r.date as string;
    const f = first.get(r.customerId);
    if (f === undefined || d < f) first.set(r.customerId, d);
  }
  const days = new Set<string>();
  for (const r of rows) {
    const d = r.date as string;
    if (d > CALIBRATION_END && d <= OBSERVATION_END && (first.get(r.customerId) as string) <= CALIBRATION_END) days.add(`${r.customerId} ${d}`);
  }
  return days.size;
}

interface HoldoutFigures {
  actual: number;
  /** Σ_i E[Y(39) | x_i, t_x,i, T_i]: what the model expects of the customers it has seen. */
  conditional: number;
  /** Σ_i E[X(T_i + 39)] − E[X(T_i)]: what it expects of a cohort with these first-purchase days. */
  unconditional: number;
  calibrationActual: number;
  calibrationPredicted: number;
}

function holdoutFigures(summary: SummaryResult, fit: BgNbdFit): HoldoutFigures {
  let actual = 0;
  let conditional = 0;
  let calibrationActual = 0;
  for (const c of summary.customers) {
    actual += c.holdoutFrequency ?? NaN;
    calibrationActual += c.frequency;
    conditional += expectedPurchasesConditional(fit.params, HOLDOUT_WEEKS, c.frequency, c.recency, c.T);
  }
  // Each customer's first purchase in weeks after the cohort's earliest one (1 January 1997), whose T is largest.
  const T0 = Math.max(...summary.customers.map((c) => c.T));
  const firsts = summary.customers.map((c) => T0 - c.T);
  return {
    actual, conditional, calibrationActual,
    unconditional: expectedCohortPurchases(fit.params, firsts, T0, T0 + HOLDOUT_WEEKS),
    calibrationPredicted: expectedCohortPurchases(fit.params, firsts, 0, T0),
  };
}

const relative = (predicted: number, actual: number) => (predicted - actual) / actual;

describe('CDNOW 1/10 sample (2,357 customers)', () => {
  let cached: { rows: Transaction[]; summary: SummaryResult; fit: BgNbdFit } | undefined;
  const prepared = (): NonNullable<typeof cached> => {
    if (!cached) {
      const rows = load(SAMPLE, { id: 0, date: 2, value: 4 });
      const summary = summarizeTransactions(rows, OPTIONS);
      cached = { rows, summary, fit: fitBgNbd(summary.customers) };
    }
    return cached;
  };
  const skipReason = `CDNOW sample not found at ${SAMPLE} (set CDNOW_DIR)`;

  it('summaries in weeks as FHL (2005) define them: T of a 1 January buyer is 38.86, the hold-out 39 weeks', (ctx) => {
    ctx.skip(!existsSync(SAMPLE), skipReason);
    const { summary } = prepared();
    expect(summary.customers).toHaveLength(2357);
    expect(summary.holdoutLength).toBe(39); // 1997-10-01 … 1998-06-30 = 273 days
    // FHL's worked example is a customer with T = 38.86: first purchase on 1 January, T measured to 30 September.
    expect(Math.max(...summary.customers.map((c) => c.T))).toBeCloseTo(272 / 7, 12);
    expect(summary.customers.filter((c) => c.frequency === 0)).toHaveLength(1411);
  });

  it('BG/NBD fit reproduces Fader, Hardie & Lee (2005): r 0.243, α 4.414, a 0.793, b 2.426, LL −9582.4', (ctx) => {
    ctx.skip(!existsSync(SAMPLE), skipReason);
    const { fit } = prepared();
    expect(fit.converged).toBe(true);
    expect(fit.params.r).toBeCloseTo(0.243, 3);
    expect(fit.params.alpha).toBeCloseTo(4.414, 2);
    expect(fit.params.a).toBeCloseTo(0.793, 3);
    expect(fit.params.b).toBeCloseTo(2.426, 2);
    expect(fit.ll).toBeCloseTo(-9582.4, 1);
  });

  it('repeated fits agree: bit for bit on the same input, to 1e-6 on the customers in another order or from another start', (ctx) => {
    ctx.skip(!existsSync(SAMPLE), skipReason);
    const { summary, fit } = prepared();
    const again = fitBgNbd(summary.customers);
    expect(again.params).toEqual(fit.params);
    expect(again.ll).toBe(fit.ll);
    const others = [
      fitBgNbd([...summary.customers].reverse()),
      fitBgNbd(summary.customers, { start: { r: 2, alpha: 20, a: 2, b: 5 } }),
    ];
    for (const other of others) {
      expect(other.converged).toBe(true);
      for (const k of ['r', 'alpha', 'a', 'b'] as const) expect(Math.abs(other.params[k] / fit.params[k] - 1)).toBeLessThan(1e-6);
      expect(other.ll).toBeCloseTo(fit.ll, 6);
    }
  });

  it('Gamma-Gamma fit reproduces the published p 6.25, q 3.74, v 15.44', (ctx) => {
    ctx.skip(!existsSync(SAMPLE), skipReason);
    const fit = fitGammaGamma(prepared().summary.customers);
    expect(fit.customers).toBe(946);
    expect(fit.params.p).toBeCloseTo(6.25, 1);
    expect(fit.params.q).toBeCloseTo(3.74, 1);
    expect(fit.params.v).toBeCloseTo(15.44, 1);
  });

  it('hold-out: 1,882 repeat purchase days observed; the model expects 1,653 (−12.1%), the same whether conditional or by cohort', (ctx) => {
    ctx.skip(!existsSync(SAMPLE), skipReason);
    const { rows, summary, fit } = prepared();
    const h = holdoutFigures(summary, fit);
    expect(h.actual).toBe(1882);
    expect(holdoutFromRows(rows)).toBe(h.actual);
    expect(h.calibrationActual).toBe(2457);
    // The calibration weeks are reproduced (+1.5%); the hold-out weeks are not.
    expect(Math.abs(relative(h.calibrationPredicted, h.calibrationActual))).toBeLessThan(0.02);
    expect(h.conditional).toBeCloseTo(1653.4, 0);
    expect(relative(h.conditional, h.actual)).toBeCloseTo(-0.1215, 3);
    expect(relative(h.unconditional, h.actual)).toBeCloseTo(-0.1144, 3);
    // Averaged over the customers, the conditional expectations must give back the unconditional one.
    expect(Math.abs(relative(h.conditional, h.unconditional))).toBeLessThan(0.01);
  });

  it('tracking: cumulative repeat purchases over all 78 weeks are within 10% of the observed (4,161 against 4,339)', (ctx) => {
    ctx.skip(!existsSync(SAMPLE), skipReason);
    const { summary, fit } = prepared();
    const h = holdoutFigures(summary, fit);
    const error = relative(h.calibrationPredicted + h.unconditional, h.calibrationActual + h.actual);
    expect(error).toBeCloseTo(-0.0411, 3);
    expect(Math.abs(error)).toBeLessThan(0.1);
  });
});

describe('CDNOW master (23,570 customers)', () => {
  let cached: { summary: SummaryResult; fit: BgNbdFit } | undefined;
  const prepared = (): NonNullable<typeof cached> => {
    if (!cached) {
      const summary = summarizeTransactions(load(MASTER, { id: 0, date: 1, value: 3 }), OPTIONS);
      cached = { summary, fit: fitBgNbd(summary.customers) };
    }
    return cached;
  };
  const skipReason = `CDNOW master not found at ${MASTER} (set CDNOW_DIR)`;

  it('BG/NBD fit matches an independent SciPy fit of the same summaries', (ctx) => {
    ctx.skip(!existsSync(MASTER), skipReason);
    const { summary, fit } = prepared();
    expect(summary.customers).toHaveLength(23_570);
    expect(fit.params.r).toBeCloseTo(0.2516, 3);
    expect(fit.params.alpha).toBeCloseTo(4.7889, 2);
    expect(fit.params.a).toBeCloseTo(0.7234, 3);
    expect(fit.params.b).toBeCloseTo(2.1611, 2);
    expect(fit.ll).toBeCloseTo(-95368.44, 1);
  });

  it('hold-out: 19,684 observed, 16,874 expected (−14.3%; by cohort −14.4%); the 10% target is not met (docs/analytics.md explains)', (ctx) => {
    ctx.skip(!existsSync(MASTER), skipReason);
    const { summary, fit } = prepared();
    const h = holdoutFigures(summary, fit);
    expect(h.actual).toBe(19_684);
    expect(h.calibrationActual).toBe(24_337);
    expect(Math.abs(relative(h.calibrationPredicted, h.calibrationActual))).toBeLessThan(0.01);
    // Pinned, so a change in the summaries or the predictions shows up here: the shortfall is the
    // holiday season and spring peaks of 1997/98 that a stationary model cannot know about.
    expect(relative(h.conditional, h.actual)).toBeCloseTo(-0.1428, 3);
    expect(relative(h.unconditional, h.actual)).toBeCloseTo(-0.1440, 3);
    expect(Math.abs(relative(h.conditional, h.unconditional))).toBeLessThan(0.01);
  });

  it('tracking: cumulative repeat purchases over all 78 weeks are within 10% of the observed (41,301 against 44,021)', (ctx) => {
    ctx.skip(!existsSync(MASTER), skipReason);
    const { summary, fit } = prepared();
    const h = holdoutFigures(summary, fit);
    const error = relative(h.calibrationPredicted + h.unconditional, h.calibrationActual + h.actual);
    expect(error).toBeCloseTo(-0.0618, 3);
    expect(Math.abs(error)).toBeLessThan(0.1);
  });
});
