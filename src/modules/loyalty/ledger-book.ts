// One customer's part of the ledger, in memory, for the duration of one operation. It mirrors the
// reference model (domain/ledger-model.ts + ledger-ops.ts) rule by rule, but starts from a snapshot
// of the customer's lots and cached balances instead of every transfer, so an operation reads one
// customer and writes one statement. Every move checks what must never happen (a lot overdrawn, a
// debt overpaid, points in the wrong account) before the caller may write anything.
import type { Lot, PointsExpiry, RefundPlan, RefundPolicy, StoredReceiptResult, TransferKind } from './domain/index.js';
import { lotExpiry, planDebtSettlement, planExpiry, planRefund, planSpend, planUnlock, spendableTotal, transferId } from './domain/index.js';

export type AccountRole = 'spendable' | 'pending' | 'issued' | 'redeemed' | 'expired' | 'taken_back';
const CUSTOMER_ROLES: readonly AccountRole[] = ['spendable', 'pending'];

export interface BookLot {
  id: string;
  remaining: number;
  pending: boolean;
  unlockAt: Date | null;
  expiresAt: Date | null;
  operationId: string;
  createdAt: Date;
}

export interface BookTransfer {
  id: string;
  kind: TransferKind;
  operationId: string;
  debit: AccountRole;
  credit: AccountRole;
  amount: number;
  lotId: string | null;
}

export interface BookSnapshot {
  /** The spendable account balance (negative while a refund debt is open). */
  spendable: number;
  pending: number;
  /** The open refund debt: minus the lot-less part of the spendable account. */
  debt: number;
  lots: readonly BookLot[];
}

export class LedgerRuleError extends Error {
  constructor(readonly rule: string, message: string) {
    super(`ledger rule ${rule}: ${message}`);
  }
}

export class InsufficientPointsError extends Error {
  constructor(readonly requested: number, readonly available: number) {
    super(`insufficient points: ${requested} requested, ${available} available`);
  }
}

interface LotEntry extends BookLot { isNew: boolean; touched: boolean }

/** Spelled out rather than `{ ...lot }`: a snapshot can hold hundreds of lots, and the spread is the slow path. */
const entry = (l: BookLot, isNew: boolean): LotEntry => ({
  id: l.id, remaining: l.remaining, pending: l.pending, unlockAt: l.unlockAt, expiresAt: l.expiresAt, operationId: l.operationId, createdAt: l.createdAt,
  isNew, touched: isNew,
});

export class Book {
  readonly transfers: BookTransfer[] = [];
  private readonly lots = new Map<string, LotEntry>();
  private spendable: number;
  private pending: number;
  private debt: number;

  constructor(snapshot: BookSnapshot, private readonly now: Date) {
    this.spendable = snapshot.spendable;
    this.pending = snapshot.pending;
    this.debt = snapshot.debt;
    for (const l of snapshot.lots) this.lots.set(l.id, entry(l, false));
    this.verify();
  }

  /** The lots as the domain planners see them (only lots with points left matter to them). */
  planningLots(): Lot[] {
    return [...this.lots.values()].filter((l) => l.remaining > 0)
      .map((l) => ({ id: l.id, remaining: l.remaining, pending: l.pending, unlockAt: l.unlockAt, expiresAt: l.expiresAt }));
  }

  /** What the customer can spend at `at` (lots not due to expire, minus any debt) and what is pending. */
  points(at: Date): { spendable: number; pending: number } {
    return { spendable: spendableTotal(this.planningLots(), at) - this.debt, pending: this.pending };
  }

  balances() {
    return { spendable: this.spendable, pending: this.pending, debt: this.debt };
  }

  lot(id: string): BookLot | undefined {
    return this.lots.get(id);
  }

  /** Unlocks and expires every lot due at `at`. Ids come from the lots, so the same due work can never be written twice. */
  runDue(at: Date): { unlocked: number; expired: number } {
    const lots = this.planningLots();
    const unlocks = planUnlock(lots, at);
    const expiries = planExpiry(lots, at);
    for (const u of unlocks) this.move({ id: transferId(`lot:${u.lotId}`, 'unlock'), kind: 'unlock', operationId: `lot:${u.lotId}`, debit: 'pending', credit: 'spendable', amount: u.amount, lotId: u.lotId });
    for (const e of expiries) this.move({ id: transferId(`lot:${e.lotId}`, 'expire'), kind: 'expire', operationId: `lot:${e.lotId}`, debit: e.from, credit: 'expired', amount: e.amount, lotId: e.lotId });
    return { unlocked: unlocks.reduce((a, u) => a + u.amount, 0), expired: expiries.reduce((a, e) => a + e.amount, 0) };
  }

  /** Spends from the soonest-expiring spendable lots. */
  spend(opId: string, amount: number, at: Date): void {
    if (amount === 0) return;
    const plan = planSpend(this.planningLots(), amount, at);
    if (!plan.ok) throw new InsufficientPointsError(amount, Number(plan.details?.available ?? 0));
    for (const t of plan.value) this.move({ id: transferId(opId, 'spend', t.lotId), kind: 'spend', operationId: opId, debit: t.from, credit: 'redeemed', amount: t.amount, lotId: t.lotId });
  }

