import { describe, expect, it } from 'vitest';
import { frequency } from './frequency.js';

describe('purchase frequency and interval', () => {
  // Five customers over a three-month period (days are day numbers; −1 = no purchase in the period):
  //   c0  1 purchase day
  //   c1  3 days, first 100, last 130   interval (130 − 100) / 2 = 15
  //   c2  2 days, first 200, last 214   interval 14
  //   c3  no purchase                   not counted
  //   c4  12 days, first 0, last 330    interval 330 / 11 = 30
  // Buyers 4, purchase days 18: frequency 4.5, per month 1.5; repeat customers 3 of 4 = 75%;
  // intervals 14, 15, 30: average 59/3 = 19.67 days, median 15.
  const r = frequency({ visits: [1, 3, 2, 0, 12], firstDay: [100, 100, 200, -1, 0], lastDay: [100, 130, 214, -1, 330] }, 3);

  it('averages purchases per customer and the days between them', () => {
    expect(r).toMatchObject({ customers: 4, visits: 18, frequency: 4.5, frequencyPerMonth: 1.5, repeatCustomers: 3, repeatRate: 75, medianIntervalDays: 15 });
    expect(r.averageIntervalDays).toBeCloseTo(59 / 3, 12);
  });

  it('distributes customers by purchase count and repeat customers by interval', () => {
    expect(r.byVisits.map((b) => [b.label, b.customers])).toEqual([['1', 1], ['2', 1], ['3', 1], ['4', 0], ['5', 0], ['6', 0], ['7', 0], ['8', 0], ['9', 0], ['10+', 1]]);
    expect(r.byVisits[0]!.share).toBe(0.25);
    expect(r.byInterval.map((b) => [b.label, b.customers])).toEqual([['0–7', 0], ['8–14', 1], ['15–30', 2], ['31–60', 0], ['61–90', 0], ['91–180', 0], ['181–365', 0], ['> 365', 0]]);
  });

  it('reports nothing rather than zero when nobody bought', () => {
    expect(frequency({ visits: [0], firstDay: [-1], lastDay: [-1] }, 1)).toMatchObject({ customers: 0, frequency: null, repeatRate: null, averageIntervalDays: null, medianIntervalDays: null });
    expect(() => frequency({ visits: [], firstDay: [], lastDay: [] }, 0)).toThrow(/months/);
  });
});
