// The files' words (export-texts.ts) against the web app's (web/src/i18n/<lang>/analytics.json): the same
// thing is named the same way on a page and in its export, and every table, column and summary figure of
// every measure has its name in Russian and Arabic. The server may not read the web's files at run time,
// so this test is what keeps the two tables one.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { EXPORT_TEXTS } from './export-texts.js';
import { MEASURES } from './measures/index.js';
import { COUNT_UNITS, NOTE_LANGUAGES } from './notes.js';

const root = path.resolve(import.meta.dirname, '../../..');
type Json = Record<string, unknown>;
const web = (lang: string) => JSON.parse(fs.readFileSync(path.join(root, 'web/src/i18n', lang, 'analytics.json'), 'utf8')) as Json;

/** The web's page section holding each measure's title. */
const TITLE_SECTION: Record<string, string> = {
  'pareto': 'pareto', 'ladder': 'ladder', 'rfm': 'rfm', 'abc-xyz': 'abc', 'retention': 'retention', 'new-returning': 'newReturning', 'cohorts': 'cohorts',
  'frequency': 'frequency', 'seasonality': 'seasonality', 'best-customers': 'best', 'ltv': 'ltv', 'clv': 'clv', 'slipping-away': 'slipping',
  'key-customers': 'dependence', 'economics': 'economics',
};

type Def = { type: string; shape?: Record<string, z.ZodType>; innerType?: z.ZodType };
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/**
 * A summary schema's figure paths as the summary sheet flattens them ("regular.k"); records are named by
 * their key, and a group that may be null (clv's bgnbd) by its own name too, for the row it makes then.
 */
function figurePaths(schema: z.ZodType, prefix = ''): string[] {
  const def = defOf(schema);
  if (def.type === 'nullable' && defOf(def.innerType as z.ZodType).type === 'object') return [prefix, ...figurePaths(def.innerType as z.ZodType, prefix)];
  if (def.type === 'nullable' || def.type === 'optional' || def.type === 'default') return figurePaths(def.innerType as z.ZodType, prefix);
  if (def.type === 'object') return Object.entries(def.shape ?? {}).flatMap(([k, v]) => figurePaths(v, prefix ? `${prefix}.${k}` : k));
  return [prefix];
}

describe('analytics export texts', () => {
  it('name tables, columns and values as the web app does, in Russian and Arabic', () => {
    for (const lang of ['ru', 'ar'] as const) {
      const w = web(lang);
      const tx = EXPORT_TEXTS[lang];
      expect(tx.tables, lang).toEqual(w.tables);
      expect(tx.columns, lang).toEqual(w.columns);
      expect(tx.measureColumns, lang).toEqual(w.measureColumns);
      expect(tx.values, lang).toEqual(w.values);
      expect([tx.yes, tx.no], lang).toEqual([w.yes, w.no]);
      for (const m of MEASURES) expect(tx.titles[m.name], `${lang} ${m.name}`).toBe((w[TITLE_SECTION[m.name] as string] as Json).title);
    }
  });

  it('the web app has the same tables and columns in English (its keys), and the same plural forms as the notes', () => {
    const en = web('en');
    const keys = (o: unknown): unknown => (o !== null && typeof o === 'object' ? Object.fromEntries(Object.entries(o).map(([k, v]) => [k, keys(v)])) : true);
    for (const part of ['tables', 'columns', 'measureColumns', 'values']) expect(keys(en[part]), part).toEqual(keys(web('ru')[part]));
    for (const lang of NOTE_LANGUAGES) {
      const forms = Object.fromEntries(Object.entries(COUNT_UNITS[lang]).flatMap(([unit, byCategory]) => Object.entries(byCategory).map(([category, text]) => [`${unit}_${category}`, text])));
      expect(web(lang).countUnits, lang).toEqual(forms);
      // Every plural category the language has is covered.
      for (const unit of Object.keys(COUNT_UNITS[lang]) as (keyof (typeof COUNT_UNITS)['en'])[]) {
        expect(Object.keys(COUNT_UNITS[lang][unit]).sort(), `${lang} ${unit}`).toEqual([...new Intl.PluralRules(lang).resolvedOptions().pluralCategories].sort());
      }
    }
  });

  it('every table, column and summary figure of every measure has its name in Russian and Arabic', () => {
    for (const lang of ['ru', 'ar'] as const) {
      const tx = EXPORT_TEXTS[lang];
      for (const m of MEASURES) {
        expect(tx.measures[m.name], `${lang} ${m.name}`).toBeTruthy();
        for (const [table, columns] of Object.entries(m.tables)) {
          expect(tx.tables[m.name]?.[table], `${lang} ${m.name}.${table}`).toBeTruthy();
          for (const c of columns) expect(tx.measureColumns[m.name]?.[table]?.[c.key] ?? tx.columns[c.key], `${lang} ${m.name}.${table}.${c.key}`).toBeTruthy();
        }
        for (const figure of figurePaths(m.summary)) expect(tx.figures[m.name]?.[figure], `${lang} ${m.name} ${figure}`).toBeTruthy();
        expect(Object.keys(tx.figures[m.name] ?? {}).sort(), `${lang} ${m.name}`).toEqual(figurePaths(m.summary).sort());
      }
      expect(Object.keys(tx.titles).sort()).toEqual(MEASURES.map((m) => m.name).sort());
    }
  });

  it('gives English files what they always said: the measures\' own labels, table names and keys', () => {
    const tx = EXPORT_TEXTS.en;
    expect([tx.sheet, tx.facts.timeZone]).toEqual([{ summary: 'summary', figure: 'Figure', value: 'Value', note: 'note' }, 'time zone']);
    expect([tx.tables, tx.columns, tx.figures, tx.titles]).toEqual([{}, {}, {}, {}]);
  });
});
