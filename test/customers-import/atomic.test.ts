// A failure part-way leaves nothing: the whole file is one transaction. The failure is a real one — the
// database refusing a row through a constraint this test adds to the customers table — hit after earlier
// chunks of the file were already written inside that transaction.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImportNow } from '../../src/modules/customers/index.js';
import type { Tenant, TestApp } from '../support/app.js';
import { russianImportTenant, suggested, type ImportApi } from './support.js';

let t: TestApp;
let tenant: Tenant;
let api: ImportApi;

const FILE = ['Код;Фамилия;Имя;Телефон', ...Array.from({ length: 10 }, (_, i) => `C${i + 1};${i === 7 ? 'Сбой' : `Иванов${'а'.repeat(i % 2)}`};Имя${String.fromCharCode(1072 + i)};+7 916 300-00-${String(i + 10)}`)].join('\r\n') + '\r\n';

beforeAll(async () => {
  ({ t, tenant, api } = await russianImportTenant());
});
afterAll(() => t.close());

const count = async (table: string) => (await t.db.pool.query(`SELECT count(*)::int AS n FROM ${table} WHERE organization_id = $1`, [tenant.organizationId])).rows[0].n as number;

describe('all or nothing', () => {
  it('rolls back every chunk already written when a later one fails, and records why', async () => {
    await t.db.pool.query(`ALTER TABLE customers ADD CONSTRAINT test_refuses_sboi CHECK (family_name IS DISTINCT FROM 'Сбой')`);
    try {
      const session = await api.upload(Buffer.from(FILE, 'utf8'));
      await api.map(session.id, suggested(session));
      const actor = { organizationId: tenant.organizationId, role: 'owner' as const, staffId: tenant.ownerId, apiKeyId: null, outletId: null };
      // Chunks of three rows: lines 2–4 and 5–7 are written before line 9 (row 8) is refused.
      const failed = await runImportNow({ ctx: t.db.ctx, pool: t.db.pool }, actor, session.id, { chunkRows: 3 });
      expect(failed.status).toBe('failed');
      expect(failed.rows_saved).toBe(6);
      expect(failed.error).toEqual({ code: 'database_error', message: expect.stringContaining('(test_refuses_sboi)') });
      expect(failed.error?.message).toContain('Nothing was imported.');
      expect(await count('customers')).toBe(0);
      expect(await count('customer_contacts')).toBe(0);
      expect(await count('customer_profile_changes')).toBe(0);
      expect(await count('import_row_issues')).toBe(0);
      const view = await api.get(session.id);
      expect(view).toMatchObject({ status: 'failed', report: null, error: { code: 'database_error' } });
    } finally {
      await t.db.pool.query('ALTER TABLE customers DROP CONSTRAINT IF EXISTS test_refuses_sboi');
    }
  });

  it('fails the job the same way, and the same session runs once the cause is gone', async () => {
    await t.db.pool.query(`ALTER TABLE customer_contacts ADD CONSTRAINT test_refuses_phone CHECK (value <> '+79163000017')`);
    const session = await api.upload(Buffer.from(FILE, 'utf8'));
    await api.map(session.id, suggested(session));
    try {
      const failed = await api.run(session.id);
      expect(failed).toMatchObject({ status: 'failed', error: { code: 'database_error' } });
      expect(failed.error?.message).toContain('test_refuses_phone');
      expect(await count('customers')).toBe(0);
      // The job is done with (not retried): the same failure would come back.
      const { rows } = await t.db.pool.query(`SELECT status, attempts FROM job_queue WHERE organization_id = $1 ORDER BY created_at DESC LIMIT 1`, [tenant.organizationId]);
      expect(rows).toEqual([{ status: 'done', attempts: 1 }]);
    } finally {
      await t.db.pool.query('ALTER TABLE customer_contacts DROP CONSTRAINT IF EXISTS test_refuses_phone');
    }
    const done = await api.run(session.id);
    expect(done).toMatchObject({ status: 'done', error: null, report: { created: 10, rejected: 0 } });
    expect(await count('customers')).toBe(10);
  });

  it('fails as a whole, saying why, when someone adds a customer with one of the file\'s external ids while it runs', async () => {
    const session = await api.upload(Buffer.from(FILE.replace(/C(\d+)/gu, 'R$1').replace(/300-00/gu, '302-00'), 'utf8'));
    await api.map(session.id, suggested(session));
    const actor = { organizationId: tenant.organizationId, role: 'owner' as const, staffId: tenant.ownerId, apiKeyId: null, outletId: null };
    // A staff member's insert of R5, not yet committed when the import looks the file's external ids up.
    const other = new pg.Client({ connectionString: t.db.url });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query(`INSERT INTO customers (id, organization_id, display_name, external_id) VALUES (gen_random_uuid(), $1, 'Гонкина Анна', 'R5')`, [tenant.organizationId]);
      const running = runImportNow({ ctx: t.db.ctx, pool: t.db.pool }, actor, session.id);
      // The import's insert of R5 waits for that transaction (what pg_stat_activity shows), and goes on when it ends.
      await expect.poll(async () => (await t.db.pool.query(`SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%INSERT INTO customers%'`)).rows[0].n, { timeout: 20_000 }).toBe(1);
      await other.query('COMMIT');
      const failed = await running;
      expect(failed).toMatchObject({ status: 'failed', error: { code: 'external_id_race' } });
      expect(failed.error?.message).toContain('run the import again');
    } finally {
      await other.end();
    }
    const { rows } = await t.db.pool.query(`SELECT external_id FROM customers WHERE organization_id = $1 AND external_id LIKE 'R%'`, [tenant.organizationId]);
    expect(rows).toEqual([{ external_id: 'R5' }]);
  });

  it('refuses to start what is already running or done', async () => {
    const session = await api.upload(Buffer.from(FILE.replace(/C(\d+)/gu, 'D$1').replace(/300-00/gu, '301-00'), 'utf8'));
    await api.map(session.id, suggested(session));
    await api.call('POST', `/api/imports/${session.id}/start`, undefined, 202);
    const twice = await api.call('POST', `/api/imports/${session.id}/start`, undefined, 409);
    expect(twice.json().error.code).toBe('import_not_editable');
    const remap = await api.call('PUT', `/api/imports/${session.id}/mapping`, suggested(session), 409);
    expect(remap.json().error.code).toBe('import_not_editable');
    const busy = await api.call('DELETE', `/api/imports/${session.id}`, undefined, 409);
    expect(busy.json().error.code).toBe('import_running');
  });
});
