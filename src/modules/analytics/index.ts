// Public surface of the analytics module.
export * from './domain/clv/index.js';
export { analyticsRoutes } from './routes.js';
export {
  getMeasure, getSettings, runReport, saveSettings, slippingAwayCustomers,
  type AnalyticsContext, type MeasureResult, type ReportProgress, type ReportQuery, type SlippingCustomer,
} from './service.js';
export { MEASURES, MEASURE_NAMES } from './measures/index.js';
export { toCsv, toXlsx } from './export.js';
export { NOTE_CODES, NOTE_LANGUAGES, NOTE_TEXTS, noteText, type Note, type NoteCode, type NoteLanguage } from './notes.js';
export type { AnalyticsSettings } from './settings.js';
