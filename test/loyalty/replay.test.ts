// A confirm's answer is not stored whole: the operation row keeps the answer without its receipt, the
// purchase keeps the receipt in compact form (domain/stored-receipt.ts), and a retried confirm renders
// the answer again. These tests prove the replay is the first answer byte for byte — on a receipt that
// uses every part of the answer, after the customer's state has moved on — and that rows stored
// before the compact form still replay and refund.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeReceipt, exampleProgram } from '../../src/modules/loyalty/domain/index.js';
import { checkLedger } from '../../src/modules/loyalty/index.js';
import { DAY, line, loyaltyBench, type LoyaltyBench } from './helpers.js';

const base = exampleProgram();
let b: LoyaltyBench;
beforeAll(async () => {
  b = await loyaltyBench({
    config: {
      // Levels with both thresholds (parameters jsonb would reorder), cumulative above the tier on some lines.
      cumulative: { ...base.cumulative!, levels: [{ minAmount: 5_000, minCount: 1, discountBp: 1200 }, { minAmount: 500_000, minCount: 40, discountBp: 2500 }], match: 'all' },
      stacking: { priority: { tier: 1, cumulative: 1, club: 1 }, promotion: 'best_of' },
      marginGuard: { minMarkupBp: 500, groupMaxDiscountBp: { tobacco: 0 }, defaultMaxDiscountBp: 3000 },
    },
  });
});
afterAll(async () => {
  const check = await checkLedger(b.t.db.db, { organizationId: b.a.organizationId }, b.programId, true);
  expect(check.problems).toEqual([]);
  await b.close();
});

const receiptLines = Array.from({ length: 20 }, (_, i) => line(`SKU-${i} «${'é'.repeat(i % 3)}»`, 199 + i * 137, 1 + (i % 3) * 0.25, {
  productGroup: ['food', 'goods', 'tobacco', null][i % 4], ...(i % 5 === 0 && { unitCost: 100 + i * 40 }), ...(i % 6 === 0 && { promotionDiscount: 20 }),
}));

describe('replaying a confirm', () => {
  it('returns the first answer byte for byte, rendered from the compact rows, after the customer moved on', async () => {
    const customer = await b.customer('Replay');
    const card = await b.card(customer, 'gold');
    expect((await b.owner('POST', `/api/loyalty/customers/${customer}/adjustments`, { adjustmentId: 'replay-seed', amount: 5000, reason: 'seed' })).statusCode).toBe(200);
    expect((await b.pos('POST', '/api/checkout/confirm', { receiptId: 'RP-0', customer: { cardNumber: card.number }, lines: [line('X', 6000)] })).statusCode).toBe(200);
    const body = { receiptId: 'RP-1', customer: { cardNumber: card.number }, lines: receiptLines, pointsToSpend: 700, occurredAt: '2026-03-15T10:01:00.123Z' };
    const first = await b.pos('POST', '/api/checkout/confirm', body);
    expect(first.statusCode, first.body).toBe(200);
    const answer = first.json();
    // The receipt uses what can differ on a replay: both mechanics with parameters, caps, promotions, points both ways.
    const reasons = new Set(answer.receipt.lines.map((l: { discount: { reason: string | null } }) => l.discount.reason));
    expect(reasons).toContain('cumulative_level');
    expect(answer.receipt.lines.some((l: { discount: { params: Record<string, unknown> } }) => Object.keys(l.discount.params).join() === 'level,minAmount,minCount')).toBe(true);
    expect(answer.receipt.lines.some((l: { discount: { cappedBy: string | null } }) => l.discount.cappedBy !== null)).toBe(true);
    expect(answer.points.spent).toBeGreaterThan(0);
    expect(answer.points.earned).toBeGreaterThan(0);

    // The rows are compact: no receipt in the operation row, the purchase's receipt in version 2.
    const op = await b.t.db.db.selectFrom('loyalty_operations').select('response').where('kind', '=', 'confirm').where('id', '=', 'RP-1').executeTakeFirstOrThrow();
    expect(JSON.stringify(op.response)).not.toContain('"receipt"');
    const purchase = await b.t.db.db.selectFrom('purchases').select('result').where('external_id', '=', 'RP-1').executeTakeFirstOrThrow();
    expect((purchase.result as { v: number }).v).toBe(2);
    expect(JSON.stringify(purchase.result).length).toBeLessThan(first.body.length / 2);

    // The customer moves on: more points, another receipt, a partial refund of this one; time passes.
    expect((await b.pos('POST', '/api/checkout/confirm', { receiptId: 'RP-2', customer: { cardNumber: card.number }, lines: [line('Y', 90_000)] })).statusCode).toBe(200);
    expect((await b.pos('POST', '/api/checkout/refund', { refundId: 'RP-1-r', receiptId: 'RP-1', lines: [{ index: 1, quantity: 1 }] })).statusCode).toBe(200);
    b.t.db.clock.advance(3 * DAY);
    const again = await b.pos('POST', '/api/checkout/confirm', body);
    expect(again.statusCode).toBe(200);
    expect(again.body).toBe(first.body);
    // The same answer over the customer's other identifiers is a conflict only when the body differs.
    const other = await b.pos('POST', '/api/checkout/confirm', { ...body, pointsToSpend: 701 });
    expect(other.json().error.code).toBe('receipt_conflict');
  });

  it('replays and refunds receipts stored before the compact form', async () => {
    const customer = await b.customer('Before');
    const card = await b.card(customer);
    const body = { receiptId: 'OLD-1', customer: { cardNumber: card.number }, lines: receiptLines.slice(0, 4) };
    const first = await b.pos('POST', '/api/checkout/confirm', body);
    expect(first.statusCode, first.body).toBe(200);
    // Rewrite the rows as the earlier version stored them: the whole answer, the whole result.
    const row = await b.t.db.db.selectFrom('purchases').select(['id', 'result']).where('external_id', '=', 'OLD-1').executeTakeFirstOrThrow();
    const whole = decodeReceipt(row.result);
    expect('v' in whole).toBe(false);
    await b.t.db.db.updateTable('purchases').set({ result: JSON.stringify(whole) }).where('id', '=', row.id).execute();
    await b.t.db.db.updateTable('loyalty_operations').set({ response: first.body }).where('kind', '=', 'confirm').where('id', '=', 'OLD-1').execute();
    const again = await b.pos('POST', '/api/checkout/confirm', body);
    expect(again.body).toBe(first.body);
    const refund = await b.pos('POST', '/api/checkout/refund', { refundId: 'OLD-1-r', receiptId: 'OLD-1', lines: [{ index: 0, quantity: 1 }] });
    expect(refund.statusCode, refund.body).toBe(200);
    expect(refund.json().money.gross).toBe(first.json().receipt.lines[0].paidAmount);
  });
});
