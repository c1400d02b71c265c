// Phones and e-mails in their stored form. Phones are kept in E.164 ("+79161234567") so that any way of
// typing a number ("8 (916) 123-45-67", "+7 916 1234567") finds the same customer and reaches the same
// SMS gateway. The "max" metadata of libphonenumber-js is used because the default one only checks the
// length, and would accept numbers no operator has issued.

import { parsePhoneNumberFromString, validatePhoneNumberLength } from 'libphonenumber-js/max';
import type { CountryCode, PhoneNumber } from 'libphonenumber-js';

export { normalizeEmail, type EmailResult } from './domain/email.js';
export type { CountryCode };

export type PhoneError = 'empty' | 'too_short' | 'too_long' | 'invalid_phone';
export type PhoneResult = { e164: string; ext?: string } | { error: PhoneError };

function tryParse(text: string, defaultCountry: CountryCode | undefined): PhoneNumber | undefined {
  try {
    return parsePhoneNumberFromString(text, defaultCountry);
  } catch {
    return undefined; // the parser throws on some inputs instead of returning undefined
  }
}

/**
 * Normalises a phone as typed in a file or a form. National formats are read for defaultCountry
 * ("8 (916) 123-45-67" in Russia, "(212) 555-0100" in the USA); international ones with "+", "00" or the
 * country's own exit code ("810" in Russia) work everywhere. An extension ("доб. 12", "ext 5") is returned
 * separately. A number that libphonenumber does not consider valid is rejected with the reason.
 */
export function normalizePhone(raw: string, defaultCountry?: CountryCode): PhoneResult {
  const text = raw.normalize('NFKC').trim();
  const digits = text.replace(/\D/gu, '');
  if (digits === '') return { error: 'empty' };
  // Excel strips the "+" of numbers stored as numbers, and "00" is the exit code in most of the world even
  // where the default country's is different, so both are tried after the number as written.
  const attempts = [text];
  if (text.startsWith('00')) attempts.push(`+${text.slice(2)}`);
  else if (!text.startsWith('+')) attempts.push(`+${text}`);
  let first: PhoneNumber | undefined;
  for (const attempt of attempts) {
    const parsed = tryParse(attempt, defaultCountry);
    first ??= parsed;
    if (parsed?.isValid()) return parsed.ext ? { e164: parsed.number, ext: parsed.ext } : { e164: parsed.number };
  }
  if (first === undefined) return { error: digits.length < 7 ? 'too_short' : 'invalid_phone' };
  const lengthProblem = validatePhoneNumberLength(text, defaultCountry);
  if (lengthProblem === 'TOO_SHORT') return { error: 'too_short' };
  if (lengthProblem === 'TOO_LONG') return { error: 'too_long' };
  return { error: 'invalid_phone' };
}

/** A phone normaliser bound to an organisation's country, in the shape the import's mapRow expects. */
export function phoneNormalizer(defaultCountry?: CountryCode): (raw: string) => PhoneResult {
  return (raw) => normalizePhone(raw, defaultCountry);
}
