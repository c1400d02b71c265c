import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant, createTestApp, type Tenant, type TestApp } from '../../../test/support/app.js';

let t: TestApp;
let a: Tenant;
beforeAll(async () => {
  t = await createTestApp();
  a = await createTenant(t, { name: 'Салон', currency: 'RUB', timeZone: 'Europe/Moscow' });
  await t.app.inject({ method: 'PATCH', url: '/api/organization', headers: { cookie: a.cookie }, payload: { country: 'RU' } });
});
afterAll(() => t.close());

describe('customers (core)', () => {
  it('adds a person with local phone numbers normalized to E.164 and finds her by id', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/customers', headers: { cookie: a.cookie }, payload: {
      familyName: 'Иванова', givenNames: 'Анна', patronymic: 'Сергеевна', birthDate: '1985-04-12', gender: 'female',
      phones: ['8 (916) 123-45-67', '+7 916 123 45 67'], emails: ['Anna.Ivanova@Example.COM'],
    } });
    expect(res.statusCode).toBe(201);
    const c = res.json();
    expect(c).toMatchObject({ displayName: 'Иванова Анна Сергеевна', phones: ['+79161234567'], emails: ['Anna.Ivanova@example.com'], birthDate: '1985-04-12' });
    const got = await t.app.inject({ method: 'GET', url: `/api/customers/${c.id}`, headers: { cookie: a.cookie } });
    expect(got.json()).toEqual(c);
  });

  it('names the bad field and writes nothing', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/customers', headers: { cookie: a.cookie }, payload: { familyName: 'Петров', phones: ['+7 916 123 45 67', 'call me'] } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.issues[0].path).toBe('phones.1');
    const count = await t.db.db.selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('n')).where('family_name', '=', 'Петров').executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('requires a name and rejects a duplicate external id', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/api/customers', headers: { cookie: a.cookie }, payload: { phones: ['+79160000000'] } })).json().error.details.issues[0].path).toBe('familyName');
    await t.app.inject({ method: 'POST', url: '/api/customers', headers: { cookie: a.cookie }, payload: { familyName: 'A', externalId: 'X-1' } });
    const dup = await t.app.inject({ method: 'POST', url: '/api/customers', headers: { cookie: a.cookie }, payload: { familyName: 'B', externalId: 'X-1' } });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('external_id_taken');
  });
});
