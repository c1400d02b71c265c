import { describe, expect, it } from 'vitest';
import { parseMajor } from '../../../platform/money.js';
import { parseMoney } from './purchase-rows.js';

// parseMoney reads spreadsheet cells leniently; platform's parseMajor stays strict (see both comments).
describe('parseMoney: money cells of an imported spreadsheet', () => {
  it('reads either thousands style, currency signs and spaces, to minor units', () => {
    expect(parseMoney('1 234,56', 'EUR')).toBe(123_456);
    expect(parseMoney('1.234,50 €', 'EUR')).toBe(123_450);
    expect(parseMoney('1,234.50', 'EUR')).toBe(123_450);
    expect(parseMoney('€ 12', 'EUR')).toBe(1_200);
    expect(parseMoney('-5,5', 'EUR')).toBe(-550);
    expect(parseMoney('1500', 'JPY')).toBe(1_500);
  });

  it('takes "1,234" as thousands (but as decimals for a three-decimal currency) and zeros past the cents', () => {
    expect(parseMoney('1,234', 'EUR')).toBe(123_400);
    expect(parseMoney('1,234', 'KWD')).toBe(1_234);
    expect(parseMoney('1.500', 'EUR')).toBe(150);
  });

  it('answers null for an empty cell and invalid for what is not an amount, where parseMajor throws', () => {
    expect(parseMoney('  ', 'EUR')).toBeNull();
    expect(parseMoney('abc', 'EUR')).toBe('invalid');
    expect(parseMoney('12.345', 'EUR')).toBe('invalid');
    expect(() => parseMajor('1.234,50 €', 'EUR')).toThrow(/not an amount/);
    expect(() => parseMajor('1.500', 'EUR')).toThrow(/more than 2 decimals/);
  });
});
