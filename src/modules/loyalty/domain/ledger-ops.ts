// The checkout operations on the reference ledger model: which transfers confirm, refund, cancel,
// unlock, expire and adjust write, with which ids. The service writes the same transfers to the database.
import type { CalculateInput, ReceiptResult } from './calculate.js';
import { calculateReceipt } from './calculate.js';
import type { Batch, LedgerState, LotRecord, Transfer, TransferKind } from './ledger-model.js';
import { applyBatch, balanceOf, customerLots, debtOf, EXPIRED, ISSUED, pendingAccount, REDEEMED, spendableAccount, TAKEN_BACK, transferId } from './ledger-model.js';
import type { LotTake } from './lots.js';
import { lotDates, lotExpiry, planDebtSettlement, planExpiry, planSpend, planUnlock, spendableTotal } from './lots.js';
import type { ProgramConfig } from './program.js';
import type { RefundPlan } from './refund.js';
import { planRefund } from './refund.js';

export interface ReceiptRecord {
  receiptId: string;
  customerId: string;
  result: ReceiptResult;
  earnedLotId: string | null;
  /** Refunded quantity per line so far (milli-units). */
  refunded: number[];
}

export interface ModelState {
  program: ProgramConfig;
  timeZone: string;
  ledger: LedgerState;
  receipts: ReadonlyMap<string, ReceiptRecord>;
  /** Idempotency of operations: the request's fingerprint and the first answer. */
  operations: ReadonlyMap<string, { fingerprint: string; answer: unknown }>;
}

export type OpOutcome<T> =
  | { status: 'applied' | 'replayed'; state: ModelState; answer: T }
  | { status: 'conflict' | 'refused'; state: ModelState; reason: string };

export interface ConfirmCommand {
  receiptId: string;
  customerId: string;
  at: Date;
  lines: CalculateInput['lines'];
  requestedPoints: number;
}

export function emptyModel(program: ProgramConfig, timeZone: string, ledger: LedgerState): ModelState {
  return { program, timeZone, ledger, receipts: new Map(), operations: new Map() };
}

const fingerprintOf = (command: unknown) => JSON.stringify(command);

/** Runs an operation once per id: the same request again returns the first answer, a different one is a conflict. */
function once<T>(state: ModelState, opId: string, command: unknown, run: () => OpOutcome<T>): OpOutcome<T> {
  const prior = state.operations.get(opId);
  const fingerprint = fingerprintOf(command);
  if (prior) {
    return prior.fingerprint === fingerprint
      ? { status: 'replayed', state, answer: prior.answer as T }
      : { status: 'conflict', state, reason: 'operation_id_reused' };
  }
  const out = run();
  if (out.status !== 'applied') return out;
  const operations = new Map(state.operations).set(opId, { fingerprint, answer: out.answer });
  return { ...out, state: { ...out.state, operations } };
}

function transfer(opId: string, kind: TransferKind, part: string | undefined, debit: string, credit: string, amount: number, lotId: string | null): Transfer {
  return { id: transferId(opId, kind, part), debit, credit, amount, kind, operationId: opId, lotId };
}

function takeTransfers(opId: string, kind: TransferKind, customerId: string, takes: readonly LotTake[], to: string): Transfer[] {
  return takes.map((t) => transfer(opId, kind, t.lotId, t.from === 'pending' ? pendingAccount(customerId) : spendableAccount(customerId), to, t.amount, t.lotId));
}

/**
 * Applies a batch plus the repayment of any open debt from lots that are spendable after it, all in
 * one atomic batch. Each repaid point moves lot → taken_back and taken_back → the lot-less part.
 */
function commit(state: ModelState, opId: string, customerId: string, batch: Batch, at: Date): { ok: true; ledger: LedgerState } | { ok: false; reason: string } {
  const first = applyBatch(state.ledger, batch);
  if (first.status !== 'applied') return { ok: false, reason: first.status === 'duplicate' ? 'duplicate' : `${first.status}:${'reason' in first ? first.reason : first.transferId}` };
  const debt = debtOf(first.state, customerId);
  const settle = debt > 0 ? planDebtSettlement(customerLots(first.state, customerId), debt, at) : [];
  if (settle.length === 0) return { ok: true, ledger: first.state };
  const extra = settle.flatMap((t) => [
    transfer(opId, 'settle_debt', t.lotId, spendableAccount(customerId), TAKEN_BACK, t.amount, t.lotId),
    transfer(opId, 'debt_repaid', t.lotId, TAKEN_BACK, spendableAccount(customerId), t.amount, null),
  ]);
  const both = applyBatch(state.ledger, { transfers: [...batch.transfers, ...extra], newLots: batch.newLots });
  return both.status === 'applied' ? { ok: true, ledger: both.state } : { ok: false, reason: `settlement:${both.status}` };
}

