// The ledger's write side: everything one operation decided (transfers, lots, member caches, purchase,
// refund, operation answer, webhook deliveries) in ONE statement of data-modifying CTEs.
//
// Concurrency: the write is gated on the member row — `UPDATE loyalty_members … WHERE rev = <rev read>`
// — and every other part of the statement selects FROM that gate, so when another operation changed
// the customer in between, the whole statement writes nothing and the caller reads again and retries.
// The UPDATE holds the row lock until commit, so two tills can never both spend the same points.
// A retried operation hits the primary keys of its transfers and of its operation row, never a duplicate.
import type { Db } from '../../platform/db/database.js';
import type { TenantScope } from '../../platform/db/tenant.js';
import type { AccountRole, BookLot, BookTransfer } from './ledger-book.js';
import { executeStatement, joinQ, prepare, q, type Q } from './prepared.js';
import type { OperationKind, PurchaseStatus } from './tables.js';
import './tables.js';

export interface PurchaseInsert {
  id: string; customerId: string | null; outletId: string | null; externalId: string; occurredAt: Date; currency: string;
  subtotal: number; discount: number; pointsSpent: number; pointsMoney: number; paid: number; cost: number | null; pointsEarned: number;
  programId: string; programVersion: number; cardId: string | null; accumulationAmount: number; earnedLotId: string | null;
  result: string; staffId: string | null; apiKeyId: string | null;
  lines: { line_no: number; sku: string; product_group: string | null; quantity_milli: number; unit_price: number; unit_cost: number | null; amount: number; discount: number; paid: number; promotion_discount: number; points_spent: number; points_money: number; points_earned: number }[];
}

export interface PurchaseRefundUpdate {
  id: string; refundedPaidAdd: number; refundedAccumulationAdd: number; status: PurchaseStatus;
  lines: { line_no: number; refunded_quantity_milli: number; refunded_paid_add: number }[];
}

export interface RefundInsert {
  id: string; kind: 'refund' | 'cancel'; operationId: string; purchaseId: string; programId: string | null; customerId: string | null;
  occurredAt: Date; purchaseOccurredAt: Date; moneyGross: number; moneyDeduction: number; moneyReturned: number; pointsReturned: number;
  pointsTakenBack: number; negativeBalance: number; forgiven: number; accumulationAmount: number; accumulationCount: number; plan: string;
}

export interface MemberWrite {
  programId: string; customerId: string; rev: number;
  balances: { spendable: number; pending: number; debt: number };
  nextDueAt: Date | null;
  /** The value read with the snapshot: when unchanged it is not written, so the update stays in place (HOT). */
  previousNextDueAt?: Date | null;
  /** Tier or club changes decided in the same operation. */
  tier?: { code: string | null; since: Date };
  club?: { member: boolean; since: Date | null };
  evaluatedOn?: string;
}

export interface HistoryInsert { id: string; programId: string; customerId: string; kind: 'tier' | 'club'; from: string | null; to: string | null; reason: string; details: string; staffId: string | null }

export interface LedgerWrite {
  now: Date;
  member: MemberWrite | null;
  accounts: Record<AccountRole, string> | null;
  transfers: BookTransfer[];
  newLots: BookLot[];
  changedLots: BookLot[];
  programId: string | null;
  customerId: string | null;
  purchaseIdForTransfers: string | null;
  purchase?: PurchaseInsert;
  purchaseUpdate?: PurchaseRefundUpdate;
  refund?: RefundInsert;
  operation?: { kind: OperationKind; id: string; requestHash: string; response: string; purchaseId: string | null };
  smsConsumed?: { id: string; by: string };
  history?: HistoryInsert[];
  webhook?: { event: string; data: string };
}

const json = (v: unknown) => JSON.stringify(v);

/**
 * Organizations and events this node last saw with a webhook subscription. Only a hint for which form of
 * the statement to send first: without a subscription the statement carries no webhook parts (nor the
 * event's data, the ~5 KB answer), and is gated on there being none — checked in the statement itself,
 * so a subscription created a moment ago makes it write nothing and the full form is sent. No event is lost.
 */
const subscribed = new Map<string, true>();
const MAX_HINTS = 10_000;

/** Writes one operation in one statement; false when the member changed since it was read (nothing written). */
export async function writeOperation(db: Db, scope: TenantScope, w: LedgerWrite): Promise<boolean> {
  const hook = w.webhook;
  if (!hook) return (await writeOnce(db, scope, w, null)).applied;
  const key = `${scope.organizationId} ${hook.event}`;
  if (!subscribed.has(key)) {
    const first = await writeOnce(db, scope, w, { event: hook.event, withParts: false });
    if (first.applied) return true;
    if (!first.subscribed) return false; // the member changed
    if (subscribed.size >= MAX_HINTS) subscribed.clear();
    subscribed.set(key, true);
  }
  const full = await writeOnce(db, scope, w, { event: hook.event, withParts: true });
  if (full.applied && !full.subscribed) subscribed.delete(key);
  return full.applied;
}

