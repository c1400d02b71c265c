import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIsoDay, summarizeTransactions } from './summary.js';
import type { Transaction } from './summary.js';

const tx = (customerId: string, date: string | Date, amount: number): Transaction => ({ customerId, date, amount });

describe('summarizeTransactions', () => {
  it('merges same-day purchases of a customer into one transaction with the amounts summed', () => {
    const { customers } = summarizeTransactions([
      tx('a', '1997-01-01', 10), tx('a', '1997-01-01', 5), // first purchase, split basket
      tx('a', '1997-01-15', 20), tx('a', '1997-01-15', 30), // one repeat purchase of 50
      tx('a', '1997-01-29', 10),
    ], { calibrationEnd: '1997-02-12' });
    expect(customers).toEqual([{ id: 'a', frequency: 2, recency: 4, T: 6, monetaryValue: 30, holdoutFrequency: null }]);
  });

  it('counts hold-out purchase days in (calibration end, observation end] and ignores anything later', () => {
    const result = summarizeTransactions([
      tx('b', '1997-03-01', 1),
      tx('a', '1997-01-01', 1), tx('a', '1997-01-08', 4),
      tx('a', '1997-01-28', 2), // the calibration end itself belongs to the calibration period
      tx('a', '1997-01-29', 3), tx('a', '1997-01-29', 3), tx('a', '1997-02-04', 3),
      tx('a', '1997-03-01', 9), // after the observation end
    ], { calibrationEnd: '1997-01-28', observationEnd: '1997-02-25', period: 'day' });
    expect(result.customers).toEqual([{ id: 'a', frequency: 2, recency: 27, T: 27, monetaryValue: 3, holdoutFrequency: 2 }]);
    expect(result.excludedCustomers).toBe(1);
    expect(result.holdoutLength).toBe(28);
    expect(result.period).toBe('day');
  });

  it('measures weeks as days / 7 and sorts customers by id', () => {
    const { customers } = summarizeTransactions([
      tx('z', '1997-01-02', 5), tx('m', new Date(Date.UTC(1997, 0, 1, 23, 59)), 7), tx('m', '1997-01-04', 3),
    ], { calibrationEnd: new Date(Date.UTC(1997, 0, 8)) });
    expect(customers.map((c) => c.id)).toEqual(['m', 'z']);
    expect(customers[0]).toMatchObject({ frequency: 1, recency: 3 / 7, T: 1, monetaryValue: 3 });
    expect(customers[1]).toMatchObject({ frequency: 0, recency: 0, T: 6 / 7, monetaryValue: 0 });
  });

  it('rejects bad input, naming the transaction and the field', () => {
    expect(() => summarizeTransactions([tx('a', '1997-01-01', 1), tx('a', '1997-02-30', 1)], { calibrationEnd: '1997-09-30' }))
      .toThrow(/transaction 1: date: "1997-02-30" is not a date/);
    expect(() => summarizeTransactions([tx('a', '1997-01-01', NaN)], { calibrationEnd: '1997-09-30' })).toThrow(/transaction 0: amount/);
    expect(() => summarizeTransactions([tx('', '1997-01-01', 1)], { calibrationEnd: '1997-09-30' })).toThrow(/transaction 0: customerId/);
    expect(() => summarizeTransactions([], { calibrationEnd: '30.09.1997' })).toThrow(/calibrationEnd/);
    expect(() => summarizeTransactions([], { calibrationEnd: '1997-09-30', observationEnd: '1997-09-01' })).toThrow(/before calibrationEnd/);
  });

  it('parses only real calendar dates', () => {
    expect(parseIsoDay('1970-01-02')).toBe(1);
    expect(parseIsoDay('2024-02-29')).not.toBeNull();
    for (const bad of ['2023-02-29', '1997-13-01', '1997-1-01', '19970101', '1997-01-01T00:00']) expect(parseIsoDay(bad)).toBeNull();
  });

  const day = fc.integer({ min: 0, max: 120 }).map((d) => new Date(Date.UTC(1997, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
  const transactions = fc.array(fc.record({
    customerId: fc.constantFrom('a', 'b', 'c', 'd'), date: day, amount: fc.integer({ min: 0, max: 10_000 }).map((c) => c / 100),
  }), { maxLength: 60 });

  it('does not depend on the order of the transactions, and splitting a purchase in two changes nothing but spend rounding', () => {
    fc.assert(fc.property(transactions, fc.integer(), (list, seed) => {
      const options = { calibrationEnd: '1997-03-01', observationEnd: '1997-04-30' };
      const base = summarizeTransactions(list, options);
      const shuffled = list.map((t, i) => ({ t, k: Math.imul(i + 1, seed | 1) >>> 0 })).sort((x, y) => x.k - y.k).map((e) => e.t);
      const again = summarizeTransactions(shuffled, options);
      expect(again.customers.map(({ monetaryValue: _, ...c }) => c)).toEqual(base.customers.map(({ monetaryValue: _, ...c }) => c));
      const split = list.flatMap((t) => [{ ...t, amount: t.amount / 2 }, { ...t, amount: t.amount / 2 }]);
      const splitResult = summarizeTransactions(split, options);
      splitResult.customers.forEach((c, i) => {
        const b = base.customers[i];
        expect(c).toMatchObject({ id: b?.id, frequency: b?.frequency, recency: b?.recency, T: b?.T, holdoutFrequency: b?.holdoutFrequency });
        expect(c.monetaryValue).toBeCloseTo(b?.monetaryValue ?? NaN, 9);
      });
    }), { numRuns: 300, seed: 41 });
  });

  it('always yields 0 ≤ recency ≤ T, x below the number of purchase days, and x = 0 ⇔ recency = 0', () => {
    fc.assert(fc.property(transactions, (list) => {
      const { customers, excludedCustomers } = summarizeTransactions(list, { calibrationEnd: '1997-03-01', period: 'day' });
      expect(customers.length + excludedCustomers).toBe(new Set(list.map((t) => t.customerId)).size);
      for (const c of customers) {
        const days = new Set(list.filter((t) => t.customerId === c.id && t.date <= '1997-03-01').map((t) => t.date));
        expect(c.frequency).toBe(days.size - 1);
        expect(c.recency).toBeGreaterThanOrEqual(0);
        expect(c.recency).toBeLessThanOrEqual(c.T);
        expect(c.frequency === 0).toBe(c.recency === 0);
      }
    }), { numRuns: 300, seed: 42 });
  });
});
