// A small purchase history, written straight into `purchases` (tests may; the product never does), for
// the analytics integration tests. Organization A is in Tallinn (UTC+2 in winter), so local dates and
// UTC dates differ around midnight — Clara's two purchases straddle the new year only locally.
//
//  #   who      local time              outlet  paid    refunded  status               counted in the period 2026-01-01 … 2026-03-14
//  1   Anna     2025-11-10 12:00        main    10000                                  no (before the period)
//  2   Anna     2026-01-05 12:00        main    20000             (cost 12000, discount 2000 on 22000)   yes
//  3   Anna     2026-02-10 12:00        main    15000   5000      partially_refunded   yes, 10000
//  4   Anna     2026-03-01 12:00        main     5000                                  yes
//  5   Boris    2026-01-20 10:00        main     8000                                  yes } one purchase day
//  6   Boris    2026-01-20 18:00        main     2000                                  yes }
//  7   Boris    2026-03-10 12:00        main     4000             cancelled            no
//  8   Clara    2025-12-31 23:30        main     3000                                  no (December locally; 21:30 UTC)
//  9   Clara    2026-01-01 00:30        main     7000                                  yes (January locally; 22:30 UTC on 31 Dec)
// 10   Dmitri   2026-02-14 12:00        second  50000             (cost 30000)         yes
// 11   Eva      2026-02-20 12:00        main     6000   6000      refunded             no
// 12   —        2026-01-15 12:00        main     1000                                  yes, anonymous
// 13   —        2026-02-15 12:00        main     2000                                  yes, anonymous
// 14   Anna     2026-01-07 12:00        main    99999  (in USD)                        no (another currency)
// 15   B's customer  2026-01-10         B's     77777                                  never in A's figures
//
// In the period: Anna 35000 over 3 days, Boris 10000 (2 receipts, 1 day), Clara 7000, Dmitri 50000;
// customers 102000, anonymous 3000. Tags: Anna and Clara are "vip".
import { createCustomer } from '../../src/modules/customers/index.js';
import type { Actor } from '../../src/modules/tenancy/index.js';
import type { Tenant, TestApp } from '../support/app.js';

export interface Row {
  who: string | null; local: string; paid: number; refunded?: number; status?: string; outlet?: 'main' | 'second'; cost?: number; discount?: number; currency?: string;
}

/** Local wall time in Tallinn (UTC+2 all winter) to an instant. */
export const tallinn = (local: string) => new Date(`${local.replace(' ', 'T')}:00+02:00`);

export const ROWS: Row[] = [
  { who: 'Anna', local: '2025-11-10 12:00', paid: 10000 },
  { who: 'Anna', local: '2026-01-05 12:00', paid: 20000, cost: 12000, discount: 2000 },
  { who: 'Anna', local: '2026-02-10 12:00', paid: 15000, refunded: 5000, status: 'partially_refunded' },
  { who: 'Anna', local: '2026-03-01 12:00', paid: 5000 },
  { who: 'Boris', local: '2026-01-20 10:00', paid: 8000 },
  { who: 'Boris', local: '2026-01-20 18:00', paid: 2000 },
  { who: 'Boris', local: '2026-03-10 12:00', paid: 4000, status: 'cancelled' },
  { who: 'Clara', local: '2025-12-31 23:30', paid: 3000 },
  { who: 'Clara', local: '2026-01-01 00:30', paid: 7000 },
  { who: 'Dmitri', local: '2026-02-14 12:00', paid: 50000, outlet: 'second', cost: 30000 },
  { who: 'Eva', local: '2026-02-20 12:00', paid: 6000, refunded: 6000, status: 'refunded' },
  { who: null, local: '2026-01-15 12:00', paid: 1000 },
  { who: null, local: '2026-02-15 12:00', paid: 2000 },
  { who: 'Anna', local: '2026-01-07 12:00', paid: 99999, currency: 'USD' },
];

export const PERIOD = { from: '2026-01-01', to: '2026-03-14' };

export interface Seeded { customers: Record<string, string>; secondOutletId: string; bCustomerId: string }

const owner = (t: Tenant): Actor => ({ organizationId: t.organizationId, role: 'owner', staffId: t.ownerId, apiKeyId: null, outletId: null });

let serial = 0;
async function insert(t: TestApp, organizationId: string, customerId: string | null, outletId: string, r: Row): Promise<void> {
  const discount = r.discount ?? 0;
  await t.db.pool.query(
    `INSERT INTO purchases (id, organization_id, customer_id, outlet_id, source, external_id, occurred_at, currency, subtotal, discount, paid, cost, refunded_paid, status)
     VALUES (gen_random_uuid(), $1, $2, $3, 'import', $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [organizationId, customerId, outletId, `T-${++serial}`, tallinn(r.local), r.currency ?? 'EUR', r.paid + discount, discount, r.paid, r.cost ?? null, r.refunded ?? 0, r.status ?? 'confirmed'],
  );
}

export async function seedHistory(t: TestApp, a: Tenant, b: Tenant): Promise<Seeded> {
  const customers: Record<string, string> = {};
  for (const name of ['Anna', 'Boris', 'Clara', 'Dmitri', 'Eva']) {
    const c = await createCustomer(t.db.ctx, owner(a), { givenNames: name, familyName: 'Tamm', tags: name === 'Anna' || name === 'Clara' ? ['vip'] : [] });
    customers[name] = c.id;
  }
  const second = await t.app.inject({ method: 'POST', url: '/api/outlets', headers: { cookie: a.cookie }, payload: { merchantId: a.merchantId, name: 'Second shop', kind: 'shop' } });
  const secondOutletId = second.json().id as string;
  for (const r of ROWS) await insert(t, a.organizationId, r.who ? customers[r.who] as string : null, r.outlet === 'second' ? secondOutletId : a.outletId, r);
  const bCustomer = await createCustomer(t.db.ctx, owner(b), { givenNames: 'Bertha', familyName: 'B' });
  await insert(t, b.organizationId, bCustomer.id, b.outletId, { who: 'B', local: '2026-01-10 12:00', paid: 77777 });
  return { customers, secondOutletId, bCustomerId: bCustomer.id };
}
