// Loyalty inside the customer base: search by card number, purchases on the timeline, and the loyalty
// part of a privacy export and erasure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { line, loyaltyBench, type LoyaltyBench } from './helpers.js';

let b: LoyaltyBench;
let customer: string;
let card: { id: string; number: string };
beforeAll(async () => {
  b = await loyaltyBench();
  customer = await b.customer('Hooked');
  card = await b.card(customer);
  await b.pos('POST', '/api/checkout/confirm', { receiptId: 'H-1', customer: { cardNumber: card.number }, lines: [line('A', 12_345)] });
  await b.pos('POST', '/api/checkout/refund', { refundId: 'H-1-r', receiptId: 'H-1', lines: [{ index: 0, quantity: 1 }] });
});
afterAll(() => b.close());

describe('loyalty in the customer base', () => {
  it('finds the customer by card number, with the masked card beside the name', async () => {
    const res = await b.owner('GET', `/api/customers/search?q=${card.number}`);
    expect(res.statusCode, res.body).toBe(200);
    const hit = res.json().items.find((i: { id: string }) => i.id === customer);
    expect(hit).toMatchObject({ cards: [`card ••••${card.number.slice(-4)}`] });
  });

  it('shows purchases and refunds on the timeline', async () => {
    const res = await b.owner('GET', `/api/customers/${customer}/timeline`);
    expect(res.statusCode, res.body).toBe(200);
    const mine = res.json().items.filter((e: { source: string }) => e.source === 'loyalty.purchases');
    expect(mine.map((e: { type: string }) => e.type)).toEqual(['refund', 'purchase']);
    expect(mine[1].summary).toBe('Purchase €117.28, discount €6.17, +586 points');
  });

  it('exports the loyalty part, and erasure stops the cards', async () => {
    const exported = await b.owner('POST', `/api/customers/${customer}/privacy-export`, { reason: 'customer request by e-mail' });
    expect(exported.statusCode, exported.body).toBe(200);
    expect(exported.json().modules.loyalty).toMatchObject({ cards: [{ number: card.number }], purchases: [{ external_id: 'H-1', status: 'refunded' }] });
    const erased = await b.owner('POST', `/api/customers/${customer}/erase`, { reason: 'customer request by e-mail' });
    expect(erased.statusCode, erased.body).toBe(200);
    const who = await b.pos('POST', '/api/checkout/identify', { cardNumber: card.number });
    expect(who.json().error.code).toBe('card_blocked');
  });
});
