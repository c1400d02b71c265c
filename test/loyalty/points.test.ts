// A customer's points: balance and history, manual adjustments (reason, audit, idempotency), late
// receipts from offline tills, and the scheduled job that unlocks and expires lots exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobRunner } from '../../src/platform/jobs.js';
import { checkLedger, loyaltyRecurringJobs } from '../../src/modules/loyalty/index.js';
import { runDueBatch } from '../../src/modules/loyalty/due.js';
import { balanceSchema, historyItemSchema } from '../../src/modules/loyalty/schemas.js';
import { loginCookie } from '../support/app.js';
import { DAY, line, loyaltyBench, type LoyaltyBench } from './helpers.js';

let b: LoyaltyBench;
beforeAll(async () => { b = await loyaltyBench({ now: '2026-03-15T10:00:00Z' }); });
afterAll(async () => {
  expect((await checkLedger(b.t.db.db, { organizationId: b.a.organizationId }, b.programId, true)).problems).toEqual([]);
  await b.close();
});
const balance = async (customer: string) => balanceSchema.parse((await b.owner('GET', `/api/loyalty/customers/${customer}/balance`)).json());

describe('adjustments', () => {
  it('need a reason, are audited, idempotent by id, and never take more than there is', async () => {
    const customer = await b.customer('Adjusted');
    const noReason = await b.owner('POST', `/api/loyalty/customers/${customer}/adjustments`, { adjustmentId: 'a1', amount: 100, reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details.issues[0].path).toBe('reason');
    const body = { adjustmentId: 'a1', amount: 300, reason: 'compensation for a late order' };
    const first = await b.owner('POST', `/api/loyalty/customers/${customer}/adjustments`, body);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ amount: 300, balance: { spendable: 300, pending: 0 } });
    expect((await b.owner('POST', `/api/loyalty/customers/${customer}/adjustments`, body)).body).toBe(first.body);
    expect((await b.owner('POST', `/api/loyalty/customers/${customer}/adjustments`, { ...body, amount: 301 })).json().error.code).toBe('adjustment_conflict');
    const tooMuch = await b.owner('POST', `/api/loyalty/customers/${customer}/adjustments`, { adjustmentId: 'a2', amount: -301, reason: 'correction' });
    expect(tooMuch.statusCode).toBe(409);
    expect(tooMuch.json().error).toMatchObject({ code: 'insufficient_points', details: { available: 300 } });
    await b.owner('POST', `/api/loyalty/customers/${customer}/adjustments`, { adjustmentId: 'a3', amount: -120, reason: 'correction' });
    expect(await balance(customer)).toMatchObject({ spendable: 180 });
    const audit = (await b.owner('GET', '/api/audit')).json().items.filter((e: { action: string }) => e.action === 'points.adjusted');
    expect(audit.map((e: { details: { amount: number; reason: string } }) => [e.details.amount, e.details.reason])).toEqual([[-120, 'correction'], [300, 'compensation for a late order']]);
    const history = (await b.owner('GET', `/api/loyalty/customers/${customer}/history`)).json().items;
    expect(history.map((h: unknown) => historyItemSchema.parse(h)).map((h: { kind: string; spendableChange: number }) => [h.kind, h.spendableChange])).toEqual([['adjust', -120], ['adjust', 300]]);
  });

  it('are for owners and managers only', async () => {
    await b.owner('POST', '/api/staff', { email: 'cashier@points.example', name: 'Cashier', role: 'cashier', password: 'cashier password' });
    const cookie = await loginCookie(b.t, 'cashier@points.example', 'cashier password');
    const customer = await b.customer('Nope');
    const res = await b.t.app.inject({ method: 'POST', url: `/api/loyalty/customers/${customer}/adjustments`, headers: { cookie }, payload: { adjustmentId: 'x', amount: 5, reason: 'because' } });
    expect(res.statusCode).toBe(403);
  });
});

