import { describe, expect, it } from 'vitest';
import { cumulativeLevelFor, evaluateCumulative } from './cumulative.js';
import type { AccumulationEvent } from './measure.js';
import { addLocalDays, measureWindow } from './measure.js';
import type { CumulativeConfig, CumulativeScope } from './program.js';

const TZ = 'Europe/Berlin';
const at = (iso: string) => new Date(iso);
const buy = (iso: string, amount: number): AccumulationEvent => ({ kind: 'purchase', at: at(iso), amount, count: 1 });
const refund = (iso: string, amount: number, originalIso: string, count = 0): AccumulationEvent => ({ kind: 'refund', at: at(iso), amount, count, originalAt: at(originalIso) });

// The thresholds: 500 → 1%, 800 → 2%, 5 000 → 5% (major units; ×100 in minor).
const config = (scope: CumulativeScope, neverDecreaseWithinPeriod = false): CumulativeConfig => ({
  levels: [{ minAmount: 50_000, discountBp: 100 }, { minAmount: 80_000, discountBp: 200 }, { minAmount: 500_000, discountBp: 500 }],
  match: 'all', scope, neverDecreaseWithinPeriod,
});

describe('levels', () => {
  it('takes the best level reached whatever the order, with amount and/or count', () => {
    const c: CumulativeConfig = { ...config({ kind: 'forever' }), levels: [{ minCount: 10, discountBp: 300 }, { minAmount: 50_000, minCount: 2, discountBp: 100 }] };
    expect(cumulativeLevelFor(c, { amount: 60_000, count: 1 })).toEqual({ index: -1, bp: 0 });
    expect(cumulativeLevelFor(c, { amount: 60_000, count: 2 })).toEqual({ index: 1, bp: 100 });
    expect(cumulativeLevelFor({ ...c, match: 'any' }, { amount: 60_000, count: 1 })).toEqual({ index: 1, bp: 100 });
    expect(cumulativeLevelFor(c, { amount: 0, count: 10 })).toEqual({ index: 0, bp: 300 });
  });
});

describe('forever', () => {
  it('adds up all purchases and says how far the next level is', () => {
    const s = evaluateCumulative(config({ kind: 'forever' }), [buy('2024-01-10T10:00:00Z', 30_000), buy('2024-03-10T10:00:00Z', 30_000)], at('2025-01-01T00:00:00Z'), TZ);
    expect(s).toMatchObject({ measured: { amount: 60_000, count: 2 }, bp: 100, next: { bp: 200, amountToGo: 20_000, countToGo: null } });
  });
  it('ignores events after the instant, and accepts late receipts in any order', () => {
    const events = [buy('2024-03-10T10:00:00Z', 30_000), buy('2024-01-10T10:00:00Z', 30_000)];
    expect(evaluateCumulative(config({ kind: 'forever' }), events, at('2024-02-01T00:00:00Z'), TZ).measured.amount).toBe(30_000);
  });
  it('lets a refund lower the level, unless it never goes down within the period', () => {
    const events = [buy('2024-01-10T10:00:00Z', 50_000), buy('2024-02-10T10:00:00Z', 40_000), refund('2024-02-11T10:00:00Z', 20_000, '2024-02-10T10:00:00Z')];
    const now = at('2024-03-01T00:00:00Z');
    expect(evaluateCumulative(config({ kind: 'forever' }), events, now, TZ)).toMatchObject({ bp: 100, reachedBp: 100 });
    expect(evaluateCumulative(config({ kind: 'forever' }, true), events, now, TZ)).toMatchObject({ bp: 200, reachedBp: 100, index: 1, next: { bp: 500, amountToGo: 430_000 } });
  });
});

describe('rolling window', () => {
  it('counts only the last N local days, and refunds leave the window of their purchase', () => {
    const now = at('2024-06-30T12:00:00Z');
    const events = [buy('2024-05-20T12:00:00Z', 60_000), buy('2024-06-20T12:00:00Z', 30_000), refund('2024-06-29T12:00:00Z', 60_000, '2024-05-20T12:00:00Z', 1)];
    expect(evaluateCumulative(config({ kind: 'rolling', days: 30 }), events, now, TZ)).toMatchObject({ measured: { amount: 30_000, count: 1 }, bp: 0 });
    expect(evaluateCumulative(config({ kind: 'rolling', days: 60 }), events, now, TZ)).toMatchObject({ measured: { amount: 30_000, count: 1 } });
    expect(evaluateCumulative(config({ kind: 'rolling', days: 60 }), events.slice(0, 2), now, TZ)).toMatchObject({ measured: { amount: 90_000 }, bp: 200 });
  });
});

