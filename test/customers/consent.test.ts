// Consent per channel and `canContact`, the one question messaging asks before it sends anything.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canContact } from '../../src/modules/customers/index.js';
import { sql } from '../../src/platform/db/database.js';
import { createTenant, createTestApp, type Tenant, type TestApp } from '../support/app.js';
import { client } from './support.js';

let t: TestApp;
let a: Tenant;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  t = await createTestApp();
  a = await createTenant(t, { name: 'Shop' });
  api = client(t, a.cookie);
});
afterAll(() => t.close());

const scope = () => ({ organizationId: a.organizationId });

describe('consent', () => {
  it('says no without consent, yes after it is given, no after it is withdrawn', async () => {
    const c = (await api.ok('POST', '/api/customers', { familyName: 'Tamm', emails: ['tamm@example.ee'] })).id;
    expect(await canContact(t.db.ctx, scope(), c, 'email')).toBe(false);
    await api.ok('POST', `/api/customers/${c}/consents`, { channels: ['email', 'sms'], granted: true, source: 'paper form' });
    expect(await canContact(t.db.ctx, scope(), c, 'email')).toBe(true);
    expect(await canContact(t.db.ctx, scope(), c, 'sms')).toBe(true);
    expect(await canContact(t.db.ctx, scope(), c, 'post')).toBe(false);
    t.db.clock.advance(60_000);
    await api.ok('POST', `/api/customers/${c}/consents`, { channels: ['email'], granted: false, source: 'unsubscribe link', note: 'too many letters' });
    expect(await canContact(t.db.ctx, scope(), c, 'email')).toBe(false);
    expect(await canContact(t.db.ctx, scope(), c, 'sms')).toBe(true);
    const state = await api.ok('GET', `/api/customers/${c}/consents`);
    expect(state.current.find((x: { channel: string }) => x.channel === 'email')).toMatchObject({ granted: false, source: 'unsubscribe link' });
    expect(state.history.map((h: { channel: string; granted: boolean; source: string; staffId: string }) => [h.channel, h.granted, h.source, h.staffId])).toEqual([
      ['email', false, 'unsubscribe link', a.ownerId], ['sms', true, 'paper form', a.ownerId], ['email', true, 'paper form', a.ownerId],
    ]);
  });

  it('answers no for another organization’s customer and for an unknown id', async () => {
    const c = (await api.ok('POST', '/api/customers', { familyName: 'Saar' })).id;
    await api.ok('POST', `/api/customers/${c}/consents`, { channels: ['sms'], granted: true, source: 'web' });
    expect(await canContact(t.db.ctx, { organizationId: '00000000-0000-7000-8000-00000000beef' }, c, 'sms')).toBe(false);
    expect(await canContact(t.db.ctx, scope(), '00000000-0000-7000-8000-00000000beef', 'sms')).toBe(false);
  });

  it('takes a paper form signed earlier at its own date: a later withdrawal still wins', async () => {
    const c = (await api.ok('POST', '/api/customers', { familyName: 'Kask' })).id;
    await api.ok('POST', `/api/customers/${c}/consents`, { channels: ['phone'], granted: false, source: 'phone call' });
    await api.ok('POST', `/api/customers/${c}/consents`, { channels: ['phone'], granted: true, source: 'paper form', at: '2025-01-10T12:00:00Z' });
    expect(await canContact(t.db.ctx, scope(), c, 'phone')).toBe(false);
    const future = await api.call('POST', `/api/customers/${c}/consents`, { channels: ['phone'], granted: true, source: 'web', at: '2030-01-01T00:00:00Z' });
    expect(future.body.error.details.issues[0].path).toBe('at');
  });

  it('keeps the cached state equal to the latest event of the history, whatever the order of changes', async () => {
    const channels = ['email', 'sms', 'messenger', 'phone', 'post'] as const;
    const c = (await api.ok('POST', '/api/customers', { familyName: 'Property' })).id;
    await fc.assert(fc.asyncProperty(
      fc.array(fc.record({ channel: fc.constantFrom(...channels), granted: fc.boolean(), minutesAgo: fc.integer({ min: 0, max: 10_000 }) }), { minLength: 1, maxLength: 8 }),
      async (changes) => {
        for (const ch of changes) {
          await api.ok('POST', `/api/customers/${c}/consents`, { channels: [ch.channel], granted: ch.granted, source: 'test', at: new Date(t.db.clock.now().getTime() - ch.minutesAgo * 60_000).toISOString() });
        }
        const derived = await sql<{ channel: string; granted: boolean }>`
          SELECT DISTINCT ON (channel) channel, granted FROM customer_consent_events WHERE customer_id = ${c} ORDER BY channel, at DESC, id DESC`.execute(t.db.db);
        const cached = await t.db.db.selectFrom('customer_consents').select(['channel', 'granted']).where('customer_id', '=', c).orderBy('channel').execute();
        expect(cached).toEqual(derived.rows);
        for (const ch of channels) expect(await canContact(t.db.ctx, scope(), c, ch)).toBe(derived.rows.find((r) => r.channel === ch)?.granted ?? false);
      },
    ), { numRuns: 15 });
  });
});
