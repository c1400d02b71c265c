// Accumulation history and the windows measured over it, shared by cumulative discounts, clubs and tiers.
import { zonedParts, zonedTimeToInstant } from '../../../platform/time.js';
import type { MinorUnits } from '../../../platform/money.js';
import type { Threshold, ThresholdMatch } from './program.js';

/**
 * One change to a customer's accumulated totals. Amounts and counts are non-negative; a refund subtracts.
 * A refund names the time of the purchase it reverses (`originalAt`), so it leaves the window that
 * purchase counted in, not the window of the refund day. A refund's count is 1 only when it makes the
 * receipt fully refunded (see planRefund), so a partial refund does not erase a visit.
 */
export interface AccumulationEvent {
  kind: 'purchase' | 'refund';
  at: Date;
  amount: MinorUnits;
  count: number;
  originalAt?: Date | null;
}

export interface Measured {
  amount: MinorUnits;
  count: number;
}

/** The same local wall-clock time `days` calendar days later (or earlier), across DST changes. */
export function addLocalDays(instant: Date, days: number, timeZone: string): Date {
  if (!Number.isSafeInteger(days)) throw new RangeError(`days must be an integer, got ${days}`);
  const p = zonedParts(instant, timeZone);
  const d = new Date(Date.UTC(p.year, p.month - 1, p.day + days));
  const shifted = zonedTimeToInstant(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), p.hour, p.minute, p.second, timeZone);
  return new Date(shifted.getTime() + instant.getUTCMilliseconds());
}

export function assertEvent(e: AccumulationEvent): void {
  if (!Number.isSafeInteger(e.amount) || e.amount < 0) throw new RangeError(`accumulation amount must be a non-negative integer, got ${e.amount}`);
  if (!Number.isSafeInteger(e.count) || e.count < 0) throw new RangeError(`accumulation count must be a non-negative integer, got ${e.count}`);
  if (Number.isNaN(e.at.getTime())) throw new RangeError('accumulation event needs a valid time');
}

/** Events in time order; at the same instant purchases come before refunds, then input order (stable). */
export function sortEvents(events: readonly AccumulationEvent[]): AccumulationEvent[] {
  events.forEach(assertEvent);
  return events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.at.getTime() - b.e.at.getTime() || rank(a.e) - rank(b.e) || a.i - b.i)
    .map(({ e }) => e);
}
const rank = (e: AccumulationEvent) => (e.kind === 'purchase' ? 0 : 1);

/**
 * Totals of purchases made in (from, to], minus refunds made by `to` of purchases made in (from, to].
 * `from` null means since the beginning. Never below zero: a refund cannot take more than was counted.
 */
export function measureWindow(events: readonly AccumulationEvent[], from: Date | null, to: Date): Measured {
  const lo = from === null ? -Infinity : from.getTime();
  const hi = to.getTime();
  let amount = 0;
  let count = 0;
  for (const e of sortEvents(events)) {
    if (e.at.getTime() > hi) break;
    const when = (e.kind === 'refund' ? e.originalAt ?? e.at : e.at).getTime();
    if (when <= lo || when > hi) continue;
    if (e.kind === 'purchase') {
      amount += e.amount;
      count += e.count;
    } else {
      amount = Math.max(0, amount - e.amount);
      count = Math.max(0, count - e.count);
    }
  }
  return { amount, count };
}

/** Whether the measured figures meet a threshold. A threshold with no fields is always met. */
export function thresholdReached(t: Threshold, m: Measured, match: ThresholdMatch): boolean {
  const checks: boolean[] = [];
  if (t.minAmount !== undefined) checks.push(m.amount >= t.minAmount);
  if (t.minCount !== undefined) checks.push(m.count >= t.minCount);
  if (checks.length === 0) return true;
  return match === 'all' ? checks.every(Boolean) : checks.some(Boolean);
}

/** How far the measured figures are from a threshold (0 where a part is met, null where it does not apply). */
export function distanceTo(t: Threshold, m: Measured): { amountToGo: MinorUnits | null; countToGo: number | null } {
  return {
    amountToGo: t.minAmount === undefined ? null : Math.max(0, t.minAmount - m.amount),
    countToGo: t.minCount === undefined ? null : Math.max(0, t.minCount - m.count),
  };
}
