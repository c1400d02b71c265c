// Program economics from loyalty's points ledger: transfers written straight into the ledger tables
// (tests may), read back as points issued, spent, expired and taken back per month, the points
// outstanding and their value.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer } from '../../src/modules/customers/index.js';
import { createTenant, createTestApp, type Tenant, type TestApp } from '../support/app.js';
import { PERIOD, tallinn } from './fixture.js';

let t: TestApp;
let a: Tenant;

// Customer accounts (spendable, pending) and the program's system accounts. In local (Tallinn) time:
//   Dec 2025  issued → spendable 1000; spendable → redeemed 400          (before the period)
//   Jan       issued → pending 500 (accrual); pending → spendable 500 (unlock: no change in total)
//   Feb       spendable → redeemed 200; redeemed → spendable 50 (a refund returns points); spendable → expired 100
//   Mar       spendable → taken_back 30; issued → spendable 20 (an adjustment)
// Period Jan 1 – Mar 14: issued 520, spent 200 − 50 = 150, expired 100, taken back 30;
// breakage = 100 / (150 + 100) = 40%. Outstanding: 600 + 500 − 250 − 10 = 840 points; one purchase
// spent 200 points worth 100 (0.5 each) → liability 420.
const TRANSFERS: [string, string, string, number][] = [
  ['2025-12-05 12:00', 'issued', 'spendable', 1000], ['2025-12-20 12:00', 'spendable', 'redeemed', 400],
  ['2026-01-10 12:00', 'issued', 'pending', 500], ['2026-01-20 12:00', 'pending', 'spendable', 500],
  ['2026-02-05 12:00', 'spendable', 'redeemed', 200], ['2026-02-06 12:00', 'redeemed', 'spendable', 50], ['2026-02-28 12:00', 'spendable', 'expired', 100],
  ['2026-03-01 12:00', 'spendable', 'taken_back', 30], ['2026-03-02 12:00', 'issued', 'spendable', 20],
];

beforeAll(async () => {
  t = await createTestApp({ now: '2026-03-15T10:00:00Z' });
  a = await createTenant(t, { name: 'Shop A' });
  const q = (text: string, values: unknown[]) => t.db.pool.query(text, values);
  const customer = await createCustomer(t.db.ctx, { organizationId: a.organizationId, role: 'owner', staffId: a.ownerId, apiKeyId: null, outletId: null }, { familyName: 'Points' });
  const program = randomUUID();
  await q(`INSERT INTO loyalty_programs (id, organization_id, name, version, config, card_scheme, card_prefix, card_length) VALUES ($1, $2, 'Points', 1, '{}', 'ean13', '', 13)`, [program, a.organizationId]);
  const account: Record<string, string> = {};
  for (const kind of ['issued', 'redeemed', 'expired', 'taken_back', 'spendable', 'pending']) {
    account[kind] = randomUUID();
    const owner = kind === 'spendable' || kind === 'pending' ? customer.id : null;
    await q('INSERT INTO loyalty_accounts (id, organization_id, program_id, customer_id, kind) VALUES ($1, $2, $3, $4, $5)', [account[kind], a.organizationId, program, owner, kind]);
  }
  for (const [k, [local, from, to, amount]] of TRANSFERS.entries()) {
    await q(`INSERT INTO loyalty_transfers (organization_id, id, program_id, customer_id, debit_account_id, credit_account_id, amount, kind, operation_id, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, 'adjust', $2, $8)`, [a.organizationId, `test:${k}`, program, customer.id, account[from], account[to], amount, tallinn(local)]);
  }
  await q(`INSERT INTO purchases (id, organization_id, customer_id, outlet_id, source, external_id, occurred_at, currency, subtotal, points_spent, points_money, paid, status)
           VALUES (gen_random_uuid(), $1, $2, $3, 'checkout', 'P-1', $4, 'EUR', 1000, 200, 100, 900, 'confirmed')`, [a.organizationId, customer.id, a.outletId, tallinn('2026-02-05 12:00')]);
});
afterAll(() => t.close());

describe('points economics', () => {
  it('reads issued, spent, expired and taken-back points, the liability and the breakage', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/analytics/economics', query: PERIOD, headers: { cookie: a.cookie } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.summary.ledgerAvailable).toBe(true);
    expect(body.summary.points).toEqual({ outstanding: 840, pointValue: 0.5, liability: 420, issued: 520, spent: 150, expired: 100, takenBack: 30, breakage: 40 });
    expect(body.tables.points).toEqual([
      { month: '2026-01', issued: 500, spent: 0, expired: 0, takenBack: 0, breakage: null },
      { month: '2026-02', issued: 0, spent: 150, expired: 100, takenBack: 0, breakage: 40 },
      { month: '2026-03', issued: 20, spent: 0, expired: 0, takenBack: 30, breakage: null },
    ]);
  });

  it('leaves the points out under an outlet filter, where the ledger cannot follow', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/analytics/economics', query: { ...PERIOD, outletId: a.outletId }, headers: { cookie: a.cookie } });
    expect(res.json().summary).toMatchObject({ ledgerAvailable: false, points: null });
  });
});
