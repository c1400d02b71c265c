// Public surface of the customers module.
export { createCustomer, findCustomerIdsByPhone, getCustomer, type Customer, type CustomerInput } from './service.js';
export { customerRoutes } from './routes.js';
export { resolveCustomerId } from './access.js';
export { canContact, changeConsent } from './consent/service.js';
export { addRelation } from './profiles/relations.js';
export { addInteraction } from './interactions/service.js';
export { listReasons } from './interactions/reasons.js';
export { createField, createQuestionnaire, setFieldValues } from './questionnaires/service.js';
export { configureDocumentsKey, useDocumentsKey } from './documents/keys.js';
export { customerJobs, duplicateScanJobHandler, DUPLICATE_SCAN_JOB } from './duplicates/jobs.js';
export {
  registerCustomerDataHandler, registerCustomerLookup, registerCustomerMergeHandler, registerTimelineSource,
  type CustomerDataHandler, type CustomerLookup, type CustomerMergeHandler, type TimelineEntry, type TimelineSource,
} from './hooks.js';
// Imports of customers and purchase history from spreadsheets (import/, docs/import.md).
export {
  claimImportNow, createImport, executeImport, importJobHandler, importRoutes, importView, parseMapping, reportCsv, runImportNow,
  sessionOf as getImportSession, setImportMapping, startImport, IMPORT_JOB, type ImportMapping, type ImportRuntime, type ImportView,
  mappingFromFlags, MappingFlagError, type MappingFlags,
} from './import/index.js';
