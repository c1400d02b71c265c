// Calendar dates (birthdays, expiry dates, occasions) are days, not moments: they are formatted in UTC so
// that no time zone can move 10 August to 9 August.
import { todayIn } from '../../../format';
import type { Customer, CustomerMatch } from './types';

export function formatDay(isoDate: string, locale: string, style: 'medium' | 'long' | 'short' = 'medium'): string {
  const d = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return isoDate;
  return new Intl.DateTimeFormat(locale, { dateStyle: style, timeZone: 'UTC' }).format(d);
}

/** "10 August" for a month and day without a year (2000 is a leap year, so 29 February exists). */
export function formatMonthDay(month: number, day: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { month: 'long', day: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(2000, month - 1, day)));
}

/**
 * A document is expired from the day after its expiry date, on the organization's calendar: one that
 * expires today is still valid all day, whatever the UTC date already (or still) is.
 */
export function isExpired(expiresOn: string | null, timeZone: string, now: Date = new Date()): boolean {
  return expiresOn !== null && expiresOn.slice(0, 10) < todayIn(timeZone, now);
}

/** Full years between a birth date and today. */
export function ageOf(isoDate: string, today: Date = new Date()): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  let age = today.getFullYear() - y;
  if (today.getMonth() + 1 < mo || (today.getMonth() + 1 === mo && today.getDate() < d)) age--;
  return age >= 0 && age < 150 ? age : null;
}

/** The name in Latin letters, when the profile has one and it differs from the display name. */
export function latinName(c: Pick<Customer | CustomerMatch, 'familyNameLatin' | 'givenNamesLatin' | 'displayName'>): string | null {
  const latin = [c.familyNameLatin, c.givenNamesLatin].filter(Boolean).join(' ');
  return latin && latin.toLowerCase() !== c.displayName.toLowerCase() ? latin : null;
}

/** A file name for a download, from a customer's name (letters and digits of any script kept). */
export function fileSafe(name: string): string {
  return name.normalize('NFC').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'customer';
}

/** The offset of a time zone from UTC at a moment, in milliseconds (Europe/Moscow: +3 h). */
function zoneOffsetMs(timeZone: string, at: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(at));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - Math.floor(at / 1000) * 1000;
}

/** "2026-03-14T15:30" read on the organization's clock, as an ISO moment for the API. */
export function zonedToIso(local: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return null;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  let at = wall - zoneOffsetMs(timeZone, wall);
  at = wall - zoneOffsetMs(timeZone, at); // once more, for a moment near a daylight-saving change
  return new Date(at).toISOString();
}

/** Now on the organization's clock, as a datetime-local value ("2026-03-14T15:30"). */
export function zonedNow(timeZone: string, now: Date = new Date()): string {
  return new Date(now.getTime() + zoneOffsetMs(timeZone, now.getTime())).toISOString().slice(0, 16);
}
