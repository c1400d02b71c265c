// Telling namesakes apart: when a surname matches several people, the answer shows the fields that differ
// (given name, birth date, masked document, card, phone), and the agent narrows by them. Pure functions.
import { wordScore } from './fuzzy.js';
import { looseKey } from './search-keys.js';

/**
 * Whether a typed given name fits the customer's given names in any script: a word of theirs starts with
 * what was typed ("Ann" → Anna, Anastasia) or is the same name with a typo or another spelling
 * ("Yulia" → Юлия, "Iuliia", "Julia").
 */
export function givenNameMatches(candidate: { givenNames: string | null; givenNamesLatin: string | null }, typed: string): boolean {
  const query = looseKey(typed);
  if (query === '') return true;
  const words = [candidate.givenNames, candidate.givenNamesLatin]
    .filter((n): n is string => Boolean(n))
    .flatMap((n) => looseKey(n).split(' '))
    .filter(Boolean);
  return query.split(' ').every((q) => words.some((w) => wordScore(q, w) > 0));
}

/** Upper-case letters and digits only: "45 10 № 123-456" → "4510123456". Any script's letters survive. */
export function normalizeDocumentNumber(text: string): string {
  // "№" must go before NFKC, which would turn it into the letters "No".
  return text.replace(/№/gu, ' ').normalize('NFKC').toUpperCase().replace(/[^\p{L}\p{N}]/gu, '');
}

/** The last characters of a document number kept in the clear (at most four). */
export function documentTail(number: string): string {
  return normalizeDocumentNumber(number).slice(-4);
}

/** "•••• 4567": what a role without the documents permission sees of a number. */
export function maskedTail(tail: string): string {
  return `•••• ${tail}`;
}

/** "+7 ••• 4567" from an E.164 number and its country calling code. */
export function maskPhone(e164: string, callingCode: string | null): string {
  const tail = e164.slice(-4);
  return callingCode ? `+${callingCode} ••• ${tail}` : `••• ${tail}`;
}

/** "a•••@example.com". */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '•••';
  return `${Array.from(email)[0]}•••${email.slice(at)}`;
}

export interface Namesake {
  givenNames: string | null;
  patronymic: string | null;
  birthDate: string | null;
  document: string | null;
  cards: string[];
  phone: string | null;
}

export type DistinguishingField = 'givenNames' | 'patronymic' | 'birthDate' | 'document' | 'cards' | 'phone';
const FIELDS: readonly DistinguishingField[] = ['givenNames', 'patronymic', 'birthDate', 'document', 'cards', 'phone'];

/**
 * The fields whose values differ among the people found (in the order an agent asks for them), so the
 * answer can show just those columns. Empty for fewer than two people.
 */
export function distinguishingFields(people: readonly Namesake[]): DistinguishingField[] {
  if (people.length < 2) return [];
  return FIELDS.filter((field) => {
    const values = new Set(people.map((p) => {
      const v = p[field];
      return Array.isArray(v) ? v.join(',') : (v ?? '');
    }));
    return values.size > 1;
  });
}

export type QueryShape =
  | { kind: 'email'; email: string }
  | { kind: 'number'; digits: string; text: string }
  | { kind: 'name'; words: string[]; text: string };

/**
 * What a search box text probably is. Digits with phone punctuation are a number (phone, card or document
 * number, tried in that order by the caller); text with "@" an e-mail; anything else a name — whose
 * alphanumeric form is still tried as a document number ("AB1234567" looks like a name to nobody).
 */
export function shapeOfQuery(text: string): QueryShape {
  const trimmed = text.replace(/№/gu, ' ').normalize('NFKC').trim();
  if (trimmed.includes('@')) return { kind: 'email', email: trimmed };
  const digits = trimmed.replace(/\D/gu, '');
  if (digits.length >= 3 && /^[+\d\s().\-/№#]+$/u.test(trimmed)) return { kind: 'number', digits, text: trimmed };
  const words = looseKey(trimmed).split(' ').filter(Boolean);
  return { kind: 'name', words, text: trimmed };
}

/**
 * A birth date or year typed into the search box beside the name ("Иванова 1985", "Ivanova 12.04.1985")
 * is a narrowing, not part of the name. Returns the rest of the text and what was found.
 */
export function dateHints(text: string): { rest: string; birthDate?: string; birthYear?: number } {
  let rest = ` ${text} `;
  let birthDate: string | undefined;
  let birthYear: number | undefined;
  rest = rest.replace(/\s(\d{1,2})[./](\d{1,2})[./](\d{4})(?=\s)/u, (all, d: string, m: string, y: string) => {
    const iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
    if (!isDate(iso)) return all;
    birthDate = iso;
    return ' ';
  });
  rest = rest.replace(/\s(\d{4})-(\d{2})-(\d{2})(?=\s)/u, (all, y: string, m: string, d: string) => {
    const iso = `${y}-${m}-${d}`;
    if (birthDate || !isDate(iso)) return all;
    birthDate = iso;
    return ' ';
  });
  rest = rest.replace(/\s(19\d{2}|20\d{2})(?=\s)/u, (all, y: string) => {
    if (birthDate) return all;
    birthYear = Number(y);
    return ' ';
  });
  return { rest: rest.replace(/\s+/gu, ' ').trim(), ...(birthDate && { birthDate }), ...(birthYear !== undefined && { birthYear }) };
}

function isDate(iso: string): boolean {
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
}
