// Finding the customer of each imported purchase from what the old system wrote: an external id, a phone,
// an e-mail, a card number, or one "customer" column that may hold any of them. Looked up set-wise, one
// query per kind of reference for the whole file; card numbers go through the lookups other modules
// register (cards belong to loyalty). A reference that finds several customers finds none: the rows are
// rejected as ambiguous rather than booked to a guess.

import type { Db } from '../../../platform/db/database.js';
import { sql } from '../../../platform/db/database.js';
import type { TenantScope } from '../../../platform/db/tenant.js';
import { resolveCustomerId } from '../access.js';
import { normalizeEmail } from '../domain/email.js';
import { registered } from '../hooks.js';
import type { CustomerReferences } from './purchase-rows.js';

export type Resolution = { customerId: string; rule: 'externalId' | 'phone' | 'email' | 'card' } | { problem: 'customer_not_found' | 'ambiguous_match' | 'customer_erased' };

interface Found { ids: string[]; erased: boolean }

async function byExternalId(db: Db, scope: TenantScope, values: string[]): Promise<Map<string, Found>> {
  const out = new Map<string, Found>();
  for (let i = 0; i < values.length; i += 10_000) {
    const { rows } = await sql<{ v: string; id: string; merged: string | null; erased: boolean }>`
      SELECT external_id AS v, id, merged_into_id AS merged, erased_at IS NOT NULL AS erased FROM customers
      WHERE organization_id = ${scope.organizationId} AND external_id = ANY(${values.slice(i, i + 10_000)})`.execute(db);
    for (const r of rows) out.set(r.v, { ids: [r.merged ? ((await resolveCustomerId(db, scope, r.id)) ?? r.id) : r.id], erased: r.erased });
  }
  return out;
}

async function byContact(db: Db, scope: TenantScope, kind: 'phone' | 'email', values: string[]): Promise<Map<string, Found>> {
  const out = new Map<string, Found>();
  const key = kind === 'email' ? sql`lower(cc.value)` : sql`cc.value`;
  for (let i = 0; i < values.length; i += 10_000) {
    const batch = values.slice(i, i + 10_000).map((v) => (kind === 'email' ? v.toLowerCase() : v));
    const { rows } = await sql<{ v: string; ids: string[] }>`
      SELECT ${key} AS v, array_agg(DISTINCT c.id) AS ids FROM customer_contacts cc
      JOIN customers c ON c.organization_id = cc.organization_id AND c.id = cc.customer_id AND c.erased_at IS NULL AND c.merged_into_id IS NULL
      WHERE cc.organization_id = ${scope.organizationId} AND cc.kind = ${kind} AND ${key} = ANY(${batch}) GROUP BY 1`.execute(db);
    for (const r of rows) out.set(r.v, { ids: r.ids, erased: false });
  }
  return out;
}

async function byCard(db: Db, scope: TenantScope, values: string[]): Promise<Map<string, Found>> {
  const out = new Map<string, Found>();
  const lookups = registered.lookups();
  for (const value of values) {
    const ids = new Set<string>();
    for (const lookup of lookups) for (const id of await lookup.find(db, scope, value)) ids.add(id);
    if (ids.size > 0) out.set(value, { ids: [...ids], erased: false });
  }
  return out;
}

/** Resolves every distinct reference of the file; returns a function answering one purchase's references. */
export async function resolveCustomers(db: Db, scope: TenantScope, references: readonly CustomerReferences[]): Promise<(refs: CustomerReferences) => Resolution> {
  const ext = new Set<string>();
  const phones = new Set<string>();
  const emails = new Set<string>();
  const cards = new Set<string>();
  for (const r of references) {
    if (r.externalId) ext.add(r.externalId);
    if (r.phone) phones.add(r.phone);
    if (r.anyPhone) phones.add(r.anyPhone);
    if (r.email) emails.add(r.email);
    if (r.card) cards.add(r.card);
    if (r.any) {
      // "Any" reference: an external id or a card number as written, or a phone or e-mail if it reads as one.
      ext.add(r.any);
      cards.add(r.any.replace(/\s+/gu, ''));
      const email = normalizeEmail(r.any);
      if ('email' in email) emails.add(email.email);
    }
  }
  const [byExt, byPhone, byEmail, byCardNo] = await Promise.all([
    byExternalId(db, scope, [...ext]), byContact(db, scope, 'phone', [...phones]), byContact(db, scope, 'email', [...emails]), byCard(db, scope, [...cards]),
  ]);
  const decide = (found: Found | undefined, rule: 'externalId' | 'phone' | 'email' | 'card'): Resolution | null => {
    if (!found || found.ids.length === 0) return null;
    if (found.erased) return { problem: 'customer_erased' };
    if (found.ids.length > 1) return { problem: 'ambiguous_match' };
    return { customerId: found.ids[0] as string, rule };
  };
  return (refs) => {
    const anyEmail = refs.any ? normalizeEmail(refs.any) : null;
    const tries: Array<Resolution | null> = [
      refs.externalId ? decide(byExt.get(refs.externalId), 'externalId') : null,
      refs.any ? decide(byExt.get(refs.any), 'externalId') : null,
      refs.phone ? decide(byPhone.get(refs.phone), 'phone') : null,
      refs.anyPhone ? decide(byPhone.get(refs.anyPhone), 'phone') : null,
      refs.email ? decide(byEmail.get(refs.email.toLowerCase()), 'email') : null,
      anyEmail && 'email' in anyEmail ? decide(byEmail.get(anyEmail.email.toLowerCase()), 'email') : null,
      refs.card ? decide(byCardNo.get(refs.card), 'card') : null,
      refs.any ? decide(byCardNo.get(refs.any.replace(/\s+/gu, '')), 'card') : null,
    ];
    return tries.find((t) => t !== null) ?? { problem: 'customer_not_found' };
  };
}
