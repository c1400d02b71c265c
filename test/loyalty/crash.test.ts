// SIGKILL during a stream of confirms, over and over (embedded store in a temporary DATA_DIR): after
// every restart each acknowledged receipt is there exactly once, retrying the receipts that were in
// flight at the kill gives exactly-once results, and the ledger invariants hold.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { exampleProgram } from '../../src/modules/loyalty/domain/index.js';
import { login, type ServerProcess } from '../support/process.js';
import { buildServerBundle, startBundledServer } from './server.js';

const KILLS = 20;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'regulars-loyalty-crash-'));
fs.chmodSync(dataDir, 0o755);
const env = { DATA_DIR: dataDir, REGULARS_OWNER_EMAIL: 'owner@crash.example', REGULARS_OWNER_PASSWORD: 'crash test password', JOBS: 'false' };
const bundle = buildServerBundle();
afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(bundle, { force: true });
});

/** The running node's embedded PostgreSQL, read from the files it keeps in DATA_DIR. */
async function database(): Promise<pg.Client> {
  const runtime = JSON.parse(fs.readFileSync(path.join(dataDir, 'embedded.json'), 'utf8')) as { port: number };
  const c = JSON.parse(fs.readFileSync(path.join(dataDir, 'pg-credentials.json'), 'utf8')) as { user: string; password: string; database: string };
  const client = new pg.Client({ host: '127.0.0.1', port: runtime.port, user: c.user, password: c.password, database: c.database });
  await client.connect();
  return client;
}

interface Setup { programId: string; key: string; cards: string[] }

async function setUp(server: ServerProcess): Promise<Setup> {
  const cookie = await login(server.baseUrl, 'owner@crash.example', 'crash test password');
  const post = async (url: string, body: unknown) => {
    const res = await fetch(`${server.baseUrl}${url}`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const json = (await res.json()) as Record<string, unknown>;
    if (!res.ok) throw new Error(`${url}: ${JSON.stringify(json)}`);
    return json;
  };
  const program = await post('/api/loyalty/programs', { name: 'Crash', cardFormat: { scheme: 'ean13', prefix: '280', length: 13 }, config: exampleProgram({ points: { ...exampleProgram().points!, pendingDays: 0 } }) });
  const outlets = (await (await fetch(`${server.baseUrl}/api/outlets`, { headers: { cookie } })).json()) as { items: { id: string }[] };
  const key = (await post('/api/api-keys', { name: 'Till', outletId: outlets.items[0]!.id })).secret as string;
  const cards: string[] = [];
  for (let i = 0; i < 4; i++) {
    const customer = await post('/api/customers', { familyName: `Crash ${i}` });
    cards.push((await post('/api/cards', { customerId: customer.id })).number as string);
  }
  return { programId: program.id as string, key, cards };
}

describe.skipIf(process.platform !== 'linux')('SIGKILL during confirms (embedded store)', () => {
  it(`keeps every acknowledged receipt exactly once across ${KILLS} kills`, async () => {
    const acknowledged = new Map<string, string>(); // receipt id → answer text
    const inFlight = new Map<string, unknown>(); // receipt id → body, sent but not acknowledged
    let setup: Setup | null = null;
    let n = 0;
    for (let round = 0; round <= KILLS; round++) {
      const server = await startBundledServer(bundle, env);
      setup ??= await setUp(server);
      const confirm = (body: unknown) => fetch(`${server.baseUrl}/api/checkout/confirm`, { method: 'POST', headers: { authorization: `Bearer ${setup!.key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

      // After the restart: everything acknowledged is there once, and the ledger holds.
      const client = await database();
      try {
        const { rows } = await client.query<{ external_id: string; n: number }>("SELECT external_id, count(*)::int AS n FROM purchases WHERE source = 'checkout' GROUP BY external_id");
        const counts = new Map(rows.map((r) => [r.external_id, r.n]));
        for (const id of acknowledged.keys()) expect(counts.get(id), `receipt ${id} after round ${round}`).toBe(1);
        expect(rows.every((r) => r.n === 1)).toBe(true);
        const check = await client.query<{ problems: number }>(`SELECT
          (SELECT count(*) FROM loyalty_members m WHERE m.spendable <> coalesce((SELECT sum(CASE WHEN t.credit_account_id = m.spendable_account_id THEN t.amount ELSE -t.amount END)
             FROM loyalty_transfers t WHERE m.spendable_account_id IN (t.debit_account_id, t.credit_account_id)), 0))
          + (SELECT count(*) FROM purchases p WHERE p.source = 'checkout' AND p.points_earned <> coalesce((SELECT sum(amount) FROM loyalty_transfers t WHERE t.purchase_id = p.id AND t.kind = 'accrue'), 0))
          + (SELECT count(*) FROM purchases p WHERE p.source = 'checkout' AND NOT EXISTS (SELECT 1 FROM loyalty_operations o WHERE o.kind = 'confirm' AND o.id = p.external_id))
          AS problems`);
        expect(Number(check.rows[0]!.problems)).toBe(0);
      } finally {
        await client.end();
      }
      // Receipts in flight at the kill, sent again with the same id and body: applied once, whichever way.
      for (const [id, body] of inFlight) {
        const res = await confirm(body);
        expect(res.status).toBe(200);
        acknowledged.set(id, await res.text());
      }
      inFlight.clear();
      // And receipts acknowledged earlier answer exactly as they did.
      for (const id of [...acknowledged.keys()].slice(-3)) {
        const body = { receiptId: id, customer: { cardNumber: setup.cards[Number(id.split('-')[1]) % 4] }, pointsToSpend: 20, lines: [{ sku: 'A', unitPrice: 1234 }] };
        expect(await (await confirm(body)).text()).toBe(acknowledged.get(id));
      }
      if (round === KILLS) {
        const cookie = await login(server.baseUrl, 'owner@crash.example', 'crash test password');
        const ledger = (await (await fetch(`${server.baseUrl}/api/loyalty/programs/${setup.programId}/ledger-check`, { headers: { cookie } })).json()) as { ok: boolean; problems: string[]; counts: { receipts: number } };
        expect(ledger.problems).toEqual([]);
        expect(ledger.counts.receipts).toBe(acknowledged.size);
        await server.kill('SIGTERM');
        break;
      }
      let stop = false;
      const writers = Array.from({ length: 4 }, async () => {
        while (!stop) {
          const id = `k-${n++}`;
          const body = { receiptId: id, customer: { cardNumber: setup!.cards[Number(id.split('-')[1]) % 4] }, pointsToSpend: 20, lines: [{ sku: 'A', unitPrice: 1234 }] };
          inFlight.set(id, body);
          try {
            const res = await confirm(body);
            if (res.status !== 200) throw new Error(`confirm ${res.status}: ${await res.text()}`);
            acknowledged.set(id, await res.text());
            inFlight.delete(id);
          } catch (e) {
            if (!stop) throw e;
            return; // the server died mid-request: not acknowledged, retried after the restart
          }
        }
      });
      await new Promise((r) => setTimeout(r, 150 + Math.random() * 500));
      stop = true;
      await server.kill('SIGKILL');
      await Promise.all(writers);
    }
    expect(acknowledged.size).toBeGreaterThan(KILLS * 5);
  }, 240_000);
});
