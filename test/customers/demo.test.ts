// The demo: both businesses get their customers through the real service functions, quickly, and the
// salon's namesakes are there to be told apart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/app/demo/index.js';
import { searchCustomers } from '../../src/modules/customers/search/service.js';
import type { Actor } from '../../src/modules/tenancy/index.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';

let db: TestDatabase;
beforeAll(async () => { db = await createTestDatabase(); });
afterAll(() => db.drop());

describe('demo customers', () => {
  it('loads in well under 30 s with namesakes, families, consent and a complaint in each business', async () => {
    const started = performance.now();
    await loadDemo(db.ctx);
    expect(performance.now() - started).toBeLessThan(30_000);
    const owners = await db.db.selectFrom('staff').select(['organization_id', 'id', 'email']).where('role', '=', 'owner').execute();
    const salon = owners.find((o) => o.email === 'owner@lumiere.demo')!;
    const actor: Actor = { organizationId: salon.organization_id, role: 'owner', staffId: salon.id, apiKeyId: null, outletId: null };
    const found = await searchCustomers(db.ctx, actor, { q: 'Ivanova Anna', limit: 20 });
    expect(found.items.map((i) => i.patronymic)).toEqual(expect.arrayContaining(['Петровна', 'Сергеевна']));
    expect(found.distinguishing).toContain('birthDate');
    for (const o of owners) {
      const counts = await db.db.selectFrom('customer_interactions').select((eb) => eb.fn.countAll<number>().as('n')).where('organization_id', '=', o.organization_id).where('kind', '=', 'complaint').executeTakeFirstOrThrow();
      expect(Number(counts.n), o.email).toBe(1);
      const consents = await db.db.selectFrom('customer_consents').select('customer_id').where('organization_id', '=', o.organization_id).where('granted', '=', true).execute();
      expect(consents.length, o.email).toBeGreaterThan(3);
    }
    await loadDemo(db.ctx); // a second start adds nothing
    expect(Number((await db.db.selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)).toBeGreaterThanOrEqual(30);
  });
});