describe('reset at calendar year end', () => {
  const c = config({ kind: 'calendar_year' });
  it('keeps the total into the next year when a new level was reached, resets it otherwise', () => {
    const events = [buy('2024-03-01T10:00:00Z', 60_000), buy('2025-03-01T10:00:00Z', 10_000)];
    const mid2025 = evaluateCumulative(c, events, at('2025-06-01T00:00:00Z'), TZ);
    expect(mid2025).toMatchObject({ measured: { amount: 70_000, count: 2 }, bp: 100 });
    expect(mid2025.periodEnd?.toISOString()).toBe('2025-12-31T23:00:00.000Z'); // midnight in Berlin
    // 2025 brought no new level: the total starts again on 1 January 2026.
    expect(evaluateCumulative(c, events, at('2026-02-01T00:00:00Z'), TZ)).toMatchObject({ measured: { amount: 0, count: 0 }, bp: 0 });
  });
  it('resets a year that reached no level at all', () => {
    expect(evaluateCumulative(c, [buy('2024-03-01T10:00:00Z', 30_000)], at('2025-01-02T00:00:00Z'), TZ).measured.amount).toBe(0);
  });
  it('uses the local calendar: 00:30 on 1 January in Berlin belongs to the new year', () => {
    const events = [buy('2024-03-01T10:00:00Z', 30_000), buy('2024-12-31T23:30:00Z', 30_000)];
    expect(evaluateCumulative(c, events, at('2025-01-05T00:00:00Z'), TZ).measured.amount).toBe(30_000);
  });
  it('keeps the top level, where there is nothing higher to reach', () => {
    const events = [buy('2023-03-01T10:00:00Z', 600_000), buy('2024-03-01T10:00:00Z', 100)];
    expect(evaluateCumulative(c, events, at('2026-02-01T00:00:00Z'), TZ)).toMatchObject({ bp: 500, measured: { amount: 600_100 } });
  });
  it('does not let a refund of a purchase from before the reset touch the new total', () => {
    const events = [buy('2024-03-01T10:00:00Z', 30_000), buy('2025-02-01T10:00:00Z', 20_000), refund('2025-02-02T10:00:00Z', 30_000, '2024-03-01T10:00:00Z', 1)];
    expect(evaluateCumulative(c, events, at('2025-03-01T00:00:00Z'), TZ).measured).toEqual({ amount: 20_000, count: 1 });
  });
  it('holds the level reached within the year when refunds lower the total', () => {
    const events = [buy('2024-03-01T10:00:00Z', 90_000), refund('2024-04-01T10:00:00Z', 30_000, '2024-03-01T10:00:00Z')];
    expect(evaluateCumulative(config({ kind: 'calendar_year' }, true), events, at('2024-05-01T00:00:00Z'), TZ).bp).toBe(200);
    expect(evaluateCumulative(c, events, at('2024-05-01T00:00:00Z'), TZ).bp).toBe(100);
  });
});

describe('reset after inactivity', () => {
  const c = config({ kind: 'inactivity', days: 90 });
  it('resets N days after the last purchase when no new level was reached', () => {
    const events = [buy('2024-01-01T10:00:00Z', 40_000), buy('2024-05-01T10:00:00Z', 20_000)];
    // 121 days between purchases: the first period closed on 31 March without a level.
    expect(evaluateCumulative(c, events, at('2024-05-02T00:00:00Z'), TZ).measured.amount).toBe(20_000);
    const steady = [buy('2024-01-01T10:00:00Z', 40_000), buy('2024-03-01T10:00:00Z', 20_000)];
    const s = evaluateCumulative(c, steady, at('2024-03-02T00:00:00Z'), TZ);
    expect(s).toMatchObject({ measured: { amount: 60_000 }, bp: 100 });
    expect(s.periodEnd?.toISOString()).toBe(addLocalDays(at('2024-03-01T10:00:00Z'), 90, TZ).toISOString());
  });
  it('carries a period that reached a level, then resets the next idle one', () => {
    const events = [buy('2024-01-01T10:00:00Z', 60_000), buy('2024-06-01T10:00:00Z', 5_000)];
    expect(evaluateCumulative(c, events, at('2024-06-02T00:00:00Z'), TZ).measured.amount).toBe(65_000);
    expect(evaluateCumulative(c, events, at('2024-09-01T00:00:00Z'), TZ).measured.amount).toBe(0);
  });
});

describe('measureWindow and addLocalDays', () => {
  it('keeps the local wall time across a DST change', () => {
    // 30 March 2024 12:00 CET + 1 day = 31 March 12:00 CEST, 23 hours later.
    expect(addLocalDays(at('2024-03-30T11:00:00Z'), 1, TZ).toISOString()).toBe('2024-03-31T10:00:00.000Z');
    expect(addLocalDays(at('2024-03-31T10:00:00.250Z'), -1, TZ).toISOString()).toBe('2024-03-30T11:00:00.250Z');
  });
  it('never goes below zero', () => {
    expect(measureWindow([refund('2024-01-02T00:00:00Z', 5, '2024-01-01T00:00:00Z', 1)], null, at('2024-02-01T00:00:00Z'))).toEqual({ amount: 0, count: 0 });
  });
});
