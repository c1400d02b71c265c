import { describe, expect, it } from 'vitest';
import { isExpired } from './format';

describe('isExpired: a document is expired from the day after its expiry date, on the organization\'s calendar', () => {
  it('keeps a document valid all through its last day, even when UTC is already on the next day', () => {
    // 21:30 on 14 March in New York (UTC−4) is 01:30 on 15 March in UTC.
    const lateEvening = new Date('2026-03-15T01:30:00Z');
    expect(isExpired('2026-03-14', 'America/New_York', lateEvening)).toBe(false);
    expect(isExpired('2026-03-13', 'America/New_York', lateEvening)).toBe(true);
  });

  it('shows it expired the morning after, even when UTC is still on its last day', () => {
    // 01:30 on 15 March in Moscow (UTC+3) is 22:30 on 14 March in UTC.
    const earlyMorning = new Date('2026-03-14T22:30:00Z');
    expect(isExpired('2026-03-14', 'Europe/Moscow', earlyMorning)).toBe(true);
    expect(isExpired('2026-03-15', 'Europe/Moscow', earlyMorning)).toBe(false);
  });

  it('is valid on the day itself in the evening in UTC+3', () => {
    expect(isExpired('2026-03-14', 'Europe/Moscow', new Date('2026-03-14T20:59:00Z'))).toBe(false);
  });

  it('never expires a document without an expiry date', () => {
    expect(isExpired(null, 'Europe/Tallinn', new Date('2100-01-01T00:00:00Z'))).toBe(false);
  });

  it('reads a date that arrives with a time part as its day', () => {
    expect(isExpired('2026-03-14T00:00:00.000Z', 'Asia/Dubai', new Date('2026-03-14T19:59:00Z'))).toBe(false);
    expect(isExpired('2026-03-14T00:00:00.000Z', 'Asia/Dubai', new Date('2026-03-14T20:00:00Z'))).toBe(true);
  });
});
