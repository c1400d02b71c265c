// The customer list: newest first, filtered, one page at a time.
import type { ServiceContext } from '../../../platform/context.js';
import type { Db } from '../../../platform/db/database.js';
import { requirePermission, type Actor } from '../../tenancy/index.js';
import { filterConditions, refine, type PreparedFilters, type CustomerFilters, prepareFilters } from '../filters.js';
import { organizationCountry, toCustomer, type Customer } from '../service.js';
import { customersStore as store, type CustomerRow } from '../store.js';

export interface Page<T> { items: T[]; next: string | null }

/**
 * One page of the filtered list. With a given-name filter a page may hold fewer rows than asked (the
 * exact check drops some); `next` is then still the last row scanned, so nothing is skipped.
 */
export async function scanPage(db: Db, actor: Actor, filters: PreparedFilters, after: string | null, limit: number): Promise<{ rows: CustomerRow[]; next: string | null }> {
  const rows = await store.page(db, actor, filterConditions(actor, filters), after, limit + 1);
  const more = rows.length > limit;
  const scanned = more ? rows.slice(0, limit) : rows;
  return { rows: refine(scanned, filters), next: more ? (scanned[scanned.length - 1]?.id ?? null) : null };
}

export async function prepareFor(ctx: ServiceContext, actor: Actor, filters: CustomerFilters): Promise<PreparedFilters> {
  return prepareFilters(ctx.db, actor, filters, filters.phone ? await organizationCountry(ctx, actor) : null);
}

export async function listCustomers(ctx: ServiceContext, actor: Actor, filters: CustomerFilters, options: { cursor?: string | undefined; limit: number }): Promise<Page<Customer>> {
  requirePermission(actor, 'customers.read');
  const { rows, next } = await scanPage(ctx.db, actor, await prepareFor(ctx, actor, filters), options.cursor ?? null, options.limit);
  const contacts = await store.contactsOf(ctx.db, actor, rows.map((r) => r.id));
  return { items: rows.map((r) => toCustomer(r, contacts.filter((c) => c.customer_id === r.id))), next };
}
