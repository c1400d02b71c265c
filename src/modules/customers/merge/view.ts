// A merge as the API shows it, and the side-by-side preview staff choose from.
import type { Selectable } from 'kysely';
import type { ServiceContext } from '../../../platform/context.js';
import { sql } from '../../../platform/db/database.js';
import { scoped } from '../../../platform/db/tenant.js';
import { invalidField, notFound } from '../../../platform/errors.js';
import { requirePermission, type Actor } from '../../tenancy/index.js';
import { assertLive } from '../access.js';
import { MERGE_FIELDS, planMerge, UNION_FIELDS } from '../domain/merge.js';
import { customersStore } from '../store.js';
import type { CustomerMergesTable } from '../tables.js';
import { profileOf } from './fields.js';

export const toMerge = (r: Selectable<CustomerMergesTable>) => ({
  id: r.id, survivorId: r.survivor_id, loserId: r.loser_id, staffId: r.staff_id, at: r.at.toISOString(), choices: r.choices,
  fieldsWritten: Object.keys(r.after ?? {}),
  moved: Object.fromEntries(Object.entries(r.moved).filter(([table]) => !table.includes('.')).map(([table, list]) => [table, list.length])),
  otherModules: Object.keys(r.handlers), undoable: r.before !== null && r.undone_at === null,
  undoneAt: r.undone_at?.toISOString() ?? null, undoneBy: r.undone_by,
});
export type Merge = ReturnType<typeof toMerge>;

export async function getMerge(ctx: ServiceContext, actor: Actor, id: string): Promise<Merge> {
  requirePermission(actor, 'customers.read');
  const row = await scoped(ctx.db, actor).selectFrom('customer_merges').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('merge', { id });
  return toMerge(row);
}

export async function mergesOf(ctx: ServiceContext, actor: Actor, customerId: string): Promise<Merge[]> {
  requirePermission(actor, 'customers.read');
  const rows = await scoped(ctx.db, actor).selectFrom('customer_merges').selectAll()
    .where((eb) => eb.or([eb('survivor_id', '=', customerId), eb('loser_id', '=', customerId)])).orderBy('at', 'desc').orderBy('id', 'desc').execute();
  return rows.map(toMerge);
}

/** Both profiles field by field with the default choice, and how many rows of each kind would move. */
export async function mergePreview(ctx: ServiceContext, actor: Actor, survivorId: string, loserId: string) {
  requirePermission(actor, 'customers.read');
  if (survivorId === loserId) throw invalidField('loserId', 'a customer cannot be merged with itself');
  const [survivor, loser] = await Promise.all([customersStore.byId(ctx.db, actor, survivorId), customersStore.byId(ctx.db, actor, loserId)]);
  if (!survivor) throw notFound('customer', { id: survivorId });
  if (!loser) throw notFound('customer', { id: loserId, field: 'loserId' });
  assertLive(survivor);
  assertLive(loser, 'loserId');
  const a = profileOf(survivor);
  const b = profileOf(loser);
  const plan = planMerge(a, b, {});
  const counts = await sql<{ table: string; n: number }>`
    SELECT 'contacts' AS table, count(*)::int AS n FROM customer_contacts WHERE organization_id = ${actor.organizationId} AND customer_id = ${loserId}
    UNION ALL SELECT 'consentEvents', count(*)::int FROM customer_consent_events WHERE organization_id = ${actor.organizationId} AND customer_id = ${loserId}
    UNION ALL SELECT 'interactions', count(*)::int FROM customer_interactions WHERE organization_id = ${actor.organizationId} AND customer_id = ${loserId}
    UNION ALL SELECT 'documents', count(*)::int FROM customer_documents WHERE organization_id = ${actor.organizationId} AND customer_id = ${loserId}
    UNION ALL SELECT 'fieldValues', count(*)::int FROM customer_field_values WHERE organization_id = ${actor.organizationId} AND customer_id = ${loserId}`.execute(ctx.db);
  return {
    survivorId, loserId,
    fields: MERGE_FIELDS.map((field) => ({ field, survivor: (a[field] as string | null) ?? null, loser: (b[field] as string | null) ?? null, choice: plan.choices[field] })),
    united: UNION_FIELDS.map((field) => ({ field, survivor: a[field], loser: b[field], result: (plan.changes[field] as string[] | undefined) ?? a[field] })),
    loserRows: Object.fromEntries(counts.rows.map((r) => [r.table, r.n])),
  };
}
