// Interaction history: calls, messages, meetings, letters, contracts, complaints, returns, cancellations,
// each with its time, staff member, channel, text and an optional attachment reference.
import type { Selectable } from 'kysely';
import type { ServiceContext } from '../../../platform/context.js';
import { inTransaction, type Db } from '../../../platform/db/database.js';
import { scoped, type TenantScope } from '../../../platform/db/tenant.js';
import { invalidField, notFound } from '../../../platform/errors.js';
import { requirePermission, type Actor } from '../../tenancy/index.js';
import { lockLiveCustomer, resolveCustomerId } from '../access.js';
import type { CustomerInteractionsTable, InteractionChannel, InteractionKind } from '../tables.js';
import { ensureReasons } from './reasons.js';

export type InteractionRow = Selectable<CustomerInteractionsTable>;

export const toInteraction = (r: InteractionRow) => ({
  id: r.id, customerId: r.customer_id, kind: r.kind, occurredAt: r.occurred_at.toISOString(), staffId: r.staff_id, channel: r.channel,
  direction: r.direction, text: r.text, attachmentRef: r.attachment_ref,
  complaint: r.kind === 'complaint'
    ? { status: r.complaint_status ?? 'open', ownerId: r.owner_staff_id ?? '', reasonId: r.reason_id ?? '', resolution: r.resolution, resolvedAt: r.resolved_at?.toISOString() ?? null, resolvedBy: r.resolved_by }
    : null,
  createdAt: r.created_at.toISOString(), createdBy: r.created_by,
});
export type Interaction = ReturnType<typeof toInteraction>;

export interface InteractionInput {
  kind: InteractionKind; occurredAt?: string | undefined; staffId?: string | null | undefined; channel?: InteractionChannel | null | undefined;
  direction?: 'inbound' | 'outbound' | null | undefined; text?: string | null | undefined; attachmentRef?: string | null | undefined;
  complaint?: { reasonId: string; ownerId?: string | undefined } | undefined;
}

/** Foreign-key refusals of interaction rows as answers naming the field. */
export function staffError(e: unknown, fields: Record<string, string>): unknown {
  const constraint = (e as { code?: string; constraint?: string }).code === '23503' ? (e as { constraint?: string }).constraint ?? '' : '';
  for (const [part, field] of Object.entries(fields)) if (constraint.includes(part)) return invalidField(field, 'no such staff member in this organization');
  return e;
}

export async function addInteraction(ctx: ServiceContext, actor: Actor, customerId: string, input: InteractionInput): Promise<Interaction> {
  requirePermission(actor, 'customers.write');
  const now = ctx.clock.now();
  const occurredAt = input.occurredAt ? new Date(input.occurredAt) : now;
  if (occurredAt.getTime() > now.getTime() + 5 * 60_000) throw invalidField('occurredAt', 'an interaction cannot happen in the future');
  if (input.kind === 'complaint' && !input.complaint) throw invalidField('complaint.reasonId', 'a complaint needs its reason');
  if (input.kind !== 'complaint' && input.complaint) throw invalidField('complaint', `only a complaint has a reason and an owner, not a ${input.kind}`);
  const ownerId = input.complaint ? input.complaint.ownerId ?? actor.staffId : null;
  if (input.complaint && !ownerId) throw invalidField('complaint.ownerId', 'name the staff member who owns the complaint until it is resolved');
  try {
    return await inTransaction(ctx.db, async (tx) => {
      await lockLiveCustomer(tx, actor, customerId);
      if (input.complaint) {
        await ensureReasons(tx, ctx, actor);
        const reason = await scoped(tx, actor).selectFrom('customer_complaint_reasons').select(['id', 'archived']).where('id', '=', input.complaint.reasonId).executeTakeFirst();
        if (!reason || reason.archived) throw invalidField('complaint.reasonId', 'no such complaint reason in this organization');
      }
      const row = await scoped(tx, actor).insertInto('customer_interactions', {
        id: ctx.ids.next(), customer_id: customerId, kind: input.kind, occurred_at: occurredAt, staff_id: input.staffId !== undefined ? input.staffId : actor.staffId,
        channel: input.channel ?? null, direction: input.direction ?? null, text: input.text ?? null, attachment_ref: input.attachmentRef ?? null,
        complaint_status: input.complaint ? 'open' : null, owner_staff_id: ownerId, reason_id: input.complaint?.reasonId ?? null,
        resolution: null, resolved_at: null, resolved_by: null, created_at: now, created_by: actor.staffId,
      }).returningAll().executeTakeFirstOrThrow();
      return toInteraction(row);
    });
  } catch (e) {
    throw staffError(e, { owner_staff: 'complaint.ownerId', staff_id: 'staffId' });
  }
}

export interface InteractionFilter { kind?: InteractionKind | undefined; before?: string | undefined; limit: number }

export async function interactionsOf(db: Db, scope: TenantScope, customerId: string, filter: InteractionFilter): Promise<Interaction[]> {
  let q = scoped(db, scope).selectFrom('customer_interactions').selectAll().where('customer_id', '=', customerId);
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  if (filter.before) q = q.where('occurred_at', '<', new Date(filter.before));
  return (await q.orderBy('occurred_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute()).map(toInteraction);
}

export async function listInteractions(ctx: ServiceContext, actor: Actor, customerId: string, filter: InteractionFilter): Promise<Interaction[]> {
  requirePermission(actor, 'customers.read');
  const id = await resolveCustomerId(ctx.db, actor, customerId);
  if (!id) throw notFound('customer', { id: customerId });
  return interactionsOf(ctx.db, actor, id, filter);
}

export async function getInteraction(ctx: ServiceContext, actor: Actor, id: string): Promise<Interaction> {
  requirePermission(actor, 'customers.read');
  const row = await scoped(ctx.db, actor).selectFrom('customer_interactions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('interaction', { id });
  return toInteraction(row);
}