async function writeOnce(db: Db, scope: TenantScope, w: LedgerWrite, hooks: { event: string; withParts: boolean } | null): Promise<{ applied: boolean; subscribed: boolean }> {
  const org = scope.organizationId;
  const parts: Q[] = [];
  const m = w.member;
  const anySubscription = hooks ? q`EXISTS (SELECT 1 FROM loyalty_webhook_endpoints e WHERE e.organization_id = ${org} AND e.active AND ${hooks.event}::text = ANY(e.events))` : null;
  const onlyUnsubscribed = anySubscription && hooks && !hooks.withParts ? q` AND NOT ${anySubscription}` : q``;
  if (m) {
    const extra: Q[] = [];
    const dueUnchanged = m.previousNextDueAt !== undefined && (m.previousNextDueAt?.getTime() ?? null) === (m.nextDueAt?.getTime() ?? null);
    if (!dueUnchanged) extra.push(q`, next_due_at = ${m.nextDueAt}::timestamptz`);
    if (m.tier) extra.push(q`, tier = ${m.tier.code}, tier_since = ${m.tier.since}`);
    if (m.club) extra.push(q`, club_member = ${m.club.member}, club_since = ${m.club.since}`);
    if (m.evaluatedOn) extra.push(q`, evaluated_on = ${m.evaluatedOn}::date`);
    parts.push(q`gate AS (
      UPDATE loyalty_members SET spendable = ${m.balances.spendable}, pending = ${m.balances.pending}, debt = ${m.balances.debt},
        rev = rev + 1, updated_at = ${w.now}${joinQ(extra, '')}
      WHERE organization_id = ${org} AND program_id = ${m.programId} AND customer_id = ${m.customerId} AND rev = ${m.rev}${onlyUnsubscribed}
      RETURNING 1 AS ok)`);
  } else {
    parts.push(q`gate AS (SELECT 1 AS ok WHERE true${onlyUnsubscribed})`);
  }
  if (w.newLots.length > 0) {
    parts.push(q`new_lots AS (
      INSERT INTO loyalty_lots (organization_id, id, program_id, customer_id, unlock_at, expires_at, remaining, pending, operation_id, created_at)
      SELECT ${org}, x.id, ${w.programId}::uuid, ${w.customerId}::uuid, x.unlock_at, x.expires_at, x.remaining, x.pending, x.operation_id, x.created_at
      FROM gate, jsonb_to_recordset(${json(w.newLots.map((l) => ({ id: l.id, unlock_at: l.unlockAt, expires_at: l.expiresAt, remaining: l.remaining, pending: l.pending, operation_id: l.operationId, created_at: l.createdAt })))}::jsonb)
        AS x(id text, unlock_at timestamptz, expires_at timestamptz, remaining bigint, pending boolean, operation_id text, created_at timestamptz))`);
  }
  if (w.changedLots.length > 0) {
    // `l.id = ANY(ids)` makes the lots a primary-key look-up: joined only with the recordset, whose size
    // the planner cannot know (it guesses 100 rows), the cached plan hashed it against a sequential scan
    // of every lot of the organization — a cost growing with the table on every spending receipt.
    parts.push(q`lot_changes AS (
      UPDATE loyalty_lots l SET remaining = x.remaining, pending = x.pending
      FROM gate, jsonb_to_recordset(${json(w.changedLots.map((l) => ({ id: l.id, remaining: l.remaining, pending: l.pending })))}::jsonb) AS x(id text, remaining bigint, pending boolean)
      WHERE l.organization_id = ${org} AND l.id = ANY(${w.changedLots.map((l) => l.id)}::text[]) AND l.id = x.id)`);
  }
  if (w.transfers.length > 0) {
    const accounts = w.accounts;
    if (!accounts) throw new Error('transfers need accounts');
    const rows = w.transfers.map((t) => ({ id: t.id, d: accounts[t.debit], c: accounts[t.credit], a: t.amount, k: t.kind, o: t.operationId, l: t.lotId }));
    parts.push(q`transfers AS (
      INSERT INTO loyalty_transfers (organization_id, id, program_id, customer_id, debit_account_id, credit_account_id, amount, kind, operation_id, lot_id, purchase_id, created_at)
      SELECT ${org}, x.id, ${w.programId}::uuid, ${w.customerId}::uuid, x.d, x.c, x.a, x.k, x.o, x.l, ${w.purchaseIdForTransfers}::uuid, ${w.now}
      FROM gate, jsonb_to_recordset(${json(rows)}::jsonb) AS x(id text, d uuid, c uuid, a bigint, k text, o text, l text))`);
  }
  if (w.purchase) parts.push(...purchaseParts(org, w.purchase));
  if (w.purchaseUpdate) parts.push(...purchaseUpdateParts(org, w.purchaseUpdate));
  if (w.refund) {
    const r = w.refund;
    parts.push(q`refund AS (
      INSERT INTO loyalty_refunds (id, organization_id, kind, operation_id, purchase_id, program_id, customer_id, occurred_at, purchase_occurred_at,
        money_gross, money_deduction, money_returned, points_returned, points_taken_back, negative_balance, forgiven, accumulation_amount, accumulation_count, plan, created_at)
      SELECT ${r.id}, ${org}, ${r.kind}, ${r.operationId}, ${r.purchaseId}, ${r.programId}::uuid, ${r.customerId}::uuid, ${r.occurredAt}, ${r.purchaseOccurredAt},
        ${r.moneyGross}, ${r.moneyDeduction}, ${r.moneyReturned}, ${r.pointsReturned}, ${r.pointsTakenBack}, ${r.negativeBalance}, ${r.forgiven},
        ${r.accumulationAmount}, ${r.accumulationCount}, ${r.plan}::jsonb, ${w.now} FROM gate)`);
  }
  if (w.operation) {
    const o = w.operation;
    parts.push(q`op AS (
      INSERT INTO loyalty_operations (organization_id, kind, id, request_hash, response, program_id, customer_id, purchase_id, created_at)
      SELECT ${org}, ${o.kind}, ${o.id}, ${o.requestHash}, ${o.response}::json, ${w.programId}::uuid, ${w.customerId}::uuid, ${o.purchaseId}::uuid, ${w.now} FROM gate
      RETURNING response)`);
  }
  if (w.smsConsumed) {
    parts.push(q`sms AS (
      UPDATE loyalty_sms_challenges s SET consumed_at = ${w.now}, consumed_by = ${w.smsConsumed.by}
      FROM gate WHERE s.organization_id = ${org} AND s.id = ${w.smsConsumed.id} AND s.consumed_at IS NULL)`);
  }
  if (w.history && w.history.length > 0) {
    parts.push(q`history AS (
      INSERT INTO loyalty_member_history (id, organization_id, program_id, customer_id, kind, from_value, to_value, reason, details, staff_id, at)
      SELECT x.id, ${org}, x.program_id, x.customer_id, x.kind, x.from_value, x.to_value, x.reason, x.details::jsonb, x.staff_id, ${w.now}
      FROM gate, jsonb_to_recordset(${json(w.history.map((h) => ({ id: h.id, program_id: h.programId, customer_id: h.customerId, kind: h.kind, from_value: h.from, to_value: h.to, reason: h.reason, details: h.details, staff_id: h.staffId })))}::jsonb)
        AS x(id uuid, program_id uuid, customer_id uuid, kind text, from_value text, to_value text, reason text, details text, staff_id uuid))`);
  }
  // The answer goes over the wire once: the webhook reads it back from the operation row.
  if (w.webhook && hooks?.withParts) parts.push(...webhookParts(org, w.now, w.webhook.event, w.operation && w.webhook.data === w.operation.response ? null : w.webhook.data));
  // `subscribed`: in the gated form, whether a subscription stopped the write; in the full form, whether a delivery was made.
  const tail = !hooks ? q`false` : hooks.withParts ? q`EXISTS (SELECT 1 FROM deliveries)` : q`(SELECT count(*) FROM gate) = 0 AND ${anySubscription!}`;
  const { st, values } = prepare(q`WITH ${joinQ(parts, ', ')} SELECT (SELECT count(*) FROM gate)::int AS applied, ${tail} AS subscribed`);
  const { rows } = await executeStatement<{ applied: number; subscribed: boolean }>(db, st, values);
  return { applied: (rows[0]?.applied ?? 0) > 0, subscribed: rows[0]?.subscribed === true };
}

