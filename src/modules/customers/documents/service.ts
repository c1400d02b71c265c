// Identity documents: stored encrypted, found by number through a keyed hash, shown in full only to
// roles with the `customers.documents` permission and masked ("•••• 4567") to everyone else.
import type { Selectable } from 'kysely';
import type { ServiceContext } from '../../../platform/context.js';
import { inTransaction, type Db } from '../../../platform/db/database.js';
import { scoped, type TenantScope } from '../../../platform/db/tenant.js';
import { invalidField, notFound } from '../../../platform/errors.js';
import { can, requirePermission, type Actor } from '../../tenancy/index.js';
import { lockLiveCustomer, resolveCustomerId } from '../access.js';
import { isCalendarDate } from '../domain/fields.js';
import { documentTail, maskedTail, normalizeDocumentNumber } from '../domain/namesakes.js';
import { recordProfileChange } from '../profiles/changes.js';
import type { CustomerDocumentsTable, DocumentType } from '../tables.js';
import { decryptFields, encryptFields, lookupHash } from './cipher.js';
import { documentKeys } from './keys.js';

export interface DocumentFields {
  series?: string | null | undefined; number: string; expiresOn?: string | null | undefined; citizenship?: string | null | undefined;
  issuedOn?: string | null | undefined; issuedBy?: string | null | undefined;
}
export interface DocumentInput extends DocumentFields { type: DocumentType }

type Row = Selectable<CustomerDocumentsTable>;
const aadOf = (row: { organization_id: string; id: string }) => `customer_documents:${row.organization_id}:${row.id}`;

function toDocument(row: Row, reveal: boolean) {
  const base = { id: row.id, customerId: row.customer_id, type: row.type, numberMasked: maskedTail(row.number_tail), masked: !reveal, createdAt: row.created_at.toISOString(), updatedAt: row.updated_at.toISOString() };
  if (!reveal) return { ...base, series: null, number: null, expiresOn: null, citizenship: null, issuedOn: null, issuedBy: null };
  const f = decryptFields(documentKeys(), aadOf(row), row.payload) as { series: string | null; number: string; expiresOn: string | null; citizenship: string | null; issuedOn: string | null; issuedBy: string | null };
  return { ...base, series: f.series, number: f.number, expiresOn: f.expiresOn, citizenship: f.citizenship, issuedOn: f.issuedOn, issuedBy: f.issuedBy };
}
export type CustomerDocument = ReturnType<typeof toDocument>;

function checkFields(input: DocumentFields) {
  const number = input.number.trim();
  if (normalizeDocumentNumber(number) === '') throw invalidField('number', 'must contain letters or digits');
  for (const f of ['expiresOn', 'issuedOn'] as const) {
    const v = input[f];
    if (v && !isCalendarDate(v)) throw invalidField(f, 'must be a date as YYYY-MM-DD');
  }
  const citizenship = input.citizenship?.trim().toUpperCase() || null;
  if (citizenship && !/^[A-Z]{2,3}$/.test(citizenship)) throw invalidField('citizenship', 'must be a country code such as RUS, EST or RU');
  return { series: input.series?.trim() || null, number, expiresOn: input.expiresOn ?? null, citizenship, issuedOn: input.issuedOn ?? null, issuedBy: input.issuedBy?.trim() || null };
}

/** The stored (encrypted and hashed) columns of a document's fields. */
function sealed(organizationId: string, id: string, fields: ReturnType<typeof checkFields>) {
  const keys = documentKeys();
  const number = normalizeDocumentNumber(fields.number);
  return {
    number_tail: documentTail(fields.number), key_id: keys.keyId,
    number_hmac: lookupHash(keys, organizationId, number),
    full_hmac: lookupHash(keys, organizationId, normalizeDocumentNumber(`${fields.series ?? ''}${fields.number}`)),
    payload: encryptFields(keys, aadOf({ organization_id: organizationId, id }), fields),
  };
}

