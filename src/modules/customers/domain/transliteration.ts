// Cyrillic ↔ Latin for personal names.
//
// toLatin follows ICAO Doc 9303 Part 3 (7th/8th edition), the table Russian international passports use
// since 2014, so the Latin name we produce is the one printed in the customer's passport. toCyrillic is the
// reverse, and it can only be a best effort: ICAO maps Е, Ё and Э all to E, И, Й and І to I, drops Ь, and
// writes Ъ as IE, so "NATALIA" may be Наталья or Наталия and "E" at the start of a word may be Е or Э.
// The reverse therefore guesses the common reading and a person has to be able to correct it.

/** ICAO Doc 9303 Part 3, transliteration of Cyrillic characters (uppercase; lowercase follows). */
export const ICAO_9303_CYRILLIC: Readonly<Record<string, string>> = {
  А: 'A', Б: 'B', В: 'V', Г: 'G', Д: 'D', Е: 'E', Ё: 'E', Ж: 'ZH', З: 'Z', И: 'I', І: 'I', Й: 'I',
  К: 'K', Л: 'L', М: 'M', Н: 'N', О: 'O', П: 'P', Р: 'R', С: 'S', Т: 'T', У: 'U', Ф: 'F', Х: 'KH',
  Ц: 'TS', Ч: 'CH', Ш: 'SH', Щ: 'SHCH', Ы: 'Y', Ъ: 'IE', Э: 'E', Ю: 'IU', Я: 'IA', Ь: '',
  // The rest of the ICAO table: Ukrainian, Belarusian, Serbian, Macedonian, and two historical letters.
  Ѵ: 'Y', Ґ: 'G', Ў: 'U', Ѫ: 'U', Ѓ: 'G', Ђ: 'D', Ѕ: 'DZ', Ј: 'J', Ќ: 'K', Љ: 'LJ', Њ: 'NJ', Ћ: 'C', Џ: 'DZ',
  Є: 'IE', Ї: 'I',
};

/**
 * Language-specific exceptions printed as notes in the ICAO table (e.g. "Г: H in Belarusian").
 * The default ('ru') is the plain table, which is what Russian passports use.
 */
export type IcaoLanguage = 'ru' | 'uk' | 'be' | 'bg';
const LANGUAGE_EXCEPTIONS: Record<IcaoLanguage, Readonly<Record<string, string>>> = {
  ru: {},
  uk: { И: 'Y' },
  be: { Г: 'H', Ё: 'IO' },
  bg: { Щ: 'SHT' },
};

// Letters of other Cyrillic alphabets (Kazakh, Tatar, Bashkir, Kyrgyz...) that ICAO does not list.
// Not a standard: the nearest Latin letter, so that no Cyrillic survives into a Latin name field.
const BEYOND_ICAO: Readonly<Record<string, string>> = {
  Ә: 'A', Ғ: 'G', Қ: 'K', Ң: 'N', Ө: 'O', Ұ: 'U', Ү: 'U', Һ: 'H', Ӏ: 'I', Җ: 'ZH', Ҙ: 'Z', Ҫ: 'S',
  Ҡ: 'K', Ҳ: 'KH', Ҷ: 'CH', Ӣ: 'I', Ӯ: 'U',
};

const CYRILLIC_CHAR = /\p{Script=Cyrillic}/u;
const CYRILLIC_G = /\p{Script=Cyrillic}/gu;
const LETTER = /\p{L}/u;
const APOSTROPHES = new Set(["'", '\u2019', '\u02BC', '`', '\u2018']);

export interface ToLatinOptions {
  /** Apply the ICAO notes for this language (Ukrainian И → Y, Belarusian Г → H...). Default 'ru'. */
  language?: IcaoLanguage;
}

