// Shared rules of access to one customer: tenant scope, merged and erased profiles.
import { sql, type Db } from '../../platform/db/database.js';
import { scoped, type TenantScope } from '../../platform/db/tenant.js';
import { AppError, conflict, notFound } from '../../platform/errors.js';
import type { Actor } from '../tenancy/index.js';
import type { CustomerRow } from './store.js';
import './tables.js';

/** Merges chain (A merged into B, B later into C); a chain longer than this is a bug, not data. */
const MAX_MERGE_CHAIN = 32;

/**
 * The customer a (possibly merged-away) id stands for today: its survivor, following later merges.
 * Reads answer with the survivor, so an old link or an id kept by a till still finds the person.
 */
export async function resolveCustomerId(db: Db, scope: TenantScope, id: string): Promise<string | null> {
  let current = id;
  for (let i = 0; i < MAX_MERGE_CHAIN; i++) {
    const row = await scoped(db, scope).selectFrom('customers').select(['id', 'merged_into_id']).where('id', '=', current).executeTakeFirst();
    if (!row) return null;
    if (row.merged_into_id === null) return row.id;
    current = row.merged_into_id;
  }
  throw new Error(`merge chain of customer ${id} is longer than ${MAX_MERGE_CHAIN}`);
}

/**
 * The customer row for a command that changes it, locked for the rest of the transaction. A merged-away
 * profile answers `customer_merged` with the survivor's id rather than silently writing to another
 * profile; an erased one answers `customer_erased`.
 */
export async function lockLiveCustomer(db: Db, scope: TenantScope, id: string, field = 'id'): Promise<CustomerRow> {
  const row = await scoped(db, scope).selectFrom('customers').selectAll().where('id', '=', id).forNoKeyUpdate().executeTakeFirst();
  if (!row) throw notFound('customer', { id, field });
  return assertLive(row, field);
}

export function assertLive(row: CustomerRow, field = 'id'): CustomerRow {
  if (row.merged_into_id !== null) {
    throw conflict('customer_merged', `This customer was merged into another profile (${row.merged_into_id}); work with that one`, { id: row.id, survivorId: row.merged_into_id, field });
  }
  if (row.erased_at !== null) throw new AppError('customer_erased', 'This customer was erased on request; nothing can be added to the profile', { id: row.id, field }, 'gone');
  return row;
}

/** Whether a row with this id exists in the scope (for route guards and foreign ids in bodies). */
export async function existsIn(db: Db, scope: TenantScope, table: 'customers' | 'customer_interactions' | 'customer_questionnaires' | 'customer_fields' | 'customer_complaint_reasons' | 'customer_duplicates' | 'customer_merges' | 'customer_relations' | 'customer_occasions' | 'customer_documents' | 'import_sessions', id: string): Promise<boolean> {
  const row = await sql<{ one: number }>`SELECT 1 AS one FROM ${sql.table(table)} WHERE organization_id = ${scope.organizationId} AND id = ${id}`.execute(db);
  return row.rows.length > 0;
}

/** Who did it, as stored beside a change. */
export const byActor = (actor: Actor) => ({ staff_id: actor.staffId, api_key_id: actor.apiKeyId });
