// `refund` (by lines and quantities) and `cancel` (everything not refunded yet), each idempotent by its
// own id. Computed by the domain's planRefund from the receipt's STORED result — never by recalculating
// under a program that may have changed — and written in one transaction with the receipt and the
// customer locked, so two refunds of one receipt can never both take the same quantity.
import type { ServiceContext } from '../../platform/context.js';
import { inTransaction, isRetryableConflict, isUniqueViolation } from '../../platform/db/database.js';
import { AppError, conflict, notFound } from '../../platform/errors.js';
import { localDate } from '../../platform/time.js';
import { requirePermission, type Actor } from '../tenancy/index.js';
import type { RefundPlan } from './domain/index.js';
import { decodeReceipt, lotExpiry, planRefund, QUANTITY_SCALE } from './domain/index.js';
import { replayOrConflict } from './checkout-confirm.js';
import { requestHash } from './hashing.js';
import { Book } from './ledger-book.js';
import { lockMember, readSnapshot } from './ledger-store.js';
import { writeOperation } from './ledger-write.js';
import { orgSettings } from './org.js';
import { requireProgram } from './programs.js';
import { lotById, receiptForUpdate, receiptLines, storedOperation } from './receipts-store.js';
import type { PurchaseStatus } from './tables.js';

export interface RefundRequest { refundId: string; receiptId: string; lines: { index: number; quantity: number }[] }
export interface CancelRequest { cancelId: string; receiptId: string }

export interface RefundAnswer {
  kind: 'refund' | 'cancel';
  id: string;
  receiptId: string;
  purchaseId: string;
  receiptStatus: PurchaseStatus;
  occurredAt: string;
  money: { gross: number; deduction: number; toReturn: number };
  points: { returned: number; takenBack: number; shortfall: number; negativeBalance: number; coveredByMoney: number; forgiven: number };
  lines: { index: number; quantity: number; refundedQuantity: number; money: number; pointsReturned: number; pointsTakenBack: number }[];
  balance: { spendable: number; pending: number } | null;
}

export async function refundReceipt(ctx: ServiceContext, actor: Actor, input: RefundRequest): Promise<RefundAnswer> {
  requirePermission(actor, 'checkout.use');
  const seen = new Set<number>();
  const wanted = input.lines.map((l, i) => {
    const milli = Math.round(l.quantity * QUANTITY_SCALE);
    const field = `lines.${i}`;
    if (seen.has(l.index)) throw new AppError('validation_failed', `${field}.index: line ${l.index} is listed twice`, { issues: [{ path: `${field}.index`, message: 'listed twice' }] });
    seen.add(l.index);
    if (milli < 1 || Math.abs(l.quantity * QUANTITY_SCALE - milli) > 1e-6) throw new AppError('validation_failed', `${field}.quantity: must be positive with at most 3 decimals`, { issues: [{ path: `${field}.quantity`, message: 'must be positive with at most 3 decimals' }] });
    return { index: l.index, milli };
  });
  return reverse(ctx, actor, 'refund', input.refundId, input.receiptId, requestHash(input), (qty) => {
    const quantities = qty.map(() => 0);
    for (const w of wanted) {
      if (w.index < 0 || w.index >= qty.length) throw new AppError('validation_failed', `lines: the receipt has no line ${w.index}`, { issues: [{ path: 'lines', message: `no line ${w.index}` }] });
      quantities[w.index] = w.milli;
    }
    return quantities;
  });
}

export async function cancelReceipt(ctx: ServiceContext, actor: Actor, input: CancelRequest): Promise<RefundAnswer> {
  requirePermission(actor, 'checkout.use');
  return reverse(ctx, actor, 'cancel', input.cancelId, input.receiptId, requestHash(input), (qty, refunded) => qty.map((q, i) => q - (refunded[i] ?? 0)));
}

const REFUND_ERRORS: Record<string, [string, string]> = {
  refund_exceeds_quantity: ['refund_exceeds_quantity', 'lines: more than is left to refund on a line'],
  nothing_to_refund: ['nothing_to_refund', 'Nothing is left to refund on this receipt'],
  refund_lines_mismatch: ['refund_lines_mismatch', 'lines: they do not match the receipt'],
};

