// Personal names as they arrive in import cells: splitting a full-name cell, cleaning out what cannot be
// part of a name, and capitalisation. Script detection and gender derivation live in script.ts and
// gender.ts and are re-exported here, so callers find everything about names in one place.

export { detectScript, fixHomoglyphs, type Script } from './script.js';
export { genderFromNames, genderFromValue, looksLikePatronymic, type Gender, type GenderGuess } from './gender.js';
import { looksLikePatronymic } from './gender.js';

/** Trims and collapses all kinds of whitespace (non-breaking spaces from Excel included) into one space. */
export function normalizeSpaces(text: string): string {
  return text.replace(/[\s\u00A0\u2007\u202F\u200B\uFEFF]+/gu, ' ').trim();
}

export interface CleanedName {
  value: string;
  /** The distinct characters removed, in order of appearance, to show the user what was changed. */
  stripped: string[];
}

const HYPHENS = /[\u2010\u2011\u2012\u2013\u2014\u2212]/gu;
const APOSTROPHES = /[\u2019\u02BC`\u2018\u00B4]/gu;

/**
 * Keeps letters (with their accents), spaces, hyphens and apostrophes; removes digits and other
 * punctuation. Dash and apostrophe look-alikes are unified to "-" and "'" first, so they are not reported.
 */
export function cleanName(text: string): CleanedName {
  const unified = text.normalize('NFC').replace(HYPHENS, '-').replace(APOSTROPHES, "'");
  const stripped: string[] = [];
  let kept = '';
  for (const ch of unified) {
    if (/[\p{L}\p{M}'\- ]/u.test(ch) || /\s/u.test(ch)) {
      kept += ch;
    } else if (!stripped.includes(ch)) {
      stripped.push(ch);
    }
  }
  const value = normalizeSpaces(kept)
    .replace(/\s*-\s*/g, '-') // "Иванова - Петрова" is one double surname
    .replace(/-{2,}/g, '-')
    .replace(/'{2,}/g, "'")
    .replace(/^[-' ]+|[-' ]+$/g, '');
  return { value, stripped };
}

/** Name particles written in lowercase when they are not the first word (van der Berg, ibn Saud). */
const PARTICLES = new Set(['van', 'der', 'den', 'de', 'di', 'da', 'du', 'la', 'le', 'del', 'della', 'dos', 'das', 'von', 'zu', 'ibn', 'bin', 'bint', 'al', 'el']);

export interface CapitalizeOptions {
  /**
   * 'uniform' (default) rewrites only names typed all in capitals or all in lowercase, so deliberate
   * spellings like "McDonald" or "DiCaprio" survive; 'always' rewrites every name.
   */
  when?: 'uniform' | 'always';
  /** Capitalise after an apostrophe that follows a single letter: "O'NEIL" → "O'Neil", "D'Artagnan". Default true. */
  afterApostrophe?: boolean;
}

function capitalizeWord(word: string, first: boolean, afterApostrophe: boolean): string {
  const lower = word.toLowerCase();
  if (!first && PARTICLES.has(lower)) return lower;
  return lower
    .split('-')
    .map((part) => {
      const cap = part.charAt(0).toUpperCase() + part.slice(1);
      // O'Neil, d'Artagnan: one letter then an apostrophe. Дем'ян, Ил'ин keep a small letter after it.
      const m = /^(\p{L})'(\p{L})(.*)$/u.exec(cap);
      return afterApostrophe && m ? `${m[1]}'${(m[2] as string).toUpperCase()}${m[3]}` : cap;
    })
    .join('-');
}

/** Proper capitalisation of a name: "иванова-петрова" → "Иванова-Петрова", "ИВАН" → "Иван". */
export function capitalizeName(text: string, options: CapitalizeOptions = {}): string {
  const { when = 'uniform', afterApostrophe = true } = options;
  const value = normalizeSpaces(text);
  const uniform = value === value.toUpperCase() || value === value.toLowerCase();
  if (when === 'uniform' && !uniform) return value;
  return value
    .split(' ')
    .map((word, i) => capitalizeWord(word, i === 0, afterApostrophe))
    .join(' ');
}

