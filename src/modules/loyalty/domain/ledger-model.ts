// The reference model of the points ledger, in memory. The PostgreSQL implementation mirrors it rule by
// rule; the property tests run random operation sequences against it.
//
// - An account's balance is credits − debits of its transfers. Double entry: every transfer debits one
//   account and credits another, so all balances together always sum to zero.
// - Customer points live in lots. A customer account's balance splits into parts per lot plus one
//   lot-less part, which is only ever ≤ 0: the debt a refund left under the negative_balance policy.
// - A transfer id is derived from its cause (`operation:kind:part`). Applying a batch whose transfers
//   all exist with the same content is a no-op ("duplicate"); any id with different content, or a
//   batch that only partly exists, is a conflict. A batch applies entirely or not at all.
import type { Lot } from './lots.js';

export const ISSUED = 'system:issued';
export const REDEEMED = 'system:redeemed';
export const EXPIRED = 'system:expired';
export const TAKEN_BACK = 'system:taken_back';
export const SYSTEM_ACCOUNTS = [ISSUED, REDEEMED, EXPIRED, TAKEN_BACK] as const;

export const spendableAccount = (customerId: string) => `customer:${customerId}:spendable`;
export const pendingAccount = (customerId: string) => `customer:${customerId}:pending`;

export type TransferKind = 'accrue' | 'unlock' | 'spend' | 'return' | 'take_back' | 'expire' | 'adjust' | 'settle_debt' | 'debt_repaid';

export interface Transfer {
  id: string;
  /** The account the amount leaves. */
  debit: string;
  /** The account the amount enters. */
  credit: string;
  amount: number;
  kind: TransferKind;
  operationId: string;
  lotId: string | null;
}

export interface LotRecord {
  id: string;
  customerId: string;
  unlockAt: Date | null;
  expiresAt: Date | null;
}

export interface LedgerState {
  transfers: readonly Transfer[];
  byId: ReadonlyMap<string, Transfer>;
  lots: ReadonlyMap<string, LotRecord>;
  /** Cached balances; `balanceFromTransfers` is the definition they must always equal. */
  balances: ReadonlyMap<string, number>;
  /** Cached customer-account parts per lot, keyed `account|lotId` ('' for the lot-less part). */
  parts: ReadonlyMap<string, number>;
}

export interface Batch {
  transfers: readonly Transfer[];
  newLots: readonly LotRecord[];
}

export type ApplyResult =
  | { status: 'applied'; state: LedgerState }
  | { status: 'duplicate'; state: LedgerState }
  | { status: 'conflict'; transferId: string }
  | { status: 'rejected'; transferId: string; reason: string };

export function emptyLedger(): LedgerState {
  return { transfers: [], byId: new Map(), lots: new Map(), balances: new Map(), parts: new Map() };
}

export const transferId = (operationId: string, kind: TransferKind, part?: string) => `${operationId}:${kind}${part === undefined ? '' : `:${part}`}`;
export const partKey = (account: string, lotId: string | null) => `${account}|${lotId ?? ''}`;

/** The definition of a balance: the sum over transfers. */
export function balanceFromTransfers(transfers: readonly Transfer[], account: string): number {
  return transfers.reduce((a, t) => a + (t.credit === account ? t.amount : 0) - (t.debit === account ? t.amount : 0), 0);
}

export function balanceOf(state: LedgerState, account: string): number {
  return state.balances.get(account) ?? 0;
}

/** The lot-less part of a customer's spendable account: minus the open refund debt. */
export function debtOf(state: LedgerState, customerId: string): number {
  return -(state.parts.get(partKey(spendableAccount(customerId), null)) ?? 0);
}

function customerOf(account: string): { customerId: string; kind: 'spendable' | 'pending' } | null {
  const m = /^customer:(.+):(spendable|pending)$/.exec(account);
  return m ? { customerId: m[1] ?? '', kind: m[2] as 'spendable' | 'pending' } : null;
}

const sameTransfer = (a: Transfer, b: Transfer) => a.debit === b.debit && a.credit === b.credit && a.amount === b.amount
  && a.kind === b.kind && a.operationId === b.operationId && a.lotId === b.lotId;
const sameLot = (a: LotRecord, b: LotRecord) => a.customerId === b.customerId
  && a.unlockAt?.getTime() === b.unlockAt?.getTime() && a.expiresAt?.getTime() === b.expiresAt?.getTime();