/** What calculate sees of a customer: spendable lots at `at` net of debt, and pending lots. */
export function customerPoints(state: ModelState, customerId: string, at: Date): { spendable: number; pending: number } {
  const lots = customerLots(state.ledger, customerId);
  return {
    spendable: spendableTotal(lots, at) - debtOf(state.ledger, customerId),
    pending: lots.reduce((a, l) => a + (l.pending ? l.remaining : 0), 0),
  };
}

export function confirm(state: ModelState, cmd: ConfirmCommand): OpOutcome<ReceiptResult> {
  return once<ReceiptResult>(state, cmd.receiptId, cmd, () => {
    const { program } = state;
    const points = customerPoints(state, cmd.customerId, cmd.at);
    const result = calculateReceipt({
      program, lines: cmd.lines, requestedPoints: cmd.requestedPoints,
      customer: { tier: program.tiers[0]?.code ?? null, accumulated: { amount: 0, count: 0 }, clubMember: false, spendablePoints: points.spendable, pendingPoints: points.pending },
    });
    const spend = planSpend(customerLots(state.ledger, cmd.customerId), result.totals.pointsSpent, cmd.at);
    if (!spend.ok) return { status: 'refused', state, reason: spend.reason };
    const transfers = takeTransfers(cmd.receiptId, 'spend', cmd.customerId, spend.value, REDEEMED);
    const newLots: LotRecord[] = [];
    let earnedLotId: string | null = null;
    if (result.totals.pointsEarned > 0 && program.points) {
      earnedLotId = `${cmd.receiptId}:earn`;
      const dates = lotDates(program.points, cmd.at, state.timeZone);
      newLots.push({ id: earnedLotId, customerId: cmd.customerId, ...dates });
      const to = dates.unlockAt.getTime() <= cmd.at.getTime() ? spendableAccount(cmd.customerId) : pendingAccount(cmd.customerId);
      transfers.push(transfer(cmd.receiptId, 'accrue', undefined, ISSUED, to, result.totals.pointsEarned, earnedLotId));
    }
    const done = commit(state, cmd.receiptId, cmd.customerId, { transfers, newLots }, cmd.at);
    if (!done.ok) return { status: 'refused', state, reason: done.reason };
    const record: ReceiptRecord = { receiptId: cmd.receiptId, customerId: cmd.customerId, result, earnedLotId, refunded: result.lines.map(() => 0) };
    return { status: 'applied', state: { ...state, ledger: done.ledger, receipts: new Map(state.receipts).set(cmd.receiptId, record) }, answer: result };
  });
}

/** Refund by lines and quantities (milli-units per line index), idempotent by the refund id. */
export function refund(state: ModelState, cmd: { refundId: string; receiptId: string; quantities: number[]; at: Date }): OpOutcome<RefundPlan> {
  return once<RefundPlan>(state, cmd.refundId, cmd, () => applyRefund(state, cmd.refundId, cmd.receiptId, () => cmd.quantities, cmd.at));
}

/**
 * Cancel is a refund of everything not refunded yet. Its idempotency fingerprint is the cancel request
 * itself: the remaining quantities change once it has run, and a retry must still be a replay.
 */
export function cancel(state: ModelState, cmd: { cancelId: string; receiptId: string; at: Date }): OpOutcome<RefundPlan> {
  return once<RefundPlan>(state, cmd.cancelId, { cancel: cmd }, () => applyRefund(state, cmd.cancelId, cmd.receiptId,
    (record) => record.result.lines.map((l, i) => l.quantityMilli - (record.refunded[i] ?? 0)), cmd.at));
}

