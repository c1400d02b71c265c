// One row of a purchase-history file → a purchase (or a line of one) with the references to its
// customer, or the reasons it cannot be imported. Rows sharing a receipt id are one purchase; the
// receipt's own fields (customer, date, total) must agree on all its rows.

import { createHash } from 'node:crypto';
import { currencyDigits } from '../../../platform/money.js';
import { zonedTimeToInstant } from '../../../platform/time.js';
import { normalizeEmail } from '../domain/email.js';
import { parseDateCell, type DayMonthOrder } from '../domain/dates.js';
import type { RowProblem } from './customer-rows.js';
import type { PurchaseImportField, PurchaseMapping } from './purchase-mapping.js';

/** `any`: one column that may hold any kind of reference; `anyPhone` is it read as a phone number, when it reads as one. */
export interface CustomerReferences { externalId?: string; phone?: string; email?: string; card?: string; any?: string; anyPhone?: string }

export interface PurchaseLine { sku: string; productGroup: string | null; quantity: number; unitPrice: number; paid: number | null }

export interface PurchaseRow {
  line: number;
  receiptId: string | null;
  customer: CustomerReferences;
  occurredAt: Date;
  amount: number | null;
  discount: number | null;
  cost: number | null;
  item: PurchaseLine | null;
}

export interface PurchaseRowOptions {
  currency: string;
  timeZone: string;
  dateOrder: DayMonthOrder | undefined;
  referenceYear: number;
  normalizePhone: (raw: string) => { e164: string } | { error: string };
}

/**
 * A money cell in major units ("1 234,50", "1.234,50 €", "1,234.50") → minor units; null for an empty cell.
 * Not platform/money's `parseMajor`: that one is strict and throws, for amounts typed as amounts; a
 * spreadsheet cell carries currency signs, either thousands style and zeros past the cents ("1.500"),
 * guesses "1,234" as thousands, and a bad one becomes a rejected row ('invalid'), not an exception.
 */