  /** A new lot of earned points: pending until `unlockAt`, spendable at once when that has passed. */
  accrue(opId: string, lotId: string, amount: number, dates: { unlockAt: Date; expiresAt: Date | null }): void {
    if (amount === 0) return;
    const pending = dates.unlockAt.getTime() > this.now.getTime();
    this.addLot({ id: lotId, remaining: 0, pending, unlockAt: dates.unlockAt, expiresAt: dates.expiresAt, operationId: opId, createdAt: this.now });
    this.move({ id: transferId(opId, 'accrue'), kind: 'accrue', operationId: opId, debit: 'issued', credit: pending ? 'pending' : 'spendable', amount, lotId });
  }

  /**
   * A refund of (part of) a receipt, planned by the domain from the receipt's stored result; returned
   * points come back as a new spendable lot, earned points are taken back, the shortfall follows the policy.
   */
  refund(opId: string, input: {
    receipt: StoredReceiptResult; quantities: number[]; alreadyRefunded: number[]; earnedLotId: string | null;
    policy: RefundPolicy; expiry: PointsExpiry; timeZone: string; at: Date;
  }): ReturnType<typeof planRefund> {
    const returnLotId = `${opId}:return`;
    const planned = planRefund({
      receipt: input.receipt, quantities: input.quantities, alreadyRefunded: input.alreadyRefunded,
      lots: this.planningLots(), earnedLotId: input.earnedLotId, spendableBalance: this.spendable,
      returnLot: { id: returnLotId, expiresAt: lotExpiry(input.expiry, input.at, input.timeZone) },
      policy: input.policy, at: input.at,
    });
    if (!planned.ok) return planned;
    const plan: RefundPlan = planned.value;
    if (plan.returnLot) {
      this.addLot({ id: plan.returnLot.id, remaining: 0, pending: false, unlockAt: null, expiresAt: plan.returnLot.expiresAt, operationId: opId, createdAt: this.now });
      this.move({ id: transferId(opId, 'return'), kind: 'return', operationId: opId, debit: 'redeemed', credit: 'spendable', amount: plan.returnLot.amount, lotId: plan.returnLot.id });
    }
    for (const t of plan.takes) this.move({ id: transferId(opId, 'take_back', t.lotId), kind: 'take_back', operationId: opId, debit: t.from, credit: 'taken_back', amount: t.amount, lotId: t.lotId });
    if (plan.negativeBalance > 0) this.move({ id: transferId(opId, 'take_back', 'debt'), kind: 'take_back', operationId: opId, debit: 'spendable', credit: 'taken_back', amount: plan.negativeBalance, lotId: null });
    return planned;
  }

  /** A manual adjustment: positive adds a lot, negative takes from spendable lots (never below zero). */
  adjust(opId: string, amount: number, at: Date, expiresAt: Date | null): void {
    if (!Number.isSafeInteger(amount) || amount === 0) throw new LedgerRuleError('adjust_amount', 'an adjustment is a non-zero integer');
    if (amount > 0) {
      const lotId = `${opId}:lot`;
      this.addLot({ id: lotId, remaining: 0, pending: false, unlockAt: null, expiresAt, operationId: opId, createdAt: this.now });
      this.move({ id: transferId(opId, 'adjust'), kind: 'adjust', operationId: opId, debit: 'issued', credit: 'spendable', amount, lotId });
      return;
    }
    const available = this.points(at).spendable;
    if (available < -amount) throw new InsufficientPointsError(-amount, Math.max(0, available));
    const plan = planSpend(this.planningLots(), -amount, at);
    if (!plan.ok) throw new InsufficientPointsError(-amount, Number(plan.details?.available ?? 0));
    for (const t of plan.value) this.move({ id: transferId(opId, 'adjust', t.lotId), kind: 'adjust', operationId: opId, debit: t.from, credit: 'taken_back', amount: t.amount, lotId: t.lotId });
  }

  /**
   * Repays an open refund debt from lots that are spendable at `at`: each repaid point moves lot →
   * taken_back and taken_back → the lot-less part, so points never expire from lots that in truth
   * already paid a debt. Every operation ends with this, as the reference model's commit does.
   */
  settleDebt(opId: string, at: Date): number {
    if (this.debt === 0) return 0;
    const takes = planDebtSettlement(this.planningLots(), this.debt, at);
    for (const t of takes) {
      this.move({ id: transferId(opId, 'settle_debt', t.lotId), kind: 'settle_debt', operationId: opId, debit: 'spendable', credit: 'taken_back', amount: t.amount, lotId: t.lotId });
      this.move({ id: transferId(opId, 'debt_repaid', t.lotId), kind: 'debt_repaid', operationId: opId, debit: 'taken_back', credit: 'spendable', amount: t.amount, lotId: null });
    }
    return takes.reduce((a, t) => a + t.amount, 0);
  }

