// Customers SQL, always inside the tenant scope.
import type { Insertable, RawBuilder, Selectable, Updateable } from 'kysely';
import { sql, type Db } from '../../platform/db/database.js';
import { scoped, type TenantScope } from '../../platform/db/tenant.js';
import type { CustomerContactsTable, CustomersTable } from './tables.js';
import './tables.js';

export type CustomerRow = Selectable<CustomersTable>;
export type ContactRow = Selectable<CustomerContactsTable>;

export const customersStore = {
  insert: (db: Db, scope: TenantScope, row: Omit<Insertable<CustomersTable>, 'organization_id'>) =>
    scoped(db, scope).insertInto('customers', row).returningAll().executeTakeFirstOrThrow(),
  update: (db: Db, scope: TenantScope, id: string, values: Omit<Updateable<CustomersTable>, 'organization_id' | 'id'>) =>
    scoped(db, scope).updateTable('customers', values).where('id', '=', id).returningAll().executeTakeFirstOrThrow(),
  insertContacts: (db: Db, scope: TenantScope, rows: Omit<Insertable<CustomerContactsTable>, 'organization_id'>[]) =>
    rows.length ? scoped(db, scope).insertInto('customer_contacts', rows).returningAll().execute() : Promise.resolve([]),
  deleteContacts: async (db: Db, scope: TenantScope, ids: string[]) => {
    if (ids.length) await scoped(db, scope).deleteFrom('customer_contacts').where('id', 'in', ids).execute();
  },
  setPrimary: async (db: Db, scope: TenantScope, id: string, isPrimary: boolean) => {
    await scoped(db, scope).updateTable('customer_contacts', { is_primary: isPrimary }).where('id', '=', id).execute();
  },
  byId: (db: Db, scope: TenantScope, id: string) => scoped(db, scope).selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst(),
  byIds: (db: Db, scope: TenantScope, ids: string[]) =>
    ids.length ? scoped(db, scope).selectFrom('customers').selectAll().where('id', 'in', ids).execute() : Promise.resolve([]),
  contactsOf: (db: Db, scope: TenantScope, customerIds: string[]) =>
    customerIds.length
      ? scoped(db, scope).selectFrom('customer_contacts').selectAll().where('customer_id', 'in', customerIds).orderBy('is_primary', 'desc').orderBy('created_at').orderBy('id').execute()
      : Promise.resolve([]),
  /** Live (not erased, not merged away) customers having a contact with this normalized value. */
  idsByContact: async (db: Db, scope: TenantScope, kind: ContactRow['kind'], value: string) =>
    (await scoped(db, scope).selectFrom('customer_contacts')
      .innerJoin('customers', 'customers.id', 'customer_contacts.customer_id')
      .select('customers.id')
      .where('customer_contacts.kind', '=', kind).where('customer_contacts.value', '=', value)
      .where('customers.erased_at', 'is', null).where('customers.merged_into_id', 'is', null)
      .orderBy('customers.created_at').execute()).map((r) => r.id),
  /**
   * One page of the customer list, newest first. The cursor is the last row's id; its position is read
   * back from the table so timestamps keep their full precision.
   */
  page: (db: Db, scope: TenantScope, conditions: RawBuilder<boolean>[], after: string | null, limit: number) => {
    let q = scoped(db, scope).selectFrom('customers').selectAll();
    for (const c of conditions) q = q.where(c);
    if (after) q = q.where(sql<boolean>`(customers.created_at, customers.id) < (SELECT a.created_at, a.id FROM customers a WHERE a.id = ${after} AND a.organization_id = customers.organization_id)`);
    return q.orderBy('customers.created_at', 'desc').orderBy('customers.id', 'desc').limit(limit).execute();
  },
};