async function reverse(
  ctx: ServiceContext, actor: Actor, kind: 'refund' | 'cancel', clientId: string, receiptId: string, hash: string,
  quantitiesOf: (quantities: number[], refunded: number[]) => number[],
): Promise<RefundAnswer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await reverseOnce(ctx, actor, kind, clientId, receiptId, hash, quantitiesOf);
    } catch (e) {
      // The same refund id used at this very moment for another receipt: the retry finds its answer. A
      // deadlock (e.g. with a customer merge moving this receipt) rolled everything back: run it again.
      if (!(isUniqueViolation(e) || isRetryableConflict(e)) || attempt >= 3) throw e;
    }
  }
}

async function reverseOnce(
  ctx: ServiceContext, actor: Actor, kind: 'refund' | 'cancel', clientId: string, receiptId: string, hash: string,
  quantitiesOf: (quantities: number[], refunded: number[]) => number[],
): Promise<RefundAnswer> {
  const conflictCode = kind === 'refund' ? 'refund_conflict' : 'cancel_conflict';
  const field = kind === 'refund' ? 'refundId' : 'cancelId';
  return inTransaction(ctx.db, async (tx) => {
    // The receipt lock first: a concurrent request with the same id then finds the first one's answer.
    const purchase = await receiptForUpdate(tx, actor, receiptId);
    const stored = await storedOperation(tx, actor, kind, clientId);
    if (stored) return replayOrConflict<RefundAnswer>(stored, hash, conflictCode, field);
    if (!purchase) throw notFound('receipt', { field: 'receiptId', receiptId });
    const now = ctx.clock.now();
    const { timeZone } = await orgSettings({ ...ctx, db: tx }, actor); // on tx: a second connection while holding locks can starve the pool
    const lineRows = await receiptLines(tx, actor, purchase.id);
    const refunded = lineRows.map((l) => l.refunded_quantity_milli);
    const quantities = quantitiesOf(lineRows.map((l) => l.quantity_milli), refunded);
    if (kind === 'cancel') await checkCancelAllowed(tx, actor, purchase, now, timeZone);
    const program = purchase.program_id ? await requireProgram(tx, actor, purchase.program_id) : null;
    if (!program) throw new AppError('not_a_checkout_receipt', 'Only receipts confirmed through the checkout can be refunded here', {}, 'conflict');
    const customerId = purchase.customer_id;
    const opId = `${kind}:${clientId}`;
    const receipt = decodeReceipt(purchase.result);
    const expiry = program.config.points?.expiry ?? { kind: 'never' as const };
    let book: Book | null = null;
    let rev = 0;
    let member = null;
    if (customerId) {
      await lockMember(tx, actor, program.id, customerId);
      const snap = await readSnapshot(tx, actor, { customerId, programId: program.id });
      member = snap.member;
      if (member) {
        rev = member.rev;
        book = new Book({ spendable: member.spendable, pending: member.pending, debt: member.debt, lots: snap.lots }, now);
        book.runDue(now);
      }
    }
    const refundInput = { receipt, quantities, alreadyRefunded: refunded, earnedLotId: purchase.earned_lot_id, policy: program.config.refundPolicy, expiry, timeZone, at: now };
    const planned = book
      ? book.refund(opId, refundInput)
      : planRefund({ ...refundInput, lots: [], spendableBalance: 0, returnLot: { id: `${opId}:return`, expiresAt: lotExpiry(expiry, now, timeZone) } });
    if (!planned.ok) {
      const [code, message] = REFUND_ERRORS[planned.reason] ?? [planned.reason, planned.reason];
      throw new AppError(code, message, { field: 'lines', ...planned.details }, 'conflict');
    }
    const plan: RefundPlan = planned.value;
    book?.settleDebt(opId, now);
    const changes = book?.changes();
    const status: PurchaseStatus = plan.fullyRefunded ? (kind === 'cancel' ? 'cancelled' : 'refunded') : 'partially_refunded';
    const answer: RefundAnswer = {
      kind, id: clientId, receiptId, purchaseId: purchase.id, receiptStatus: status, occurredAt: now.toISOString(),
      money: { gross: plan.moneyGross, deduction: plan.moneyDeduction, toReturn: plan.moneyToReturn },
      points: { returned: plan.pointsToReturn, takenBack: plan.pointsToTakeBack - plan.forgiven - plan.coveredByMoney, shortfall: plan.shortfall, negativeBalance: plan.negativeBalance, coveredByMoney: plan.coveredByMoney, forgiven: plan.forgiven },
      lines: plan.lines.filter((l) => (quantities[l.index] ?? 0) > 0).map((l) => ({
        index: l.index, quantity: (quantities[l.index] ?? 0) / QUANTITY_SCALE, refundedQuantity: l.refundedQuantityMilli / QUANTITY_SCALE,
        money: l.money, pointsReturned: l.pointsReturn, pointsTakenBack: l.pointsTakeBack,
      })),
      balance: book ? book.points(now) : null,
    };
    const response = JSON.stringify(answer);
    const refundId = ctx.ids.next();
    // Money is handed back per line in proportion to what each line's refund gave; the reduce_refund
    // deduction is a receipt-level figure, so lines record the gross part.
    const applied = await writeOperation(tx, actor, {
      now,
      member: member && changes ? { programId: program.id, customerId: member.customer_id, rev, balances: changes.balances, nextDueAt: changes.nextDueAt } : null,
      accounts: member ? { ...program.accounts, spendable: member.spendable_account_id, pending: member.pending_account_id } : null,
      transfers: changes?.transfers ?? [], newLots: changes?.newLots ?? [], changedLots: changes?.changedLots ?? [],
      programId: program.id, customerId, purchaseIdForTransfers: purchase.id,
      purchaseUpdate: {
        id: purchase.id, refundedPaidAdd: plan.moneyToReturn, refundedAccumulationAdd: plan.accumulated.amount, status,
        lines: plan.lines.filter((l) => (quantities[l.index] ?? 0) > 0).map((l) => ({ line_no: l.index, refunded_quantity_milli: l.refundedQuantityMilli, refunded_paid_add: l.money })),
      },
      refund: {
        id: refundId, kind, operationId: clientId, purchaseId: purchase.id, programId: program.id, customerId, occurredAt: now,
        purchaseOccurredAt: purchase.occurred_at, moneyGross: plan.moneyGross, moneyDeduction: plan.moneyDeduction, moneyReturned: plan.moneyToReturn,
        pointsReturned: plan.pointsToReturn, pointsTakenBack: answer.points.takenBack, negativeBalance: plan.negativeBalance, forgiven: plan.forgiven,
        accumulationAmount: plan.accumulated.amount, accumulationCount: plan.accumulated.count, plan: JSON.stringify(plan),
      },
      operation: { kind, id: clientId, requestHash: hash, response, purchaseId: purchase.id },
      webhook: { event: 'receipt.refunded', data: response },
    });
    // The member row is locked by this transaction, so the gate cannot fail; if it did, nothing was written.
    if (!applied) throw new Error('refund write was not applied under the member lock');
    return answer;
  });
}

/** Cancel is for mistakes noticed at once: the same local day and before the earned points unlock. */
async function checkCancelAllowed(tx: Parameters<typeof lotById>[0], actor: Actor, purchase: { occurred_at: Date; earned_lot_id: string | null; status: string }, now: Date, timeZone: string) {
  if (purchase.status === 'cancelled' || purchase.status === 'refunded') throw conflict('nothing_to_refund', 'Nothing is left to refund on this receipt');
  if (localDate(purchase.occurred_at, timeZone) !== localDate(now, timeZone)) {
    throw conflict('cancel_not_allowed', 'A receipt can be cancelled only on the day it was made; refund it instead', { reason: 'not_same_day' });
  }
  if (purchase.earned_lot_id) {
    const lot = await lotById(tx, actor, purchase.earned_lot_id);
    // Without a pending period (unlock at the receipt's own time) only the same-day rule applies.
    const hadPendingPeriod = lot?.unlock_at && lot.unlock_at.getTime() > purchase.occurred_at.getTime();
    if (hadPendingPeriod && lot.unlock_at!.getTime() <= now.getTime()) {
      throw conflict('cancel_not_allowed', 'The points of this receipt are already spendable; refund it instead', { reason: 'pending_period_over' });
    }
  }
}
