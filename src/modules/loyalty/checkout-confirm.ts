// `confirm`: commits a receipt — purchase, lines, ledger transfers and lots, the customer's cached
// balances, the idempotency record and webhook deliveries — in one statement after one read.
// Idempotent by the till's receipt id: the same id and body returns the first answer unchanged, the
// same id with another body is 409 receipt_conflict.
import type { ServiceContext } from '../../platform/context.js';
import { inTransaction, isRetryableConflict, isUniqueViolation } from '../../platform/db/database.js';
import { AppError, conflict } from '../../platform/errors.js';
import { requirePermission, type Actor } from '../tenancy/index.js';
import { decodeReceipt, encodeReceipt, lotDates, type ReceiptLineInput, type ReceiptResult } from './domain/index.js';
import { customerBrief, receiptTime, type CalculateRequest } from './checkout-calculate.js';
import { buildState, calculate, readState, resolveTarget, toEngineLines, type CheckoutState, type Target } from './checkout-state.js';
import { requestHash } from './hashing.js';
import { InsufficientPointsError } from './ledger-book.js';
import { lockMember } from './ledger-store.js';
import { writeOperation, type LedgerWrite } from './ledger-write.js';
import { toReceiptView, type ReceiptView } from './receipt-view.js';

export interface ConfirmRequest extends CalculateRequest {
  /** The till's receipt id: unique per organization, the idempotency key. */
  receiptId: string;
  outletId?: string;
  smsChallengeId?: string;
}

export interface ConfirmAnswer {
  receiptId: string;
  purchaseId: string;
  status: 'confirmed';
  occurredAt: string;
  programId: string;
  programVersion: number;
  customer: ReturnType<typeof customerBrief>;
  receipt: ReceiptView;
  points: { earned: number; spent: number; earnedLot: { id: string; unlockAt: string; expiresAt: string | null } | null };
  warnings: string[];
}

/**
 * What the operation row keeps of a confirm answer: everything but the receipt, which the purchase
 * keeps in compact form (`purchases.result`, domain/stored-receipt.ts) and a replay renders again —
 * the same function builds the first answer, so the two are the same bytes (test/loyalty/replay.test.ts).
 * Answers stored before this form are the whole answer, without `v`.
 */
interface StoredConfirm { v: 2; answer: Omit<ConfirmAnswer, 'receipt'> }

function confirmAnswer(a: Omit<ConfirmAnswer, 'receipt'>, receipt: ReceiptView): ConfirmAnswer {
  return {
    receiptId: a.receiptId, purchaseId: a.purchaseId, status: a.status, occurredAt: a.occurredAt, programId: a.programId, programVersion: a.programVersion,
    customer: a.customer, receipt, points: a.points, warnings: a.warnings,
  };
}

/** Answers already serialized to JSON (for the webhook), so the route sends that text instead of serializing again. */
export const serializedAnswers = new WeakMap<object, string>();

/** Attempts before giving up with 503 (only a burst of concurrent first purchases or id races need more than two). */
export const MAX_ATTEMPTS = 10;

/** The first answer for a repeated id, or a conflict when the id came with another request. */
export function replayOrConflict<T>(stored: { requestHash: string; response: unknown }, hash: string, code: string, field: string): T {
  if (stored.requestHash !== hash) throw conflict(code, `${field}: this id was already used for a different request`, { field });
  return stored.response as T;
}

function smsChallengeFor(state: CheckoutState, result: ReceiptResult, challengeId: string | undefined, now: Date): string | null {
  if (!result.smsCodeRequired) return null;
  const s = state.snap.sms;
  if (!challengeId || !s) throw new AppError('sms_code_required', 'smsChallengeId: the customer must confirm with the code sent by SMS (POST /api/checkout/sms-code)', { field: 'smsChallengeId' }, 'forbidden');
  if (s.customer_id !== state.customerId || !s.verified_at || s.consumed_at || s.expires_at.getTime() <= now.getTime()) {
    throw new AppError('sms_code_invalid', 'smsChallengeId: the SMS confirmation is not verified, expired, already used or for another customer', { field: 'smsChallengeId' }, 'forbidden');
  }
  return s.id;
}

