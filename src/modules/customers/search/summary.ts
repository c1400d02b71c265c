// The answer line of one person in a search: the fields that tell namesakes apart, with the phone, the
// e-mail and the document masked (the full profile shows them to those allowed).
import parsePhoneNumber from 'libphonenumber-js/max';
import type { Db } from '../../../platform/db/database.js';
import type { TenantScope } from '../../../platform/db/tenant.js';
import { documentRows } from '../documents/service.js';
import { maskEmail, maskPhone, maskedTail } from '../domain/namesakes.js';
import { registered } from '../hooks.js';
import { customersStore, type CustomerRow } from '../store.js';

export interface CustomerMatch {
  id: string; kind: 'person' | 'company'; displayName: string;
  familyName: string | null; givenNames: string | null; patronymic: string | null;
  familyNameLatin: string | null; givenNamesLatin: string | null; companyName: string | null;
  birthDate: string | null; phone: string | null; email: string | null; document: string | null; cards: string[]; tags: string[];
  matchedBy: string[]; score: number;
}

function callingCode(e164: string): string | null {
  try {
    return parsePhoneNumber(e164)?.countryCallingCode ?? null;
  } catch {
    return null;
  }
}

export async function summarize(db: Db, scope: TenantScope, hits: { row: CustomerRow; score: number; matchedBy: string[] }[]): Promise<CustomerMatch[]> {
  const ids = hits.map((h) => h.row.id);
  const [contacts, documents] = await Promise.all([customersStore.contactsOf(db, scope, ids), documentRows(db, scope, ids)]);
  const cards = new Map<string, string[]>();
  for (const lookup of registered.lookups()) {
    if (!lookup.describe || ids.length === 0) continue;
    for (const [id, labels] of await lookup.describe(db, scope, ids)) cards.set(id, [...(cards.get(id) ?? []), ...labels]);
  }
  return hits.map(({ row: r, score, matchedBy }) => {
    const phone = contacts.find((c) => c.customer_id === r.id && c.kind === 'phone');
    const email = contacts.find((c) => c.customer_id === r.id && c.kind === 'email');
    const doc = documents.find((d) => d.customer_id === r.id);
    return {
      id: r.id, kind: r.kind, displayName: r.display_name,
      familyName: r.family_name, givenNames: r.given_names, patronymic: r.patronymic,
      familyNameLatin: r.family_name_latin, givenNamesLatin: r.given_names_latin, companyName: r.company_name,
      birthDate: r.birth_date, phone: phone ? maskPhone(phone.value, callingCode(phone.value)) : null, email: email ? maskEmail(email.value) : null,
      document: doc ? `${doc.type} ${maskedTail(doc.number_tail)}` : null, cards: cards.get(r.id) ?? [], tags: r.tags,
      matchedBy, score,
    };
  });
}
