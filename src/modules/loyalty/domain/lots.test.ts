import { describe, expect, it } from 'vitest';
import { exampleProgram } from './examples.js';
import type { Lot } from './lots.js';
import { lotDates, lotExpiry, planDebtSettlement, planExpiry, planSpend, planUnlock, spendableTotal } from './lots.js';

const at = (iso: string) => new Date(iso);
const lot = (id: string, remaining: number, expiresAt: string | null, over: Partial<Lot> = {}): Lot => ({
  id, remaining, pending: false, unlockAt: null, expiresAt: expiresAt === null ? null : at(expiresAt), ...over,
});
const now = at('2024-06-01T00:00:00Z');

describe('planSpend', () => {
  const lots = [
    lot('l5', 100, null),
    lot('l2', 50, '2024-09-01T00:00:00Z'),
    lot('l1', 30, '2024-09-01T00:00:00Z'),
    lot('l3', 70, '2024-07-01T00:00:00Z'),
    lot('l4', 999, '2024-08-01T00:00:00Z', { pending: true, unlockAt: at('2024-06-15T00:00:00Z') }),
    lot('l0', 500, '2024-06-01T00:00:00Z'), // expires exactly now: gone
  ];
  it('consumes the soonest-expiring lots first, ties by id, never pending or expired ones', () => {
    expect(spendableTotal(lots, now)).toBe(250);
    const r = planSpend(lots, 120, now);
    expect(r).toEqual({ ok: true, value: [
      { lotId: 'l3', amount: 70, from: 'spendable' },
      { lotId: 'l1', amount: 30, from: 'spendable' },
      { lotId: 'l2', amount: 20, from: 'spendable' },
    ] });
    expect(planSpend(lots, 250, now).ok).toBe(true);
  });
  it('refuses more than is spendable', () => {
    expect(planSpend(lots, 251, now)).toEqual({ ok: false, reason: 'insufficient_points', details: { requested: 251, available: 250 } });
    expect(planSpend(lots, 0, now)).toEqual({ ok: true, value: [] });
    expect(() => planSpend(lots, -1, now)).toThrow(RangeError);
  });
});

describe('unlock, expiry, debt', () => {
  const lots = [
    lot('a', 10, '2024-05-31T00:00:00Z'),
    lot('b', 20, '2024-05-01T00:00:00Z', { pending: true, unlockAt: at('2024-04-01T00:00:00Z') }),
    lot('c', 30, '2025-01-01T00:00:00Z', { pending: true, unlockAt: at('2024-06-01T00:00:00Z') }),
    lot('d', 40, '2025-01-01T00:00:00Z', { pending: true, unlockAt: at('2024-06-02T00:00:00Z') }),
    lot('e', 0, '2024-01-01T00:00:00Z'),
  ];
  it('expires everything left in due lots, pending or not', () => {
    expect(planExpiry(lots, now)).toEqual([
      { lotId: 'b', amount: 20, from: 'pending' },
      { lotId: 'a', amount: 10, from: 'spendable' },
    ]);
  });
  it('unlocks due pending lots that are not already expiring', () => {
    expect(planUnlock(lots, now)).toEqual([{ lotId: 'c', amount: 30 }]);
  });
  it('repays a debt from spendable lots as far as they go', () => {
    const spendable = [lot('x', 5, null), lot('y', 3, '2024-07-01T00:00:00Z')];
    expect(planDebtSettlement(spendable, 7, now)).toEqual([{ lotId: 'y', amount: 3, from: 'spendable' }, { lotId: 'x', amount: 4, from: 'spendable' }]);
    expect(planDebtSettlement(spendable, 100, now).reduce((a, t) => a + t.amount, 0)).toBe(8);
  });
});

describe('lot dates', () => {
  const TZ = 'Europe/Berlin';
  it('expires after N local days, at the end of the local month or year, or never', () => {
    const from = at('2024-01-31T22:30:00Z'); // 31 Jan 23:30 in Berlin
    expect(lotExpiry({ kind: 'days', days: 30 }, from, TZ)?.toISOString()).toBe('2024-03-01T22:30:00.000Z');
    expect(lotExpiry({ kind: 'end_of_month' }, from, TZ)?.toISOString()).toBe('2024-01-31T23:00:00.000Z');
    expect(lotExpiry({ kind: 'end_of_month' }, at('2024-01-31T23:30:00Z'), TZ)?.toISOString()).toBe('2024-02-29T23:00:00.000Z');
    expect(lotExpiry({ kind: 'end_of_year' }, from, TZ)?.toISOString()).toBe('2024-12-31T23:00:00.000Z');
    expect(lotExpiry({ kind: 'never' }, from, TZ)).toBeNull();
  });
  it('counts expiry from the unlock, after the pending days', () => {
    const points = { ...exampleProgram().points!, pendingDays: 14, expiry: { kind: 'end_of_month' as const } };
    const d = lotDates(points, at('2024-01-25T10:00:00Z'), TZ);
    expect(d.unlockAt.toISOString()).toBe('2024-02-08T10:00:00.000Z');
    expect(d.expiresAt?.toISOString()).toBe('2024-02-29T23:00:00.000Z');
    const immediate = lotDates({ ...points, pendingDays: 0 }, at('2024-01-25T10:00:00Z'), TZ);
    expect(immediate.unlockAt.toISOString()).toBe('2024-01-25T10:00:00.000Z');
  });
});
