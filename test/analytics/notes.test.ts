// Every note code has its sentence in every language, on the server (files, CLI) and in the web app, and
// the two say the same thing: the web's noteText in web/src/i18n/<lang>/analytics.json equals notes.ts.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NOTE_CODES, NOTE_LANGUAGES, NOTE_TEXTS, note, noteText } from '../../src/modules/analytics/notes.js';

const root = path.resolve(import.meta.dirname, '../..');
const web = (lang: string) => JSON.parse(fs.readFileSync(path.join(root, 'web/src/i18n', lang, 'analytics.json'), 'utf8')) as { notes: string; noteText: Record<string, string> };
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('analytics notes in en, ru and ar', () => {
  it('the server has a sentence for every code in every language, with the same placeholders as the English one', () => {
    for (const lang of NOTE_LANGUAGES) {
      expect(Object.keys(NOTE_TEXTS[lang]).sort()).toEqual([...NOTE_CODES].sort());
      for (const code of NOTE_CODES) {
        expect(NOTE_TEXTS[lang][code].trim(), `${lang}.${code}`).not.toBe('');
        expect(placeholders(NOTE_TEXTS[lang][code]), `${lang}.${code}`).toEqual(placeholders(NOTE_TEXTS.en[code]));
      }
    }
  });

  it('the web app has a text for every code in every language, the same as the server\'s', () => {
    for (const lang of NOTE_LANGUAGES) {
      const texts = web(lang).noteText;
      expect(Object.keys(texts).sort(), lang).toEqual([...NOTE_CODES].sort());
      for (const code of NOTE_CODES) expect(texts[code], `${lang}.${code}`).toBe(NOTE_TEXTS[lang][code]);
      expect(web(lang).notes).not.toMatch(/English|англ|الإنجليزية/);
    }
  });

  it('Russian and Arabic sentences are written in their own script, formulas isolated left to right in Arabic', () => {
    for (const code of NOTE_CODES) {
      expect(NOTE_TEXTS.ru[code], code).toMatch(/[а-яё]{3}/i);
      expect(NOTE_TEXTS.ar[code], code).toMatch(/[\u0600-\u06ff]{3}/);
      // Every "=" of a formula inside Arabic text sits in an LRI … PDI isolate, or between Arabic words.
      for (const m of NOTE_TEXTS.ar[code].matchAll(/[A-Za-z)]\s*=\s*[A-Za-z(0-9]/g)) {
        const before = NOTE_TEXTS.ar[code].slice(0, m.index);
        expect(before.lastIndexOf('\u2066'), `${code}: ${m[0]}`).toBeGreaterThan(before.lastIndexOf('\u2069'));
      }
    }
  });

  it('fills the numbers in through Intl: a *Share as a percentage, others as numbers', () => {
    const n = note('slipping_by_revenue', { valueShare: 0.2, below: 0.35, minDrop: 0.2, days: 90 });
    expect(n.text).toBe('Valuable: the top 20% of customers by revenue; slipping: P(alive) below 0.35 and down by at least 0.2 over 90 days.');
    expect(noteText(n, 'ru')).toBe('Ценные — первые 20\u00a0% клиентов по выручке; уходящие — те, у кого P(alive) ниже 0,35 и снизилась не меньше чем на 0,2 за 90 дней.');
    expect(noteText(n, 'ar')).toContain(new Intl.NumberFormat('ar', { style: 'percent' }).format(0.2));
    expect(noteText({ code: 'crr_definition', params: { months: 3 } }, 'en')).toMatch(/^A customer is active while they bought in the last 3 months\./);
  });
});
