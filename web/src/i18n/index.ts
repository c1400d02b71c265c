// i18next set up once, before the first render. The language follows the staff member's own choice,
// else the organization's, else the browser's; <html lang dir> follows the language.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { isolate } from '../bidi';
import ar from './ar.json';
import en from './en.json';
import ru from './ru.json';

// Each area keeps its texts in its own namespace file, web/src/i18n/<lang>/<area>.json, loaded here
// automatically (use them with useTranslation('<area>')); the shell's texts are the default namespace.
const areaFiles = import.meta.glob<{ default: Record<string, unknown> }>('./*/*.json', { eager: true });
function areaResources(lang: string): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [file, module] of Object.entries(areaFiles)) {
    const m = /^\.\/([a-z]+)\/([a-zA-Z-]+)\.json$/.exec(file);
    if (m && m[1] === lang && m[2]) out[m[2]] = module.default;
  }
  return out;
}

export const LANGUAGES = ['en', 'ru', 'ar'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'regulars.language';

function supported(tag: string | null | undefined): Language | null {
  if (!tag) return null;
  const base = tag.toLowerCase().split('-')[0];
  return (LANGUAGES as readonly string[]).includes(base ?? '') ? (base as Language) : null;
}

/** The first supported language among the candidates, in order; English when none is. */
export function pickLanguage(...candidates: (string | null | undefined)[]): Language {
  for (const c of candidates) {
    const lang = supported(c);
    if (lang) return lang;
  }
  return 'en';
}

function browserLanguages(): readonly string[] {
  return typeof navigator === 'undefined' ? [] : navigator.languages;
}

/** Before anyone logs in: the language last chosen on this device, else the browser's. */
export function initialLanguage(): Language {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(STORAGE_KEY);
  } catch {
    // storage may be disabled; the browser language will do
  }
  return pickLanguage(stored, ...browserLanguages());
}

/** For a logged-in staff member: theirs, else the organization's, else the browser's. */
export function languageFor(staffLocale: string | null, organizationLocale: string | null): Language {
  return pickLanguage(staffLocale, organizationLocale, ...browserLanguages());
}

export function rememberLanguage(lang: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // not remembered on this device; the profile still keeps it
  }
}

export function currentLanguage(): Language {
  return pickLanguage(i18n.language);
}

function applyToDocument(lang: string): void {
  document.documentElement.lang = lang;
  document.documentElement.dir = i18n.dir(lang);
}

i18n.on('languageChanged', applyToDocument);

void i18n.use(initReactI18next).init({
  resources: {
    en: { translation: en, ...areaResources('en') },
    ru: { translation: ru, ...areaResources('ru') },
    ar: { translation: ar, ...areaResources('ar') },
  },
  lng: initialLanguage(),
  fallbackLng: 'en',
  supportedLngs: [...LANGUAGES],
  // React escapes HTML; the "escape" here only isolates interpolated names for right-to-left text.
  interpolation: { escapeValue: true, escape: (value: unknown) => isolate(String(value)) },
  returnNull: false,
});
applyToDocument(i18n.language);

export default i18n;
