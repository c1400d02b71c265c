import { describe, expect, it } from 'vitest';
import { calendarOccurrences, dayOf, dayOrThrow, isoWeekday, monthLabel, monthOfDay } from './calendar.js';
import { seasonality } from './seasonality.js';

const day = (text: string) => dayOrThrow(text, 'test');

describe('calendar', () => {
  it('numbers days and months and knows the weekday', () => {
    expect(dayOf('1970-01-01')).toBe(0);
    expect(dayOf('2025-02-29')).toBeNull();
    expect(isoWeekday(0)).toBe(4); // a Thursday
    expect(isoWeekday(day('2026-03-01'))).toBe(7); // a Sunday
    expect(monthLabel(monthOfDay(day('2026-03-15')))).toBe('2026-03');
  });

  it('counts occurrences, a month partly inside by the share of its days', () => {
    // 15–31 January 2026 is 17 of 31 days; February whole. Weekdays: 15 Jan is a Thursday; 45 days = 6 weeks + 3 days (Thu, Fri, Sat).
    const occ = calendarOccurrences(day('2026-01-15'), day('2026-02-28'));
    expect(occ.months[1]).toBeCloseTo(17 / 31, 12);
    expect(occ.months[2]).toBeCloseTo(1, 12);
    expect(occ.months[3]).toBe(0);
    expect(occ.weekdays.slice(1)).toEqual([6, 6, 6, 7, 7, 7, 6]);
  });
});

describe('seasonality', () => {
  // January and February 2026 (59 days). Revenue 3100 in January (31 days = 1 occurrence), 1400 in
  // February: per occurrence 3100 and 1400, average over the period's 2 month-occurrences 2250:
  // index January = 3100 / 2250 × 100 = 137.8, February = 62.2; months not in the period have no index.
  it('indexes months and weekdays against the average occurrence', () => {
    const r = seasonality(
      [{ key: 1, revenue: 3100, receipts: 31 }, { key: 2, revenue: 1400, receipts: 28 }],
      [{ key: 1, revenue: 900, receipts: 9 }, { key: 7, revenue: 0, receipts: 0 }],
      day('2026-01-01'), day('2026-02-28'),
    );
    const jan = r.months[0]!;
    expect(jan).toMatchObject({ key: 1, revenue: 3100, receipts: 31 });
    expect(jan.revenueIndex).toBeCloseTo((3100 / 2250) * 100, 9);
    expect(r.months[1]!.revenueIndex).toBeCloseTo((1400 / 2250) * 100, 9);
    expect(r.months[2]).toMatchObject({ key: 3, occurrences: 0, revenue: 0, revenueIndex: null });
    // 59 days: Thursday 1 Jan … 8 Mondays. Only Mondays sold: 900 over 8 Mondays, average over 59 days 900/59.
    const monday = r.weekdays[0]!;
    expect(monday.occurrences).toBe(8);
    expect(monday.revenueIndex).toBeCloseTo((900 / 8 / (900 / 59)) * 100, 9);
    expect(r.weekdays[6]!.revenueIndex).toBe(0);
  });

  it('rejects a key that is not a month or weekday and a period that ends before it starts', () => {
    expect(() => seasonality([{ key: 13, revenue: 1, receipts: 1 }], [], 0, 10)).toThrow(/calendar key/);
    expect(() => seasonality([], [], 10, 0)).toThrow(/ends before/);
  });
});
