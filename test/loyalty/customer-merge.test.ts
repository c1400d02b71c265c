// Merging two customers, as loyalty sees it: cards, purchases and points (lot by lot, with their expiry and
// pending period) move to the survivor through transfers — the ledger's history is never rewritten — and
// the undo gives everything back, including points the survivor spent in between (refund policy) and cards
// that replaced the loser's cards meanwhile. Retries are idempotent, a failure anywhere in the merge leaves
// nothing half-done, and organizations stay apart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCustomerMergeHandler } from '../../src/modules/customers/index.js';
import { registerLoyaltyCustomerHooks } from '../../src/modules/loyalty/customer-hooks.js';
import { loyaltyMergeHandler } from '../../src/modules/loyalty/customer-merge.js';
import { exampleProgram } from '../../src/modules/loyalty/domain/index.js';
import { checkLedger } from '../../src/modules/loyalty/index.js';
import { inTransaction, sql } from '../../src/platform/db/database.js';
import { createTenant, type Tenant } from '../support/app.js';
import { CARD_FORMAT, DAY, line, loyaltyBench, type LoyaltyBench } from './helpers.js';

let b: LoyaltyBench;
beforeAll(async () => {
  b = await loyaltyBench({ now: '2026-03-15T10:00:00Z' });
  registerLoyaltyCustomerHooks(b.t.db.ctx); // the frozen clock and the test's ids
});
afterAll(async () => {
  await ledgerOk();
  await b.close();
});

const org = () => ({ organizationId: b.a.organizationId });
async function ledgerOk() {
  const check = await checkLedger(b.t.db.db, org(), b.programId, true);
  expect(check.problems).toEqual([]);
  const { rows } = await sql<{ balance: string | null }>`SELECT sum(CASE WHEN t.credit_account_id = a.id THEN t.amount ELSE -t.amount END) AS balance
    FROM loyalty_accounts a JOIN loyalty_transfers t ON a.id IN (t.debit_account_id, t.credit_account_id)
    WHERE a.organization_id = ${b.a.organizationId} AND a.kind = 'transit'`.execute(b.t.db.db);
  expect(Number(rows[0]?.balance ?? 0)).toBe(0); // nothing is ever left in transit
  return check;
}
const ok = async (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, status = 200) => {
  const res = await b.owner(method, url, payload);
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(status);
  return res.json();
};
const adjust = (customer: string, id: string, amount: number, expiresAt?: string) =>
  ok('POST', `/api/loyalty/customers/${customer}/adjustments`, { adjustmentId: id, amount, reason: 'seed points', ...(expiresAt && { expiresAt }) });
