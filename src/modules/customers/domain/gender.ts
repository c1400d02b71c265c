// Gender from what an import file offers: a column value in any of our languages, or, when there is none,
// the name itself. Russian names carry gender in the patronymic (certain) and usually in the surname and
// given name (likely), so a derived gender comes with a confidence and the caller decides what to accept.

export type Gender = 'male' | 'female';

export interface GenderGuess {
  gender: Gender;
  /** 1 for an explicit value; lower for what is inferred from a name. */
  confidence: number;
  basis: 'value' | 'patronymic' | 'given-name' | 'family-name';
}

const VALUES: Readonly<Record<string, Gender>> = {};
function define(gender: Gender, words: string): void {
  for (const word of words.split('|')) (VALUES as Record<string, Gender>)[word] = gender;
}
// English, Russian, Ukrainian, German, French, Spanish, Arabic; titles too (Mr/Mrs, Herr/Frau, M./Mme).
define('male', 'm|male|man|men|masc|masculine|boy|mr|mister|mstr|master|sir|' +
  'м|муж|мужской|мужчина|мужик|мальчик|г-н|господин|' +
  'ч|чол|чоловік|чоловіча|чоловічий|пан|' +
  'männlich|maennlich|mannlich|mann|herr|' +
  'h|homme|masculin|monsieur|' +
  'hombre|masculino|varón|varon|sr|señor|senor|' +
  'ذكر|رجل|السيد');
define('female', 'f|female|woman|women|fem|feminine|girl|mrs|ms|miss|madam|' +
  'ж|жен|женский|женщина|девочка|г-жа|госпожа|' +
  'жін|жінка|жіноча|жіночий|пані|' +
  'w|weiblich|frau|' +
  'femme|féminin|feminin|mme|mlle|madame|mademoiselle|' +
  'mujer|femenino|sra|srta|señora|senora|señorita|senorita|' +
  'أنثى|انثى|انثي|امرأة|امراة|السيدة');

/**
 * Gender from a cell of a gender, sex or title column ("M", "ж", "Female", "Mrs.", "ذكر").
 * `extra` adds the file's own codes (e.g. { "1": "male", "2": "female" }): numbers mean different things
 * in different systems, so they are only understood when the user says so.
 */
export function genderFromValue(value: string, extra: Readonly<Record<string, Gender>> = {}): GenderGuess | null {
  const raw = value.normalize('NFC').trim().toLowerCase();
  if (raw === '') return null;
  const key = raw.replace(/\.+$/u, '').replace(/\s+/gu, ' ');
  const gender = extra[raw] ?? extra[key] ?? VALUES[key] ?? VALUES[key.replace(/\./gu, '')];
  return gender === undefined ? null : { gender, confidence: 1, basis: 'value' };
}

// Russian, Ukrainian, Belarusian patronymics, and the Turkic forms used in Russian documents (-оглы, -кызы).
const FEMALE_PATRONYMIC = /(вна|чна|шна|кызы|қызы|гызы|vna|chna|shna|kyzy|kizi|qizi|gyzy)$/iu;
// In Latin letters a bare -ich is too often German (Heinrich, Ulrich): only Ilich, Kuzmich, Nikitich, Lukich.
const MALE_PATRONYMIC = /(вич|ич|оглы|оглу|улы|ұлы|уулу|vich|vych|[lmtk]ich|ogly|oglu|ogli|uly|uulu)$/iu;

/** Whether a word has the ending of a patronymic (Петрович, Ивановна, Ильинична, Алиевич, Мамед оглы). */
export function looksLikePatronymic(word: string): boolean {
  const w = word.trim();
  return w.length >= 4 && (FEMALE_PATRONYMIC.test(w) || MALE_PATRONYMIC.test(w));
}

// Given names: Russian female names end in -а/-я, male ones in a consonant or -й, with these exceptions.
const MALE_IN_A = new Set(['никита', 'илья', 'фома', 'кузьма', 'лука', 'савва', 'данила', 'гаврила', 'добрыня',
  'миша', 'саша', 'паша', 'женя', 'валя', 'слава', 'вова', 'дима', 'коля', 'петя', 'ваня', 'сережа', 'серёжа',
  'алёша', 'алеша', 'гоша', 'яша', 'миля', 'муса', 'иса', 'хамза', 'мустафа', 'ислам']);
