// What differs between a customer import and a purchase-history import before they run: the mapping's
// schema, what blocks it, and the mapping suggested from the guesses.

import { z } from 'zod';
import { invalidField } from '../../../platform/errors.js';
import type { ColumnAnalysis } from './analyze.js';
import type { ColumnGuessView } from './guess.js';
import { customerMappingProblems, customerMappingSchema, dateOrderState, type CustomerMapping, type MappingProblem } from './mapping.js';
import { purchaseMappingProblems, purchaseMappingSchema, type PurchaseMapping } from './purchase-mapping.js';
import type { SessionRow } from './store.js';
import type { ImportKind } from './tables.js';

export const importMappingSchema = z.discriminatedUnion('kind', [customerMappingSchema, purchaseMappingSchema]).meta({ id: 'ImportMapping' });
export type ImportMapping = CustomerMapping | PurchaseMapping;

export type StoredColumn = ColumnAnalysis & { guess: ColumnGuessView | null };

/** Validates a mapping for a session of this kind; errors name the field. */
export function parseMapping(kind: ImportKind, body: unknown): ImportMapping {
  const parsed = importMappingSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalidField(issue?.path.join('.') || 'mapping', issue?.message ?? 'is invalid');
  }
  if (parsed.data.kind !== kind) throw invalidField('kind', `this is a ${kind} import`);
  return parsed.data;
}

export function mappingProblems(row: SessionRow, mapping: ImportMapping | null): MappingProblem[] {
  const columns = row.columns as StoredColumn[];
  const problems = mapping === null
    ? [{ code: 'mapping_required', severity: 'blocking' as const, message: 'Confirm which column holds which field' }]
    : mapping.kind === 'customers' ? customerMappingProblems(columns, mapping) : purchaseMappingProblems(mapping, columns.length);
  if (mapping?.kind === 'purchases') {
    const dates = dateOrderState(columns, mapping.columns, mapping.dateOrder);
    if (dates.required) problems.push({ code: 'date_order_required', severity: 'blocking', field: 'dateOrder', message: 'Dates like 03/04/2024 can be read as day/month or month/day: choose the order' });
  }
  return problems;
}

/** The mapping the guesses suggest, for the screen to start from. */
export function suggestedMapping(row: SessionRow): ImportMapping {
  const columns = row.columns as StoredColumn[];
  const guessed = columns.flatMap((c) => (c.guess?.field ? [{ column: c.index, field: c.guess.field }] : []));
  if (row.kind === 'purchases') {
    const rules = guessed as PurchaseMapping['columns'];
    const dates = dateOrderState(columns, rules, null);
    return { kind: 'purchases', columns: rules, dateOrder: dates.required ? dates.suggestion : null, phoneCountry: null };
  }
  const rules = (guessed as CustomerMapping['columns']).map((r) => (r.field === 'fullName' || r.field === 'fullNameLatin' ? { ...r, nameOrder: 'family-given' as const } : r));
  const dates = dateOrderState(columns, rules, null);
  return { kind: 'customers', columns: rules, dateOrder: dates.required ? dates.suggestion : null, deriveGender: false, invalidValues: 'reject_row', phoneCountry: null, addTags: [], updateMode: 'fill_empty' };
}
