// Which transfers a customer merge and its undo write, decided in memory from both customers' lots and
// balances (customer-merge.ts reads them under the member locks and writes the result). Points go between
// the two customers only through the program's transit account, so each transfer touches one customer's
// lot and every cache stays the sum of its own transfers. Each side ends like any ledger operation: due
// lots unlocked or expired and an open debt repaid from spendable lots (ledger-book.ts does that part).
import type { RefundPolicy } from './domain/index.js';
import { compareForSpending, takeInOrder, type Lot } from './domain/index.js';
import { Book, LedgerRuleError, type AccountRole, type BookLot } from './ledger-book.js';

export type Party = 'loser' | 'survivor';
export type Role = AccountRole | 'transit';

export interface PlanLot extends BookLot {
  /** When `points.expiring` was sent for it; a moved lot keeps it, so the customer is not told twice. */
  notifiedAt?: Date | null;
}

export interface MergeSideSnapshot { spendable: number; pending: number; debt: number; lots: readonly PlanLot[] }

export interface Leg { party: Party; id: string; kind: string; operationId: string; debit: Role; credit: Role; amount: number; lotId: string | null }

/** A side's lots to write (new or changed), its balances and the next instant something is due. */
export interface Final { lots: PlanLot[]; balances: { spendable: number; pending: number; debt: number }; nextDueAt: Date | null }

/** Where a lot lands: an existing lot of the receiving side, or a new one with these dates. */
export interface LotTarget { id: string; unlockAt: Date | null; expiresAt: Date | null; operationId: string; createdAt: Date; notifiedAt?: Date | null }

/** One customer's lots and balances while a merge or an undo moves points to or from transit. */
class Side {
  readonly lots = new Map<string, PlanLot>();
  private readonly touched = new Set<string>();
  private spendable: number;
  private pending: number;
  private debt: number;

  constructor(readonly party: Party, snap: MergeSideSnapshot, private readonly legs: Leg[]) {
    this.spendable = snap.spendable;
    this.pending = snap.pending;
    this.debt = snap.debt;
    for (const l of snap.lots) this.lots.set(l.id, { ...l });
  }

  private leg(id: string, kind: string, op: string, debit: Role, credit: Role, amount: number, lotId: string | null) {
    if (!Number.isSafeInteger(amount) || amount <= 0) throw new LedgerRuleError('amount_not_positive_integer', `${id}: ${amount}`);
    this.legs.push({ party: this.party, id, kind, operationId: op, debit, credit, amount, lotId });
  }

  /** Points of one lot leave for transit, from whichever account the lot sits on. */
  out(id: string, kind: string, op: string, lotId: string, amount: number) {
    const lot = this.lots.get(lotId);
    if (!lot || lot.remaining < amount) throw new LedgerRuleError('lot_overdrawn', id);
    this.leg(id, kind, op, lot.pending ? 'pending' : 'spendable', 'transit', amount, lotId);
    lot.remaining -= amount;
    if (lot.pending) this.pending -= amount;
    else this.spendable -= amount;
    this.touched.add(lotId);
  }

  /** Points from transit into a lot (created when missing), pending or spendable. */
  into(id: string, kind: string, op: string, target: LotTarget, amount: number, pending: boolean) {
    let lot = this.lots.get(target.id);
    if (!lot) {
      lot = { id: target.id, remaining: 0, pending, unlockAt: target.unlockAt, expiresAt: target.expiresAt, operationId: target.operationId, createdAt: target.createdAt, notifiedAt: target.notifiedAt ?? null };
      this.lots.set(lot.id, lot);
    }
    if (lot.remaining > 0 && lot.pending !== pending) throw new LedgerRuleError('lot_in_other_account', id);
    this.leg(id, kind, op, 'transit', pending ? 'pending' : 'spendable', amount, lot.id);
    lot.pending = pending;
    lot.remaining += amount;
    if (pending) this.pending += amount;
    else this.spendable += amount;
    this.touched.add(lot.id);
  }

