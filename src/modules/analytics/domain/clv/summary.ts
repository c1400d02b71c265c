// Raw transactions → per-customer calibration summaries (x, t_x, T, mean repeat spend) and hold-out
// counts, the input the BG/NBD and Gamma-Gamma models are defined on. Dates are calendar days (UTC);
// several purchases of one customer on one day are one transaction, because the models count
// purchase occasions, and a split basket would otherwise look like a very frequent buyer.
import { DAY_MS } from '../../../../platform/time.js';
import type { RfmSummary } from './types.js';

export type PeriodUnit = 'week' | 'day';

export interface Transaction {
  customerId: string;
  /** A calendar day: 'YYYY-MM-DD', or a Date whose UTC day is taken. */
  date: string | Date;
  amount: number;
}

export interface SummaryOptions {
  /** Last day of the calibration period (inclusive). */
  calibrationEnd: string | Date;
  /** Last day of the hold-out period (inclusive); without it no hold-out counts are made. */
  observationEnd?: string | Date;
  period?: PeriodUnit;
}

export interface CustomerSummary extends RfmSummary {
  id: string;
  /** Purchase days in (calibrationEnd, observationEnd]; null without an observation end. */
  holdoutFrequency: number | null;
}

export interface SummaryResult {
  customers: CustomerSummary[];
  /** Customers whose first purchase is after the calibration end: the models know nothing of them. */
  excludedCustomers: number;
  /** Length of the hold-out period in periods, or null. */
  holdoutLength: number | null;
  period: PeriodUnit;
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number (days since 1970-01-01) of a 'YYYY-MM-DD' string, or null if it is not a real date. */
export function parseIsoDay(text: string): number | null {
  const m = ISO_DAY.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  // Date.UTC rolls 1997-02-30 over to March; a round trip catches it.
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return ms / DAY_MS;
}

export function dayNumber(value: string | Date, what: string): number {
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) throw new RangeError(`${what}: invalid Date`);
    return Math.floor(ms / DAY_MS);
  }
  const day = parseIsoDay(value);
  if (day === null) throw new RangeError(`${what}: "${value}" is not a date in the form YYYY-MM-DD`);
  return day;
}

export function periodLength(period: PeriodUnit): number {
  return period === 'week' ? 7 : 1;
}

export function summarizeTransactions(transactions: readonly Transaction[], options: SummaryOptions): SummaryResult {
  const period = options.period ?? 'week';
  if (period !== 'week' && period !== 'day') throw new RangeError(`period must be "week" or "day", got "${String(period)}"`);
  const unit = periodLength(period);
  const calEnd = dayNumber(options.calibrationEnd, 'calibrationEnd');
  const obsEnd = options.observationEnd === undefined ? null : dayNumber(options.observationEnd, 'observationEnd');
  if (obsEnd !== null && obsEnd < calEnd) throw new RangeError('observationEnd is before calibrationEnd');
  const last = obsEnd ?? calEnd;

  // Group by customer without sorting all transactions: index the customers, then bucket (CSR layout).
  const customerOf = new Map<string, number>();
  const ids: string[] = [];
  const n = transactions.length;
  const owner = new Int32Array(n);
  const days = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = transactions[i] as Transaction;
    if (typeof t.customerId !== 'string' || t.customerId === '') throw new RangeError(`transaction ${i}: customerId is empty`);
    if (!Number.isFinite(t.amount)) throw new RangeError(`transaction ${i}: amount is not a number`);
    days[i] = dayNumber(t.date, `transaction ${i}: date`);
    let c = customerOf.get(t.customerId);
    if (c === undefined) {
      c = ids.length;
      customerOf.set(t.customerId, c);
      ids.push(t.customerId);
    }
    owner[i] = c;
  }
  const start = new Int32Array(ids.length + 1);
  for (let i = 0; i < n; i++) start[(owner[i] as number) + 1] = (start[(owner[i] as number) + 1] as number) + 1;
  for (let c = 0; c < ids.length; c++) start[c + 1] = (start[c + 1] as number) + (start[c] as number);
  const fill = start.slice(0, ids.length);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = owner[i] as number;
    order[fill[c] as number] = i;
    fill[c] = (fill[c] as number) + 1;
  }

  const customers: CustomerSummary[] = [];
  let excludedCustomers = 0;
  const dayList: number[] = [];
  const amountList: number[] = [];
  for (let c = 0; c < ids.length; c++) {
    const from = start[c] as number;
    const to = start[c + 1] as number;
    const own = Array.from(order.subarray(from, to)).sort((p, q) => (days[p] as number) - (days[q] as number) || p - q);
    dayList.length = 0;
    amountList.length = 0;
    for (const i of own) {
      const d = days[i] as number;
      if (d > last) break;
      const amount = (transactions[i] as Transaction).amount;
      if (dayList.length > 0 && dayList[dayList.length - 1] === d) amountList[amountList.length - 1] = (amountList[amountList.length - 1] as number) + amount;
      else { dayList.push(d); amountList.push(amount); }
    }
    const first = dayList[0];
    if (first === undefined || first > calEnd) { excludedCustomers++; continue; }
    let x = 0;
    let lastCal = first;
    let repeatSpend = 0;
    let holdout = 0;
    for (let k = 1; k < dayList.length; k++) {
      const d = dayList[k] as number;
      if (d <= calEnd) {
        x++;
        lastCal = d;
        repeatSpend += amountList[k] as number;
      } else holdout++;
    }
    customers.push({
      id: ids[c] as string,
      frequency: x,
      recency: (lastCal - first) / unit,
      T: (calEnd - first) / unit,
      monetaryValue: x > 0 ? repeatSpend / x : 0,
      holdoutFrequency: obsEnd === null ? null : holdout,
    });
  }
  customers.sort((p, q) => (p.id < q.id ? -1 : p.id > q.id ? 1 : 0));
  return { customers, excludedCustomers, holdoutLength: obsEnd === null ? null : (obsEnd - calEnd) / unit, period };
}
