import { describe, expect, it } from 'vitest';
import { planBuckets } from './buckets.js';
import { dayOrThrow, monthOfDay } from './calendar.js';
import { randomGamma, seededRandom } from './clv/index.js';
import { periodsPerMonth, predictCustomers } from './clv/index.js';
import { expectedRepeatPurchases, predictiveClv } from './predictive.js';
import { factsFromPurchases, type PlainPurchase } from './reference.js';

// Two years of day-level purchases drawn from BG/NBD itself (r 0.5, α 10 weeks, a 0.8, b 3): first
// purchases spread over the first year, spend Gamma-distributed. The model fitted on these purchases
// must find parameters near the truth and predict the last 26 weeks from the weeks before them.
const start = dayOrThrow('2024-01-01', 'start');
const end = dayOrThrow('2025-12-31', 'end');
function history(customers: number): PlainPurchase[] {
  const rng = seededRandom(42);
  const out: PlainPurchase[] = [];
  for (let c = 0; c < customers; c++) {
    const lambda = randomGamma(rng, 0.5) / 10;
    const g = randomGamma(rng, 0.8);
    const p = g / (g + randomGamma(rng, 3));
    const spend = 1000 * randomGamma(rng, 6) / randomGamma(rng, 4);
    let week = (rng() * 365) / 7;
    for (let first = true; start + Math.floor(week * 7) <= end; first = false) {
      out.push({ customerId: `c${c}`, day: start + Math.floor(week * 7), net: Math.round(spend * randomGamma(rng, 6) / 6) });
      if (!first && rng() < p) break;
      week += -Math.log(1 - rng()) / lambda;
    }
  }
  return out;
}

describe('predictive CLV from purchases', () => {
  const plan = planBuckets(start, dayOrThrow('2025-01-01', 'from'), end);
  const holdoutFrom = end - 26 * 7;
  const facts = factsFromPurchases(history(4000), plan, monthOfDay(start), [holdoutFrom, end - 90]);
  const r = predictiveClv(facts, { holdoutCut: 0, lookbackCut: 1, horizonWeeks: 52 });

  it('recovers the parameters it was drawn from', () => {
    expect(r.bgnbd.converged).toBe(true);
    expect(r.customers).toBe(4000);
    expect(r.bgnbd.params.r).toBeGreaterThan(0.35);
    expect(r.bgnbd.params.r).toBeLessThan(0.7);
    expect(r.bgnbd.params.alpha).toBeGreaterThan(6);
    expect(r.bgnbd.params.alpha).toBeLessThan(15);
    expect(r.gammaGamma?.converged).toBe(true);
  });

  it('predicts the hold-out repeat purchases within 10%', () => {
    const h = r.holdout!;
    expect(h.weeks).toBe(26);
    expect(h.actual).toBeGreaterThan(500);
    expect(Math.abs(h.error!)).toBeLessThan(0.1);
  });

  it('gives every customer P(alive), expected purchases and a CLV, and the earlier P(alive)', () => {
    for (let i = 0; i < facts.count; i++) {
      expect(r.pAlive[i]).toBeGreaterThanOrEqual(0);
      expect(r.pAlive[i]).toBeLessThanOrEqual(1);
      expect(r.expectedPurchases[i]).toBeGreaterThanOrEqual(0);
      if ((facts.visits[i] as number) === 1) expect(r.pAlive[i]).toBe(1);
    }
    const repeat = Array.from({ length: facts.count }, (_, i) => i).filter((i) => (facts.visits[i] as number) > 3);
    expect(repeat.every((i) => Number.isFinite(r.clv[i] as number) && (r.clv[i] as number) > 0)).toBe(true);
    // Customers whose first purchase is after the lookback cut have no earlier P(alive).
    const late = Array.from({ length: facts.count }, (_, i) => i).filter((i) => (facts.firstDay[i] as number) > end - 90);
    expect(late.every((i) => Number.isNaN(r.pAlivePrevious[i] as number))).toBe(true);
  });

  it('sums expected repeat purchases the way the per-customer predictions do', () => {
    const rows = Array.from({ length: 300 }, (_, i) => ({ frequency: i % 7, recency: i % 7 === 0 ? 0 : (i % 40) / 2, T: 20 + (i % 40) / 2 }));
    const per = predictCustomers(r.bgnbd.params, null, rows, { horizon: 26, periodsPerMonth: periodsPerMonth('week'), monthlyDiscountRate: 0 }).expectedPurchases.reduce((a, b) => a + b, 0);
    expect(expectedRepeatPurchases(r.bgnbd.params, rows, 26)).toBeCloseTo(per, 9);
  });

  it('is deterministic', () => {
    const again = predictiveClv(facts, { holdoutCut: 0, lookbackCut: 1, horizonWeeks: 52 });
    expect(again.bgnbd.params).toEqual(r.bgnbd.params);
    expect(again.clv).toEqual(r.clv);
  });
});
