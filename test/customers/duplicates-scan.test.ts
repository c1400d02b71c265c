// "Look for duplicates now": the scan is a queued job (after a large import it takes seconds to minutes),
// started from the page, showing its progress batch by batch, then its result; a second click while it
// runs answers the running scan instead of starting another one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { duplicateScanJobHandler } from '../../src/modules/customers/index.js';
import { JobRunner, type QueuedJobHandler } from '../../src/platform/jobs.js';
import { createTenant, createTestApp, type Tenant, type TestApp } from '../support/app.js';
import { addStaff, client } from './support.js';

const NOW = '2026-05-01T10:00:00Z';
/** Two and a half batches of the scan (2 000 customers each), in pairs sharing a phone. */
const CUSTOMERS = 5000;

let t: TestApp;
let a: Tenant;
let api: ReturnType<typeof client>;

interface ScanView {
  id: string; status: 'queued' | 'running' | 'done' | 'failed';
  progress: { checked: number; total: number | null; percent: number };
  result: { scanned: number; proposed: number } | null; startedAt: string; finishedAt: string | null;
}

/** The node's job runner, with a look at the scan through the API each time the job reports progress. */
function runnerWatching(onProgress: (done: number, total: number | undefined) => Promise<void>) {
  const runner = new JobRunner(t.db.db, { clock: t.db.clock, ids: t.db.ctx.ids, log: t.db.ctx.log });
  const real = duplicateScanJobHandler(t.db.ctx);
  const watched: QueuedJobHandler = {
    ...real,
    run: (job, c) => real.run(job, { progress: async (done, total) => { await c.progress(done, total); await onProgress(done, total); } }),
  };
  runner.addHandler(watched);
  return runner;
}

beforeAll(async () => {
  t = await createTestApp({ now: NOW });
  a = await createTenant(t, { name: 'After the import' });
  api = client(t, a.cookie);
  // As an import leaves them: many customers changed a moment ago. Customer 2k and 2k+1 share a phone.
  await t.db.pool.query(`
    INSERT INTO customers (id, organization_id, family_name, display_name, search_keys, created_at, updated_at)
    SELECT ('00000000-0000-7000-a000-' || lpad(to_hex(n), 12, '0'))::uuid, $1, 'Customer ' || n, 'Customer ' || n, 'customer ' || n,
      $2::timestamptz - interval '1 minute', $2::timestamptz - interval '1 minute'
    FROM generate_series(0, $3 - 1) n`, [a.organizationId, NOW, CUSTOMERS]);
  await t.db.pool.query(`
    INSERT INTO customer_contacts (id, organization_id, customer_id, kind, value, is_primary)
    SELECT ('00000000-0000-7000-b000-' || lpad(to_hex(n), 12, '0'))::uuid, $1, ('00000000-0000-7000-a000-' || lpad(to_hex(n), 12, '0'))::uuid,
      'phone', '+3725' || lpad((n / 2)::text, 7, '0'), true
    FROM generate_series(0, $2 - 1) n`, [a.organizationId, CUSTOMERS]);
  await t.db.pool.query('ANALYZE customers, customer_contacts');
});
afterAll(() => t.close());

