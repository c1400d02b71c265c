// Reading confirmed receipts (purchases from the checkout) and stored operation answers.
import type { Db } from '../../platform/db/database.js';
import { scoped, type TenantScope } from '../../platform/db/tenant.js';
import type { OperationKind } from './tables.js';
import './tables.js';

export async function storedOperation(db: Db, scope: TenantScope, kind: OperationKind, id: string) {
  const row = await scoped(db, scope).selectFrom('loyalty_operations').select(['request_hash', 'response']).where('kind', '=', kind).where('id', '=', id).executeTakeFirst();
  return row ? { requestHash: row.request_hash, response: row.response } : null;
}

/** A confirmed receipt by the till's id, locked for the rest of the transaction (refunds of one receipt queue up). */
export async function receiptForUpdate(db: Db, scope: TenantScope, receiptId: string) {
  return scoped(db, scope).selectFrom('purchases').selectAll()
    .where('source', '=', 'checkout').where('external_id', '=', receiptId).forUpdate().executeTakeFirst();
}

export async function receiptByExternalId(db: Db, scope: TenantScope, receiptId: string) {
  return scoped(db, scope).selectFrom('purchases').selectAll().where('source', '=', 'checkout').where('external_id', '=', receiptId).executeTakeFirst();
}

export async function receiptLines(db: Db, scope: TenantScope, purchaseId: string) {
  return scoped(db, scope).selectFrom('purchase_lines').selectAll().where('purchase_id', '=', purchaseId).orderBy('line_no').execute();
}

export async function lotById(db: Db, scope: TenantScope, id: string) {
  return scoped(db, scope).selectFrom('loyalty_lots').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function refundsOf(db: Db, scope: TenantScope, purchaseId: string) {
  return scoped(db, scope).selectFrom('loyalty_refunds').selectAll().where('purchase_id', '=', purchaseId).orderBy('created_at').orderBy('id').execute();
}
