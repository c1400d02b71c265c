// Calendar arithmetic on local days and months, as plain integers: a day is the number of days since
// 1970-01-01 of a local calendar date ("YYYY-MM-DD" in the organization's time zone), a month is
// year·12 + (month − 1). The SQL hands dates over already converted to the organization's zone, so
// nothing here needs a time zone, and integers make month ranges and offsets plain subtraction.
import { DAY_MS } from '../../../platform/time.js';

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number of a real 'YYYY-MM-DD' date, or null. */
export function dayOf(text: string): number | null {
  const m = ISO_DAY.exec(text);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return null;
  return ms / DAY_MS;
}

export function dayOrThrow(text: string, what: string): number {
  const d = dayOf(text);
  if (d === null) throw new RangeError(`${what}: "${text}" is not a date in the form YYYY-MM-DD`);
  return d;
}

export function dayLabel(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function monthOfDay(day: number): number {
  const d = new Date(day * DAY_MS);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

/** First day of a month. */
export function firstDayOfMonth(month: number): number {
  return Date.UTC(Math.floor(month / 12), month % 12, 1) / DAY_MS;
}

export function monthLabel(month: number): string {
  return `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;
}

export function yearOfMonth(month: number): number {
  return Math.floor(month / 12);
}

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/**
 * How often each calendar month (1–12) and ISO weekday (1–7) occurs in the days [from, to]. A month
 * partly inside counts as the fraction of its days inside (half of March = 0.5 of a March).
 */
export function calendarOccurrences(from: number, to: number): { months: number[]; weekdays: number[] } {
  const months = new Array<number>(13).fill(0);
  const weekdays = new Array<number>(8).fill(0);
  for (let d = from; d <= to; d++) {
    const m = monthOfDay(d);
    months[(m % 12) + 1]! += 1 / (firstDayOfMonth(m + 1) - firstDayOfMonth(m));
    weekdays[isoWeekday(d)]! += 1;
  }
  return { months, weekdays };
}
