// planRefund: what a (partial, repeated or full) refund of a confirmed receipt gives back and takes back.
//
// Every proportional amount is computed as "cumulative refunded share → cumulative amount" and the
// part for this refund is the difference from what the earlier refunds already had:
//   part = round(total × refundedSoFarAfter / qty) − round(total × refundedSoFarBefore / qty)
// The cumulative figure is monotone and equals `total` at full quantity, so successive partial refunds
// never add up to more than the line had, and the refund that completes the line gets exactly the rest.
import type { MinorUnits } from '../../../platform/money.js';
import type { Outcome } from '../../../platform/types.js';
import type { Lot, LotTake } from './lots.js';
import { compareForSpending, isSpendable } from './lots.js';
import type { RefundPolicy } from './program.js';
import { pointsValueCeil } from './rate.js';
import { mulDiv } from './rational.js';
import type { StoredReceiptResult } from './stored-receipt.js';

export interface RefundInput {
  /** The result stored when the receipt was confirmed. */
  receipt: StoredReceiptResult;
  /** Quantity refunded now, per line index, in milli-units (0 for lines not refunded). */
  quantities: readonly number[];
  /** Quantity refunded by earlier refunds of this receipt, per line index. */
  alreadyRefunded: readonly number[];
  /** The customer's lots now, after planUnlock/planExpiry for `at`. */
  lots: readonly Lot[];
  /** The lot this receipt accrued (taken back first), null if it earned nothing. */
  earnedLotId: string | null;
  /** The customer's spendable account balance now (negative while a debt is open). */
  spendableBalance: number;
  /** Where returned points go: a new spendable lot with this id and expiry. */
  returnLot: { id: string; expiresAt: Date | null };
  policy: RefundPolicy;
  at: Date;
}

export interface RefundLine {
  index: number;
  quantityMilli: number;
  /** Refunded quantity of the line including this refund. */
  refundedQuantityMilli: number;
  money: MinorUnits;
  pointsTakeBack: number;
  pointsReturn: number;
  accumulationAmount: MinorUnits;
}

export interface RefundPlan {
  lines: RefundLine[];
  /** This refund completes the receipt: accumulated count goes down by one. */
  fullyRefunded: boolean;
  /** Money for the refunded share of what was paid in money, before any reduce_refund deduction. */
  moneyGross: MinorUnits;
  /** Money kept back to pay for earned points that were already spent (policy reduce_refund). */
  moneyDeduction: MinorUnits;
  moneyToReturn: MinorUnits;
  /** Points spent on the refunded share, returned to the customer (as `returnLot`). */
  pointsToReturn: number;
  returnLot: { id: string; amount: number; expiresAt: Date | null } | null;
  /** Points earned on the refunded share: what should be taken back. */
  pointsToTakeBack: number;
  /** Where the take-back comes from: the receipt's own lot, then the return lot, then other spendable lots. */
  takes: LotTake[];
  /** Take-back not found on any lot (already spent) … */
  shortfall: number;
  /** … taken anyway below zero (negative_balance), */
  negativeBalance: number;
  /** … paid for by `moneyDeduction` (reduce_refund), */
  coveredByMoney: number;
  /** … or written off (forgive; and reduce_refund beyond the money being refunded). */
  forgiven: number;
  /** To subtract from accumulated totals. */
  accumulated: { amount: MinorUnits; count: number };
}

export type RefundError = 'refund_exceeds_quantity' | 'nothing_to_refund' | 'refund_lines_mismatch';

/** The part of `total` for a line refunded from `before` to `after` milli-units out of `qty`. */
export function refundShare(total: number, qty: number, before: number, after: number): number {
  return mulDiv(total, after, qty, 'round') - mulDiv(total, before, qty, 'round');
}