export async function addDocument(ctx: ServiceContext, actor: Actor, customerId: string, input: DocumentInput): Promise<CustomerDocument> {
  requirePermission(actor, 'customers.documents');
  const fields = checkFields(input);
  return inTransaction(ctx.db, async (tx) => {
    await lockLiveCustomer(tx, actor, customerId);
    const id = ctx.ids.next();
    const now = ctx.clock.now();
    const row = await scoped(tx, actor).insertInto('customer_documents', {
      id, customer_id: customerId, type: input.type, ...sealed(actor.organizationId, id, fields), created_at: now, updated_at: now,
    }).returningAll().executeTakeFirstOrThrow();
    await recordProfileChange(tx, ctx, actor, customerId, 'updated', { documentAdded: { from: null, to: { type: row.type, number: maskedTail(row.number_tail) } } });
    return toDocument(row, true);
  });
}

export async function updateDocument(ctx: ServiceContext, actor: Actor, documentId: string, patch: Partial<DocumentInput>): Promise<CustomerDocument> {
  requirePermission(actor, 'customers.documents');
  return inTransaction(ctx.db, async (tx) => {
    const row = await scoped(tx, actor).selectFrom('customer_documents').selectAll().where('id', '=', documentId).forUpdate().executeTakeFirst();
    if (!row) throw notFound('document', { id: documentId });
    await lockLiveCustomer(tx, actor, row.customer_id);
    const current = toDocument(row, true);
    const fields = checkFields({ ...current, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as DocumentFields);
    const updated = await scoped(tx, actor).updateTable('customer_documents', {
      type: patch.type ?? row.type, ...sealed(actor.organizationId, row.id, fields), updated_at: ctx.clock.now(),
    }).where('id', '=', row.id).returningAll().executeTakeFirstOrThrow();
    await recordProfileChange(tx, ctx, actor, row.customer_id, 'updated', { documentChanged: { from: { type: row.type, number: maskedTail(row.number_tail) }, to: { type: updated.type, number: maskedTail(updated.number_tail) } } });
    return toDocument(updated, true);
  });
}

export async function removeDocument(ctx: ServiceContext, actor: Actor, documentId: string): Promise<void> {
  requirePermission(actor, 'customers.documents');
  await inTransaction(ctx.db, async (tx) => {
    const row = await scoped(tx, actor).selectFrom('customer_documents').selectAll().where('id', '=', documentId).executeTakeFirst();
    if (!row) throw notFound('document', { id: documentId });
    await lockLiveCustomer(tx, actor, row.customer_id);
    await scoped(tx, actor).deleteFrom('customer_documents').where('id', '=', documentId).execute();
    await recordProfileChange(tx, ctx, actor, row.customer_id, 'updated', { documentRemoved: { from: { type: row.type, number: maskedTail(row.number_tail) }, to: null } });
  });
}

export async function listDocuments(ctx: ServiceContext, actor: Actor, customerId: string): Promise<CustomerDocument[]> {
  requirePermission(actor, 'customers.read');
  const id = await resolveCustomerId(ctx.db, actor, customerId);
  if (!id) throw notFound('customer', { id: customerId });
  const rows = await documentRows(ctx.db, actor, [id]);
  return rows.map((r) => toDocument(r, can(actor.role, 'customers.documents')));
}

export const documentRows = (db: Db, scope: TenantScope, customerIds: string[]) =>
  customerIds.length ? scoped(db, scope).selectFrom('customer_documents').selectAll().where('customer_id', 'in', customerIds).orderBy('created_at').orderBy('id').execute() : Promise.resolve([]);

/** Documents in full, for the privacy export of one customer (the caller checked the permission). */
export async function documentsForExport(db: Db, scope: TenantScope, customerId: string, reveal: boolean): Promise<CustomerDocument[]> {
  return (await documentRows(db, scope, [customerId])).map((r) => toDocument(r, reveal));
}

/**
 * Customers holding a document with this number, typed with or without its series and in any
 * punctuation. Without a configured key (tests of other modules, a misconfigured node) nothing is found.
 */
export async function customerIdsByDocumentNumber(db: Db, scope: TenantScope, typed: string): Promise<string[]> {
  const normalized = normalizeDocumentNumber(typed);
  if (normalized.length < 4) return [];
  let keys;
  try { keys = documentKeys(); } catch { return []; }
  const hash = lookupHash(keys, scope.organizationId, normalized);
  const rows = await scoped(db, scope).selectFrom('customer_documents').select('customer_id')
    .where((eb) => eb.or([eb('number_hmac', '=', hash), eb('full_hmac', '=', hash)])).execute();
  return [...new Set(rows.map((r) => r.customer_id))];
}
