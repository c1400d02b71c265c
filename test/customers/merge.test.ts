// Duplicates and merging: the job proposes likely pairs with a score and reasons; a merge moves every
// row of the loser (and, through registered handlers, other modules' rows) to the survivor; the undo
// restores the loser and moves back exactly what moved.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canContact, customerJobs, duplicateScanJobHandler, registerCustomerMergeHandler, useDocumentsKey } from '../../src/modules/customers/index.js';
import { sql } from '../../src/platform/db/database.js';
import { JobRunner } from '../../src/platform/jobs.js';
import { createTenant, createTestApp, type Tenant, type TestApp } from '../support/app.js';
import { client } from './support.js';

let t: TestApp;
let a: Tenant;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  t = await createTestApp();
  a = await createTenant(t, { name: 'Salon', currency: 'RUB', timeZone: 'Europe/Moscow' });
  api = client(t, a.cookie);
  useDocumentsKey(Buffer.alloc(32, 3));
  await api.ok('PATCH', '/api/organization', { country: 'RU' });
  // Loyalty owns purchases; a merge reaches them only through a registered handler like this one.
  registerCustomerMergeHandler({
    name: 'test.purchases',
    async merge(tx, scope, loserId, survivorId) {
      const moved = await sql<{ id: string }>`UPDATE purchases SET customer_id = ${survivorId} WHERE organization_id = ${scope.organizationId} AND customer_id = ${loserId} RETURNING id`.execute(tx);
      return { ids: moved.rows.map((r) => r.id), loserId };
    },
    async undo(tx, scope, data) {
      const { ids, loserId } = data as { ids: string[]; loserId: string };
      if (ids.length) await sql`UPDATE purchases SET customer_id = ${loserId} WHERE organization_id = ${scope.organizationId} AND id = ANY(${ids}::uuid[])`.execute(tx);
    },
  });
});
afterAll(() => t.close());

const TABLES = ['customers', 'customer_contacts', 'customer_consent_events', 'customer_consents', 'customer_interactions', 'customer_documents', 'customer_field_values', 'customer_relations', 'customer_occasions', 'customer_duplicates', 'purchases'] as const;

