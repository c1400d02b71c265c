// Profiles: edits (names recomputed, every change audited), the list with its filters and cursor,
// companies with contact persons, family and occasions, and the timeline other modules add to.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerTimelineSource } from '../../src/modules/customers/index.js';
import { createTenant, createTestApp, type Tenant, type TestApp } from '../support/app.js';
import { addStaff, client, qs } from './support.js';

let t: TestApp;
let a: Tenant;
let api: ReturnType<typeof client>;
let manager: { id: string; cookie: string };

beforeAll(async () => {
  t = await createTestApp();
  a = await createTenant(t, { name: 'Salon', currency: 'RUB', timeZone: 'Europe/Moscow' });
  api = client(t, a.cookie);
  await api.ok('PATCH', '/api/organization', { country: 'RU' });
  manager = await addStaff(t, a.cookie, 'manager', 'manager@salon.example');
});
afterAll(() => t.close());

describe('editing a profile', () => {
  it('recomputes the display name and search keys, replaces contacts, and audits each changed field', async () => {
    const c = await api.ok('POST', '/api/customers', { familyName: 'Петрова', givenNames: 'Ольга', phones: ['+7 916 000 11 22'], emails: ['olga@example.ru'] });
    t.db.clock.advance(60_000);
    const updated = await api.ok('PATCH', `/api/customers/${c.id}`, {
      familyName: 'Смирнова', phones: ['8 916 000-11-22', '+7 926 333 44 55'], tags: ['vip'], managerId: manager.id,
      preferences: 'Only mornings; green tea', hobbies: ['yoga'], addresses: ['Москва, Тверская 1'],
    });
    expect(updated).toMatchObject({
      displayName: 'Смирнова Ольга', phones: ['+79160001122', '+79263334455'], emails: ['olga@example.ru'], tags: ['vip'], managerId: manager.id,
      preferences: 'Only mornings; green tea', hobbies: ['yoga'], addresses: ['Москва, Тверская 1'],
    });
    const search = await api.ok('GET', `/api/customers/search?q=Smirnova`);
    expect(search.items.map((i: { id: string }) => i.id)).toContain(c.id);
    expect((await api.ok('GET', `/api/customers/search?q=Petrova`)).items.map((i: { id: string }) => i.id)).not.toContain(c.id);
    const changes = await t.db.db.selectFrom('customer_profile_changes').select(['action', 'changes', 'staff_id']).where('customer_id', '=', c.id).orderBy('at').execute();
    expect(changes.map((x) => x.action)).toEqual(['created', 'updated']);
    expect(changes[1]!.changes).toMatchObject({ familyName: { from: 'Петрова', to: 'Смирнова' }, phones: { from: ['+79160001122'], to: ['+79160001122', '+79263334455'] }, managerId: { from: null, to: manager.id } });
    expect(changes[1]!.changes).not.toHaveProperty('emails');
    expect(changes[1]!.staff_id).toBe(a.ownerId);
  });

  it('refuses to remove the last name and names the field', async () => {
    const c = await api.ok('POST', '/api/customers', { familyName: 'Кузнецова' });
    const res = await api.call('PATCH', `/api/customers/${c.id}`, { familyName: null });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0].path).toBe('familyName');
    const bad = await api.call('PATCH', `/api/customers/${c.id}`, { managerId: '00000000-0000-7000-8000-00000000ffff' });
    expect(bad.body.error).toMatchObject({ code: 'validation_failed', details: { issues: [{ path: 'managerId' }] } });
  });
});

describe('the list', () => {
  it('pages newest first with a cursor, and filters by tag, manager, kind and creation time', async () => {
    const t2 = await createTestApp({ now: '2026-01-01T00:00:00Z' });
    try {
      const b = await createTenant(t2);
      const api2 = client(t2, b.cookie);
      const ids: string[] = [];
      for (let i = 0; i < 7; i++) {
        t2.db.clock.advance(3_600_000);
        ids.push((await api2.ok('POST', '/api/customers', { familyName: `Person ${i}`, tags: i % 2 ? ['odd'] : [], kind: i === 6 ? 'company' : 'person', companyName: i === 6 ? 'Acme' : null })).id);
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: { id: string }[]; next: string | null } = await api2.ok('GET', `/api/customers?${qs({ limit: 3, cursor: cursor ?? undefined })}`);
        seen.push(...page.items.map((i) => i.id));
        cursor = page.next;
      } while (cursor);
      expect(seen).toEqual([...ids].reverse());
      expect((await api2.ok('GET', '/api/customers?tag=odd')).items.map((i: { id: string }) => i.id)).toEqual([ids[5], ids[3], ids[1]]);
      expect((await api2.ok('GET', '/api/customers?kind=company')).items.map((i: { id: string }) => i.id)).toEqual([ids[6]]);
      expect((await api2.ok('GET', `/api/customers?${qs({ createdFrom: '2026-01-01T02:00:00Z', createdTo: '2026-01-01T04:00:00Z' })}`)).items.map((i: { id: string }) => i.id)).toEqual([ids[2], ids[1]]);
    } finally {
      await t2.close();
    }
  });

  it('filters by manager', async () => {
    const mine = await api.ok('POST', '/api/customers', { familyName: 'Managed', managerId: manager.id });
    const list = await api.ok('GET', `/api/customers?managerId=${manager.id}`);
    expect(list.items.map((i: { id: string }) => i.id)).toContain(mine.id);
    expect(list.items.every((i: { managerId: string }) => i.managerId === manager.id)).toBe(true);
  });
});

