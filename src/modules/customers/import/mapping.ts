// The user's mapping of a customer file: which column feeds which field, with the transforms of each
// column, and the file-wide options. Validated at the edge with Zod, then checked against the file: what
// still stops the import (blocking problems) and what the user should know (warnings).

import { z } from 'zod';
import { CUSTOMER_IMPORT_FIELDS, REPEATABLE_FIELDS, type ColumnRule, type CustomerImportField } from '../domain/columns.js';
import type { DayMonthOrder } from '../domain/dates.js';
import { addCounts, dateOrderOf, type ColumnAnalysis, type DateOrderStatus } from './analyze.js';

export const customerColumnRuleSchema = z.object({
  column: z.number().int().min(0).max(999).describe('0-based column index in the file'),
  field: z.enum(CUSTOMER_IMPORT_FIELDS),
  nameOrder: z.enum(['family-given', 'given-family']).optional().describe('fullName columns: word order when the cell has neither "/" nor ","'),
  stripInvalid: z.boolean().optional().describe('Name columns: remove digits and punctuation instead of rejecting the row'),
  capitalize: z.boolean().optional().describe('Name columns: rewrite ALL CAPS or all-lowercase names as "Ivanova-Petrova"'),
  counterpart: z.enum(['transliterate', 'copy']).optional()
    .describe('Name columns: fill the same name in the other script (ICAO 9303 transliteration, or a plain copy) where the row has none'),
  genderValues: z.record(z.string().max(50), z.enum(['male', 'female'])).optional()
    .describe('gender columns: the file\'s own codes, e.g. {"1": "male", "2": "female"}'),
}).meta({ id: 'ImportColumnRule' });

export const customerMappingSchema = z.object({
  kind: z.literal('customers'),
  columns: z.array(customerColumnRuleSchema).max(300),
  dateOrder: z.enum(['dmy', 'mdy', 'ymd']).nullable().default(null)
    .describe('How to read dates like 03/04/1980; required when the file does not prove it'),
  deriveGender: z.boolean().default(false).describe('Fill gender from the names (patronymic or given name) where no column gives it'),
  invalidValues: z.enum(['reject_row', 'skip_value']).default('reject_row')
    .describe('A bad value (an invalid phone, a name with digits): reject the whole row, or import the row without that value'),
  phoneCountry: z.string().regex(/^[A-Z]{2}$/, 'must be a country code such as RU or DE').nullable().default(null)
    .describe('Country for reading local phone numbers; the organization\'s country when null'),
  addTags: z.array(z.string().trim().min(1).max(100)).max(20).default([]).describe('Tags added to every imported customer'),
  updateMode: z.enum(['fill_empty', 'overwrite']).default('fill_empty')
    .describe('An existing customer: fill only its empty fields (default), or let the file\'s non-empty cells replace names, gender and birth date'),
}).meta({ id: 'CustomerImportMapping' });

export type CustomerMapping = z.output<typeof customerMappingSchema>;

/** Fields the mapping accepts but the import does not store yet, with the reason shown to the user. */
export const NOT_STORED: Partial<Record<CustomerImportField, string>> = {
  cardNumber: 'card numbers are not imported with customers: cards are issued by the loyalty module',
  documentNumber: 'identity documents are not imported from files yet; add them on the profile',
  documentExpiry: 'identity documents are not imported from files yet; add them on the profile',
  citizenship: 'identity documents are not imported from files yet; add them on the profile',
};

const IDENTITY_FIELDS: ReadonlySet<CustomerImportField> = new Set([
  'externalId', 'fullName', 'familyName', 'givenName', 'fullNameLatin', 'familyNameLatin', 'givenNameLatin', 'phone', 'email',
]);
const DATE_FIELDS: ReadonlySet<CustomerImportField> = new Set(['birthDate', 'documentExpiry']);

export interface MappingProblem {
  code: string;
  severity: 'blocking' | 'warning';
  message: string;
  column?: number;
  field?: string;
}