export function parseMoney(cell: string, currency: string): number | 'invalid' | null {
  let text = cell.replace(/[\s\u00a0\u202f']/gu, '').replace(/[^\d.,-]/gu, '');
  if (text === '' && cell.trim() === '') return null;
  if (text.includes('.') && text.includes(',')) text = text.lastIndexOf(',') > text.lastIndexOf('.') ? text.replace(/\./gu, '').replace(',', '.') : text.replace(/,/gu, '');
  else if (/^-?\d{1,3}(,\d{3})+$/u.test(text) && currencyDigits(currency) !== 3) text = text.replace(/,/gu, ''); // 1,234 as thousands
  else text = text.replace(',', '.');
  const m = /^(-?)(\d+)(?:\.(\d+))?$/u.exec(text);
  if (!m) return 'invalid';
  const digits = currencyDigits(currency);
  const frac = (m[3] ?? '').padEnd(digits, '0');
  if (frac.length > digits && /[1-9]/u.test(frac.slice(digits))) return 'invalid';
  const value = Number(m[2]) * 10 ** digits + Number(frac.slice(0, digits) || '0');
  if (!Number.isSafeInteger(value)) return 'invalid';
  return m[1] ? -value : value;
}

function parseQuantity(cell: string): number | 'invalid' {
  const text = cell.replace(/\s/gu, '').replace(',', '.');
  if (!/^\d+(\.\d{1,3})?$/u.test(text)) return 'invalid';
  const q = Number(text);
  return q > 0 && q <= 1_000_000 ? q : 'invalid';
}

const TIME = /(?:^|[ T])(\d{1,2}):(\d{2})(?::(\d{2}))?/u;

/** Maps one row; problems name the field and the value. */
export function mapPurchaseRow(line: number, cells: readonly string[], mapping: PurchaseMapping, options: PurchaseRowOptions): { row: PurchaseRow } | { problems: RowProblem[] } {
  const get = (field: PurchaseImportField): string => {
    const rule = mapping.columns.find((c) => c.field === field);
    return rule ? (cells[rule.column] ?? '').trim() : '';
  };
  const problems: RowProblem[] = [];
  const customer: CustomerReferences = {};
  if (get('customerExternalId')) customer.externalId = get('customerExternalId');
  if (get('customerCard')) customer.card = get('customerCard').replace(/\s+/gu, '');
  if (get('customer')) {
    customer.any = get('customer');
    const asPhone = /\d{6}/u.test(customer.any.replace(/\D/gu, '')) ? options.normalizePhone(customer.any) : null;
    if (asPhone && 'e164' in asPhone) customer.anyPhone = asPhone.e164;
  }
  const phone = get('customerPhone');
  if (phone) {
    const r = options.normalizePhone(phone);
    if ('error' in r) problems.push({ field: 'customerPhone', reason: r.error, value: phone });
    else customer.phone = r.e164;
  }
  const email = get('customerEmail');
  if (email) {
    const r = normalizeEmail(email);
    if ('error' in r) problems.push({ field: 'customerEmail', reason: 'invalid_email', value: email });
    else customer.email = r.email;
  }
  if (Object.keys(customer).length === 0 && problems.length === 0) problems.push({ field: 'customer', reason: 'customer_missing' });

  const dateCell = get('date');
  const date = parseDateCell(dateCell, { order: options.dateOrder, referenceYear: options.referenceYear });
  let occurredAt: Date | null = null;
  if (date === null) problems.push({ field: 'date', reason: 'date_missing' });
  else if (!date.ok) problems.push({ field: 'date', reason: date.code, value: dateCell });
  else {
    const t = TIME.exec(get('time')) ?? TIME.exec(dateCell);
    const [y, mo, d] = date.iso.split('-').map(Number) as [number, number, number];
    const [h, mi, s] = t ? [Number(t[1]), Number(t[2]), Number(t[3] ?? 0)] : [12, 0, 0]; // a date alone: midday, the same day in any zone
    if (h > 23 || mi > 59 || s > 59) problems.push({ field: 'time', reason: 'not_a_time', value: t?.[0]?.trim() });
    else occurredAt = zonedTimeToInstant(y, mo, d, h, mi, s, options.timeZone);
  }

  const money = (field: PurchaseImportField): number | null => {
    const cell = get(field);
    const v = parseMoney(cell, options.currency);
    if (v === 'invalid') problems.push({ field, reason: 'not_an_amount', value: cell });
    else if (v !== null && v < 0) problems.push({ field, reason: 'negative_amount', value: cell });
    else return v;
    return null;
  };
  const amount = money('amount');
  const discount = money('discount');
  const cost = money('cost');
  let item: PurchaseLine | null = null;
  const sku = get('sku');
  if (sku) {
    const q = get('quantity') === '' ? 1 : parseQuantity(get('quantity'));
    if (q === 'invalid') problems.push({ field: 'quantity', reason: 'not_a_quantity', value: get('quantity') });
    const unit = money('unitPrice');
    const lineAmount = money('lineAmount');
    if (typeof q === 'number') {
      const unitPrice = unit ?? (lineAmount !== null ? Math.round(lineAmount / q) : null);
      if (unitPrice === null) problems.push({ field: 'unitPrice', reason: 'price_missing' });
      else if (sku.length > 200) problems.push({ field: 'sku', reason: 'too_long', value: sku.slice(0, 50) });
      else item = { sku, productGroup: get('productGroup').slice(0, 100) || null, quantity: q, unitPrice, paid: lineAmount };
    }
  } else if (amount === null && problems.every((p) => p.field !== 'amount')) problems.push({ field: 'amount', reason: 'amount_missing' });
  const receiptId = get('receiptId').slice(0, 200) || null;
  if (problems.length > 0 || occurredAt === null) return { problems };
  return { row: { line, receiptId, customer, occurredAt, amount, discount, cost, item } };
}

/** A receipt id for a file without one: the row's content, numbered when the same content repeats. */
export class ContentIds {
  private seen = new Map<string, number>();
  next(cells: readonly string[]): string {
    const digest = createHash('sha1').update(cells.map((c) => c.trim()).join('\u001f')).digest('hex').slice(0, 24);
    const n = (this.seen.get(digest) ?? 0) + 1;
    this.seen.set(digest, n);
    return `row:${digest}#${n}`;
  }
}
