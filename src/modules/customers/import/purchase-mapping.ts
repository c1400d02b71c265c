// The mapping of a purchase-history file: which column holds the receipt reference, the customer
// reference, the date, the amounts and — when the file has one row per receipt line — the line fields.
// Headers are guessed in the same languages as the customer fields.

import { z } from 'zod';
import { foldText } from '../domain/search-keys.js';
import type { MappingProblem } from './mapping.js';

export const PURCHASE_IMPORT_FIELDS = [
  'receiptId', 'customer', 'customerExternalId', 'customerPhone', 'customerEmail', 'customerCard', 'date', 'time', 'amount',
  'discount', 'cost', 'sku', 'productGroup', 'quantity', 'unitPrice', 'lineAmount',
] as const;
export type PurchaseImportField = (typeof PURCHASE_IMPORT_FIELDS)[number];

export const LINE_FIELDS: ReadonlySet<PurchaseImportField> = new Set(['sku', 'productGroup', 'quantity', 'unitPrice', 'lineAmount']);
export const CUSTOMER_REFERENCE_FIELDS: ReadonlySet<PurchaseImportField> = new Set(['customer', 'customerExternalId', 'customerPhone', 'customerEmail', 'customerCard']);

export const purchaseColumnRuleSchema = z.object({
  column: z.number().int().min(0).max(999).describe('0-based column index in the file'),
  field: z.enum(PURCHASE_IMPORT_FIELDS),
}).meta({ id: 'PurchaseImportColumnRule' });

export const purchaseMappingSchema = z.object({
  kind: z.literal('purchases'),
  columns: z.array(purchaseColumnRuleSchema).max(100),
  dateOrder: z.enum(['dmy', 'mdy', 'ymd']).nullable().default(null).describe('How to read dates like 03/04/2024; required when the file does not prove it'),
  phoneCountry: z.string().regex(/^[A-Z]{2}$/, 'must be a country code such as RU or DE').nullable().default(null),
}).meta({ id: 'PurchaseImportMapping' });

export type PurchaseMapping = z.output<typeof purchaseMappingSchema>;

const SYNONYMS: Readonly<Record<PurchaseImportField, readonly string[]>> = {
  receiptId: ['receipt', 'receipt id', 'receipt no', 'receipt number', 'check', 'cheque', 'order', 'order id', 'order number', 'transaction', 'transaction id', 'invoice',
    'чек', 'номер чека', 'ид чека', 'заказ', 'номер заказа', 'документ', 'номер документа', 'квитанция', 'bon', 'bonnummer', 'beleg', 'belegnummer', 'ticket', 'numero de ticket', 'recibo', 'factura', 'رقم الفاتورة', 'الفاتورة'],
  customer: ['customer', 'client', 'buyer', 'клиент', 'покупатель', 'клієнт', 'kunde', 'cliente', 'العميل'],
  customerExternalId: ['customer id', 'client id', 'customer code', 'client code', 'customer number', 'код клиента', 'ид клиента', 'номер клиента', 'kundennummer', 'code client', 'codigo cliente', 'رقم العميل'],
  customerPhone: ['phone', 'telephone', 'mobile', 'customer phone', 'телефон', 'тел', 'телефон клиента', 'telefon', 'handy', 'telefono', 'الهاتف'],
  customerEmail: ['email', 'e mail', 'mail', 'почта', 'эл почта', 'correo', 'courriel', 'البريد الإلكتروني'],
  customerCard: ['card', 'card number', 'loyalty card', 'карта', 'номер карты', 'дисконтная карта', 'karte', 'kartennummer', 'carte', 'tarjeta', 'البطاقة'],
  date: ['date', 'purchase date', 'sale date', 'order date', 'datetime', 'дата', 'дата покупки', 'дата чека', 'дата продажи', 'datum', 'kaufdatum', 'fecha', 'التاريخ'],
  time: ['time', 'время', 'uhrzeit', 'zeit', 'heure', 'hora', 'الوقت'],
  amount: ['amount', 'total', 'sum', 'paid', 'receipt total', 'сумма', 'итого', 'сумма чека', 'оплачено', 'к оплате', 'summe', 'betrag', 'gesamt', 'montant', 'total ttc', 'importe', 'المبلغ', 'الإجمالي'],
  discount: ['discount', 'скидка', 'сумма скидки', 'rabatt', 'remise', 'descuento', 'الخصم'],
  cost: ['cost', 'cost of goods', 'себестоимость', 'einstandspreis', 'cout', 'coste', 'التكلفة'],
  sku: ['sku', 'article', 'item', 'product code', 'item code', 'артикул', 'код товара', 'товар', 'artikel', 'artikelnummer', 'reference', 'articulo', 'الصنف'],
  productGroup: ['group', 'category', 'product group', 'группа', 'категория', 'группа товаров', 'warengruppe', 'kategorie', 'categorie', 'categoria', 'الفئة'],
  quantity: ['quantity', 'qty', 'количество', 'кол во', 'кол', 'menge', 'anzahl', 'quantite', 'cantidad', 'الكمية'],
  unitPrice: ['price', 'unit price', 'цена', 'цена за единицу', 'preis', 'einzelpreis', 'prix', 'prix unitaire', 'precio', 'السعر'],
  lineAmount: ['line amount', 'line total', 'сумма строки', 'сумма по строке', 'стоимость', 'zeilensumme', 'montant ligne', 'importe linea'],
};

