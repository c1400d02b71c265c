// Webhooks: an integrator subscribes a URL to events; each event becomes one delivery per endpoint,
// written in the same transaction as the event itself (so no event is lost or sent for a rolled-back
// change), and a queued job POSTs it, signed with HMAC-SHA256 of "<timestamp>.<body>" under the
// endpoint's secret, retrying with growing delays until a 2xx answer or the attempt limit.
import { createHmac, randomBytes } from 'node:crypto';
import type { ServiceContext } from '../../platform/context.js';
import { inTransaction, type Db } from '../../platform/db/database.js';
import { scoped, type TenantScope } from '../../platform/db/tenant.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { QueuedJob, QueuedJobHandler } from '../../platform/jobs.js';
import { audit, requirePermission, type Actor } from '../tenancy/index.js';
import { writeEvent } from './ledger-write.js';
import { destinationProblem, outboundRequest } from '../../platform/outbound.js';

export const WEBHOOK_EVENTS = ['receipt.confirmed', 'receipt.refunded', 'tier.changed', 'points.expiring'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
export const WEBHOOK_JOB = 'loyalty.webhook';
export const MAX_DELIVERY_ATTEMPTS = 8;
const TIMEOUT_MS = 10_000;

/** Seconds before attempt n+1: 30 s, 1 min, 2 min … at most 6 hours. */
export const retryDelaySeconds = (attempts: number) => Math.min(6 * 3600, 30 * 2 ** (attempts - 1));

export function signature(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** Emits an event from inside a transaction (jobs, tier changes); the checkout emits within its own statement. */
export async function emitEvent(db: Db, scope: TenantScope, now: Date, event: WebhookEvent, data: unknown): Promise<void> {
  await writeEvent(db, scope, now, event, JSON.stringify(data));
}

const toEndpoint = (r: { id: string; url: string; events: string[]; active: boolean; created_at: Date }) => ({ id: r.id, url: r.url, events: r.events, active: r.active, createdAt: r.created_at.toISOString() });

export async function createWebhook(ctx: ServiceContext, actor: Actor, input: { url: string; events: WebhookEvent[] }) {
  requirePermission(actor, 'apikeys.manage');
  const url = new URL(input.url);
  const problem = destinationProblem(url);
  if (problem) throw new AppError('validation_failed', `url: ${problem}`, { issues: [{ path: 'url', message: problem }] });
  const secret = `whsec_${randomBytes(24).toString('base64url')}`;
  return inTransaction(ctx.db, async (tx) => {
    const row = await scoped(tx, actor).insertInto('loyalty_webhook_endpoints', {
      id: ctx.ids.next(), url: url.toString(), secret, events: [...new Set(input.events)], created_by: actor.staffId, created_at: ctx.clock.now(),
    }).returningAll().executeTakeFirstOrThrow();
    await audit(tx, ctx, actor, 'webhook.created', 'loyalty_webhook', row.id, { url: row.url, events: row.events });
    return { endpoint: toEndpoint(row), secret };
  });
}

export async function listWebhooks(ctx: ServiceContext, actor: Actor) {
  requirePermission(actor, 'apikeys.manage');
  const rows = await scoped(ctx.db, actor).selectFrom('loyalty_webhook_endpoints').selectAll().orderBy('created_at').execute();
  return rows.map(toEndpoint);
}

export async function disableWebhook(ctx: ServiceContext, actor: Actor, id: string) {
  requirePermission(actor, 'apikeys.manage');
  return inTransaction(ctx.db, async (tx) => {
    const row = await scoped(tx, actor).updateTable('loyalty_webhook_endpoints', { active: false }).where('id', '=', id).returningAll().executeTakeFirst();
    if (!row) throw notFound('webhook', { id });
    await audit(tx, ctx, actor, 'webhook.disabled', 'loyalty_webhook', id, { url: row.url });
    return toEndpoint(row);
  });
}

export async function listDeliveries(ctx: ServiceContext, actor: Actor, endpointId: string, limit: number) {
  requirePermission(actor, 'apikeys.manage');
  const endpoint = await scoped(ctx.db, actor).selectFrom('loyalty_webhook_endpoints').select('id').where('id', '=', endpointId).executeTakeFirst();
  if (!endpoint) throw notFound('webhook', { id: endpointId });
  const rows = await scoped(ctx.db, actor).selectFrom('loyalty_webhook_deliveries').selectAll().where('endpoint_id', '=', endpointId).orderBy('created_at', 'desc').orderBy('id').limit(limit).execute();
  return rows.map((r) => ({
    id: r.id, event: r.event, status: r.status, attempts: r.attempts, nextAttemptAt: r.next_attempt_at.toISOString(), lastStatus: r.last_status,
    lastError: r.last_error, createdAt: r.created_at.toISOString(), deliveredAt: r.delivered_at?.toISOString() ?? null, payload: r.payload,
  }));
}

/** The queued job that sends one delivery; a failure schedules the next attempt as a new queued job. */
export function webhookJobHandler(ctx: ServiceContext): QueuedJobHandler {
  return {
    kind: WEBHOOK_JOB,
    leaseSeconds: 60,
    quick: true,
    run: (job) => deliver(ctx, job),
  };
}

async function deliver(ctx: ServiceContext, job: QueuedJob) {
  const { deliveryId } = job.payload as { deliveryId: string };
  if (!job.organizationId) return { skipped: 'no organization' };
  const scope = { organizationId: job.organizationId };
  const d = await scoped(ctx.db, scope).selectFrom('loyalty_webhook_deliveries')
    .innerJoin('loyalty_webhook_endpoints', 'loyalty_webhook_endpoints.id', 'loyalty_webhook_deliveries.endpoint_id')
    .select(['loyalty_webhook_deliveries.id', 'loyalty_webhook_deliveries.event', 'loyalty_webhook_deliveries.payload', 'loyalty_webhook_deliveries.status',
      'loyalty_webhook_deliveries.attempts', 'loyalty_webhook_endpoints.url', 'loyalty_webhook_endpoints.secret', 'loyalty_webhook_endpoints.active'])
    .where('loyalty_webhook_deliveries.id', '=', deliveryId).executeTakeFirst();
  if (!d || d.status !== 'pending') return { skipped: d?.status ?? 'missing' };
  const s = scoped(ctx.db, scope);
  if (!d.active) {
    await s.updateTable('loyalty_webhook_deliveries', { status: 'failed', last_error: 'endpoint disabled' }).where('id', '=', d.id).execute();
    return { failed: 'endpoint disabled' };
  }
  const body = JSON.stringify(d.payload);
  const timestamp = Math.floor(ctx.clock.now().getTime() / 1000);
  let status: number | null = null;
  let error: string | null = null;
  try {
    // Checks the addresses in the connection itself and follows no redirect (a 3xx counts as a failure).
    const res = await outboundRequest(new URL(d.url), {
      method: 'POST', body, timeoutMs: TIMEOUT_MS,
      headers: {
        'content-type': 'application/json', 'user-agent': 'Regulars-Webhooks/1', 'x-regulars-event': d.event, 'x-regulars-delivery': d.id,
        'x-regulars-signature': `t=${timestamp},v1=${signature(d.secret, timestamp, body)}`,
      },
    });
    status = res.status;
    if (res.status < 200 || res.status >= 300) error = `HTTP ${res.status}`;
  } catch (e) {
    error = (e as Error).message;
  }
  const attempts = d.attempts + 1;
  const now = ctx.clock.now();
  if (error === null) {
    await s.updateTable('loyalty_webhook_deliveries', { status: 'delivered', attempts, last_status: status, last_error: null, delivered_at: now }).where('id', '=', d.id).execute();
    return { delivered: true, status };
  }
  const final = attempts >= MAX_DELIVERY_ATTEMPTS;
  const next = new Date(now.getTime() + retryDelaySeconds(attempts) * 1000);
  await inTransaction(ctx.db, async (tx) => {
    await scoped(tx, scope).updateTable('loyalty_webhook_deliveries', { status: final ? 'failed' : 'pending', attempts, last_status: status, last_error: error, next_attempt_at: next }).where('id', '=', d.id).execute();
    if (!final) {
      await tx.insertInto('job_queue').values({
        id: ctx.ids.next(), organization_id: scope.organizationId, kind: WEBHOOK_JOB, payload: JSON.stringify({ deliveryId: d.id }), run_at: next,
        max_attempts: 3, locked_until: null, progress_total: null, result: null, last_error: null, finished_at: null,
      }).execute();
    }
  });
  return { delivered: false, status, error, final };
}
