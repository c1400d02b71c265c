// Points on one receipt: how many may be spent, how they spread over the lines, and what is earned.
import type { MinorUnits } from '../../../platform/money.js';
import type { PointsConfig, TierDef } from './program.js';
import { floorToStep, rateStep } from './rate.js';
import { allocateCapped, allocateExact, divBig, divSafe, fitsSafe } from './rational.js';

export type PointsWarning = 'points_capped' | 'points_rounded_to_step' | 'below_min_balance' | 'points_not_available';

export interface SpendInput {
  config: PointsConfig | null;
  /** The customer's spendable balance (negative while a debt from a refund is open). */
  balance: number;
  requested: number;
  /** Per line: the amount still payable after discounts (the allocation weight). */
  payable: readonly MinorUnits[];
  /** Per line: the most points money the line may take (margin guard, group exclusions). */
  capacity: readonly MinorUnits[];
}

export interface SpendResult {
  maxSpendablePoints: number;
  pointsSpent: number;
  pointsMoney: MinorUnits;
  linePoints: number[];
  lineMoney: MinorUnits[];
  warnings: PointsWarning[];
}

/**
 * The spend cap is the smallest of: the balance, the maximum share of the amount after discounts
 * (rounded down: "at most 30%"), and what the lines' margin guard allows — all in whole rate steps, so
 * points convert to money exactly. Points are spread over lines in steps, proportionally to what each
 * line still costs, never past a line's capacity, so every line's points and money match exactly.
 */
export function planPointsSpend(input: SpendInput): SpendResult {
  const { config, balance, requested, payable, capacity } = input;
  if (!Number.isSafeInteger(requested) || requested < 0) throw new RangeError(`requested points must be a non-negative integer, got ${requested}`);
  const zeros = payable.map(() => 0);
  const nothing = (warnings: PointsWarning[]): SpendResult => ({ maxSpendablePoints: 0, pointsSpent: 0, pointsMoney: 0, linePoints: zeros, lineMoney: zeros, warnings });
  if (!config) return nothing(requested > 0 ? ['points_not_available'] : []);
  if (config.minBalanceToRedeem > 0 && balance < config.minBalanceToRedeem) return nothing(requested > 0 ? ['below_min_balance'] : []);

  const step = rateStep(config.rate);
  const total = payable.reduce((a, b) => a + b, 0);
  const shareMoney = Number(divBig(BigInt(total) * BigInt(config.maxShareBp), 10_000n, 'floor'));
  const lineSteps = capacity.map((c) => Math.floor(c / step.minor));
  const maxSteps = Math.min(
    Math.floor(Math.max(0, balance) / step.points),
    Math.floor(shareMoney / step.minor),
    lineSteps.reduce((a, b) => a + b, 0),
  );
  const maxSpendablePoints = maxSteps * step.points;
  const warnings: PointsWarning[] = [];
  let spent = requested;
  if (spent > maxSpendablePoints) {
    spent = maxSpendablePoints;
    warnings.push('points_capped');
  } else if (floorToStep(spent, config.rate) !== spent) {
    spent = floorToStep(spent, config.rate);
    warnings.push('points_rounded_to_step');
  }
  const steps = spent / step.points;
  const perLine = allocateCapped(steps, payable, lineSteps);
  return {
    maxSpendablePoints, pointsSpent: spent, pointsMoney: steps * step.minor,
    linePoints: perLine.map((s) => s * step.points), lineMoney: perLine.map((s) => s * step.minor), warnings,
  };
}

export interface EarnLine {
  productGroup: string | null;
  /** Money actually paid for the line: points paid nothing, so they earn nothing. */
  paid: MinorUnits;
}

export interface EarnResult {
  lineBp: number[];
  linePoints: number[];
  total: number;
}

/** The earn rate of a line: excluded groups earn nothing, group rates replace the tier's rate. */
export function earnBpFor(config: PointsConfig, tier: TierDef | null, group: string | null): number {
  if (group !== null && config.earnExcludedGroups?.includes(group)) return 0;
  const override = group !== null ? config.groupEarnBp?.[group] : undefined;
  return override ?? tier?.earnBp ?? 0;
}

/**
 * Points earned: the receipt total is rounded down once (never promise a fraction of a point), then
 * split over the lines by their earning weight so the line parts add up to it exactly. Rounding each
 * line down separately would lose up to one point per line on long receipts.
 */
export function planEarn(config: PointsConfig | null, tier: TierDef | null, lines: readonly EarnLine[], suppressed: boolean): EarnResult {
  if (!config) return { lineBp: lines.map(() => 0), linePoints: lines.map(() => 0), total: 0 };
  const lineBp = lines.map((l) => (suppressed ? 0 : earnBpFor(config, tier, l.productGroup)));
  const weights = lines.map((l, i) => l.paid * (lineBp[i] ?? 0));
  const sum = weights.reduce((a, w) => a + w, 0);
  const divisor = 10_000 * config.rate.minor;
  const total = weights.every((w) => Number.isSafeInteger(w) && w >= 0) && fitsSafe(sum, config.rate.points, divisor)
    ? divSafe(sum * config.rate.points, divisor, 'floor')
    : Number(divBig(lines.reduce((a, l, i) => a + BigInt(l.paid) * BigInt(lineBp[i] ?? 0), 0n) * BigInt(config.rate.points), 10_000n * BigInt(config.rate.minor), 'floor'));
  return { lineBp, linePoints: allocateExact(total, weights), total };
}
