// The analytics measures on the demo businesses (src/app/demo): a dozen loyalty members each with a
// year of checkout receipts — the small, real-looking history an owner sees first — and on even
// smaller ones. Every measure must answer (no 500 on a small history), and the figures must add up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/app/demo/index.js';
import { MEASURE_NAMES } from '../../src/modules/analytics/index.js';
import { createCustomer } from '../../src/modules/customers/index.js';
import { createTenant, createTestApp, loginCookie, type Tenant, type TestApp } from '../support/app.js';

let t: TestApp;
const owners: { organization: string; cookie: string }[] = [];
beforeAll(async () => {
  t = await createTestApp({ now: '2026-03-15T10:00:00Z' });
  for (const l of (await loadDemo(t.db.ctx)).filter((x) => x.role === 'owner')) owners.push({ organization: l.organization, cookie: await loginCookie(t, l.email, l.password) });
}, 120_000);
afterAll(() => t.close());

async function get(cookie: string, measure: string, query: Record<string, string> = {}) {
  const res = await t.app.inject({ method: 'GET', url: `/api/analytics/${measure}`, query, headers: { cookie } });
  return { status: res.statusCode, body: res.json() };
}

describe('analytics on the demo businesses', () => {
  it('answers every measure, all at once and one by one', async () => {
    expect(owners).toHaveLength(2);
    for (const o of owners) {
      const report = await t.app.inject({ method: 'GET', url: '/api/analytics/report', headers: { cookie: o.cookie } });
      expect(report.statusCode, `${o.organization}: ${report.body.slice(0, 200)}`).toBe(200);
      expect(report.json().measures.map((m: { measure: string }) => m.measure)).toEqual(MEASURE_NAMES);
    }
  });

  it('CLV: a model on eight customers, with its hold-out check and the warnings a small history deserves', async () => {
    for (const o of owners) {
      const { status, body } = await get(o.cookie, 'clv');
      expect(status).toBe(200);
      const s = body.summary;
      expect(s).toMatchObject({ available: true, reason: null, customers: 8 });
      expect(s.warnings).toContain('few_customers');
      // The hold-out refit runs to the edge of the parameter space on this history; its prediction is
      // still a number (before, it was NaN and the answer a 500).
      expect(s.holdout.status).toBe('ok');
      expect(Number.isFinite(s.holdout.predicted)).toBe(true);
      expect(s.holdout.predicted).toBeGreaterThan(0);
      expect(s.holdout.actual).toBeGreaterThan(0);
      expect(Number.isFinite(s.totalClv)).toBe(true);
      expect(body.tables.top).toHaveLength(8);
    }
  });

  it('outlets: the demo receipts are rung up at the outlets, so the outlet filter splits the revenue', async () => {
    for (const o of owners) {
      const outlets = (await t.app.inject({ method: 'GET', url: '/api/outlets', headers: { cookie: o.cookie } })).json().items as { id: string }[];
      const whole = (await get(o.cookie, 'seasonality')).body.summary.revenue as number;
      let sum = 0;
      for (const outlet of outlets) {
        const part = (await get(o.cookie, 'seasonality', { outletId: outlet.id })).body.summary.revenue as number;
        expect(part, o.organization).toBeGreaterThan(0);
        sum += part;
      }
      expect(sum).toBe(whole);
    }
  });

  it('seasonality: the weekdays add up to the period, and every weekday with sales shows them', async () => {
    for (const o of owners) {
      const { body } = await get(o.cookie, 'seasonality');
      const days = body.tables.weekdays as { weekday: number; revenue: number; receipts: number }[];
      expect(days.map((d) => d.weekday)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      expect(days.reduce((sum, d) => sum + d.revenue, 0)).toBe(body.summary.revenue);
      expect(days.reduce((sum, d) => sum + d.receipts, 0)).toBe(body.summary.receipts);
      expect(days.filter((d) => d.receipts > 0).length).toBeGreaterThan(4);
    }
  });

  it('economics: the discount given splits by the mechanic that gave it and adds up to the total', async () => {
    for (const o of owners) {
      const { body } = await get(o.cookie, 'economics');
      const rows = body.tables.mechanics as { mechanic: string; discount: number; share: number; receipts: number }[];
      expect(rows.reduce((sum, r) => sum + r.discount, 0)).toBe(body.summary.discount);
      expect(body.summary.discountByMechanic.tier).toBeGreaterThan(0);
      expect(body.summary.discountByMechanic).not.toHaveProperty('unattributed');
    }
  });

  it('ladder: the advocate step is unknown (null, with the reason), not an empty step', async () => {
    const { body } = await get(owners[0]!.cookie, 'ladder');
    expect(body.summary).toMatchObject({ advocatesKnown: false, advocates: null, advocatesReason: 'no_referral_or_nps_data' });
    expect(body.tables.steps.find((r: { step: string }) => r.step === 'advocate')).toEqual({ step: 'advocate', customers: null, share: null });
    expect(body.tables.series.every((r: { advocate: number | null }) => r.advocate === null)).toBe(true);
    expect(body.columns.steps.find((c: { key: string }) => c.key === 'customers').nullable).toBe(true);
  });
});

describe('discount by mechanic from the stored receipts', () => {
  it('splits each receipt\'s discount by the mechanic that won each line, the till\'s promotions, and what imports do not say', async () => {
    const a = await createTenant(t, { name: 'Mechanics' });
    const insert = async (id: string, discount: number, result: unknown, status = 'confirmed') => t.db.pool.query(
      `INSERT INTO purchases (id, organization_id, customer_id, outlet_id, source, external_id, occurred_at, currency, subtotal, discount, paid, status, result)
       VALUES (gen_random_uuid(), $1, NULL, $2, $3, $4, $5, 'EUR', 10000, $6, $7, $8, $9)`,
      [a.organizationId, a.outletId, result === null ? 'import' : 'checkout', id, new Date('2026-02-10T12:00:00Z'), discount, 10000 - discount, status, result === null ? null : JSON.stringify(result)]);
    const applied = (mechanic: string | null, amount: number) => ({ mechanic, bp: 500, amount, uncappedAmount: amount, cappedBy: null });
    // The whole ReceiptResult (rows written before loyalty's compact form) …
    await insert('A', 600, { lines: [{ applied: applied('tier', 300), promotionDiscount: 0 }, { applied: applied('club', 200), promotionDiscount: 100 }], totals: {} });
    // … and the compact form (v 2), which keeps lines[].applied and lines[].promotionDiscount where they were.
    await insert('B', 200, { v: 2, offers: [], lines: [{ applied: applied('cumulative', 150), promotionDiscount: 50, line: [0] }, { applied: applied(null, 0), promotionDiscount: 0, line: [1] }], totals: [] });
    await insert('C', 70, null); // imported: nobody knows which mechanic
    await insert('D', 0, { lines: [{ applied: applied(null, 0), promotionDiscount: 0 }] });
    await insert('E', 999, { lines: [{ applied: applied('tier', 999), promotionDiscount: 0 }] }, 'cancelled');
    const { status, body } = await get(a.cookie, 'economics', { from: '2026-01-01', to: '2026-03-14' });
    expect(status).toBe(200);
    expect(body.summary.discount).toBe(870);
    expect(body.summary.discountByMechanic).toEqual({ tier: 300, cumulative: 150, club: 200, promotion: 150, unattributed: 70 });
    expect(body.tables.mechanics.map((r: { mechanic: string; discount: number; receipts: number }) => [r.mechanic, r.discount, r.receipts]))
      .toEqual([['tier', 300, 1], ['cumulative', 150, 1], ['club', 200, 1], ['promotion', 150, 2], ['unattributed', 70, 1]]);
    expect(body.tables.mechanics[0].share).toBeCloseTo(300 / 870, 12);
  });
});

describe('seasonality by weekday on odd dates', () => {
  it('a sale before 1970 (an old or mistyped import) has its weekday too, not a failed report', async () => {
    const a = await createTenant(t, { name: 'Old imports', timeZone: 'UTC' });
    // 1969-12-28 was a Sunday, 1970-01-01 a Thursday, 1970-01-05 a Monday.
    for (const [k, at] of ['1969-12-28', '1970-01-01', '1970-01-05'].entries()) {
      await t.db.pool.query(
        `INSERT INTO purchases (id, organization_id, customer_id, outlet_id, source, external_id, occurred_at, currency, subtotal, paid, status)
         VALUES (gen_random_uuid(), $1, NULL, $2, 'import', $3, $4, 'EUR', $5, $5, 'confirmed')`, [a.organizationId, a.outletId, `old-${k}`, new Date(`${at}T12:00:00Z`), 100 * (k + 1)]);
    }
    const { status, body } = await get(a.cookie, 'seasonality', { from: '1969-12-01', to: '1970-01-31' });
    expect(status).toBe(200);
    expect(body.tables.weekdays.map((w: { revenue: number }) => w.revenue)).toEqual([300, 0, 0, 200, 0, 0, 100]);
  });
});

describe('CLV on tiny histories', () => {
  let serial = 0;
  async function shop(purchases: { customer: number | null; at: string }[]): Promise<Tenant> {
    const a = await createTenant(t, { name: `Tiny ${++serial}` });
    const ids: string[] = [];
    for (const p of purchases) {
      if (p.customer !== null && ids[p.customer] === undefined) {
        ids[p.customer] = (await createCustomer(t.db.ctx, { organizationId: a.organizationId, role: 'owner', staffId: a.ownerId, apiKeyId: null, outletId: null }, { familyName: `C${p.customer}` })).id;
      }
      await t.db.pool.query(
        `INSERT INTO purchases (id, organization_id, customer_id, outlet_id, source, external_id, occurred_at, currency, subtotal, paid, status)
         VALUES (gen_random_uuid(), $1, $2, $3, 'import', $4, $5, 'EUR', 1000, 1000, 'confirmed')`,
        [a.organizationId, p.customer === null ? null : ids[p.customer], a.outletId, `T-${serial}-${p.customer}-${p.at}`, new Date(`${p.at}T12:00:00Z`)]);
    }
    return a;
  }

  it('no purchases at all, only first purchases, or only anonymous sales: no model, and why', async () => {
    const cases = [
      await shop([]),
      await shop([{ customer: 0, at: '2026-01-10' }, { customer: 1, at: '2026-02-10' }, { customer: 2, at: '2026-03-01' }]),
      await shop([{ customer: null, at: '2026-01-10' }, { customer: null, at: '2026-02-10' }]),
    ];
    for (const a of cases) {
      const { status, body } = await get(a.cookie, 'clv');
      expect(status).toBe(200);
      expect(body.summary).toMatchObject({ available: false, reason: 'no_repeat_purchases', totalClv: null, bgnbd: null, holdout: null });
      expect(body.notes).toEqual([expect.objectContaining({ code: 'clv_no_repeat_purchases', params: {} })]);
    }
  });

  it('fewer than five customers: no model, and why — also for the slipping-away list built on it', async () => {
    const a = await shop([{ customer: 0, at: '2025-06-10' }, { customer: 0, at: '2026-02-10' }, { customer: 1, at: '2025-08-10' }]);
    const { status, body } = await get(a.cookie, 'clv');
    expect(status).toBe(200);
    expect(body.summary).toMatchObject({ available: false, reason: 'too_few_customers', customers: 2 });
    expect(body.notes).toEqual([expect.objectContaining({ code: 'clv_too_few_customers', params: { customers: 5 } })]);
    const slipping = await get(a.cookie, 'slipping-away');
    expect(slipping.status).toBe(200);
    expect(slipping.body.summary.customers).toBe(0);
  });

  it('repeat purchases only after the hold-out starts: the model, and a hold-out check that says why it has no figure', async () => {
    // Hold-out: the last 26 weeks before 2026-03-15. The first purchases are before it, every repeat in it.
    const a = await shop([
      { customer: 0, at: '2025-05-02' }, { customer: 0, at: '2025-12-01' }, { customer: 0, at: '2026-02-01' },
      { customer: 1, at: '2025-06-03' }, { customer: 1, at: '2026-01-20' },
      { customer: 2, at: '2025-07-04' }, { customer: 3, at: '2025-07-14' }, { customer: 4, at: '2025-08-01' }, { customer: 4, at: '2026-03-01' },
    ]);
    const { status, body } = await get(a.cookie, 'clv');
    expect(status).toBe(200);
    expect(body.summary).toMatchObject({ available: true, customers: 5 });
    expect(body.summary.warnings).toContain('few_customers');
    expect(body.summary.holdout).toMatchObject({ status: 'no_repeat_purchases', customers: 5, predicted: null, actual: 4, error: null });
    const codes = body.notes.map((n: { code: string }) => n.code);
    expect(codes).toEqual(expect.arrayContaining(['clv_fit', 'clv_few_customers', 'holdout_no_repeat_purchases']));
    expect(body.notes.find((n: { code: string }) => n.code === 'clv_few_customers').params).toEqual({ customers: 100, repeaters: 20 });
  });
});
