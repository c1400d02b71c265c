import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  fitBgNbd, fitGammaGamma, periodsPerMonth, predictCustomers, summarizeTransactions,
} from '../../modules/analytics/domain/clv/index.js';
import type { Transaction } from '../../modules/analytics/domain/clv/index.js';
import { UsageError } from '../common.js';
import { runClvFit } from '../actions/clv.js';

// 150 customers with purchases from 2024-01 to 2025-06, some split baskets on one day, and one customer
// ("late") whose first purchase is after the calibration end.
const FIXTURE = path.join(path.dirname(new URL(import.meta.url).pathname), '__fixtures__', 'clv-transactions.csv');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clv-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

function fixtureTransactions(): Transaction[] {
  return fs.readFileSync(FIXTURE, 'utf8').trim().split('\n').slice(1).map((line) => {
    const [customerId, date, amount] = line.split(',') as [string, string, string];
    return { customerId, date, amount: Number(amount) };
  });
}

const base = { transactions: FIXTURE, calibrationEnd: '2024-09-30', observationEnd: '2025-06-30', json: true };

describe('clv fit', () => {
  it('fits both models to a transactions CSV exactly as the domain functions do', async () => {
    const report = await runClvFit(base);
    const { customers, excludedCustomers } = summarizeTransactions(fixtureTransactions(), { calibrationEnd: '2024-09-30', observationEnd: '2025-06-30' });
    const bg = fitBgNbd(customers);
    const gg = fitGammaGamma(customers);
    expect(report).toMatchObject({
      bgnbd: { r: bg.params.r, alpha: bg.params.alpha, a: bg.params.a, b: bg.params.b, ll: bg.ll, converged: true },
      gammagamma: { p: gg.params.p, q: gg.params.q, v: gg.params.v, ll: gg.ll, customers: gg.customers },
      customers: 150,
      excluded_customers: 1,
      period: 'week',
    });
    expect(excludedCustomers).toBe(1);
    expect(report.fit_ms).toBeGreaterThan(0);
    expect(report.holdout?.periods).toBe(39);
    expect(report.holdout?.actual).toBe(customers.reduce((s, c) => s + (c.holdoutFrequency ?? 0), 0));
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('counts a split basket once', async () => {
    const file = write('split.csv', 'customer_id,date,amount\na,2024-01-01,10\na,2024-01-01,5\na,2024-02-01,4\na,2024-02-01,6\nb,2024-01-03,1\nb,2024-01-10,3\nb,2024-03-10,2\n');
    const report = await runClvFit({ transactions: file, calibrationEnd: '2024-06-30', predict: 4, json: true });
    expect(report.predictions?.map((p) => [p.id, p.frequency, p.monetary_value])).toEqual([['a', 1, 10], ['b', 2, 2.5]]);
  });

  it('writes per-customer predictions to --out, matching predictCustomers', async () => {
    const out = path.join(dir, 'predictions.csv');
    const report = await runClvFit({ ...base, predict: 26, discountRate: '0.02', out });
    expect(report.predictions_file).toBe(out);
    expect(report.predictions).toBeUndefined();
    const lines = fs.readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('id,frequency,recency,T,monetary_value,p_alive,expected_purchases,expected_spend,clv');
    expect(lines).toHaveLength(151);
    const { customers } = summarizeTransactions(fixtureTransactions(), { calibrationEnd: '2024-09-30' });
    const want = predictCustomers(fitBgNbd(customers).params, fitGammaGamma(customers).params, customers, { horizon: 26, periodsPerMonth: periodsPerMonth('week'), monthlyDiscountRate: 0.02 });
    const first = (lines[1] as string).split(',');
    expect(first[0]).toBe(customers[0]?.id);
    expect(Number(first[5])).toBeCloseTo(want.pAlive[0] as number, 12);
    expect(Number(first[8])).toBeCloseTo(want.clv[0] as number, 9);
  });

  it('reads a summary CSV', async () => {
    const file = write('summary.csv', 'id,frequency,recency,T,monetary_value\n' + [
      'a,0,0,30,0', 'b,2,10,30,12.5', 'c,5,28,30,20', 'd,1,3,25,8', 'e,0,0,20,0', 'f,3,9,22,15', 'g,0,0,35,0', 'h,7,30,31,11', '"i,1",1,2,12,30',
    ].join('\n'));
    const report = await runClvFit({ summary: file, predict: 10, json: true });
    expect(report.customers).toBe(9);
    expect(report.predictions?.[8]?.id).toBe('i,1');
    expect(report.predictions?.every((p) => p.p_alive > 0 && p.p_alive <= 1)).toBe(true);
  });

  it('reports bad input with the file, line and field, as a usage error', async () => {
    const cases: [Parameters<typeof runClvFit>[0], RegExp][] = [
      [{ transactions: path.join(dir, 'missing.csv'), calibrationEnd: '2024-09-30' }, /--transactions: file not found/],
      [{ transactions: write('date.csv', 'customer_id,date,amount\na,2024-01-01,1\n\na,01/02/2024,1\n'), calibrationEnd: '2024-09-30' }, /date\.csv line 4: date "01\/02\/2024"/],
      [{ transactions: write('amount.csv', 'customer_id,date,amount\na,2024-01-01,ten\n'), calibrationEnd: '2024-09-30' }, /amount\.csv line 2: amount "ten" is not a number/],
      [{ transactions: write('columns.csv', 'customer,date,amount\na,2024-01-01,1\n'), calibrationEnd: '2024-09-30' }, /missing column "customer_id"/],
      [{ transactions: write('empty.csv', ''), calibrationEnd: '2024-09-30' }, /the file is empty/],
      [{ summary: write('recency.csv', 'id,frequency,recency,T,monetary_value\na,1,9,5,1\n') }, /recency\.csv line 2: recency 9 is not between 0 and T/],
      [{ transactions: FIXTURE, calibrationEnd: '2024-02-31' }, /--calibration-end: must be a real date/],
      [{ transactions: FIXTURE }, /--calibration-end YYYY-MM-DD is required/],
      [{ transactions: FIXTURE, summary: FIXTURE, calibrationEnd: '2024-09-30' }, /exactly one of/],
      [{ transactions: FIXTURE, calibrationEnd: '2024-09-30', period: 'month' }, /--period/],
      [{ transactions: FIXTURE, calibrationEnd: '2024-09-30', predict: 'soon' }, /--predict: must be a number/],
      [{ transactions: FIXTURE, calibrationEnd: '2023-01-01' }, /no customers to fit/],
      [{ summary: write('norepeat.csv', 'id,frequency,recency,T,monetary_value\na,0,0,5,0\n') }, /no customer made a repeat purchase/],
    ];
    for (const [options, message] of cases) {
      const error = await runClvFit(options).then(() => null, (e: unknown) => e);
      expect(error, String(message)).toBeInstanceOf(UsageError);
      expect((error as Error).message).toMatch(message);
    }
  });
});