const FEMALE_IN_CONSONANT = new Set(['любовь', 'юдифь', 'рахиль', 'нинель', 'ассоль', 'эсфирь', 'айгуль', 'гульнур', 'руфь']);
// Names used for both (Женя, Саша, Валя) are in MALE_IN_A only to stop the -а rule; they get no verdict.
const UNISEX = new Set(['саша', 'женя', 'валя', 'шура', 'слава']);

function fromGivenName(given: string): GenderGuess | null {
  const w = given.trim().toLowerCase().split(/[\s-]/u)[0] ?? '';
  if (!/^\p{Script=Cyrillic}{2,}$/u.test(w) || UNISEX.has(w)) return null;
  if (MALE_IN_A.has(w)) return { gender: 'male', confidence: 0.7, basis: 'given-name' };
  if (FEMALE_IN_CONSONANT.has(w)) return { gender: 'female', confidence: 0.7, basis: 'given-name' };
  if (/[ая]$/u.test(w)) return { gender: 'female', confidence: 0.7, basis: 'given-name' };
  if (/[бвгджзйклмнпрстфхцчшщь]$/u.test(w)) return { gender: 'male', confidence: 0.7, basis: 'given-name' };
  return null;
}

// Surnames: a weak hint, since many surnames do not change with gender (Шевченко, Ким, Дюма).
const FEMALE_SURNAME = /(ова|ева|ёва|ина|ына|ская|цкая|ая|яя)$/u;
const MALE_SURNAME = /(ов|ев|ёв|ин|ын|ский|цкий|ской|ой|ый|ий)$/u;
const FEMALE_SURNAME_LATIN = /(ova|eva|skaia|skaya|aia|aya)$/u;
const MALE_SURNAME_LATIN = /(ov|ev|skii|skiy|sky|ski)$/u;

function fromFamilyName(family: string): GenderGuess | null {
  const w = family.trim().toLowerCase().split(/[\s-]/u)[0] ?? '';
  if (w.length < 4) return null;
  if (FEMALE_SURNAME.test(w)) return { gender: 'female', confidence: 0.6, basis: 'family-name' };
  if (MALE_SURNAME.test(w)) return { gender: 'male', confidence: 0.6, basis: 'family-name' };
  // Russian surnames written in Latin letters; weaker still, -ina and -in are common in other languages.
  if (FEMALE_SURNAME_LATIN.test(w)) return { gender: 'female', confidence: 0.5, basis: 'family-name' };
  if (MALE_SURNAME_LATIN.test(w)) return { gender: 'male', confidence: 0.4, basis: 'family-name' };
  return null;
}

function fromPatronymic(patronymic: string): GenderGuess | null {
  const w = patronymic.trim().toLowerCase().split(/\s+/u).join('');
  if (w.length < 4) return null;
  if (FEMALE_PATRONYMIC.test(w)) return { gender: 'female', confidence: 0.95, basis: 'patronymic' };
  if (MALE_PATRONYMIC.test(w)) return { gender: 'male', confidence: 0.95, basis: 'patronymic' };
  return null;
}

/**
 * Gender from a person's names: the patronymic decides when present (0.95), then the given name (0.7), then
 * the surname (0.4–0.6). When a weaker hint contradicts the chosen one, the confidence drops by 0.3.
 */
export function genderFromNames(names: { familyName?: string | null; givenName?: string | null; patronymic?: string | null }): GenderGuess | null {
  const hints = [
    names.patronymic ? fromPatronymic(names.patronymic) : null,
    names.givenName ? fromGivenName(names.givenName) : null,
    names.familyName ? fromFamilyName(names.familyName) : null,
  ].filter((hint): hint is GenderGuess => hint !== null);
  const best = hints[0];
  if (best === undefined) return null;
  const contradicted = hints.some((hint) => hint.gender !== best.gender);
  return contradicted ? { ...best, confidence: Math.round((best.confidence - 0.3) * 100) / 100 } : best;
}
