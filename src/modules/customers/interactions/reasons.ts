// The organization's editable list of complaint reasons. Every organization starts with the same five
// (product, staff, moment of sale, price, other), created the first time complaints are touched; their
// keys stay so the web app can translate a default reason as long as its label was not changed.
import type { Selectable } from 'kysely';
import type { ServiceContext } from '../../../platform/context.js';
import { inTransaction, isUniqueViolation, type Db } from '../../../platform/db/database.js';
import { scoped, type TenantScope } from '../../../platform/db/tenant.js';
import { conflict, notFound } from '../../../platform/errors.js';
import { requirePermission, type Actor } from '../../tenancy/index.js';
import { fieldKeyFromLabel } from '../domain/fields.js';
import type { CustomerComplaintReasonsTable } from '../tables.js';

export const DEFAULT_REASONS: readonly { key: string; label: string }[] = [
  { key: 'product', label: 'Product' },
  { key: 'staff', label: 'Staff' },
  { key: 'moment_of_sale', label: 'Moment of sale' },
  { key: 'price', label: 'Price' },
  { key: 'other', label: 'Other' },
];

const toReason = (r: Selectable<CustomerComplaintReasonsTable>) => ({
  id: r.id, key: r.key, label: r.label, position: r.position, archived: r.archived,
  builtIn: DEFAULT_REASONS.some((d) => d.key === r.key && d.label === r.label),
});
export type ComplaintReason = ReturnType<typeof toReason>;

export async function ensureReasons(db: Db, ctx: ServiceContext, scope: TenantScope): Promise<void> {
  const any = await scoped(db, scope).selectFrom('customer_complaint_reasons').select('id').limit(1).executeTakeFirst();
  if (any) return;
  const now = ctx.clock.now();
  await scoped(db, scope).insertInto('customer_complaint_reasons', DEFAULT_REASONS.map((r, i) => ({ id: ctx.ids.next(), key: r.key, label: r.label, position: i, created_at: now })))
    .onConflict((oc) => oc.columns(['organization_id', 'key']).doNothing()).execute();
}

export async function listReasons(ctx: ServiceContext, actor: Actor): Promise<ComplaintReason[]> {
  requirePermission(actor, 'customers.read');
  return inTransaction(ctx.db, async (tx) => {
    await ensureReasons(tx, ctx, actor);
    return (await scoped(tx, actor).selectFrom('customer_complaint_reasons').selectAll().orderBy('position').orderBy('created_at').execute()).map(toReason);
  });
}

export async function addReason(ctx: ServiceContext, actor: Actor, input: { label: string; key?: string | undefined }): Promise<ComplaintReason> {
  requirePermission(actor, 'customers.manage');
  const key = input.key ?? fieldKeyFromLabel(input.label);
  try {
    return await inTransaction(ctx.db, async (tx) => {
      await ensureReasons(tx, ctx, actor);
      const last = await scoped(tx, actor).selectFrom('customer_complaint_reasons').select((eb) => eb.fn.max('position').as('p')).executeTakeFirst();
      const row = await scoped(tx, actor).insertInto('customer_complaint_reasons', { id: ctx.ids.next(), key, label: input.label, position: (last?.p ?? 0) + 1, created_at: ctx.clock.now() }).returningAll().executeTakeFirstOrThrow();
      return toReason(row);
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict('reason_key_taken', `A complaint reason with the key "${key}" already exists`, { field: 'key' });
    throw e;
  }
}

export async function updateReason(ctx: ServiceContext, actor: Actor, id: string, patch: { label?: string | undefined; archived?: boolean | undefined; position?: number | undefined }): Promise<ComplaintReason> {
  requirePermission(actor, 'customers.manage');
  const values = { ...(patch.label !== undefined && { label: patch.label }), ...(patch.archived !== undefined && { archived: patch.archived }), ...(patch.position !== undefined && { position: patch.position }) };
  const row = Object.keys(values).length
    ? await scoped(ctx.db, actor).updateTable('customer_complaint_reasons', values).where('id', '=', id).returningAll().executeTakeFirst()
    : await scoped(ctx.db, actor).selectFrom('customer_complaint_reasons').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('reason', { id });
  return toReason(row);
}
