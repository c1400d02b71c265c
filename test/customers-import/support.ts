// Acting as a user of the import API: upload, paste, map, start, let the node's job runner work, read the
// report — the same requests the web app and the CLI make.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { importJobHandler, type ImportView } from '../../src/modules/customers/index.js';
import { JobRunner } from '../../src/platform/jobs.js';
import { createTenant, createTestApp, type TestApp, type Tenant } from '../support/app.js';

export const fixture = (name: string): Buffer => readFileSync(new URL(`../../src/modules/customers/import/__fixtures__/${name}`, import.meta.url));

/** A fresh app with one RUB, Europe/Moscow organization (its country set to RU unless `country: false`),
 *  and the import API acting as its owner: the setup almost every import test starts from. */
export async function russianImportTenant(options: { now?: string; name?: string; country?: boolean } = {}) {
  const t = await createTestApp(options.now !== undefined ? { now: options.now } : {});
  const tenant = await createTenant(t, { ...(options.name !== undefined && { name: options.name }), currency: 'RUB', timeZone: 'Europe/Moscow' });
  const api = importApi(t, tenant);
  if (options.country !== false) await api.call('PATCH', '/api/organization', { country: 'RU' }, 200);
  return { t, tenant, api };
}

export const csvBytes = (lines: string[]): Buffer => Buffer.from(lines.join('\r\n') + '\r\n', 'utf8');

export function importApi(t: TestApp, tenant: Tenant) {
  const headers = { cookie: tenant.cookie };
  const call = async (method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH', url: string, payload?: unknown, status?: number) => {
    const res = await t.app.inject({ method, url, headers, ...(payload !== undefined && { payload: payload as object }) });
    if (status !== undefined) expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(status);
    return res;
  };
  const runner = new JobRunner(t.db.db, { clock: t.db.ctx.clock, ids: t.db.ctx.ids, log: t.db.ctx.log });
  runner.addHandler(importJobHandler({ ctx: t.db.ctx, pool: t.db.pool }));
  return {
    call,
    async upload(bytes: Buffer, query: Record<string, string> = {}, contentType = 'application/octet-stream'): Promise<ImportView> {
      const qs = new URLSearchParams(query).toString();
      const res = await t.app.inject({ method: 'POST', url: `/api/imports${qs ? `?${qs}` : ''}`, headers: { ...headers, 'content-type': contentType }, payload: bytes });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as ImportView;
    },
    async paste(text: string, extra: Record<string, unknown> = {}): Promise<ImportView> {
      return (await call('POST', '/api/imports/paste', { text, ...extra }, 201)).json() as ImportView;
    },
    async map(id: string, mapping: Record<string, unknown>): Promise<ImportView> {
      return (await call('PUT', `/api/imports/${id}/mapping`, { kind: 'customers', ...mapping }, 200)).json() as ImportView;
    },
    async get(id: string): Promise<ImportView> {
      return (await call('GET', `/api/imports/${id}`, undefined, 200)).json() as ImportView;
    },
    /** Starts the import and lets the job runner (as a node would) run it; returns the finished session. */
    async run(id: string): Promise<ImportView> {
      await call('POST', `/api/imports/${id}/start`, undefined, 202);
      await runner.tick();
      return (await call('GET', `/api/imports/${id}`, undefined, 200)).json() as ImportView;
    },
    async reportCsv(id: string, severity: 'error' | 'warning' = 'error'): Promise<string> {
      const res = await call('GET', `/api/imports/${id}/report.csv?severity=${severity}`, undefined, 200);
      expect(res.headers['content-type']).toContain('text/csv');
      return res.body;
    },
    async customers(): Promise<Array<Record<string, unknown>>> {
      const { rows } = await t.db.pool.query(`SELECT c.*, (SELECT array_agg(value ORDER BY kind, value) FROM customer_contacts cc WHERE cc.customer_id = c.id) AS contacts
        FROM customers c WHERE organization_id = $1 ORDER BY external_id NULLS LAST, family_name, given_names`, [tenant.organizationId]);
      return rows;
    },
  };
}

export type ImportApi = ReturnType<typeof importApi>;

/** The mapping the session suggests, as a PUT body (with overrides per field). */
export function suggested(view: ImportView, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...view.suggestedMapping, ...overrides };
}
