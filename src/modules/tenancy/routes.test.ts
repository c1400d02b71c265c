import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant, createTestApp, loginCookie, type Tenant, type TestApp } from '../../../test/support/app.js';
import { createOrganization } from './index.js';

let t: TestApp;
let a: Tenant;

beforeAll(async () => {
  t = await createTestApp();
  a = await createTenant(t, { name: 'Salon A' });
});
afterAll(() => t.close());

const as = (cookie: string) => ({ cookie });

describe('login and sessions', () => {
  it('logs in, answers /api/me, and logs out', async () => {
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: as(a.cookie) });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ organization: { name: 'Salon A', currency: 'EUR', timeZone: 'Europe/Tallinn' }, staff: { email: a.email, role: 'owner' } });

    const cookie = await loginCookie(t, a.email, a.password);
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: as(cookie) });
    expect(out.statusCode).toBe(204);
    const after = await t.app.inject({ method: 'GET', url: '/api/me', headers: as(cookie) });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('unauthenticated');
  });

  it('refuses a wrong password, then throttles the e-mail after 5 failures even with the right one', async () => {
    const b = await createTenant(t);
    for (let i = 0; i < 5; i++) {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: b.email, password: 'wrong password' } });
      expect(res.statusCode).toBe(401);
      expect(res.json().error).toEqual({ code: 'invalid_credentials', message: 'Wrong e-mail or password', details: {} });
    }
    const blocked = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: b.email, password: b.password } });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('too_many_attempts');
    t.db.clock.advance(16 * 60_000);
    const again = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: b.email, password: b.password } });
    expect(again.statusCode).toBe(200);
  });

  it('keeps a session valid on another node sharing the database', async () => {
    const { buildApp } = await import('../../app/server.js');
    const other = await buildApp({ ctx: t.db.ctx, pool: t.db.pool, storeKind: 'external', serveWeb: false, sessionTtlHours: 24, loginMaxFailures: 5, cookieSecure: false, trustProxy: false });
    const res = await other.inject({ method: 'GET', url: '/api/me', headers: as(a.cookie) });
    expect(res.statusCode).toBe(200);
    await other.close();
  });

  it('ends a session when it has not been used for the session lifetime', async () => {
    const cookie = await loginCookie(t, a.email, a.password);
    t.db.clock.advance(25 * 3_600_000);
    const res = await t.app.inject({ method: 'GET', url: '/api/me', headers: as(cookie) });
    expect(res.statusCode).toBe(401);
    a.cookie = await loginCookie(t, a.email, a.password);
  });
});

describe('staff and roles', () => {
  it('lets the owner add a cashier who can log in but not manage staff or the organization', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/api/staff', headers: as(a.cookie), payload: { email: 'kate@salon-a.example', name: 'Kate', role: 'cashier', password: 'till password 1' } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ email: 'kate@salon-a.example', role: 'cashier', active: true });
    const cashier = await loginCookie(t, 'kate@salon-a.example', 'till password 1');
    expect((await t.app.inject({ method: 'GET', url: '/api/staff', headers: as(cashier) })).statusCode).toBe(403);
    const patch = await t.app.inject({ method: 'PATCH', url: '/api/organization', headers: as(cashier), payload: { name: 'Mine now' } });
    expect(patch.statusCode).toBe(403);
    expect(patch.json().error.code).toBe('forbidden');
    // …but may change their own name
    const self = await t.app.inject({ method: 'PATCH', url: `/api/staff/${created.json().id}`, headers: as(cashier), payload: { name: 'Katherine' } });
    expect(self.statusCode).toBe(200);
    expect(self.json().name).toBe('Katherine');
    const promote = await t.app.inject({ method: 'PATCH', url: `/api/staff/${created.json().id}`, headers: as(cashier), payload: { role: 'owner' } });
    expect(promote.statusCode).toBe(403);
  });

  it('names the field and the reason for bad input', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/staff', headers: as(a.cookie), payload: { email: 'not-an-email', name: 'X', role: 'boss', password: 'short' } });
    expect(res.statusCode).toBe(400);
    const error = res.json().error;
    expect(error.code).toBe('validation_failed');
    const paths = error.details.issues.map((i: { path: string }) => i.path).sort();
    expect(paths).toEqual(['email', 'password', 'role']);
    expect(error.message).toContain('password: must be at least 10 characters');
  });

  it('refuses a second account with the same e-mail with a 409', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/staff', headers: as(a.cookie), payload: { email: a.email.toUpperCase(), name: 'Dup', role: 'manager', password: 'long enough pw' } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'email_taken', details: { field: 'email' } });
  });

  it('keeps at least one active owner', async () => {
    const res = await t.app.inject({ method: 'PATCH', url: `/api/staff/${a.ownerId}`, headers: as(a.cookie), payload: { role: 'manager' } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('last_owner');
  });

  it('ends the sessions of a deactivated account', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/api/staff', headers: as(a.cookie), payload: { email: 'leaver@salon-a.example', name: 'Leaver', role: 'manager', password: 'leaver password' } });
    const cookie = await loginCookie(t, 'leaver@salon-a.example', 'leaver password');
    await t.app.inject({ method: 'PATCH', url: `/api/staff/${created.json().id}`, headers: as(a.cookie), payload: { active: false } });
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: as(cookie) })).statusCode).toBe(401);
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'leaver@salon-a.example', password: 'leaver password' } });
    expect(login.statusCode).toBe(401);
  });
});

