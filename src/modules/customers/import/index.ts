// What the rest of the module re-exports of the import (see ../index.ts).
export { importRoutes } from './routes.js';
export { executeImport, importJobHandler, runImportNow } from './jobs.js';
export { claimImportNow, createImport, sessionOf, setImportMapping, startImport, IMPORT_JOB } from './sessions.js';
export { parseMapping, type ImportMapping } from './kinds.js';
export { importView, type ImportView } from './view.js';
export { reportCsv } from './report-csv.js';
export type { ImportRuntime } from './run-context.js';
export { mappingFromFlags, MappingFlagError, type MappingFlags } from './cli-mapping.js';
