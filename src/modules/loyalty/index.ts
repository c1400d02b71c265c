// Public surface of the loyalty module: what app/ and other modules may use.
export { loyaltyRoutes } from './routes.js';
export { registerLoyaltyJobs, loyaltyRecurringJobs, loyaltyQueuedHandlers } from './jobs.js';
export { importPurchases, type ImportPurchaseRow } from './import.js';
export { setSmsSender, logSmsSender, type SmsSender } from './sms.js';
export { loadLoyaltyDemo } from './demo.js';
export { checkLedger, type LedgerCheck } from './ledger-check.js';