const confirm = async (receiptId: string, cardNumber: string, amount: number, pointsToSpend = 0, occurredAt?: string) => {
  const res = await b.pos('POST', '/api/checkout/confirm', { receiptId, customer: { cardNumber }, pointsToSpend, lines: [line('A', amount)], ...(occurredAt && { occurredAt }) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
/** Balance straight from the member row and lots (a merged-away id is not readable over HTTP any more). */
async function points(customer: string) {
  const m = await b.t.db.db.selectFrom('loyalty_members').select(['spendable', 'pending', 'debt', 'tier', 'club_member']).where('organization_id', '=', b.a.organizationId).where('customer_id', '=', customer).executeTakeFirst();
  const lots = await b.t.db.db.selectFrom('loyalty_lots').select(['id', 'remaining', 'pending', 'unlock_at', 'expires_at']).where('organization_id', '=', b.a.organizationId)
    .where('customer_id', '=', customer).where('remaining', '>', 0).orderBy('id').execute();
  return { spendable: Number(m?.spendable ?? 0), pending: Number(m?.pending ?? 0), debt: Number(m?.debt ?? 0), tier: m?.tier ?? null, lots: lots.map((l) => ({ ...l, remaining: Number(l.remaining) })) };
}
const owned = async (table: 'loyalty_cards' | 'purchases', customer: string) =>
  (await b.t.db.db.selectFrom(table).select('id').where('organization_id', '=', b.a.organizationId).where('customer_id', '=', customer).orderBy('id').execute()).map((r) => r.id);
const transferCount = async () => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM loyalty_transfers WHERE organization_id = ${b.a.organizationId}`.execute(b.t.db.db)).rows[0]!.n);
const merge = (survivor: string, loser: string) => ok('POST', `/api/customers/${survivor}/merge`, { loserId: loser }, 201);
const undo = (mergeId: string) => ok('POST', `/api/merges/${mergeId}/undo`);

describe('merging customers with cards, purchases and points', () => {
  it('moves every lot with its expiry and pending period, and the undo puts everything back', async () => {
    await ok('POST', '/api/loyalty/webhooks', { url: 'https://hooks.example.com/tiers', events: ['tier.changed'] }, 201);
    const survivor = await b.customer('Survivor');
    const loser = await b.customer('Loser');
    const sCard = await b.card(survivor);
    const lCard = await b.card(loser, 'gold');
    await adjust(survivor, 's-gift', 100);
    await confirm('S-1', sCard.number, 4000);
    // The loser: two lots expiring at different times, an old receipt's spendable lot, a new receipt's pending lot.
    await adjust(loser, 'l-june', 300, '2026-06-01T00:00:00Z');
    await adjust(loser, 'l-dec', 200, '2026-12-31T00:00:00Z');
    await confirm('L-1', lCard.number, 10_000, 0, new Date(b.t.db.clock.now().getTime() - 20 * DAY).toISOString());
    await confirm('L-2', lCard.number, 2000);
    const before = { survivor: await points(survivor), loser: await points(loser), sCards: await owned('loyalty_cards', survivor), lCards: await owned('loyalty_cards', loser), sBuys: await owned('purchases', survivor), lBuys: await owned('purchases', loser) };
    expect(before.loser).toMatchObject({ spendable: 300 + 200 + 630, pending: 126, tier: 'gold' }); // gold: 10% off, 7% back
    expect(before.survivor).toMatchObject({ spendable: 100, pending: 190, tier: 'simple' });

    const m = await merge(survivor, loser);
    expect(m.otherModules).toContain('loyalty');
    const after = await points(survivor);
    expect(after).toMatchObject({ spendable: 100 + 1130, pending: 190 + 126, debt: 0, tier: 'gold' });
    // Each of the loser's lots became a lot of the survivor with the same unlock and expiry.
    const mergeId = `merge:${loser}.1`;
    for (const lot of before.loser.lots) {
      expect(after.lots).toContainEqual({ ...lot, id: `${mergeId}:lot:${lot.id}` });
    }
    expect(await points(loser)).toMatchObject({ spendable: 0, pending: 0, debt: 0, lots: [] });
    expect(await owned('loyalty_cards', survivor)).toEqual([...before.sCards, ...before.lCards].sort());
    expect(await owned('purchases', survivor)).toEqual([...before.sBuys, ...before.lBuys].sort());
    // The loser's card now finds the survivor at the till, with the merged points.
    const who = (await b.pos('POST', '/api/checkout/identify', { cardNumber: lCard.number })).json();
    expect(who).toMatchObject({ customer: { id: survivor }, points: { spendable: 1230, pending: 316 }, tier: { code: 'gold' } });
    // The accumulated total counts the loser's purchases for the survivor (cumulative discount: forever scope).
    expect(who.cumulative.amount).toBe(3800 + 9000 + 1800);
    const history = (await ok('GET', `/api/loyalty/customers/${survivor}/history?limit=50`)).items;
    expect(history.filter((h: { kind: string }) => h.kind === 'merge').reduce((a: number, h: { spendableChange: number; pendingChange: number }) => a + h.spendableChange + h.pendingChange, 0)).toBe(1256);
    const timeline = (await ok('GET', `/api/customers/${survivor}/timeline`)).items.filter((e: { source: string }) => e.source === 'loyalty.purchases');
    expect(timeline.map((e: { data: { receiptId: string } }) => e.data.receiptId).sort()).toEqual(['L-1', 'L-2', 'S-1']);
    const tiers = (await ok('GET', `/api/loyalty/customers/${survivor}/tier-history`)).items;
    expect(tiers[0]).toMatchObject({ kind: 'tier', from: 'simple', to: 'gold', reason: 'customer_merged' });
    const tierEvents = async () => (await b.t.db.db.selectFrom('loyalty_webhook_deliveries').select('payload').where('organization_id', '=', b.a.organizationId).where('event', '=', 'tier.changed').orderBy('created_at').execute())
      .map((d) => (d.payload as { data: Record<string, unknown> }).data).filter((d) => d.customerId === survivor);
    expect(await tierEvents()).toEqual([expect.objectContaining({ from: 'simple', to: 'gold', reason: 'customer_merged', loserId: loser })]);
    await ledgerOk();

    const undone = await undo(m.id);
    expect(undone.undoneAt).not.toBeNull();
    expect((await tierEvents()).map((d) => [d.from, d.to, d.reason])).toEqual([['simple', 'gold', 'customer_merged'], ['gold', 'simple', 'customer_merge_undone']]);
    expect(await points(survivor)).toEqual(before.survivor);
    expect(await points(loser)).toEqual(before.loser); // the same lots (same ids, dates, pending) as before
    expect(await owned('loyalty_cards', survivor)).toEqual(before.sCards);
    expect(await owned('loyalty_cards', loser)).toEqual(before.lCards);
    expect(await owned('purchases', loser)).toEqual(before.lBuys);
    const earned = await b.t.db.db.selectFrom('purchases').select(['external_id', 'earned_lot_id']).where('organization_id', '=', b.a.organizationId).where('external_id', 'in', ['L-1', 'L-2']).orderBy('external_id').execute();
    expect(earned).toEqual([{ external_id: 'L-1', earned_lot_id: 'receipt:L-1:earn' }, { external_id: 'L-2', earned_lot_id: 'receipt:L-2:earn' }]);
    expect((await b.pos('POST', '/api/checkout/identify', { cardNumber: lCard.number })).json()).toMatchObject({ customer: { id: loser }, points: { spendable: 1130, pending: 126 } });
    const record = await b.t.db.db.selectFrom('loyalty_customer_merges').selectAll().where('id', '=', mergeId).executeTakeFirstOrThrow();
    expect(record.undo).toMatchObject({ programs: [{ returned: 1256, usedBySurvivor: 0, forgiven: 0, coveredByDebt: 0 }] });
    await ledgerOk();

    // The pending lot that went back unlocks on the loser, once, with its own id.
    b.t.db.clock.advance(15 * DAY);
    const { runDue } = await import('../../src/modules/loyalty/due.js');
    await runDue(b.t.db.ctx, b.t.db.clock.now());
    expect(await points(loser)).toMatchObject({ spendable: 1256, pending: 0 });
  });

  it('gives back points the survivor spent in between, and leaves the survivor a debt for what it cannot cover', async () => {
    const survivor = await b.customer('Spender');
    const loser = await b.customer('Saver');
    const sCard = await b.card(survivor);
    await b.card(loser);
    await adjust(survivor, 'sp-own', 200);
    await adjust(loser, 'sv-may', 500, '2026-05-01T00:00:00Z');
    const m = await merge(survivor, loser);
    // The merged customer spends 600: the loser's 500 first (they expire sooner), then 100 of the survivor's own.
    const sale = await confirm('SP-1', sCard.number, 10_000, 600);
    expect(sale.receipt.totals.pointsSpent).toBe(600);
    expect(await points(survivor)).toMatchObject({ spendable: 100 });
    await undo(m.id);
    // The loser gets all 500 back in its own lot (same expiry); the survivor covered 100 and owes 400.
    expect(await points(loser)).toMatchObject({ spendable: 500, debt: 0, lots: [{ id: 'adjust:sv-may:lot', remaining: 500, expires_at: new Date('2026-05-01T00:00:00Z') }] });
    expect(await points(survivor)).toMatchObject({ spendable: -400, debt: 400 });
    const record = await b.t.db.db.selectFrom('loyalty_customer_merges').select('undo').where('id', '=', `merge:${loser}.1`).executeTakeFirstOrThrow();
    expect(record.undo).toMatchObject({ programs: [{ returned: 0, usedBySurvivor: 500, coveredFromPoints: 100, coveredByDebt: 400, forgiven: 0 }] });
    expect((await ok('GET', `/api/loyalty/customers/${survivor}/balance`))).toMatchObject({ spendable: -400, debt: 400 });
    await ledgerOk();
    // The survivor's receipt (bought with those points) stays the survivor's; its earned points repay the debt once spendable.
    expect(await owned('purchases', survivor)).toHaveLength(1);
  });

  it('under the forgive policy gives back only what the survivor still has', async () => {
    await ok('PATCH', `/api/loyalty/programs/${b.programId}`, { config: exampleProgram({ refundPolicy: 'forgive' }) });
    try {
      const survivor = await b.customer('Forgiven');
      const loser = await b.customer('Lender');
      const sCard = await b.card(survivor);
      await adjust(survivor, 'fg-own', 100);
      await adjust(loser, 'fg-lend', 400, '2026-05-01T00:00:00Z');
      const m = await merge(survivor, loser);
      await confirm('FG-1', sCard.number, 10_000, 450);
      await undo(m.id);
      expect(await points(loser)).toMatchObject({ spendable: 50, lots: [{ id: 'adjust:fg-lend:lot', remaining: 50 }] });
      expect(await points(survivor)).toMatchObject({ spendable: 0, debt: 0 });
      const record = await b.t.db.db.selectFrom('loyalty_customer_merges').select('undo').where('id', '=', `merge:${loser}.1`).executeTakeFirstOrThrow();
      expect(record.undo).toMatchObject({ programs: [{ returned: 0, usedBySurvivor: 400, coveredFromPoints: 50, forgiven: 350 }] });
      await ledgerOk();
    } finally {
      await ok('PATCH', `/api/loyalty/programs/${b.programId}`, { config: exampleProgram() });
    }
  });

  it('moves a refund debt to the survivor, which repays it at once, and takes it back on undo', async () => {
    const survivor = await b.customer('Payer');
    const loser = await b.customer('Debtor');
    await b.card(survivor);
    const lCard = await b.card(loser);
    // The loser spends the points of one receipt on the next, then returns the first: its points are taken back, a debt.
    await confirm('DB-1', lCard.number, 10_000, 0, new Date(b.t.db.clock.now().getTime() - 20 * DAY).toISOString());
    await confirm('DB-2', lCard.number, 20_000, 475);
    const refund = await b.pos('POST', '/api/checkout/refund', { refundId: 'DB-1-r', receiptId: 'DB-1', lines: [{ index: 0, quantity: 1 }] });
    expect(refund.json()).toMatchObject({ points: { negativeBalance: 475 } });
    const debtor = await points(loser);
    expect(debtor.debt).toBeGreaterThan(0);
    await adjust(survivor, 'db-own', 2000);
    const m = await merge(survivor, loser);
    const merged = await points(survivor);
    expect(merged.debt).toBe(0);
    expect(merged.spendable).toBe(2000 + debtor.spendable); // debtor.spendable is negative: the debt, repaid from the survivor's lot
    await ledgerOk();
    await undo(m.id);
    expect(await points(survivor)).toMatchObject({ spendable: 2000, debt: 0 });
    expect(await points(loser)).toMatchObject({ spendable: debtor.spendable, pending: debtor.pending, debt: debtor.debt });
    await ledgerOk();
  });
});

describe('refunds while merged', () => {
  it('a refund of the loser\'s purchase takes back from the moved lot, and the undo takes the refund home', async () => {
    const survivor = await b.customer('Host');
    const loser = await b.customer('Guest');
    await b.card(survivor);
    const lCard = await b.card(loser);
    await adjust(loser, 'gs-1', 1000);
    const sale = await confirm('GS-1', lCard.number, 10_000, 500);
    expect(sale.points.earned).toBeGreaterThan(0);
    const m = await merge(survivor, loser);
    // Refunded while merged: the points it earned come out of the moved (pending) lot, the points it spent come back to the survivor.
    const refund = await b.pos('POST', '/api/checkout/refund', { refundId: 'GS-1-r', receiptId: 'GS-1', lines: [{ index: 0, quantity: 1 }] });
    expect(refund.json()).toMatchObject({ points: { returned: 500, takenBack: sale.points.earned, negativeBalance: 0 } });
    expect(await points(survivor)).toMatchObject({ spendable: 1000, pending: 0 });
    await undo(m.id);
    // All of it was the loser's: back to 1000 spendable, and the refund is on the loser's timeline again.
    expect(await points(loser)).toMatchObject({ spendable: 1000, pending: 0, debt: 0 });
    expect(await points(survivor)).toMatchObject({ spendable: 0, pending: 0, debt: 0 });
    const refundRow = await b.t.db.db.selectFrom('loyalty_refunds').select('customer_id').where('operation_id', '=', 'GS-1-r').executeTakeFirstOrThrow();
    expect(refundRow.customer_id).toBe(loser);
    await ledgerOk();
  });
});

describe('cards replaced while merged', () => {
  it('a replacement of the loser\'s card goes back with it on undo; the survivor\'s own and new cards stay', async () => {
    const survivor = await b.customer('Keeper');
    const loser = await b.customer('Loser of cards');
    const sCard = await b.card(survivor);
    const lCard = await b.card(loser);
    await adjust(loser, 'rc-1', 400);
    const m = await merge(survivor, loser);
    // While merged: the loser's card is lost and replaced (twice: the first replacement is lost too), the
    // survivor's own card is replaced, and the survivor gets one more card.
    const replace = (id: string) => ok('POST', `/api/cards/${id}/replace`, { reason: 'lost' }, 201);
    const lNew = await replace(lCard.id);
    expect(lNew.customerId).toBe(survivor); // issued to the holder of the moment
    const lNewer = await replace(lNew.id);
    const sNew = await replace(sCard.id);
    const extra = await b.card(survivor);
    await confirm('RC-1', lNewer.number, 3000); // a receipt on the survivor's account, with the replacement
    const undone = await undo(m.id);
    expect(undone.undoneAt).not.toBeNull();
    // The loser has its card back as it is now: the replaced ones stay replaced, the newest one works.
    const card = async (id: string) => ok('GET', `/api/cards/${id}`);
    expect(await card(lCard.id)).toMatchObject({ customerId: loser, status: 'replaced', replacedBy: lNew.id });
    expect(await card(lNew.id)).toMatchObject({ customerId: loser, status: 'replaced', replacedBy: lNewer.id });
    expect(await card(lNewer.id)).toMatchObject({ customerId: loser, status: 'active' });
    expect(await owned('loyalty_cards', loser)).toEqual([lCard.id, lNew.id, lNewer.id].sort());
    expect(await owned('loyalty_cards', survivor)).toEqual([sCard.id, sNew.id, extra.id].sort());
    expect((await b.pos('POST', '/api/checkout/identify', { cardNumber: lNewer.number })).json()).toMatchObject({ customer: { id: loser }, points: { spendable: 400 } });
    expect((await b.pos('POST', '/api/checkout/identify', { cardNumber: sNew.number })).json()).toMatchObject({ customer: { id: survivor } });
    // The card's history says why it changed hands.
    const history = (await ok('GET', `/api/cards/${lNewer.id}/history`)).items as { kind: string; cardId: string; details: Record<string, unknown> }[];
    expect(history).toContainEqual(expect.objectContaining({ kind: 'bound', cardId: lNewer.id, details: expect.objectContaining({ reason: 'customer_merge_undone', toCustomerId: loser }) }));
    const record = await b.t.db.db.selectFrom('loyalty_customer_merges').select('undo').where('id', '=', `merge:${loser}.1`).executeTakeFirstOrThrow();
    expect((record.undo as { cards: string[] }).cards.sort()).toEqual([lCard.id, lNew.id, lNewer.id].sort());
    // The receipt made with the replacement while merged was the survivor's, and stays so.
    expect((await b.t.db.db.selectFrom('purchases').select('customer_id').where('external_id', '=', 'RC-1').executeTakeFirstOrThrow()).customer_id).toBe(survivor);
    await ledgerOk();
  });

  it('a replacement bound to the survivor on purpose since stays with the survivor', async () => {
    const survivor = await b.customer('Chooser');
    const loser = await b.customer('Giver');
    const lCard = await b.card(loser);
    const m = await merge(survivor, loser);
    const lNew = await ok('POST', `/api/cards/${lCard.id}/replace`, { reason: 'lost' }, 201);
    // A binding by staff, as bindCard writes it (no merge id): the card is the survivor's by choice now.
    await sql`INSERT INTO loyalty_card_events (id, organization_id, card_id, kind, details, at)
      VALUES (gen_random_uuid(), ${b.a.organizationId}, ${lNew.id}, 'bound', ${JSON.stringify({ customerId: survivor })}::jsonb, now())`.execute(b.t.db.db);
    await undo(m.id);
    expect(await owned('loyalty_cards', loser)).toEqual([lCard.id]);
    expect(await owned('loyalty_cards', survivor)).toEqual([lNew.id]);
    await ledgerOk();
  });
});

describe('retries and failures', () => {
  it('a merge retried changes nothing more, and the handler called twice is a no-op', async () => {
    const survivor = await b.customer('Once');
    const loser = await b.customer('Twice');
    await b.card(loser);
    await adjust(loser, 'tw-1', 300);
    const m = await merge(survivor, loser);
    const count = await transferCount();
    const again = await b.owner('POST', `/api/customers/${survivor}/merge`, { loserId: loser });
    expect(again.statusCode).toBe(409);
    expect(await transferCount()).toBe(count);
    // The handler itself, run again inside a transaction, finds its merge and writes nothing.
    const handler = loyaltyMergeHandler(b.t.db.ctx);
    const data = await inTransaction(b.t.db.db, (tx) => handler.merge(tx, org(), loser, survivor));
    expect(data).toEqual({ mergeId: `merge:${loser}.1`, loserId: loser, survivorId: survivor });
    expect(await transferCount()).toBe(count);
    await undo(m.id);
    const afterUndo = await transferCount();
    await inTransaction(b.t.db.db, (tx) => handler.undo(tx, org(), data));
    expect(await transferCount()).toBe(afterUndo);
    expect(await points(loser)).toMatchObject({ spendable: 300 });
    // Merged again later: a new merge with its own transfer ids.
    const second = await merge(survivor, loser);
    expect(await points(survivor)).toMatchObject({ spendable: 300, lots: [{ id: `merge:${loser}.2:lot:adjust:tw-1:lot` }] });
    await undo(second.id);
    await ledgerOk();
  });

  it('a failure later in the merge leaves nothing half-done, and the retry writes the same ids', async () => {
    const survivor = await b.customer('Whole');
    const loser = await b.customer('Half');
    const card = await b.card(loser);
    await adjust(loser, 'hf-1', 250);
    const count = await transferCount();
    registerCustomerMergeHandler({ name: 'zz.failing', merge: async () => { throw new Error('the next module failed'); }, undo: async () => {} });
    try {
      const failed = await b.owner('POST', `/api/customers/${survivor}/merge`, { loserId: loser });
      expect(failed.statusCode).toBe(500);
    } finally {
      registerCustomerMergeHandler({ name: 'zz.failing', merge: async () => null, undo: async () => {} });
    }
    expect(await transferCount()).toBe(count);
    expect(await owned('loyalty_cards', loser)).toEqual([card.id]);
    expect(await points(loser)).toMatchObject({ spendable: 250 });
    const m = await merge(survivor, loser);
    const ids = (await b.t.db.db.selectFrom('loyalty_transfers').select('id').where('kind', '=', 'merge').where('customer_id', '=', survivor).execute()).map((r) => r.id);
    expect(ids).toEqual([`merge:${loser}.1:in:adjust:hf-1:lot`]);
    await undo(m.id);
    await ledgerOk();
  });
});

describe('organizations', () => {
  let other: Tenant;
  beforeAll(async () => { other = await createTenant(b.t, { currency: 'EUR', timeZone: 'Europe/Tallinn' }); });

  it('a merge touches only its own organization, and nobody else can merge or undo it', async () => {
    const as = (method: 'POST' | 'GET', url: string, payload?: unknown) => b.t.app.inject({ method, url, headers: { cookie: other.cookie }, ...(payload !== undefined && { payload: payload as object }) });
    const program = await as('POST', '/api/loyalty/programs', { name: 'Other', config: exampleProgram(), cardFormat: { ...CARD_FORMAT, prefix: '260' } });
    expect(program.statusCode, program.body).toBe(201);
    const theirs = (await as('POST', '/api/customers', { familyName: 'Theirs' })).json().id as string;
    await as('POST', `/api/loyalty/customers/${theirs}/adjustments`, { adjustmentId: 'o-1', amount: 700, reason: 'seed points' });
    const survivor = await b.customer('Ours');
    const loser = await b.customer('AlsoOurs');
    await adjust(loser, 'ours-1', 100);
    // Another organization can neither merge our customers, nor theirs into ours, nor undo our merge.
    expect((await as('POST', `/api/customers/${survivor}/merge`, { loserId: loser })).statusCode).toBe(404);
    expect((await as('POST', `/api/customers/${theirs}/merge`, { loserId: loser })).statusCode).toBe(404);
    expect((await b.owner('POST', `/api/customers/${survivor}/merge`, { loserId: theirs })).statusCode).toBe(404);
    const m = await merge(survivor, loser);
    expect((await as('POST', `/api/merges/${m.id}/undo`)).statusCode).toBe(404);
    const balance = (await as('GET', `/api/loyalty/customers/${theirs}/balance`)).json();
    expect(balance).toMatchObject({ spendable: 700, pending: 0 });
    const check = await checkLedger(b.t.db.db, { organizationId: other.organizationId }, program.json().id, true);
    expect(check.problems).toEqual([]);
    expect(check.counts.transfers).toBe(1);
    await undo(m.id);
  });
});
