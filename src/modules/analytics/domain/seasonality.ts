// Seasonality: revenue and receipts ("visits" at the till, anonymous sales included) by calendar
// month and by weekday, in the organization's time zone. A period rarely holds every month or weekday
// equally often, so each is also given per occurrence and as an index: the average per occurrence
// against the average over all occurrences, × 100 (100 = an ordinary month or day; 130 = 30% busier).
import { calendarOccurrences } from './calendar.js';

export interface CalendarTotals { key: number; revenue: number; receipts: number }

export interface SeasonRow {
  key: number;
  /** Months or weekdays of that kind in the period. */
  occurrences: number;
  revenue: number;
  receipts: number;
  revenuePerOccurrence: number | null;
  receiptsPerOccurrence: number | null;
  revenueIndex: number | null;
  receiptsIndex: number | null;
}

function rows(keys: number[], totals: readonly CalendarTotals[], occurrences: number[]): SeasonRow[] {
  const byKey = new Map(totals.map((t) => [t.key, t]));
  for (const t of totals) if (!keys.includes(t.key)) throw new RangeError(`unexpected calendar key ${t.key}`);
  let revenue = 0;
  let receipts = 0;
  let occ = 0;
  for (const k of keys) {
    revenue += byKey.get(k)?.revenue ?? 0;
    receipts += byKey.get(k)?.receipts ?? 0;
    occ += occurrences[k] as number;
  }
  const avgRevenue = occ > 0 ? revenue / occ : 0;
  const avgReceipts = occ > 0 ? receipts / occ : 0;
  return keys.map((key) => {
    const t = byKey.get(key);
    const o = occurrences[key] as number;
    const rev = t?.revenue ?? 0;
    const rec = t?.receipts ?? 0;
    return {
      key, occurrences: o, revenue: rev, receipts: rec,
      revenuePerOccurrence: o > 0 ? rev / o : null,
      receiptsPerOccurrence: o > 0 ? rec / o : null,
      revenueIndex: o > 0 && avgRevenue > 0 ? (rev / o / avgRevenue) * 100 : null,
      receiptsIndex: o > 0 && avgReceipts > 0 ? (rec / o / avgReceipts) * 100 : null,
    };
  });
}

/** `byMonth` keyed 1–12, `byWeekday` keyed 1 (Monday) – 7 (Sunday); the period is the days [fromDay, toDay]. */
export function seasonality(byMonth: readonly CalendarTotals[], byWeekday: readonly CalendarTotals[], fromDay: number, toDay: number): { months: SeasonRow[]; weekdays: SeasonRow[] } {
  if (toDay < fromDay) throw new RangeError('the period ends before it starts');
  const occ = calendarOccurrences(fromDay, toDay);
  return {
    months: rows([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], byMonth, occ.months),
    weekdays: rows([1, 2, 3, 4, 5, 6, 7], byWeekday, occ.weekdays),
  };
}
