// Customer use cases (core): create, read, find by contact, and the customer's data transfer shape.
import type { ServiceContext } from '../../platform/context.js';
import { inTransaction, isUniqueViolation, type Db } from '../../platform/db/database.js';
import { conflict, invalidField, notFound } from '../../platform/errors.js';
import { getOrganization, requirePermission, type Actor } from '../tenancy/index.js';
import { normalizeEmail, normalizePhone, type CountryCode } from './contacts.js';
import { nameSearchKeys } from './domain/search-keys.js';
import { resolveCustomerId } from './access.js';
import { recordProfileChange } from './profiles/changes.js';
import { customersStore as store, type ContactRow, type CustomerRow } from './store.js';

export interface CustomerInput {
  kind?: 'person' | 'company';
  familyName?: string | null; givenNames?: string | null; patronymic?: string | null;
  familyNameLatin?: string | null; givenNamesLatin?: string | null; companyName?: string | null;
  gender?: 'female' | 'male' | 'other' | null; birthDate?: string | null;
  phones?: string[]; emails?: string[]; addresses?: string[];
  preferredLanguage?: string | null; preferredChannel?: CustomerRow['preferred_channel'];
  managerId?: string | null; source?: string | null; notes?: string | null; tags?: string[]; externalId?: string | null;
  preferences?: string | null; hobbies?: string[];
}

export function toCustomer(r: CustomerRow, contacts: ContactRow[]) {
  return {
    id: r.id, kind: r.kind, displayName: r.display_name,
    familyName: r.family_name, givenNames: r.given_names, patronymic: r.patronymic,
    familyNameLatin: r.family_name_latin, givenNamesLatin: r.given_names_latin, companyName: r.company_name,
    gender: r.gender, birthDate: r.birth_date, preferredLanguage: r.preferred_language, preferredChannel: r.preferred_channel,
    managerId: r.manager_id, source: r.source, notes: r.notes, tags: r.tags, externalId: r.external_id,
    phones: contacts.filter((c) => c.kind === 'phone').map((c) => c.value),
    emails: contacts.filter((c) => c.kind === 'email').map((c) => c.value),
    addresses: contacts.filter((c) => c.kind === 'address').map((c) => c.value),
    preferences: r.preferences, hobbies: r.hobbies,
    erased: r.erased_at !== null, mergedIntoId: r.merged_into_id,
    createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString(),
  };
}
export type Customer = ReturnType<typeof toCustomer>;

type NameFields = Pick<CustomerInput, 'kind' | 'familyName' | 'givenNames' | 'patronymic' | 'familyNameLatin' | 'givenNamesLatin' | 'companyName'>;

export function displayNameOf(input: NameFields): string {
  if (input.kind === 'company' && input.companyName) return input.companyName.trim();
  const native = [input.familyName, input.givenNames, input.patronymic].filter(Boolean).join(' ').trim();
  if (native) return native;
  const latin = [input.familyNameLatin, input.givenNamesLatin].filter(Boolean).join(' ').trim();
  return latin || input.companyName?.trim() || '';
}

export function searchKeysOf(input: NameFields): string {
  const names = [input.familyName, input.givenNames, input.patronymic, input.familyNameLatin, input.givenNamesLatin, input.companyName].filter((n): n is string => Boolean(n));
  return [...new Set(names.flatMap((n) => nameSearchKeys(n)))].join(' ');
}

/** Normalizes phones, e-mails and addresses; any bad one is a 400 naming its position. */
export function normalizeContacts(input: Pick<CustomerInput, 'phones' | 'emails' | 'addresses'>, country: string | null) {
  const phones = (input.phones ?? []).map((raw, i) => {
    const r = normalizePhone(raw, (country ?? undefined) as CountryCode | undefined);
    if ('error' in r) throw invalidField(`phones.${i}`, `"${raw}" is not a phone number (${r.error.replace(/_/g, ' ')})`);
    return { raw, value: r.e164 };
  });
  const emails = (input.emails ?? []).map((raw, i) => {
    const r = normalizeEmail(raw);
    if ('error' in r) throw invalidField(`emails.${i}`, `"${raw}" is not an e-mail address`);
    return { raw, value: r.email };
  });
  const addresses = (input.addresses ?? []).map((raw, i) => {
    const value = raw.replace(/\s+/gu, ' ').trim();
    if (value === '') throw invalidField(`addresses.${i}`, 'an address must not be empty');
    return { raw, value };
  });
  return { phones, emails, addresses };
}