function purchaseParts(org: string, p: PurchaseInsert): Q[] {
  return [
    q`purchase AS (
      INSERT INTO purchases (id, organization_id, customer_id, outlet_id, source, external_id, occurred_at, currency, subtotal, discount, points_spent,
        points_money, paid, cost, points_earned, status, program_id, program_version, card_id, accumulation_amount, earned_lot_id, result, staff_id, api_key_id)
      SELECT ${p.id}, ${org}, ${p.customerId}::uuid, ${p.outletId}::uuid, 'checkout', ${p.externalId}, ${p.occurredAt}, ${p.currency}, ${p.subtotal}, ${p.discount},
        ${p.pointsSpent}, ${p.pointsMoney}, ${p.paid}, ${p.cost}::bigint, ${p.pointsEarned}, 'confirmed', ${p.programId}, ${p.programVersion}, ${p.cardId}::uuid,
        ${p.accumulationAmount}, ${p.earnedLotId}::text, ${p.result}::jsonb, ${p.staffId}::uuid, ${p.apiKeyId}::uuid FROM gate
      RETURNING id)`,
    q`purchase_lines_ins AS (
      INSERT INTO purchase_lines (purchase_id, line_no, organization_id, sku, product_group, quantity_milli, unit_price, unit_cost, amount, discount, paid,
        promotion_discount, points_spent, points_money, points_earned)
      SELECT purchase.id, x.line_no, ${org}, x.sku, x.product_group, x.quantity_milli, x.unit_price, x.unit_cost, x.amount, x.discount, x.paid,
        x.promotion_discount, x.points_spent, x.points_money, x.points_earned
      FROM purchase, jsonb_to_recordset(${json(p.lines)}::jsonb) AS x(line_no int, sku text, product_group text, quantity_milli bigint, unit_price bigint,
        unit_cost bigint, amount bigint, discount bigint, paid bigint, promotion_discount bigint, points_spent bigint, points_money bigint, points_earned bigint))`,
  ];
}

