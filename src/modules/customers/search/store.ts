// The SQL of the search. `search_keys` holds every name form folded (native script, ICAO Latin, the loose
// key); its words are GIN-indexed as an array (migration 202611220360), so a name is found by exact
// words, after the typed words were resolved to words of the vocabulary (search/words.ts).
import type { RawBuilder } from 'kysely';
import { sql, type Db } from '../../../platform/db/database.js';
import { scoped, type TenantScope } from '../../../platform/db/tenant.js';
import { keyWords } from '../filters.js';
import type { CustomerRow } from '../store.js';

const liveContact = (db: Db, scope: TenantScope) => scoped(db, scope).selectFrom('customer_contacts')
  .innerJoin('customers', (j) => j.onRef('customers.id', '=', 'customer_contacts.customer_id').onRef('customers.organization_id', '=', 'customer_contacts.organization_id'))
  .select('customers.id').distinct()
  .where('customers.merged_into_id', 'is', null).where('customers.erased_at', 'is', null);

export const searchStore = {
  idsByPhone: async (db: Db, scope: TenantScope, e164: string) =>
    (await liveContact(db, scope).where('customer_contacts.kind', '=', 'phone').where('customer_contacts.value', '=', e164).limit(200).execute()).map((r) => r.id),
  /** By the last digits, through the index on the reversed number. */
  idsByPhoneTail: async (db: Db, scope: TenantScope, digits: string) =>
    (await liveContact(db, scope).where('customer_contacts.kind', '=', 'phone')
      .where(sql<boolean>`reverse(customer_contacts.value) LIKE ${`${[...digits].reverse().join('')}%`}`).limit(200).execute()).map((r) => r.id),
  idsByEmail: async (db: Db, scope: TenantScope, email: string) =>
    (await liveContact(db, scope).where('customer_contacts.kind', '=', 'email').where(sql<boolean>`lower(customer_contacts.value) = lower(${email})`).limit(200).execute()).map((r) => r.id),

  /** Rows passing the filters, among `ids` (or all of them, newest first, when ids is null). */
  rowsByIds: async (db: Db, scope: TenantScope, conditions: RawBuilder<boolean>[], ids: string[] | null, limit = 1000): Promise<CustomerRow[]> => {
    if (ids && ids.length === 0) return [];
    let q = scoped(db, scope).selectFrom('customers').selectAll();
    for (const c of conditions) q = q.where(c);
    if (ids) q = q.where('customers.id', 'in', ids);
    return q.orderBy('customers.created_at', 'desc').orderBy('customers.id', 'desc').limit(limit).execute();
  },

  /**
   * Customers having, for each group, one of its words among their name words (the GIN index on the
   * words of `search_keys`), leaving out the ids already found by a better tier. Deliberately unordered:
   * a surname shared by thousands would otherwise cost reading and sorting all of them for one page, and
   * those answers say "more" so the agent narrows down anyway; the caller orders what it gets.
   */
  byWords: async (db: Db, conditions: RawBuilder<boolean>[], groups: string[][], exclude: string[], limit: number): Promise<CustomerRow[]> => {
    // Words that must be there exactly go into one containment (GIN intersects them itself); a group of
    // alternatives is an overlap.
    const exact = groups.filter((words) => words.length === 1).map((words) => words[0]!);
    const wordConditions = [
      ...(exact.length ? [sql<boolean>`${keyWords} @> ${exact}::text[]`] : []),
      ...groups.filter((words) => words.length > 1).map((words) => sql<boolean>`${keyWords} && ${words}::text[]`),
    ];
    const all = [...conditions, ...wordConditions, ...(exclude.length ? [sql<boolean>`NOT (customers.id = ANY(${exclude}::uuid[]))`] : [])];
    const result = await sql<CustomerRow>`SELECT customers.* FROM customers WHERE ${sql.join(all, sql` AND `)} LIMIT ${limit}`.execute(db);
    return result.rows;
  },
};
