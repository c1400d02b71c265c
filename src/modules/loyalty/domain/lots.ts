// Points lots: every accrual is a lot with its own unlock and expiry time. These planners say which
// lots an operation touches and by how much; the caller turns the takes into ledger transfers.
import { endOfLocalMonth, endOfLocalYear } from '../../../platform/time.js';
import type { Outcome } from '../../../platform/types.js';
import { addLocalDays } from './measure.js';
import type { PointsConfig, PointsExpiry } from './program.js';

export interface Lot {
  id: string;
  remaining: number;
  /** True while the lot's points sit on the pending account (the unlock transfer has not happened yet). */
  pending: boolean;
  unlockAt: Date | null;
  expiresAt: Date | null;
}

export interface LotTake {
  lotId: string;
  amount: number;
  /** The account the points leave: where the lot's remainder currently sits. */
  from: 'spendable' | 'pending';
}

const expired = (lot: Lot, at: Date) => lot.expiresAt !== null && lot.expiresAt.getTime() <= at.getTime();

/** A lot can be spent when unlocked on the ledger, not yet expired at `at`, and not empty. */
export function isSpendable(lot: Lot, at: Date): boolean {
  return !lot.pending && lot.remaining > 0 && !expired(lot, at);
}

/**
 * Soonest-expiring first (never-expiring last), then by id. Ids are time-ordered (UUIDv7/ULID), so
 * among equal expiry the oldest lot goes first.
 */
export function compareForSpending(a: Lot, b: Lot): number {
  const ea = a.expiresAt?.getTime() ?? Infinity;
  const eb = b.expiresAt?.getTime() ?? Infinity;
  if (ea !== eb) return ea < eb ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function spendableTotal(lots: readonly Lot[], at: Date): number {
  return lots.reduce((a, l) => a + (isSpendable(l, at) ? l.remaining : 0), 0);
}

function assertLots(lots: readonly Lot[]): void {
  const seen = new Set<string>();
  for (const l of lots) {
    if (!Number.isSafeInteger(l.remaining) || l.remaining < 0) throw new RangeError(`lot ${l.id}: remaining must be a non-negative integer`);
    if (seen.has(l.id)) throw new RangeError(`lot ${l.id} appears twice`);
    seen.add(l.id);
  }
}

/** Takes up to `amount` from spendable lots in spending order; may take less (the caller decides if that is fine). */
export function takeInOrder(lots: readonly Lot[], amount: number, at: Date): LotTake[] {
  assertLots(lots);
  const takes: LotTake[] = [];
  let left = amount;
  for (const lot of lots.filter((l) => isSpendable(l, at)).sort(compareForSpending)) {
    if (left === 0) break;
    const take = Math.min(left, lot.remaining);
    takes.push({ lotId: lot.id, amount: take, from: 'spendable' });
    left -= take;
  }
  return takes;
}

/**
 * Spends `amount` points at `at`. The caller must first apply planUnlock and planExpiry for `at` (in
 * the same transaction) and settle any refund debt, so that lots and balance agree.
 */
export function planSpend(lots: readonly Lot[], amount: number, at: Date): Outcome<LotTake[], 'insufficient_points'> {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError(`amount to spend must be a non-negative integer, got ${amount}`);
  const available = spendableTotal(lots, at);
  if (available < amount) return { ok: false, reason: 'insufficient_points', details: { requested: amount, available } };
  return { ok: true, value: takeInOrder(lots, amount, at) };
}

/** Everything left in lots whose expiry has come, pending or not (a lot can expire before it unlocks). */
export function planExpiry(lots: readonly Lot[], at: Date): LotTake[] {
  assertLots(lots);
  return lots
    .filter((l) => l.remaining > 0 && expired(l, at))
    .sort(compareForSpending)
    .map((l) => ({ lotId: l.id, amount: l.remaining, from: l.pending ? 'pending' : 'spendable' }));
}

/** Pending lots whose unlock time has come. Lots already due to expire are left to planExpiry. */
export function planUnlock(lots: readonly Lot[], at: Date): { lotId: string; amount: number }[] {
  assertLots(lots);
  return lots
    .filter((l) => l.pending && l.remaining > 0 && !expired(l, at) && (l.unlockAt === null || l.unlockAt.getTime() <= at.getTime()))
    .sort(compareForSpending)
    .map((l) => ({ lotId: l.id, amount: l.remaining }));
}

/**
 * Repays a refund debt (a negative spendable balance) from lots as they become spendable, in spending
 * order, up to what is there. Without it, points would expire from lots that in truth already paid a debt.
 */
export function planDebtSettlement(lots: readonly Lot[], debt: number, at: Date): LotTake[] {
  if (!Number.isSafeInteger(debt) || debt < 0) throw new RangeError(`debt must be a non-negative integer, got ${debt}`);
  return takeInOrder(lots, debt, at);
}

/** When a lot that becomes spendable at `from` expires: N local days later, or at the local month/year end. */
export function lotExpiry(expiry: PointsExpiry, from: Date, timeZone: string): Date | null {
  switch (expiry.kind) {
    case 'never': return null;
    case 'days': return addLocalDays(from, expiry.days, timeZone);
    case 'end_of_month': return endOfLocalMonth(from, timeZone);
    case 'end_of_year': return endOfLocalYear(from, timeZone);
  }
}

/**
 * Dates of a lot accrued at `accruedAt` (the receipt's own time, also for late offline receipts).
 * Expiry counts from the unlock, so a pending period never eats into the time to spend the points.
 */
export function lotDates(config: PointsConfig, accruedAt: Date, timeZone: string): { unlockAt: Date; expiresAt: Date | null } {
  const unlockAt = config.pendingDays > 0 ? addLocalDays(accruedAt, config.pendingDays, timeZone) : accruedAt;
  return { unlockAt, expiresAt: lotExpiry(config.expiry, unlockAt, timeZone) };
}
