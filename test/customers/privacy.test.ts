// Privacy requests: export everything held about one person (with other modules' parts), and erase on
// request — personal data gone, purchases kept anonymous for the totals, both logged with who and why.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canContact, registerCustomerDataHandler, useDocumentsKey } from '../../src/modules/customers/index.js';
import { sql } from '../../src/platform/db/database.js';
import { createTenant, createTestApp, type Tenant, type TestApp } from '../support/app.js';
import { addStaff, client } from './support.js';

let t: TestApp;
let a: Tenant;
let api: ReturnType<typeof client>;
let anna: string;
let merged: string;
const erasedByHandler: string[] = [];

beforeAll(async () => {
  t = await createTestApp();
  a = await createTenant(t, { name: 'Salon', currency: 'RUB', timeZone: 'Europe/Moscow' });
  api = client(t, a.cookie);
  useDocumentsKey(Buffer.alloc(32, 4));
  registerCustomerDataHandler({
    name: 'test.purchases',
    async export(db, scope, customerId) {
      return (await sql<{ external_id: string; paid: number }>`SELECT external_id, paid FROM purchases WHERE organization_id = ${scope.organizationId} AND customer_id = ${customerId} ORDER BY external_id`.execute(db)).rows;
    },
    async erase(_tx, _scope, customerId) { erasedByHandler.push(customerId); },
  });
  anna = (await api.ok('POST', '/api/customers', { familyName: 'Иванова', givenNames: 'Анна', birthDate: '1985-04-12', phones: ['+79161234567'], emails: ['anna@example.ru'], notes: 'Allergic to latex', tags: ['vip'], externalId: 'CRM-7' })).id;
  merged = (await api.ok('POST', '/api/customers', { familyNameLatin: 'IVANOVA', givenNamesLatin: 'ANNA', phones: ['+79167654321'] })).id;
  await api.ok('POST', `/api/customers/${anna}/merge`, { loserId: merged });
  await api.ok('POST', `/api/customers/${anna}/documents`, { type: 'passport', series: '4510', number: '123456' });
  await api.ok('POST', `/api/customers/${anna}/consents`, { channels: ['sms'], granted: true, source: 'paper form', note: 'signed at the desk' });
  await api.ok('POST', `/api/customers/${anna}/interactions`, { kind: 'call', text: 'Prefers Tuesdays, calls from work' });
  await api.ok('POST', `/api/customers/${anna}/relations`, { kind: 'child', name: 'Маша', birthDate: '2015-05-05' });
  const field = await api.ok('POST', '/api/customer-fields', { label: 'Hair colour', type: 'text' });
  await api.ok('PUT', `/api/customers/${anna}/field-values`, { values: { [field.id]: 'auburn' } });
  for (const [id, paid] of [['R-1', 150000], ['R-2', 50000]] as const) {
    await sql`INSERT INTO purchases (id, organization_id, customer_id, outlet_id, source, external_id, occurred_at, currency, subtotal, paid)
      VALUES (gen_random_uuid(), ${a.organizationId}, ${anna}, ${a.outletId}, 'checkout', ${id}, now(), 'RUB', ${paid}, ${paid})`.execute(t.db.db);
  }
});
afterAll(() => t.close());

describe('privacy export', () => {
  it('gives everything held about the person as JSON, merged profiles and other modules included, and logs it', async () => {
    const data = await api.ok('POST', `/api/customers/${anna}/privacy-export`, { reason: 'Request by e-mail of 14 March' });
    expect(data.customer).toMatchObject({ id: anna, familyName: 'Иванова', notes: 'Allergic to latex', phones: ['+79161234567', '+79167654321'] });
    expect(data.documents[0]).toMatchObject({ series: '4510', number: '123456' });
    expect(data.consent.history[0]).toMatchObject({ channel: 'sms', source: 'paper form', note: 'signed at the desk' });
    expect(data.interactions[0].text).toBe('Prefers Tuesdays, calls from work');
    expect(data.relations[0]).toMatchObject({ kind: 'child', name: 'Маша' });
    expect(data.questionnaireAnswers[0]).toMatchObject({ label: 'Hair colour', value: 'auburn' });
    expect(data.mergedProfiles.map((p: { customer: { id: string } }) => p.customer.id)).toEqual([merged]);
    expect(data.modules['test.purchases']).toEqual([{ external_id: 'R-1', paid: 150000 }, { external_id: 'R-2', paid: 50000 }]);
    const log = await t.db.db.selectFrom('audit_log').select(['action', 'actor_staff_id', 'details']).where('action', '=', 'customer.data_exported').executeTakeFirstOrThrow();
    expect(log).toMatchObject({ actor_staff_id: a.ownerId, details: { reason: 'Request by e-mail of 14 March' } });
  });

  it('is for owners and managers only', async () => {
    const cashier = await addStaff(t, a.cookie, 'cashier', 'cashier@salon.example');
    expect((await client(t, cashier.cookie).call('POST', `/api/customers/${anna}/privacy-export`, { reason: 'curious' })).status).toBe(403);
    expect((await client(t, cashier.cookie).call('POST', `/api/customers/${anna}/erase`, { reason: 'curious' })).status).toBe(403);
  });
});