export async function confirmCheckout(ctx: ServiceContext, actor: Actor, input: ConfirmRequest): Promise<ConfirmAnswer> {
  requirePermission(actor, 'checkout.use');
  const hash = requestHash(input);
  const lines = toEngineLines(input.lines);
  const target = await resolveTarget(ctx, actor, input.customer, input.programId);
  const outletId = actor.outletId ?? input.outletId ?? null;
  // The first attempt is optimistic: one read, one conditional write, no transaction. When another till
  // changed the customer in between, the next attempts hold the member row lock for the whole
  // read–decide–write, so tills serving the same customer queue up instead of redoing work.
  let known: MemberKey | null = null;
  for (let attempt = 1; ; attempt++) {
    try {
      const out = attempt === 1
        ? await confirmOnce(ctx, actor, input, { hash, lines, target, outletId, lock: null })
        : await inTransaction(ctx.db, (tx) => confirmOnce({ ...ctx, db: tx }, actor, input, { hash, lines, target, outletId, lock: known }));
      if (!('again' in out)) return out;
      known = out.again;
    } catch (e) {
      // The same receipt id confirmed at this very moment by another request: read again, replay or 409.
      // A deadlock or serialization failure rolled the attempt back whole: the next one reads again.
      if (!(isUniqueViolation(e) || isRetryableConflict(e)) || attempt >= MAX_ATTEMPTS) throw e;
    }
    if (attempt >= MAX_ATTEMPTS) throw new AppError('customer_busy', 'The customer is being served at another till; try again', {}, 'unavailable');
  }
}

interface MemberKey { programId: string; customerId: string }
/** `lock`: the member the previous attempt found (its row is locked before reading). */
interface Prepared { hash: string; lines: ReceiptLineInput[]; target: Target; outletId: string | null; lock: MemberKey | null }