/** What must never happen, checked for every transfer before anything is committed. */
function violation(t: Transfer, lots: ReadonlyMap<string, LotRecord>, balances: Map<string, number>, parts: Map<string, number>): string | null {
  if (t.id === '') return 'empty_id';
  if (!Number.isSafeInteger(t.amount) || t.amount <= 0) return 'amount_not_positive_integer';
  if (t.debit === t.credit) return 'same_account';
  for (const account of [t.debit, t.credit]) {
    const c = customerOf(account);
    if (!c && !(SYSTEM_ACCOUNTS as readonly string[]).includes(account)) return `unknown_account:${account}`;
    if (!c) continue;
    if (t.lotId !== null && lots.get(t.lotId)?.customerId !== c.customerId) return 'lot_not_of_customer';
    if (t.lotId === null && c.kind === 'pending') return 'pending_needs_lot';
    if (t.lotId === null && account === t.debit && t.kind !== 'take_back') return 'lotless_debit_only_for_take_back';
    if (t.lotId === null && account === t.credit && t.kind !== 'debt_repaid') return 'lotless_credit_only_for_debt_repaid';
  }
  balances.set(t.debit, (balances.get(t.debit) ?? 0) - t.amount);
  balances.set(t.credit, (balances.get(t.credit) ?? 0) + t.amount);
  for (const [account, delta] of [[t.debit, -t.amount], [t.credit, t.amount]] as const) {
    if (!customerOf(account)) continue;
    const key = partKey(account, t.lotId);
    parts.set(key, (parts.get(key) ?? 0) + delta);
  }
  for (const account of [t.debit, t.credit]) {
    const b = balances.get(account) ?? 0;
    if (account === ISSUED ? b > 0 : account !== TAKEN_BACK && !customerOf(account) && b < 0) return `system_balance_wrong_sign:${account}`;
    if (account === TAKEN_BACK && b < 0) return 'taken_back_negative';
    if (customerOf(account)) {
      const part = parts.get(partKey(account, t.lotId)) ?? 0;
      if (t.lotId !== null && part < 0) return 'lot_overdrawn';
      if (t.lotId === null && part > 0) return 'debt_overpaid';
    }
  }
  return null;
}

export function applyBatch(state: LedgerState, batch: Batch): ApplyResult {
  const ids = new Set<string>();
  let existing = 0;
  for (const t of batch.transfers) {
    if (ids.has(t.id)) return { status: 'rejected', transferId: t.id, reason: 'id_repeated_in_batch' };
    ids.add(t.id);
    const prior = state.byId.get(t.id);
    if (prior && !sameTransfer(prior, t)) return { status: 'conflict', transferId: t.id };
    if (prior) existing += 1;
  }
  for (const lot of batch.newLots) {
    const prior = state.lots.get(lot.id);
    if (prior && !sameLot(prior, lot)) return { status: 'conflict', transferId: `lot:${lot.id}` };
    if (prior) existing += 1;
  }
  const size = batch.transfers.length + batch.newLots.length;
  if (existing > 0 && existing === size) return { status: 'duplicate', state };
  if (existing > 0) return { status: 'conflict', transferId: batch.transfers[0]?.id ?? '' };

  const lots = new Map(state.lots);
  for (const lot of batch.newLots) lots.set(lot.id, lot);
  const balances = new Map(state.balances);
  const parts = new Map(state.parts);
  const byId = new Map(state.byId);
  for (const t of batch.transfers) {
    const problem = violation(t, lots, balances, parts);
    if (problem) return { status: 'rejected', transferId: t.id, reason: problem };
    byId.set(t.id, t);
  }
  return { status: 'applied', state: { transfers: [...state.transfers, ...batch.transfers], byId, lots, balances, parts } };
}

/** The customer's lots as the planners see them, derived from the transfers' lot parts. */
export function customerLots(state: LedgerState, customerId: string): Lot[] {
  const lots: Lot[] = [];
  for (const rec of state.lots.values()) {
    if (rec.customerId !== customerId) continue;
    const spendable = state.parts.get(partKey(spendableAccount(customerId), rec.id)) ?? 0;
    const pending = state.parts.get(partKey(pendingAccount(customerId), rec.id)) ?? 0;
    if (spendable > 0 && pending > 0) throw new Error(`lot ${rec.id} is split between pending and spendable`);
    lots.push({ id: rec.id, remaining: spendable + pending, pending: pending > 0, unlockAt: rec.unlockAt, expiresAt: rec.expiresAt });
  }
  return lots;
}
