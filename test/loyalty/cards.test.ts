// Cards over HTTP: issuing (personal, VIP by role, pre-printed numbers), bearer batches bound on first
// use, blocking, replacement (the balance stays, the history follows), images and printable sheets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateCardNumber } from '../../src/modules/loyalty/domain/index.js';
import { cardSchema } from '../../src/modules/loyalty/schemas.js';
import { loginCookie } from '../support/app.js';
import { line, loyaltyBench, type LoyaltyBench } from './helpers.js';

let b: LoyaltyBench;
let cashier: string;
beforeAll(async () => {
  b = await loyaltyBench();
  await b.owner('POST', '/api/staff', { email: 'cashier@cards.example', name: 'Cashier', role: 'cashier', password: 'cashier password' });
  cashier = await loginCookie(b.t, 'cashier@cards.example', 'cashier password');
});
afterAll(() => b.close());

const asCashier = (method: 'GET' | 'POST', url: string, payload?: object) => b.t.app.inject({ method, url, headers: { cookie: cashier }, ...(payload && { payload }) });

describe('cards', () => {
  it('issues a personal card with a valid EAN-13 number in the program format', async () => {
    const customer = await b.customer('Card');
    const res = await asCashier('POST', '/api/cards', { customerId: customer });
    expect(res.statusCode, res.body).toBe(201);
    const card = cardSchema.parse(res.json());
    expect(card).toMatchObject({ kind: 'personal', tier: 'simple', customerId: customer, status: 'active' });
    expect(card.number).toMatch(/^250\d{10}$/);
    expect(validateCardNumber(card.number, { scheme: 'ean13', prefix: '250', length: 13 })).toEqual({ ok: true, value: card.number });
  });

  it('lets only an owner or manager issue a VIP card', async () => {
    const customer = await b.customer('Vip');
    const denied = await asCashier('POST', '/api/cards', { customerId: customer, tier: 'vip' });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.details.permission).toBe('cards.issue_vip');
    const vip = await b.owner('POST', '/api/cards', { customerId: customer, tier: 'vip' });
    expect(vip.statusCode).toBe(201);
    const who = await b.pos('POST', '/api/checkout/identify', { cardNumber: vip.json().number });
    expect(who.json().tier).toMatchObject({ code: 'vip', discountBp: 2000 });
  });

  it('checks a pre-printed number and refuses one that exists', async () => {
    const customer = await b.customer('Preprinted');
    const wrong = await b.owner('POST', '/api/cards', { customerId: customer, number: '2500000099990' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error).toMatchObject({ code: 'invalid_card_number', details: { field: 'number', reason: 'bad_check_digit' } });
    const ok = await b.owner('POST', '/api/cards', { customerId: customer, number: '2500 0000 9999 1' });
    expect(ok.statusCode, ok.body).toBe(201);
    const again = await b.owner('POST', '/api/cards', { customerId: customer, number: '2500000099991' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('card_number_taken');
    expect((await b.owner('POST', '/api/cards', { customerId: '00000000-0000-7000-8000-0000000fffff' })).statusCode).toBe(404);
  });

  it('pre-issues bearer cards that give the card type\'s discount, no points, until bound on first use', async () => {
    const batch = await b.owner('POST', '/api/card-batches', { tier: 'gold', count: 12 });
    expect(batch.statusCode, batch.body).toBe(201);
    expect(batch.json()).toMatchObject({ tier: 'gold', count: 12 });
    const cards = (await b.owner('GET', `/api/cards?batchId=${batch.json().id}`)).json().items;
    expect(cards).toHaveLength(12);
    const bearer = cards[0];
    const anonymous = await b.pos('POST', '/api/checkout/confirm', { receiptId: 'B-1', customer: { cardNumber: bearer.number }, lines: [line('A', 10_000)] });
    expect(anonymous.json()).toMatchObject({ customer: { id: null, tier: 'gold' }, receipt: { totals: { discountTotal: 1000, pointsEarned: 0 } }, warnings: ['card_not_bound'] });
    const holder = await b.customer('Holder');
    const bound = await b.pos('POST', '/api/checkout/identify', { cardNumber: bearer.number, bindToCustomerId: holder });
    expect(bound.json()).toMatchObject({ customer: { id: holder }, card: { kind: 'bearer' }, tier: { code: 'gold' } });
    const earned = await b.pos('POST', '/api/checkout/confirm', { receiptId: 'B-2', customer: { cardNumber: bearer.number }, lines: [line('A', 10_000)] });
    expect(earned.json()).toMatchObject({ customer: { id: holder }, points: { earned: 630 } });
    const twice = await b.owner('POST', `/api/cards/${bearer.id}/bind`, { customerId: await b.customer('Other') });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('card_already_bound');
  });

  it('prints a batch as a PDF and shows barcodes and QR codes', async () => {
    const batch = (await b.owner('GET', '/api/card-batches')).json().items[0];
    const pdf = await b.owner('GET', `/api/card-batches/${batch.id}/sheet.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.rawPayload.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(2); // 12 cards, ten per page
    const card = (await b.owner('GET', `/api/cards?batchId=${batch.id}`)).json().items[0];
    const svg = await asCashier('GET', `/api/cards/${card.id}/barcode.svg`);
    expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(svg.body).toMatch(/^<svg /);
    const png = await asCashier('GET', `/api/cards/${card.id}/qr.png`);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    expect((await asCashier('GET', `/api/cards/${card.id}/barcode.png?symbology=code128`)).statusCode).toBe(200);
    expect((await asCashier('GET', '/api/cards/00000000-0000-7000-8000-00000000abcd/barcode.svg')).statusCode).toBe(404);
  });

  it('blocks a card, and a replacement keeps the customer\'s balance and the card\'s history', async () => {
    const customer = await b.customer('Replaced');
    const old = await b.card(customer);
    await b.pos('POST', '/api/checkout/confirm', { receiptId: 'C-1', customer: { cardNumber: old.number }, lines: [line('A', 20_000)] });
    const blocked = await asCashier('POST', `/api/cards/${old.id}/block`, { reason: 'lost' });
    expect(blocked.json()).toMatchObject({ status: 'blocked', blockReason: 'lost' });
    const refused = await b.pos('POST', '/api/checkout/identify', { cardNumber: old.number });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('card_blocked');
    const replacement = await asCashier('POST', `/api/cards/${old.id}/replace`, { reason: 'lost' });
    expect(replacement.statusCode, replacement.body).toBe(201);
    const fresh = replacement.json();
    expect(fresh).toMatchObject({ customerId: customer, tier: 'simple', kind: 'personal' });
    expect((await b.pos('POST', '/api/checkout/identify', { cardNumber: old.number })).json().error).toMatchObject({ code: 'card_replaced', details: { replacedBy: fresh.id } });
    const onNew = await b.pos('POST', '/api/checkout/identify', { cardNumber: fresh.number });
    expect(onNew.json().points).toMatchObject({ pending: 950 }); // 5% of 19 000 paid after the 5% discount
    const history = (await asCashier('GET', `/api/cards/${fresh.id}/history`)).json().items;
    expect(history.map((h: { kind: string }) => h.kind)).toEqual(expect.arrayContaining(['purchase', 'replaced', 'replacement_of', 'blocked', 'issued']));
    expect(history.find((h: { kind: string }) => h.kind === 'purchase')).toMatchObject({ cardId: old.id, receiptId: 'C-1' });
    const unblock = await asCashier('POST', `/api/cards/${fresh.id}/unblock`);
    expect(unblock.statusCode).toBe(403);
  });
});
