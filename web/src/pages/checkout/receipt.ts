// The receipt the cashier builds: lines as typed (texts), read into the API's lines (integer minor
// units, quantities with at most 3 decimals), with problems reported per line and field.
import type { components } from '../../api/schema';
import { parseQuantity, parseScaled } from '../../components/decimal';

export type LineInput = components['schemas']['ReceiptLineInput'];
export type CalculateAnswer = components['schemas']['CalculateAnswer'];
export type ConfirmAnswer = components['schemas']['ConfirmAnswer'];
export type IdentifyAnswer = components['schemas']['IdentifyAnswer'];
export type RefundAnswer = components['schemas']['RefundAnswer'];
export type CustomerRef = components['schemas']['CheckoutCustomerRef'];
export type ConfirmBody = components['schemas']['ConfirmRequest'];

export interface LineDraft { key: string; sku: string; group: string; quantity: string; price: string; cost: string }
export type LineField = 'sku' | 'quantity' | 'price' | 'cost';
export type LineProblems = Record<string, Partial<Record<LineField, 'required' | 'number' | 'quantity'>>>;

let next = 0;
export const newLine = (): LineDraft => ({ key: `line-${++next}`, sku: '', group: '', quantity: '1', price: '', cost: '' });

const isBlank = (l: LineDraft) => !l.sku.trim() && !l.price.trim() && !l.cost.trim() && !l.group.trim();

/** Lines to send; blank lines are skipped, half-filled ones are problems. */
export function readLines(lines: LineDraft[], moneyDigits: number): { lines: LineInput[]; problems: LineProblems } {
  const out: LineInput[] = [];
  const problems: LineProblems = {};
  for (const l of lines) {
    if (isBlank(l)) continue;
    const p: LineProblems[string] = {};
    const sku = l.sku.trim();
    if (!sku) p.sku = 'required';
    const quantity = parseQuantity(l.quantity);
    if (quantity === null) p.quantity = 'quantity';
    const price = l.price.trim() ? parseScaled(l.price, moneyDigits) : null;
    if (!l.price.trim()) p.price = 'required';
    else if (price === null) p.price = 'number';
    const cost = l.cost.trim() ? parseScaled(l.cost, moneyDigits) : null;
    if (l.cost.trim() && cost === null) p.cost = 'number';
    if (Object.keys(p).length > 0) {
      problems[l.key] = p;
      continue;
    }
    out.push({
      sku, quantity: quantity ?? 1, unitPrice: price ?? 0,
      ...(l.group.trim() ? { productGroup: l.group.trim() } : {}),
      ...(cost !== null ? { unitCost: cost } : {}),
    });
  }
  return { lines: out, problems };
}

/** How the cashier named the customer, for calculate and confirm (the card is recorded on the receipt). */
export function customerRefOf(identified: IdentifyAnswer, typed: { phone?: string }): CustomerRef | null {
  if (identified.card) return { cardNumber: identified.card.number };
  if (identified.identifiedBy === 'phone' && typed.phone) return { phone: typed.phone };
  if (identified.customer) return { customerId: identified.customer.id };
  return null;
}

/** What a typed or scanned text most likely is: a QR token has letters, a phone a + or separators. */
export function guessKind(text: string): 'cardNumber' | 'phone' | 'qrToken' {
  const t = text.trim();
  if (/[A-Za-z_]/.test(t)) return 'qrToken';
  if (/^\+|[()]/.test(t)) return 'phone';
  // Digits only (a scanner, or a number typed in groups): a card first; the page falls back to a phone.
  return /^\d{8,19}$/.test(t.replace(/[\s-]/g, '')) ? 'cardNumber' : 'phone';
}