  /** A lot-less debit: the spendable balance goes below its lots — a debt, as under the negative_balance policy. */
  debtOut(id: string, kind: string, op: string, amount: number) {
    this.leg(id, kind, op, 'spendable', 'transit', amount, null);
    this.spendable -= amount;
    this.debt += amount;
  }

  /** A lot-less credit: repays (part of) the open debt, never more. */
  debtIn(id: string, kind: string, op: string, amount: number) {
    if (amount > this.debt) throw new LedgerRuleError('debt_overpaid', id);
    this.leg(id, kind, op, 'transit', 'spendable', amount, null);
    this.spendable += amount;
    this.debt -= amount;
  }

  openDebt() {
    return this.debt;
  }

  planning(): Lot[] {
    return [...this.lots.values()].filter((l) => l.remaining > 0)
      .map((l) => ({ id: l.id, remaining: l.remaining, pending: l.pending, unlockAt: l.unlockAt, expiresAt: l.expiresAt }));
  }

  /** Ends like every ledger operation: due lots unlocked or expired, the debt repaid from spendable lots. */
  finish(op: string, now: Date): Final {
    const book = new Book({ spendable: this.spendable, pending: this.pending, debt: this.debt, lots: [...this.lots.values()] }, now);
    book.runDue(now);
    book.settleDebt(op, now);
    const c = book.changes();
    for (const t of c.transfers) this.legs.push({ party: this.party, ...t });
    const ids = new Set([...this.touched, ...c.changedLots.map((l) => l.id)]);
    const lots = [...ids].map((id) => {
      const l = book.lot(id)!;
      return { id, remaining: l.remaining, pending: l.pending, unlockAt: l.unlockAt, expiresAt: l.expiresAt, operationId: l.operationId, createdAt: l.createdAt, notifiedAt: this.lots.get(id)?.notifiedAt ?? null };
    });
    return { lots, balances: c.balances, nextDueAt: c.nextDueAt };
  }
}

export interface MergePlan {
  legs: Leg[];
  loser: Final;
  survivor: Final;
  moved: { from: string; to: string; amount: number; pending: boolean; unlockAt: Date | null; expiresAt: Date | null }[];
  debt: number;
}

/**
 * Every open lot of the loser into a new lot of the survivor with the same unlock and expiry (pending stays
 * pending), and the loser's open debt onto the survivor, which then repays it from its spendable lots.
 */
export function planLoyaltyMerge(input: { mergeId: string; now: Date; loser: MergeSideSnapshot; survivor: MergeSideSnapshot }): MergePlan {
  const { mergeId: op, now } = input;
  const legs: Leg[] = [];
  const loser = new Side('loser', input.loser, legs);
  const survivor = new Side('survivor', input.survivor, legs);
  const moved: MergePlan['moved'] = [];
  for (const lot of [...input.loser.lots].filter((l) => l.remaining > 0).sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const to = `${op}:lot:${lot.id}`;
    loser.out(`${op}:out:${lot.id}`, 'merge', op, lot.id, lot.remaining);
    survivor.into(`${op}:in:${lot.id}`, 'merge', op, { id: to, unlockAt: lot.unlockAt, expiresAt: lot.expiresAt, operationId: op, createdAt: now, notifiedAt: lot.notifiedAt ?? null }, lot.remaining, lot.pending);
    moved.push({ from: lot.id, to, amount: lot.remaining, pending: lot.pending, unlockAt: lot.unlockAt, expiresAt: lot.expiresAt });
  }
  const debt = loser.openDebt();
  if (debt > 0) {
    survivor.debtOut(`${op}:debt_out`, 'merge', op, debt);
    loser.debtIn(`${op}:debt_in`, 'merge', op, debt);
  }
  return { legs, loser: loser.finish(op, now), survivor: survivor.finish(op, now), moved, debt };
}

/** A ledger row of the survivor since the merge, as the undo needs to see it. */
export interface TransferFact {
  lotId: string | null;
  kind: string;
  operationId: string;
  /** The transfer belongs to a refund of one of the loser's (moved) purchases. */
  movedPurchase: boolean;
  /** It debits / credits one of the survivor's accounts. */
  out: boolean;
  in: boolean;
  amount: number;
}

