// Card numbers with a check digit, so a mistyped or misread number is refused instead of finding
// someone else's card. EAN-13 (GS1 mod 10) prints as a retail barcode every scanner reads; use an
// organization prefix in GS1's in-store range 20–29 so the numbers never collide with product codes.
// Luhn is the alternative for other lengths (payment-card style numbers, Code 128 barcodes).
import type { Outcome } from '../../../platform/types.js';

export type CardScheme = 'ean13' | 'luhn';

export interface CardNumberFormat {
  scheme: CardScheme;
  /** Digits every number of the organization starts with. */
  prefix: string;
  /** Total digits including the check digit; always 13 for EAN-13. */
  length: number;
}

export const MAX_BATCH = 1_000_000;

const DIGITS = /^\d+$/;

/** GS1 mod-10: from the right of the 12-digit payload, weights 3, 1, 3, 1 … */
export function ean13CheckDigit(payload12: string): number {
  if (payload12.length !== 12 || !DIGITS.test(payload12)) throw new RangeError('EAN-13 needs a 12-digit payload');
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(payload12[i]) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10;
}

/** Luhn: double every second digit from the right of the full number (the check digit is the rightmost). */
export function luhnCheckDigit(payload: string): number {
  if (payload.length === 0 || !DIGITS.test(payload)) throw new RangeError('Luhn needs a non-empty digit payload');
  let sum = 0;
  for (let i = payload.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = Number(payload[i]);
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

function checkDigit(scheme: CardScheme, payload: string): number {
  return scheme === 'ean13' ? ean13CheckDigit(payload) : luhnCheckDigit(payload);
}

function assertFormat(f: CardNumberFormat): void {
  if (f.scheme === 'ean13' && f.length !== 13) throw new RangeError('EAN-13 card numbers have 13 digits');
  if (!Number.isSafeInteger(f.length) || f.length < 2 || f.length > 19) throw new RangeError('card numbers have 2..19 digits');
  if (f.prefix !== '' && !DIGITS.test(f.prefix)) throw new RangeError('card prefix must be digits');
  if (f.prefix.length > f.length - 2) throw new RangeError('card prefix leaves no room for a serial');
}

/** Serial digits available after the prefix and before the check digit. */
export function serialCapacity(f: CardNumberFormat): number {
  assertFormat(f);
  return 10 ** (f.length - 1 - f.prefix.length);
}

/** The card number for one serial: prefix + zero-padded serial + check digit. */
export function cardNumber(format: CardNumberFormat, serial: number): string {
  const capacity = serialCapacity(format);
  if (!Number.isSafeInteger(serial) || serial < 0 || serial >= capacity) throw new RangeError(`serial ${serial} does not fit in ${format.length} digits after prefix ${format.prefix}`);
  const payload = format.prefix + String(serial).padStart(format.length - 1 - format.prefix.length, '0');
  return payload + String(checkDigit(format.scheme, payload));
}

/** A batch of consecutive numbers, e.g. for pre-issued bearer cards. */
export function generateCardNumbers(prefix: string, startSerial: number, count: number, options: { scheme?: CardScheme; length?: number } = {}): string[] {
  const scheme = options.scheme ?? 'ean13';
  const format: CardNumberFormat = { scheme, prefix, length: options.length ?? 13 };
  if (!Number.isSafeInteger(count) || count < 0 || count > MAX_BATCH) throw new RangeError(`a batch has 0..${MAX_BATCH} cards`);
  if (count > 0) cardNumber(format, startSerial + count - 1); // fail before generating anything
  return Array.from({ length: count }, (_, i) => cardNumber(format, startSerial + i));
}

/** Removes the spaces and dashes people type or print for readability. */
export function normalizeCardNumber(text: string): string {
  return text.replace(/[\s-]/g, '');
}

export type CardNumberError = 'not_digits' | 'wrong_length' | 'wrong_prefix' | 'bad_check_digit';

/**
 * Checks a typed or scanned number. With a format: its length, prefix and scheme; without one: any
 * 13-digit EAN-13 number or any Luhn-valid number of 8..19 digits.
 */
export function validateCardNumber(text: string, format?: CardNumberFormat): Outcome<string, CardNumberError> {
  const number = normalizeCardNumber(text);
  if (!DIGITS.test(number)) return { ok: false, reason: 'not_digits' };
  const payload = number.slice(0, -1);
  const given = Number(number.slice(-1));
  if (format) {
    assertFormat(format);
    if (number.length !== format.length) return { ok: false, reason: 'wrong_length' };
    if (!number.startsWith(format.prefix)) return { ok: false, reason: 'wrong_prefix' };
    return checkDigit(format.scheme, payload) === given ? { ok: true, value: number } : { ok: false, reason: 'bad_check_digit' };
  }
  if (number.length < 8 || number.length > 19) return { ok: false, reason: 'wrong_length' };
  const valid = (number.length === 13 && ean13CheckDigit(payload) === given) || luhnCheckDigit(payload) === given;
  return valid ? { ok: true, value: number } : { ok: false, reason: 'bad_check_digit' };
}
