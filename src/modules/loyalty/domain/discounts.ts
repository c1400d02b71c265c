// Per-line discounts: the candidates each mechanic offers, the stacking choice, and the margin guard.
import type { BasisPoints, MinorUnits } from '../../../platform/money.js';
import { percentOf } from '../../../platform/money.js';
import { cumulativeLevelFor } from './cumulative.js';
import type { MarginGuardConfig, Mechanic, ProgramConfig, StackingPolicy, TierDef } from './program.js';
import { MECHANICS } from './program.js';
import { divBig } from './rational.js';

/** A rate a mechanic offers this customer, before it meets any line. */
export interface MechanicRate {
  mechanic: Mechanic;
  bp: BasisPoints;
  reason: 'tier_discount' | 'cumulative_level' | 'cumulative_kept_level' | 'club_member';
  params: Record<string, string | number>;
}

export interface DiscountCandidate extends MechanicRate {
  priority: number;
  /** What this mechanic alone would take off the line (half-up to the minor unit). */
  amount: MinorUnits;
}

export type CapReason = 'margin_floor' | 'group_max_discount' | 'promotion_not_combined' | 'promotion_counted';

export interface AppliedDiscount {
  mechanic: Mechanic | null;
  bp: BasisPoints;
  amount: MinorUnits;
  /** The winner's amount before caps; equals `amount` unless `cappedBy` says why not. */
  uncappedAmount: MinorUnits;
  cappedBy: CapReason | null;
}

export interface LineLimit {
  /** The most our discount and points together may take off this line. */
  headroom: MinorUnits;
  /** The lowest price the margin guard allows for the line (cost known), else null. */
  floorPrice: MinorUnits | null;
  limitedBy: 'margin_floor' | 'group_max_discount' | null;
}

export interface CustomerDiscountState {
  tier: TierDef | null;
  accumulated: { amount: MinorUnits; count: number };
  /** The cumulative level kept by "never goes down within a period" (from evaluateCumulative). */
  cumulativeFloorBp: BasisPoints;
  clubMember: boolean;
}

/** What each mechanic offers this customer; mechanics offering nothing are left out. */
export function mechanicRates(program: ProgramConfig, c: CustomerDiscountState): MechanicRate[] {
  const rates: MechanicRate[] = [];
  if (c.tier && c.tier.discountBp > 0) {
    rates.push({ mechanic: 'tier', bp: c.tier.discountBp, reason: 'tier_discount', params: { tier: c.tier.code } });
  }
  if (program.cumulative) {
    const hit = cumulativeLevelFor(program.cumulative, c.accumulated);
    if (c.cumulativeFloorBp > hit.bp) {
      rates.push({ mechanic: 'cumulative', bp: c.cumulativeFloorBp, reason: 'cumulative_kept_level', params: {} });
    } else if (hit.bp > 0) {
      const lvl = program.cumulative.levels[hit.index];
      const params: Record<string, number> = { level: hit.index };
      if (lvl?.minAmount !== undefined) params.minAmount = lvl.minAmount;
      if (lvl?.minCount !== undefined) params.minCount = lvl.minCount;
      rates.push({ mechanic: 'cumulative', bp: hit.bp, reason: 'cumulative_level', params });
    }
  }
  if (program.club && c.clubMember && program.club.discountBp > 0) {
    rates.push({ mechanic: 'club', bp: program.club.discountBp, reason: 'club_member', params: {} });
  }
  return rates;
}

/**
 * How much our discount and points may take off a line. With a cost: down to cost plus the minimum
 * markup, the floor rounded up so that rounding never sells below it. Without a cost: the product
 * group's maximum discount of the base amount, of which the till's promotion has already used its part.
 */
export function lineLimit(base: MinorUnits, promotion: MinorUnits, quantityMilli: number, unitCost: MinorUnits | null, group: string | null, guard: MarginGuardConfig | null): LineLimit {
  const afterPromo = base - promotion;
  if (!guard) return { headroom: afterPromo, floorPrice: null, limitedBy: null };
  if (unitCost !== null) {
    const floorPrice = Number(divBig(BigInt(unitCost) * BigInt(quantityMilli) * BigInt(10_000 + guard.minMarkupBp), 10_000_000n, 'ceil'));
    const headroom = Math.max(0, afterPromo - floorPrice);
    return { headroom, floorPrice, limitedBy: headroom < afterPromo ? 'margin_floor' : null };
  }
  const maxBp = (group !== null ? guard.groupMaxDiscountBp?.[group] : undefined) ?? guard.defaultMaxDiscountBp ?? null;
  if (maxBp === null) return { headroom: afterPromo, floorPrice: null, limitedBy: null };
  const headroom = Math.max(0, Math.min(afterPromo, percentOf(base, maxBp, 'floor') - promotion));
  return { headroom, floorPrice: null, limitedBy: headroom < afterPromo ? 'group_max_discount' : null };
}

/** Each mechanic's offer on this line: on the promotional price, or on the base price for 'best_of'. */
export function lineCandidates(rates: readonly MechanicRate[], base: MinorUnits, promotion: MinorUnits, stacking: StackingPolicy): DiscountCandidate[] {
  const onAmount = stacking.promotion === 'best_of' ? base : base - promotion;
  // Spelled out rather than `{ ...r }`: this runs per line and per mechanic, and the spread was a
  // sixth of the engine's time.
  return rates.map((r) => ({ mechanic: r.mechanic, bp: r.bp, reason: r.reason, params: r.params, priority: stacking.priority[r.mechanic], amount: percentOf(onAmount, r.bp) }));
}

/** Whether candidate a wins over b: higher priority, then larger amount, then the earlier mechanic. */
const beats = (a: DiscountCandidate, b: DiscountCandidate) =>
  (a.priority - b.priority || a.amount - b.amount || MECHANICS.indexOf(b.mechanic) - MECHANICS.indexOf(a.mechanic)) > 0;

/**
 * One winner per line: highest priority, then the larger amount, then the fixed mechanic order
 * (tier, cumulative, club) so the result never depends on input order. Then the promotion policy and
 * the margin guard may reduce it; the reason is kept so the cashier can explain the receipt.
 */
export function chooseDiscount(candidates: readonly DiscountCandidate[], promotion: MinorUnits, limit: LineLimit, stacking: StackingPolicy): AppliedDiscount {
  let winner: DiscountCandidate | undefined;
  for (const c of candidates) {
    if (c.amount > 0 && (winner === undefined || beats(c, winner))) winner = c;
  }
  if (!winner) return { mechanic: null, bp: 0, amount: 0, uncappedAmount: 0, cappedBy: null };
  let amount = winner.amount;
  let cappedBy: CapReason | null = null;
  if (promotion > 0 && stacking.promotion === 'never_combine') {
    amount = 0;
    cappedBy = 'promotion_not_combined';
  } else if (promotion > 0 && stacking.promotion === 'best_of') {
    // The customer gets the better of the two: ours only tops the promotion up.
    amount = Math.max(0, winner.amount - promotion);
    cappedBy = 'promotion_counted';
  }
  if (amount > limit.headroom) {
    amount = limit.headroom;
    cappedBy = limit.limitedBy ?? 'margin_floor';
  }
  return { mechanic: winner.mechanic, bp: winner.bp, amount, uncappedAmount: winner.amount, cappedBy };
}
