// Shapes shared by the CLV models. Times (recency, T, horizons) are in one period unit chosen by the
// caller (weeks or days); money is in whatever unit the transactions were in (a plain number, because
// these are statistical estimates, not ledger amounts).

/** One customer's calibration-period summary, as in Fader, Hardie & Lee (2005). */
export interface RfSummary {
  /** x: number of repeat purchases (distinct purchase days after the first). */
  frequency: number;
  /** t_x: time of the last purchase, measured from the first purchase (0 when frequency is 0). */
  recency: number;
  /** T: time from the first purchase to the end of the calibration period. */
  T: number;
}

export interface RfmSummary extends RfSummary {
  /** Mean value of the repeat purchases (0 when frequency is 0). */
  monetaryValue: number;
}

export interface BgNbdParams { r: number; alpha: number; a: number; b: number }
export interface GammaGammaParams { p: number; q: number; v: number }

/** How a maximum-likelihood fit went. */
export interface FitReport {
  /** Total log-likelihood over all customers used in the fit. */
  ll: number;
  /** Customers in the fit, and the distinct summaries they collapsed to. */
  customers: number;
  distinctRows: number;
  iterations: number;
  evaluations: number;
  converged: boolean;
}

export interface BgNbdFit extends FitReport { params: BgNbdParams }
export interface GammaGammaFit extends FitReport { params: GammaGammaParams }