/** Contact rows in the stored form: the first of each kind is the primary one, repeats dropped. */
export function contactRows(contacts: ReturnType<typeof normalizeContacts>) {
  const seen = new Set<string>();
  return [
    ...contacts.phones.map((p, i) => ({ kind: 'phone' as const, ...p, is_primary: i === 0 })),
    ...contacts.emails.map((e, i) => ({ kind: 'email' as const, ...e, is_primary: i === 0 })),
    ...contacts.addresses.map((a, i) => ({ kind: 'address' as const, ...a, is_primary: i === 0 })),
  ].filter((c) => !seen.has(`${c.kind}:${c.value}`) && seen.add(`${c.kind}:${c.value}`));
}

/** Turns database refusals of a customer row into answers naming the field. */
export function customerWriteError(e: unknown, input: Pick<CustomerInput, 'externalId'>): unknown {
  if (isUniqueViolation(e, 'customers_organization_id_external_id_key')) return conflict('external_id_taken', `A customer with the external id "${input.externalId}" already exists`, { field: 'externalId' });
  if ((e as { code?: string }).code === '23503' && (e as { constraint?: string }).constraint?.includes('manager')) return invalidField('managerId', 'no such staff member in this organization');
  return e;
}

export async function organizationCountry(ctx: ServiceContext, actor: Actor): Promise<string | null> {
  return (await getOrganization(ctx, actor)).country;
}

export async function createCustomer(ctx: ServiceContext, actor: Actor, input: CustomerInput): Promise<Customer> {
  requirePermission(actor, 'customers.write');
  const displayName = displayNameOf(input);
  if (!displayName) throw invalidField('familyName', 'a customer needs a name (family or given name, or a company name)');
  const contacts = normalizeContacts(input, await organizationCountry(ctx, actor));
  const now = ctx.clock.now();
  try {
    return await inTransaction(ctx.db, async (tx) => {
      const row = await store.insert(tx, actor, {
        id: ctx.ids.next(), kind: input.kind ?? 'person', display_name: displayName,
        family_name: input.familyName ?? null, given_names: input.givenNames ?? null, patronymic: input.patronymic ?? null,
        family_name_latin: input.familyNameLatin ?? null, given_names_latin: input.givenNamesLatin ?? null, company_name: input.companyName ?? null,
        gender: input.gender ?? null, birth_date: input.birthDate ?? null, preferred_language: input.preferredLanguage ?? null,
        preferred_channel: input.preferredChannel ?? null, manager_id: input.managerId ?? null, source: input.source ?? null,
        notes: input.notes ?? null, tags: input.tags ?? [], external_id: input.externalId ?? null, search_keys: searchKeysOf(input),
        preferences: input.preferences ?? null, hobbies: input.hobbies ?? [],
        created_at: now, updated_at: now,
      });
      const contactList = await store.insertContacts(tx, actor, contactRows(contacts).map((c) => ({ id: ctx.ids.next(), customer_id: row.id, created_at: now, ...c })));
      const customer = toCustomer(row, contactList);
      await recordProfileChange(tx, ctx, actor, row.id, 'created', {});
      return customer;
    });
  } catch (e) {
    throw customerWriteError(e, input);
  }
}

/** One customer; a merged-away id answers with the profile it was merged into (see `mergedIntoId` of the old one). */
export async function getCustomer(ctx: ServiceContext, actor: Actor, id: string): Promise<Customer> {
  requirePermission(actor, 'customers.read');
  const liveId = await resolveCustomerId(ctx.db, actor, id);
  const row = liveId ? await store.byId(ctx.db, actor, liveId) : undefined;
  if (!row) throw notFound('customer', { id });
  return toCustomer(row, await store.contactsOf(ctx.db, actor, [row.id]));
}

/** Reads a customer inside a transaction, as the answer of a command. */
export async function readCustomer(db: Db, actor: Actor, id: string): Promise<Customer> {
  const row = await store.byId(db, actor, id);
  if (!row) throw notFound('customer', { id });
  return toCustomer(row, await store.contactsOf(db, actor, [id]));
}

/** Customer ids with this phone (any format) — for identification at the till. */
export async function findCustomerIdsByPhone(ctx: ServiceContext, actor: Actor, phone: string): Promise<string[]> {
  const r = normalizePhone(phone, ((await organizationCountry(ctx, actor)) ?? undefined) as CountryCode | undefined);
  if ('error' in r) throw invalidField('phone', `"${phone}" is not a phone number`);
  return store.idsByContact(ctx.db, actor, 'phone', r.e164);
}