describe('late receipts and the due job', () => {
  it('dates a late receipt\'s points from its own time, and the job unlocks and expires lots once', async () => {
    const customer = await b.customer('Offline');
    const card = await b.card(customer);
    // An offline till sends a receipt made 20 days ago: its 14-day pending period is already over.
    const late = await b.pos('POST', '/api/checkout/confirm', { receiptId: 'L-1', occurredAt: new Date(Date.parse('2026-03-15T10:00:00Z') - 20 * DAY).toISOString(), customer: { cardNumber: card.number }, lines: [line('A', 10_000)] });
    expect(late.json()).toMatchObject({ occurredAt: '2026-02-23T10:00:00.000Z', points: { earned: 475, earnedLot: { unlockAt: '2026-03-09T10:00:00.000Z' } } });
    expect(await balance(customer)).toMatchObject({ spendable: 475, pending: 0 });
    await b.pos('POST', '/api/checkout/confirm', { receiptId: 'L-2', customer: { cardNumber: card.number }, lines: [line('A', 2000)] });
    expect(await balance(customer)).toMatchObject({ spendable: 475, pending: 95 });
    const future = await b.pos('POST', '/api/checkout/confirm', { receiptId: 'L-3', occurredAt: '2026-04-01T00:00:00Z', customer: { cardNumber: card.number }, lines: [line('A', 1)] });
    expect(future.json().error.details.issues[0].path).toBe('occurredAt');

    // Two nodes run the due job at the same moment: each lot is unlocked once.
    b.t.db.clock.advance(15 * DAY);
    const now = b.t.db.clock.now();
    const [x, y] = await Promise.all([runDueBatch(b.t.db.ctx, now), runDueBatch(b.t.db.ctx, now)]);
    expect(x.unlocked + y.unlocked).toBe(95); // the only pending lot in this database
    const unlocks = await b.t.db.db.selectFrom('loyalty_transfers').select('id').where('kind', '=', 'unlock').where('customer_id', '=', customer).execute();
    expect(unlocks.map((u) => u.id)).toEqual(['lot:receipt:L-2:earn:unlock']);
    expect(await balance(customer)).toMatchObject({ spendable: 570, pending: 0 });
  });

  it('catches up after downtime in one run of the recurring job, on several runners', async () => {
    const customer = await b.customer('Sleeper');
    const card = await b.card(customer);
    await b.pos('POST', '/api/checkout/confirm', { receiptId: 'Z-1', customer: { cardNumber: card.number }, lines: [line('A', 10_000)] });
    // Two years pass without any node running: the lot unlocked and expired long ago.
    b.t.db.clock.advance(730 * DAY);
    const runners = [0, 1].map(() => new JobRunner(b.t.db.db, { clock: b.t.db.clock, ids: b.t.db.ctx.ids, log: b.t.db.ctx.log }));
    for (const r of runners) for (const job of loyaltyRecurringJobs(b.t.db.ctx)) r.addRecurring(job);
    await Promise.all(runners.map((r) => r.tick()));
    const kinds = await b.t.db.db.selectFrom('loyalty_transfers').select(['kind', 'amount']).where('customer_id', '=', customer).orderBy('created_at').orderBy('id').execute();
    expect(kinds).toEqual([{ kind: 'accrue', amount: 475 }, { kind: 'expire', amount: 475 }]);
    expect(await balance(customer)).toMatchObject({ spendable: 0, pending: 0, lots: [] });
    const member = await b.t.db.db.selectFrom('loyalty_members').select('next_due_at').where('customer_id', '=', customer).executeTakeFirstOrThrow();
    expect(member.next_due_at).toBeNull();
  });
});

describe('spending', () => {
  it('caps points at the program\'s share of the receipt with a warning, never refuses', async () => {
    const customer = await b.customer('Spender');
    const card = await b.card(customer);
    await b.owner('POST', `/api/loyalty/customers/${customer}/adjustments`, { adjustmentId: 'gift', amount: 5000, reason: 'welcome gift' });
    const calc = (await b.pos('POST', '/api/checkout/calculate', { customer: { cardNumber: card.number }, pointsToSpend: 5000, lines: [line('A', 10_000)] })).json();
    // 30% of 9 500 after the 5% discount.
    expect(calc.receipt.totals).toMatchObject({ pointsSpent: 2850, maxSpendablePoints: 2850, amountToPay: 6650 });
    expect(calc.receipt.warnings).toContain('points_capped');
    expect(calc.customer.points).toEqual({ spendable: 5000, pending: 0 });
  });
});
