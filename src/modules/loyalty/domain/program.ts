// The configuration of one loyalty program as plain JSON-able data. The service validates the shape
// with Zod; `checkProgram` adds the rules a shape cannot express (ordering, ranges, references).
// Money is in integer minor units, points are integers, percentages are basis points (10% = 1000).
import type { BasisPoints, MinorUnits } from '../../../platform/money.js';

/** The discount mechanics the rules engine decides between on each line. */
export type Mechanic = 'tier' | 'cumulative' | 'club';
export const MECHANICS: readonly Mechanic[] = ['tier', 'cumulative', 'club'];

/** A card type (simple, gold, VIP …). `rank` orders tiers for upgrades: higher is better. */
export interface TierDef {
  code: string;
  name: string;
  rank: number;
  discountBp: BasisPoints;
  /** Share of the money paid that comes back as points (cashback value, converted with the points rate). */
  earnBp: BasisPoints;
  /** VIP-like cards: only an owner or a manager may issue them, and automatic tier rules never touch them. */
  restricted: boolean;
}

/** A threshold on accumulated figures; an absent field does not take part. */
export interface Threshold {
  minAmount?: MinorUnits;
  minCount?: number;
}
/** How a threshold with both fields is met: both ('all') or either ('any'). */
export type ThresholdMatch = 'all' | 'any';

export interface CumulativeLevel extends Threshold {
  discountBp: BasisPoints;
}

/**
 * Where accumulation starts over:
 * - forever: never;
 * - rolling: only the last `days` local calendar days count;
 * - calendar_year / inactivity: at the end of each calendar year, or `days` after the last purchase,
 *   the accumulation resets to zero unless a higher level was reached during that period.
 */
export type CumulativeScope =
  | { kind: 'forever' }
  | { kind: 'rolling'; days: number }
  | { kind: 'calendar_year' }
  | { kind: 'inactivity'; days: number };

export interface CumulativeConfig {
  levels: CumulativeLevel[];
  match: ThresholdMatch;
  scope: CumulativeScope;
  /** Refunds within a period do not lower the level already reached (no effect on rolling windows). */
  neverDecreaseWithinPeriod: boolean;
}

export interface ClubConfig {
  join: { amount: MinorUnits; days: number };
  stay: { amount: MinorUnits; days: number };
  discountBp: BasisPoints;
  /** 'auto': proposals apply themselves; 'owner': they wait for the owner's approval. */
  approval: 'auto' | 'owner';
}

export type PointsExpiry =
  | { kind: 'never' }
  | { kind: 'days'; days: number }
  | { kind: 'end_of_month' }
  | { kind: 'end_of_year' };

/** `points` points are worth exactly `minor` minor units (1:1, or 100 points = 100 minor …). */
export interface PointsRate {
  points: number;
  minor: MinorUnits;
}

export interface PointsConfig {
  /** Earn rate per product group, replacing the tier's earnBp on those lines. */
  groupEarnBp?: Record<string, BasisPoints>;
  /** Product groups that earn nothing. */
  earnExcludedGroups?: string[];
  /** Product groups that cannot be paid with points. */
  redeemExcludedGroups?: string[];
  pendingDays: number;
  expiry: PointsExpiry;
  /** Maximum share of the amount after discounts that points may pay (10000 = all of it). */
  maxShareBp: BasisPoints;
  /** A customer whose spendable balance is below this cannot spend points at all. */
  minBalanceToRedeem: number;
  rate: PointsRate;
  /** false: a receipt on which points are spent earns no points. */
  earnWhenRedeeming: boolean;
}

export interface TierLevelRule {
  tier: string;
  /** Reached over the window → the customer moves up to this tier. Empty = the entry tier. */
  upgrade: Threshold;
  /** Needed to stay in this tier; defaults to `upgrade`. */
  keep?: Threshold;
}

export interface TierRulesConfig {
  windowDays: number;
  match: ThresholdMatch;
  levels: TierLevelRule[];
  downgrade: boolean;
  /** No downgrade sooner than this after the last tier change; defaults to windowDays. */
  minDaysInTier?: number;
}

export interface MarginGuardConfig {
  /** A line never goes below cost × (1 + minMarkupBp/10000) because of our discounts and points. */
  minMarkupBp: BasisPoints;
  /** When the till sends no cost: the most the line may be reduced in total (promotion included). */
  groupMaxDiscountBp?: Record<string, BasisPoints>;
  defaultMaxDiscountBp?: BasisPoints | null;
}

/**
 * One loyalty discount per line: the highest priority wins, equal priorities go to the larger amount.
 * `promotion` says what happens on a line the till already discounted: 'combine' adds ours on the
 * promotional price, 'never_combine' gives none of ours, 'best_of' tops up to the better of the two.
 */
export interface StackingPolicy {
  priority: Record<Mechanic, number>;
  promotion: 'combine' | 'never_combine' | 'best_of';
}

