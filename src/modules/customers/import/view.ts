// An import session as the API shows it: what was read, the guesses, the mapping and what it still
// needs, the first rows as they will be imported (so the user sees every transform at work), progress,
// and the report.

import type { ServiceContext } from '../../../platform/context.js';
import { getOrganization, type Actor } from '../../tenancy/index.js';
import { mapRow } from '../domain/columns.js';
import { phoneNormalizer, type CountryCode } from '../contacts.js';
import type { ColumnAnalysis } from './analyze.js';
import { dateOrderOf, type FileProblem } from './analyze.js';
import { mappingProblems, suggestedMapping, type ImportMapping, type StoredColumn } from './kinds.js';
import { columnRules, dateOrderState, type CustomerMapping } from './mapping.js';
import type { SessionRow } from './store.js';
import type { CustomerImportReport } from './run-customers.js';
import type { PurchaseImportReport } from './run-purchases.js';

type Report = CustomerImportReport | PurchaseImportReport | null;

interface Transform { name: string; scope: 'column' | 'file'; fields: string[]; values: Array<string | boolean>; description: string }

/** The transforms the mapping offers, for the mapping screen to present. */
export const TRANSFORMS: Transform[] = [
  { name: 'nameOrder', scope: 'column', fields: ['fullName', 'fullNameLatin'], values: ['family-given', 'given-family'], description: 'Split a full-name column: the word order when a cell has neither "/" (SURNAME/GIVEN) nor "," (Family, Given)' },
  { name: 'counterpart', scope: 'column', fields: ['fullName', 'familyName', 'givenName', 'fullNameLatin', 'familyNameLatin', 'givenNameLatin'], values: ['transliterate', 'copy'], description: 'Fill the name in the other script: transliterate (ICAO 9303 Cyrillic → Latin, best-effort Latin → Cyrillic) or copy Latin names as native ones' },
  { name: 'stripInvalid', scope: 'column', fields: ['fullName', 'familyName', 'givenName', 'patronymic', 'fullNameLatin', 'familyNameLatin', 'givenNameLatin'], values: [true, false], description: 'Remove digits and punctuation from names instead of rejecting the row' },
  { name: 'capitalize', scope: 'column', fields: ['fullName', 'familyName', 'givenName', 'patronymic', 'fullNameLatin', 'familyNameLatin', 'givenNameLatin'], values: [true, false], description: 'Rewrite ALL CAPS or all-lowercase names as "Ivanova-Petrova"' },
  { name: 'genderValues', scope: 'column', fields: ['gender'], values: [], description: 'The file\'s own gender codes, e.g. {"1": "male", "2": "female"}' },
  { name: 'deriveGender', scope: 'file', fields: [], values: [true, false], description: 'Derive gender from the patronymic or given name where no column gives it' },
  { name: 'dateOrder', scope: 'file', fields: ['birthDate', 'documentExpiry', 'date'], values: ['dmy', 'mdy', 'ymd'], description: 'How to read dates like 03/04/1980' },
  { name: 'invalidValues', scope: 'file', fields: [], values: ['reject_row', 'skip_value'], description: 'A bad value rejects its row, or is left out and reported' },
];

function mappedPreview(row: SessionRow, mapping: CustomerMapping, country: string | null, referenceYear: number) {
  const columns = row.columns as ColumnAnalysis[];
  const rules = columnRules(mapping);
  const options = {
    normalizePhone: phoneNormalizer(((mapping.phoneCountry ?? country) ?? undefined) as CountryCode | undefined),
    referenceYear,
    dateOrder: dateOrderState(columns, mapping.columns, mapping.dateOrder).effective ?? undefined,
    ...(mapping.deriveGender && { deriveGenderMinConfidence: 0.7 }),
  };
  return row.preview.map((source) => {
    const c = mapRow(source.cells, rules, options);
    return {
      line: source.line,
      customer: {
        externalId: c.externalId, familyName: c.familyName, givenNames: c.givenName, patronymic: c.patronymic,
        familyNameLatin: c.familyNameLatin, givenNamesLatin: c.givenNameLatin, gender: c.gender, birthDate: c.birthDate,
        phones: c.phones, emails: c.emails, tags: c.tags, notes: c.notes, address: [c.address, c.city].filter(Boolean).join(', ') || null,
      },
      errors: c.errors.map((e) => ({ field: e.field, reason: e.reason, ...(e.value !== undefined && { value: e.value }) })),
      warnings: c.warnings.map((e) => ({ field: e.field, reason: e.reason, ...(e.value !== undefined && { value: e.value }) })),
    };
  });
}

function percent(row: SessionRow): number {
  if (row.status === 'done') return 100;
  if (row.rows_total === 0) return 0;
  // Reading is about half of the work, saving the other half.
  return Math.min(99, Math.floor(((row.rows_read + row.rows_saved) / (2 * row.rows_total)) * 100));
}

export async function importView(ctx: ServiceContext, actor: Actor, row: SessionRow) {
  const columns = row.columns as StoredColumn[];
  const mapping = row.mapping as ImportMapping | null;
  const effective = mapping ?? suggestedMapping(row);
  const country = effective.kind === 'customers' ? (await getOrganization(ctx, actor)).country : null;
  const dates = dateOrderState(columns, effective.columns, effective.dateOrder);
  return {
    id: row.id, kind: row.kind, origin: row.origin, fileName: row.file_name, fileSize: row.file_size, format: row.format,
    encoding: row.encoding, encodingDetectedBy: row.encoding_detected_by, delimiter: row.delimiter, sheet: row.sheet, sheets: row.sheets,
    hasHeader: row.has_header, header: row.header, rowsTotal: row.rows_total,
    columns: columns.map((c) => ({ index: c.index, header: c.header, samples: c.samples, nonEmpty: c.nonEmpty, guess: c.guess, dateOrder: dateOrderOf(c.dates) })),
    preview: row.preview,
    fileProblems: row.parse_problems as FileProblem[],
    mapping, suggestedMapping: suggestedMapping(row),
    dateOrder: dates,
    problems: mappingProblems(row, mapping),
    mappedPreview: effective.kind === 'customers' ? mappedPreview(row, effective, country, ctx.clock.now().getUTCFullYear()) : [],
    transforms: TRANSFORMS,
    status: row.status, phase: row.phase,
    progress: { rowsRead: row.rows_read, rowsSaved: row.rows_saved, rowsTotal: row.rows_total, percent: percent(row) },
    report: row.report as Report, error: row.error,
    createdAt: row.created_at.toISOString(), startedAt: row.started_at?.toISOString() ?? null, finishedAt: row.finished_at?.toISOString() ?? null,
  };
}

export type ImportView = Awaited<ReturnType<typeof importView>>;

/** The short form for lists. */
export function importSummary(row: SessionRow) {
  return {
    id: row.id, kind: row.kind, origin: row.origin, fileName: row.file_name, rowsTotal: row.rows_total, status: row.status, phase: row.phase,
    progress: { rowsRead: row.rows_read, rowsSaved: row.rows_saved, rowsTotal: row.rows_total, percent: percent(row) },
    report: row.report as Report, error: row.error, createdAt: row.created_at.toISOString(), finishedAt: row.finished_at?.toISOString() ?? null,
  };
}
