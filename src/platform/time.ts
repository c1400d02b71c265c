// Time: instants are UTC (`Date`, `timestamptz`); calendar rules (birthdays, "end of month", daily jobs)
// use the organization's IANA time zone. The clock is injected so tests can freeze it.

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still (or moves only when told), for tests and deterministic jobs. */
export function fixedClock(start: Date | string): Clock & { set(d: Date | string): void; advance(ms: number): void } {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set: (d) => { current = new Date(d); },
    advance: (ms) => { current = new Date(current.getTime() + ms); },
  };
}

export const DAY_MS = 86_400_000;

export interface ZonedParts { year: number; month: number; day: number; hour: number; minute: number; second: number; weekday: number }

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric', weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The wall-clock reading of an instant in a time zone (weekday 0 = Sunday). */
export function zonedParts(instant: Date, timeZone: string): ZonedParts {
  const ms = instant.getTime();
  const offset = cachedOffset(ms, timeZone);
  if (offset === null) return intlZonedParts(instant, timeZone);
  const local = new Date(ms + offset);
  return {
    year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate(),
    hour: local.getUTCHours(), minute: local.getUTCMinutes(), second: local.getUTCSeconds(),
    weekday: local.getUTCDay(),
  };
}

/** The reference reading, through Intl (~5 µs a call); `zonedParts` gives the same answer from a cached offset. */
export function intlZonedParts(instant: Date, timeZone: string): ZonedParts {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(instant)) parts[p.type] = p.value;
  return {
    year: Number(parts.year), month: Number(parts.month), day: Number(parts.day),
    hour: Number(parts.hour), minute: Number(parts.minute), second: Number(parts.second),
    weekday: WEEKDAYS.indexOf(parts.weekday ?? ''),
  };
}

// A zone's UTC offset is constant except at its transitions (a few a year), so it is cached per zone and
// UTC day: the day's offset is measured at its first and last second, and only a day where the two
// differ (a transition inside it) is read through Intl for every instant. Years outside 1900–9999 always
// go through Intl (eras, calendar changes).
const offsets = new Map<string, Map<number, number>>();
const MAX_CACHED_DAYS = 20_000;
const MIN_FAST_MS = Date.UTC(1900, 0, 2);
const MAX_FAST_MS = Date.UTC(9999, 11, 30);
const TRANSITION = Number.NaN;

function cachedOffset(ms: number, timeZone: string): number | null {
  if (!(ms >= MIN_FAST_MS && ms <= MAX_FAST_MS)) return null;
  let days = offsets.get(timeZone);
  if (!days) {
    days = new Map();
    offsets.set(timeZone, days);
  }
  const day = Math.floor(ms / DAY_MS);
  let offset = days.get(day);
  if (offset === undefined) {
    const first = offsetAt(day * DAY_MS, timeZone);
    const last = offsetAt((day + 1) * DAY_MS - 1000, timeZone);
    offset = first === last ? first : TRANSITION;
    if (days.size >= MAX_CACHED_DAYS) days.clear();
    days.set(day, offset);
  }
  return Number.isNaN(offset) ? null : offset;
}

/** Local wall clock minus UTC at a whole second, in ms. */
function offsetAt(ms: number, timeZone: string): number {
  const p = intlZonedParts(new Date(ms), timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - ms;
}

/** The calendar date ("YYYY-MM-DD") of an instant in a time zone. */
export function localDate(instant: Date, timeZone: string): string {
  const p = zonedParts(instant, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/**
 * The instant at which the wall clock in `timeZone` reads the given local time. For a time that does not
 * exist (spring-forward gap) the result is shifted forward by the gap, as most calendars do.
 */
export function zonedTimeToInstant(year: number, month: number, day: number, hour: number, minute: number, second: number, timeZone: string): Date {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  let guess = asUtc;
  // Two corrections settle every real-world offset change.
  for (let i = 0; i < 2; i++) {
    const p = zonedParts(new Date(guess), timeZone);
    const seen = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    guess += asUtc - seen;
  }
  return new Date(guess);
}

/** Start of the local day containing `instant`. */
export function startOfLocalDay(instant: Date, timeZone: string): Date {
  const p = zonedParts(instant, timeZone);
  return zonedTimeToInstant(p.year, p.month, p.day, 0, 0, 0, timeZone);
}

/** The first instant after the local month containing `instant` ends (i.e. 00:00 on the 1st of the next month). */
export function endOfLocalMonth(instant: Date, timeZone: string): Date {
  const p = zonedParts(instant, timeZone);
  const nextYear = p.month === 12 ? p.year + 1 : p.year;
  const nextMonth = p.month === 12 ? 1 : p.month + 1;
  return zonedTimeToInstant(nextYear, nextMonth, 1, 0, 0, 0, timeZone);
}

/** The first instant after the local year containing `instant` ends. */
export function endOfLocalYear(instant: Date, timeZone: string): Date {
  const p = zonedParts(instant, timeZone);
  return zonedTimeToInstant(p.year + 1, 1, 1, 0, 0, 0, timeZone);
}

/** Whole calendar days from local date a to local date b ("YYYY-MM-DD"), b − a. */
export function daysBetweenDates(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/** Adds days to a "YYYY-MM-DD" date. */
export function addDaysToDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whether a birthday ("YYYY-MM-DD" or "MM-DD") falls on a local date; 29 February is celebrated on 28 February in common years. */
export function isBirthdayOn(birthDate: string, localDay: string): boolean {
  const md = birthDate.length === 10 ? birthDate.slice(5) : birthDate;
  const today = localDay.slice(5);
  if (md === today) return true;
  const year = Number(localDay.slice(0, 4));
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return md === '02-29' && !leap && today === '02-28';
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