const FOLDED: ReadonlyArray<[PurchaseImportField, string]> = Object.entries(SYNONYMS).flatMap(([field, words]) => words.map((w) => [field as PurchaseImportField, foldText(w)] as [PurchaseImportField, string]));

/** The field a header names (whole header equal to a known name, or starting with one), or null. */
export function guessPurchaseField(header: string): { field: PurchaseImportField; confidence: number } | null {
  const h = foldText(header);
  if (h === '') return null;
  let best: { field: PurchaseImportField; confidence: number; length: number } | null = null;
  for (const [field, word] of FOLDED) {
    const confidence = h === word ? 0.95 : h.startsWith(`${word} `) || h.endsWith(` ${word}`) ? 0.6 : 0;
    if (confidence > 0 && (best === null || confidence > best.confidence || (confidence === best.confidence && word.length > best.length))) best = { field, confidence, length: word.length };
  }
  return best && { field: best.field, confidence: best.confidence };
}

export function purchaseMappingProblems(mapping: PurchaseMapping, columnCount: number): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const fields = new Set(mapping.columns.map((c) => c.field));
  for (const rule of mapping.columns) {
    if (rule.column >= columnCount) problems.push({ code: 'column_out_of_range', severity: 'blocking', column: rule.column, field: rule.field, message: `The file has no column ${rule.column + 1}` });
  }
  if (![...CUSTOMER_REFERENCE_FIELDS].some((f) => fields.has(f))) problems.push({ code: 'customer_column_required', severity: 'blocking', field: 'customer', message: 'Map the column that names the customer (external id, phone, e-mail or card number)' });
  if (!fields.has('date')) problems.push({ code: 'date_column_required', severity: 'blocking', field: 'date', message: 'Map the column with the purchase date' });
  if (!fields.has('amount') && !fields.has('lineAmount') && !fields.has('unitPrice')) problems.push({ code: 'amount_column_required', severity: 'blocking', field: 'amount', message: 'Map the column with the amount paid (or the line amounts)' });
  if ([...LINE_FIELDS].some((f) => fields.has(f)) && !fields.has('sku')) problems.push({ code: 'sku_column_required', severity: 'blocking', field: 'sku', message: 'Receipt lines need the product (SKU) column' });
  if (!fields.has('receiptId')) problems.push({ code: 'no_receipt_id', severity: 'warning', field: 'receiptId', message: 'Without a receipt column each row is one purchase, recognised on a second run by its content' });
  return problems;
}
