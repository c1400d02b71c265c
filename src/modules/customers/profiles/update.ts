// Changing a profile: names (display name and search keys follow), contacts, manager, tags, source,
// notes, preferences and hobbies. Every change is recorded field by field.
import type { ServiceContext } from '../../../platform/context.js';
import { inTransaction } from '../../../platform/db/database.js';
import { invalidField } from '../../../platform/errors.js';
import { requirePermission, type Actor } from '../../tenancy/index.js';
import { lockLiveCustomer } from '../access.js';
import { contactRows, customerWriteError, displayNameOf, normalizeContacts, organizationCountry, searchKeysOf, toCustomer, type Customer, type CustomerInput } from '../service.js';
import { customersStore as store, type ContactRow } from '../store.js';
import { diffFields, recordProfileChange } from './changes.js';

/** The fields of the Customer answer an edit can change (and the audit compares). */
export const EDITABLE_FIELDS = [
  'kind', 'familyName', 'givenNames', 'patronymic', 'familyNameLatin', 'givenNamesLatin', 'companyName', 'gender', 'birthDate',
  'phones', 'emails', 'addresses', 'preferredLanguage', 'preferredChannel', 'managerId', 'source', 'notes', 'tags', 'externalId',
  'preferences', 'hobbies',
] as const;

export type CustomerPatch = Partial<CustomerInput>;

/** The row values of the scalar fields a patch sets (contacts are handled apart). */
function rowValues(patch: CustomerPatch) {
  const v: Record<string, unknown> = {};
  const map: [keyof CustomerPatch, string][] = [
    ['kind', 'kind'], ['familyName', 'family_name'], ['givenNames', 'given_names'], ['patronymic', 'patronymic'],
    ['familyNameLatin', 'family_name_latin'], ['givenNamesLatin', 'given_names_latin'], ['companyName', 'company_name'],
    ['gender', 'gender'], ['birthDate', 'birth_date'], ['preferredLanguage', 'preferred_language'], ['preferredChannel', 'preferred_channel'],
    ['managerId', 'manager_id'], ['source', 'source'], ['notes', 'notes'], ['tags', 'tags'], ['externalId', 'external_id'],
    ['preferences', 'preferences'], ['hobbies', 'hobbies'],
  ];
  for (const [from, to] of map) if (patch[from] !== undefined) v[to] = patch[from];
  return v;
}

/**
 * Replaces the contacts of the kinds the patch names, keeping the rows of values that stay (their ids
 * are what a merge records as moved, so an unchanged phone keeps its identity).
 */
async function replaceContacts(ctx: ServiceContext, tx: Parameters<typeof store.insertContacts>[0], actor: Actor, customerId: string, existing: ContactRow[], wanted: ReturnType<typeof contactRows>, kinds: ContactRow['kind'][]) {
  const now = ctx.clock.now();
  const relevant = existing.filter((c) => kinds.includes(c.kind));
  const key = (c: { kind: string; value: string }) => `${c.kind}:${c.value}`;
  const wantedKeys = new Set(wanted.map(key));
  await store.deleteContacts(tx, actor, relevant.filter((c) => !wantedKeys.has(key(c))).map((c) => c.id));
  const have = new Map(relevant.map((c) => [key(c), c]));
  for (const w of wanted) {
    const old = have.get(key(w));
    if (old && old.is_primary !== w.is_primary) await store.setPrimary(tx, actor, old.id, w.is_primary);
  }
  await store.insertContacts(tx, actor, wanted.filter((w) => !have.has(key(w))).map((w) => ({ id: ctx.ids.next(), customer_id: customerId, created_at: now, ...w })));
}

export async function updateCustomer(ctx: ServiceContext, actor: Actor, id: string, patch: CustomerPatch): Promise<Customer> {
  requirePermission(actor, 'customers.write');
  const touchesContacts = patch.phones !== undefined || patch.emails !== undefined || patch.addresses !== undefined;
  const country = touchesContacts ? await organizationCountry(ctx, actor) : null;
  const contacts = normalizeContacts(patch, country);
  try {
    return await inTransaction(ctx.db, async (tx) => {
      const row = await lockLiveCustomer(tx, actor, id);
      const existing = await store.contactsOf(tx, actor, [id]);
      const before = toCustomer(row, existing);
      const merged = { ...before, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as CustomerInput;
      const displayName = displayNameOf(merged);
      if (!displayName) throw invalidField('familyName', 'a customer needs a name (family or given name, or a company name)');
      if (touchesContacts) {
        const kinds: ContactRow['kind'][] = [];
        if (patch.phones !== undefined) kinds.push('phone');
        if (patch.emails !== undefined) kinds.push('email');
        if (patch.addresses !== undefined) kinds.push('address');
        await replaceContacts(ctx, tx, actor, id, existing, contactRows(contacts), kinds);
      }
      const updated = await store.update(tx, actor, id, {
        ...rowValues(patch), display_name: displayName, search_keys: searchKeysOf(merged), updated_at: ctx.clock.now(),
      });
      const after = toCustomer(updated, await store.contactsOf(tx, actor, [id]));
      const changes = diffFields(before, after, EDITABLE_FIELDS);
      if (Object.keys(changes).length) await recordProfileChange(tx, ctx, actor, id, 'updated', changes);
      return after;
    });
  } catch (e) {
    throw customerWriteError(e, patch);
  }
}
