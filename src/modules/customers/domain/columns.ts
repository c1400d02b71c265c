// Which customer field an import column holds: guessed from its header in any of our languages, or from
// its values when the header says nothing. The guess pre-fills the mapping screen; the user has the last word.

import { HEADER_SYNONYMS, LATIN_MARKERS } from './header-synonyms.js';
import { foldText } from './search-keys.js';
import { normalizeEmail } from './email.js';
import { parseDateCell } from './dates.js';
import { detectScript, normalizeSpaces } from './names.js';
import { genderFromValue, looksLikePatronymic } from './gender.js';

export { mapRow, type CandidateCustomer, type ColumnRule, type MapRowOptions, type RowError, type NormalizePhone } from './map-row.js';

/** The fields an import column can be mapped to. */
export const CUSTOMER_IMPORT_FIELDS = [
  'externalId', 'fullName', 'familyName', 'givenName', 'patronymic', 'fullNameLatin', 'familyNameLatin',
  'givenNameLatin', 'gender', 'birthDate', 'phone', 'email', 'documentNumber', 'documentExpiry', 'citizenship',
  'cardNumber', 'city', 'address', 'notes', 'tags',
] as const;
export type CustomerImportField = (typeof CUSTOMER_IMPORT_FIELDS)[number];

/** Fields several columns may feed (a customer has several phones; notes and tags are merged). */
export const REPEATABLE_FIELDS: ReadonlySet<CustomerImportField> = new Set(['phone', 'email', 'notes', 'tags']);

const LATIN_VARIANT: Partial<Record<CustomerImportField, CustomerImportField>> = {
  fullName: 'fullNameLatin',
  familyName: 'familyNameLatin',
  givenName: 'givenNameLatin',
};

/** Folds a header into words; the Arabic article "ال" is dropped so "الهاتف" and "هاتف" are one word. */
function headerWords(text: string): string[] {
  return foldText(text)
    .split(' ')
    .filter((w) => w !== '')
    .map((w) => (/^ال\p{Script=Arabic}{2,}$/u.test(w) ? w.slice(2) : w));
}

interface Synonym {
  field: CustomerImportField;
  words: string[];
}
const SYNONYMS: readonly Synonym[] = Object.entries(HEADER_SYNONYMS).flatMap(([field, phrases]) =>
  phrases.map((phrase) => ({ field: field as CustomerImportField, words: headerWords(phrase) })),
);
const MARKERS: readonly string[][] = LATIN_MARKERS.map(headerWords).sort((a, b) => b.length - a.length);

/** How well a header word matches a synonym word: exact, inflected (синоним ≥ 4 letters), or abbreviated ("тел."). */
function wordScore(header: string, synonym: string): number {
  if (header === synonym) return synonym.length;
  if (synonym.length >= 4 && header.startsWith(synonym)) return synonym.length * 0.9;
  if (header.length >= 3 && synonym.length >= 5 && synonym.startsWith(header)) return header.length * 0.7;
  return 0;
}

/** Removes Latin-marker phrases from the words; returns whether one was found. */
function stripMarkers(words: string[]): { words: string[]; latin: boolean } {
  let rest = words;
  let latin = false;
  for (const marker of MARKERS) {
    for (let i = 0; i + marker.length <= rest.length; i++) {
      if (marker.every((m, k) => rest[i + k] === m)) {
        rest = [...rest.slice(0, i), ...rest.slice(i + marker.length)];
        latin = true;
        i--;
      }
    }
  }
  return { words: rest, latin };
}

export interface FieldGuess {
  field: CustomerImportField;
  /** 0..1: ~0.95 when the whole header is a known name for the field, lower for partial matches. */
  confidence: number;
}

/** Guesses the field from a column header, or null when nothing matches. */
export function guessFieldFromHeader(header: string): FieldGuess | null {
  const stripped = stripMarkers(headerWords(header));
  const words = stripped.words;
  if (words.length === 0) return null;
  let best: { field: CustomerImportField; score: number; covered: boolean; exact: boolean } | null = null;
  for (const synonym of SYNONYMS) {
    const n = synonym.words.length;
    for (let start = 0; start + n <= words.length; start++) {
      const scores = synonym.words.map((w, k) => wordScore(words[start + k] as string, w));
      if (scores.some((s) => s === 0)) continue;
      const covered = n === words.length;
      const exact = covered && synonym.words.every((w, k) => w === words[start + k]);
      const score = scores.reduce((a, b) => a + b, 0) + (covered ? 3 : 0) + (exact ? 1 : 0);
      if (best === null || score > best.score) best = { field: synonym.field, score, covered, exact };
    }
  }
  if (best === null) return null;
  const field = stripped.latin ? (LATIN_VARIANT[best.field] ?? best.field) : best.field;
  return { field, confidence: best.exact ? 0.95 : best.covered ? 0.85 : 0.6 };
}

