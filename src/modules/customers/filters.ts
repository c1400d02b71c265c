// The filters shared by the customer list, the search and the exports, so that "export what I see"
// exports exactly that. They become SQL conditions on `customers` (always with the organization first);
// a typed given name is resolved to name words first (`prepareFilters`), and checked in TypeScript
// afterwards (`refine`), because only the domain's keys know that "Yulia" is "Юлия" *as a given name*.
import type { RawBuilder } from 'kysely';
import { sql, type Db } from '../../platform/db/database.js';
import type { TenantScope } from '../../platform/db/tenant.js';
import { invalidField } from '../../platform/errors.js';
import { normalizePhone, type CountryCode } from './contacts.js';
import { givenNameMatches, normalizeDocumentNumber } from './domain/namesakes.js';
import { latinKey, looseKey } from './domain/search-keys.js';
import { fuzzyVariants, prefixVariants } from './search/words.js';

export interface CustomerFilters {
  tag?: string | undefined;
  managerId?: string | undefined;
  kind?: 'person' | 'company' | undefined;
  /** Created at or after this instant or date. */
  createdFrom?: string | undefined;
  /** Created before this instant or date. */
  createdTo?: string | undefined;
  /** Narrowing namesakes: a given name in any script or spelling. */
  givenName?: string | undefined;
  birthDate?: string | undefined;
  birthYear?: number | undefined;
  /** The last characters of an identity document's number. */
  documentTail?: string | undefined;
  /** A full phone number in any format, or its last digits. */
  phone?: string | undefined;
}

export interface PreparedFilters extends CustomerFilters {
  /** For each word of the given name: the name words it may be (itself, longer forms, near spellings). */
  givenNameWords: string[][];
  /** The organization's country, for reading a local phone number. */
  country: string | null;
}

export async function prepareFilters(db: Db, scope: TenantScope, filters: CustomerFilters, country: string | null): Promise<PreparedFilters> {
  const givenNameWords: string[][] = [];
  for (const latin of filters.givenName ? latinKey(filters.givenName).split(' ').filter(Boolean) : []) {
    const word = { latin, loose: looseKey(latin) };
    const [prefix, fuzzy] = await Promise.all([prefixVariants(db, scope, word), fuzzyVariants(db, scope, word)]);
    givenNameWords.push([...prefix.keys(), ...fuzzy.keys()]);
  }
  return { ...filters, givenNameWords, country };
}

/** The words of a customer's search keys, as the GIN index `customers_search_words` knows them. */
export const keyWords = sql`string_to_array(customers.search_keys, ' ')`;

/** Filters turned into SQL conditions on the `customers` table (not aliased). */
export function filterConditions(scope: TenantScope, filters: PreparedFilters): RawBuilder<boolean>[] {
  const out: RawBuilder<boolean>[] = [
    sql<boolean>`customers.organization_id = ${scope.organizationId}`,
    sql<boolean>`customers.merged_into_id IS NULL`,
    sql<boolean>`customers.erased_at IS NULL`,
  ];
  if (filters.tag) out.push(sql<boolean>`customers.tags @> ARRAY[${filters.tag}]::text[]`);
  if (filters.managerId) out.push(sql<boolean>`customers.manager_id = ${filters.managerId}`);
  if (filters.kind) out.push(sql<boolean>`customers.kind = ${filters.kind}`);
  if (filters.createdFrom) out.push(sql<boolean>`customers.created_at >= ${filters.createdFrom}::timestamptz`);
  if (filters.createdTo) out.push(sql<boolean>`customers.created_at < ${filters.createdTo}::timestamptz`);
  if (filters.birthDate) out.push(sql<boolean>`customers.birth_date = ${filters.birthDate}::date`);
  if (filters.birthYear !== undefined) {
    out.push(sql<boolean>`customers.birth_date >= ${`${filters.birthYear}-01-01`}::date AND customers.birth_date < ${`${filters.birthYear + 1}-01-01`}::date`);
  }
  if (filters.documentTail) {
    const tail = normalizeDocumentNumber(filters.documentTail);
    if (tail === '') throw invalidField('documentTail', 'must contain letters or digits of the document number');
    // Only the last four characters are kept in the clear; a longer tail is compared by its last four.
    const cond = tail.length >= 4 ? sql`d.number_tail = ${tail.slice(-4)}` : sql`d.number_tail LIKE ${`%${tail}`}`;
    out.push(sql<boolean>`EXISTS (SELECT 1 FROM customer_documents d WHERE d.organization_id = customers.organization_id AND d.customer_id = customers.id AND ${cond})`);
  }
  if (filters.phone) {
    const parsed = normalizePhone(filters.phone, (filters.country ?? undefined) as CountryCode | undefined);
    const digits = filters.phone.replace(/\D/gu, '');
    if ('e164' in parsed) {
      out.push(sql<boolean>`EXISTS (SELECT 1 FROM customer_contacts p WHERE p.organization_id = customers.organization_id AND p.customer_id = customers.id AND p.kind = 'phone' AND p.value = ${parsed.e164})`);
    } else if (digits.length >= 2) {
      out.push(sql<boolean>`EXISTS (SELECT 1 FROM customer_contacts p WHERE p.organization_id = customers.organization_id AND p.customer_id = customers.id AND p.kind = 'phone' AND p.value LIKE ${`%${digits}`})`);
    } else {
      throw invalidField('phone', 'must be a phone number or at least its last two digits');
    }
  }
  for (const words of filters.givenNameWords) out.push(sql<boolean>`${keyWords} && ${words}::text[]`);
  return out;
}

/** The exact given-name check, applied to the rows the SQL conditions let through. */
export function refine<T extends { given_names: string | null; given_names_latin: string | null }>(rows: T[], filters: CustomerFilters): T[] {
  if (!filters.givenName) return rows;
  const typed = filters.givenName;
  return rows.filter((r) => givenNameMatches({ givenNames: r.given_names, givenNamesLatin: r.given_names_latin }, typed));
}
