// Tenant isolation: every route of the API, walked with a second organization's credentials against the
// first organization's rows, answers 404 or 403 and changes nothing. The walker reads the routes from
// the OpenAPI document, so a new route is covered the day it is added — add its entities to `seedA`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant, createTestApp, type Tenant, type TestApp } from './support/app.js';

let t: TestApp;
let a: Tenant;
let b: Tenant;
const idsOfA = new Set<string>();

async function seedA() {
  const h = { cookie: a.cookie };
  const merchant = (await t.app.inject({ method: 'POST', url: '/api/merchants', headers: h, payload: { name: 'A brand' } })).json();
  const outlet = (await t.app.inject({ method: 'POST', url: '/api/outlets', headers: h, payload: { merchantId: merchant.id, name: 'A shop', kind: 'shop' } })).json();
  const staff = (await t.app.inject({ method: 'POST', url: '/api/staff', headers: h, payload: { email: 'a-cashier@a.example', name: 'A cashier', role: 'cashier', password: 'a cashier password' } })).json();
  const key = (await t.app.inject({ method: 'POST', url: '/api/api-keys', headers: h, payload: { name: 'A till', outletId: outlet.id } })).json();
  const customer = (await t.app.inject({ method: 'POST', url: '/api/customers', headers: h, payload: { familyName: 'Иванова', givenNames: 'Анна', phones: ['+372 5123 4567'] } })).json();
  for (const id of [a.organizationId, a.ownerId, a.outletId, a.merchantId, merchant.id, outlet.id, staff.id, key.apiKey.id, customer.id]) idsOfA.add(id);
}

async function snapshotOfA() {
  const h = { cookie: a.cookie };
  const parts = await Promise.all(['/api/organization', '/api/merchants', '/api/outlets', '/api/staff', '/api/api-keys'].map(async (url) => (await t.app.inject({ method: 'GET', url, headers: h })).body));
  return parts.join('\n');
}

beforeAll(async () => {
  t = await createTestApp();
  a = await createTenant(t, { name: 'Organization A' });
  b = await createTenant(t, { name: 'Organization B' });
  await seedA();
});
afterAll(() => t.close());

describe('tenant isolation', () => {
  it('answers 404/403 on every route that takes an id of another organization, and changes nothing', async () => {
    const before = await snapshotOfA();
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    let checked = 0;
    for (const [path, methods] of Object.entries(doc.paths)) {
      if (!path.includes('{id}')) continue;
      for (const method of Object.keys(methods)) {
        for (const id of idsOfA) {
          const res = await t.app.inject({ method: method.toUpperCase() as 'GET', url: path.replace('{id}', id), headers: { cookie: b.cookie }, ...(method !== 'get' && method !== 'delete' ? { payload: {} } : {}) });
          expect([403, 404], `${method.toUpperCase()} ${path} with ${id} answered ${res.statusCode}: ${res.body}`).toContain(res.statusCode);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(4 * idsOfA.size);
    expect(await snapshotOfA()).toBe(before);
  });

  it('never lists another organization’s rows', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    for (const [path, methods] of Object.entries(doc.paths)) {
      if (path.includes('{') || !('get' in methods) || !path.startsWith('/api/')) continue;
      const res = await t.app.inject({ method: 'GET', url: path, headers: { cookie: b.cookie } });
      for (const id of idsOfA) expect(res.body, `GET ${path} shows ${id}`).not.toContain(id);
    }
  });

  it('refuses to attach another organization’s merchant or outlet', async () => {
    const outlet = await t.app.inject({ method: 'POST', url: '/api/outlets', headers: { cookie: b.cookie }, payload: { merchantId: a.merchantId, name: 'Sneaky', kind: 'shop' } });
    expect(outlet.statusCode).toBe(404);
    expect(outlet.json().error).toMatchObject({ code: 'merchant_not_found', details: { field: 'merchantId' } });
    const key = await t.app.inject({ method: 'POST', url: '/api/api-keys', headers: { cookie: b.cookie }, payload: { name: 'Sneaky', outletId: a.outletId } });
    expect(key.statusCode).toBe(404);
    const move = await t.app.inject({ method: 'PATCH', url: `/api/outlets/${b.outletId}`, headers: { cookie: b.cookie }, payload: { merchantId: a.merchantId } });
    expect(move.statusCode).toBe(404);
  });

  it('binds an API key to its own organization', async () => {
    const created = (await t.app.inject({ method: 'POST', url: '/api/api-keys', headers: { cookie: b.cookie }, payload: { name: 'B till', outletId: b.outletId } })).json();
    for (const id of idsOfA) {
      for (const url of [`/api/staff/${id}`, `/api/outlets/${id}`]) {
        const res = await t.app.inject({ method: 'PATCH', url, headers: { authorization: `Bearer ${created.secret}` }, payload: {} });
        expect([403, 404]).toContain(res.statusCode);
      }
    }
  });
});
