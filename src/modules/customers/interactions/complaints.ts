// Complaints: the staff member who owns one keeps it until it is resolved — the customer is not handed
// from person to person. Only the owner, or an owner/manager of the business, resolves it or hands it
// over, and a hand-over needs a reason that is kept.
import type { ServiceContext } from '../../../platform/context.js';
import { inTransaction, sql } from '../../../platform/db/database.js';
import { scoped } from '../../../platform/db/tenant.js';
import { AppError, conflict, invalidField, notFound } from '../../../platform/errors.js';
import { can, requirePermission, type Actor } from '../../tenancy/index.js';
import { ensureReasons } from './reasons.js';
import { staffError, toInteraction, type Interaction, type InteractionRow } from './service.js';

const isSupervisor = (actor: Actor) => can(actor.role, 'customers.manage');

async function lockComplaint(tx: Parameters<typeof scoped>[0], actor: Actor, id: string): Promise<InteractionRow> {
  const row = await scoped(tx, actor).selectFrom('customer_interactions').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw notFound('complaint', { id });
  if (row.kind !== 'complaint') throw new AppError('not_a_complaint', `This interaction is a ${row.kind}, not a complaint`, { id });
  return row;
}

function mayHandle(actor: Actor, row: InteractionRow, what: string): void {
  if (row.owner_staff_id === actor.staffId || isSupervisor(actor)) return;
  throw new AppError('complaint_not_yours', `Only the complaint's owner, or an owner or manager, may ${what} it`, { ownerId: row.owner_staff_id }, 'forbidden');
}

export async function resolveComplaint(ctx: ServiceContext, actor: Actor, id: string, input: { resolution: string }): Promise<Interaction> {
  requirePermission(actor, 'customers.write');
  return inTransaction(ctx.db, async (tx) => {
    const row = await lockComplaint(tx, actor, id);
    mayHandle(actor, row, 'resolve');
    if (row.complaint_status === 'resolved') throw conflict('complaint_resolved', 'This complaint is already resolved', { id });
    const updated = await scoped(tx, actor).updateTable('customer_interactions', { complaint_status: 'resolved', resolution: input.resolution, resolved_at: ctx.clock.now(), resolved_by: actor.staffId })
      .where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    return toInteraction(updated);
  });
}

export async function reassignComplaint(ctx: ServiceContext, actor: Actor, id: string, input: { ownerId: string; reason: string }): Promise<Interaction> {
  requirePermission(actor, 'customers.write');
  try {
    return await inTransaction(ctx.db, async (tx) => {
      const row = await lockComplaint(tx, actor, id);
      mayHandle(actor, row, 'hand over');
      if (row.complaint_status === 'resolved') throw conflict('complaint_resolved', 'A resolved complaint is not handed over', { id });
      if (row.owner_staff_id === input.ownerId) throw invalidField('ownerId', 'this staff member already owns the complaint');
      await scoped(tx, actor).insertInto('customer_complaint_handovers', {
        id: ctx.ids.next(), interaction_id: id, from_staff_id: row.owner_staff_id as string, to_staff_id: input.ownerId, reason: input.reason, by_staff_id: actor.staffId, at: ctx.clock.now(),
      }).execute();
      const updated = await scoped(tx, actor).updateTable('customer_interactions', { owner_staff_id: input.ownerId }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
      return toInteraction(updated);
    });
  } catch (e) {
    throw staffError(e, { owner_staff: 'ownerId', to_staff: 'ownerId' });
  }
}

export async function complaintHandovers(ctx: ServiceContext, actor: Actor, id: string) {
  requirePermission(actor, 'customers.read');
  const rows = await scoped(ctx.db, actor).selectFrom('customer_complaint_handovers').selectAll().where('interaction_id', '=', id).orderBy('at').orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, fromStaffId: r.from_staff_id, toStaffId: r.to_staff_id, reason: r.reason, byStaffId: r.by_staff_id, at: r.at.toISOString() }));
}

export interface ComplaintFilter { status?: 'open' | 'resolved' | undefined; ownerId?: string | undefined; reasonId?: string | undefined; from?: string | undefined; to?: string | undefined; limit: number }

/** Complaints across customers, newest first: "my open complaints" is { status: 'open', ownerId: me }. */
export async function listComplaints(ctx: ServiceContext, actor: Actor, filter: ComplaintFilter): Promise<Interaction[]> {
  requirePermission(actor, 'customers.read');
  let q = scoped(ctx.db, actor).selectFrom('customer_interactions').selectAll().where('kind', '=', 'complaint');
  if (filter.status) q = q.where('complaint_status', '=', filter.status);
  if (filter.ownerId) q = q.where('owner_staff_id', '=', filter.ownerId);
  if (filter.reasonId) q = q.where('reason_id', '=', filter.reasonId);
  if (filter.from) q = q.where('occurred_at', '>=', new Date(filter.from));
  if (filter.to) q = q.where('occurred_at', '<', new Date(filter.to));
  return (await q.orderBy('occurred_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute()).map(toInteraction);
}

/** Complaints per reason over [from, to): every reason of the list, with zeros, so a chart has all bars. */
export async function complaintsByReason(ctx: ServiceContext, actor: Actor, period: { from: string; to: string }) {
  requirePermission(actor, 'customers.read');
  const from = new Date(period.from);
  const to = new Date(period.to);
  if (!(from < to)) throw invalidField('to', 'must be after from');
  return inTransaction(ctx.db, async (tx) => {
    await ensureReasons(tx, ctx, actor);
    const rows = await sql<{ id: string; key: string; label: string; archived: boolean; total: number; open: number; resolved: number }>`
      SELECT r.id, r.key, r.label, r.archived,
             count(i.id)::int AS total,
             count(i.id) FILTER (WHERE i.complaint_status = 'open')::int AS open,
             count(i.id) FILTER (WHERE i.complaint_status = 'resolved')::int AS resolved
      FROM customer_complaint_reasons r
      LEFT JOIN customer_interactions i ON i.organization_id = r.organization_id AND i.reason_id = r.id AND i.kind = 'complaint'
        AND i.occurred_at >= ${from} AND i.occurred_at < ${to}
      WHERE r.organization_id = ${actor.organizationId}
      GROUP BY r.id, r.key, r.label, r.archived, r.position
      HAVING NOT r.archived OR count(i.id) > 0
      ORDER BY r.position, r.label`.execute(tx);
    return { from: from.toISOString(), to: to.toISOString(), items: rows.rows.map((r) => ({ reasonId: r.id, key: r.key, label: r.label, total: r.total, open: r.open, resolved: r.resolved })) };
  });
}