const PHONE_LIKE = /^[+(]?\d[\d\s().\-–]{5,}\d$/u;

function looksLikePhone(value: string): boolean {
  const digits = value.replace(/\D/gu, '').length;
  return PHONE_LIKE.test(value) && digits >= 7 && digits <= 15;
}

function looksLikeDate(value: string): boolean {
  const result = parseDateCell(value, { referenceYear: 2000, order: 'dmy', excelSerials: false });
  return result !== null && (result.ok || result.code === 'wrong_order');
}

/**
 * Guesses the field from sample values when the header does not tell: e-mails, phones, dates, gender
 * codes, and full names (two to four words, often with a patronymic). Needs 80% of non-empty values to agree.
 */
export function guessFieldFromValues(values: readonly string[]): FieldGuess | null {
  const sample = values.map((v) => normalizeSpaces(v)).filter((v) => v !== '').slice(0, 500);
  if (sample.length === 0) return null;
  const share = (test: (v: string) => boolean): number => sample.filter(test).length / sample.length;
  const candidates: Array<[CustomerImportField, number]> = [
    ['email', share((v) => 'email' in normalizeEmail(v))],
    ['birthDate', share(looksLikeDate)],
    ['phone', share((v) => !looksLikeDate(v) && looksLikePhone(v))],
    ['gender', share((v) => genderFromValue(v) !== null)],
  ];
  for (const [field, fraction] of candidates) {
    if (fraction >= 0.8) return { field, confidence: Math.round(fraction * 70) / 100 };
  }
  const nameLike = (v: string): boolean => /^[\p{L}'’\- /,.]+$/u.test(v) && /^\S+[ /,]+\S+( \S+){0,2}$/u.test(v);
  const fraction = share(nameLike);
  if (fraction >= 0.8) {
    const latin = sample.filter((v) => detectScript(v) === 'latin').length > sample.length / 2;
    const patronymics = share((v) => looksLikePatronymic(v.split(' ').at(-1) ?? ''));
    const confidence = patronymics >= 0.5 ? 0.7 : 0.5;
    return { field: latin ? 'fullNameLatin' : 'fullName', confidence };
  }
  return null;
}

/** Whether a first row is a header: some cell names a field and no cell looks like data (e-mail, phone, date). */
export function looksLikeHeader(cells: readonly string[]): boolean {
  const known = cells.some((cell) => (guessFieldFromHeader(cell)?.confidence ?? 0) >= 0.85);
  const data = cells.some((cell) => 'email' in normalizeEmail(cell) || looksLikePhone(cell.trim()) || looksLikeDate(cell));
  return known && !data;
}

/**
 * A file with the same name twice ("Фамилия" and "Surname"), once in Cyrillic and once in Latin letters,
 * holds the native and the passport spelling: the Latin column gets the Latin variant of the field.
 */
function preferLatinVariants(guesses: ColumnGuess[], rows: readonly (readonly string[])[]): void {
  const scriptOfColumn = (column: number): 'latin' | 'other' => {
    const values = rows.map((r) => r[column] ?? '').filter((v) => v.trim() !== '');
    const latin = values.filter((v) => detectScript(v) === 'latin').length;
    return values.length > 0 && latin > values.length / 2 ? 'latin' : 'other';
  };
  for (const [native, latinField] of Object.entries(LATIN_VARIANT) as Array<[CustomerImportField, CustomerImportField]>) {
    const columns = guesses.filter((g) => g.field === native);
    if (columns.length < 2) continue;
    const scripts = columns.map((g) => scriptOfColumn(g.column));
    if (!scripts.includes('latin') || !scripts.includes('other')) continue;
    columns.forEach((g, i) => {
      if (scripts[i] === 'latin') g.field = latinField;
    });
  }
}

export interface ColumnGuess {
  column: number;
  field: CustomerImportField | null;
  confidence: number;
  source: 'header' | 'values' | null;
}

/**
 * A first mapping for the whole file: header first, values as the fallback. A field that only one column
 * may feed goes to the column with the strongest guess; the others are left unmapped.
 */
export function guessMapping(header: readonly string[] | null, rows: readonly (readonly string[])[]): ColumnGuess[] {
  const width = Math.max(header?.length ?? 0, ...rows.map((r) => r.length));
  const guesses: ColumnGuess[] = [];
  for (let column = 0; column < width; column++) {
    const fromHeader = header?.[column] !== undefined ? guessFieldFromHeader(header[column] as string) : null;
    const fromValues = fromHeader ? null : guessFieldFromValues(rows.map((r) => r[column] ?? ''));
    const guess = fromHeader ?? fromValues;
    guesses.push({ column, field: guess?.field ?? null, confidence: guess?.confidence ?? 0, source: fromHeader ? 'header' : fromValues ? 'values' : null });
  }
  preferLatinVariants(guesses, rows);
  for (const guess of guesses) {
    if (guess.field === null || REPEATABLE_FIELDS.has(guess.field)) continue;
    const stronger = guesses.find((g) => g !== guess && g.field === guess.field && (g.confidence > guess.confidence || (g.confidence === guess.confidence && g.column < guess.column)));
    if (stronger) Object.assign(guess, { field: null, confidence: 0, source: null });
  }
  return guesses;
}
