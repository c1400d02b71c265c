import { describe, expect, it } from 'vitest';
import { endOfLocalMonth, intlZonedParts, isBirthdayOn, localDate, startOfLocalDay, zonedParts, zonedTimeToInstant } from './time.js';

describe('time in the organization zone', () => {
  it('gives the local calendar date of an instant', () => {
    // 22:30 UTC on 31 January is already 1 February in Moscow.
    expect(localDate(new Date('2026-01-31T22:30:00Z'), 'Europe/Moscow')).toBe('2026-02-01');
    expect(localDate(new Date('2026-01-31T22:30:00Z'), 'America/New_York')).toBe('2026-01-31');
  });

  it('ends a month at local midnight, across a daylight-saving change', () => {
    expect(endOfLocalMonth(new Date('2026-03-15T12:00:00Z'), 'Europe/Tallinn').toISOString()).toBe('2026-03-31T21:00:00.000Z');
    expect(endOfLocalMonth(new Date('2026-12-31T23:30:00Z'), 'Asia/Dubai').toISOString()).toBe('2027-01-31T20:00:00.000Z');
  });

  it('finds local midnight and wall-clock instants', () => {
    expect(startOfLocalDay(new Date('2026-06-10T01:00:00Z'), 'Asia/Tokyo').toISOString()).toBe('2026-06-09T15:00:00.000Z');
    expect(zonedTimeToInstant(2026, 10, 25, 3, 30, 0, 'Europe/Berlin').toISOString()).toBe('2026-10-25T02:30:00.000Z');
  });

  it('celebrates 29 February birthdays on 28 February in common years', () => {
    expect(isBirthdayOn('1992-02-29', '2027-02-28')).toBe(true);
    expect(isBirthdayOn('1992-02-29', '2028-02-28')).toBe(false);
    expect(isBirthdayOn('1980-07-04', '2026-07-04')).toBe(true);
  });
});

describe('zonedParts from the cached offset', () => {
  const zones = ['UTC', 'Europe/Moscow', 'Europe/Berlin', 'Europe/Tallinn', 'America/New_York', 'America/Santiago', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Asia/Kolkata', 'Pacific/Chatham', 'Africa/Casablanca', 'America/St_Johns', 'Asia/Tokyo', 'Europe/London', 'Pacific/Apia'];

  it('reads every instant exactly as Intl does, across transitions, at any second and millisecond', () => {
    let seed = 12345;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (const zone of zones) {
      const instants: number[] = [];
      // Random instants over 1890–2060 (with the sub-second part), and every 7½ minutes around each month start.
      for (let i = 0; i < 2000; i++) instants.push(Date.UTC(1890, 0, 1) + Math.floor(random() * (Date.UTC(2060, 0, 1) - Date.UTC(1890, 0, 1))));
      for (let y = 2024; y <= 2027; y++) {
        for (let m = 0; m < 12; m++) {
          for (let k = -200; k <= 200; k++) instants.push(Date.UTC(y, m, 1) + k * 450_000 + (k % 3) * 999);
        }
      }
      // Each hour and the seconds either side of it during this zone's 2026 transitions (wherever they are).
      for (let h = 0; h < 365 * 24; h++) {
        const t = Date.UTC(2026, 0, 1) + h * 3_600_000;
        instants.push(t - 1, t);
      }
      const differ: string[] = [];
      for (const ms of instants) {
        const d = new Date(ms);
        const a = zonedParts(d, zone);
        const b = intlZonedParts(d, zone);
        if (a.year !== b.year || a.month !== b.month || a.day !== b.day || a.hour !== b.hour || a.minute !== b.minute || a.second !== b.second || a.weekday !== b.weekday) differ.push(d.toISOString());
      }
      expect(differ, zone).toEqual([]);
    }
  });

  it('matches Intl outside the cached years too', () => {
    for (const iso of ['1899-12-31T23:59:59Z', '1066-10-14T09:00:00Z', '0500-06-01T12:00:00Z']) {
      expect(zonedParts(new Date(iso), 'Europe/London')).toEqual(intlZonedParts(new Date(iso), 'Europe/London'));
    }
  });
});