describe('outlets, merchants and API keys', () => {
  it('adds an outlet under a merchant and rejects an unknown time zone', async () => {
    const ok = await t.app.inject({ method: 'POST', url: '/api/outlets', headers: as(a.cookie), payload: { merchantId: a.merchantId, name: 'Till 2', kind: 'pos', timeZone: 'Europe/Tallinn' } });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ name: 'Till 2', kind: 'pos', merchantId: a.merchantId, active: true });
    const bad = await t.app.inject({ method: 'POST', url: '/api/outlets', headers: as(a.cookie), payload: { merchantId: a.merchantId, name: 'X', kind: 'shop', timeZone: 'Mars/Olympus' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0].path).toBe('timeZone');
  });

  it('issues an API key that acts as a POS at its outlet, and stops working once revoked', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/api-keys', headers: as(a.cookie), payload: { name: 'Till 1', outletId: a.outletId } });
    expect(res.statusCode).toBe(201);
    const { secret, apiKey } = res.json();
    expect(secret).toMatch(/^rk_[0-9a-f]{12}_/);
    const list = await t.app.inject({ method: 'GET', url: '/api/api-keys', headers: as(a.cookie) });
    expect(JSON.stringify(list.json())).not.toContain(secret);
    const bearer = { authorization: `Bearer ${secret}` };
    // A POS key may use the checkout, not the back office.
    expect((await t.app.inject({ method: 'GET', url: '/api/staff', headers: bearer })).statusCode).toBe(403);
    const revoked = await t.app.inject({ method: 'DELETE', url: `/api/api-keys/${apiKey.id}`, headers: as(a.cookie) });
    expect(revoked.json().revokedAt).not.toBeNull();
    const after = await t.app.inject({ method: 'GET', url: '/api/organization', headers: bearer });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('invalid_api_key');
  });

  it('records changes in the audit log', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/audit', headers: as(a.cookie) });
    const actions = res.json().items.map((i: { action: string }) => i.action);
    expect(actions).toContain('apikey.revoked');
    expect(actions).toContain('staff.created');
  });
});

describe('one command, one transaction', () => {
  it('leaves no organization behind when its owner cannot be created', async () => {
    const before = await t.db.db.selectFrom('organizations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await expect(createOrganization(t.db.ctx, { name: 'Dup', currency: 'EUR', timeZone: 'UTC', owner: { email: a.email, name: 'X', password: 'long enough pw' } })).rejects.toMatchObject({ code: 'email_taken' });
    const after = await t.db.db.selectFrom('organizations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('rejects a currency that is not ISO 4217', async () => {
    const res = await t.app.inject({ method: 'PATCH', url: '/api/organization', headers: as(a.cookie), payload: { currency: 'XYZ' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.issues[0].path).toBe('currency');
  });
});
