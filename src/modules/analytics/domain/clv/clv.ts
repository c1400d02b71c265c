// Customer lifetime value from the two models, discounted monthly the way `lifetimes` and PyMC-Marketing
// do it:  CLV = Σ_{i=1..n} E[M] · (E[Y(t_i)] − E[Y(t_{i−1})]) / (1 + d)^(t_i / f)
// with f periods per month, t_i = min(i·f, H) for a horizon of H periods (so a horizon that is not a
// whole number of months ends with a shorter step), d the monthly discount rate and E[M] the
// Gamma-Gamma conditional expected spend. Spend and purchase count are independent in the model, so
// the expected value of a step is the product of the two expectations.
import { expectedPurchasesConditional, expectedPurchasesIfAlive, probabilityAlive } from './bgnbd-predict.js';
import { compressRows } from './compress.js';
import { conditionalExpectedSpend } from './gammagamma.js';
import type { BgNbdParams, GammaGammaParams, RfmSummary, RfSummary } from './types.js';
import type { PeriodUnit } from './summary.js';

/** Average month in periods (365.25/12 days). `lifetimes` uses 4.345 weeks and 30 days instead. */
export function periodsPerMonth(period: PeriodUnit): number {
  return period === 'week' ? 365.25 / 12 / 7 : 365.25 / 12;
}

export interface ClvOptions {
  /** Horizon H in periods. */
  horizon: number;
  periodsPerMonth: number;
  /** Monthly discount rate d, e.g. 0.01. */
  monthlyDiscountRate: number;
}

function steps(o: ClvOptions): number[] {
  if (!(o.horizon >= 0) || !Number.isFinite(o.horizon)) throw new RangeError(`horizon must be a number ≥ 0, got ${o.horizon}`);
  if (!(o.periodsPerMonth > 0)) throw new RangeError(`periodsPerMonth must be > 0, got ${o.periodsPerMonth}`);
  if (!(o.monthlyDiscountRate > -1)) throw new RangeError(`monthly discount rate must be > −1, got ${o.monthlyDiscountRate}`);
  const out: number[] = [];
  for (let i = 1; (i - 1) * o.periodsPerMonth < o.horizon; i++) out.push(Math.min(i * o.periodsPerMonth, o.horizon));
  return out;
}

/** Σ_i (E[Y(t_i)] − E[Y(t_{i−1})]) / (1+d)^(t_i/f): discounted expected purchases over the horizon. */
export function discountedExpectedPurchases(bg: BgNbdParams, x: number, tx: number, T: number, o: ClvOptions): number {
  let prev = 0;
  let total = 0;
  for (const t of steps(o)) {
    const e = expectedPurchasesConditional(bg, t, x, tx, T);
    total += (e - prev) / Math.pow(1 + o.monthlyDiscountRate, t / o.periodsPerMonth);
    prev = e;
  }
  return total;
}

export function customerLifetimeValue(bg: BgNbdParams, gg: GammaGammaParams, customer: RfmSummary, o: ClvOptions): number {
  const spend = conditionalExpectedSpend(gg, customer.frequency, customer.monetaryValue);
  return spend * discountedExpectedPurchases(bg, customer.frequency, customer.recency, customer.T, o);
}

export interface CustomerPredictions {
  pAlive: Float64Array;
  /** E[Y(H) | x, t_x, T]. */
  expectedPurchases: Float64Array;
  /** Gamma-Gamma E[M | x, m̄]; NaN without a spend model or where it does not exist. */
  expectedSpend: Float64Array;
  /** NaN where expectedSpend is NaN. */
  clv: Float64Array;
}

/**
 * Predictions for a whole customer base. The 2F1 evaluations depend only on (x, T), so they are
 * computed once per distinct (x, T) and step; a million customers cost what their distinct rows cost.
 */
export function predictCustomers(bg: BgNbdParams, gg: GammaGammaParams | null, customers: readonly (RfSummary & Partial<RfmSummary>)[], o: ClvOptions): CustomerPredictions {
  const ts = steps(o);
  const n = customers.length;
  const rows = compressRows(n, 3, (c, i) => {
    const s = customers[i] as RfSummary;
    return c === 0 ? s.frequency : c === 1 ? s.recency : s.T;
  });
  const xT = compressRows(rows.size, 2, (c, k) => rows.values[k * 3 + (c === 0 ? 0 : 2)] as number);
  // Expected purchases of an alive customer, per distinct (x, T) and step; P(alive) is applied per row.
  const perXT = new Float64Array(xT.size * ts.length);
  for (let j = 0; j < xT.size; j++) {
    const x = xT.values[j * 2] as number;
    const T = xT.values[j * 2 + 1] as number;
    ts.forEach((t, s) => { perXT[j * ts.length + s] = expectedPurchasesIfAlive(bg, t, x, T); });
  }
  const rowAlive = new Float64Array(rows.size);
  const rowExpected = new Float64Array(rows.size);
  const rowDiscounted = new Float64Array(rows.size);
  for (let k = 0; k < rows.size; k++) {
    const alive = probabilityAlive(bg, rows.values[k * 3] as number, rows.values[k * 3 + 1] as number, rows.values[k * 3 + 2] as number);
    const base = (xT.index[k] as number) * ts.length;
    let prev = 0;
    let disc = 0;
    ts.forEach((t, s) => {
      const e = alive * (perXT[base + s] as number);
      disc += (e - prev) / Math.pow(1 + o.monthlyDiscountRate, t / o.periodsPerMonth);
      prev = e;
    });
    rowAlive[k] = alive;
    rowExpected[k] = prev;
    rowDiscounted[k] = disc;
  }
  const out: CustomerPredictions = {
    pAlive: new Float64Array(n), expectedPurchases: new Float64Array(n), expectedSpend: new Float64Array(n), clv: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const k = rows.index[i] as number;
    const c = customers[i] as RfSummary & Partial<RfmSummary>;
    const spend = gg ? conditionalExpectedSpend(gg, c.frequency, c.monetaryValue ?? 0) : NaN;
    out.pAlive[i] = rowAlive[k] as number;
    out.expectedPurchases[i] = rowExpected[k] as number;
    out.expectedSpend[i] = spend;
    out.clv[i] = spend * (rowDiscounted[k] as number);
  }
  return out;
}
