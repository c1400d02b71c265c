import { describe, expect, it } from 'vitest';
import { evaluateClub } from './club.js';
import { exampleProgram } from './examples.js';
import type { AccumulationEvent } from './measure.js';
import type { ClubConfig, TierRulesConfig } from './program.js';
import { evaluateTier } from './tiers.js';

const TZ = 'Europe/Moscow';
const at = (iso: string) => new Date(iso);
const buy = (iso: string, amount: number): AccumulationEvent => ({ kind: 'purchase', at: at(iso), amount, count: 1 });

describe('club', () => {
  const club: ClubConfig = { join: { amount: 100_000, days: 30 }, stay: { amount: 50_000, days: 90 }, discountBp: 700, approval: 'owner' };
  const now = at('2024-06-30T09:00:00Z');
  it('proposes joining when X was accumulated within P days, with the figures', () => {
    const d = evaluateClub(club, { member: false, since: null }, [buy('2024-06-10T09:00:00Z', 60_000), buy('2024-06-25T09:00:00Z', 40_000)], now, TZ);
    expect(d).toMatchObject({ action: 'join', autoApply: false, measured: 100_000, required: 100_000, reason: 'join_threshold_met' });
    expect(d.windowStart.toISOString()).toBe('2024-05-31T09:00:00.000Z');
  });
  it('does not count purchases older than P days', () => {
    const d = evaluateClub(club, { member: false, since: null }, [buy('2024-05-30T09:00:00Z', 60_000), buy('2024-06-25T09:00:00Z', 40_000)], now, TZ);
    expect(d).toMatchObject({ action: 'none', measured: 40_000 });
  });
  it('keeps members who accumulate Y within Q days and proposes the others leave', () => {
    const since = at('2024-01-01T09:00:00Z');
    expect(evaluateClub(club, { member: true, since }, [buy('2024-05-01T09:00:00Z', 50_000)], now, TZ)).toMatchObject({ action: 'stay', reason: 'stay_threshold_met' });
    expect(evaluateClub({ ...club, approval: 'auto' }, { member: true, since }, [buy('2024-03-01T09:00:00Z', 50_000)], now, TZ))
      .toMatchObject({ action: 'leave', autoApply: true, measured: 0, required: 50_000 });
  });
  it('does not judge a member before a full stay window of membership', () => {
    expect(evaluateClub(club, { member: true, since: at('2024-05-01T09:00:00Z') }, [], now, TZ)).toMatchObject({ action: 'stay', reason: 'grace' });
  });
});

describe('tiers', () => {
  const tiers = exampleProgram().tiers;
  const rules: TierRulesConfig = {
    windowDays: 365, match: 'any', downgrade: true,
    levels: [
      { tier: 'simple', upgrade: {} },
      { tier: 'gold', upgrade: { minAmount: 1_000_000, minCount: 20 }, keep: { minAmount: 500_000 } },
    ],
  };
  const now = at('2024-12-01T09:00:00Z');
  const long = at('2020-01-01T00:00:00Z');
  it('upgrades on spend or count over the period', () => {
    const d = evaluateTier(rules, tiers, { tier: 'simple', since: long }, [buy('2024-06-01T09:00:00Z', 1_000_000)], now, TZ);
    expect(d).toMatchObject({ action: 'upgrade', from: 'simple', to: 'gold', measured: { amount: 1_000_000, count: 1 } });
    const many = Array.from({ length: 20 }, (_, i) => buy(`2024-06-${String(i + 1).padStart(2, '0')}T09:00:00Z`, 100));
    expect(evaluateTier(rules, tiers, { tier: 'simple', since: long }, many, now, TZ).action).toBe('upgrade');
    expect(evaluateTier(rules, tiers, { tier: null, since: null }, [], now, TZ)).toMatchObject({ action: 'upgrade', to: 'simple' });
  });
  it('downgrades when the keep threshold is missed, not sooner than the minimum time in tier', () => {
    const events = [buy('2024-01-15T09:00:00Z', 400_000)];
    expect(evaluateTier(rules, tiers, { tier: 'gold', since: long }, events, now, TZ)).toMatchObject({ action: 'downgrade', to: 'simple', reason: 'keep_threshold_not_met' });
    expect(evaluateTier(rules, tiers, { tier: 'gold', since: at('2024-06-01T00:00:00Z') }, events, now, TZ)).toMatchObject({ action: 'none', reason: 'too_soon' });
    expect(evaluateTier(rules, tiers, { tier: 'gold', since: long }, [buy('2024-01-15T09:00:00Z', 500_000)], now, TZ)).toMatchObject({ action: 'none', reason: 'no_change' });
    expect(evaluateTier({ ...rules, downgrade: false }, tiers, { tier: 'gold', since: long }, events, now, TZ).action).toBe('none');
  });
  it('never moves a restricted (VIP) card', () => {
    expect(evaluateTier(rules, tiers, { tier: 'vip', since: long }, [], now, TZ)).toMatchObject({ action: 'none', reason: 'restricted_tier' });
  });
});
