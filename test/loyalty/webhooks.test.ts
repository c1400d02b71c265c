// Webhooks end to end: a real HTTP receiver, deliveries written with the event, sent by the job queue,
// signed with HMAC-SHA256, retried with a delay when the receiver fails.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobRunner } from '../../src/platform/jobs.js';
import { configureOutbound } from '../../src/platform/outbound.js';
import { loyaltyQueuedHandlers } from '../../src/modules/loyalty/index.js';
import { signature } from '../../src/modules/loyalty/webhooks.js';
import { line, loyaltyBench, type LoyaltyBench } from './helpers.js';

interface Received { headers: http.IncomingHttpHeaders; body: string }
let b: LoyaltyBench;
let server: http.Server;
let url: string;
const received: Received[] = [];
let failNext = 0;

beforeAll(async () => {
  configureOutbound({ allowPrivate: true }); // the receiver below listens on 127.0.0.1
  b = await loyaltyBench();
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      if (failNext > 0) {
        failNext--;
        res.writeHead(503).end('busy');
      } else res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
});
afterAll(async () => {
  configureOutbound({ allowPrivate: false });
  await new Promise((r) => server.close(r));
  await b.close();
});

function runner() {
  const r = new JobRunner(b.t.db.db, { clock: b.t.db.clock, ids: b.t.db.ctx.ids, log: b.t.db.ctx.log });
  for (const h of loyaltyQueuedHandlers(b.t.db.ctx)) r.addHandler(h);
  return r;
}

describe('webhooks', () => {
  it('delivers receipt.confirmed and receipt.refunded, signed with the endpoint secret', async () => {
    const created = await b.owner('POST', '/api/loyalty/webhooks', { url, events: ['receipt.confirmed', 'receipt.refunded'] });
    expect(created.statusCode, created.body).toBe(201);
    const { secret, endpoint } = created.json();
    expect(secret).toMatch(/^whsec_/);
    expect((await b.owner('GET', '/api/loyalty/webhooks')).body).not.toContain(secret);
    const customer = await b.customer('Hooked');
    const card = await b.card(customer);
    const confirm = (await b.pos('POST', '/api/checkout/confirm', { receiptId: 'W-1', customer: { cardNumber: card.number }, lines: [line('A', 1000)] })).json();
    await b.pos('POST', '/api/checkout/refund', { refundId: 'W-1-r', receiptId: 'W-1', lines: [{ index: 0, quantity: 1 }] });
    await runner().tick();
    expect(received.map((r) => r.headers['x-regulars-event'])).toEqual(['receipt.confirmed', 'receipt.refunded']);
    const first = received[0]!;
    const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(first.headers['x-regulars-signature']))!;
    expect(v1).toBe(signature(secret, Number(t), first.body));
    const payload = JSON.parse(first.body);
    expect(payload).toMatchObject({ event: 'receipt.confirmed', id: first.headers['x-regulars-delivery'], data: { receiptId: 'W-1', purchaseId: confirm.purchaseId } });
    const deliveries = (await b.owner('GET', `/api/loyalty/webhooks/${endpoint.id}/deliveries`)).json().items;
    expect(deliveries.map((d: { status: string; attempts: number }) => [d.status, d.attempts])).toEqual([['delivered', 1], ['delivered', 1]]);
  });

  it('retries a failed delivery later through the job queue', async () => {
    received.length = 0;
    failNext = 1;
    await b.pos('POST', '/api/checkout/confirm', { receiptId: 'W-2', lines: [line('A', 1000)] });
    const r = runner();
    await r.tick();
    expect(received).toHaveLength(1);
    const pending = await b.t.db.db.selectFrom('loyalty_webhook_deliveries').select(['status', 'attempts', 'last_status', 'next_attempt_at']).where('status', '=', 'pending').execute();
    expect(pending).toMatchObject([{ attempts: 1, last_status: 503 }]);
    await r.tick();
    expect(received).toHaveLength(1); // not yet: the next attempt is 30 s later
    b.t.db.clock.advance(31_000);
    await r.tick();
    expect(received).toHaveLength(2);
    expect(received[1]!.body).toBe(received[0]!.body);
    const done = await b.t.db.db.selectFrom('loyalty_webhook_deliveries').select(['status', 'attempts']).where('status', '=', 'pending').execute();
    expect(done).toEqual([]);
  });

  it('stops sending to a disabled endpoint and refuses a bad URL', async () => {
    const list = (await b.owner('GET', '/api/loyalty/webhooks')).json().items;
    const off = await b.owner('DELETE', `/api/loyalty/webhooks/${list[0].id}`);
    expect(off.json().active).toBe(false);
    received.length = 0;
    await b.pos('POST', '/api/checkout/confirm', { receiptId: 'W-3', lines: [line('A', 1000)] });
    await runner().tick();
    expect(received).toHaveLength(0);
    expect((await b.owner('POST', '/api/loyalty/webhooks', { url: 'ftp://x', events: ['receipt.confirmed'] })).statusCode).toBe(400);
    expect((await b.owner('POST', '/api/loyalty/webhooks', { url, events: ['nope'] })).statusCode).toBe(400);
  });

  it('calls only public addresses unless the server allows private ones', async () => {
    const hook = (await b.owner('POST', '/api/loyalty/webhooks', { url, events: ['receipt.confirmed'] })).json();
    configureOutbound({ allowPrivate: false });
    try {
      for (const target of ['http://127.0.0.1:8080/x', 'http://localhost/x', 'http://169.254.169.254/latest', 'http://[::1]/x']) {
        const refused = await b.owner('POST', '/api/loyalty/webhooks', { url: target, events: ['receipt.confirmed'] });
        expect(refused.statusCode, target).toBe(400);
        expect(refused.json().error.details.issues[0]).toMatchObject({ path: 'url', message: expect.stringMatching(/public address/) });
      }
      // An endpoint saved while allowed (or a name that now resolves to a private address) is not called.
      received.length = 0;
      await b.pos('POST', '/api/checkout/confirm', { receiptId: 'W-4', lines: [line('A', 1000)] });
      await runner().tick();
      expect(received).toHaveLength(0);
      const deliveries = (await b.owner('GET', `/api/loyalty/webhooks/${hook.endpoint.id}/deliveries`)).json().items;
      expect(deliveries[0]).toMatchObject({ status: 'pending', attempts: 1, lastError: expect.stringMatching(/must be a public address, not 127.0.0.1/) });
    } finally {
      configureOutbound({ allowPrivate: true });
    }
  });
});
