// Languages a customer may prefer: the ones our customers' businesses meet most, plus the current value.
import { useMemo } from 'react';
import { languageName } from '../../../format';

const COMMON = ['ru', 'en', 'ar', 'uk', 'be', 'kk', 'uz', 'ky', 'tg', 'hy', 'ka', 'az', 'tr', 'de', 'fr', 'es', 'it', 'pt', 'pl', 'cs', 'fi', 'et', 'lv', 'lt', 'sv', 'nl', 'he', 'fa', 'zh', 'ja', 'ko', 'hi'];

export function LanguageChoices({ locale, current }: { locale: string; current: string | null }) {
  const options = useMemo(() => {
    const codes = current && !COMMON.includes(current) ? [current, ...COMMON] : COMMON;
    return codes.map((code) => ({ code, label: languageName(code, locale) })).sort((a, b) => a.label.localeCompare(b.label, locale));
  }, [locale, current]);
  return <>{options.map((o) => <option key={o.code} value={o.code}>{o.label}</option>)}</>;
}