describe('a scan asked for from the duplicates page', () => {
  it('is queued, reports its progress batch by batch, and ends with the proposals found among the customers checked', async () => {
    expect(await api.ok('GET', '/api/duplicates/scan')).toEqual({ scan: null });
    const start = await api.call('POST', '/api/duplicates/scan');
    expect(start.status).toBe(202);
    const queued = start.body as ScanView;
    expect(queued).toMatchObject({ status: 'queued', progress: { checked: 0, total: null, percent: 0 }, result: null, finishedAt: null });
    expect((await api.ok('GET', '/api/duplicates/scan')).scan).toEqual(queued);

    const seen: ScanView[] = [];
    const again: Array<{ status: number; body: ScanView }> = [];
    const runner = runnerWatching(async () => {
      seen.push(await api.ok('GET', `/api/duplicates/scans/${queued.id}`) as ScanView);
      // A second click while it runs: the same scan comes back, and no other is queued.
      if (seen.length === 2) again.push(await api.call('POST', '/api/duplicates/scan') as { status: number; body: ScanView });
    });
    await runner.tick();

    expect(seen.map((s) => [s.status, s.progress.checked, s.progress.total, s.progress.percent])).toEqual([
      ['running', 0, CUSTOMERS, 0],
      ['running', 2000, CUSTOMERS, 40],
      ['running', 4000, CUSTOMERS, 80],
      ['running', 5000, CUSTOMERS, 99],
    ]);
    expect(again).toHaveLength(1);
    expect(again[0]!.status).toBe(200);
    expect(again[0]!.body).toMatchObject({ id: queued.id, status: 'running', progress: { checked: 2000, total: CUSTOMERS } });

    const done = await api.ok('GET', `/api/duplicates/scans/${queued.id}`) as ScanView;
    expect(done).toMatchObject({ status: 'done', progress: { checked: CUSTOMERS, total: CUSTOMERS, percent: 100 }, result: { scanned: CUSTOMERS, proposed: CUSTOMERS / 2 } });
    expect(done.finishedAt).not.toBeNull();
    expect((await api.ok('GET', '/api/duplicates/scan')).scan).toEqual(done);
    const { rows: [jobs] } = await t.db.pool.query(`SELECT count(*)::int AS n FROM job_queue WHERE kind = 'customers.duplicates-scan' AND organization_id = $1`, [a.organizationId]);
    expect(jobs.n).toBe(1);
    const open = (await api.ok('GET', '/api/duplicates?limit=200')).items as Array<{ score: number; reasons: Array<{ kind: string }> }>;
    expect(open).toHaveLength(200);
    expect(open[0]).toMatchObject({ score: 70, reasons: [{ kind: 'phone' }] });
  });

  it('starts a new scan once the last one is done, finding the same pairs again (refreshed, not doubled)', async () => {
    const start = await api.call('POST', '/api/duplicates/scan');
    expect(start.status).toBe(202);
    await runnerWatching(async () => {}).tick();
    const done = await api.ok('GET', `/api/duplicates/scans/${(start.body as ScanView).id}`) as ScanView;
    expect(done.result).toEqual({ scanned: CUSTOMERS, proposed: CUSTOMERS / 2 });
    const { rows: [pairs] } = await t.db.pool.query('SELECT count(*)::int AS n FROM customer_duplicates WHERE organization_id = $1', [a.organizationId]);
    expect(pairs.n).toBe(CUSTOMERS / 2);
  });

  it('is for owners and managers to start; another organization cannot see it', async () => {
    const cashier = await addStaff(t, a.cookie, 'cashier', 'cashier-dups@example.com');
    expect((await client(t, cashier.cookie).call('POST', '/api/duplicates/scan')).status).toBe(403);
    const latest = (await api.ok('GET', '/api/duplicates/scan')).scan as ScanView;
    const b = await createTenant(t, { name: 'Someone else' });
    const other = client(t, b.cookie);
    const res = await other.call('GET', `/api/duplicates/scans/${latest.id}`);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('duplicate_scan_not_found');
    expect(await other.ok('GET', '/api/duplicates/scan')).toEqual({ scan: null });
  });

  it('a scan whose node died on its last attempt shows as failed, and the button starts a new one', async () => {
    const start = (await api.call('POST', '/api/duplicates/scan')).body as ScanView;
    await t.db.pool.query(`UPDATE job_queue SET status = 'running', attempts = max_attempts, locked_until = $2::timestamptz - interval '1 minute' WHERE id = $1`, [start.id, NOW]);
    expect((await api.ok('GET', `/api/duplicates/scans/${start.id}`)).status).toBe('failed');
    const next = await api.call('POST', '/api/duplicates/scan');
    expect(next.status).toBe(202);
    expect((next.body as ScanView).id).not.toBe(start.id);
  });
});
