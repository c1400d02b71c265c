// Custom fields and questionnaires: the owner defines them, staff fill them, each value is checked
// against its field's type, and a questionnaire is saved complete or not at all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant, createTestApp, type Tenant, type TestApp } from '../support/app.js';
import { addStaff, client } from './support.js';

let t: TestApp;
let a: Tenant;
let api: ReturnType<typeof client>;
const f: Record<string, string> = {};
let visa: string;
let customer: string;

beforeAll(async () => {
  t = await createTestApp();
  a = await createTenant(t, { name: 'Travel' });
  api = client(t, a.cookie);
  for (const [key, body] of Object.entries({
    purpose: { label: 'Purpose of trip', type: 'choice', options: ['Tourism', 'Business', 'Visiting family'] },
    countries: { label: 'Countries visited', type: 'multi_choice', options: ['FR', 'IT', 'ES', 'DE'] },
    nights: { label: 'Nights', type: 'number' },
    departure: { label: 'Departure date', type: 'date' },
    employer: { label: 'Employer', type: 'text' },
  })) f[key] = (await api.ok('POST', '/api/customer-fields', body)).id;
  visa = (await api.ok('POST', '/api/questionnaires', { name: 'Visa form — Schengen', fields: [
    { fieldId: f.purpose, required: true }, { fieldId: f.departure, required: true }, { fieldId: f.nights }, { fieldId: f.countries }, { fieldId: f.employer },
  ] })).id;
  customer = (await api.ok('POST', '/api/customers', { familyName: 'Иванова' })).id;
});
afterAll(() => t.close());

describe('custom fields', () => {
  it('derives keys from labels and refuses a second field with the same key', async () => {
    const fields = await api.ok('GET', '/api/customer-fields');
    expect(fields.items.map((x: { key: string }) => x.key)).toEqual(['purpose_of_trip', 'countries_visited', 'nights', 'departure_date', 'employer']);
    const dup = await api.call('POST', '/api/customer-fields', { label: 'Nights', type: 'number' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('field_key_taken');
    const noChoices = await api.call('POST', '/api/customer-fields', { label: 'Size', type: 'choice', options: [] });
    expect(noChoices.body.error.details.issues[0].path).toBe('options');
  });

  it('only owners and managers define fields and questionnaires', async () => {
    const cashier = await addStaff(t, a.cookie, 'cashier', 'cashier@travel.example');
    expect((await client(t, cashier.cookie).call('POST', '/api/customer-fields', { label: 'X', type: 'text' })).status).toBe(403);
    expect((await client(t, cashier.cookie).call('POST', '/api/questionnaires', { name: 'X', fields: [] })).status).toBe(403);
  });
});

describe('filling a questionnaire', () => {
  it('checks each value against its field type and names the field', async () => {
    const cases: [string, unknown, RegExp][] = [
      [f.nights!, 'many', /must be a number/],
      [f.departure!, '2026-02-30', /YYYY-MM-DD/],
      [f.purpose!, 'Shopping', /must be one of: Tourism, Business, Visiting family/],
      [f.countries!, ['FR', 'XX'], /"XX" is not a choice/],
      [f.employer!, 12, /must be text/],
    ];
    for (const [field, value, message] of cases) {
      const res = await api.call('PUT', `/api/customers/${customer}/field-values`, { values: { [field]: value } });
      expect(res.status, String(value)).toBe(400);
      expect(res.body.error.details.issues[0].path).toBe(`values.${field}`);
      expect(res.body.error.message).toMatch(message);
    }
    expect((await api.ok('GET', `/api/customers/${customer}/field-values`)).items).toEqual([]);
  });

  it('saves a complete form, by field id or key, and refuses an incomplete one entirely', async () => {
    const incomplete = await api.call('PUT', `/api/customers/${customer}/field-values`, { questionnaireId: visa, values: { purpose_of_trip: 'Tourism', nights: 7 } });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.error).toMatchObject({ code: 'questionnaire_incomplete', details: { missing: [f.departure] } });
    expect((await api.ok('GET', `/api/customers/${customer}/field-values`)).items).toEqual([]);
    const saved = await api.ok('PUT', `/api/customers/${customer}/field-values`, { questionnaireId: visa, values: { purpose_of_trip: 'Tourism', [f.departure!]: '2026-06-01', nights: '7', countries_visited: ['IT', 'FR', 'IT'] } });
    expect(Object.fromEntries(saved.items.map((v: { key: string; value: unknown }) => [v.key, v.value]))).toEqual({ purpose_of_trip: 'Tourism', countries_visited: ['FR', 'IT'], nights: 7, departure_date: '2026-06-01' });
    expect((await api.ok('GET', `/api/customers/${customer}/field-values?questionnaireId=${visa}`)).missingRequired).toEqual([]);
    const cleared = await api.ok('PUT', `/api/customers/${customer}/field-values`, { values: { nights: null } });
    expect(cleared.items.map((v: { key: string }) => v.key)).not.toContain('nights');
    const changes = await t.db.db.selectFrom('customer_profile_changes').select('changes').where('customer_id', '=', customer).where('action', '=', 'updated').execute();
    expect(changes.map((c) => Object.keys(c.changes))).toContainEqual(['fields.nights']);
  });

  it('keeps a choice that is somebody’s answer, and archives fields', async () => {
    const used = await api.call('PATCH', `/api/customer-fields/${f.purpose}`, { options: ['Business', 'Visiting family'] });
    expect(used.status).toBe(409);
    expect(used.body.error).toMatchObject({ code: 'choice_in_use', details: { choice: 'Tourism' } });
    const more = await api.ok('PATCH', `/api/customer-fields/${f.purpose}`, { options: ['Tourism', 'Business', 'Visiting family', 'Study'] });
    expect(more.options).toContain('Study');
    await api.ok('PATCH', `/api/customer-fields/${f.employer}`, { archived: true });
    const res = await api.call('PUT', `/api/customers/${customer}/field-values`, { values: { employer: 'ACME' } });
    expect(res.body.error.message).toMatch(/archived/);
  });

  it('shares a field between questionnaires: one fact, one value', async () => {
    const card = await api.ok('POST', '/api/questionnaires', { name: 'Card application form', fields: [{ fieldId: f.departure, required: true }] });
    expect((await api.ok('GET', `/api/customers/${customer}/field-values?questionnaireId=${card.id}`)).missingRequired).toEqual([]);
    const listed = await api.ok('GET', '/api/questionnaires');
    expect(listed.items.map((q: { name: string }) => q.name)).toEqual(['Card application form', 'Visa form — Schengen']);
  });
});
