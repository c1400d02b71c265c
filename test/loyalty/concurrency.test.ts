// 2 000 checkout operations from 20 clients against TWO server processes sharing one PostgreSQL:
// new receipts, simultaneous spending of one customer's balance, retries of the same receipt ids on the
// other node and at the same instant on both, refunds. Afterwards: no invariant broken, no receipt
// counted twice, no point spent twice, and every retry got the first answer byte for byte.
import fs from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleProgram } from '../../src/modules/loyalty/domain/index.js';
import { checkLedger } from '../../src/modules/loyalty/index.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { login, type ServerProcess } from '../support/process.js';
import { buildServerBundle, startBundledServer } from './server.js';

const CLIENTS = 20;
const OPS_PER_CLIENT = 100;
const SHARED_POINTS = 20_000;

let db: TestDatabase;
let nodes: ServerProcess[] = [];
const bundle = buildServerBundle();

beforeAll(async () => {
  db = await createTestDatabase();
  const env = { DATABASE_URL: db.url, REGULARS_OWNER_EMAIL: 'owner@concurrency.example', REGULARS_OWNER_PASSWORD: 'concurrency password', DATABASE_POOL_SIZE: '8' };
  nodes = await Promise.all([startBundledServer(bundle, env), startBundledServer(bundle, env)]);
}, 120_000);
afterAll(async () => {
  await Promise.all(nodes.map((n) => n.kill()));
  await db.drop();
  fs.rmSync(bundle, { force: true });
});

async function call(base: string, headers: Record<string, string>, method: string, path: string, body?: unknown) {
  const res = await fetch(`${base}${path}`, { method, headers: { 'content-type': 'application/json', ...headers }, ...(body !== undefined && { body: JSON.stringify(body) }) });
  return { status: res.status, text: await res.text() };
}

