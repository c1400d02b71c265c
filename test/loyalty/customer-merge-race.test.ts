// A merge racing the till: while the owner merges two profiles, the till keeps confirming and spending on
// both customers' cards (and retries some receipts). Whatever order the database serialises them in, no
// receipt is counted twice or lost, no point is created or lost, and the ledger check passes — before and
// after the undo.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerLoyaltyCustomerHooks } from '../../src/modules/loyalty/customer-hooks.js';
import { checkLedger } from '../../src/modules/loyalty/index.js';
import { sql } from '../../src/platform/db/database.js';
import { line, loyaltyBench, type LoyaltyBench } from './helpers.js';

let b: LoyaltyBench;
beforeAll(async () => {
  b = await loyaltyBench({ now: '2026-03-15T10:00:00Z' });
  registerLoyaltyCustomerHooks(b.t.db.ctx);
});
afterAll(() => b.close());

async function ledgerProblems() {
  return (await checkLedger(b.t.db.db, { organizationId: b.a.organizationId }, b.programId, true)).problems;
}

describe('a merge while the till is busy', () => {
  it('keeps every receipt once and every point, whichever runs first', async () => {
    const survivor = await b.customer('Racer');
    const loser = await b.customer('Racer');
    const sCard = await b.card(survivor);
    const lCard = await b.card(loser);
    for (const [c, id] of [[survivor, 's'], [loser, 'l']] as const) {
      const res = await b.owner('POST', `/api/loyalty/customers/${c}/adjustments`, { adjustmentId: `seed-${id}`, amount: 5000, reason: 'seed' });
      expect(res.statusCode, res.body).toBe(200);
    }
    const receipts = Array.from({ length: 40 }, (_, i) => ({
      receiptId: `R-${i}`, customer: { cardNumber: (i % 2 ? lCard : sCard).number }, pointsToSpend: i % 3 === 0 ? 150 : 0, lines: [line('A', 1000 + i * 10)],
    }));
    const confirm = (r: (typeof receipts)[number]) => b.pos('POST', '/api/checkout/confirm', r);
    const mergeCall = b.owner('POST', `/api/customers/${survivor}/merge`, { loserId: loser });
    // Every receipt once, a quarter of them twice (a till retrying), all at the same time as the merge.
    const answers = await Promise.all([mergeCall, ...receipts.map(confirm), ...receipts.filter((_, i) => i % 4 === 0).map(confirm)]);
    const [merged, ...tills] = answers;
    expect(merged!.statusCode, merged!.body).toBe(201);
    for (const res of tills) expect(res.statusCode, res.body).toBe(200);
    // A retried receipt answered exactly as the first time.
    const byId = new Map<string, string>();
    for (const res of tills) {
      const id = res.json().receiptId as string;
      if (byId.has(id)) expect(res.body).toBe(byId.get(id));
      else byId.set(id, res.body);
    }
    const counts = await sql<{ external_id: string; n: number }>`SELECT external_id, count(*)::int AS n FROM purchases
      WHERE organization_id = ${b.a.organizationId} GROUP BY external_id`.execute(b.t.db.db);
    expect(counts.rows).toHaveLength(40);
    expect(counts.rows.every((r) => r.n === 1)).toBe(true);
    // After the merge every receipt belongs to the survivor, however it raced.
    const owners = await sql<{ customer_id: string; n: number }>`SELECT customer_id, count(*)::int AS n FROM purchases
      WHERE organization_id = ${b.a.organizationId} GROUP BY customer_id`.execute(b.t.db.db);
    expect(owners.rows).toEqual([{ customer_id: survivor, n: 40 }]);
    expect(await ledgerProblems()).toEqual([]);
    const total = async () => Number((await sql<{ s: string }>`SELECT coalesce(sum(spendable + pending - debt), 0) AS s FROM loyalty_members
      WHERE organization_id = ${b.a.organizationId} AND customer_id IN (${survivor}, ${loser})`.execute(b.t.db.db)).rows[0]!.s);
    const afterMerge = await total();

    const undone = await b.owner('POST', `/api/merges/${merged!.json().id}/undo`);
    expect(undone.statusCode, undone.body).toBe(200);
    expect(await ledgerProblems()).toEqual([]);
    expect(await total()).toBe(afterMerge); // points move between the two, none appear or vanish
  });
});