/** A survivor lot whose points were the loser's (a moved lot, or points returned for a loser's purchase), and where they go back to. */
export interface OriginLot { lotId: string; inflow: number; dest: LotTarget }

export interface UndoSummary {
  /** Points that were still in the moved lots and went back as they were. */
  returned: number;
  /** Points of the loser the survivor used while merged (spent, or paid a debt with). */
  usedBySurvivor: number;
  /** Of those, settled against what the loser owed the survivor (a debt brought in, refunds of the loser's purchases). */
  offset: number;
  /** Of those, not owed any more: they would have expired by now. */
  expiredMeanwhile: number;
  /** Paid back to the loser from the survivor's spendable points. */
  coveredFromPoints: number;
  /** Paid back although the survivor had no points left: a debt of the survivor (negative_balance policy). */
  coveredByDebt: number;
  /** Not paid back (forgive or reduce_refund policy: an undo moves no money). */
  forgiven: number;
  /** What the loser owed the survivor beyond the points above, paid from the loser's points or left as the loser's debt. */
  repaidToSurvivor: number;
  loserDebtLeft: number;
}

export interface UndoPlan { legs: Leg[]; loser: Final; survivor: Final; summary: UndoSummary }

/** What is owed back for an origin lot: what came in, minus what expired or refunds of the loser's own purchases took. */
function owedFor(origin: OriginLot, facts: readonly TransferFact[], mergeId: string, undoId: string): number {
  let owed = origin.inflow;
  for (const f of facts) {
    if (f.lotId !== origin.lotId) continue;
    if (f.out && f.kind === 'expire') owed -= f.amount;
    else if (f.out && f.kind === 'take_back' && f.movedPurchase) owed -= f.amount;
    // A later merge of the survivor, undone since, settled its own shortfall: only its net effect counts here.
    else if ((f.kind === 'merge' || f.kind === 'unmerge') && f.operationId !== mergeId && f.operationId !== undoId) owed += (f.in ? f.amount : 0) - (f.out ? f.amount : 0);
  }
  return Math.max(0, owed);
}

/**
 * The undo: what is left in the loser's points goes back into the loser's own lots (same ids, so the same
 * unlock and expiry); what the survivor used of them is paid back from the survivor's spendable points,
 * after subtracting what the loser owed the survivor (the debt it brought in, points taken back or debt
 * made by refunds of the loser's purchases while merged) and leaving out points that would have expired by
 * now. What the survivor cannot pay follows the program's refund policy: negative_balance gives the loser
 * everything and leaves the survivor a debt; forgive and reduce_refund give back only what there is.
 */
