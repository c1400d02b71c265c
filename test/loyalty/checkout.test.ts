// The checkout over HTTP as a till sees it: identify → calculate → confirm, with idempotency and bad input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { line, loyaltyBench, type LoyaltyBench } from './helpers.js';

let b: LoyaltyBench;
let anna: string;
let annaCard: { id: string; number: string };
beforeAll(async () => {
  b = await loyaltyBench();
  anna = await b.customer('Ivanova', { phones: ['+372 5123 4567'], birthDate: '1985-03-15' });
  annaCard = await b.card(anna, 'gold');
});
afterAll(() => b.close());

describe('identify', () => {
  it('finds the customer by card with tier, discount, points and a birthday greeting', async () => {
    const res = await b.pos('POST', '/api/checkout/identify', { cardNumber: annaCard.number });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      identifiedBy: 'card', card: { id: annaCard.id, tier: 'gold', status: 'active' },
      customer: { id: anna, name: 'Ivanova Test1', birthDate: '1985-03-15' },
      tier: { code: 'gold', discountBp: 1000, earnBp: 700 }, discount: { mechanic: 'tier', bp: 1000, reason: 'tier_discount' },
      points: { spendable: 0, pending: 0 }, greetings: ['birthday'],
    });
  });

  it('finds the customer by phone in any format', async () => {
    const res = await b.pos('POST', '/api/checkout/identify', { phone: '+372 512 34567' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().customer.id).toBe(anna);
  });

  it('refuses a mistyped card number with the field and reason', async () => {
    const wrong = annaCard.number.slice(0, 12) + String((Number(annaCard.number[12]) + 1) % 10);
    const res = await b.pos('POST', '/api/checkout/identify', { cardNumber: wrong });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'invalid_card_number', details: { field: 'cardNumber', reason: 'bad_check_digit' } });
  });

  it('answers 404 for a valid number nobody issued, and 400 without an identifier', async () => {
    const res = await b.pos('POST', '/api/checkout/identify', { cardNumber: '2509999999990' });
    expect([404, 400]).toContain(res.statusCode);
    expect((await b.pos('POST', '/api/checkout/identify', {})).statusCode).toBe(400);
  });
});

describe('calculate and confirm', () => {
  it('calculates without writing and confirms the same figures', async () => {
    const body = { customer: { cardNumber: annaCard.number }, lines: [line('A', 5000), line('B', 1999, 3)] };
    const calc = await b.pos('POST', '/api/checkout/calculate', body);
    expect(calc.statusCode, calc.body).toBe(200);
    const receipt = calc.json().receipt;
    expect(receipt.totals).toMatchObject({ subtotal: 10997, discountTotal: 1100, amountToPay: 9897 });
    expect(receipt.lines[0].discount).toMatchObject({ mechanic: 'tier', bp: 1000, amount: 500, reason: 'tier_discount' });
    const count = await b.t.db.db.selectFrom('purchases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);

    const confirmed = await b.pos('POST', '/api/checkout/confirm', { ...body, receiptId: 'R-1' });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const c = confirmed.json();
    expect(c.receipt).toEqual(receipt);
    // 14 local days later at the same wall-clock time: Tallinn moves to summer time on 29 March.
    expect(c.points).toMatchObject({ earned: 692, spent: 0, earnedLot: { id: 'receipt:R-1:earn', unlockAt: '2026-03-29T09:00:00.000Z' } });
    expect(c.customer.points).toEqual({ spendable: 0, pending: 692 });
  });

  it('returns the first answer for the same receipt id and body, byte for byte', async () => {
    const body = { receiptId: 'R-2', customer: { cardNumber: annaCard.number }, lines: [line('A', 1000)] };
    const first = await b.pos('POST', '/api/checkout/confirm', body);
    b.t.db.clock.advance(60_000);
    const again = await b.pos('POST', '/api/checkout/confirm', body);
    expect(again.statusCode).toBe(200);
    expect(again.body).toBe(first.body);
    const rows = await b.t.db.db.selectFrom('purchases').select('id').where('external_id', '=', 'R-2').execute();
    expect(rows).toHaveLength(1);
  });

  it('answers 409 receipt_conflict for the same receipt id with another body', async () => {
    const res = await b.pos('POST', '/api/checkout/confirm', { receiptId: 'R-2', customer: { cardNumber: annaCard.number }, lines: [line('A', 1001)] });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'receipt_conflict', details: { field: 'receiptId' } });
  });

  it('confirms an anonymous receipt without points', async () => {
    const res = await b.pos('POST', '/api/checkout/confirm', { receiptId: 'R-anon', lines: [line('A', 1000)] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ customer: null, points: { earned: 0, spent: 0 }, receipt: { warnings: ['no_customer'] } });
  });

  it('names the bad field of a receipt', async () => {
    const bad = await b.pos('POST', '/api/checkout/confirm', { receiptId: 'R-bad', lines: [{ sku: 'A', unitPrice: -1 }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0].path).toBe('lines.0.unitPrice');
    const qty = await b.pos('POST', '/api/checkout/confirm', { receiptId: 'R-bad', lines: [line('A', 100, 0.0001)] });
    expect(qty.statusCode).toBe(400);
    expect(qty.json().error.details.issues[0].path).toBe('lines.0.quantity');
    const id = await b.pos('POST', '/api/checkout/confirm', { receiptId: 'has:colon', lines: [line('A', 100)] });
    expect(id.statusCode).toBe(400);
    expect(id.json().error.details.issues[0].path).toBe('receiptId');
  });
});