function purchaseUpdateParts(org: string, u: PurchaseRefundUpdate): Q[] {
  return [
    q`purchase_upd AS (
      UPDATE purchases p SET refunded_paid = p.refunded_paid + ${u.refundedPaidAdd}, refunded_accumulation = p.refunded_accumulation + ${u.refundedAccumulationAdd},
        status = ${u.status} FROM gate WHERE p.organization_id = ${org} AND p.id = ${u.id})`,
    q`lines_upd AS (
      UPDATE purchase_lines pl SET refunded_quantity_milli = x.refunded_quantity_milli, refunded_paid = pl.refunded_paid + x.refunded_paid_add
      FROM gate, jsonb_to_recordset(${json(u.lines)}::jsonb) AS x(line_no int, refunded_quantity_milli bigint, refunded_paid_add bigint)
      WHERE pl.organization_id = ${org} AND pl.purchase_id = ${u.id} AND pl.line_no = x.line_no)`,
  ];
}

/** An event's deliveries on their own (jobs, tier changes), in the caller's transaction. */
export async function writeEvent(db: Db, scope: TenantScope, now: Date, event: string, data: string): Promise<void> {
  const { st, values } = prepare(q`WITH gate AS (SELECT 1 AS ok), ${joinQ(webhookParts(scope.organizationId, now, event, data), ', ')} SELECT 1`);
  await executeStatement(db, st, values);
}

/**
 * A delivery per subscribed endpoint and a queued job per delivery, committed with the event itself.
 * `data` null: the event's data is the answer the statement stores in its `op` part.
 */
function webhookParts(org: string, now: Date, event: string, data: string | null): Q[] {
  // Bound as text and cast where a delivery row is built: bound as json, every confirm paid for parsing the answer.
  const payload = data === null ? q`(SELECT response FROM op)` : q`${data}::text::json`;
  return [
    q`deliveries AS (
      INSERT INTO loyalty_webhook_deliveries (id, organization_id, endpoint_id, event, payload, status, attempts, next_attempt_at, created_at)
      SELECT d.id, ${org}, d.endpoint_id, ${event},
        json_build_object('id', d.id, 'event', ${event}::text, 'organizationId', ${org}::uuid, 'createdAt', ${now.toISOString()}::text, 'data', ${payload}),
        'pending', 0, ${now}, ${now}
      FROM gate, (SELECT gen_random_uuid() AS id, e.id AS endpoint_id FROM loyalty_webhook_endpoints e
                  WHERE e.organization_id = ${org} AND e.active AND ${event}::text = ANY(e.events)) d
      RETURNING id)`,
    q`delivery_jobs AS (
      INSERT INTO job_queue (id, organization_id, kind, payload, run_at, max_attempts)
      SELECT gen_random_uuid(), ${org}, 'loyalty.webhook', jsonb_build_object('deliveryId', deliveries.id), ${now}, 3 FROM deliveries)`,
  ];
}