describe('erasure', () => {
  it('removes the personal data of the person and their merged profiles, keeps purchases anonymous, and logs who and why', async () => {
    const totalBefore = await sql<{ paid: number; n: number }>`SELECT sum(paid)::int AS paid, count(*)::int AS n FROM purchases WHERE organization_id = ${a.organizationId}`.execute(t.db.db);
    const erased = await api.ok('POST', `/api/customers/${anna}/erase`, { reason: 'GDPR art. 17 request, ticket 42' });
    expect(erased).toMatchObject({ id: anna, erased: true, displayName: 'Erased customer', familyName: null, givenNames: null, birthDate: null, notes: null, tags: [], phones: [], emails: [], externalId: null });
    for (const id of [anna, merged]) {
      const row = await t.db.db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ family_name: null, family_name_latin: null, given_names: null, given_names_latin: null, search_keys: '', external_id: null });
      expect(row.erased_at).not.toBeNull();
    }
    const leftovers = await sql<{ n: number }>`
      SELECT (SELECT count(*) FROM customer_contacts WHERE customer_id IN (${anna}, ${merged}))
           + (SELECT count(*) FROM customer_documents WHERE customer_id IN (${anna}, ${merged}))
           + (SELECT count(*) FROM customer_field_values WHERE customer_id IN (${anna}, ${merged}))
           + (SELECT count(*) FROM customer_relations WHERE customer_id IN (${anna}, ${merged}))
           + (SELECT count(*) FROM customer_interactions WHERE customer_id IN (${anna}, ${merged}) AND text IS NOT NULL)
           + (SELECT count(*) FROM customer_merges WHERE survivor_id = ${anna} AND before IS NOT NULL)
           + (SELECT count(*) FROM customer_search_words WHERE word IN ('иванова', 'ivanova', 'анна', 'anna'))
           + (SELECT count(*) FROM customer_profile_changes WHERE customer_id IN (${anna}, ${merged}) AND action <> 'erased') AS n`.execute(t.db.db);
    expect(Number(leftovers.rows[0]!.n)).toBe(0);
    const totalAfter = await sql<{ paid: number; n: number }>`SELECT sum(paid)::int AS paid, count(*)::int AS n FROM purchases WHERE organization_id = ${a.organizationId}`.execute(t.db.db);
    expect(totalAfter.rows).toEqual(totalBefore.rows);
    const kept = await sql<{ customer_id: string }>`SELECT DISTINCT customer_id FROM purchases WHERE organization_id = ${a.organizationId}`.execute(t.db.db);
    expect(kept.rows).toEqual([{ customer_id: anna }]);
    expect(erasedByHandler.sort()).toEqual([anna, merged].sort());
    expect(await canContact(t.db.ctx, { organizationId: a.organizationId }, anna, 'sms')).toBe(false);
    expect((await api.ok('GET', '/api/customers/search?q=Ivanova')).items).toEqual([]);
    expect((await api.ok('GET', '/api/customers/search?q=%2B79161234567')).items).toEqual([]);
    const log = await t.db.db.selectFrom('audit_log').select(['actor_staff_id', 'details']).where('action', '=', 'customer.erased').executeTakeFirstOrThrow();
    expect(log).toMatchObject({ actor_staff_id: a.ownerId, details: { reason: 'GDPR art. 17 request, ticket 42', profiles: 2 } });
    const again = await api.call('POST', `/api/customers/${anna}/interactions`, { kind: 'call' });
    expect(again.status).toBe(410);
    expect(again.body.error.code).toBe('customer_erased');
  });
});
