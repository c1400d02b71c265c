// Cumulative (progressive) discount: which level a customer holds at an instant, given the history.
import type { BasisPoints, MinorUnits } from '../../../platform/money.js';
import { endOfLocalYear } from '../../../platform/time.js';
import type { AccumulationEvent, Measured } from './measure.js';
import { addLocalDays, distanceTo, measureWindow, sortEvents, thresholdReached } from './measure.js';
import type { CumulativeConfig, CumulativeLevel } from './program.js';

export interface LevelHit {
  /** Index into config.levels, −1 when no level is reached. */
  index: number;
  bp: BasisPoints;
}

export interface NextLevel {
  index: number;
  bp: BasisPoints;
  amountToGo: MinorUnits | null;
  countToGo: number | null;
}

export interface CumulativeStatus {
  measured: Measured;
  /** The discount the customer gets now (after "never goes down within a period"). */
  bp: BasisPoints;
  index: number;
  /** The level the current figures reach on their own, ignoring the floor. */
  reachedBp: BasisPoints;
  next: NextLevel | null;
  /** Start of the current period (reset scopes), null where periods do not apply or nothing was bought yet. */
  periodStart: Date | null;
  /** When the current period closes (reset scopes) — the accumulation resets then unless `next` is reached. */
  periodEnd: Date | null;
}

/** The best level the figures reach: the highest discount among the levels met (order of levels does not matter). */
export function cumulativeLevelFor(config: CumulativeConfig, m: Measured): LevelHit {
  let best: LevelHit = { index: -1, bp: 0 };
  config.levels.forEach((l, index) => {
    if (thresholdReached(l, m, config.match) && l.discountBp > best.bp) best = { index, bp: l.discountBp };
  });
  return best;
}

/** The nearest level above `bp`: the smallest discount greater than the current one. */
export function nextLevelAfter(config: CumulativeConfig, m: Measured, bp: BasisPoints): NextLevel | null {
  let best: { level: CumulativeLevel; index: number } | null = null;
  for (const [index, level] of config.levels.entries()) {
    if (level.discountBp > bp && (best === null || level.discountBp < best.level.discountBp)) best = { level, index };
  }
  return best === null ? null : { index: best.index, bp: best.level.discountBp, ...distanceTo(best.level, m) };
}

const topBp = (config: CumulativeConfig) => Math.max(0, ...config.levels.map((l) => l.discountBp));

function status(config: CumulativeConfig, m: Measured, floorBp: number, periodStart: Date | null, periodEnd: Date | null): CumulativeStatus {
  const reached = cumulativeLevelFor(config, m);
  const bp = Math.max(reached.bp, floorBp);
  const index = bp === reached.bp ? reached.index : config.levels.findIndex((l) => l.discountBp === bp);
  return { measured: m, bp, index, reachedBp: reached.bp, next: nextLevelAfter(config, m, bp), periodStart, periodEnd };
}

/**
 * The customer's cumulative status at `at`, from the full accumulation history (events after `at` are
 * ignored, so late receipts are simply inserted where they belong and the replay stays right).
 *
 * Reset scopes: a period closes at the end of the local calendar year, or `days` after the last
 * purchase. At the close the accumulation is kept if a higher level was reached during the period
 * (or the customer already holds the top level, where there is nothing higher to reach); otherwise it
 * starts again from zero. Refunds of purchases made before the last reset do not touch the new total.
 */
export function evaluateCumulative(config: CumulativeConfig, events: readonly AccumulationEvent[], at: Date, timeZone: string): CumulativeStatus {
  const scope = config.scope;
  if (scope.kind === 'rolling') {
    // A rolling window has no period for the "never goes down" floor to hold on to.
    return status(config, measureWindow(events, addLocalDays(at, -scope.days, timeZone), at), 0, null, null);
  }
  const levelOf = (m: Measured) => cumulativeLevelFor(config, m).bp;
  const top = topBp(config);
  let acc: Measured = { amount: 0, count: 0 };
  let since = -Infinity; // purchases before the last reset no longer count
  let periodStart: Date | null = null;
  let startBp = 0;
  let peakBp = 0;
  let lastPurchase: Date | null = null;

  const periodEnd = (): Date | null => {
    if (periodStart === null) return null;
    if (scope.kind === 'calendar_year') return endOfLocalYear(periodStart, timeZone);
    if (scope.kind === 'inactivity' && lastPurchase !== null) return addLocalDays(lastPurchase, scope.days, timeZone);
    return null;
  };
  const closeDue = (t: number) => {
    for (let end = periodEnd(); end !== null && end.getTime() <= t; end = periodEnd()) {
      const heldBp = config.neverDecreaseWithinPeriod ? Math.max(peakBp, levelOf(acc)) : levelOf(acc);
      const progressed = heldBp > startBp || (heldBp === top && top > 0);
      if (!progressed) {
        acc = { amount: 0, count: 0 };
        since = end.getTime();
      }
      // Calendar years follow each other; an inactivity period only starts again with a purchase.
      periodStart = scope.kind === 'calendar_year' && acc.amount + acc.count > 0 ? end : null;
      startBp = levelOf(acc);
      peakBp = startBp;
    }
  };

  for (const e of sortEvents(events)) {
    if (e.at.getTime() > at.getTime()) break;
    if (scope.kind !== 'forever') closeDue(e.at.getTime());
    if (e.kind === 'purchase') {
      if (periodStart === null) {
        periodStart = e.at;
        startBp = levelOf(acc);
        peakBp = startBp;
      }
      acc = { amount: acc.amount + e.amount, count: acc.count + e.count };
      lastPurchase = e.at;
    } else if ((e.originalAt ?? e.at).getTime() >= since) {
      acc = { amount: Math.max(0, acc.amount - e.amount), count: Math.max(0, acc.count - e.count) };
    }
    peakBp = Math.max(peakBp, levelOf(acc));
  }
  if (scope.kind !== 'forever') closeDue(at.getTime());
  const floor = config.neverDecreaseWithinPeriod ? peakBp : 0;
  if (scope.kind === 'forever') return status(config, acc, floor, null, null);
  return status(config, acc, floor, periodStart, periodEnd());
}
