// The confirm's statement carries webhook parts only when the organization subscribes to the event; the
// node's memory of that is only a hint, checked inside the statement — so a subscription made a moment
// ago still gets its delivery, and one removed stops getting them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureOutbound } from '../../src/platform/outbound.js';
import { sql } from '../../src/platform/db/database.js';
import { line, loyaltyBench, type LoyaltyBench } from './helpers.js';

let b: LoyaltyBench;
beforeAll(async () => {
  configureOutbound({ allowPrivate: true });
  b = await loyaltyBench();
});
afterAll(async () => {
  configureOutbound({ allowPrivate: false });
  await b.close();
});

const deliveries = async () => (await sql<{ event: string; receipt: string | null }>`SELECT event, payload -> 'data' ->> 'receiptId' AS receipt FROM loyalty_webhook_deliveries
  WHERE organization_id = ${b.a.organizationId} ORDER BY 2`.execute(b.t.db.db)).rows;

describe('webhook parts of the checkout statement', () => {
  it('delivers every event whatever the node last saw, and none without a subscription', async () => {
    const customer = await b.customer('Gated');
    const card = await b.card(customer);
    const confirm = async (receiptId: string, cardNumber: string | null = card.number) => {
      const res = await b.pos('POST', '/api/checkout/confirm', { receiptId, ...(cardNumber && { customer: { cardNumber } }), lines: [line('A', 1000)] });
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    await confirm('G-1');
    await confirm('G-anon-1', null);
    expect(await deliveries()).toEqual([]);

    const created = await b.owner('POST', '/api/loyalty/webhooks', { url: 'http://127.0.0.1:9/hooks', events: ['receipt.confirmed', 'receipt.refunded'] });
    expect(created.statusCode, created.body).toBe(201);
    const answer = await confirm('G-2'); // this node last saw no subscription
    await confirm('G-anon-2', null);
    await confirm('G-3');
    expect(await deliveries()).toEqual([{ event: 'receipt.confirmed', receipt: 'G-2' }, { event: 'receipt.confirmed', receipt: 'G-3' }, { event: 'receipt.confirmed', receipt: 'G-anon-2' }]);
    const stored = (await sql<{ payload: { data: unknown } }>`SELECT payload FROM loyalty_webhook_deliveries WHERE organization_id = ${b.a.organizationId} AND payload -> 'data' ->> 'receiptId' = 'G-2'`.execute(b.t.db.db)).rows[0]!;
    expect(stored.payload.data).toEqual(answer);
    // A retried confirm answers from the first write and emits nothing new.
    expect(await confirm('G-2')).toEqual(answer);

    expect((await b.owner('DELETE', `/api/loyalty/webhooks/${created.json().endpoint.id}`)).statusCode).toBe(200);
    await confirm('G-4'); // this node last saw a subscription
    await confirm('G-5');
    expect((await deliveries()).map((d) => d.receipt)).toEqual(['G-2', 'G-3', 'G-anon-2']);
  });
});
