import { describe, expect, it } from 'vitest';
import { bestVsRest } from './best-customers.js';
import { alertLevel, dependence } from './dependence.js';
import { simpleLtv } from './ltv.js';
import { slippingAway } from './slipping.js';

describe('best customers vs the rest', () => {
  // Four buyers (the fifth has no receipt): the best 20% is ⌈0.2·4⌉ = 1 customer.
  //   best  c0: 1000 over 10 receipts            → average receipt 100
  //   rest  c1–c3: 500 + 300 + 200 = 1000 over 9 → 111.11
  //   anonymous: 500 over 10 receipts            → 50;  ratio best / rest = 100 / 111.11 = 0.9
  it('compares the average receipt of the groups', () => {
    const r = bestVsRest([1000, 500, 300, 200, 0], [10, 2, 3, 4, 0], { anonymous: { revenue: 500, receipts: 10 } });
    expect(r.bestCustomers).toBe(1);
    expect(r.groups.map((g) => [g.group, g.customers, g.receipts, g.revenue])).toEqual([['best', 1, 10, 1000], ['rest', 3, 9, 1000], ['all_customers', 4, 19, 2000], ['anonymous', null, 10, 500]]);
    expect(r.groups[1]!.averageReceipt).toBeCloseTo(1000 / 9, 12);
    expect(r.groups[0]!.revenueShare).toBe(0.4);
    expect(r.ratio).toBeCloseTo(0.9, 12);
  });
});

describe('LTV = S × C × P × T', () => {
  // Revenue 120 000 over 40 receipts of 10 customers in 4 months: S = 3000, C = 40 / 10 / 4 = 1.
  // Cost known for receipts worth 100 000, costing 60 000: P = 0.4. Monthly churn 5%: T = 100 / 5 = 20.
  // LTV = 3000 × 1 × 0.4 × 20 = 24 000; before costs S × C × T = 60 000.
  const input = { revenue: 120_000, receipts: 40, customers: 10, months: 4, costedRevenue: 100_000, cost: 60_000, monthlyChurn: 5 };
  it('shows each factor and the product', () => {
    expect(simpleLtv(input)).toEqual({ averageReceipt: 3000, purchasesPerMonth: 1, marginShare: 0.4, lifetimeMonths: 20, lifetimeSource: 'churn', ltv: 24_000, revenueLtv: 60_000, costCoverage: 100_000 / 120_000 });
  });
  it('uses the owner\'s lifetime, and leaves unknown factors unknown', () => {
    expect(simpleLtv({ ...input, lifetimeMonths: 30 })).toMatchObject({ lifetimeMonths: 30, lifetimeSource: 'owner', ltv: 36_000 });
    expect(simpleLtv({ ...input, costedRevenue: 0, cost: 0 })).toMatchObject({ marginShare: null, ltv: null, revenueLtv: 60_000 });
    expect(simpleLtv({ ...input, monthlyChurn: null })).toMatchObject({ lifetimeMonths: null, ltv: null, revenueLtv: null });
  });
});

describe('key-customer dependence', () => {
  // Company revenue 1000 (anonymous sales included): a 450 (45% → alert 40), b 250 (25% → 20), c 120 (12%,
  // key, no alert), d 80 (8%). Key customers (≥ 10%): 3; top 5 = 900 = 90%; the company's alert is 40.
  it('grades each customer\'s share and the scope\'s exposure', () => {
    const r = dependence([
      { scope: 'company', scopeId: null, total: 1000, customers: [{ customerId: 'd', revenue: 80 }, { customerId: 'a', revenue: 450 }, { customerId: 'c', revenue: 120 }, { customerId: 'b', revenue: 250 }] },
      { scope: 'outlet', scopeId: 'o1', total: 0, customers: [] },
    ], { top: 2 });
    expect(r.scopes[0]).toEqual({ scope: 'company', scopeId: null, total: 1000, largestShare: 45, top5Share: 90, keyCustomers: 3, alert: 40 });
    expect(r.scopes[1]).toMatchObject({ keyCustomers: 0, alert: null, largestShare: null });
    expect(r.customers.map((c) => [c.customerId, c.share, c.key, c.alert, c.rank])).toEqual([['a', 45, true, 40, 1], ['b', 25, true, 20, 2], ['c', 12, true, null, 3]]);
  });
  it('takes the highest level reached', () => {
    expect(alertLevel(50)).toBe(50);
    expect(alertLevel(19.99)).toBeNull();
    expect(alertLevel(35, [30, 20])).toBe(30);
  });
});

describe('slipping away', () => {
  // Values 100 … 10; the tenth customer is not modelled (NaN). Top 50% of the nine = ⌈4.5⌉ = 5: c0–c4.
  //   c0  P(alive) 0.3, was 0.8   → low and down 0.5            slipping
  //   c1  0.9                     → not low
  //   c2  0.4, was 0.45           → down only 0.05
  //   c3  0.2, no earlier value   → a new customer, not slipping
  //   c4  0.1, was 0.2            → down exactly 0.1             slipping
  //   c5  0.1, was 0.9            → not among the valuable
  it('keeps valuable customers whose P(alive) is low and falling, most valuable first', () => {
    const value = [100, 90, 80, 70, 60, 50, 40, 30, 20, NaN];
    const now = [0.3, 0.9, 0.4, 0.2, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1];
    const before = [0.8, 0.9, 0.45, NaN, 0.2, 0.9, 0.9, 0.9, 0.9, 0.9];
    expect(slippingAway(value, now, before, { valueShare: 0.5, below: 0.5, minDrop: 0.1 })).toEqual([0, 4]);
    expect(slippingAway(value, now, before, { valueShare: 1, below: 0.5, minDrop: 0.1 })).toEqual([0, 4, 5, 6, 7, 8]);
    expect(() => slippingAway([], [], [], { below: 0 })).toThrow(/below/);
  });
});
