// Tenant isolation for loyalty: organization B walks every loyalty route with organization A's program,
// card, batch, customer, webhook and proposal ids (and A's card numbers and receipt ids at the till),
// and gets 404/403 without changing anything of A's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleProgram } from '../../src/modules/loyalty/domain/index.js';
import { runDailyEvaluation } from '../../src/modules/loyalty/evaluation.js';
import { createTenant } from '../support/app.js';
import { CARD_FORMAT, line, loyaltyBench, type LoyaltyBench } from './helpers.js';

let a: LoyaltyBench;
let bCookie: string;
let bKey: string;
const ids = new Set<string>();
let cardNumber = '';

beforeAll(async () => {
  a = await loyaltyBench({ config: { club: { join: { amount: 1000, days: 30 }, stay: { amount: 1000, days: 30 }, discountBp: 100, approval: 'owner' } } });
  const customer = await a.customer('Private');
  const card = await a.card(customer);
  cardNumber = card.number;
  await a.pos('POST', '/api/checkout/confirm', { receiptId: 'A-1', customer: { cardNumber }, lines: [line('A', 50_000)] });
  const batch = (await a.owner('POST', '/api/card-batches', { count: 2 })).json();
  const hook = (await a.owner('POST', '/api/loyalty/webhooks', { url: 'https://hooks.example.com/a', events: ['receipt.confirmed'] })).json();
  await runDailyEvaluation(a.t.db.ctx, a.t.db.clock.now());
  const proposal = (await a.owner('GET', '/api/loyalty/club/proposals')).json().items[0];
  for (const id of [a.programId, customer, card.id, batch.id, hook.endpoint.id, proposal.id]) ids.add(id);
  const b = await createTenant(a.t, { name: 'Organization B' });
  bCookie = b.cookie;
  const own = await a.t.app.inject({ method: 'POST', url: '/api/loyalty/programs', headers: { cookie: bCookie }, payload: { name: 'B', config: exampleProgram(), cardFormat: CARD_FORMAT } });
  expect(own.statusCode).toBe(201);
  bKey = (await a.t.app.inject({ method: 'POST', url: '/api/api-keys', headers: { cookie: bCookie }, payload: { name: 'B till', outletId: b.outletId } })).json().secret;
});
afterAll(() => a.close());

async function snapshotOfA() {
  const urls = ['/api/loyalty/programs', '/api/cards', '/api/card-batches', '/api/loyalty/webhooks', '/api/loyalty/club/proposals', `/api/loyalty/programs/${a.programId}/ledger-check`];
  return (await Promise.all(urls.map(async (url) => (await a.owner('GET', url)).body))).join('\n');
}

describe('loyalty tenant isolation', () => {
  it('answers 404/403 on every loyalty route with another organization\'s ids, and changes nothing', async () => {
    const before = await snapshotOfA();
    const doc = (await a.t.app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    let checked = 0;
    for (const [path, methods] of Object.entries(doc.paths)) {
      if (!path.includes('{id}') || !/^\/api\/(loyalty|cards|card-batches)\//.test(path)) continue;
      for (const method of Object.keys(methods)) {
        for (const id of ids) {
          const res = await a.t.app.inject({ method: method.toUpperCase() as 'GET', url: path.replace('{id}', id), headers: { cookie: bCookie }, ...(method !== 'get' && method !== 'delete' ? { payload: {} } : {}) });
          expect([403, 404], `${method.toUpperCase()} ${path} with ${id} answered ${res.statusCode}: ${res.body}`).toContain(res.statusCode);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(await snapshotOfA()).toBe(before);
  });

  it('never finds another organization\'s card or receipt at the till', async () => {
    const pos = (url: string, payload: object) => a.t.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${bKey}` }, payload });
    expect((await pos('/api/checkout/identify', { cardNumber })).statusCode).toBe(404);
    expect((await pos('/api/checkout/calculate', { customer: { cardNumber }, lines: [line('A', 100)] })).statusCode).toBe(404);
    expect((await pos('/api/checkout/refund', { refundId: 'x', receiptId: 'A-1', lines: [{ index: 0, quantity: 1 }] })).statusCode).toBe(404);
    expect((await pos('/api/checkout/cancel', { cancelId: 'x', receiptId: 'A-1' })).statusCode).toBe(404);
    // The same receipt id is B's own: no conflict with A's.
    expect((await pos('/api/checkout/confirm', { receiptId: 'A-1', lines: [line('A', 100)] })).statusCode).toBe(200);
    const customerOfA = [...ids][1]!;
    expect((await pos('/api/checkout/confirm', { receiptId: 'B-2', customer: { customerId: customerOfA }, lines: [line('A', 100)] })).statusCode).toBe(404);
  });
});
