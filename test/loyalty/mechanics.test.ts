// Mechanics that build up over time: the cumulative discount at the till, tier rules and club proposals
// from the daily evaluation (once a day), points.expiring notices, and imported purchase history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleProgram } from '../../src/modules/loyalty/domain/index.js';
import { importPurchases } from '../../src/modules/loyalty/index.js';
import { notifyExpiring } from '../../src/modules/loyalty/due.js';
import { runDailyEvaluation } from '../../src/modules/loyalty/evaluation.js';
import { DAY, line, loyaltyBench, type LoyaltyBench } from './helpers.js';

const base = exampleProgram();
let b: LoyaltyBench;
beforeAll(async () => {
  b = await loyaltyBench({
    now: '2026-06-01T09:00:00Z',
    config: {
      // No tier discount, so the cumulative and club discounts are visible on their own.
      tiers: base.tiers.map((t) => ({ ...t, discountBp: 0 })),
      tierRules: { windowDays: 365, match: 'all', levels: [{ tier: 'simple', upgrade: {} }, { tier: 'gold', upgrade: { minAmount: 100_000 } }], downgrade: true },
      club: { join: { amount: 60_000, days: 180 }, stay: { amount: 30_000, days: 365 }, discountBp: 300, approval: 'owner' },
      stacking: { priority: { tier: 1, cumulative: 1, club: 2 }, promotion: 'combine' },
    },
  });
  await b.owner('POST', '/api/loyalty/webhooks', { url: 'https://hooks.example.com/never', events: ['tier.changed', 'points.expiring'] });
});
afterAll(() => b.close());
const actor = () => ({ organizationId: b.a.organizationId, role: 'owner' as const, staffId: b.a.ownerId, apiKeyId: null, outletId: null });

describe('cumulative discount', () => {
  it('starts at the threshold, counts imported history, and the till sees the distance to the next level', async () => {
    const customer = await b.customer('Cumulative');
    const card = await b.card(customer);
    const first = (await b.pos('POST', '/api/checkout/identify', { cardNumber: card.number })).json();
    expect(first.cumulative).toMatchObject({ bp: 0, amount: 0, next: { bp: 100, amountToGo: 50_000 } });
    const imported = await importPurchases(b.t.db.ctx, actor(), [
      { externalId: 'OLD-1', customerId: customer, occurredAt: '2025-12-01T10:00:00Z', paid: 30_000, lines: [{ sku: 'OLD', unitPrice: 30_000 }] },
      { externalId: 'OLD-2', customerId: customer, occurredAt: new Date('2026-01-10T10:00:00Z'), paid: 15_000, subtotal: 16_000 },
    ]);
    expect(imported).toEqual({ inserted: 2, skipped: 0 });
    expect(await importPurchases(b.t.db.ctx, actor(), [{ externalId: 'OLD-1', customerId: customer, occurredAt: '2025-12-01T10:00:00Z', paid: 1 }])).toEqual({ inserted: 0, skipped: 1 });
    const transfers = await b.t.db.db.selectFrom('loyalty_transfers').select('id').where('customer_id', '=', customer).execute();
    expect(transfers).toEqual([]); // no ledger effects
    const afterImport = (await b.pos('POST', '/api/checkout/identify', { cardNumber: card.number })).json();
    expect(afterImport.cumulative).toMatchObject({ amount: 45_000, next: { bp: 100, amountToGo: 5_000 } });
    // This receipt does not count towards its own level; the next one gets 1%.
    const sale = (await b.pos('POST', '/api/checkout/confirm', { receiptId: 'CU-1', customer: { cardNumber: card.number }, lines: [line('A', 10_000)] })).json();
    expect(sale.receipt.totals.discountTotal).toBe(0);
    const next = (await b.pos('POST', '/api/checkout/calculate', { customer: { cardNumber: card.number }, lines: [line('A', 10_000)] })).json();
    expect(next.receipt.lines[0].discount).toMatchObject({ mechanic: 'cumulative', bp: 100, amount: 100, reason: 'cumulative_level' });
  });

  it('checks imported rows and names the bad one', async () => {
    await expect(importPurchases(b.t.db.ctx, actor(), [{ externalId: 'X', customerId: 'not-a-uuid', occurredAt: '2026-01-01T00:00:00Z', paid: 1 }])).rejects.toMatchObject({ code: 'validation_failed', details: { issues: [{ path: 'rows.0.customerId' }] } });
    await expect(importPurchases(b.t.db.ctx, actor(), [{ externalId: 'Y', customerId: '00000000-0000-7000-8000-00000000ffff', occurredAt: '2026-01-01T00:00:00Z', paid: 1 }])).rejects.toMatchObject({ code: 'customer_not_found' });
  });
});

