// Every text with plural forms in one language has, in every language, each plural category that
// Intl.PluralRules knows for that language: i18next picks `<key>_<category>` and silently falls back to
// `<key>_other` when one is missing ("5 месяца" instead of "5 месяцев"), which no type check notices.
import { createInstance } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';

const LANGS = ['en', 'ru', 'ar'] as const;
const SUFFIX = /^(.*)_(zero|one|two|few|many|other)$/;

type Tree = { [key: string]: string | Tree };

// The same files index.ts loads: the shell's <lang>.json and the areas' <lang>/<area>.json.
const shellFiles = import.meta.glob<{ default: Tree }>('./*.json', { eager: true });
const areaFiles = import.meta.glob<{ default: Tree }>('./*/*.json', { eager: true });

function flatten(tree: Tree, prefix = '', out: string[] = []): string[] {
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.push(key);
    else flatten(v, key, out);
  }
  return out;
}

/** namespace → every key, for one language. */
function resources(lang: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const shell = shellFiles[`./${lang}.json`];
  if (shell) out.set('translation', new Set(flatten(shell.default)));
  for (const [file, module] of Object.entries(areaFiles)) {
    const m = /^\.\/([a-z]+)\/([a-zA-Z-]+)\.json$/.exec(file);
    if (m && m[1] === lang && m[2]) out.set(m[2], new Set(flatten(module.default)));
  }
  return out;
}

const all = Object.fromEntries(LANGS.map((l) => [l, resources(l)])) as Record<(typeof LANGS)[number], Map<string, Set<string>>>;

/** "ns:key" of every text that has plural variants in at least one language. */
function pluralBases(): string[] {
  const bases = new Set<string>();
  for (const lang of LANGS) {
    for (const [ns, keys] of all[lang]) {
      for (const key of keys) {
        const m = SUFFIX.exec(key);
        if (m) bases.add(`${ns}:${m[1]}`);
      }
    }
  }
  return [...bases].sort();
}

describe('plural forms', () => {
  it('finds the plural texts', () => {
    for (const lang of LANGS) expect(all[lang].size).toBeGreaterThan(4);
    expect(pluralBases()).toContain('analytics:retention.intro');
    expect(pluralBases()).toContain('analytics:countUnits.months');
  });

  for (const lang of LANGS) {
    const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
    it(`${lang} has ${categories.join(', ')} for every plural text`, () => {
      const missing: string[] = [];
      for (const base of pluralBases()) {
        const [ns, key] = base.split(':') as [string, string];
        const keys = all[lang].get(ns) ?? new Set<string>();
        for (const c of categories) if (!keys.has(`${key}_${c}`)) missing.push(`${ns}:${key}_${c}`);
      }
      expect(missing).toEqual([]);
    });
  }

  it('has no plural text that is also a plain one', () => {
    const clashes: string[] = [];
    for (const lang of LANGS) {
      for (const base of pluralBases()) {
        const [ns, key] = base.split(':') as [string, string];
        if (all[lang].get(ns)?.has(key)) clashes.push(`${lang} ${base}`);
      }
    }
    expect(clashes).toEqual([]);
  });
});

describe('counted units read right', () => {
  const analytics = (lang: string) => areaFiles[`./${lang}/analytics.json`]?.default ?? {};
  const i18n = createInstance();
  beforeAll(async () => {
    await i18n.init({
      resources: Object.fromEntries(LANGS.map((l) => [l, { analytics: analytics(l) }])),
      lng: 'en', fallbackLng: false, ns: ['analytics'], defaultNS: 'analytics', interpolation: { escapeValue: false },
    });
  });
  const months = (lng: string, n: number) => i18n.t('ltv.months', { lng, count: n, value: String(n) });

  it('in English, Russian and Arabic', () => {
    expect([1, 3].map((n) => months('en', n))).toEqual(['1 month', '3 months']);
    expect([1, 3, 5, 21, 1.5].map((n) => months('ru', n))).toEqual(['1 месяц', '3 месяца', '5 месяцев', '21 месяц', '1.5 месяца']);
    expect([1, 2, 3, 11, 100].map((n) => months('ar', n))).toEqual(['شهر واحد', 'شهران', '3 أشهر', '11 شهرًا', '100 شهر']);
    expect(i18n.t('retention.intro', { lng: 'ru', count: 5, months: '5' })).toContain('за последние 5 месяцев.');
    expect(i18n.t('retention.intro', { lng: 'ar', count: 2, months: '2' })).toContain('خلال آخر شهرين.');
  });
});
