// The customer fields an import column can feed, grouped as the mapping screen offers them.
import type { ImportField } from '../common/types';

export const FIELD_GROUPS: readonly { group: string; fields: readonly ImportField[] }[] = [
  { group: 'names', fields: ['fullName', 'familyName', 'givenName', 'patronymic'] },
  { group: 'latin', fields: ['fullNameLatin', 'familyNameLatin', 'givenNameLatin'] },
  { group: 'person', fields: ['gender', 'birthDate'] },
  { group: 'contacts', fields: ['phone', 'email', 'address', 'city'] },
  { group: 'documents', fields: ['documentNumber', 'documentExpiry', 'citizenship'] },
  { group: 'other', fields: ['externalId', 'cardNumber', 'tags', 'notes'] },
];

export const NAME_FIELDS: ReadonlySet<string> = new Set(['fullName', 'familyName', 'givenName', 'patronymic', 'fullNameLatin', 'familyNameLatin', 'givenNameLatin']);
export const DATE_FIELDS: ReadonlySet<string> = new Set(['birthDate', 'documentExpiry']);