export interface DateOrderState {
  /** What the values of the mapped date columns prove. */
  detected: DateOrderStatus;
  suggestion: DayMonthOrder | null;
  /** The user must choose (dateOrder) before the import can start. */
  required: boolean;
  /** The order the import will use; null when dates are year-first only or not mapped. */
  effective: DayMonthOrder | null;
}

/** The date order the import uses for the mapped date columns (see dates.ts for why a column decides). */
export function dateOrderState(columns: readonly ColumnAnalysis[], rules: ReadonlyArray<{ column: number; field: string }>, chosen: 'dmy' | 'mdy' | 'ymd' | null): DateOrderState {
  const dateColumns = rules.filter((r) => DATE_FIELDS.has(r.field as CustomerImportField) || r.field === 'date').map((r) => columns[r.column]).filter((c): c is ColumnAnalysis => c !== undefined);
  const counts = dateColumns.reduce((sum, c) => addCounts(sum, c.dates), { dayFirst: 0, monthFirst: 0, undecided: 0, dotted: 0 });
  const { status, suggestion } = dateOrderOf(counts);
  const needsChoice = status === 'ambiguous' || status === 'conflict';
  const effective = chosen === 'dmy' || chosen === 'mdy' ? chosen : chosen === 'ymd' ? null : status === 'dmy' || status === 'mdy' ? status : null;
  return { detected: status, suggestion, required: needsChoice && chosen === null, effective };
}

/** What stops a customer mapping from running, and what the user should know about it. */
export function customerMappingProblems(columns: readonly ColumnAnalysis[], mapping: CustomerMapping | null): MappingProblem[] {
  if (mapping === null) return [{ code: 'mapping_required', severity: 'blocking', message: 'Confirm which column holds which field' }];
  const problems: MappingProblem[] = [];
  const seen = new Map<string, number>();
  for (const rule of mapping.columns) {
    if (rule.column >= columns.length) {
      problems.push({ code: 'column_out_of_range', severity: 'blocking', column: rule.column, field: rule.field, message: `The file has no column ${rule.column + 1}` });
    }
    const earlier = seen.get(rule.field);
    if (earlier !== undefined && !REPEATABLE_FIELDS.has(rule.field)) {
      problems.push({ code: 'field_mapped_twice', severity: 'warning', column: rule.column, field: rule.field, message: `${rule.field} is also in column ${earlier + 1}; where both are filled, column ${earlier + 1} wins` });
    }
    if (earlier === undefined) seen.set(rule.field, rule.column);
    const notStored = NOT_STORED[rule.field];
    if (notStored && earlier === undefined) problems.push({ code: 'field_not_stored', severity: 'warning', column: rule.column, field: rule.field, message: notStored });
  }
  if (!mapping.columns.some((r) => IDENTITY_FIELDS.has(r.field))) {
    problems.push({ code: 'no_identity_column', severity: 'blocking', message: 'Map at least a name, phone, e-mail or external id column' });
  }
  if (!mapping.columns.some((r) => r.field === 'externalId')) {
    problems.push({ code: 'no_external_id', severity: 'warning', message: 'Without an external id column a second run recognises customers only by phone, e-mail, or name and birth date' });
  }
  const dates = dateOrderState(columns, mapping.columns, mapping.dateOrder);
  if (dates.required) {
    problems.push({
      code: 'date_order_required', severity: 'blocking', field: 'dateOrder',
      message: dates.detected === 'conflict' ? 'The dates are written both day-first and month-first: choose the order; dates in the other order will be rejected' : 'Dates like 03/04/1980 can be read as day/month or month/day: choose the order',
    });
  }
  return problems;
}

/** The rules mapRow takes, from a validated mapping. */
export function columnRules(mapping: CustomerMapping): ColumnRule[] {
  return mapping.columns.map((r) => ({
    column: r.column, field: r.field,
    ...(r.nameOrder && { nameOrder: r.nameOrder }),
    ...(r.stripInvalid !== undefined && { stripInvalid: r.stripInvalid }),
    ...(r.capitalize !== undefined && { capitalize: r.capitalize }),
    ...(r.counterpart && { counterpart: r.counterpart }),
    ...(r.genderValues && { genderValues: r.genderValues }),
  }));
}