/** What happens to earned points that a refund should take back but that were already spent. */
export type RefundPolicy = 'negative_balance' | 'reduce_refund' | 'forgive';

export interface SmsConfig {
  beforeSpendingPoints: boolean;
  beforePersonalDiscountByPhone: boolean;
}

export interface ProgramConfig {
  currency: string;
  /** Which receipt amount feeds accumulated totals: after discounts (money + points) or money only. */
  accumulateOn: 'after_discounts' | 'paid_money';
  tiers: TierDef[];
  cumulative: CumulativeConfig | null;
  club: ClubConfig | null;
  points: PointsConfig | null;
  tierRules: TierRulesConfig | null;
  marginGuard: MarginGuardConfig | null;
  stacking: StackingPolicy;
  refundPolicy: RefundPolicy;
  sms: SmsConfig;
}

export function findTier(program: ProgramConfig, code: string | null): TierDef | null {
  if (code === null) return null;
  return program.tiers.find((t) => t.code === code) ?? null;
}

const isBp = (v: number) => Number.isSafeInteger(v) && v >= 0 && v <= 10_000;
const isCount = (v: number) => Number.isSafeInteger(v) && v >= 0;
const isDays = (v: number) => Number.isSafeInteger(v) && v >= 1 && v <= 36_600;

/** Semantic checks beyond the JSON shape. Returns human-readable problems, empty when the program is sound. */
export function checkProgram(p: ProgramConfig): string[] {
  const problems: string[] = [];
  const bad = (cond: boolean, msg: string) => { if (cond) problems.push(msg); };
  const codes = new Set<string>();
  for (const t of p.tiers) {
    bad(codes.has(t.code), `tier ${t.code} is defined twice`);
    codes.add(t.code);
    bad(!isBp(t.discountBp) || !isBp(t.earnBp), `tier ${t.code} needs discountBp and earnBp within 0..10000`);
  }
  if (p.cumulative) {
    const c = p.cumulative;
    bad(c.levels.length === 0, 'cumulative discount needs at least one level');
    for (const l of c.levels) {
      bad(!isBp(l.discountBp), 'cumulative level discountBp must be within 0..10000');
      bad(l.minAmount === undefined && l.minCount === undefined, 'a cumulative level needs minAmount or minCount');
      bad(l.minAmount !== undefined && !isCount(l.minAmount), 'cumulative minAmount must be a non-negative integer');
      bad(l.minCount !== undefined && !isCount(l.minCount), 'cumulative minCount must be a non-negative integer');
    }
    if ((c.scope.kind === 'rolling' || c.scope.kind === 'inactivity') && !isDays(c.scope.days)) problems.push('cumulative scope days must be 1..36600');
  }
  if (p.club) {
    bad(!isBp(p.club.discountBp), 'club discountBp must be within 0..10000');
    bad(!isDays(p.club.join.days) || !isDays(p.club.stay.days), 'club join/stay days must be 1..36600');
    bad(!isCount(p.club.join.amount) || !isCount(p.club.stay.amount), 'club amounts must be non-negative integers');
  }
  if (p.points) {
    const pt = p.points;
    bad(!Number.isSafeInteger(pt.rate.points) || pt.rate.points < 1 || !Number.isSafeInteger(pt.rate.minor) || pt.rate.minor < 1, 'points rate needs positive integers');
    bad(!isBp(pt.maxShareBp), 'points maxShareBp must be within 0..10000');
    bad(!isCount(pt.pendingDays) || pt.pendingDays > 36_600, 'points pendingDays must be 0..36600');
    bad(!isCount(pt.minBalanceToRedeem), 'points minBalanceToRedeem must be a non-negative integer');
    bad(pt.expiry.kind === 'days' && !isDays(pt.expiry.days), 'points expiry days must be 1..36600');
    for (const [g, bp] of Object.entries(pt.groupEarnBp ?? {})) bad(!isBp(bp), `earn rate of group ${g} must be within 0..10000`);
  }
  if (p.tierRules) {
    bad(!isDays(p.tierRules.windowDays), 'tier rules windowDays must be 1..36600');
    for (const l of p.tierRules.levels) {
      const t = p.tiers.find((x) => x.code === l.tier);
      bad(!t, `tier rule names unknown tier ${l.tier}`);
      bad(t?.restricted === true, `tier ${l.tier} is restricted and cannot be reached by rules`);
    }
  }
  if (p.marginGuard) {
    bad(!isCount(p.marginGuard.minMarkupBp), 'margin guard minMarkupBp must be a non-negative integer');
    for (const [g, bp] of Object.entries(p.marginGuard.groupMaxDiscountBp ?? {})) bad(!isBp(bp), `max discount of group ${g} must be within 0..10000`);
  }
  for (const m of MECHANICS) bad(!Number.isSafeInteger(p.stacking.priority[m]), `stacking priority of ${m} must be an integer`);
  return problems;
}
