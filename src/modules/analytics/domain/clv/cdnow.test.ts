// Checks against the real CDNOW data (see /work/shared/data/cdnow/README.md): the 1/10 sample against
// the published parameters, the master file against an independent SciPy fit and its 39-week hold-out.
// The data is not part of the repository: without it these tests are skipped, saying so.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expectedCohortPurchases, expectedPurchasesConditional } from './bgnbd-predict.js';
import { fitBgNbd } from './bgnbd.js';
import { fitGammaGamma } from './gammagamma.js';
import { summarizeTransactions } from './summary.js';
import type { Transaction } from './summary.js';

// CI clones the repository with shared/ beside it; locally it sits at /work/shared.
const besideRepo = fileURLToPath(new URL('../../../../../../shared/data/cdnow', import.meta.url));
const DIR = process.env.CDNOW_DIR ?? [besideRepo, '/work/shared/data/cdnow'].find((d) => existsSync(d)) ?? besideRepo;
const SAMPLE = `${DIR}/CDNOW_sample.txt`;
const MASTER = `${DIR}/CDNOW_master.txt`;
const OPTIONS = { calibrationEnd: '1997-09-30', observationEnd: '1998-06-30', period: 'week' } as const;

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

describe('CDNOW 1/10 sample (2,357 customers)', () => {
  const summaries = (): ReturnType<typeof summarizeTransactions> => summarizeTransactions(load(SAMPLE, { id: 0, date: 2, value: 4 }), OPTIONS);

  it('BG/NBD fit reproduces Fader, Hardie & Lee (2005): r 0.243, α 4.414, a 0.793, b 2.426, LL −9582.4', (ctx) => {
    ctx.skip(!existsSync(SAMPLE), `CDNOW sample not found at ${SAMPLE} (set CDNOW_DIR)`);
    const { customers } = summaries();
    expect(customers).toHaveLength(2357);
    const fit = fitBgNbd(customers);
    expect(fit.converged).toBe(true);
    expect(fit.params.r).toBeCloseTo(0.243, 3);
    expect(fit.params.alpha).toBeCloseTo(4.414, 2);
    expect(fit.params.a).toBeCloseTo(0.793, 3);
    expect(fit.params.b).toBeCloseTo(2.426, 2);
    expect(fit.ll).toBeCloseTo(-9582.4, 1);
  });

  it('Gamma-Gamma fit reproduces the published p 6.25, q 3.74, v 15.44', (ctx) => {
    ctx.skip(!existsSync(SAMPLE), `CDNOW sample not found at ${SAMPLE} (set CDNOW_DIR)`);
    const fit = fitGammaGamma(summaries().customers);
    expect(fit.customers).toBe(946);
    expect(fit.params.p).toBeCloseTo(6.25, 1);
    expect(fit.params.q).toBeCloseTo(3.74, 1);
    expect(fit.params.v).toBeCloseTo(15.44, 1);
  });
});

describe('CDNOW master (23,570 customers)', () => {
  let cached: { summary: ReturnType<typeof summarizeTransactions>; fit: ReturnType<typeof fitBgNbd> } | undefined;
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

  it('hold-out: the predicted 39-week total is 14.3% below the observed 19,684 (the 10% target is not met; docs/analytics.md explains)', (ctx) => {
    ctx.skip(!existsSync(MASTER), skipReason);
    const { summary, fit } = prepared();
    let predicted = 0;
    let actual = 0;
    for (const c of summary.customers) {
      predicted += expectedPurchasesConditional(fit.params, 39, c.frequency, c.recency, c.T);
      actual += c.holdoutFrequency ?? NaN;
    }
    expect(actual).toBe(19_684);
    // Pinned, so a change in the summaries or the predictions shows up here: the shortfall is the
    // holiday season and spring peaks of 1997/98 that a stationary model cannot know about.
    const error = (predicted - actual) / actual;
    expect(error).toBeGreaterThan(-0.15);
    expect(error).toBeLessThan(-0.135);
  });

  it('tracking: predicted cumulative repeat purchases over all 78 weeks are within 10% of the observed', (ctx) => {
    ctx.skip(!existsSync(MASTER), skipReason);
    const { summary, fit } = prepared();
    const T0 = Math.max(...summary.customers.map((c) => c.T));
    // Each customer's first purchase, in weeks after the earliest first purchase of the cohort.
    const firsts = summary.customers.map((c) => T0 - c.T);
    const observed = summary.customers.reduce((s, c) => s + c.frequency + (c.holdoutFrequency ?? NaN), 0);
    const predicted = expectedCohortPurchases(fit.params, firsts, 0, T0 + 39);
    expect(Math.abs(predicted - observed) / observed).toBeLessThan(0.1);
  });
});
