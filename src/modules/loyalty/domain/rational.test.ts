import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate } from '../../../platform/money.js';
import { floorToStep, pointsForMinorFloor, pointsToMinor, pointsValueCeil, rateStep } from './rate.js';
import { allocateCapped, allocateExact, divBig, divSafe, fitsSafe, gcd, mulDiv } from './rational.js';

describe('mulDiv', () => {
  it('rounds floor, ceil and half-up exactly, beyond 2^53 intermediates', () => {
    expect(mulDiv(5, 1, 2, 'floor')).toBe(2);
    expect(mulDiv(5, 1, 2, 'ceil')).toBe(3);
    expect(mulDiv(5, 1, 2, 'round')).toBe(3);
    expect(mulDiv(7, 1, 3, 'round')).toBe(2);
    expect(mulDiv(9_007_199_254_740_991, 3, 9, 'floor')).toBe(3_002_399_751_580_330);
    expect(() => mulDiv(1, 1, 0, 'floor')).toThrow(RangeError);
    expect(() => mulDiv(Number.MAX_SAFE_INTEGER, 2, 1, 'floor')).toThrow(RangeError);
  });
  it('gcd', () => {
    expect(gcd(12, 18)).toBe(6);
    expect(gcd(7, 0)).toBe(7);
  });
});

describe('allocateExact', () => {
  it('equals platform allocate where that is exact', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 10 }), (total, weights) => {
      expect(allocateExact(total, weights)).toEqual(allocate(total, weights));
    }));
  });
  it('stays exact where float products would overflow', () => {
    const parts = allocateExact(9_000_000_000_000, [3_000_000_000_000, 3_000_000_000_001, 1]);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(9_000_000_000_000);
    // Exact shares: 4 499 999 999 998.5…, 4 500 000 000 000, 1.499…
    expect(parts).toEqual([4_499_999_999_999, 4_500_000_000_000, 1]);
  });
});

describe('allocateCapped', () => {
  it('respects caps and always sums exactly', () => {
    fc.assert(fc.property(
      fc.array(fc.record({ w: fc.integer({ min: 0, max: 10_000 }), cap: fc.integer({ min: 0, max: 10_000 }) }), { minLength: 1, maxLength: 10 }),
      fc.integer({ min: 0, max: 100 }),
      (rows, percent) => {
        const capSum = rows.reduce((a, r) => a + r.cap, 0);
        const total = Math.floor((capSum * percent) / 100);
        const parts = allocateCapped(total, rows.map((r) => r.w), rows.map((r) => r.cap));
        expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
        parts.forEach((p, i) => {
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(rows[i]?.cap ?? 0);
        });
      },
    ));
  });
  it('moves what a full line cannot take to the others', () => {
    expect(allocateCapped(100, [90, 10], [20, 100])).toEqual([20, 80]);
    expect(() => allocateCapped(10, [1], [5])).toThrow(RangeError);
  });
});

describe('points rate', () => {
  it('reduces the ratio to a step and converts exactly', () => {
    expect(rateStep({ points: 100, minor: 100 })).toEqual({ points: 1, minor: 1 });
    expect(rateStep({ points: 3, minor: 2 })).toEqual({ points: 3, minor: 2 });
    expect(pointsToMinor(9, { points: 3, minor: 2 })).toBe(6);
    expect(() => pointsToMinor(7, { points: 3, minor: 2 })).toThrow(RangeError);
    expect(pointsForMinorFloor(5, { points: 3, minor: 2 })).toBe(6);
    expect(floorToStep(7, { points: 3, minor: 2 })).toBe(6);
    expect(pointsValueCeil(7, { points: 3, minor: 2 })).toBe(5); // 4.67
    expect(() => rateStep({ points: 0, minor: 1 })).toThrow(RangeError);
  });
});

describe('the plain-number fast paths', () => {
  const rounding = fc.constantFrom('floor', 'ceil', 'round') as fc.Arbitrary<'floor' | 'ceil' | 'round'>;
  it('divSafe gives divBig\'s answer wherever fitsSafe allows it, up to 2^53', () => {
    fc.assert(fc.property(
      fc.oneof(fc.integer({ min: 0, max: 1_000_000 }), fc.maxSafeNat()), fc.oneof(fc.integer({ min: 0, max: 1_000_000 }), fc.maxSafeNat()),
      fc.oneof(fc.integer({ min: 1, max: 10_000 }), fc.maxSafeNat().map((d) => Math.max(1, d))), rounding,
      (a, b, c, r) => {
        if (!fitsSafe(a, b, c)) return;
        expect(divSafe(a * b, c, r)).toBe(Number(divBig(BigInt(a) * BigInt(b), BigInt(c), r)));
      },
    ), { numRuns: 3000 });
    // Quotients whose float division rounds up to the next integer.
    const n = Number.MAX_SAFE_INTEGER - 7;
    expect(divSafe(n, 3, 'floor')).toBe(Number(divBig(BigInt(n), 3n, 'floor')));
    expect(divSafe(2 ** 52 - 1, 2 ** 52, 'round')).toBe(1);
  });
  it('allocateExact splits exactly as platform allocate does', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 30 }), (total, weights) => {
      expect(allocateExact(total, weights)).toEqual(allocate(total, weights));
    }), { numRuns: 2000 });
  });
});
