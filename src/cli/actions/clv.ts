// `regulars clv fit`: fit BG/NBD + Gamma-Gamma to a transactions or summary CSV, optionally predict.
// Works on files only (no database), so it can be run on an export from any system.
// Loaded when the command runs (see commands/clv.ts).
import fs from 'node:fs';
import Papa from 'papaparse';
import { z } from 'zod';
import {
  fitBgNbd, fitGammaGamma, parseIsoDay, periodsPerMonth, predictCustomers, summarizeTransactions,
} from '../../modules/analytics/index.js';
import type { CustomerSummary, GammaGammaFit, Transaction } from '../../modules/analytics/index.js';
import { UsageError } from '../common.js';

export interface ClvFitOptions {
  transactions?: string;
  summary?: string;
  calibrationEnd?: string;
  observationEnd?: string;
  period?: string;
  predict?: string | number;
  out?: string;
  discountRate?: string | number;
  json?: boolean;
}

export interface PredictionRow {
  id: string; frequency: number; recency: number; T: number; monetary_value: number;
  p_alive: number; expected_purchases: number; expected_spend: number | null; clv: number | null;
}

export interface ClvFitReport {
  bgnbd: { r: number; alpha: number; a: number; b: number; ll: number; converged: boolean };
  /** null when no customer has a repeat purchase with a positive spend. */
  gammagamma: { p: number; q: number; v: number; ll: number; customers: number; converged: boolean } | null;
  customers: number;
  fit_ms: number;
  period: 'week' | 'day';
  excluded_customers: number;
  /** With --observation-end: repeat purchases in the hold-out, observed and predicted. */
  holdout?: { periods: number; actual: number; predicted: number; error: number };
  /** With --predict: the file written (--out), or the rows themselves. */
  predictions_file?: string;
  predictions?: PredictionRow[];
}

const isoDate = z.string().refine((s) => parseIsoDay(s) !== null, 'must be a real date in the form YYYY-MM-DD');
const Options = z.object({
  transactions: z.string().min(1).optional(),
  summary: z.string().min(1).optional(),
  calibrationEnd: isoDate.optional(),
  observationEnd: isoDate.optional(),
  period: z.enum(['week', 'day']).default('week'),
  predict: z.coerce.number({ error: 'must be a number of periods' }).nonnegative('must be ≥ 0').optional(),
  out: z.string().min(1).optional(),
  discountRate: z.coerce.number({ error: 'must be a number, e.g. 0.01 for 1% a month' }).gt(-1, 'must be above -1').default(0.01),
  json: z.boolean().default(false),
});