/** How the words of a full-name cell are ordered when it has neither "/" nor ",". */
export type NameOrder = 'family-given' | 'given-family';

export interface SplitName {
  familyName: string | null;
  givenName: string | null;
  patronymic: string | null;
  /** An airline-style title found after the given name ("IVANOV/IVAN MR"), lowercased without dots. */
  title: string | null;
  format: 'slash' | 'comma' | 'words';
}

const TURKIC_PATRONYMIC_WORDS = new Set(['оглы', 'оглу', 'кызы', 'гызы', 'улы', 'уулу', 'ogly', 'oglu', 'ogli', 'kyzy', 'gyzy', 'qizi', 'uly', 'uulu']);
const TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'mstr', 'master', 'mx', 'dr', 'chd', 'inf']);

/** Given names and a patronymic from the words after the family name: a patronymic is recognised by its ending. */
function givenAndPatronymic(words: string[]): { givenName: string | null; patronymic: string | null } {
  if (words.length === 0) return { givenName: null, patronymic: null };
  const last = words[words.length - 1] as string;
  // Azerbaijani and Central Asian patronymics are two words: "Мамед оглы", "Гасан кызы".
  if (words.length >= 3 && TURKIC_PATRONYMIC_WORDS.has(last.toLowerCase())) {
    return { givenName: words.slice(0, -2).join(' '), patronymic: words.slice(-2).join(' ') };
  }
  if (words.length >= 2 && looksLikePatronymic(last)) {
    return { givenName: words.slice(0, -1).join(' '), patronymic: last };
  }
  return { givenName: words.join(' '), patronymic: null };
}

function takeTitle(words: string[]): { words: string[]; title: string | null } {
  const last = words[words.length - 1];
  if (words.length >= 2 && last !== undefined && TITLES.has(last.toLowerCase().replace(/\./g, ''))) {
    return { words: words.slice(0, -1), title: last.toLowerCase().replace(/\./g, '') };
  }
  return { words, title: null };
}

function words(text: string): string[] {
  const normalized = normalizeSpaces(text);
  return normalized === '' ? [] : normalized.split(' ');
}

/**
 * Splits a full-name cell. "SURNAME/GIVEN [MR]" (passport and airline style) and "Family, Given" carry
 * their own order; otherwise words are read in the given order, Russian "Family Given Patronymic" by default.
 */
export function splitFullName(cell: string, order: NameOrder = 'family-given'): SplitName {
  const text = normalizeSpaces(cell);
  const separator = text.includes('/') ? '/' : text.includes(',') ? ',' : null;
  if (separator !== null) {
    const at = text.indexOf(separator);
    const family = normalizeSpaces(text.slice(0, at));
    const rest = takeTitle(words(text.slice(at + 1).replaceAll(separator, ' ')));
    return {
      familyName: family === '' ? null : family,
      ...givenAndPatronymic(rest.words),
      title: rest.title,
      format: separator === '/' ? 'slash' : 'comma',
    };
  }
  const all = takeTitle(words(text));
  const w = all.words;
  if (w.length === 0) return { familyName: null, givenName: null, patronymic: null, title: null, format: 'words' };
  if (order === 'family-given') {
    if (w.length === 1) return { familyName: w[0] as string, givenName: null, patronymic: null, title: all.title, format: 'words' };
    return { familyName: w[0] as string, ...givenAndPatronymic(w.slice(1)), title: all.title, format: 'words' };
  }
  // Given [middle...] Family: the family name is last; a middle word that is a patronymic is one.
  if (w.length === 1) return { familyName: null, givenName: w[0] as string, patronymic: null, title: all.title, format: 'words' };
  const family = w[w.length - 1] as string;
  return { familyName: family, ...givenAndPatronymic(w.slice(0, -1)), title: all.title, format: 'words' };
}
