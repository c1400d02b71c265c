// The SQL history scan against its plain TypeScript definition (domain/reference.ts) on a random but
// seeded history: times near midnight and across the daylight-saving changes, several receipts a day,
// refunds and cancellations, several outlets. Every per-customer fact and every month of activity must
// agree exactly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/modules/analytics/domain/clv/index.js';
import { dayOrThrow, isoWeekday } from '../../src/modules/analytics/domain/calendar.js';
import type { CustomerFacts } from '../../src/modules/analytics/domain/facts.js';
import { factsFromPurchases, type PlainPurchase } from '../../src/modules/analytics/domain/reference.js';
import { resolvePeriod } from '../../src/modules/analytics/period.js';
import { readSettings } from '../../src/modules/analytics/settings.js';
import { Sources, type History } from '../../src/modules/analytics/sources.js';
import { createCustomer } from '../../src/modules/customers/index.js';
import { localDate } from '../../src/platform/time.js';
import { createTenant, createTestApp, type Tenant, type TestApp } from '../support/app.js';

let t: TestApp;
let a: Tenant;
const plain: PlainPurchase[] = [];
const TZ = 'Europe/Tallinn';

beforeAll(async () => {
  t = await createTestApp({ now: '2026-03-15T10:00:00Z' });
  a = await createTenant(t, { name: 'Shop A', timeZone: TZ });
  const owner = { organizationId: a.organizationId, role: 'owner' as const, staffId: a.ownerId, apiKeyId: null, outletId: null };
  const ids: string[] = [];
  for (let i = 0; i < 40; i++) ids.push((await createCustomer(t.db.ctx, owner, { familyName: `Customer ${i}` })).id);
  const rng = seededRandom(7);
  const start = Date.parse('2024-03-01T00:00:00Z');
  const span = Date.parse('2026-03-14T21:59:00Z') - start;
  const values: unknown[] = [];
  for (let k = 0; k < 600; k++) {
    // Half the purchases within an hour of local midnight, where a UTC date would be wrong.
    let at = start + Math.floor(rng() * span);
    if (rng() < 0.5) at = Math.floor(at / 86_400_000) * 86_400_000 + 22 * 3_600_000 + Math.floor((rng() - 0.5) * 2 * 3_600_000);
    at = Math.min(at, start + span);
    const customer = ids[Math.floor(Math.pow(rng(), 2) * ids.length)] as string;
    const paid = 100 + Math.floor(rng() * 10_000);
    const s = rng();
    const status = s < 0.85 ? 'confirmed' : s < 0.92 ? 'partially_refunded' : s < 0.96 ? 'refunded' : 'cancelled';
    const refunded = status === 'partially_refunded' ? Math.floor(paid / 3) : status === 'refunded' ? paid : 0;
    values.push([customer, new Date(at), paid, refunded, status]);
    if (status === 'confirmed' || status === 'partially_refunded') plain.push({ customerId: customer, day: dayOrThrow(localDate(new Date(at), TZ), 'day'), net: paid - refunded });
    // Sometimes a second receipt the same minute.
    if (rng() < 0.1) {
      values.push([customer, new Date(at + 60_000), 500, 0, 'confirmed']);
      plain.push({ customerId: customer, day: dayOrThrow(localDate(new Date(at + 60_000), TZ), 'day'), net: 500 });
    }
  }
  for (const [k, v] of values.entries()) {
    const [customer, at, paid, refunded, status] = v as [string, Date, number, number, string];
    await t.db.pool.query(
      `INSERT INTO purchases (id, organization_id, customer_id, outlet_id, source, external_id, occurred_at, currency, subtotal, paid, refunded_paid, status)
       VALUES (gen_random_uuid(), $1, $2, $3, 'import', $4, $5, 'EUR', $6, $6, $7, $8)`, [a.organizationId, customer, a.outletId, `H-${k}`, at, paid, refunded, status]);
  }
});
afterAll(() => t.close());

async function sqlHistory(from: string, to: string, outletId: string | null = null): Promise<History> {
  const client = await t.db.pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const period = resolvePeriod({ from, to }, new Date('2026-03-15T10:00:00Z'), TZ);
    const sources = new Sources({
      client, scope: { organizationId: a.organizationId }, timeZone: TZ, currency: 'EUR', period, outletId, tag: null, settings: readSettings({}),
      lookup: { outlets: async () => new Map(), staff: async () => new Map() },
    });
    const history = await sources.history();
    await client.query('COMMIT');
    return history;
  } finally {
    client.release();
  }
}

function byCustomer(f: CustomerFacts) {
  const out = new Map<string, unknown>();
  f.ids.forEach((id, i) => {
    const a = f.activity;
    const months = [];
    for (let e = a.offsets[i]!; e < a.offsets[i + 1]!; e++) months.push([a.month[e], a.visits[e], a.revenue[e]]);
    out.set(id, {
      firstDay: f.firstDay[i], lastDay: f.lastDay[i], visits: f.visits[i], revenue: f.revenue[i], firstDayRevenue: f.firstDayRevenue[i],
      wRevenue: f.wRevenue[i], wReceipts: f.wReceipts[i], wVisits: f.wVisits[i], wFirstDay: f.wFirstDay[i], wLastDay: f.wLastDay[i], wSumSquares: f.wSumSquares[i],
      cut: f.cutVisits.map((c, k) => [c[i], f.cutLastDay[k]![i]]), months, firstMonth: a.firstMonth[i], visitsBefore: a.visitsBefore[i],
    });
  });
  return out;
}

describe('history scan', () => {
  it.each([['2025-03-15', '2026-03-14'], ['2024-03-01', '2026-03-14'], ['2025-10-26', '2025-10-26']])('agrees with the reference for %s … %s', async (from, to) => {
    const sql = (await sqlHistory(from, to)).facts;
    const settings = readSettings({});
    const toDay = dayOrThrow(to, 'to');
    const upTo = plain.filter((p) => p.day <= toDay);
    const expected = factsFromPurchases(upTo, sql.plan, sql.activity.spanStart, [toDay - settings.clv.holdoutWeeks * 7, toDay - settings.slipping.lookbackDays]);
    expect(sql.count).toBe(expected.count);
    expect(sql.count).toBeGreaterThan(30);
    expect(byCustomer(sql)).toEqual(byCustomer(expected));
  });
});

describe('seasonality totals of the history scan', () => {
  // The weekday and calendar-month totals of the same scan against the plain purchases: local days
  // (half the purchases within an hour of local midnight, across the daylight-saving changes).
  it.each([['2025-03-15', '2026-03-14'], ['2024-03-01', '2026-03-14'], ['2025-10-20', '2025-11-05']])('agree with the reference for %s … %s', async (from, to) => {
    const h = await sqlHistory(from, to, a.outletId);
    const fromDay = dayOrThrow(from, 'from');
    const toDay = dayOrThrow(to, 'to');
    const expected = new Map<number, { revenue: number; receipts: number }>();
    for (const p of plain) {
      if (p.day < fromDay || p.day > toDay) continue;
      const w = expected.get(isoWeekday(p.day)) ?? { revenue: 0, receipts: 0 };
      w.revenue += p.net;
      w.receipts += 1;
      expected.set(isoWeekday(p.day), w);
    }
    const got = new Map(h.weekdays.map((w) => [w.key, { revenue: w.revenue, receipts: w.receipts }]));
    expect(got).toEqual(expected);
    expect([...got.values()].reduce((s, w) => s + w.receipts, 0)).toBeGreaterThan(10);
  });
});
