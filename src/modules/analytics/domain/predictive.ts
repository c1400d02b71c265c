// Predictive CLV over an organization's history, with the models in ./clv: summaries in weeks at the end
// of the period, BG/NBD + Gamma-Gamma fitted by maximum likelihood, predictions per customer, and two
// checks the owner can read:
// - hold-out: the models fitted again on the history up to `holdoutDays` before the end, predicting the
//   repeat purchase days of the last `holdoutDays`; predicted against observed, summed over customers;
// - P(alive) `lookbackDays` ago (same parameters, history cut there), so a dropping P(alive) shows.
// The mean repeat spend m̄ is (revenue − first day's revenue) / x; the first day's revenue is that of the
// day's smallest receipt (the aggregation keeps one receipt of it), so a second receipt on the very
// first day counts as repeat spend — rare, and it only nudges m̄.
import { expectedPurchasesIfAlive, fitBgNbd, fitGammaGamma, periodsPerMonth, predictCustomers, probabilityAlive, type BgNbdFit, type BgNbdParams, type GammaGammaFit, type RfmSummary, type RfSummary } from './clv/index.js';
import type { CustomerFacts } from './facts.js';

export interface PredictiveOptions {
  /** Prediction horizon in weeks (52). */
  horizonWeeks?: number;
  /** Monthly discount rate (0.01). */
  monthlyDiscountRate?: number;
  /** Index into facts.cutoffs of the hold-out start, or null for no hold-out check. */
  holdoutCut: number | null;
  /** Index into facts.cutoffs of the earlier P(alive), or null. */
  lookbackCut: number | null;
}

export interface PredictiveResult {
  bgnbd: BgNbdFit;
  gammaGamma: GammaGammaFit | null;
  customers: number;
  horizonWeeks: number;
  /** Per facts index; NaN where the customer is not in the model (no purchase yet) or a value does not exist. */
  pAlive: Float64Array;
  pAlivePrevious: Float64Array;
  expectedPurchases: Float64Array;
  expectedSpend: Float64Array;
  clv: Float64Array;
  holdout: { fromDay: number; weeks: number; customers: number; predicted: number; actual: number; error: number | null; bgnbd: BgNbdFit } | null;
  fitMs: number;
}

const WEEK = 7;

function summaries(f: CustomerFacts, cut: number, visits: ArrayLike<number>, lastDay: ArrayLike<number>, withSpend: boolean): { rows: RfmSummary[]; index: Int32Array } {
  const rows: RfmSummary[] = [];
  const index: number[] = [];
  for (let i = 0; i < f.count; i++) {
    const first = f.firstDay[i] as number;
    const v = visits[i] as number;
    if (first > cut || v < 1) continue;
    const x = v - 1;
    const monetaryValue = withSpend && x > 0 ? ((f.revenue[i] as number) - (f.firstDayRevenue[i] as number)) / x : 0;
    rows.push({ frequency: x, recency: ((lastDay[i] as number) - first) / WEEK, T: (cut - first) / WEEK, monetaryValue });
    index.push(i);
  }
  return { rows, index: Int32Array.from(index) };
}

/**
 * Σ over customers of E[Y(t) | x, t_x, T]: the model's total repeat purchases in the next t periods. The
 * ₂F₁ part depends on (x, T) only, so it is evaluated once per distinct pair (a few thousand for a
 * million customers) and P(alive) per customer.
 */
export function expectedRepeatPurchases(params: BgNbdParams, rows: readonly RfSummary[], t: number): number {
  const ifAlive = new Map<string, number>();
  let total = 0;
  for (const r of rows) {
    const key = `${r.frequency}|${r.T}`;
    let e = ifAlive.get(key);
    if (e === undefined) {
      e = expectedPurchasesIfAlive(params, t, r.frequency, r.T);
      ifAlive.set(key, e);
    }
    total += e * probabilityAlive(params, r.frequency, r.recency, r.T);
  }
  return total;
}

export function predictiveClv(f: CustomerFacts, o: PredictiveOptions, now: () => number = () => performance.now()): PredictiveResult {
  const horizonWeeks = o.horizonWeeks ?? 52;
  const d = o.monthlyDiscountRate ?? 0.01;
  const endDay = f.plan.toDay;
  const full = summaries(f, endDay, f.visits, f.lastDay, true);
  if (full.rows.length === 0) throw new RangeError('no customer with a purchase to fit the models on');
  const started = now();
  const bgnbd = fitBgNbd(full.rows);
  const gammaGamma = full.rows.some((r) => r.frequency > 0 && r.monetaryValue > 0) ? fitGammaGamma(full.rows) : null;
  const fitMs = now() - started;
  const monthly = { periodsPerMonth: periodsPerMonth('week'), monthlyDiscountRate: d };
  const p = predictCustomers(bgnbd.params, gammaGamma?.params ?? null, full.rows, { horizon: horizonWeeks, ...monthly });
  const spread = (values: Float64Array, index: Int32Array) => {
    const out = new Float64Array(f.count).fill(NaN);
    index.forEach((i, k) => { out[i] = values[k] as number; });
    return out;
  };
  let pAlivePrevious = new Float64Array(f.count).fill(NaN);
  if (o.lookbackCut !== null) {
    const cut = f.cutoffs[o.lookbackCut] as number;
    const prev = summaries(f, cut, f.cutVisits[o.lookbackCut]!, f.cutLastDay[o.lookbackCut]!, false);
    pAlivePrevious = spread(Float64Array.from(prev.rows, (r) => probabilityAlive(bgnbd.params, r.frequency, r.recency, r.T)), prev.index);
  }
  let holdout: PredictiveResult['holdout'] = null;
  if (o.holdoutCut !== null) {
    const cut = f.cutoffs[o.holdoutCut] as number;
    const cal = summaries(f, cut, f.cutVisits[o.holdoutCut]!, f.cutLastDay[o.holdoutCut]!, false);
    if (cal.rows.some((r) => r.frequency > 0)) {
      const weeks = (endDay - cut) / WEEK;
      const fit = fitBgNbd(cal.rows);
      const predicted = expectedRepeatPurchases(fit.params, cal.rows, weeks);
      let actual = 0;
      cal.index.forEach((i) => { actual += (f.visits[i] as number) - (f.cutVisits[o.holdoutCut as number]![i] as number); });
      holdout = { fromDay: cut + 1, weeks, customers: cal.rows.length, predicted, actual, error: actual > 0 ? (predicted - actual) / actual : null, bgnbd: fit };
    }
  }
  return {
    bgnbd, gammaGamma, customers: full.rows.length, horizonWeeks,
    pAlive: spread(p.pAlive, full.index), pAlivePrevious,
    expectedPurchases: spread(p.expectedPurchases, full.index), expectedSpend: spread(p.expectedSpend, full.index), clv: spread(p.clv, full.index),
    holdout, fitMs,
  };
}