describe('two nodes, twenty tills', () => {
  it('never counts a receipt twice nor spends a point twice', async () => {
    const [a] = nodes as [ServerProcess, ServerProcess];
    const cookie = await login(a.baseUrl, 'owner@concurrency.example', 'concurrency password');
    const owner = (method: string, path: string, body?: unknown) => call(a.baseUrl, { cookie }, method, path, body);
    const org = JSON.parse((await owner('GET', '/api/organization')).text);
    const points = { ...exampleProgram().points!, pendingDays: 0 };
    const program = await owner('POST', '/api/loyalty/programs', { name: 'Race', cardFormat: { scheme: 'ean13', prefix: '290', length: 13 }, config: exampleProgram({ currency: org.currency, points, refundPolicy: 'reduce_refund' }) });
    expect(program.status, program.text).toBe(201);
    const programId = JSON.parse(program.text).id as string;
    const outlets = JSON.parse((await owner('GET', '/api/outlets')).text).items;
    const keys = await Promise.all([1, 2].map(async (i) => JSON.parse((await owner('POST', '/api/api-keys', { name: `Till ${i}`, outletId: outlets[0].id })).text).secret as string));
    const cards: string[] = [];
    const customers: string[] = [];
    for (let i = 0; i < 8; i++) {
      const c = JSON.parse((await owner('POST', '/api/customers', { familyName: `Racer ${i}` })).text);
      customers.push(c.id);
      cards.push(JSON.parse((await owner('POST', '/api/cards', { customerId: c.id })).text).number);
    }
    const shared = customers[0]!;
    expect((await owner('POST', `/api/loyalty/customers/${shared}/adjustments`, { adjustmentId: 'race-seed', amount: SHARED_POINTS, reason: 'race' })).status).toBe(200);

    const answers = new Map<string, string>(); // receipt id → first acknowledged answer text
    const refunds: string[] = [];
    const mismatches: string[] = [];
    let busy = 0;
    const remember = (id: string, text: string) => {
      const first = answers.get(id);
      if (first === undefined) answers.set(id, text);
      else if (first !== text) mismatches.push(id);
    };
    const send = async (node: ServerProcess, key: string, path: string, body: unknown) => {
      for (let attempt = 0; ; attempt++) {
        const res = await call(node.baseUrl, { authorization: `Bearer ${key}` }, 'POST', path, body);
        if (res.status === 503 && attempt < 5) { busy++; continue; } // a real till tries again
        return res;
      }
    };
    const bodies = new Map<string, unknown>();
    const clients = Array.from({ length: CLIENTS }, async (_, c) => {
      const key = keys[c % 2]!;
      for (let i = 0; i < OPS_PER_CLIENT; i++) {
        const node = nodes[(c + i) % 2]!;
        const other = nodes[(c + i + 1) % 2]!;
        const roll = (c * 7919 + i * 104_729) % 100;
        const known = [...bodies.keys()];
        if (roll < 35 || known.length === 0) {
          const id = `c${c}-${i}`;
          const card = cards[(c + i) % cards.length]!;
          const body = { receiptId: id, customer: { cardNumber: card }, pointsToSpend: i % 3 === 0 ? 500 : 0, lines: [{ sku: 'A', unitPrice: 1000 + c, quantity: 1 + (i % 3) }, { sku: 'B', unitPrice: 333, quantity: 0.5 }] };
          bodies.set(id, body);
          const res = await send(node, key, '/api/checkout/confirm', body);
          expect(res.status, res.text).toBe(200);
          remember(id, res.text);
        } else if (roll < 60) {
          // Everyone spends from the same customer at once.
          const id = `spend-c${c}-${i}`;
          const body = { receiptId: id, customer: { customerId: shared }, pointsToSpend: 3000, lines: [{ sku: 'S', unitPrice: 10_000 }] };
          bodies.set(id, body);
          const res = await send(node, key, '/api/checkout/confirm', body);
          expect(res.status, res.text).toBe(200);
          remember(id, res.text);
        } else if (roll < 80) {
          // A retry of an earlier receipt on the other node.
          const id = known[(c * 31 + i) % known.length]!;
          const res = await send(other, key, '/api/checkout/confirm', bodies.get(id));
          expect(res.status, res.text).toBe(200);
          remember(id, res.text);
        } else if (roll < 90) {
          // The same new receipt at the same instant on both nodes.
          const id = `twin-c${c}-${i}`;
          const body = { receiptId: id, customer: { cardNumber: cards[i % cards.length]! }, lines: [{ sku: 'T', unitPrice: 2500 }] };
          bodies.set(id, body);
          const [x, y] = await Promise.all([send(node, key, '/api/checkout/confirm', body), send(other, key, '/api/checkout/confirm', body)]);
          expect([x.status, y.status], `${x.text} ${y.text}`).toEqual([200, 200]);
          remember(id, x.text);
          remember(id, y.text);
        } else {
          const id = known.filter((k) => !k.startsWith('spend'))[(c + i) % known.length] ?? known[0]!;
          const refundId = `r-c${c}-${i}`;
          const res = await send(node, key, '/api/checkout/refund', { refundId, receiptId: id, lines: [{ index: 0, quantity: 1 }] });
          if (res.status === 200) refunds.push(refundId);
          else expect(JSON.parse(res.text).error.code, res.text).toMatch(/^(refund_exceeds_quantity|nothing_to_refund|receipt_not_found)$/);
        }
      }
    });
    await Promise.all(clients);

    expect(mismatches).toEqual([]);
    const scope = { organizationId: org.id as string };
    const ledger = await checkLedger(db.db, scope, programId, false);
    expect(ledger.problems).toEqual([]);
    // Every acknowledged receipt exactly once, and nothing that was not acknowledged.
    const { rows } = await sql<{ external_id: string; n: number; points_spent: number; customer_id: string }>`SELECT external_id, count(*)::int AS n, max(points_spent)::int AS points_spent, max(customer_id::text) AS customer_id
      FROM purchases WHERE organization_id = ${org.id} GROUP BY external_id`.execute(db.db);
    expect(rows.filter((r) => r.n !== 1)).toEqual([]);
    expect(rows.map((r) => r.external_id).sort()).toEqual([...answers.keys()].sort());
    // No point spent twice: the shared customer's spending equals what the answers said, and never exceeded what there was.
    const parsed = [...answers.values()].map((text) => JSON.parse(text) as { customer: { id: string } | null; points: { spent: number } });
    const spentByAnswers = parsed.filter((x) => x.customer?.id === shared).reduce((s, x) => s + x.points.spent, 0);
    const spentRows = rows.filter((r) => r.customer_id === shared).reduce((s, r) => s + r.points_spent, 0);
    expect(spentRows).toBe(spentByAnswers);
    expect(spentByAnswers).toBeGreaterThan(0);
    const balance = JSON.parse((await owner('GET', `/api/loyalty/customers/${shared}/balance`)).text);
    // What the shared customer has = seed + earned − spent, with refunds' returns and take-backs accounted by kind.
    const { rows: flows } = await sql<{ kind: string; total: number }>`SELECT kind, sum(CASE WHEN credit_account_id = m.spendable_account_id THEN amount ELSE -amount END)::int AS total
      FROM loyalty_transfers t JOIN loyalty_members m ON m.organization_id = t.organization_id AND m.customer_id = t.customer_id AND m.program_id = t.program_id
      WHERE t.organization_id = ${org.id} AND t.customer_id = ${shared} AND m.spendable_account_id IN (t.debit_account_id, t.credit_account_id) GROUP BY kind`.execute(db.db);
    const flow = (kind: string) => flows.find((f) => f.kind === kind)?.total ?? 0;
    expect(-flow('spend')).toBe(spentByAnswers);
    expect(flow('adjust')).toBe(SHARED_POINTS);
    expect(balance.spendable).toBe(flows.reduce((s, f) => s + f.total, 0));
    expect(balance.spendable).toBeGreaterThanOrEqual(0);
    expect(refunds.length).toBeGreaterThan(10);
    expect(busy).toBeLessThan(50);
  }, 180_000);
});