describe('daily evaluation', () => {
  it('upgrades a tier with history and a webhook, proposes the club, and evaluates each member once a day', async () => {
    const customer = await b.customer('Climber');
    const card = await b.card(customer);
    const before = (await b.pos('POST', '/api/checkout/identify', { cardNumber: card.number })).json();
    expect(before.nextTier).toMatchObject({ code: 'gold', amountToGo: 100_000 });
    for (let i = 0; i < 4; i++) await b.pos('POST', '/api/checkout/confirm', { receiptId: `UP-${i}`, customer: { cardNumber: card.number }, lines: [line('A', 30_000)] });
    const first = await runDailyEvaluation(b.t.db.ctx, b.t.db.clock.now());
    expect(first.tierChanges).toBeGreaterThanOrEqual(1);
    expect((await runDailyEvaluation(b.t.db.ctx, b.t.db.clock.now())).evaluated).toBe(0); // once a day
    const history = (await b.owner('GET', `/api/loyalty/customers/${customer}/tier-history`)).json().items;
    expect(history[0]).toMatchObject({ kind: 'tier', from: 'simple', to: 'gold', reason: 'upgrade' });
    const events = await b.t.db.db.selectFrom('loyalty_webhook_deliveries').select(['event', 'payload']).where('event', '=', 'tier.changed').execute();
    expect(events.map((e) => (e.payload as { data: { customerId: string } }).data.customerId)).toContain(customer);
    expect((await b.pos('POST', '/api/checkout/identify', { cardNumber: card.number })).json().tier.code).toBe('gold');

    const proposals = (await b.owner('GET', '/api/loyalty/club/proposals?status=pending')).json().items;
    const mine = proposals.find((p: { customerId: string }) => p.customerId === customer);
    // 30 000 + 30 000, then 1% and 2% cumulative discounts: 29 700 + 29 400.
    expect(mine).toMatchObject({ action: 'join', measured: 119_100, required: 60_000 });
    expect((await b.pos('POST', '/api/checkout/identify', { cardNumber: card.number })).json().club).toEqual({ member: false });
    const approved = await b.owner('POST', `/api/loyalty/club/proposals/${mine.id}/approve`);
    expect(approved.json()).toMatchObject({ status: 'approved' });
    expect((await b.owner('POST', `/api/loyalty/club/proposals/${mine.id}/reject`)).json().error.code).toBe('proposal_decided');
    const calc = (await b.pos('POST', '/api/checkout/calculate', { customer: { cardNumber: card.number }, lines: [line('A', 10_000)] })).json();
    expect(calc.receipt.lines[0].discount).toMatchObject({ mechanic: 'club', bp: 300, reason: 'club_member' });

    b.t.db.clock.advance(DAY);
    expect((await runDailyEvaluation(b.t.db.ctx, b.t.db.clock.now())).evaluated).toBeGreaterThan(0);
  });

  it('tells each customer once that points expire within a week', async () => {
    const customer = await b.customer('Expiring');
    await b.owner('POST', `/api/loyalty/customers/${customer}/adjustments`, { adjustmentId: 'soon', amount: 40, reason: 'promo', expiresAt: new Date(b.t.db.clock.now().getTime() + 5 * DAY).toISOString() });
    expect(await notifyExpiring(b.t.db.ctx, b.t.db.clock.now())).toBe(1);
    expect(await notifyExpiring(b.t.db.ctx, b.t.db.clock.now())).toBe(0);
    const e = await b.t.db.db.selectFrom('loyalty_webhook_deliveries').select('payload').where('event', '=', 'points.expiring').executeTakeFirstOrThrow();
    expect(e.payload).toMatchObject({ data: { customerId: customer, points: 40 } });
    const who = (await b.owner('GET', `/api/loyalty/customers/${customer}/balance`)).json();
    expect(who.lots[0]).toMatchObject({ remaining: 40 });
  });
});
