// Numbers, dates and money for people, through Intl only. Money arrives as integer minor units and is
// turned into an exact decimal string for Intl, so no floating-point arithmetic ever touches it.

/** The BCP 47 locale for Intl: the app language, with the browser's region when it speaks that language. */
export function intlLocale(language: string): string {
  const preferred = typeof navigator === 'undefined' ? [] : navigator.languages;
  const regional = preferred.find((l) => l.toLowerCase().startsWith(`${language.toLowerCase()}-`));
  return regional ?? language;
}

export function formatNumber(value: number | bigint, locale: string, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(locale, options).format(value);
}

/** How many minor-unit digits a currency has (EUR 2, JPY 0, KWD 3), as Intl knows it. */
export function currencyDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** "12345" minor units with 2 digits → "123.45"; exact for any integer size. */
export function minorToDecimal(minor: bigint, digits: number): `${number}` {
  const negative = minor < 0n;
  const abs = negative ? -minor : minor;
  const unit = 10n ** BigInt(digits);
  const whole = (abs / unit).toString();
  const fraction = digits > 0 ? `.${(abs % unit).toString().padStart(digits, '0')}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}` as `${number}`;
}

/** Formats integer minor units (cents, kopecks, fils) of an ISO currency for a locale. */
export function formatMoney(minor: number | bigint | string, currency: string, locale: string): string {
  const units = typeof minor === 'bigint' ? minor : BigInt(minor); // throws on fractions: money is never fractional
  const nf = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const digits = nf.resolvedOptions().maximumFractionDigits ?? 2;
  return nf.format(minorToDecimal(units, digits));
}

type DateStyle = 'full' | 'long' | 'medium' | 'short';

function toDate(value: string | Date): Date {
  return typeof value === 'string' ? new Date(value) : value;
}

/** A moment as a date and time on the organization's clock. */
export function formatDateTime(value: string | Date, locale: string, timeZone: string, dateStyle: DateStyle = 'medium', timeStyle: DateStyle = 'short'): string {
  return new Intl.DateTimeFormat(locale, { dateStyle, timeStyle, timeZone }).format(toDate(value));
}

/** Today's date on a time zone's clock, as YYYY-MM-DD (comparable as a string with calendar dates). */
export function todayIn(timeZone: string, now = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

export function formatDate(value: string | Date, locale: string, timeZone: string, dateStyle: DateStyle = 'medium'): string {
  return new Intl.DateTimeFormat(locale, { dateStyle, timeZone }).format(toDate(value));
}

export function formatTime(value: string | Date, locale: string, timeZone: string, timeStyle: DateStyle = 'short'): string {
  return new Intl.DateTimeFormat(locale, { timeStyle, timeZone }).format(toDate(value));
}

/** "Euro", "евро", "يورو": the currency's name in the locale, or the code itself. */
export function currencyName(currency: string, locale: string): string {
  try {
    return new Intl.DisplayNames(locale, { type: 'currency' }).of(currency) ?? currency;
  } catch {
    return currency;
  }
}

/** A language's own name ("Русский") or its name in another locale. */
export function languageName(language: string, inLocale: string = language): string {
  try {
    const name = new Intl.DisplayNames(inLocale, { type: 'language' }).of(language) ?? language;
    return name.charAt(0).toLocaleUpperCase(inLocale) + name.slice(1);
  } catch {
    return language;
  }
}

/** The UTC offset of a time zone now, e.g. "GMT+2", in the locale's words. */
export function timeZoneOffset(timeZone: string, locale: string, at: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'shortOffset' }).formatToParts(at);
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? '';
}
