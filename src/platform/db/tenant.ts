// Tenant scoping in one place. Every business table has `organization_id`; stores reach those tables
// only through `scoped(db, scope)`, which adds the organization condition to every select, update and
// delete and stamps it on every insert, so no handler can forget it.
// Shared programs (coalitions) will be reached through explicit membership rows joined in the store —
// a member organization's scope plus the membership row — never by bypassing this helper.
import { sql, type DeleteQueryBuilder, type DeleteResult, type Insertable, type InsertQueryBuilder, type InsertResult, type SelectQueryBuilder, type Updateable, type UpdateQueryBuilder, type UpdateResult } from 'kysely';
import type { Database } from './schema.js';
import type { Db } from './database.js';

export interface TenantScope {
  readonly organizationId: string;
}

/** Names of tables that carry an organization_id column. */
export type TenantTable = {
  [T in keyof Database]: Database[T] extends { organization_id: unknown } ? T : never;
}[keyof Database] & string;

type InsertRow<T extends TenantTable> = Omit<Insertable<Database[T]>, 'organization_id'>;

export function scoped(db: Db, scope: TenantScope) {
  const org = scope.organizationId;
  const orgIs = (table: string) => sql<boolean>`${sql.ref(`${table}.organization_id`)} = ${org}`;
  return {
    organizationId: org,
    // The casts pin Kysely's builder types to one concrete table T; Kysely cannot infer them for a generic T.
    selectFrom<T extends TenantTable>(table: T): SelectQueryBuilder<Database, T, object> {
      return (db.selectFrom(table as TenantTable) as unknown as SelectQueryBuilder<Database, T, object>).where(orgIs(table));
    },
    insertInto<T extends TenantTable>(table: T, rows: InsertRow<T> | InsertRow<T>[]) {
      const list = (Array.isArray(rows) ? rows : [rows]).map((r) => ({ ...r, organization_id: org }));
      return (db.insertInto(table) as unknown as InsertQueryBuilder<Database, T, InsertResult>).values(list as unknown as Insertable<Database[T]>[]);
    },
    updateTable<T extends TenantTable>(table: T, values: Omit<Updateable<Database[T]>, 'organization_id'>) {
      const builder = db.updateTable(table as TenantTable) as unknown as UpdateQueryBuilder<Database, T, T, UpdateResult>;
      return builder.set(values as never).where(orgIs(table));
    },
    deleteFrom<T extends TenantTable>(table: T) {
      return (db.deleteFrom(table as TenantTable) as unknown as DeleteQueryBuilder<Database, T, DeleteResult>).where(orgIs(table));
    },
  };
}

export type Scoped = ReturnType<typeof scoped>;
