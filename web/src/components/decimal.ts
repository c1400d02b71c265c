// Typed numbers to integers without floating point: "12,5" % → 1250 basis points, "19.90" € → 1990
// cents, "1.5" kg → 1.5 (quantities are the one place the API takes a decimal number). Accepts a comma
// or a dot as the decimal mark, spaces as group separators, and Arabic-Indic or Persian digits.
import { minorToDecimal } from '../format';

const DIGITS: Record<string, string> = {};
for (let i = 0; i < 10; i++) {
  DIGITS[String.fromCharCode(0x0660 + i)] = String(i); // ٠..٩
  DIGITS[String.fromCharCode(0x06f0 + i)] = String(i); // ۰..۹
}

/** Latin digits and a dot; group separators and surrounding spaces removed. */
export function normalizeNumberText(text: string): string {
  let s = text.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (d) => DIGITS[d] ?? d);
  // "1,234.50" and "1.234,50": with both marks present, the last one is the decimal mark.
  if (s.includes(',') && s.includes('.')) s = s.lastIndexOf(',') > s.lastIndexOf('.') ? s.replace(/\./g, '') : s.replace(/,/g, '');
  return s
    .replace(/[\u066b,]/g, '.') // Arabic decimal separator, comma
    .replace(/[\s\u00a0\u202f\u066c']/g, '') // spaces, no-break spaces, Arabic thousands separator, apostrophe
    .replace(/^\u2212/, '-'); // minus sign
}

/**
 * "12.34" with 2 digits → 1234. Returns null when the text is not a plain decimal number or has more
 * fraction digits than allowed. An empty text is null too; callers decide whether that is allowed.
 */
export function parseScaled(text: string, digits: number, { allowNegative = false } = {}): number | null {
  const s = normalizeNumberText(text);
  const m = /^(-?)(\d*)(?:\.(\d*))?$/.exec(s);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return null;
  const [, sign, whole = '', fraction = ''] = m;
  if (sign && !allowNegative) return null;
  if (fraction.replace(/0+$/, '').length > digits) return null;
  const scaled = BigInt(whole || '0') * 10n ** BigInt(digits) + BigInt((fraction + '0'.repeat(digits)).slice(0, digits) || '0');
  const value = sign ? -scaled : scaled;
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < -BigInt(Number.MAX_SAFE_INTEGER)) return null;
  return Number(value);
}

/** A whole number, or null. */
export function parseInteger(text: string, { allowNegative = false } = {}): number | null {
  return parseScaled(text, 0, { allowNegative });
}

/** 1234 with 2 digits → "12.34", 1200 → "12" (trailing zeros dropped), with the locale's decimal mark. */
export function scaledToText(value: number, digits: number, decimalMark = '.'): string {
  const text = minorToDecimal(BigInt(value), digits);
  const trimmed = text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
  return decimalMark === '.' ? trimmed : trimmed.replace('.', decimalMark);
}

/** The decimal mark people type in a locale: "," for Russian, "." for English. Arabic keeps ".". */
export function decimalMark(locale: string): string {
  const part = new Intl.NumberFormat(locale, { numberingSystem: 'latn' }).formatToParts(1.5).find((p) => p.type === 'decimal');
  return part?.value === ',' ? ',' : '.';
}

/** A quantity: up to 3 decimals, > 0. Kept as a number (the API takes pieces and kilograms as numbers). */
export function parseQuantity(text: string): number | null {
  const thousandths = parseScaled(text, 3);
  if (thousandths === null || thousandths <= 0) return null;
  // Exact: an integer number of thousandths divided once, as the server reads it back.
  return thousandths / 1000;
}
