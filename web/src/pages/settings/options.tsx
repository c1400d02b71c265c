// Choices shared by the settings forms: currencies, time zones and languages, named for the reader.
import { useMemo } from 'react';
import { currencyName, languageName, timeZoneOffset } from '../../format';
import { LANGUAGES } from '../../i18n';

/** Every value Intl knows, plus the current one in case this browser's list lacks it (e.g. "UTC"). */
function withCurrent(values: string[], current: string | null | undefined): string[] {
  return current && !values.includes(current) ? [current, ...values] : values;
}

export function CurrencyOptions({ locale, current }: { locale: string; current?: string | undefined }) {
  const options = useMemo(() => withCurrent(Intl.supportedValuesOf('currency'), current)
    .map((code) => ({ code, label: `${code} — ${currencyName(code, locale)}` })), [locale, current]);
  return <>{options.map((o) => <option key={o.code} value={o.code}>{o.label}</option>)}</>;
}

export function TimeZoneOptions({ locale, current }: { locale: string; current?: string | null | undefined }) {
  const options = useMemo(() => {
    const now = new Date();
    return withCurrent(Intl.supportedValuesOf('timeZone'), current)
      .map((zone) => ({ zone, label: `${zone.replace(/_/g, ' ')} (${timeZoneOffset(zone, locale, now)})` }));
  }, [locale, current]);
  return <>{options.map((o) => <option key={o.zone} value={o.zone}>{o.label}</option>)}</>;
}

// ISO 3166-1 alpha-2 codes that Intl can name, minus groupings and private-use codes.
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'QO', 'XA', 'XB', 'ZZ']);
let regionCodes: string[] | null = null;
function allRegionCodes(): string[] {
  if (regionCodes) return regionCodes;
  const names = new Intl.DisplayNames('en', { type: 'region', fallback: 'code' });
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const found: string[] = [];
  for (const a of letters) {
    for (const b of letters) {
      const code = a + b;
      if (!NOT_COUNTRIES.has(code) && names.of(code) !== code) found.push(code);
    }
  }
  regionCodes = found;
  return found;
}

export function CountryOptions({ locale, current }: { locale: string; current?: string | null | undefined }) {
  const options = useMemo(() => {
    const names = new Intl.DisplayNames(locale, { type: 'region', fallback: 'code' });
    return withCurrent(allRegionCodes(), current)
      .map((code) => ({ code, label: names.of(code) ?? code }))
      .sort((x, y) => x.label.localeCompare(y.label, locale));
  }, [locale, current]);
  return <>{options.map((o) => <option key={o.code} value={o.code}>{o.label}</option>)}</>;
}

/** The interface languages, each in its own name and in the reader's. */
export function LanguageOptions({ locale, current }: { locale: string; current?: string | null | undefined }) {
  const values = withCurrent([...LANGUAGES], current);
  return (
    <>
      {values.map((lang) => {
        const own = languageName(lang);
        const local = languageName(lang, locale);
        return <option key={lang} value={lang}>{own === local ? own : `${own} — ${local}`}</option>;
      })}
    </>
  );
}
