import { describe, expect, it } from 'vitest';
import { endOfLocalMonth, isBirthdayOn, localDate, startOfLocalDay, zonedTimeToInstant } from './time.js';

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
