// Refunds and cancels over HTTP: proportional to the minor unit from the stored receipt, points spent
// returned and points earned taken back, the three shortfall policies, idempotency and bad input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleProgram, type RefundPolicy } from '../../src/modules/loyalty/domain/index.js';
import { checkLedger } from '../../src/modules/loyalty/index.js';
import { refundAnswerSchema } from '../../src/modules/loyalty/schemas.js';
import { DAY, line, loyaltyBench, type LoyaltyBench } from './helpers.js';

let b: LoyaltyBench;
beforeAll(async () => { b = await loyaltyBench(); });
afterAll(async () => {
  const check = await checkLedger(b.t.db.db, { organizationId: b.a.organizationId }, b.programId, true);
  expect(check.problems).toEqual([]);
  await b.close();
});

async function withPoints(name: string, points: number) {
  const customer = await b.customer(name);
  const card = await b.card(customer);
  if (points > 0) {
    const adj = await b.owner('POST', `/api/loyalty/customers/${customer}/adjustments`, { adjustmentId: `seed-${name}`, amount: points, reason: 'welcome gift' });
    expect(adj.statusCode, adj.body).toBe(200);
  }
  return { customer, card };
}
const setPolicy = async (refundPolicy: RefundPolicy) => {
  const res = await b.owner('PATCH', `/api/loyalty/programs/${b.programId}`, { config: exampleProgram({ refundPolicy }) });
  expect(res.statusCode, res.body).toBe(200);
};
const balance = async (customer: string) => (await b.owner('GET', `/api/loyalty/customers/${customer}/balance`)).json();

describe('refunds', () => {
  it('refunds by lines and quantities, to the minor unit, and the parts add up to the whole', async () => {
    const { customer, card } = await withPoints('Partial', 0);
    const receipt = (await b.pos('POST', '/api/checkout/confirm', { receiptId: 'P-1', customer: { cardNumber: card.number }, lines: [line('A', 1000, 3), line('B', 2001)] })).json();
    // 5% off: A 3000 → 2850, B 2001 → 1901; 5% of 4751 paid = 237 points, split 142 / 95.
    expect(receipt.receipt.lines.map((l: { paidAmount: number; pointsEarned: number }) => [l.paidAmount, l.pointsEarned])).toEqual([[2850, 142], [1901, 95]]);
    const first = await b.pos('POST', '/api/checkout/refund', { refundId: 'P-1-r1', receiptId: 'P-1', lines: [{ index: 0, quantity: 1 }] });
    expect(first.statusCode, first.body).toBe(200);
    expect(refundAnswerSchema.parse(first.json())).toMatchObject({
      receiptStatus: 'partially_refunded', money: { gross: 950, toReturn: 950 }, points: { returned: 0, takenBack: 47 },
      lines: [{ index: 0, quantity: 1, refundedQuantity: 1, money: 950, pointsTakenBack: 47 }],
    });
    expect((await balance(customer)).pending).toBe(190); // taken from the receipt's own pending lot
    const rest = await b.pos('POST', '/api/checkout/refund', { refundId: 'P-1-r2', receiptId: 'P-1', lines: [{ index: 0, quantity: 2 }, { index: 1, quantity: 1 }] });
    expect(rest.json()).toMatchObject({ receiptStatus: 'refunded', money: { gross: 1900 + 1901 }, points: { takenBack: 95 + 95 } });
    expect(await balance(customer)).toMatchObject({ spendable: 0, pending: 0 });
    const row = await b.t.db.db.selectFrom('purchases').select(['status', 'refunded_paid', 'paid']).where('external_id', '=', 'P-1').executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'refunded', refunded_paid: 4751, paid: 4751 });
  });

  it('returns the points spent on the refunded part as a new spendable lot', async () => {
    const { customer, card } = await withPoints('Spender', 1000);
    const sale = (await b.pos('POST', '/api/checkout/confirm', { receiptId: 'S-1', customer: { cardNumber: card.number }, pointsToSpend: 500, lines: [line('A', 10_000)] })).json();
    expect(sale.receipt.totals).toMatchObject({ discountTotal: 500, pointsSpent: 500, pointsMoney: 500, amountToPay: 9000, pointsEarned: 450 });
    expect((await balance(customer)).spendable).toBe(500);
    const refund = (await b.pos('POST', '/api/checkout/refund', { refundId: 'S-1-r', receiptId: 'S-1', lines: [{ index: 0, quantity: 1 }] })).json();
    expect(refund).toMatchObject({ money: { toReturn: 9000 }, points: { returned: 500, takenBack: 450 }, balance: { spendable: 1000, pending: 0 } });
    expect((await balance(customer)).lots.map((l: { id: string }) => l.id)).toContain('refund:S-1-r:return');
  });

  it('under negative_balance keeps the refund whole and repays the debt from the next points', async () => {
    await setPolicy('negative_balance');
    const { customer, card } = await withPoints('Debtor', 0);
    await b.pos('POST', '/api/checkout/confirm', { receiptId: 'N-1', customer: { cardNumber: card.number }, lines: [line('A', 20_000)] }); // earns 950
    b.t.db.clock.advance(15 * DAY); // unlocked (the next operation unlocks what is due)
    await b.pos('POST', '/api/checkout/confirm', { receiptId: 'N-2', customer: { cardNumber: card.number }, pointsToSpend: 950, lines: [line('B', 100_000)] });
    expect((await balance(customer)).spendable).toBe(0);
    const refund = (await b.pos('POST', '/api/checkout/refund', { refundId: 'N-1-r', receiptId: 'N-1', lines: [{ index: 0, quantity: 1 }] })).json();
    expect(refund).toMatchObject({ money: { toReturn: 19_000 }, points: { takenBack: 950, shortfall: 950, negativeBalance: 950 }, balance: { spendable: -950 } });
    const who = (await b.pos('POST', '/api/checkout/identify', { cardNumber: card.number })).json();
    expect(who.warnings).toContain('debt_open');
    await b.owner('POST', `/api/loyalty/customers/${customer}/adjustments`, { adjustmentId: 'repay', amount: 1200, reason: 'goodwill' });
    expect(await balance(customer)).toMatchObject({ spendable: 250, debt: 0 });
  });

  it('under reduce_refund keeps money back for points already spent, and under forgive writes them off', async () => {
    for (const policy of ['reduce_refund', 'forgive'] as const) {
      await setPolicy(policy);
      const { customer, card } = await withPoints(`Policy-${policy}`, 0);
      await b.pos('POST', '/api/checkout/confirm', { receiptId: `${policy}-1`, customer: { cardNumber: card.number }, lines: [line('A', 20_000)] });
      b.t.db.clock.advance(15 * DAY);
      await b.pos('POST', '/api/checkout/confirm', { receiptId: `${policy}-2`, customer: { cardNumber: card.number }, pointsToSpend: 950, lines: [line('B', 100_000)] });
      const refund = (await b.pos('POST', '/api/checkout/refund', { refundId: `${policy}-r`, receiptId: `${policy}-1`, lines: [{ index: 0, quantity: 1 }] })).json();
      if (policy === 'reduce_refund') expect(refund).toMatchObject({ money: { gross: 19_000, deduction: 950, toReturn: 18_050 }, points: { shortfall: 950, coveredByMoney: 950, forgiven: 0 } });
      else expect(refund).toMatchObject({ money: { gross: 19_000, deduction: 0, toReturn: 19_000 }, points: { shortfall: 950, forgiven: 950 } });
      expect((await balance(customer)).spendable).toBeGreaterThanOrEqual(0);
    }
    await setPolicy('negative_balance');
  });

  it('is idempotent by refund id and refuses what cannot be refunded', async () => {
    const { card } = await withPoints('Idem', 0);
    await b.pos('POST', '/api/checkout/confirm', { receiptId: 'I-1', customer: { cardNumber: card.number }, lines: [line('A', 500, 2)] });
    const body = { refundId: 'I-1-r', receiptId: 'I-1', lines: [{ index: 0, quantity: 1 }] };
    const first = await b.pos('POST', '/api/checkout/refund', body);
    const again = await b.pos('POST', '/api/checkout/refund', body);
    expect(again.body).toBe(first.body);
    const other = await b.pos('POST', '/api/checkout/refund', { ...body, lines: [{ index: 0, quantity: 0.5 }] });
    expect(other.statusCode).toBe(409);
    expect(other.json().error).toMatchObject({ code: 'refund_conflict', details: { field: 'refundId' } });
    const tooMuch = await b.pos('POST', '/api/checkout/refund', { refundId: 'I-1-r2', receiptId: 'I-1', lines: [{ index: 0, quantity: 2 }] });
    expect(tooMuch.statusCode).toBe(409);
    expect(tooMuch.json().error.code).toBe('refund_exceeds_quantity');
    expect((await b.pos('POST', '/api/checkout/refund', { refundId: 'I-x', receiptId: 'nope', lines: [{ index: 0, quantity: 1 }] })).json().error.code).toBe('receipt_not_found');
    const badLine = await b.pos('POST', '/api/checkout/refund', { refundId: 'I-y', receiptId: 'I-1', lines: [{ index: 7, quantity: 1 }] });
    expect(badLine.statusCode).toBe(400);
  });
});

