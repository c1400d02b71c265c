// Imports beside each other and beside the rest of the node: the connection an import used goes back to
// the pool as it was taken (a debugging wrapper once left on it made every later `pool.query` on that
// connection wait forever); two imports of one organization take turns; imports of two organizations
// run together, each gathering the planner statistics it needs without waiting for the other.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImportNow, type ImportView } from '../../src/modules/customers/index.js';
import { syntheticCsv } from '../../src/modules/customers/import/__fixtures__/synthetic.js';
import { createTenant, createTestApp, type Tenant, type TestApp } from '../support/app.js';
import { importApi, suggested } from './support.js';

let t: TestApp;
let a: Tenant;
let b: Tenant;

beforeAll(async () => {
  t = await createTestApp();
  a = await createTenant(t, { currency: 'RUB', timeZone: 'Europe/Moscow' });
  b = await createTenant(t, { currency: 'RUB', timeZone: 'Europe/Moscow' });
  for (const tenant of [a, b]) await importApi(t, tenant).call('PATCH', '/api/organization', { country: 'RU' }, 200);
});
afterAll(() => t.close());

const ownerOf = (tenant: Tenant) => ({ organizationId: tenant.organizationId, role: 'owner' as const, staffId: tenant.ownerId, apiKeyId: null, outletId: null });

async function prepared(tenant: Tenant, bytes: Buffer): Promise<ImportView> {
  const api = importApi(t, tenant);
  const session = await api.upload(bytes);
  return api.map(session.id, suggested(session));
}

/** Fails after `ms` instead of waiting for ever. */
function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  const late = new Promise<T>((_resolve, reject) => {
    setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms).unref();
  });
  return Promise.race([promise, late]);
}

const FILE = (prefix: string, phones: string, family = 'Петрова') => Buffer.from(['Код;Фамилия;Имя;Телефон',
  ...Array.from({ length: 10 }, (_, i) => `${prefix}${i + 1};${family};Имя${String.fromCharCode(1072 + i)};+7 916 ${phones}-00-${String(i + 10)}`)].join('\r\n'), 'utf8');

describe('an import and its connection', () => {
  it('gives the connection back to the pool as it took it, after a success and after a failure', async () => {
    // A pool of one: the import's transaction, then every later statement, run on the same connection.
    const pool = new pg.Pool({ connectionString: t.db.url, max: 1 });
    try {
      const { rows: [before] } = await pool.query('SELECT pg_backend_pid() AS pid');
      const done = await runImportNow({ ctx: t.db.ctx, pool }, ownerOf(a), (await prepared(a, FILE('K', '400'))).id, { chunkRows: 4 });
      expect(done.status).toBe('done');
      // `pool.query` hands its callback to the connection's query: nothing on the connection may swallow it.
      const { rows: [after] } = await within(5000, 'pool.query after an import', pool.query(`SELECT pg_backend_pid() AS pid, txid_current_if_assigned() AS xid,
        current_setting('work_mem') AS work_mem, (SELECT count(*)::int FROM pg_class WHERE relpersistence = 't' AND relname LIKE 'import_%') AS temp_tables`));
      expect(after).toEqual({ pid: before.pid, xid: null, work_mem: '4MB', temp_tables: 0 });
      const client = await pool.connect();
      expect(client.query).toBe(pg.Client.prototype.query);
      client.release();

      // A failed import's connection is closed rather than handed to the next caller in whatever state the failure left it.
      await t.db.pool.query(`ALTER TABLE customers ADD CONSTRAINT test_refuses_all CHECK (family_name IS DISTINCT FROM 'Сбоева')`);
      try {
        const failed = await runImportNow({ ctx: t.db.ctx, pool }, ownerOf(a), (await prepared(a, FILE('L', '401', 'Сбоева'))).id);
        expect(failed).toMatchObject({ status: 'failed', error: { code: 'database_error' } });
      } finally {
        await t.db.pool.query('ALTER TABLE customers DROP CONSTRAINT test_refuses_all');
      }
      const { rows: [next] } = await within(5000, 'pool.query after a failed import', pool.query('SELECT pg_backend_pid() AS pid, txid_current_if_assigned() AS xid'));
      expect(next.pid).not.toBe(before.pid);
      expect(next.xid).toBeNull();
    } finally {
      // A connection that never answers must fail the test with its message above, not hang the clean-up.
      await within(2000, 'closing the pool', pool.end()).catch(() => undefined);
    }
  });
});

describe('imports side by side', () => {
  it('runs two imports of one organization one after the other: the second finds what the first wrote', async () => {
    const first = await prepared(a, FILE('M', '402'));
    const second = await prepared(a, FILE('M', '402'));
    const runtime = { ctx: t.db.ctx, pool: t.db.pool };
    // Hold the organization's import lock, as a third import would, so that both of these have to wait for it.
    const holder = await t.db.pool.connect();
    let runs: Array<Promise<{ report: unknown }>>;
    try {
      await holder.query('BEGIN');
      await holder.query(`SELECT pg_advisory_xact_lock(hashtext('regulars.import:' || $1))`, [a.organizationId]);
      runs = [runImportNow(runtime, ownerOf(a), first.id), runImportNow(runtime, ownerOf(a), second.id)];
      // What a stuck import looks like in pg_stat_activity: waiting for the lock, not for COPY data or a client.
      await expect.poll(async () => (await t.db.pool.query(`SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = 'advisory'`)).rows[0].n, { timeout: 20_000 }).toBe(2);
    } finally {
      await holder.query('COMMIT');
      holder.release();
    }
    const reports = (await Promise.all(runs)).map((s) => s.report as { created: number; skipped: number });
    expect(reports.map((r) => [r.created, r.skipped]).sort()).toEqual([[0, 10], [10, 0]]);
  });

  it('runs imports of two organizations together, each one\'s statistics gathered without waiting for the other\'s', { timeout: 120_000 }, async () => {
    // Chunks of 400 rows: statistics are gathered after chunks 1, 2, 4 and 8 of each, while the other runs.
    const sessions = [await prepared(a, syntheticCsv(3000, { seed: 11, firstId: 500_000 })), await prepared(b, syntheticCsv(3000, { seed: 12 }))];
    const runtime = { ctx: t.db.ctx, pool: t.db.pool };
    const done = await Promise.all([runImportNow(runtime, ownerOf(a), sessions[0]!.id, { chunkRows: 400 }), runImportNow(runtime, ownerOf(b), sessions[1]!.id, { chunkRows: 400 })]);
    for (const [i, tenant] of [a, b].entries()) {
      const report = done[i]!.report as { created: number; rejected: number; rows: number };
      expect(done[i]!.status).toBe('done');
      expect(report.rows).toBe(3000);
      expect(report.created + report.rejected).toBe(3000);
      expect(report.rejected).toBeLessThan(60);
      const { rows: [count] } = await t.db.pool.query(`SELECT count(*)::int AS n FROM customers WHERE organization_id = $1 AND external_id LIKE 'C%'`, [tenant.organizationId]);
      expect(count.n).toBe(report.created);
    }
  });
});
