// A customer's points outside the till: balance with lots, the ledger history, tier history, and manual
// adjustments by an owner or manager (a mandatory reason, recorded in the audit log; idempotent by id).
import { sql } from 'kysely';
import type { ServiceContext } from '../../platform/context.js';
import { inTransaction, isUniqueViolation } from '../../platform/db/database.js';
import { scoped } from '../../platform/db/tenant.js';
import { AppError, conflict } from '../../platform/errors.js';
import { getCustomer, resolveCustomerId } from '../customers/index.js';
import { audit, requirePermission, type Actor } from '../tenancy/index.js';
import { replayOrConflict } from './checkout-confirm.js';
import { requestHash } from './hashing.js';
import { programFor } from './cards.js';
import { Book, InsufficientPointsError } from './ledger-book.js';
import { readSnapshot } from './ledger-store.js';
import { writeOperation } from './ledger-write.js';
import { joinProgram } from './members.js';
import { readerActor } from './org.js';
import { entryTier } from './programs.js';
import { storedOperation } from './receipts-store.js';

/** The program of a customer-scoped request; an unknown (or foreign) customer is 404 before anything else. */
export async function programForCustomer(ctx: ServiceContext, actor: Actor, customerId: string, programId: string | undefined) {
  try {
    return await programFor(ctx.db, actor, programId);
  } catch (e) {
    await getCustomer(ctx, readerActor(actor, actor), customerId);
    throw e;
  }
}

async function memberSnapshot(ctx: ServiceContext, actor: Actor, givenId: string, programId: string | undefined) {
  // A merged-away id reads its survivor's points, as the customer's own profile does.
  const customerId = (await resolveCustomerId(ctx.db, actor, givenId)) ?? givenId;
  const program = await programForCustomer(ctx, actor, customerId, programId);
  const snap = await readSnapshot(ctx.db, actor, { customerId, programId: program.id });
  // Someone else's customer id must look exactly like an unknown one.
  if (!snap.member) await getCustomer(ctx, readerActor(actor, actor), customerId);
  return { program, snap, customerId };
}

export async function customerBalance(ctx: ServiceContext, actor: Actor, customerId: string, q: { programId?: string }) {
  requirePermission(actor, 'customers.read');
  const { program, snap, customerId: liveId } = await memberSnapshot(ctx, actor, customerId, q.programId);
  const now = ctx.clock.now();
  const m = snap.member;
  const book = new Book(m ? { spendable: m.spendable, pending: m.pending, debt: m.debt, lots: snap.lots } : { spendable: 0, pending: 0, debt: 0, lots: [] }, now);
  book.runDue(now); // what the customer has now, even if the scheduled job has not run yet
  const points = book.points(now);
  return {
    customerId: liveId, programId: program.id, member: m !== null, tier: m?.tier ?? null, clubMember: m?.club_member ?? false,
    spendable: points.spendable, pending: points.pending, debt: book.balances().debt,
    lots: book.planningLots().sort((a, b) => (a.expiresAt?.getTime() ?? Infinity) - (b.expiresAt?.getTime() ?? Infinity))
      .map((l) => ({ id: l.id, remaining: l.remaining, pending: l.pending, unlockAt: l.unlockAt?.toISOString() ?? null, expiresAt: l.expiresAt?.toISOString() ?? null })),
  };
}

export async function customerHistory(ctx: ServiceContext, actor: Actor, customerId: string, q: { programId?: string; limit: number; before?: string }) {
  requirePermission(actor, 'customers.read');
  const { program, snap, customerId: liveId } = await memberSnapshot(ctx, actor, customerId, q.programId);
  const m = snap.member;
  if (!m) return { items: [] };
  const before = q.before ? new Date(q.before) : new Date('9999-01-01T00:00:00Z');
  const { rows } = await sql<{ id: string; created_at: Date; kind: string; amount: number; debit_account_id: string; credit_account_id: string; operation_id: string; lot_id: string | null; purchase_id: string | null }>`
    SELECT id, created_at, kind, amount, debit_account_id, credit_account_id, operation_id, lot_id, purchase_id FROM loyalty_transfers
    WHERE organization_id = ${actor.organizationId} AND customer_id = ${liveId} AND program_id = ${program.id} AND created_at < ${before}
    ORDER BY created_at DESC, id DESC LIMIT ${q.limit}`.execute(ctx.db);
  const mine = new Map([[m.spendable_account_id, 'spendable'], [m.pending_account_id, 'pending']]);
  return {
    items: rows.map((t) => {
      const from = mine.get(t.debit_account_id) ?? null;
      const to = mine.get(t.credit_account_id) ?? null;
      const change = (to === 'spendable' ? t.amount : 0) - (from === 'spendable' ? t.amount : 0);
      const pendingChange = (to === 'pending' ? t.amount : 0) - (from === 'pending' ? t.amount : 0);
      return { id: t.id, at: new Date(t.created_at).toISOString(), kind: t.kind, amount: Number(t.amount), spendableChange: change, pendingChange, operationId: t.operation_id, lotId: t.lot_id, purchaseId: t.purchase_id };
    }),
  };
}

