import { describe, expect, it } from 'vitest';
import { pareto } from './pareto.js';

describe('pareto', () => {
  // Ten customers, revenue 100 … 10 (in minor units), total 550, ranked highest first:
  //   rank:        1    2    3    4    5    6    7    8    9   10
  //   revenue:   100   90   80   70   60   50   40   30   20   10
  //   cumulative 100  190  270  340  400  450  490  520  540  550
  // Top 20% = ⌈0.2·10⌉ = 2 customers: 190 / 550 = 34.545…%.
  // 80% of 550 = 440: the cumulative sum first reaches it at rank 6 (450), so 6 customers = 60%.
  const revenues = [30, 100, 10, 90, 20, 80, 40, 70, 50, 60];

  it('reports the share of the top 20% and the customers that make 80%', () => {
    const r = pareto(revenues);
    expect(r.customers).toBe(10);
    expect(r.revenue).toBe(550);
    expect(r.topCustomers).toBe(2);
    expect(r.topRevenue).toBe(190);
    expect(r.topRevenueShare).toBeCloseTo(190 / 550, 12);
    expect(r.customersForRevenueShare).toBe(6);
    expect(r.customerShareForRevenueShare).toBeCloseTo(0.6, 12);
  });

  it('gives the cumulative curve at the requested points, starting at the origin', () => {
    // Five points: 20%, 40% … 100% of customers = ranks 2, 4, 6, 8, 10.
    const r = pareto(revenues, { points: 5 });
    expect(r.curve.map((p) => [p.customerShare, p.customers, p.revenue])).toEqual([[0, 0, 0], [0.2, 2, 190], [0.4, 4, 340], [0.6, 6, 450], [0.8, 8, 520], [1, 10, 550]]);
    expect(r.curve[5]!.revenueShare).toBe(1);
  });

  it('rounds the top group up and handles an equal split and an empty period', () => {
    // Three customers: ⌈0.6⌉ = 1 is the top 20%.
    expect(pareto([5, 1, 4]).topCustomers).toBe(1);
    // Four equal customers: 80% needs ⌈0.8·4⌉ = 4 … the sum reaches 80 at the 4th (25 each: 25, 50, 75, 100).
    const equal = pareto([25, 25, 25, 25]);
    expect(equal.customersForRevenueShare).toBe(4);
    expect(equal.topRevenueShare).toBe(0.25);
    const empty = pareto([]);
    expect(empty).toMatchObject({ customers: 0, revenue: 0, topCustomers: 0, topRevenueShare: 0, customersForRevenueShare: 0 });
    expect(empty.curve).toEqual([{ customerShare: 0, customers: 0, revenue: 0, revenueShare: 0 }]);
  });

  it('rejects negative revenue and shares outside (0, 1]', () => {
    expect(() => pareto([1, -1])).toThrow(/≥ 0/);
    expect(() => pareto([1], { topShare: 0 })).toThrow(/topShare/);
    expect(() => pareto([1], { revenueShare: 1.5 })).toThrow(/revenueShare/);
  });
});