describe('cancel', () => {
  it('cancels on the same day before the points unlock, idempotently, and not on the next day', async () => {
    const { customer, card } = await withPoints('Cancel', 0);
    await b.pos('POST', '/api/checkout/confirm', { receiptId: 'K-1', customer: { cardNumber: card.number }, lines: [line('A', 1000)] });
    const cancel = await b.pos('POST', '/api/checkout/cancel', { cancelId: 'K-1-c', receiptId: 'K-1' });
    expect(cancel.statusCode, cancel.body).toBe(200);
    expect(cancel.json()).toMatchObject({ kind: 'cancel', receiptStatus: 'cancelled', money: { toReturn: 950 }, points: { takenBack: 47 } });
    expect((await b.pos('POST', '/api/checkout/cancel', { cancelId: 'K-1-c', receiptId: 'K-1' })).body).toBe(cancel.body);
    expect((await b.pos('POST', '/api/checkout/cancel', { cancelId: 'K-1-c', receiptId: 'P-1' })).json().error.code).toBe('cancel_conflict');
    expect(await balance(customer)).toMatchObject({ spendable: 0, pending: 0 });
    await b.pos('POST', '/api/checkout/confirm', { receiptId: 'K-2', customer: { cardNumber: card.number }, lines: [line('A', 1000)] });
    b.t.db.clock.advance(DAY);
    const late = await b.pos('POST', '/api/checkout/cancel', { cancelId: 'K-2-c', receiptId: 'K-2' });
    expect(late.statusCode).toBe(409);
    expect(late.json().error).toMatchObject({ code: 'cancel_not_allowed', details: { reason: 'not_same_day' } });
  });
});
