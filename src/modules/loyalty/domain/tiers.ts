// Tier upgrades and downgrades from spend or purchase count over a rolling window.
import type { AccumulationEvent, Measured } from './measure.js';
import { addLocalDays, measureWindow, thresholdReached } from './measure.js';
import type { Threshold, TierDef, TierLevelRule, TierRulesConfig } from './program.js';

export interface TierPosition {
  tier: string | null;
  /** When the customer got the current tier (null: unknown, treated as long ago). */
  since: Date | null;
}

export interface TierDecision {
  action: 'upgrade' | 'downgrade' | 'none';
  from: string | null;
  to: string | null;
  reason: 'threshold_met' | 'keep_threshold_not_met' | 'no_change' | 'restricted_tier' | 'too_soon' | 'not_in_rules';
  measured: Measured;
  /** The threshold that decided (upgrade threshold of `to`, or keep threshold of `from`). */
  threshold: Threshold | null;
  windowStart: Date;
}

interface Ranked { rule: TierLevelRule; rank: number }

export function evaluateTier(config: TierRulesConfig, tiers: readonly TierDef[], position: TierPosition, events: readonly AccumulationEvent[], at: Date, timeZone: string): TierDecision {
  const windowStart = addLocalDays(at, -config.windowDays, timeZone);
  const measured = measureWindow(events, windowStart, at);
  const base = { from: position.tier, measured, windowStart };
  const current = position.tier === null ? null : tiers.find((t) => t.code === position.tier) ?? null;
  // Cards issued by hand (VIP) are never moved by rules, in either direction.
  if (current?.restricted) return { ...base, action: 'none', to: position.tier, reason: 'restricted_tier', threshold: null };

  const ranked: Ranked[] = config.levels
    .map((rule) => ({ rule, tier: tiers.find((t) => t.code === rule.tier) }))
    .filter((x): x is { rule: TierLevelRule; tier: TierDef } => x.tier !== undefined && !x.tier.restricted)
    .map(({ rule, tier }) => ({ rule, rank: tier.rank }))
    .sort((a, b) => b.rank - a.rank);
  const currentRank = current?.rank ?? -Infinity;
  const inRules = ranked.some((r) => r.rule.tier === position.tier);
  if (position.tier !== null && !inRules) return { ...base, action: 'none', to: position.tier, reason: 'not_in_rules', threshold: null };

  const best = ranked.find((r) => thresholdReached(r.rule.upgrade, measured, config.match));
  if (best && best.rank > currentRank) {
    return { ...base, action: 'upgrade', to: best.rule.tier, reason: 'threshold_met', threshold: best.rule.upgrade };
  }
  const mine = ranked.find((r) => r.rule.tier === position.tier);
  if (!config.downgrade || !mine) return { ...base, action: 'none', to: position.tier, reason: 'no_change', threshold: null };
  const keep = mine.rule.keep ?? mine.rule.upgrade;
  if (thresholdReached(keep, measured, config.match)) return { ...base, action: 'none', to: position.tier, reason: 'no_change', threshold: keep };
  const minDays = config.minDaysInTier ?? config.windowDays;
  if (position.since !== null && addLocalDays(position.since, minDays, timeZone).getTime() > at.getTime()) {
    return { ...base, action: 'none', to: position.tier, reason: 'too_soon', threshold: keep };
  }
  // Fall to the best lower tier whose keep condition still holds, or to the lowest tier in the rules.
  const lower = ranked.filter((r) => r.rank < mine.rank);
  const landing = lower.find((r) => thresholdReached(r.rule.keep ?? r.rule.upgrade, measured, config.match)) ?? lower[lower.length - 1];
  if (!landing) return { ...base, action: 'none', to: position.tier, reason: 'no_change', threshold: keep };
  return { ...base, action: 'downgrade', to: landing.rule.tier, reason: 'keep_threshold_not_met', threshold: keep };
}
