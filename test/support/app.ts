// An in-process server on a fresh test database, plus helpers that act as a user of it.
import { buildApp } from '../../src/app/server.js';
import type { HttpApp } from '../../src/platform/http.js';
import { createOrganization } from '../../src/modules/tenancy/index.js';
import { createTestDatabase, type TestDatabase } from './db.js';

export interface TestApp { app: HttpApp; db: TestDatabase; close(): Promise<void> }

export async function createTestApp(options: { now?: string; loginMaxFailures?: number } = {}): Promise<TestApp> {
  const db = await createTestDatabase(options);
  const app = await buildApp({
    ctx: db.ctx, pool: db.pool, storeKind: 'embedded', serveWeb: false,
    sessionTtlHours: 24, loginMaxFailures: options.loginMaxFailures ?? 5, cookieSecure: false, trustProxy: false,
  });
  await app.ready();
  return { app, db, close: async () => { await app.close(); await db.drop(); } };
}

export interface Tenant { organizationId: string; ownerId: string; outletId: string; merchantId: string; email: string; password: string; cookie: string }

let tenantCounter = 0;

/** Creates an organization with its owner and logs the owner in. */
export async function createTenant(t: TestApp, overrides: { name?: string; currency?: string; timeZone?: string } = {}): Promise<Tenant> {
  const n = ++tenantCounter;
  const email = `owner${n}-${Math.random().toString(36).slice(2, 7)}@example.com`;
  const password = 'correct horse battery';
  const created = await createOrganization(t.db.ctx, {
    name: overrides.name ?? `Business ${n}`, currency: overrides.currency ?? 'EUR', timeZone: overrides.timeZone ?? 'Europe/Tallinn',
    owner: { email, name: `Owner ${n}`, password },
  });
  const cookie = await loginCookie(t, email, password);
  return { organizationId: created.organization.id, ownerId: created.owner.id, outletId: created.outlet.id, merchantId: created.merchant.id, email, password, cookie };
}

export async function loginCookie(t: TestApp, email: string, password: string): Promise<string> {
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'regulars_session');
  if (!cookie) throw new Error('no session cookie');
  return `regulars_session=${cookie.value}`;
}
