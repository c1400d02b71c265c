// The report period: local dates in the organization's time zone, both ends inclusive. Without `to` the
// period ends today; without `from` it starts on the first day of the month eleven months earlier, so
// the default is the current month and the eleven before it.
import { invalidField } from '../../platform/errors.js';
import { localDate, zonedTimeToInstant } from '../../platform/time.js';
import { dayLabel, dayOf, firstDayOfMonth, monthOfDay } from './domain/calendar.js';

export interface Period {
  from: string;
  to: string;
  fromDay: number;
  toDay: number;
  firstMonth: number;
  lastMonth: number;
  /** Calendar months touched by the period. */
  months: number[];
  timeZone: string;
}

export const MAX_PERIOD_DAYS = 366 * 10;

export function instantOfDay(day: number, timeZone: string): Date {
  const d = new Date(day * 86_400_000);
  return zonedTimeToInstant(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), 0, 0, 0, timeZone);
}

export function resolvePeriod(query: { from?: string | undefined; to?: string | undefined }, now: Date, timeZone: string): Period {
  const parse = (field: 'from' | 'to', text: string) => {
    const day = dayOf(text);
    if (day === null) throw invalidField(field, `"${text}" is not a date in the form YYYY-MM-DD`);
    return day;
  };
  const toDay = query.to ? parse('to', query.to) : (dayOf(localDate(now, timeZone)) as number);
  const fromDay = query.from ? parse('from', query.from) : firstDayOfMonth(monthOfDay(toDay) - 11);
  if (fromDay > toDay) throw invalidField('from', `the period starts (${dayLabel(fromDay)}) after it ends (${dayLabel(toDay)})`);
  if (toDay - fromDay + 1 > MAX_PERIOD_DAYS) throw invalidField('from', 'the period may be at most ten years long');
  const firstMonth = monthOfDay(fromDay);
  const lastMonth = monthOfDay(toDay);
  const months: number[] = [];
  for (let m = firstMonth; m <= lastMonth; m++) months.push(m);
  return { from: dayLabel(fromDay), to: dayLabel(toDay), fromDay, toDay, firstMonth, lastMonth, months, timeZone };
}
