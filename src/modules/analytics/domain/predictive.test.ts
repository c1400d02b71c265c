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

describe('predictive CLV on small and odd histories', () => {
  const from = dayOrThrow('2025-01-01', 'from');
  const to = dayOrThrow('2025-12-31', 'to');
  const plan = planBuckets(from, from, to);
  const cut = to - 26 * 7;
  const run = (purchases: PlainPurchase[]) => predictiveClv(factsFromPurchases(purchases, plan, monthOfDay(from), [cut, to - 90]), { holdoutCut: 0, lookbackCut: 1 });
  const buy = (customerId: string, ...days: number[]) => days.map((day) => ({ customerId, day, net: 1000 }));

  it('no_history: nobody had bought before the hold-out, so there is nothing to check', () => {
    const r = run([0, 1, 2, 3, 4].flatMap((c) => buy(`c${c}`, cut + 10 + c, cut + 40 + c)));
    expect(r.holdout).toMatchObject({ status: 'no_history', customers: 0, predicted: null, actual: 0, error: null });
  });

  it('no_repeat_purchases: first purchases before the hold-out, repeats only in it', () => {
    const r = run([0, 1, 2, 3, 4].flatMap((c) => buy(`c${c}`, from + 5 + 20 * c, cut + 10 + c)));
    expect(r.holdout).toMatchObject({ status: 'no_repeat_purchases', customers: 5, predicted: null, actual: 5, error: null });
    expect(r.warnings).toContain('few_customers');
  });

  it('too_few_customers: the model for the whole history, but too few customers before the hold-out to refit it', () => {
    const r = run([...buy('a', from + 5, from + 60), ...buy('b', from + 9, from + 90), ...[0, 1, 2].flatMap((c) => buy(`c${c}`, cut + 10 + c, cut + 50))]);
    expect(r.customers).toBe(5);
    expect(r.holdout).toMatchObject({ status: 'too_few_customers', customers: 2, predicted: null, error: null });
  });

  it('no_purchases: a prediction, but nobody came back in the hold-out, so no error ratio', () => {
    const r = run([0, 1, 2, 3, 4].flatMap((c) => buy(`c${c}`, from + 5 + c, from + 40 + 3 * c, from + 70 + 5 * c)));
    expect(r.holdout?.status).toBe('no_purchases');
    expect(Number.isFinite(r.holdout?.predicted)).toBe(true);
    expect(r.holdout?.actual).toBe(0);
    expect(r.holdout?.error).toBeNull();
  });

  it('refuses fewer than five customers, or none who came back, with the reason', () => {
    expect(() => run([...buy('a', from + 5, from + 60), ...buy('b', from + 9)])).toThrow(/too few customers/);
    expect(() => run([0, 1, 2, 3, 4, 5].flatMap((c) => buy(`c${c}`, from + 5 + c)))).toThrow(/bought twice/);
  });

  it('eight steady customers: the fits run to the edge of the parameter space and still predict numbers', () => {
    // Every customer buys every 12–19 days all year: no spread in rates and nobody leaving, which BG/NBD
    // can only express in the limit (r, α → ∞; a → 0). Before, the hold-out prediction was NaN there.
    const purchases: PlainPurchase[] = [];
    for (let c = 0; c < 8; c++) for (let d = from + c; d <= to; d += 12 + c) purchases.push(...buy(`c${c}`, d));
    const r = run(purchases);
    expect(r.warnings).toEqual(expect.arrayContaining(['few_customers', 'edge_of_parameter_space']));
    expect(r.holdout?.status).toBe('ok');
    expect(Number.isFinite(r.holdout?.predicted)).toBe(true);
    expect(Math.abs(r.holdout?.error as number)).toBeLessThan(0.25);
    for (let i = 0; i < 8; i++) expect(Number.isFinite(r.expectedPurchases[i] as number)).toBe(true);
  });
});