/** Every row a merge may touch, as text, for comparing before and after (updated_at moves on purpose). */
async function snapshot(): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of TABLES) {
    const rows = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)} WHERE organization_id = ${a.organizationId} ORDER BY 1, 2, 3`.execute(t.db.db);
    out[table] = rows.rows.map(({ updated_at: _u, ...r }) => JSON.stringify(r));
  }
  return out;
}

async function purchase(customerId: string, externalId: string) {
  await sql`INSERT INTO purchases (id, organization_id, customer_id, outlet_id, source, external_id, occurred_at, currency, subtotal, paid)
    VALUES (gen_random_uuid(), ${a.organizationId}, ${customerId}, ${a.outletId}, 'checkout', ${externalId}, now(), 'RUB', 150000, 150000)`.execute(t.db.db);
}

describe('merge and undo', () => {
  it('moves everything to the survivor, and the undo restores exactly what was there', async () => {
    const field = await api.ok('POST', '/api/customer-fields', { label: 'Shoe size', type: 'number' });
    const shared = await api.ok('POST', '/api/customer-fields', { label: 'Favourite colour', type: 'text' });
    const survivor = await api.ok('POST', '/api/customers', { familyName: 'Иванова', givenNames: 'Анна', phones: ['+7 916 123 45 67'], emails: ['anna@example.ru'], tags: ['vip'] });
    const loser = await api.ok('POST', '/api/customers', { familyNameLatin: 'IVANOVA', givenNamesLatin: 'ANNA', birthDate: '1985-04-12', phones: ['8 916 123-45-67', '+7 926 000 00 01'], emails: ['a.ivanova@work.example'], tags: ['salon'], externalId: 'OLD-1', notes: 'Imported from the old system' });
    const friend = await api.ok('POST', '/api/customers', { familyName: 'Петров', givenNames: 'Илья' });
    await api.ok('POST', `/api/customers/${loser.id}/consents`, { channels: ['email'], granted: true, source: 'paper form' });
    await api.ok('POST', `/api/customers/${loser.id}/interactions`, { kind: 'call', text: 'Booked a haircut' });
    const reasons = (await api.ok('GET', '/api/complaint-reasons')).items;
    await api.ok('POST', `/api/customers/${loser.id}/interactions`, { kind: 'complaint', text: 'Too long a wait', complaint: { reasonId: reasons[1].id } });
    await api.ok('POST', `/api/customers/${loser.id}/documents`, { type: 'passport', series: '4510', number: '123456' });
    await api.ok('PUT', `/api/customers/${loser.id}/field-values`, { values: { [field.id]: 38, [shared.id]: 'green' } });
    await api.ok('PUT', `/api/customers/${survivor.id}/field-values`, { values: { [shared.id]: 'blue' } });
    await api.ok('POST', `/api/customers/${loser.id}/relations`, { kind: 'child', name: 'Маша', birthDate: '2015-05-05' });
    await api.ok('POST', `/api/customers/${friend.id}/relations`, { kind: 'spouse', relatedCustomerId: loser.id });
    await api.ok('POST', `/api/customers/${loser.id}/occasions`, { kind: 'name_day', month: 2, day: 3 });
    await purchase(loser.id, 'R-1');
    await purchase(loser.id, 'R-2');
    await purchase(survivor.id, 'R-3');
    const scan = await api.ok('POST', '/api/duplicates/scan');
    const runner = new JobRunner(t.db.db, { clock: t.db.clock, ids: t.db.ctx.ids, log: t.db.ctx.log });
    runner.addHandler(duplicateScanJobHandler(t.db.ctx));
    await runner.tick();
    expect((await api.ok('GET', `/api/duplicates/scans/${scan.id}`)).result.proposed).toBeGreaterThanOrEqual(1);
    const proposal = (await api.ok('GET', `/api/duplicates?customerId=${survivor.id}`)).items[0];
    expect(proposal.reasons.map((r: { kind: string }) => r.kind)).toEqual(['phone']);
    const before = await snapshot();

    const preview = await api.ok('GET', `/api/customers/${survivor.id}/merge-preview?loserId=${loser.id}`);
    expect(preview.fields.find((f: { field: string }) => f.field === 'birthDate')).toEqual({ field: 'birthDate', survivor: null, loser: '1985-04-12', choice: 'loser' });
    expect(preview.loserRows).toMatchObject({ contacts: 3, interactions: 2, documents: 1, fieldValues: 2, consentEvents: 1 });
    t.db.clock.advance(60_000);
    const merge = await api.ok('POST', `/api/customers/${survivor.id}/merge`, { loserId: loser.id, choices: { notes: 'loser', externalId: 'loser', givenNames: 'survivor' } });
    expect(merge).toMatchObject({ survivorId: survivor.id, loserId: loser.id, otherModules: ['loyalty', 'test.purchases'], undoable: true });
    expect(merge.moved).toMatchObject({ customer_contacts: 2, customer_interactions: 2, customer_documents: 1, customer_field_values: 1, customer_consent_events: 1, customer_relations: 1, customer_occasions: 1, customer_duplicates: 1 });

    const merged = await api.ok('GET', `/api/customers/${survivor.id}`);
    expect(merged).toMatchObject({
      displayName: 'Иванова Анна', birthDate: '1985-04-12', externalId: 'OLD-1', notes: 'Imported from the old system', tags: ['vip', 'salon'],
      phones: ['+79161234567', '+79260000001'], emails: ['anna@example.ru', 'a.ivanova@work.example'],
    });
    expect(await api.ok('GET', `/api/customers/${loser.id}`)).toMatchObject({ id: survivor.id });
    expect(await canContact(t.db.ctx, { organizationId: a.organizationId }, survivor.id, 'email')).toBe(true);
    expect(await canContact(t.db.ctx, { organizationId: a.organizationId }, loser.id, 'email')).toBe(false);
    expect((await api.ok('GET', `/api/customers/${survivor.id}/interactions`)).items).toHaveLength(2);
    expect((await api.ok('GET', `/api/customers/${survivor.id}/documents`)).items).toHaveLength(1);
    const values = (await api.ok('GET', `/api/customers/${survivor.id}/field-values`)).items;
    expect(Object.fromEntries(values.map((v: { key: string; value: unknown }) => [v.key, v.value]))).toEqual({ shoe_size: 38, favourite_colour: 'blue' });
    expect((await api.ok('GET', `/api/customers/${friend.id}/relations`)).items[0].other.id).toBe(survivor.id);
    const purchases = await sql<{ customer_id: string }>`SELECT customer_id FROM purchases WHERE organization_id = ${a.organizationId}`.execute(t.db.db);
    expect(purchases.rows.every((p) => p.customer_id === survivor.id)).toBe(true);
    expect((await api.ok('GET', '/api/customers/search?q=Ivanova')).items.map((i: { id: string }) => i.id)).toEqual([survivor.id]);
    const write = await api.call('PATCH', `/api/customers/${loser.id}`, { notes: 'x' });
    expect(write.status).toBe(409);
    expect(write.body.error).toMatchObject({ code: 'customer_merged', details: { survivorId: survivor.id } });
    const audited = await t.db.db.selectFrom('audit_log').select(['action', 'details']).where('action', '=', 'customer.merged').executeTakeFirstOrThrow();
    expect(audited.details).toMatchObject({ loserId: loser.id, choices: { notes: 'loser' } });

    t.db.clock.advance(60_000);
    const undone = await api.ok('POST', `/api/merges/${merge.id}/undo`);
    expect(undone).toMatchObject({ undoable: false, keptEdits: [] });
    expect(await snapshot()).toEqual(before);
    expect((await api.ok('GET', `/api/customers/${loser.id}`)).id).toBe(loser.id);
    expect((await api.call('POST', `/api/merges/${merge.id}/undo`)).body.error.code).toBe('merge_already_undone');
  });

  it('keeps an edit made after the merge when undoing it', async () => {
    const s = await api.ok('POST', '/api/customers', { familyName: 'Tamm', notes: null });
    const l = await api.ok('POST', '/api/customers', { familyName: 'Tamm', notes: 'old note', source: 'import' });
    const merge = await api.ok('POST', `/api/customers/${s.id}/merge`, { loserId: l.id });
    await api.ok('PATCH', `/api/customers/${s.id}`, { notes: 'written after the merge' });
    const undone = await api.ok('POST', `/api/merges/${merge.id}/undo`);
    expect(undone.keptEdits).toEqual(['notes']);
    expect(await api.ok('GET', `/api/customers/${s.id}`)).toMatchObject({ notes: 'written after the merge', source: null });
    expect(await api.ok('GET', `/api/customers/${l.id}`)).toMatchObject({ notes: 'old note', source: 'import', mergedIntoId: null });
  });

  it('refuses what cannot be merged and an undo out of order', async () => {
    const p = await api.ok('POST', '/api/customers', { familyName: 'Person' });
    const c = await api.ok('POST', '/api/customers', { kind: 'company', companyName: 'Company' });
    expect((await api.call('POST', `/api/customers/${p.id}/merge`, { loserId: c.id })).body.error.code).toBe('merge_kind_mismatch');
    expect((await api.call('POST', `/api/customers/${p.id}/merge`, { loserId: p.id })).status).toBe(400);
    const x = await api.ok('POST', '/api/customers', { familyName: 'X' });
    const y = await api.ok('POST', '/api/customers', { familyName: 'Y' });
    const z = await api.ok('POST', '/api/customers', { familyName: 'Z' });
    const first = await api.ok('POST', `/api/customers/${y.id}/merge`, { loserId: x.id });
    await api.ok('POST', `/api/customers/${z.id}/merge`, { loserId: y.id });
    expect(await api.ok('GET', `/api/customers/${x.id}`)).toMatchObject({ id: z.id });
    expect((await api.call('POST', `/api/merges/${first.id}/undo`)).body.error.code).toBe('merge_undo_blocked');
  });
});

describe('duplicate proposals', () => {
  it('proposes pairs by phone, e-mail, document and similar name with the same birth date, with scores, and keeps dismissals', async () => {
    const t2 = await createTestApp({ now: '2026-05-01T10:00:00Z' });
    try {
      const b = await createTenant(t2, { name: 'Dupes' });
      const api2 = client(t2, b.cookie);
      await api2.ok('PATCH', '/api/organization', { country: 'EE' });
      const mk = (p: object) => api2.ok('POST', '/api/customers', p);
      const byPhone = [await mk({ familyName: 'Kask', phones: ['+372 5123 0001'] }), await mk({ familyName: 'Saar', phones: ['+37251230001'] })];
      const byEmail = [await mk({ familyName: 'Ilves', emails: ['Mari.Ilves@Example.ee'] }), await mk({ familyName: 'Lepik', emails: ['Mari.Ilves@example.ee'.toLowerCase()] })];
      const byDoc = [await mk({ familyName: 'Mets' }), await mk({ familyName: 'Metsa' })];
      for (const c of byDoc) await api2.ok('POST', `/api/customers/${c.id}/documents`, { type: 'national_id', number: '38001010001' });
      const byName = [await mk({ familyName: 'Иванова', givenNames: 'Анна', birthDate: '1985-04-12' }), await mk({ familyNameLatin: 'Ivanova', givenNamesLatin: 'Anna', birthDate: '1985-04-12' })];
      const stranger = await mk({ familyName: 'Петров', givenNames: 'Пётр', birthDate: '1985-04-12' });
      // The job, as a node runs it: recent changes wait a couple of minutes before they are looked at.
      const jobs = new JobRunner(t2.db.db, { clock: t2.db.clock, ids: t2.db.ctx.ids, log: t2.db.ctx.log });
      for (const job of customerJobs(t2.db.ctx)) jobs.addRecurring(job);
      await jobs.tick();
      expect((await api2.ok('GET', '/api/duplicates')).items).toEqual([]);
      t2.db.clock.advance(10 * 60_000);
      await jobs.tick();
      const found = (await api2.ok('GET', '/api/duplicates')).items as { id: string; score: number; reasons: { kind: string }[]; a: { id: string }; b: { id: string } }[];
      const pairOf = (x: { id: string }, y: { id: string }) => found.find((d) => [d.a.id, d.b.id].sort().join() === [x.id, y.id].sort().join());
      expect(pairOf(byPhone[0], byPhone[1])).toMatchObject({ score: 70, reasons: [{ kind: 'phone' }] });
      expect(pairOf(byEmail[0], byEmail[1])).toMatchObject({ score: 65, reasons: [{ kind: 'email' }] });
      expect(pairOf(byDoc[0], byDoc[1])).toMatchObject({ score: 95, reasons: [{ kind: 'document' }] });
      expect(pairOf(byName[0], byName[1])?.reasons[0]).toMatchObject({ kind: 'name_birth_date' });
      expect(pairOf(byName[0], stranger)).toBeUndefined();
      expect(found.map((d) => d.score)).toEqual([...found.map((d) => d.score)].sort((x, y) => y - x));
      const phonePair = pairOf(byPhone[0], byPhone[1])!;
      await api2.ok('POST', `/api/duplicates/${phonePair.id}/dismiss`);
      await api2.ok('PATCH', `/api/customers/${byPhone[1].id}`, { notes: 'touched' });
      t2.db.clock.advance(10 * 60_000);
      await jobs.tick();
      expect((await api2.ok('GET', '/api/duplicates')).items.map((d: { id: string }) => d.id)).not.toContain(phonePair.id);
      expect((await api2.ok('GET', '/api/duplicates?status=dismissed')).items.map((d: { id: string }) => d.id)).toEqual([phonePair.id]);
    } finally {
      await t2.close();
    }
  });
});
