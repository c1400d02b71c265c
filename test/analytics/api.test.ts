// The analytics API over the small history of fixture.ts: the figures a user would read, the filters,
// the time zone, permissions and validation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant, createTestApp, loginCookie, type Tenant, type TestApp } from '../support/app.js';
import { PERIOD, seedHistory, type Seeded } from './fixture.js';

let t: TestApp;
let a: Tenant;
let b: Tenant;
let seeded: Seeded;
beforeAll(async () => {
  t = await createTestApp({ now: '2026-03-15T10:00:00Z' });
  a = await createTenant(t, { name: 'Shop A' });
  b = await createTenant(t, { name: 'Shop B' });
  seeded = await seedHistory(t, a, b);
});
afterAll(() => t.close());

async function get(path: string, tenant: Tenant = a, query: Record<string, string> = PERIOD) {
  const res = await t.app.inject({ method: 'GET', url: `/api/analytics/${path}`, query, headers: { cookie: tenant.cookie } });
  return { status: res.statusCode, body: res.json() };
}

describe('analytics API', () => {
  it('Pareto: Dmitri alone makes 49% of customer revenue, two customers make 80%', async () => {
    const { status, body } = await get('pareto');
    expect(status).toBe(200);
    // Customers 50000, 35000, 10000, 7000 = 102000; top ⌈0.2·4⌉ = 1; 80% = 81600 reached by the second.
    expect(body.summary).toMatchObject({ customers: 4, revenue: 102000, topCustomers: 1, topRevenue: 50000, customersForRevenueShare: 2, customerShareForRevenueShare: 0.5 });
    expect(body.summary.topRevenueShare).toBeCloseTo(50000 / 102000, 12);
    expect(body.period).toEqual({ from: '2026-01-01', to: '2026-03-14', timeZone: 'Europe/Tallinn', currency: 'EUR', months: 3 });
    expect(body.tables.curve.at(-1)).toEqual({ customerShare: 1, customers: 4, revenue: 102000, revenueShare: 1 });
    expect(body.columns.curve.map((c: { key: string }) => c.key)).toEqual(['customerShare', 'customers', 'revenue', 'revenueShare']);
  });

  it('counts local days: Clara\'s 00:30 purchase on New Year\'s Day is January, and she is a returning buyer', async () => {
    const { body } = await get('new-returning');
    // January: Anna and Clara returning (first purchases November and 31 December), Boris new.
    expect(body.tables.months).toEqual([
      { month: '2026-01', buyers: 3, newBuyers: 1, returningBuyers: 2, newRevenue: 10000, returningRevenue: 27000, newShare: 1 / 3 },
      { month: '2026-02', buyers: 2, newBuyers: 1, returningBuyers: 1, newRevenue: 50000, returningRevenue: 10000, newShare: 0.5 },
      { month: '2026-03', buyers: 1, newBuyers: 0, returningBuyers: 1, newRevenue: 0, returningRevenue: 5000, newShare: 0 },
    ]);
    const season = await get('seasonality');
    // Receipts include anonymous sales; the cancelled, refunded and USD receipts are not sales here.
    // By weekday: Monday 5 Jan Anna 20000; Tuesdays 20 Jan Boris 10000 and 10 Feb Anna 10000; Thursdays
    // 1 Jan Clara 7000 (a Wednesday in UTC) and 15 Jan anonymous 1000; Saturday 14 Feb Dmitri 50000;
    // Sundays 15 Feb anonymous 2000 and 1 Mar Anna 5000.
    expect(season.body.tables.weekdays.map((w: { revenue: number }) => w.revenue)).toEqual([20000, 20000, 0, 8000, 0, 50000, 7000]);
    expect(season.body.tables.weekdays.reduce((sum: number, w: { receipts: number }) => sum + w.receipts, 0)).toBe(9);
    expect(season.body.tables.series).toEqual([
      { month: '2026-01', revenue: 38000, receipts: 5 }, { month: '2026-02', revenue: 62000, receipts: 3 }, { month: '2026-03', revenue: 5000, receipts: 1 },
    ]);
  });

  it('CRR for January: S = 2 (Anna, Clara), E = 3, N = 1 (Boris) → 100%', async () => {
    const { body } = await get('retention');
    expect(body.tables.months[0]).toEqual({ month: '2026-01', start: 2, end: 3, new: 1, retained: 2, lost: 0, reactivated: 0, crr: 100, churn: 0 });
    expect(body.summary.repeatRate).toBe(25);
  });

  it('frequency merges Boris\'s two receipts of one day into one purchase', async () => {
    const { body } = await get('frequency');
    // Purchase days: Anna 3, Boris 1, Clara 1, Dmitri 1 = 6 over 4 customers; Anna's interval (1 Mar − 5 Jan) / 2 = 27.5.
    expect(body.summary).toMatchObject({ customers: 4, visits: 6, frequency: 1.5, repeatCustomers: 1, repeatRate: 25, averageIntervalDays: 27.5 });
  });

  it('filters by outlet and by tag', async () => {
    const outlet = await get('pareto', a, { ...PERIOD, outletId: seeded.secondOutletId });
    expect(outlet.body.summary).toMatchObject({ customers: 1, revenue: 50000 });
    expect(outlet.body.filters).toEqual({ outletId: seeded.secondOutletId, tag: null });
    const vip = await get('pareto', a, { ...PERIOD, tag: 'vip' });
    expect(vip.body.summary).toMatchObject({ customers: 2, revenue: 42000 });
    const best = await get('best-customers', a, { ...PERIOD, tag: 'vip' });
    // A tag selects customers, so anonymous sales are not in a tagged report.
    expect(best.body.tables.groups.map((g: { group: string }) => g.group)).toEqual(['best', 'rest', 'all_customers']);
  });

  it('key customers: Dmitri 47.6% of the company (alert 40), Anna 63.6% of the main outlet (alert 50)', async () => {
    const { body } = await get('key-customers');
    // Company revenue 105000 with anonymous sales; main outlet 55000; the second outlet is all Dmitri.
    expect(body.summary).toEqual({ keyShare: 10, alertLevels: [20, 30, 40, 50], companyAlert: 40, keyCustomers: 2 });
    const company = body.tables.customers.filter((c: { scope: string }) => c.scope === 'company');
    expect(company.map((c: { customerId: string; key: boolean; alert: number | null }) => [c.customerId, c.key, c.alert])).toEqual([
      [seeded.customers.Dmitri, true, 40], [seeded.customers.Anna, true, 30], [seeded.customers.Boris, false, null], [seeded.customers.Clara, false, null],
    ]);
    expect(company[0].name).toBe('Tamm Dmitri');
    const main = body.tables.scopes.find((s: { scopeId: string }) => s.scopeId === a.outletId);
    expect(main).toMatchObject({ scope: 'outlet', scopeName: 'Shop A', total: 55000, keyCustomers: 3, alert: 50 });
    expect(main.largestShare).toBeCloseTo((35000 / 55000) * 100, 9);
  });

  it('economics: members 102000, others 3000, margin 40% on the costed receipts', async () => {
    const { body } = await get('economics');
    // Costed: Anna's 20000 (cost 12000) and Dmitri's 50000 (cost 30000) → margin 28000 of 70000.
    expect(body.summary).toMatchObject({ memberRevenue: 102000, otherRevenue: 3000, memberMargin: 28000, memberMarginShare: 0.4, discount: 2000, ledgerAvailable: true });
    // The ledger exists but no point moved: nothing outstanding, and no point ever spent to value one.
    expect(body.summary.points).toEqual({ outstanding: 0, pointValue: null, liability: null, issued: 0, spent: 0, expired: 0, takenBack: 0, breakage: null });
    expect(body.notes.map((n: { code: string }) => n.code)).toEqual(['economics_members', 'economics_points', 'economics_mechanics', 'economics_messages_unavailable']);
    expect(body.notes[3]).toEqual({ code: 'economics_messages_unavailable', params: {}, text: 'Not available yet: the cost of messages (there is no messaging module yet).' });
  });

  it('answers every measure and the whole report, each matching its schema', async () => {
    const report = await t.app.inject({ method: 'GET', url: '/api/analytics/report', query: PERIOD, headers: { cookie: a.cookie } });
    expect(report.statusCode, report.body).toBe(200);
    const measures = report.json().measures as { measure: string; summary: Record<string, unknown> }[];
    expect(measures.map((m) => m.measure)).toEqual(['pareto', 'ladder', 'rfm', 'abc-xyz', 'retention', 'new-returning', 'cohorts', 'frequency', 'seasonality', 'best-customers', 'ltv', 'clv', 'slipping-away', 'key-customers', 'economics']);
    expect(measures.find((m) => m.measure === 'rfm')!.summary.customers).toBe(5 - 1); // Eva's only purchase was refunded
    expect(measures.find((m) => m.measure === 'abc-xyz')!.summary).toMatchObject({ customers: 4, periods: 3, revenue: 102000 });
    expect(measures.find((m) => m.measure === 'cohorts')!.summary).toEqual({ cohorts: 3, customers: 2 });
    // One repeat buyer with three days is enough to fit nothing sensible; the CLV measure says so or fits.
    expect(measures.find((m) => m.measure === 'clv')!.summary).toHaveProperty('available');
  });

  it('never counts another organization\'s purchases, and shows B only its own', async () => {
    const { body } = await get('pareto', b);
    expect(body.summary).toMatchObject({ customers: 1, revenue: 77777 });
    const report = await t.app.inject({ method: 'GET', url: '/api/analytics/report', query: PERIOD, headers: { cookie: b.cookie } });
    for (const id of Object.values(seeded.customers)) expect(report.body).not.toContain(id);
    const outlet = await get('pareto', b, { ...PERIOD, outletId: seeded.secondOutletId });
    expect(outlet.status).toBe(404);
    expect(outlet.body.error).toMatchObject({ code: 'outlet_not_found', details: { field: 'outletId' } });
  });

  it('needs analytics.read, and names the bad field', async () => {
    await t.app.inject({ method: 'POST', url: '/api/staff', headers: { cookie: a.cookie }, payload: { email: 'cashier@a.example', name: 'Cashier', role: 'cashier', password: 'cashier password' } });
    const cashier = await loginCookie(t, 'cashier@a.example', 'cashier password');
    const denied = await t.app.inject({ method: 'GET', url: '/api/analytics/pareto', headers: { cookie: cashier } });
    expect(denied.statusCode).toBe(403);
    const bad = await get('pareto', a, { from: '2026-02-30' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0].path).toBe('from');
    const reversed = await get('pareto', a, { from: '2026-03-01', to: '2026-01-01' });
    expect(reversed.status).toBe(400);
    expect(reversed.body.error.message).toMatch(/^from: the period starts/);
  });

  it('keeps the owner\'s settings and uses them', async () => {
    const put = await t.app.inject({ method: 'PUT', url: '/api/analytics/settings', headers: { cookie: a.cookie }, payload: { bestShare: 0.5, keyShare: 40 } });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ bestShare: 0.5, keyShare: 40, abc: { a: 80, b: 15 } });
    const pareto = await get('pareto');
    expect(pareto.body.summary).toMatchObject({ topShare: 0.5, topCustomers: 2, topRevenue: 85000 });
    const bad = await t.app.inject({ method: 'PUT', url: '/api/analytics/settings', headers: { cookie: a.cookie }, payload: { abc: { a: 90, b: 20 } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0].path).toBe('abc.b');
    await t.app.inject({ method: 'PUT', url: '/api/analytics/settings', headers: { cookie: a.cookie }, payload: {} });
    expect((await t.app.inject({ method: 'GET', url: '/api/analytics/settings', headers: { cookie: a.cookie } })).json().bestShare).toBe(0.2);
  });
});

describe('reports while the pool is full of reports', () => {
  // A report holds a connection for its snapshot. The key-customers measure used to read the outlet and
  // staff names through the pool while holding it: with the pool full of such reports every one of them
  // waited for a connection only they could free, and the server stopped answering.
  it('read the names before taking the connection, so all of them answer', async () => {
    const size = t.db.pool.options.max ?? 5;
    const reports = Promise.all(Array.from({ length: size * 2 }, () => get('key-customers')));
    const outcome = await Promise.race([reports, new Promise<'stuck'>((resolve) => setTimeout(() => resolve('stuck'), 15_000))]);
    expect(outcome).not.toBe('stuck');
    for (const res of outcome as Awaited<typeof reports>) {
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.tables.scopes.find((s: { scopeId: string }) => s.scopeId === a.outletId)?.scopeName).toBe('Shop A');
    }
  }, 60_000);
});
