// A merged-away customer id kept by a till or an old link reads the survivor at the checkout and in the
// points endpoints — never the loser's empty membership.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerLoyaltyCustomerHooks } from '../../src/modules/loyalty/customer-hooks.js';
import { checkLedger } from '../../src/modules/loyalty/index.js';
import { line, loyaltyBench, type LoyaltyBench } from './helpers.js';

let b: LoyaltyBench;
beforeAll(async () => {
  b = await loyaltyBench({ now: '2026-03-15T10:00:00Z' });
  registerLoyaltyCustomerHooks(b.t.db.ctx);
});
afterAll(async () => {
  const check = await checkLedger(b.t.db.db, { organizationId: b.a.organizationId }, b.programId, true);
  expect(check.problems).toEqual([]);
  await b.close();
});

const ok = async (method: 'GET' | 'POST', url: string, payload?: unknown, status = 200) => {
  const res = await b.owner(method, url, payload);
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(status);
  return res.json();
};
const pos = async (url: string, payload: unknown) => {
  const res = await b.pos('POST', url, payload);
  expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
  return res.json();
};

describe('a merged-away customer id', () => {
  it('stands for the survivor at identify, calculate and confirm and in balance and history', async () => {
    const survivor = await b.customer('Survivor');
    const loser = await b.customer('Loser');
    const loserCard = await b.card(loser);
    await ok('POST', `/api/loyalty/customers/${loser}/adjustments`, { adjustmentId: 'm-gift', amount: 500, reason: 'seed points' });
    await pos('/api/checkout/confirm', { receiptId: 'M-0', customer: { cardNumber: loserCard.number }, lines: [line('A', 1000)] });
    await ok('POST', `/api/customers/${survivor}/merge`, { loserId: loser }, 201);

    const who = await pos('/api/checkout/identify', { customerId: loser });
    expect(who).toMatchObject({ identifiedBy: 'customer_id', customer: { id: survivor }, points: { spendable: 500 } });
    const calc = await pos('/api/checkout/calculate', { customer: { customerId: loser }, lines: [line('A', 2000)], pointsToSpend: 100 });
    expect(calc.customer).toMatchObject({ id: survivor, points: { spendable: 500 } });
    expect(calc.receipt.totals.pointsSpent).toBe(100);
    const done = await pos('/api/checkout/confirm', { receiptId: 'M-1', customer: { customerId: loser }, lines: [line('A', 2000)], pointsToSpend: 100 });
    expect(done.customer).toMatchObject({ id: survivor, points: { spendable: 400 } });
    // A retry with the same (merged-away) id replays the first answer.
    expect(await pos('/api/checkout/confirm', { receiptId: 'M-1', customer: { customerId: loser }, lines: [line('A', 2000)], pointsToSpend: 100 })).toEqual(done);

    const balance = await ok('GET', `/api/loyalty/customers/${loser}/balance`);
    expect(balance).toMatchObject({ customerId: survivor, member: true, spendable: 400 });
    expect(balance).toEqual(await ok('GET', `/api/loyalty/customers/${survivor}/balance`));
    const history = (await ok('GET', `/api/loyalty/customers/${loser}/history?limit=50`)).items;
    expect(history.length).toBeGreaterThan(0);
    expect(history).toEqual((await ok('GET', `/api/loyalty/customers/${survivor}/history?limit=50`)).items);
    // Nothing was written to the loser's membership.
    const loserRow = await b.t.db.db.selectFrom('loyalty_members').select(['spendable', 'pending']).where('organization_id', '=', b.a.organizationId).where('customer_id', '=', loser).executeTakeFirst();
    expect({ spendable: Number(loserRow?.spendable ?? 0), pending: Number(loserRow?.pending ?? 0) }).toEqual({ spendable: 0, pending: 0 });
  });

  it('an unknown customer id is still 404', async () => {
    const res = await b.pos('POST', '/api/checkout/calculate', { customer: { customerId: '00000000-0000-7000-8000-0000000fffff' }, lines: [line('A', 100)] });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject({ code: 'customer_not_found', details: { field: 'customer.customerId' } });
    expect((await b.owner('GET', '/api/loyalty/customers/00000000-0000-7000-8000-0000000fffff/balance')).statusCode).toBe(404);
  });
});
