// Predictive CLV over an organization's history, with the models in ./clv: summaries in weeks at the end
// of the period, BG/NBD + Gamma-Gamma fitted by maximum likelihood, predictions per customer, and two
// checks the owner can read:
// - hold-out: the models fitted again on the history up to `holdoutDays` before the end, predicting the
//   repeat purchase days of the last `holdoutDays`; predicted against observed, summed over customers,
//   with a status saying why a figure is missing (a short or small history often has none);
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
  holdout: Holdout | null;
  /** What makes the figures less trustworthy than they look (see FIT_WARNINGS); empty when nothing does. */
  warnings: FitWarning[];
  fitMs: number;
}

/**
 * How the hold-out check went:
 * - ok: predicted and observed repeat purchase days in the hold-out, and the error;
 * - no_history: nobody had bought before the hold-out started, so there is nothing to fit;
 * - no_repeat_purchases: nobody had bought twice before it, and BG/NBD needs repeat purchases;
 * - too_few_customers: fewer than MIN_FIT_CUSTOMERS had bought before it;
 * - not_converged: the refit on the history before it did not converge;
 * - not_computable: the refit's prediction is not a finite number;
 * - no_purchases: the prediction is there, but nobody bought in the hold-out, so there is no error ratio.
 */
export const HOLDOUT_STATUSES = ['ok', 'no_history', 'no_repeat_purchases', 'too_few_customers', 'not_converged', 'not_computable', 'no_purchases'] as const;
export type HoldoutStatus = (typeof HOLDOUT_STATUSES)[number];

export interface Holdout {
  status: HoldoutStatus;
  fromDay: number;
  weeks: number;
  /** Customers with a purchase before the hold-out (those the check predicts for). */
  customers: number;
  /** Σ E[Y(weeks) | x, t_x, T] over them; null unless the refit gave a finite prediction. */
  predicted: number | null;
  /** Their repeat purchase days in the hold-out. */
  actual: number;
  /** (predicted − actual) / actual; null without a prediction or without purchases in the hold-out. */
  error: number | null;
  bgnbd: BgNbdFit | null;
}

/**
 * - few_customers: fewer than MIN_CUSTOMERS customers or MIN_REPEATERS with a repeat purchase — four
 *   parameters describe a whole population; on a handful of customers they are rough;
 * - edge_of_parameter_space: BG/NBD ran to a limit (every customer buys at the same rate, or nobody —
 *   or everybody — drops out after a purchase), which is what a short, small or very even history looks
 *   like to it;
 * - spend_not_converged: the Gamma-Gamma fit stopped before converging; spend per purchase is rough.
 */
export const FIT_WARNINGS = ['few_customers', 'edge_of_parameter_space', 'spend_not_converged'] as const;
export type FitWarning = (typeof FIT_WARNINGS)[number];
export const MIN_CUSTOMERS = 100;
export const MIN_REPEATERS = 20;

/** Below this many customers the four parameters are not fitted at all: there would be as many as customers. */
export const MIN_FIT_CUSTOMERS = 5;

/** Why the models cannot be fitted on these customers, or null when they can. */
export function cannotFit(rows: readonly RfSummary[]): 'no_repeat_purchases' | 'too_few_customers' | null {
  if (!rows.some((r) => r.frequency > 0)) return 'no_repeat_purchases';
  if (rows.length < MIN_FIT_CUSTOMERS) return 'too_few_customers';
  return null;
}

/**
 * BG/NBD at a limit: r and α run off together (no spread in purchase rates), or the drop-out Beta
 * collapses (nobody, or everybody, leaving after a purchase).
 */
export function atEdge(p: BgNbdParams): boolean {
  return p.r > 1e3 || p.alpha > 1e6 || p.a < 1e-3 || p.b < 1e-3 || p.a > 1e3 || p.b > 1e4;
}

export function fitWarnings(rows: readonly RfSummary[], bgnbd: BgNbdFit, gammaGamma: GammaGammaFit | null): FitWarning[] {
  const warnings: FitWarning[] = [];
  const repeaters = rows.reduce((n, r) => n + (r.frequency > 0 ? 1 : 0), 0);
  if (rows.length < MIN_CUSTOMERS || repeaters < MIN_REPEATERS) warnings.push('few_customers');
  if (atEdge(bgnbd.params)) warnings.push('edge_of_parameter_space');
  if (gammaGamma && !gammaGamma.converged) warnings.push('spend_not_converged');
  return warnings;
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

/** Why the models cannot be fitted on the history up to the end of the period, or null when they can. */
export function cannotFitHistory(f: CustomerFacts): 'no_repeat_purchases' | 'too_few_customers' | null {
  return cannotFit(summaries(f, f.plan.toDay, f.visits, f.lastDay, false).rows);
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
  const why = cannotFit(full.rows);
  if (why) throw new RangeError(why === 'no_repeat_purchases' ? 'no customer has bought twice: the models need repeat purchases' : `too few customers to fit the models on (${full.rows.length}, at least ${MIN_FIT_CUSTOMERS})`);
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
  const holdout = o.holdoutCut === null ? null : holdoutCheck(f, o.holdoutCut, endDay);
  return {
    bgnbd, gammaGamma, customers: full.rows.length, horizonWeeks,
    pAlive: spread(p.pAlive, full.index), pAlivePrevious,
    expectedPurchases: spread(p.expectedPurchases, full.index), expectedSpend: spread(p.expectedSpend, full.index), clv: spread(p.clv, full.index),
    holdout, warnings: fitWarnings(full.rows, bgnbd, gammaGamma), fitMs,
  };
}

/**
 * BG/NBD refitted on the history up to the cut predicts the repeat purchase days after it, for the
 * customers who had bought by then; always an answer, with a status saying why a figure is missing.
 */
export function holdoutCheck(f: CustomerFacts, cutIndex: number, endDay: number): Holdout {
  const cut = f.cutoffs[cutIndex] as number;
  const weeks = (endDay - cut) / WEEK;
  const cal = summaries(f, cut, f.cutVisits[cutIndex]!, f.cutLastDay[cutIndex]!, false);
  let actual = 0;
  cal.index.forEach((i) => { actual += (f.visits[i] as number) - (f.cutVisits[cutIndex]![i] as number); });
  const base = { fromDay: cut + 1, weeks, customers: cal.rows.length, actual };
  if (cal.rows.length === 0) return { ...base, status: 'no_history', predicted: null, error: null, bgnbd: null };
  const why = cannotFit(cal.rows);
  if (why) return { ...base, status: why, predicted: null, error: null, bgnbd: null };
  const fit = fitBgNbd(cal.rows);
  if (!fit.converged || !Object.values(fit.params).every(Number.isFinite)) return { ...base, status: 'not_converged', predicted: null, error: null, bgnbd: fit };
  const predicted = expectedRepeatPurchases(fit.params, cal.rows, weeks);
  if (!Number.isFinite(predicted)) return { ...base, status: 'not_computable', predicted: null, error: null, bgnbd: fit };
  if (actual === 0) return { ...base, status: 'no_purchases', predicted, error: null, bgnbd: fit };
  return { ...base, status: 'ok', predicted, error: (predicted - actual) / actual, bgnbd: fit };
}
