// The profile fields a merge chooses between, as columns, and the rows a merge moves (table by table).
import type { CustomerRow } from '../store.js';
import type { MergeField, Profile, UnionField } from '../domain/merge.js';

export const COLUMN_OF: Readonly<Record<MergeField | UnionField, keyof CustomerRow>> = {
  familyName: 'family_name', givenNames: 'given_names', patronymic: 'patronymic', familyNameLatin: 'family_name_latin',
  givenNamesLatin: 'given_names_latin', companyName: 'company_name', gender: 'gender', birthDate: 'birth_date',
  preferredLanguage: 'preferred_language', preferredChannel: 'preferred_channel', managerId: 'manager_id', source: 'source',
  notes: 'notes', preferences: 'preferences', externalId: 'external_id', tags: 'tags', hobbies: 'hobbies',
};

export function profileOf(row: CustomerRow): Profile {
  return Object.fromEntries(Object.entries(COLUMN_OF).map(([field, column]) => [field, row[column]])) as unknown as Profile;
}

/** A row as JSON-safe values (dates as ISO text), for the merge record. */
export function snapshot(row: CustomerRow): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]));
}

/** Tables whose rows follow the person (customer_id moves from the loser to the survivor). */
export const MOVED_WHOLE = ['customer_consent_events', 'customer_interactions', 'customer_documents', 'customer_occasions'] as const;
export type MovedTable = (typeof MOVED_WHOLE)[number] | 'customer_contacts' | 'customer_field_values' | 'customer_relations' | 'customer_relations.related';