export function planLoyaltyUndo(input: {
  mergeId: string; undoId: string; now: Date; policy: RefundPolicy; repaidExpiresAt: Date | null;
  loser: MergeSideSnapshot; survivor: MergeSideSnapshot; origins: readonly OriginLot[]; debtMoved: number; facts: readonly TransferFact[];
}): UndoPlan {
  const { undoId: op, now } = input;
  const legs: Leg[] = [];
  const loser = new Side('loser', input.loser, legs);
  const survivor = new Side('survivor', input.survivor, legs);
  const summary: UndoSummary = { returned: 0, usedBySurvivor: 0, offset: 0, expiredMeanwhile: 0, coveredFromPoints: 0, coveredByDebt: 0, forgiven: 0, repaidToSurvivor: 0, loserDebtLeft: 0 };
  const originIds = new Set(input.origins.map((o) => o.lotId));
  const deficits: { origin: OriginLot; amount: number }[] = [];

  // 1. What is left of the loser's points goes back as it is (pending stays pending).
  for (const origin of input.origins) {
    const owed = owedFor(origin, input.facts, input.mergeId, op);
    const lot = survivor.lots.get(origin.lotId);
    const back = Math.min(lot?.remaining ?? 0, owed);
    if (back > 0 && lot) {
      const pending = lot.pending;
      survivor.out(`${op}:back_out:${origin.lotId}`, 'unmerge', op, origin.lotId, back);
      loser.into(`${op}:back_in:${origin.lotId}`, 'unmerge', op, origin.dest, back, pending);
      summary.returned += back;
    }
    if (owed > back) deficits.push({ origin, amount: owed - back });
  }
  summary.usedBySurvivor = deficits.reduce((a, d) => a + d.amount, 0);

  // 2. What the loser owed the survivor pays for the soonest-expiring of those points first, as spending would have.
  let burden = input.debtMoved + input.facts
    .filter((f) => f.movedPurchase && f.out && f.kind === 'take_back' && (f.lotId === null || !originIds.has(f.lotId)))
    .reduce((a, f) => a + f.amount, 0);
  const asLot = (d: { origin: OriginLot }): Lot => ({ id: d.origin.lotId, remaining: 1, pending: false, unlockAt: d.origin.dest.unlockAt, expiresAt: d.origin.dest.expiresAt });
  deficits.sort((a, b) => compareForSpending(asLot(a), asLot(b)));
  for (const d of deficits) {
    const take = Math.min(d.amount, burden);
    d.amount -= take;
    burden -= take;
    summary.offset += take;
  }
  // 3. Points that would have expired by now are not owed; the rest the survivor pays back from its spendable points.
  const owedNow = deficits.filter((d) => {
    const expired = d.origin.dest.expiresAt !== null && d.origin.dest.expiresAt.getTime() <= now.getTime();
    if (expired) summary.expiredMeanwhile += d.amount;
    return !expired && d.amount > 0;
  });
  const need = owedNow.reduce((a, d) => a + d.amount, 0);
  if (need > 0) {
    const takes = takeInOrder(survivor.planning(), need, now);
    for (const t of takes) survivor.out(`${op}:cover_out:${t.lotId}`, 'unmerge', op, t.lotId, t.amount);
    summary.coveredFromPoints = takes.reduce((a, t) => a + t.amount, 0);
    const shortfall = need - summary.coveredFromPoints;
    if (shortfall > 0 && input.policy === 'negative_balance') {
      survivor.debtOut(`${op}:cover_out:debt`, 'unmerge', op, shortfall);
      summary.coveredByDebt = shortfall;
    } else summary.forgiven = shortfall;
    let left = summary.coveredFromPoints + summary.coveredByDebt;
    for (const d of owedNow) {
      const give = Math.min(d.amount, left);
      if (give === 0) break;
      left -= give;
      const existing = loser.lots.get(d.origin.dest.id);
      const pending = existing && existing.remaining > 0 ? existing.pending : d.origin.dest.unlockAt !== null && d.origin.dest.unlockAt.getTime() > now.getTime();
      loser.into(`${op}:cover_in:${d.origin.lotId}`, 'unmerge', op, d.origin.dest, give, pending);
    }
  }
  // 4. The loser still owes the survivor: from the loser's spendable points, the rest as the loser's debt again.
  if (burden > 0) {
    summary.repaidToSurvivor = burden;
    const takes = takeInOrder(loser.planning(), burden, now);
    for (const t of takes) loser.out(`${op}:repay_out:${t.lotId}`, 'unmerge', op, t.lotId, t.amount);
    const fromPoints = takes.reduce((a, t) => a + t.amount, 0);
    if (burden > fromPoints) loser.debtOut(`${op}:repay_out:debt`, 'unmerge', op, burden - fromPoints);
    summary.loserDebtLeft = burden - fromPoints;
    const toDebt = Math.min(burden, survivor.openDebt());
    if (toDebt > 0) survivor.debtIn(`${op}:repay_in:debt`, 'unmerge', op, toDebt);
    if (burden > toDebt) {
      survivor.into(`${op}:repay_in:lot`, 'unmerge', op, { id: `${op}:repaid`, unlockAt: null, expiresAt: input.repaidExpiresAt, operationId: op, createdAt: now }, burden - toDebt, false);
    }
  }
  return { legs, loser: loser.finish(op, now), survivor: survivor.finish(op, now), summary };
}
