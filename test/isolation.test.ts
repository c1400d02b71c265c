// Tenant isolation: every route of the API, walked with a second organization's credentials against the
// first organization's rows, answers 404 or 403 and changes nothing. The walker reads the routes from
// the OpenAPI document, so a new route is covered the day it is added — add its entities to `seedA`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { duplicateScanJobHandler, useDocumentsKey } from '../src/modules/customers/index.js';
import { JobRunner } from '../src/platform/jobs.js';
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
  for (const id of await seedCustomersOfA(customer.id)) idsOfA.add(id);
  const upload = await t.app.inject({ method: 'POST', url: '/api/imports', headers: { ...h, 'content-type': 'text/csv' }, payload: 'Фамилия;Телефон\nПетрова;+372 5123 4568\n' });
  expect(upload.statusCode, upload.body).toBe(201);
  idsOfA.add(upload.json().id);
}

/** One of each entity of the customer base, so every customer route with {id} is walked with ids of A. */
async function seedCustomersOfA(customerId: string): Promise<string[]> {
  const post = async (url: string, payload: object) => {
    const res = await t.app.inject({ method: url.endsWith('/field-values') ? 'PUT' : 'POST', url, headers: { cookie: a.cookie }, payload });
    expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(300);
    return res.json();
  };
  useDocumentsKey(Buffer.alloc(32, 9));
  const company = await post('/api/customers', { kind: 'company', companyName: 'A company', phones: ['+372 5123 4567'] });
  const twin = await post('/api/customers', { familyName: 'Ivanova', givenNames: 'Anna', phones: ['+372 5123 4567'] });
  const relation = await post(`/api/customers/${customerId}/relations`, { kind: 'child', name: 'Child of A', birthDate: '2015-01-01' });
  const occasion = await post(`/api/customers/${customerId}/occasions`, { kind: 'name_day', month: 1, day: 2 });
  const document = await post(`/api/customers/${customerId}/documents`, { type: 'passport', number: '1234 567890' });
  await post(`/api/customers/${customerId}/consents`, { channels: ['sms'], granted: true, source: 'test' });
  const field = await post('/api/customer-fields', { label: 'Secret of A', type: 'text' });
  const questionnaire = await post('/api/questionnaires', { name: 'Form of A', fields: [{ fieldId: field.id }] });
  await post(`/api/customers/${customerId}/field-values`, { values: { [field.id]: 'value of A' } });
  const reasons = (await t.app.inject({ method: 'GET', url: '/api/complaint-reasons', headers: { cookie: a.cookie } })).json().items;
  const complaint = await post(`/api/customers/${customerId}/interactions`, { kind: 'complaint', text: 'Complaint of A', complaint: { reasonId: reasons[0].id } });
  const scan = await post('/api/duplicates/scan', {});
  const runner = new JobRunner(t.db.db, { clock: t.db.clock, ids: t.db.ctx.ids, log: t.db.ctx.log });
  runner.addHandler(duplicateScanJobHandler(t.db.ctx));
  await runner.tick();
  const duplicates = (await t.app.inject({ method: 'GET', url: '/api/duplicates', headers: { cookie: a.cookie } })).json().items;
  expect(duplicates.length).toBeGreaterThan(0);
  const loser = await post('/api/customers', { familyName: 'Merged away' });
  const merge = await post(`/api/customers/${twin.id}/merge`, { loserId: loser.id });
  return [scan.id, company.id, twin.id, relation.id, occasion.id, document.id, field.id, questionnaire.id, reasons[0].id, complaint.id, duplicates[0].id, loser.id, merge.id];
}

async function snapshotOfA() {
  const h = { cookie: a.cookie };
  const parts = await Promise.all(['/api/organization', '/api/merchants', '/api/outlets', '/api/staff', '/api/api-keys', '/api/customers', '/api/customer-fields', '/api/questionnaires', '/api/complaint-reasons', '/api/complaints', '/api/duplicates'].map(async (url) => (await t.app.inject({ method: 'GET', url, headers: h })).body));
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
