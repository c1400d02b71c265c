import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cardNumber, ean13CheckDigit, generateCardNumbers, luhnCheckDigit, serialCapacity, validateCardNumber } from './cards.js';

describe('check digits', () => {
  it('computes GS1 EAN-13 check digits of known codes', () => {
    expect(ean13CheckDigit('400638133393')).toBe(1);
    expect(ean13CheckDigit('590123412345')).toBe(7);
    expect(ean13CheckDigit('200000000000')).toBe(8);
    expect(() => ean13CheckDigit('12345')).toThrow(RangeError);
  });
  it('computes Luhn check digits of known numbers', () => {
    expect(luhnCheckDigit('7992739871')).toBe(3);
    expect(luhnCheckDigit('453201511283036')).toBe(6);
  });
});

describe('generateCardNumbers', () => {
  it('makes consecutive EAN-13 numbers with the organization prefix', () => {
    const cards = generateCardNumbers('2901', 1, 3);
    expect(cards).toEqual(['2901000000015', '2901000000022', '2901000000039']);
    cards.forEach((c) => expect(validateCardNumber(c, { scheme: 'ean13', prefix: '2901', length: 13 })).toEqual({ ok: true, value: c }));
  });
  it('makes Luhn numbers of another length', () => {
    const [first] = generateCardNumbers('77', 42, 1, { scheme: 'luhn', length: 16 });
    expect(first).toBe('7700000000000420'); // prefix 77, serial 42 in 13 digits, Luhn check 0
    expect(first).toHaveLength(16);
    expect(validateCardNumber(first ?? '').ok).toBe(true);
  });
  it('refuses serials that do not fit, before generating anything', () => {
    expect(serialCapacity({ scheme: 'ean13', prefix: '2901', length: 13 })).toBe(100_000_000);
    expect(() => generateCardNumbers('2901', 99_999_999, 2)).toThrow(RangeError);
    expect(() => cardNumber({ scheme: 'ean13', prefix: '29', length: 12 }, 1)).toThrow(RangeError);
    expect(() => generateCardNumbers('29x', 1, 1)).toThrow(RangeError);
  });
});

describe('validateCardNumber', () => {
  const format = { scheme: 'ean13' as const, prefix: '2901', length: 13 };
  it('accepts spaces and dashes people type, and explains refusals', () => {
    expect(validateCardNumber('2901 0000 0001-5', format)).toEqual({ ok: true, value: '2901000000015' });
    expect(validateCardNumber('2901000000014', format)).toEqual({ ok: false, reason: 'bad_check_digit' });
    expect(validateCardNumber('2902000000012', format)).toEqual({ ok: false, reason: 'wrong_prefix' });
    expect(validateCardNumber('290100000014', format)).toEqual({ ok: false, reason: 'wrong_length' });
    expect(validateCardNumber('29010000000a4', format)).toEqual({ ok: false, reason: 'not_digits' });
    expect(validateCardNumber('4006381333931')).toEqual({ ok: true, value: '4006381333931' });
    expect(validateCardNumber('79927398713')).toEqual({ ok: true, value: '79927398713' });
    expect(validateCardNumber('123')).toEqual({ ok: false, reason: 'wrong_length' });
  });
  it('catches every single-digit typo', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 99_999_999 }), fc.integer({ min: 0, max: 12 }), fc.integer({ min: 1, max: 9 }), (serial, pos, delta) => {
      const good = cardNumber(format, serial);
      const typo = good.slice(0, pos) + String((Number(good[pos]) + delta) % 10) + good.slice(pos + 1);
      expect(validateCardNumber(typo, { ...format, prefix: '' }).ok).toBe(false);
    }));
  });
});