function isUpper(ch: string): boolean {
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

function isLower(ch: string): boolean {
  return ch !== ch.toUpperCase() && ch === ch.toLowerCase();
}

/**
 * A capital letter that becomes several Latin letters (Щ → SHCH) is written all in capitals inside an
 * all-caps word ("ЩУКИН" → "SHCHUKIN") and as a capital plus small letters otherwise ("Щукин" → "Shchukin").
 */
function shoutingAt(chars: readonly string[], i: number, wholeTextHasLower: boolean): boolean {
  const next = chars[i + 1];
  if (next !== undefined && LETTER.test(next)) return isUpper(next);
  const prev = chars[i - 1];
  if (prev !== undefined && LETTER.test(prev)) return isUpper(prev);
  return !wholeTextHasLower; // a lone initial: follow the rest of the text
}

function lookup(upper: string, exceptions: Readonly<Record<string, string>>): string | undefined {
  return exceptions[upper] ?? ICAO_9303_CYRILLIC[upper] ?? BEYOND_ICAO[upper];
}

/**
 * Cyrillic → Latin per ICAO Doc 9303. Non-Cyrillic characters pass through unchanged; the result never
 * contains Cyrillic (letters outside every table are dropped rather than kept).
 */
export function toLatin(text: string, options: ToLatinOptions = {}): string {
  const exceptions = LANGUAGE_EXCEPTIONS[options.language ?? 'ru'];
  const chars = Array.from(text.normalize('NFC'));
  const hasLower = chars.some(isLower);
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] as string;
    if (APOSTROPHES.has(ch)) {
      // Ukrainian and Belarusian write an apostrophe inside words (П'ять); ICAO drops it.
      const prev = chars[i - 1];
      const next = chars[i + 1];
      if (prev !== undefined && next !== undefined && CYRILLIC_CHAR.test(prev) && CYRILLIC_CHAR.test(next)) continue;
      out += ch;
      continue;
    }
    if (!CYRILLIC_CHAR.test(ch)) {
      out += ch;
      continue;
    }
    const upper = ch.toUpperCase();
    let latin = lookup(upper, exceptions);
    if (latin === undefined) {
      // Precomposed letters outside the tables (Ѐ, Ѝ): transliterate the base letter.
      const base = upper.normalize('NFD').replace(/\p{M}/gu, '');
      latin = base !== upper ? lookup(base, exceptions) : undefined;
    }
    if (latin === undefined) continue;
    if (!isUpper(ch)) out += latin.toLowerCase();
    else if (latin.length <= 1 || shoutingAt(chars, i, hasLower)) out += latin;
    else out += latin[0] + latin.slice(1).toLowerCase();
  }
  return out.replace(CYRILLIC_G, '');
}

// ---------------------------------------------------------------------------------------------
// Latin → Cyrillic, best effort.

/** Multi-letter sequences first: the reverse matches greedily, longest first. */
const REVERSE_TOKENS: ReadonlyArray<readonly [string, string]> = [
  ['SHCH', 'щ'], ['TSCH', 'ч'], ['ZH', 'ж'], ['KH', 'х'], ['TS', 'ц'], ['TZ', 'ц'], ['CH', 'ч'],
  ['SH', 'ш'], ['IU', 'ю'], ['IA', 'я'], ['YU', 'ю'], ['YA', 'я'], ['YO', 'ё'], ['YE', 'е'], ['JU', 'ю'],
  ['JA', 'я'], ['JO', 'ё'], ['JE', 'е'], ['PH', 'ф'], ['CK', 'к'], ['X', 'кс'],
  ['A', 'а'], ['B', 'б'], ['C', 'к'], ['D', 'д'], ['E', 'е'], ['F', 'ф'], ['G', 'г'], ['H', 'х'], ['I', 'и'],
  ['J', 'й'], ['K', 'к'], ['L', 'л'], ['M', 'м'], ['N', 'н'], ['O', 'о'], ['P', 'п'], ['Q', 'к'], ['R', 'р'],
  ['S', 'с'], ['T', 'т'], ['U', 'у'], ['V', 'в'], ['W', 'в'], ['Y', 'ы'], ['Z', 'з'],
];
/** Endings where a letter pair means one sound: Dmitrii, Yuriy → -ий; Krasnyi, Krasnyy → -ый. */
const REVERSE_ENDINGS: ReadonlyArray<readonly [string, string]> = [
  ['IY', 'ий'], ['II', 'ий'], ['IJ', 'ий'], ['YI', 'ый'], ['YY', 'ый'], ['YJ', 'ый'],
];
const VOWELS = new Set(['A', 'E', 'I', 'O', 'U', 'Y']);
// Scientific / Czech-style letters that have a one-letter Cyrillic counterpart.
const HACEK: Readonly<Record<string, string>> = { Č: 'ч', Š: 'ш', Ž: 'ж', Ŝ: 'щ' };