export function planRefund(input: RefundInput): Outcome<RefundPlan, RefundError> {
  const { receipt, quantities, alreadyRefunded } = input;
  const n = receipt.lines.length;
  if (quantities.length !== n || alreadyRefunded.length !== n) return { ok: false, reason: 'refund_lines_mismatch' };
  let any = false;
  const lines: RefundLine[] = [];
  for (const line of receipt.lines) {
    const q = quantities[line.index] ?? 0;
    const before = alreadyRefunded[line.index] ?? 0;
    if (!Number.isSafeInteger(q) || q < 0 || !Number.isSafeInteger(before) || before < 0) throw new RangeError('refund quantities must be non-negative integers');
    const after = before + q;
    if (after > line.quantityMilli) return { ok: false, reason: 'refund_exceeds_quantity', details: { line: line.index, quantityMilli: line.quantityMilli, refundedQuantityMilli: after } };
    if (q > 0) any = true;
    const part = (total: number) => refundShare(total, line.quantityMilli, before, after);
    lines.push({
      index: line.index, quantityMilli: line.quantityMilli, refundedQuantityMilli: after,
      money: part(line.paidAmount), pointsTakeBack: part(line.pointsEarned), pointsReturn: part(line.pointsSpent),
      accumulationAmount: part(line.accumulationAmount),
    });
  }
  if (!any) return { ok: false, reason: 'nothing_to_refund' };
  const sum = (f: (l: RefundLine) => number) => lines.reduce((a, l) => a + f(l), 0);
  const moneyGross = sum((l) => l.money);
  const pointsToReturn = sum((l) => l.pointsReturn);
  const pointsToTakeBack = sum((l) => l.pointsTakeBack);
  const returnLot = pointsToReturn > 0 ? { id: input.returnLot.id, amount: pointsToReturn, expiresAt: input.returnLot.expiresAt } : null;

  const takes = planTakeBack(input, pointsToTakeBack, returnLot);
  const shortfall = pointsToTakeBack - takes.reduce((a, t) => a + t.amount, 0);
  let negativeBalance = 0;
  let moneyDeduction = 0;
  let coveredByMoney = 0;
  let forgiven = 0;
  if (shortfall > 0) {
    if (input.policy === 'negative_balance') negativeBalance = shortfall;
    else if (input.policy === 'forgive') forgiven = shortfall;
    else {
      const rate = receipt.pointsRate ?? { points: 1, minor: 1 };
      const cost = pointsValueCeil(shortfall, rate);
      moneyDeduction = Math.min(moneyGross, cost);
      coveredByMoney = moneyDeduction === cost ? shortfall : mulDiv(moneyDeduction, rate.points, rate.minor, 'floor');
      forgiven = shortfall - coveredByMoney;
    }
  }
  const fullyRefunded = lines.every((l) => l.refundedQuantityMilli === l.quantityMilli);
  return {
    ok: true,
    value: {
      lines, fullyRefunded, moneyGross, moneyDeduction, moneyToReturn: moneyGross - moneyDeduction,
      pointsToReturn, returnLot, pointsToTakeBack, takes, shortfall, negativeBalance, coveredByMoney, forgiven,
      accumulated: { amount: sum((l) => l.accumulationAmount), count: fullyRefunded ? 1 : 0 },
    },
  };
}

/**
 * Takes back from the receipt's own lot first (its points are the ones being reversed, even while
 * pending), then from the points being returned, then from other spendable lots in spending order.
 * Spendable takes never push the spendable balance below zero; that is the policy's decision.
 */
function planTakeBack(input: RefundInput, amount: number, returnLot: { id: string; amount: number; expiresAt: Date | null } | null): LotTake[] {
  const { at } = input;
  const fresh: Lot[] = returnLot ? [{ id: returnLot.id, remaining: returnLot.amount, pending: false, unlockAt: null, expiresAt: returnLot.expiresAt }] : [];
  const own = input.lots.filter((l) => l.id === input.earnedLotId);
  const others = input.lots.filter((l) => l.id !== input.earnedLotId && isSpendable(l, at)).sort(compareForSpending);
  let spendableBudget = Math.max(0, input.spendableBalance + (returnLot?.amount ?? 0));
  let left = amount;
  const takes: LotTake[] = [];
  for (const lot of [...own, ...fresh, ...others]) {
    if (left === 0) break;
    const dueToExpire = lot.expiresAt !== null && lot.expiresAt.getTime() <= at.getTime();
    if (lot.remaining <= 0 || dueToExpire) continue;
    const cap = lot.pending ? lot.remaining : Math.min(lot.remaining, spendableBudget);
    const take = Math.min(left, cap);
    if (take === 0) continue;
    takes.push({ lotId: lot.id, amount: take, from: lot.pending ? 'pending' : 'spendable' });
    if (!lot.pending) spendableBudget -= take;
    left -= take;
  }
  return takes;
}
