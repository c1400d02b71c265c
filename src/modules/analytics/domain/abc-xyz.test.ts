import { describe, expect, it } from 'vitest';
import { abcXyz, coefficientOfVariation } from './abc-xyz.js';

const sumSq = (series: number[]) => series.reduce((s, v) => s + v * v, 0);

describe('ABC-XYZ', () => {
  // Five customers over four months:
  //   c0  100 100 100 100  total 400  μ 100  σ 0                        CV 0%      X
  //   c1   90 110 100 100  total 400  μ 100  σ² = (100+100+0+0)/4 = 50   CV 7.07%   X
  //   c2  200   0   0   0  total 200  μ 50   σ² = 40000/4 − 2500 = 7500  CV 173.2%  Z
  //   c3   60  40  60  40  total 200  μ 50   σ² = 100                    CV 20%     Y
  //   c4   50   0   0   0  total  50  μ 12.5 σ² = 625 − 156.25 = 468.75  CV 173.2%  Z
  // ABC over the total 1250, by revenue (ties in input order) with the share *before* each customer:
  //   c0 0% → A;  c1 400/1250 = 32% → A;  c2 64% → A;  c3 80% (not below 80) → B (below 95);  c4 96% → C
  const series = [[100, 100, 100, 100], [90, 110, 100, 100], [200, 0, 0, 0], [60, 40, 60, 40], [50, 0, 0, 0]];
  const input = { revenue: series.map((s) => s.reduce((a, b) => a + b, 0)), sumOfSquares: series.map(sumSq), periods: 4 };

  it('classifies by cumulative revenue share and by coefficient of variation', () => {
    const r = abcXyz(input);
    expect([...r.abc].map((k) => 'ABC'[k])).toEqual(['A', 'A', 'A', 'B', 'C']);
    expect([...r.xyz].map((k) => 'XYZ'[k])).toEqual(['X', 'X', 'Z', 'Y', 'Z']);
    expect(r.cv[1]).toBeCloseTo(Math.sqrt(50), 10);
    expect(r.cv[3]).toBeCloseTo(20, 10);
    expect(r.cv[2]).toBeCloseTo(Math.sqrt(7500) / 50 * 100, 10);
  });

  it('fills the 3 × 3 matrix with counts and revenue', () => {
    const r = abcXyz(input);
    const cell = (abc: string, xyz: string) => r.matrix.find((c) => c.abc === abc && c.xyz === xyz)!;
    expect(cell('A', 'X')).toEqual({ abc: 'A', xyz: 'X', customers: 2, revenue: 800, revenueShare: 800 / 1250 });
    expect(cell('A', 'Z')).toMatchObject({ customers: 1, revenue: 200 });
    expect(cell('B', 'Y')).toMatchObject({ customers: 1, revenue: 200 });
    expect(cell('C', 'Z')).toMatchObject({ customers: 1, revenue: 50 });
    expect(r.matrix.reduce((s, c) => s + c.customers, 0)).toBe(5);
    expect(r.classes.find((c) => c.class === 'A')).toEqual({ class: 'A', customers: 3, revenue: 1000, revenueShare: 0.8 });
    expect(r.totalRevenue).toBe(1250);
  });

  it('takes other limits: with A = 50% only c0 and c1 are A, with X ≤ 5% c1 becomes Y', () => {
    // Shares before: c0 0, c1 32%, c2 64% → with a = 50: A, A, B (64 < 50 + 30 = 80), c3 80% → C.
    const r = abcXyz(input, { abc: { a: 50, b: 30 }, xyz: { x: 5, y: 25 } });
    expect([...r.abc].map((k) => 'ABC'[k])).toEqual(['A', 'A', 'B', 'C', 'C']);
    expect('XYZ'[r.xyz[1]!]).toBe('Y');
  });

  it('keeps a CV of exactly the limit in the lower class, and puts customers without revenue in C and Z', () => {
    // 110 and 90 over two months: μ 100, σ² = (12100 + 8100)/2 − 10000 = 100, CV = 10%.
    expect(coefficientOfVariation(200, 20200, 2)).toBeCloseTo(10, 12);
    const r = abcXyz({ revenue: [200, 0], sumOfSquares: [20200, 0], periods: 2 });
    expect([...r.xyz]).toEqual([0, 2]);
    expect([...r.abc]).toEqual([0, 2]);
    expect(Number.isNaN(r.cv[1])).toBe(true);
  });

  it('rejects impossible limits', () => {
    expect(() => abcXyz(input, { abc: { a: 90, b: 20 } })).toThrow(/a \+ b/);
    expect(() => abcXyz(input, { xyz: { x: 30, y: 20 } })).toThrow(/xyz/);
    expect(() => abcXyz({ ...input, periods: 0 })).toThrow(/periods/);
  });
});
