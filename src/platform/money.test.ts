import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, currencyDigits, divRound, isCurrencyCode, parseMajor, percentOf } from './money.js';

describe('money', () => {
  it('takes percentages in basis points with commercial rounding', () => {
    expect(percentOf(500_000, 500)).toBe(25_000); // 5% of 5 000.00 = 250.00
    expect(percentOf(1_005, 1_000)).toBe(101); // 100.5 rounds half up
    expect(percentOf(1_005, 1_000, 'floor')).toBe(100);
    expect(percentOf(-1_005, 1_000)).toBe(-101);
  });

  it('rounds half away from zero on integers', () => {
    expect(divRound(5, 2)).toBe(3);
    expect(divRound(-5, 2)).toBe(-3);
    expect(divRound(4, 3)).toBe(1);
  });

  it('splits an amount into parts that add up exactly', () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(-100, [1, 1, 1])).toEqual([-34, -33, -33]);
    expect(allocate(7, [0, 0])).toEqual([7, 0]);
    fc.assert(fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.array(fc.integer({ min: 0, max: 1e6 }), { minLength: 1, maxLength: 30 }), (total, weights) => {
      const parts = allocate(total, weights);
      expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
      const sum = weights.reduce((a, b) => a + b, 0);
      if (sum > 0) parts.forEach((p, i) => expect(Math.abs(p - (total * weights[i]!) / sum)).toBeLessThan(1));
    }));
  });

  it('knows currency digits and parses amounts without floating point', () => {
    expect(currencyDigits('EUR')).toBe(2);
    expect(currencyDigits('JPY')).toBe(0);
    expect(currencyDigits('KWD')).toBe(3);
    expect(parseMajor('1 234,56', 'RUB')).toBe(123_456);
    expect(parseMajor('0.1', 'EUR') + parseMajor('0.2', 'EUR')).toBe(parseMajor('0.3', 'EUR'));
    expect(() => parseMajor('1.234', 'EUR')).toThrow(/more than 2 decimals/);
    expect(isCurrencyCode('AED')).toBe(true);
    expect(isCurrencyCode('ABC')).toBe(false);
  });
});
