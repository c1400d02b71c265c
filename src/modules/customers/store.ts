// Customers SQL, always inside the tenant scope.
import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { scoped, type TenantScope } from '../../platform/db/tenant.js';
import type { CustomerContactsTable, CustomersTable } from './tables.js';
import './tables.js';

export type CustomerRow = Selectable<CustomersTable>;
export type ContactRow = Selectable<CustomerContactsTable>;

export const customersStore = {
  insert: (db: Db, scope: TenantScope, row: Omit<Insertable<CustomersTable>, 'organization_id'>) =>
    scoped(db, scope).insertInto('customers', row).returningAll().executeTakeFirstOrThrow(),
  insertContacts: (db: Db, scope: TenantScope, rows: Omit<Insertable<CustomerContactsTable>, 'organization_id'>[]) =>
    rows.length ? scoped(db, scope).insertInto('customer_contacts', rows).returningAll().execute() : Promise.resolve([]),
  byId: (db: Db, scope: TenantScope, id: string) => scoped(db, scope).selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst(),
  contactsOf: (db: Db, scope: TenantScope, customerIds: string[]) =>
    customerIds.length
      ? scoped(db, scope).selectFrom('customer_contacts').selectAll().where('customer_id', 'in', customerIds).orderBy('is_primary', 'desc').orderBy('created_at').execute()
      : Promise.resolve([]),
  /** Live (not erased, not merged away) customers having a contact with this normalized value. */
  idsByContact: async (db: Db, scope: TenantScope, kind: ContactRow['kind'], value: string) =>
    (await scoped(db, scope).selectFrom('customer_contacts')
      .innerJoin('customers', 'customers.id', 'customer_contacts.customer_id')
      .select('customers.id')
      .where('customer_contacts.kind', '=', kind).where('customer_contacts.value', '=', value)
      .where('customers.erased_at', 'is', null).where('customers.merged_into_id', 'is', null)
      .orderBy('customers.created_at').execute()).map((r) => r.id),
};