const flag = (key: PropertyKey): string => `--${String(key).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
const fail = (message: string): never => { throw new UsageError(`clv fit: ${message}`); };

function parseOptions(raw: ClvFitOptions): z.infer<typeof Options> {
  const parsed = Options.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail(`${flag(issue?.path[0] ?? 'options')}: ${issue?.message ?? 'invalid'}`);
  }
  const o = parsed.data;
  if ((o.transactions === undefined) === (o.summary === undefined)) fail('give exactly one of --transactions FILE.csv or --summary FILE.csv');
  if (o.transactions !== undefined && o.calibrationEnd === undefined) fail('--calibration-end YYYY-MM-DD is required with --transactions');
  if (o.summary !== undefined && (o.calibrationEnd ?? o.observationEnd) !== undefined) fail('--calibration-end and --observation-end apply to --transactions only');
  if (o.observationEnd !== undefined && o.calibrationEnd !== undefined && o.observationEnd < o.calibrationEnd) fail('--observation-end is before --calibration-end');
  if (o.out !== undefined && o.predict === undefined) fail('--out needs --predict HORIZON');
  return o;
}

/** Streams a CSV with a header through papaparse; `row` gets the cells by column name and the 1-based line. */
async function readCsv(file: string, option: string, columns: readonly string[], row: (get: (c: string) => string, line: number) => void): Promise<void> {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) fail(`${option}: file not found: ${file}`);
  let index: Map<string, number> | null = null;
  let line = 0;
  let failure: unknown = null;
  await new Promise<void>((resolve, reject) => {
    Papa.parse<string[]>(fs.createReadStream(file, { encoding: 'utf8' }), {
      header: false,
      chunk: (results, parser) => {
        try {
          for (const cells of results.data) {
            line++;
            if (cells.length === 1 && (cells[0] ?? '').trim() === '') continue; // blank line
            if (!index) {
              const names = cells.map((c, i) => (i === 0 ? c.replace(/^\ufeff/, '') : c).trim());
              for (const c of columns) if (!names.includes(c)) fail(`${file}: missing column "${c}" (header has: ${names.join(', ')})`);
              index = new Map(names.map((n, i) => [n, i]));
              continue;
            }
            const at = index;
            row((c) => (cells[at.get(c) as number] ?? '').trim(), line);
          }
        } catch (e) {
          failure = e;
          parser.abort();
        }
      },
      complete: () => resolve(),
      error: (e: Error) => reject(new UsageError(`clv fit: ${file}: ${e.message}`)),
    });
  });
  if (failure) throw failure;
  if (!index) fail(`${file}: the file is empty (a header line ${columns.join(',')} is expected)`);
}

function number(text: string, file: string, line: number, column: string): number {
  const v = text === '' ? NaN : Number(text);
  if (!Number.isFinite(v)) fail(`${file} line ${line}: ${column} "${text}" is not a number`);
  return v;
}

async function readTransactions(file: string): Promise<Transaction[]> {
  const out: Transaction[] = [];
  await readCsv(file, '--transactions', ['customer_id', 'date', 'amount'], (get, line) => {
    const customerId = get('customer_id');
    if (customerId === '') fail(`${file} line ${line}: customer_id is empty`);
    const date = get('date');
    if (parseIsoDay(date) === null) fail(`${file} line ${line}: date "${date}" is not a real date in the form YYYY-MM-DD`);
    out.push({ customerId, date, amount: number(get('amount'), file, line, 'amount') });
  });
  return out;
}

async function readSummaries(file: string): Promise<CustomerSummary[]> {
  const out: CustomerSummary[] = [];
  await readCsv(file, '--summary', ['id', 'frequency', 'recency', 'T', 'monetary_value'], (get, line) => {
    const [frequency, recency, T, monetaryValue] = (['frequency', 'recency', 'T', 'monetary_value'] as const).map((c) => number(get(c), file, line, c)) as [number, number, number, number];
    if (frequency < 0) fail(`${file} line ${line}: frequency ${frequency} is negative`);
    if (T < 0) fail(`${file} line ${line}: T ${T} is negative`);
    if (recency < 0 || recency > T) fail(`${file} line ${line}: recency ${recency} is not between 0 and T (${T})`);
    out.push({ id: get('id'), frequency, recency, T, monetaryValue, holdoutFrequency: null });
  });
  return out;
}

const csvCell = (v: string | number | null): string => {
  if (v === null || (typeof v === 'number' && Number.isNaN(v))) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const orNull = (v: number): number | null => (Number.isNaN(v) ? null : v);

/** Everything `clv fit` does except printing: read, summarise, fit, check the hold-out, predict. */
export async function runClvFit(raw: ClvFitOptions): Promise<ClvFitReport> {
  const o = parseOptions(raw);
  let customers: CustomerSummary[];
  let excluded = 0;
  let holdoutLength: number | null = null;
  try {
    if (o.transactions !== undefined) {
      const summary = summarizeTransactions(await readTransactions(o.transactions), { calibrationEnd: o.calibrationEnd as string, observationEnd: o.observationEnd, period: o.period });
      ({ customers, holdoutLength } = summary);
      excluded = summary.excludedCustomers;
    } else {
      customers = await readSummaries(o.summary as string);
    }
    if (customers.length === 0) fail('no customers to fit (is every first purchase after --calibration-end?)');
    const started = performance.now();
    const bg = fitBgNbd(customers);
    let gg: GammaGammaFit | null = null;
    if (customers.some((c) => c.frequency > 0 && c.monetaryValue > 0)) gg = fitGammaGamma(customers);
    const fitMs = performance.now() - started;
    const report: ClvFitReport = {
      bgnbd: { r: bg.params.r, alpha: bg.params.alpha, a: bg.params.a, b: bg.params.b, ll: bg.ll, converged: bg.converged },
      gammagamma: gg && { p: gg.params.p, q: gg.params.q, v: gg.params.v, ll: gg.ll, customers: gg.customers, converged: gg.converged },
      customers: customers.length,
      fit_ms: Math.round(fitMs * 10) / 10,
      period: o.period,
      excluded_customers: excluded,
    };
    const monthly = { periodsPerMonth: periodsPerMonth(o.period), monthlyDiscountRate: o.discountRate };
    if (holdoutLength !== null) {
      const check = predictCustomers(bg.params, null, customers, { horizon: holdoutLength, ...monthly });
      const predicted = check.expectedPurchases.reduce((s, v) => s + v, 0);
      const actual = customers.reduce((s, c) => s + (c.holdoutFrequency ?? 0), 0);
      report.holdout = { periods: holdoutLength, actual, predicted, error: actual > 0 ? (predicted - actual) / actual : NaN };
    }
    if (o.predict !== undefined) {
      const p = predictCustomers(bg.params, gg?.params ?? null, customers, { horizon: o.predict, ...monthly });
      const rows = customers.map((c, i): PredictionRow => ({
        id: c.id, frequency: c.frequency, recency: c.recency, T: c.T, monetary_value: c.monetaryValue,
        p_alive: p.pAlive[i] as number, expected_purchases: p.expectedPurchases[i] as number,
        expected_spend: orNull(p.expectedSpend[i] as number), clv: orNull(p.clv[i] as number),
      }));
      if (o.out !== undefined) {
        writePredictions(o.out, rows);
        report.predictions_file = o.out;
      } else report.predictions = rows;
    }
    return report;
  } catch (e) {
    // Domain checks (impossible summaries, nothing to fit) are bad input too.
    if (e instanceof RangeError) fail(e.message);
    throw e;
  }
}

function writePredictions(file: string, rows: readonly PredictionRow[]): void {
  const columns = ['id', 'frequency', 'recency', 'T', 'monetary_value', 'p_alive', 'expected_purchases', 'expected_spend', 'clv'] as const;
  let fd: number;
  try {
    fd = fs.openSync(file, 'w');
  } catch (e) {
    return fail(`--out: cannot write ${file}: ${(e as Error).message}`);
  }
  try {
    fs.writeSync(fd, `${columns.join(',')}\n`);
    for (let from = 0; from < rows.length; from += 10_000) {
      const text = rows.slice(from, from + 10_000).map((r) => columns.map((c) => csvCell(r[c])).join(',')).join('\n');
      fs.writeSync(fd, `${text}\n`);
    }
  } finally {
    fs.closeSync(fd);
  }
}

function describe(r: ClvFitReport): string {
  const f = (v: number, d = 4): string => v.toFixed(d);
  const lines = [
    `customers: ${r.customers}${r.excluded_customers ? ` (${r.excluded_customers} excluded: first purchase after the calibration end)` : ''}`,
    `BG/NBD: r=${f(r.bgnbd.r)} alpha=${f(r.bgnbd.alpha)} a=${f(r.bgnbd.a)} b=${f(r.bgnbd.b)} LL=${f(r.bgnbd.ll, 1)}`,
    r.gammagamma ? `Gamma-Gamma: p=${f(r.gammagamma.p)} q=${f(r.gammagamma.q)} v=${f(r.gammagamma.v)} LL=${f(r.gammagamma.ll, 1)} (${r.gammagamma.customers} customers)` : 'Gamma-Gamma: not fitted (no repeat purchase with a positive amount)',
    `fit: ${r.fit_ms} ms`,
  ];
  if (r.holdout) lines.push(`hold-out (${r.holdout.periods} ${r.period}s): predicted ${f(r.holdout.predicted, 1)}, actual ${r.holdout.actual} (${f(r.holdout.error * 100, 1)}%)`);
  if (r.predictions_file) lines.push(`predictions written to ${r.predictions_file}`);
  return `${lines.join('\n')}\n`;
}

/** `regulars clv fit`: checks the options, fits, prints. */
export async function runClvFitCommand(options: ClvFitOptions): Promise<void> {
  if (options.predict !== undefined && options.out === undefined && !options.json) fail('--predict without --out needs --json (the predictions then go into the JSON object)');
  const report = await runClvFit(options);
  process.stdout.write(options.json ? `${JSON.stringify(report)}\n` : describe(report));
}
