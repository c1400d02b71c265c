// Keys that let a name be found from any script and any common spelling.
//
// A name is indexed under up to three keys: the name folded (lowercase, no accents), its ICAO Latin
// form folded, and a loose key. The loose key is the ICAO Latin form squeezed through reduction rules that
// erase the differences between the usual ways of spelling Russian names in Latin letters (ICAO, the old
// Russian passport system, English, German, French), so "Иванова", "IVANOVA" and "Iwanowa" share a key,
// as do "Юлия", "Iuliia", "Yulia", "Julia" and "Yuliya". A typed query is compared by its own loose key
// (queryKey), so typing "ivanova" finds "Иванова" and typing "иванова" finds "IVANOVA".
//
// The loose key trades precision for recall on purpose ("Maria" and "Mara" share one); the search ranks
// candidates by the other keys and by similarity, so the loose key only has to make sure nobody is missed.

import { toLatin } from './transliteration.js';

// Letters that do not decompose into a base letter plus accents.
const SPECIAL_FOLDS: Readonly<Record<string, string>> = {
  ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ħ: 'h', ŧ: 't',
};

/** Arabic letter variants that people type interchangeably (hamza forms of alef, ta marbuta, alef maqsura). */
const ARABIC_FOLDS: Readonly<Record<string, string>> = {
  'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ة': 'ه', 'ى': 'ي', 'ؤ': 'و', 'ئ': 'ي',
};

/**
 * Lowercase, strip accents and marks (é → e, ё → е, й → и, Arabic short vowels), unify punctuation:
 * apostrophes vanish ("O'Neil" → "oneil"), anything else that is not a letter or digit becomes a space.
 * Stripping й/ё the same way PostgreSQL's unaccent does keeps this key comparable to the database's.
 */
export function foldText(text: string): string {
  const lower = text.normalize('NFKC').toLowerCase();
  let out = '';
  for (const ch of lower.normalize('NFD')) {
    if (/\p{M}/u.test(ch) || ch === '\u0640') continue; // marks, Arabic tatweel
    out += SPECIAL_FOLDS[ch] ?? ch;
  }
  out = out.normalize('NFC');
  out = out.replace(/[أإآٱةىؤئ]/gu, (ch) => ARABIC_FOLDS[ch] ?? ch);
  return out
    .replace(/['\u2019\u02BC`\u2018\u00B4]/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

// The reduction rules of the loose key, applied in order to each folded Latin word. Each line names the
// spellings it unifies.
const LOOSE_RULES: ReadonlyArray<readonly [RegExp, string]> = [
  [/tsch/g, 'ch'], // German Tschechow → Chekhov's CH
  [/tch/g, 'ch'], // English and French Tchaikovsky
  [/shch/g, 'sh'], // Щ: Shchukin, Schukin, Shukin
  [/sch/g, 'sh'],
  [/kh/g, 'h'], // Х: Mikhail, Mihail
  [/zh/g, 'z'], // Ж: Zhukov, Zukov
  [/ph/g, 'f'], // Philipp, Filipp
  [/ck/g, 'k'],
  [/x/g, 'ks'], // Alexey, Aleksey
  [/w/g, 'v'], // Iwanowa, Ivanova
  [/q/g, 'k'],
  [/tz/g, 'ts'],
  [/c(?=[eiy])/g, 's'], // Alice
  [/c(?!h)/g, 'k'], // Victor, Nicolai
  [/ou/g, 'u'], // French Youri, Oulianov
  [/[yj]/g, 'i'], // Yulia, Julia, Iuliia; Aleksey, Aleksej, Aleksei; Dmitriy, Dmitrij, Dmitrii
  [/io/g, 'e'], // Ё spelled yo/io: Fyodor, Pyotr, Semyon → ICAO Fedor, Petr, Semen
  [/(.)\1+/g, '$1'], // double letters: Anna/Ana, Filipp, Iuliia's ii
  [/i(?=[aeou])/g, ''], // soft vowels: Yulia/Iulia/Ulia, Tatiana/Tatyana, Sergeyev/Sergeev, Yelena/Elena
  [/(.)\1+/g, '$1'], // collapse what the previous rule brought together (Sergeevna)
];

/** The loose key of one folded word (letters a–z are reduced; letters of other scripts pass through). */
function looseWord(word: string): string {
  let out = word;
  for (const [pattern, replacement] of LOOSE_RULES) out = out.replace(pattern, replacement);
  return out;
}

/** The ICAO Latin form of any text, folded: lowercase a–z, no accents. */
export function latinKey(text: string): string {
  return foldText(toLatin(text.normalize('NFC')));
}

/** The loose, spelling-insensitive key of any text (Cyrillic is taken through ICAO first). */
export function looseKey(text: string): string {
  return latinKey(text)
    .split(' ')
    .filter((word) => word !== '')
    .map(looseWord)
    .join(' ');
}

/**
 * The distinct keys to index a name under: the name folded, its ICAO Latin form folded, its loose key.
 * Empty for a text without letters or digits.
 */
export function nameSearchKeys(text: string): string[] {
  const keys = [foldText(text), latinKey(text), looseKey(text)].filter((key) => key !== '');
  return [...new Set(keys)];
}

/** The key to compare a typed query against the indexed loose keys. */
export function queryKey(text: string): string {
  return looseKey(text);
}
