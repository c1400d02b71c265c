// Predictive CLV: BG/NBD for purchase counts, Gamma-Gamma for spend, and the summaries they need.
export type { BgNbdFit, BgNbdParams, FitReport, GammaGammaFit, GammaGammaParams, RfmSummary, RfSummary } from './types.js';
export { summarizeTransactions, parseIsoDay, periodLength } from './summary.js';
export type { CustomerSummary, PeriodUnit, SummaryOptions, SummaryResult, Transaction } from './summary.js';
export { bgnbdCustomerLogLikelihood, bgnbdLogLikelihood, fitBgNbd, prepareBgNbd } from './bgnbd.js';
export {
  expectedCohortPurchases, expectedPurchasesConditional, expectedPurchasesIfAlive, expectedPurchasesUnconditional, probabilityAlive,
} from './bgnbd-predict.js';
export { conditionalExpectedSpend, fitGammaGamma, gammaGammaCustomerLogLikelihood, gammaGammaLogLikelihood } from './gammagamma.js';
export { customerLifetimeValue, discountedExpectedPurchases, periodsPerMonth, predictCustomers } from './clv.js';
export type { ClvOptions, CustomerPredictions } from './clv.js';
export { minimizeBfgs } from './optimize.js';
export { randomGamma, seededRandom, simulateCustomers } from './simulate.js';
export type { SimulatedCustomer, SimulationOptions } from './simulate.js';