function applyRefund(state: ModelState, opId: string, receiptId: string, quantitiesOf: (r: ReceiptRecord) => number[], at: Date): OpOutcome<RefundPlan> {
  const record = state.receipts.get(receiptId);
  if (!record) return { status: 'refused', state, reason: 'receipt_not_found' };
  const c = record.customerId;
  const expiry = state.program.points?.expiry ?? { kind: 'never' as const };
  const planned = planRefund({
    receipt: record.result, quantities: quantitiesOf(record), alreadyRefunded: record.refunded,
    lots: customerLots(state.ledger, c), earnedLotId: record.earnedLotId,
    spendableBalance: balanceOf(state.ledger, spendableAccount(c)),
    returnLot: { id: `${opId}:return`, expiresAt: lotExpiry(expiry, at, state.timeZone) },
    policy: state.program.refundPolicy, at,
  });
  if (!planned.ok) return { status: 'refused', state, reason: planned.reason };
  const plan = planned.value;
  const transfers: Transfer[] = [];
  const newLots: LotRecord[] = [];
  if (plan.returnLot) {
    newLots.push({ id: plan.returnLot.id, customerId: c, unlockAt: null, expiresAt: plan.returnLot.expiresAt });
    transfers.push(transfer(opId, 'return', undefined, REDEEMED, spendableAccount(c), plan.returnLot.amount, plan.returnLot.id));
  }
  transfers.push(...takeTransfers(opId, 'take_back', c, plan.takes, TAKEN_BACK));
  if (plan.negativeBalance > 0) transfers.push(transfer(opId, 'take_back', 'debt', spendableAccount(c), TAKEN_BACK, plan.negativeBalance, null));
  const done = commit(state, opId, c, { transfers, newLots }, at);
  if (!done.ok) return { status: 'refused', state, reason: done.reason };
  const updated: ReceiptRecord = { ...record, refunded: plan.lines.map((l) => l.refundedQuantityMilli) };
  return { status: 'applied', state: { ...state, ledger: done.ledger, receipts: new Map(state.receipts).set(receiptId, updated) }, answer: plan };
}

/** The scheduled job for one customer: unlock due lots, then expire due lots. Ids come from the lots, so reruns add nothing. */
export function runDue(state: ModelState, customerId: string, at: Date): OpOutcome<{ unlocked: number; expired: number }> {
  const lots = customerLots(state.ledger, customerId);
  const unlocks = planUnlock(lots, at);
  const expiries = planExpiry(lots, at);
  const transfers = [
    ...unlocks.map((u) => transfer(`lot:${u.lotId}`, 'unlock', undefined, pendingAccount(customerId), spendableAccount(customerId), u.amount, u.lotId)),
    ...expiries.map((e) => transfer(`lot:${e.lotId}`, 'expire', undefined, e.from === 'pending' ? pendingAccount(customerId) : spendableAccount(customerId), EXPIRED, e.amount, e.lotId)),
  ];
  const answer = { unlocked: unlocks.reduce((a, u) => a + u.amount, 0), expired: expiries.reduce((a, e) => a + e.amount, 0) };
  if (transfers.length === 0) return { status: 'applied', state, answer };
  const done = commit(state, `due:${customerId}:${at.toISOString()}`, customerId, { transfers, newLots: [] }, at);
  if (!done.ok) return { status: 'refused', state, reason: done.reason };
  return { status: 'applied', state: { ...state, ledger: done.ledger }, answer };
}

/** A manual adjustment by an owner or manager: positive adds a lot, negative takes from spendable lots. */
export function adjust(state: ModelState, cmd: { adjustId: string; customerId: string; amount: number; at: Date; expiresAt: Date | null }): OpOutcome<{ amount: number }> {
  return once<{ amount: number }>(state, cmd.adjustId, cmd, () => {
    const c = cmd.customerId;
    if (!Number.isSafeInteger(cmd.amount) || cmd.amount === 0) return { status: 'refused', state, reason: 'amount_must_be_non_zero_integer' };
    let batch: Batch;
    if (cmd.amount > 0) {
      const lotId = `${cmd.adjustId}:lot`;
      batch = {
        newLots: [{ id: lotId, customerId: c, unlockAt: null, expiresAt: cmd.expiresAt }],
        transfers: [transfer(cmd.adjustId, 'adjust', undefined, ISSUED, spendableAccount(c), cmd.amount, lotId)],
      };
    } else {
      if (customerPoints(state, c, cmd.at).spendable < -cmd.amount) return { status: 'refused', state, reason: 'insufficient_points' };
      const spend = planSpend(customerLots(state.ledger, c), -cmd.amount, cmd.at);
      if (!spend.ok) return { status: 'refused', state, reason: spend.reason };
      batch = { newLots: [], transfers: takeTransfers(cmd.adjustId, 'adjust', c, spend.value, TAKEN_BACK) };
    }
    const done = commit(state, cmd.adjustId, c, batch, cmd.at);
    if (!done.ok) return { status: 'refused', state, reason: done.reason };
    return { status: 'applied', state: { ...state, ledger: done.ledger }, answer: { amount: cmd.amount } };
  });
}