export async function tierHistory(ctx: ServiceContext, actor: Actor, customerId: string) {
  requirePermission(actor, 'customers.read');
  await getCustomer(ctx, readerActor(actor, actor), customerId);
  const rows = await scoped(ctx.db, actor).selectFrom('loyalty_member_history').selectAll().where('customer_id', '=', customerId).orderBy('at', 'desc').orderBy('id', 'desc').limit(500).execute();
  return rows.map((r) => ({ id: r.id, programId: r.program_id, kind: r.kind, from: r.from_value, to: r.to_value, reason: r.reason, details: r.details as Record<string, unknown>, staffId: r.staff_id, at: r.at.toISOString() }));
}

export interface AdjustRequest { adjustmentId: string; amount: number; reason: string; expiresAt?: string | null; programId?: string }

export async function adjustPoints(ctx: ServiceContext, actor: Actor, customerId: string, input: AdjustRequest) {
  requirePermission(actor, 'points.adjust');
  if (input.reason.trim().length < 3) throw new AppError('validation_failed', 'reason: say why (at least 3 characters)', { issues: [{ path: 'reason', message: 'required' }] });
  const hash = requestHash({ customerId, ...input });
  const program = await programForCustomer(ctx, actor, customerId, input.programId);
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  const run = () => inTransaction(ctx.db, async (tx) => {
    const { member } = await joinProgram(ctx, tx, actor, { programId: program.id, customerId, tier: entryTier(program.config), reason: 'joined', staffId: actor.staffId });
    const stored = await storedOperation(tx, actor, 'adjust', input.adjustmentId);
    if (stored) return replayOrConflict<ReturnType<typeof answerOf>>(stored, hash, 'adjustment_conflict', 'adjustmentId');
    const now = ctx.clock.now();
    if (expiresAt && expiresAt.getTime() <= now.getTime()) throw new AppError('validation_failed', 'expiresAt: must be in the future', { issues: [{ path: 'expiresAt', message: 'must be in the future' }] });
    const snap = await readSnapshot(tx, actor, { customerId, programId: program.id });
    const book = new Book({ spendable: Number(member.spendable), pending: Number(member.pending), debt: Number(member.debt), lots: snap.lots }, now);
    const opId = `adjust:${input.adjustmentId}`;
    book.runDue(now);
    try {
      book.adjust(opId, input.amount, now, expiresAt);
    } catch (e) {
      if (e instanceof InsufficientPointsError) throw conflict('insufficient_points', `amount: the customer has only ${e.available} points to take`, { field: 'amount', requested: e.requested, available: e.available });
      throw e;
    }
    book.settleDebt(opId, now);
    const c = book.changes();
    const answer = answerOf(input, customerId, program.id, book.points(now), now);
    const response = JSON.stringify(answer);
    const applied = await writeOperation(tx, actor, {
      now, member: { programId: program.id, customerId, rev: Number(member.rev), balances: c.balances, nextDueAt: c.nextDueAt },
      accounts: { ...program.accounts, spendable: member.spendable_account_id, pending: member.pending_account_id },
      transfers: c.transfers, newLots: c.newLots, changedLots: c.changedLots, programId: program.id, customerId, purchaseIdForTransfers: null,
      operation: { kind: 'adjust', id: input.adjustmentId, requestHash: hash, response, purchaseId: null },
    });
    if (!applied) throw new Error('adjustment write was not applied under the member lock');
    await audit(tx, ctx, actor, 'points.adjusted', 'customer', customerId, { programId: program.id, adjustmentId: input.adjustmentId, amount: input.amount, reason: input.reason, expiresAt: input.expiresAt ?? null });
    return answer;
  });
  try {
    return await run();
  } catch (e) {
    if (isUniqueViolation(e)) return run(); // the same adjustment id at the same moment: the retry replays or conflicts
    throw e;
  }
}

function answerOf(input: AdjustRequest, customerId: string, programId: string, balance: { spendable: number; pending: number }, now: Date) {
  return { adjustmentId: input.adjustmentId, customerId, programId, amount: input.amount, reason: input.reason, expiresAt: input.expiresAt ?? null, balance, at: now.toISOString() };
}
