// Consent to be contacted, per channel. Every change is a new row of the history (who, when, how);
// customer_consents caches the latest row per channel, written in the same transaction. `canContact` is
// the one question messaging asks before it sends anything.
import type { Selectable } from 'kysely';
import type { ServiceContext } from '../../../platform/context.js';
import { inTransaction, sql, type Db } from '../../../platform/db/database.js';
import { scoped, type TenantScope } from '../../../platform/db/tenant.js';
import { invalidField, notFound } from '../../../platform/errors.js';
import { requirePermission, type Actor } from '../../tenancy/index.js';
import { byActor, lockLiveCustomer, resolveCustomerId } from '../access.js';
import type { Channel, CustomerConsentEventsTable } from '../tables.js';

export const CHANNELS: readonly Channel[] = ['email', 'sms', 'messenger', 'phone', 'post'];

const toEvent = (r: Selectable<CustomerConsentEventsTable>) => ({
  id: r.id, customerId: r.customer_id, channel: r.channel, granted: r.granted, at: r.at.toISOString(), source: r.source, note: r.note,
  staffId: r.staff_id, apiKeyId: r.api_key_id, recordedAt: r.recorded_at.toISOString(),
});
export type ConsentEvent = ReturnType<typeof toEvent>;
export interface ConsentState { channel: Channel; granted: boolean; at: string | null; source: string | null; eventId: string | null }

export interface ConsentChange {
  channels: Channel[]; granted: boolean;
  /** How it was given or withdrawn: "paper form", "web", "till", "import"… */
  source: string; note?: string | null | undefined;
  /** When the customer gave or withdrew it (a paper form signed last week); default now. */
  at?: string | undefined;
}

/**
 * Rebuilds the cached state of the given customers from their history: the latest event per channel
 * (by the time it was given, then by id). Used after every change and after merges move history around.
 */
export async function refreshConsentCache(db: Db, scope: TenantScope, customerIds: string[]): Promise<void> {
  if (customerIds.length === 0) return;
  await scoped(db, scope).deleteFrom('customer_consents').where('customer_id', 'in', customerIds).execute();
  await sql`
    INSERT INTO customer_consents (organization_id, customer_id, channel, granted, event_id, at)
    SELECT DISTINCT ON (customer_id, channel) organization_id, customer_id, channel, granted, id, at
    FROM customer_consent_events
    WHERE organization_id = ${scope.organizationId} AND customer_id = ANY(${customerIds}::uuid[])
    ORDER BY customer_id, channel, at DESC, id DESC`.execute(db);
}

/** Records consent changes inside a caller's transaction (the import and the web form both come here). */
export async function recordConsent(db: Db, ctx: ServiceContext, actor: Actor, customerId: string, change: ConsentChange): Promise<ConsentEvent[]> {
  const now = ctx.clock.now();
  const at = change.at ? new Date(change.at) : now;
  if (at.getTime() > now.getTime() + 60_000) throw invalidField('at', 'consent cannot be given in the future');
  const channels = [...new Set(change.channels)];
  if (channels.length === 0) throw invalidField('channels', 'name at least one channel');
  const rows = await scoped(db, actor).insertInto('customer_consent_events', channels.map((channel) => ({
    id: ctx.ids.next(), customer_id: customerId, channel, granted: change.granted, at, source: change.source, note: change.note ?? null, ...byActor(actor), recorded_at: now,
  }))).returningAll().execute();
  await refreshConsentCache(db, actor, [customerId]);
  return rows.map(toEvent);
}

export async function changeConsent(ctx: ServiceContext, actor: Actor, customerId: string, change: ConsentChange): Promise<{ current: ConsentState[]; history: ConsentEvent[] }> {
  requirePermission(actor, 'customers.write');
  return inTransaction(ctx.db, async (tx) => {
    await lockLiveCustomer(tx, actor, customerId);
    await recordConsent(tx, ctx, actor, customerId, change);
    return consentOf(tx, actor, customerId);
  });
}

export async function consentOf(db: Db, scope: TenantScope, customerId: string): Promise<{ current: ConsentState[]; history: ConsentEvent[] }> {
  const cached = await scoped(db, scope).selectFrom('customer_consents').selectAll().where('customer_id', '=', customerId).execute();
  const events = await scoped(db, scope).selectFrom('customer_consent_events').selectAll().where('customer_id', '=', customerId).orderBy('at', 'desc').orderBy('id', 'desc').execute();
  const current = CHANNELS.map((channel) => {
    const c = cached.find((x) => x.channel === channel);
    const e = c ? events.find((x) => x.id === c.event_id) : undefined;
    return { channel, granted: c?.granted ?? false, at: c ? c.at.toISOString() : null, source: e?.source ?? null, eventId: c?.event_id ?? null };
  });
  return { current, history: events.map(toEvent) };
}

export async function getConsent(ctx: ServiceContext, actor: Actor, customerId: string) {
  requirePermission(actor, 'customers.read');
  const id = await resolveCustomerId(ctx.db, actor, customerId);
  if (!id) throw notFound('customer', { id: customerId });
  return consentOf(ctx.db, actor, id);
}

/**
 * Whether Regulars may contact this customer on this channel now: the latest consent for the channel is
 * "given", and the profile is neither erased nor merged away (messaging resolves merged ids to the
 * survivor first, and asks about the survivor). Anything unknown is a no.
 */
export async function canContact(ctx: Pick<ServiceContext, 'db'>, scope: TenantScope, customerId: string, channel: Channel): Promise<boolean> {
  const row = await scoped(ctx.db, scope).selectFrom('customers')
    .leftJoin('customer_consents', (join) => join.onRef('customer_consents.customer_id', '=', 'customers.id').onRef('customer_consents.organization_id', '=', 'customers.organization_id').on('customer_consents.channel', '=', channel))
    .select(['customers.erased_at', 'customers.merged_into_id', 'customer_consents.granted'])
    .where('customers.id', '=', customerId).executeTakeFirst();
  return row !== undefined && row.erased_at === null && row.merged_into_id === null && row.granted === true;
}