function applyCase(cyrillic: string, source: string): string {
  if (source.length > 1 && source === source.toUpperCase()) return cyrillic.toUpperCase();
  if (isUpper(source[0] as string)) return (cyrillic[0] as string).toUpperCase() + cyrillic.slice(1);
  return cyrillic;
}

function reverseWord(word: string): string {
  const upperWord = word.toUpperCase();
  let out = '';
  let i = 0;
  while (i < word.length) {
    const rest = upperWord.slice(i);
    const ending = REVERSE_ENDINGS.find(([latin]) => rest === latin);
    if (ending && i > 0) {
      out += applyCase(ending[1], word.slice(i));
      break;
    }
    const prev = i > 0 ? (upperWord[i - 1] as string) : '';
    const ch = rest[0] as string;
    const next = rest[1];
    // A final consonant + IA is the English-style -ия of Maria, Sofia, Victoria (ICAO writes -IIA there);
    // inside a word IA stays Я (Viacheslav, Miasnikov).
    const afterConsonant = prev !== '' && !VOWELS.has(prev) && /\p{L}/u.test(prev);
    if (rest === 'IA' && afterConsonant) {
      out += applyCase('ия', word.slice(i));
      break;
    }
    // ICAO writes Ъ as IE, so Объедков is OBIEEDKOV; a consonant + IEE is practically always Ъ + Е.
    if (afterConsonant && rest.startsWith('IEE')) {
      out += applyCase('ъе', word.slice(i, i + 3));
      i += 3;
      continue;
    }
    // I or Y after a vowel at the end of a word is Й (Nikolai, Andrey, Tolstoi); Y after a vowel before a
    // consonant too (Gaydar). Mid-word I stays И because Mikhail, Raisa are far more common than Maikl.
    const afterVowel = VOWELS.has(prev) && prev !== 'Y' && prev !== 'I';
    if (afterVowel && (ch === 'I' || ch === 'Y') && next === undefined) {
      out += applyCase('й', word[i] as string);
      i += 1;
      continue;
    }
    if (afterVowel && ch === 'Y' && next !== undefined && !VOWELS.has(next)) {
      out += applyCase('й', word[i] as string);
      i += 1;
      continue;
    }
    const hacek = HACEK[ch];
    if (hacek !== undefined) {
      out += applyCase(hacek, word[i] as string);
      i += 1;
      continue;
    }
    const token = REVERSE_TOKENS.find(([latin]) => rest.startsWith(latin));
    if (token) {
      out += applyCase(token[1], word.slice(i, i + token[0].length));
      i += token[0].length;
      continue;
    }
    // Other accented Latin letters: their base letter, if it has one; anything else stays as it is.
    const base = ch.normalize('NFD').replace(/\p{M}/gu, '');
    const baseToken = base !== ch ? REVERSE_TOKENS.find(([latin]) => latin === base) : undefined;
    out += baseToken ? applyCase(baseToken[1], word[i] as string) : word[i];
    i += 1;
  }
  return out;
}

/**
 * Latin → Cyrillic, best effort and ambiguous (see the top of this file): reads ICAO spellings and the
 * common English and German ones (Yulia, Alexey, Jelena, Dmitriy), e.g. "SHCHERBAKOV" → "ЩЕРБАКОВ",
 * "Iuliia" → "Юлия", "Natalia" → "Наталия" (Наталья cannot be told apart).
 */
export function toCyrillic(text: string): string {
  return text.normalize('NFC').replace(/\p{Script=Latin}+/gu, (word) => reverseWord(word));
}