async function confirmOnce(ctx: ServiceContext, actor: Actor, input: ConfirmRequest, p: Prepared): Promise<ConfirmAnswer | { again: MemberKey | null }> {
  const { hash, lines, target, outletId } = p;
  const now = ctx.clock.now();
  const at = receiptTime(input.occurredAt, now);
  const extra = { operation: { kind: 'confirm' as const, id: input.receiptId }, smsChallengeId: input.smsChallengeId ?? null };
  if (p.lock) await lockMember(ctx.db, actor, p.lock.programId, p.lock.customerId);
  const snap = await readState(ctx, actor, target, extra);
  if (snap.operation) {
    const stored = replayOrConflict<ConfirmAnswer | StoredConfirm>(snap.operation, hash, 'receipt_conflict', 'receiptId');
    if (!('v' in stored)) return stored;
    return confirmAnswer(stored.answer, toReceiptView(decodeReceipt(snap.operation.receipt)));
  }
  const key = snap.member ? { programId: snap.member.program_id, customerId: snap.member.customer_id } : null;
  // Locked the wrong row (the card changed hands in between): try again with the right one.
  if (p.lock && (!key || key.programId !== p.lock.programId || key.customerId !== p.lock.customerId)) return { again: key };
  const state = await buildState(ctx, actor, target, snap, { now, at, createMember: true });
  if (state === 'member_created') return { again: null };
  const result = calculate(state, lines, input.pointsToSpend ?? 0, target.identifiedBy);
  const smsId = smsChallengeFor(state, result, input.smsChallengeId, now);
  const opId = `receipt:${input.receiptId}`;
  const purchaseId = ctx.ids.next();
  let earnedLot: ConfirmAnswer['points']['earnedLot'] = null;
  const book = state.book;
  if (book) {
    try {
      book.spend(opId, result.totals.pointsSpent, now);
    } catch (e) {
      if (e instanceof InsufficientPointsError) throw conflict('insufficient_points', 'Not enough points', { field: 'pointsToSpend', requested: e.requested, available: e.available });
      throw e;
    }
    if (result.totals.pointsEarned > 0 && state.config.points) {
      const dates = lotDates(state.config.points, at, state.timeZone);
      const lotId = `${opId}:earn`;
      book.accrue(opId, lotId, result.totals.pointsEarned, dates);
      book.runDue(now); // a very late receipt's lot may be due already
      earnedLot = { id: lotId, unlockAt: dates.unlockAt.toISOString(), expiresAt: dates.expiresAt?.toISOString() ?? null };
    }
    book.settleDebt(opId, now);
  }
  const stored: StoredConfirm = {
    v: 2,
    answer: {
      receiptId: input.receiptId, purchaseId, status: 'confirmed', occurredAt: at.toISOString(),
      programId: state.program.id, programVersion: state.program.version,
      customer: customerBrief(state, now),
      points: { earned: result.totals.pointsEarned, spent: result.totals.pointsSpent, earnedLot },
      warnings: state.warnings,
    },
  };
  const answer = confirmAnswer(stored.answer, toReceiptView(result));
  const response = JSON.stringify(answer);
  const changes = book?.changes();
  const member = state.snap.member;
  const costKnown = lines.every((l) => l.unitCost !== null && l.unitCost !== undefined);
  const write: LedgerWrite = {
    now,
    member: member && changes ? { programId: state.program.id, customerId: member.customer_id, rev: member.rev, balances: changes.balances, nextDueAt: changes.nextDueAt, previousNextDueAt: member.next_due_at } : null,
    accounts: member ? { ...state.program.accounts, spendable: member.spendable_account_id, pending: member.pending_account_id } : null,
    transfers: changes?.transfers ?? [], newLots: changes?.newLots ?? [], changedLots: changes?.changedLots ?? [],
    programId: state.program.id, customerId: state.customerId, purchaseIdForTransfers: purchaseId,
    purchase: {
      id: purchaseId, customerId: state.customerId, outletId, externalId: input.receiptId, occurredAt: at, currency: state.config.currency,
      subtotal: result.totals.subtotal, discount: result.totals.promotionTotal + result.totals.discountTotal,
      pointsSpent: result.totals.pointsSpent, pointsMoney: result.totals.pointsMoney, paid: result.totals.amountToPay,
      cost: costKnown ? lines.reduce((a, l) => a + Math.round(((l.unitCost ?? 0) * l.quantityMilli) / 1000), 0) : null,
      pointsEarned: result.totals.pointsEarned, programId: state.program.id, programVersion: state.program.version,
      cardId: state.snap.card?.id ?? null, accumulationAmount: result.totals.accumulationAmount, earnedLotId: earnedLot?.id ?? null,
      result: JSON.stringify(encodeReceipt(result)), staffId: actor.staffId, apiKeyId: actor.apiKeyId,
      lines: result.lines.map((l, i) => ({
        line_no: l.index, sku: l.sku, product_group: l.productGroup, quantity_milli: l.quantityMilli, unit_price: l.unitPrice,
        unit_cost: lines[i]?.unitCost ?? null, amount: l.baseAmount, discount: l.promotionDiscount + l.applied.amount, paid: l.paidAmount,
        promotion_discount: l.promotionDiscount, points_spent: l.pointsSpent, points_money: l.pointsMoney, points_earned: l.pointsEarned,
      })),
    },
    operation: { kind: 'confirm', id: input.receiptId, requestHash: hash, response: JSON.stringify(stored), purchaseId },
    ...(smsId && { smsConsumed: { id: smsId, by: opId } }),
    webhook: { event: 'receipt.confirmed', data: response },
  };
  if (!(await writeOperation(ctx.db, actor, write))) return { again: key };
  serializedAnswers.set(answer, response);
  return answer;
}