  /** The earliest instant at which one of the lots unlocks or expires (null: nothing will ever be due). */
  nextDueAt(): Date | null {
    let due: number | null = null;
    for (const l of this.lots.values()) {
      if (l.remaining <= 0) continue;
      const candidates = [l.expiresAt?.getTime() ?? null, l.pending ? (l.unlockAt?.getTime() ?? -Infinity) : null].filter((t): t is number => t !== null);
      for (const t of candidates) if (due === null || t < due) due = t;
    }
    return due === null ? null : new Date(Number.isFinite(due) ? due : 0);
  }

  /** What the operation changed, to be written in one statement. */
  changes() {
    this.verify();
    const all = [...this.lots.values()];
    const plain = (l: LotEntry): BookLot => ({ id: l.id, remaining: l.remaining, pending: l.pending, unlockAt: l.unlockAt, expiresAt: l.expiresAt, operationId: l.operationId, createdAt: l.createdAt });
    return {
      transfers: [...this.transfers],
      newLots: all.filter((l) => l.isNew).map(plain),
      changedLots: all.filter((l) => !l.isNew && l.touched).map(plain),
      balances: this.balances(),
      nextDueAt: this.nextDueAt(),
    };
  }

  private addLot(lot: BookLot): void {
    if (this.lots.has(lot.id)) throw new LedgerRuleError('lot_exists', `lot ${lot.id} exists already`);
    this.lots.set(lot.id, entry(lot, true));
  }

  private move(t: BookTransfer): void {
    if (!Number.isSafeInteger(t.amount) || t.amount <= 0) throw new LedgerRuleError('amount_not_positive_integer', `${t.id}: ${t.amount}`);
    if (t.debit === t.credit) throw new LedgerRuleError('same_account', t.id);
    if (this.transfers.some((x) => x.id === t.id)) throw new LedgerRuleError('id_repeated_in_operation', t.id);
    if (t.kind === 'unlock') this.unlockLot(t);
    else {
      if (CUSTOMER_ROLES.includes(t.debit)) this.customerSide(t, t.debit, -t.amount);
      if (CUSTOMER_ROLES.includes(t.credit)) this.customerSide(t, t.credit, t.amount);
    }
    this.transfers.push(t);
  }

  /** pending → spendable of a whole lot: the lot's points change account, not amount. */
  private unlockLot(t: BookTransfer): void {
    const lot = t.lotId === null ? undefined : this.lots.get(t.lotId);
    if (!lot || !lot.pending || t.debit !== 'pending' || t.credit !== 'spendable' || lot.remaining !== t.amount) {
      throw new LedgerRuleError('unlock_whole_pending_lot', t.id);
    }
    lot.pending = false;
    lot.touched = true;
    this.pending -= t.amount;
    this.spendable += t.amount;
  }

  private customerSide(t: BookTransfer, role: AccountRole, delta: number): void {
    if (role === 'spendable') this.spendable += delta;
    else this.pending += delta;
    if (t.lotId === null) {
      if (role === 'pending') throw new LedgerRuleError('pending_needs_lot', t.id);
      if (delta < 0 && t.kind !== 'take_back') throw new LedgerRuleError('lotless_debit_only_for_take_back', t.id);
      if (delta > 0 && t.kind !== 'debt_repaid') throw new LedgerRuleError('lotless_credit_only_for_debt_repaid', t.id);
      this.debt -= delta;
      if (this.debt < 0) throw new LedgerRuleError('debt_overpaid', t.id);
      return;
    }
    const lot = this.lots.get(t.lotId);
    if (!lot) throw new LedgerRuleError('unknown_lot', `${t.id}: ${t.lotId}`);
    // A lot's points sit in one account at a time: an empty lot may start on either.
    if (lot.remaining > 0 && lot.pending !== (role === 'pending')) throw new LedgerRuleError('lot_in_other_account', t.id);
    if (lot.remaining === 0 && delta > 0) lot.pending = role === 'pending';
    lot.remaining += delta;
    lot.touched = true;
    if (lot.remaining < 0) throw new LedgerRuleError('lot_overdrawn', t.id);
  }

  /** The cached balances must always equal what the lots and the debt say. */
  private verify(): void {
    let spendableLots = 0;
    let pendingLots = 0;
    for (const l of this.lots.values()) {
      if (!Number.isSafeInteger(l.remaining) || l.remaining < 0) throw new LedgerRuleError('lot_remaining', l.id);
      if (l.pending) pendingLots += l.remaining;
      else spendableLots += l.remaining;
    }
    if (this.debt < 0) throw new LedgerRuleError('debt_negative', String(this.debt));
    if (this.spendable !== spendableLots - this.debt || this.pending !== pendingLots) {
      throw new LedgerRuleError('cache_mismatch', `spendable ${this.spendable} vs ${spendableLots - this.debt}, pending ${this.pending} vs ${pendingLots}`);
    }
  }
}