describe('companies, families and occasions', () => {
  it('links contact persons with their role to a company, seen from both sides', async () => {
    const company = await api.ok('POST', '/api/customers', { kind: 'company', companyName: 'ООО «Ромашка»' });
    const person = await api.ok('POST', '/api/customers', { familyName: 'Сидоров', givenNames: 'Игорь' });
    const rel = await api.ok('POST', `/api/customers/${company.id}/relations`, { kind: 'contact_person', relatedCustomerId: person.id, role: 'Purchasing manager' });
    expect(rel).toMatchObject({ kind: 'contact_person', direction: 'outgoing', other: { id: person.id, displayName: 'Сидоров Игорь' }, role: 'Purchasing manager' });
    const fromPerson = await api.ok('GET', `/api/customers/${person.id}/relations`);
    expect(fromPerson.items).toEqual([expect.objectContaining({ kind: 'contact_person', direction: 'incoming', other: { id: company.id, displayName: 'ООО «Ромашка»' } })]);
    const wrong = await api.call('POST', `/api/customers/${person.id}/relations`, { kind: 'contact_person', relatedCustomerId: company.id });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details.issues[0].path).toBe('kind');
  });

  it('keeps a spouse, children with birthdays, and occasions', async () => {
    const mother = await api.ok('POST', '/api/customers', { familyName: 'Орлова', givenNames: 'Вера' });
    const husband = await api.ok('POST', '/api/customers', { familyName: 'Орлов', givenNames: 'Павел' });
    await api.ok('POST', `/api/customers/${mother.id}/relations`, { kind: 'spouse', relatedCustomerId: husband.id });
    await api.ok('POST', `/api/customers/${mother.id}/relations`, { kind: 'child', name: 'Маша', birthDate: '2018-09-01' });
    const anniversary = await api.ok('POST', `/api/customers/${mother.id}/occasions`, { kind: 'anniversary', label: 'Wedding', month: 6, day: 20, year: 2010 });
    expect((await api.call('POST', `/api/customers/${mother.id}/occasions`, { kind: 'other', month: 2, day: 30 })).status).toBe(400);
    const relations = await api.ok('GET', `/api/customers/${mother.id}/relations`);
    expect(relations.items.map((r: { kind: string; name: string | null; birthDate: string | null }) => [r.kind, r.name, r.birthDate])).toEqual([['spouse', null, null], ['child', 'Маша', '2018-09-01']]);
    expect((await api.ok('GET', `/api/customers/${mother.id}/occasions`)).items).toEqual([expect.objectContaining({ id: anniversary.id, month: 6, day: 20 })]);
    await api.ok('DELETE', `/api/customer-occasions/${anniversary.id}`);
    expect((await api.ok('GET', `/api/customers/${mother.id}/occasions`)).items).toEqual([]);
  });
});

describe('timeline', () => {
  it('merges interactions, consent, profile edits and other modules’ entries, newest first, page by page', async () => {
    registerTimelineSource({
      name: 'test.purchases',
      async entries(_db, _scope, customerId, { before, limit }) {
        const all = [1, 2].map((n) => ({ id: `00000000-0000-7000-8000-0000000fff0${n}`, at: new Date(Date.parse('2026-03-15T10:00:00Z') + n * 90_000), source: 'test.purchases', type: 'purchase', summary: `purchase ${n} of ${customerId.slice(-4)}`, staffId: null, data: { amount: n * 100 } }));
        return all.filter((e) => !before || e.at < before.at || (e.at.getTime() === before.at.getTime() && e.id < before.id)).reverse().slice(0, limit);
      },
    });
    const c = await api.ok('POST', '/api/customers', { familyName: 'Timeline' });
    t.db.clock.advance(60_000);
    await api.ok('POST', `/api/customers/${c.id}/interactions`, { kind: 'call', channel: 'phone', text: 'Asked about prices' });
    t.db.clock.advance(60_000);
    await api.ok('POST', `/api/customers/${c.id}/consents`, { channels: ['sms'], granted: true, source: 'till' });
    t.db.clock.advance(60_000);
    await api.ok('PATCH', `/api/customers/${c.id}`, { notes: 'prefers SMS' });
    const all = [];
    let cursor: string | null = null;
    do {
      const page: { items: { type: string; at: string }[]; next: string | null } = await api.ok('GET', `/api/customers/${c.id}/timeline?${qs({ limit: 2, cursor: cursor ?? undefined })}`);
      all.push(...page.items);
      cursor = page.next;
    } while (cursor);
    const now = Date.parse(t.db.clock.now().toISOString());
    // 10:04 edit; 10:03 consent and purchase 2 at the same instant (the larger id first); 10:02 call; 10:01:30 purchase 1; 10:01 created.
    expect(all.map((e) => e.type)).toEqual(['profile_updated', 'purchase', 'consent_given', 'call', 'purchase', 'profile_created']);
    expect(all.map((e) => Date.parse(e.at))).toEqual([...all.map((e) => Date.parse(e.at))].sort((x, y) => y - x));
    expect(Date.parse(all[0]!.at)).toBe(now);
  });
});
