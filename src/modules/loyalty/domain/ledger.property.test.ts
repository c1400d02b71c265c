// Random sequences of checkout operations against the reference ledger model, checking after every
// step the invariants the database implementation must keep too.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exampleProgram } from './examples.js';
import { balanceFromTransfers, balanceOf, customerLots, EXPIRED, ISSUED, partKey, pendingAccount, REDEEMED, spendableAccount, TAKEN_BACK } from './ledger-model.js';
import { emptyLedger } from './ledger-model.js';
import type { ModelState, OpOutcome } from './ledger-ops.js';
import { adjust, cancel, confirm, customerPoints, emptyModel, refund, runDue } from './ledger-ops.js';
import { settingsArb, stepArb } from './ledger-steps.testkit.js';
import type { RefundPolicy } from './program.js';
import type { RefundPlan } from './refund.js';

const CUSTOMERS = ['c1', 'c2'];
const HOUR = 3_600_000;


/** An operation that was accepted, kept to be retried or to have its id reused. */
interface Done { run: (s: ModelState) => OpOutcome<unknown>; variant: (s: ModelState) => OpOutcome<unknown>; answer: unknown }

function checkInvariants(s: ModelState, policy: RefundPolicy): void {
  const { ledger } = s;
  expect(ledger.byId.size).toBe(ledger.transfers.length);
  let total = 0;
  for (const [account, cached] of ledger.balances) {
    expect(cached).toBe(balanceFromTransfers(ledger.transfers, account)); // the cache always equals the sum
    total += cached;
  }
  expect(total).toBe(0);
  let customersHold = 0;
  for (const c of CUSTOMERS) {
    const spendable = balanceOf(ledger, spendableAccount(c));
    const pending = balanceOf(ledger, pendingAccount(c));
    customersHold += spendable + pending;
    if (policy !== 'negative_balance') expect(spendable).toBeGreaterThanOrEqual(0);
    expect(pending).toBeGreaterThanOrEqual(0);
    const lots = customerLots(ledger, c);
    const lotless = ledger.parts.get(partKey(spendableAccount(c), null)) ?? 0;
    expect(lotless).toBeLessThanOrEqual(0);
    expect(lots.reduce((a, l) => a + l.remaining, 0) + lotless).toBe(spendable + pending);
    for (const l of lots) expect(l.remaining).toBeGreaterThanOrEqual(0);
  }
  // Total issued = spendable + pending + spent + expired + taken back.
  expect(0 - balanceOf(ledger, ISSUED)).toBe(customersHold + balanceOf(ledger, REDEEMED) + balanceOf(ledger, EXPIRED) + balanceOf(ledger, TAKEN_BACK));
}

describe('ledger model under random operation sequences', () => {
  it('keeps every invariant, and refunds add up to exactly what each receipt earned, spent and cost', () => {
    fc.assert(fc.property(settingsArb, fc.array(stepArb, { minLength: 1, maxLength: 40 }), (settings, steps) => {
      const base = exampleProgram({ refundPolicy: settings.policy });
      const program = { ...base, points: { ...base.points!, pendingDays: settings.pendingDays, expiry: settings.expiry, rate: settings.rate, maxShareBp: 5000 } };
      let s = emptyModel(program, 'Europe/Berlin', emptyLedger());
      let now = Date.parse('2024-01-28T09:00:00Z');
      const done: Done[] = [];
      const receiptIds: string[] = [];
      const perReceipt = new Map<string, { take: number; ret: number; money: number }>();
      let n = 0;
      const expected = { issued: 0, expired: 0 };
      const record = (receiptId: string, out: OpOutcome<RefundPlan>) => {
        if (out.status !== 'applied') return;
        const sum = perReceipt.get(receiptId) ?? { take: 0, ret: 0, money: 0 };
        perReceipt.set(receiptId, { take: sum.take + out.answer.pointsToTakeBack, ret: sum.ret + out.answer.pointsToReturn, money: sum.money + out.answer.moneyGross });
      };

      for (const { step, hours } of steps) {
        now += hours * HOUR;
        const at = new Date(now);
        const id = `op${String(n++).padStart(4, '0')}`;
        let out: OpOutcome<unknown> | null = null;
        if (step.type === 'confirm') {
          const customerId = CUSTOMERS[step.customer] ?? 'c1';
          const balance = Math.max(0, customerPoints(s, customerId, at).spendable);
          const cmd = { receiptId: id, customerId, at, requestedPoints: Math.floor((balance * step.spendShare) / 100),
            lines: step.lines.map((l, i) => ({ sku: `sku${i}`, productGroup: null, quantityMilli: l.qty, unitPrice: l.price })) };
          const o = confirm(s, cmd);
          out = o;
          if (o.status === 'applied') {
            receiptIds.push(id);
            expected.issued += o.answer.totals.pointsEarned;
            done.push({ run: (x) => confirm(x, cmd), variant: (x) => confirm(x, { ...cmd, requestedPoints: cmd.requestedPoints + 1 }), answer: o.answer });
          }
        } else if ((step.type === 'refund' || step.type === 'cancel') && receiptIds.length > 0) {
          const receiptId = receiptIds[step.pick % receiptIds.length] ?? '';
          const rec = s.receipts.get(receiptId);
          if (!rec) throw new Error('receipt lost');
          if (step.type === 'refund') {
            const quantities = rec.result.lines.map((l, i) => Math.floor(((l.quantityMilli - (rec.refunded[i] ?? 0)) * (step.percents[i] ?? 0)) / 100));
            const cmd = { refundId: id, receiptId, quantities, at };
            const o = refund(s, cmd);
            if (quantities.every((q) => q === 0)) expect(o).toMatchObject({ status: 'refused', reason: 'nothing_to_refund' });
            record(receiptId, o);
            out = o;
            if (o.status === 'applied') done.push({ run: (x) => refund(x, cmd), variant: (x) => refund(x, { ...cmd, quantities: quantities.map((q) => q + 1) }), answer: o.answer });
          } else {
            const cmd = { cancelId: id, receiptId, at };
            const o = cancel(s, cmd);
            record(receiptId, o);
            out = o;
            if (o.status === 'applied') done.push({ run: (x) => cancel(x, cmd), variant: (x) => cancel(x, { ...cmd, at: new Date(now + 1) }), answer: o.answer });
          }
        } else if (step.type === 'due') {
          const o = runDue(s, CUSTOMERS[step.customer] ?? 'c1', at);
          if (o.status === 'applied') expected.expired += o.answer.expired;
          out = o;
        } else if (step.type === 'adjust') {
          const cmd = { adjustId: id, customerId: CUSTOMERS[step.customer] ?? 'c1', amount: step.amount, at, expiresAt: null };
          const o = adjust(s, cmd);
          if (step.amount > 0) expect(o.status).toBe('applied');
          if (o.status === 'applied' && step.amount > 0) expected.issued += step.amount;
          out = o;
          if (o.status === 'applied') done.push({ run: (x) => adjust(x, cmd), variant: (x) => adjust(x, { ...cmd, amount: cmd.amount * 2 }), answer: o.answer });
        } else if (step.type === 'retry' && done.length > 0) {
          const prior = done[step.pick % done.length];
          const o = prior!.run(s);
          // A retry returns the first answer and writes nothing.
          expect(o.status).toBe('replayed');
          expect(o.status === 'replayed' && o.answer).toEqual(prior!.answer);
          expect(o.state.ledger).toBe(s.ledger);
        } else if (step.type === 'reuse_id' && done.length > 0) {
          const o = done[step.pick % done.length]!.variant(s);
          expect(o).toMatchObject({ status: 'conflict' });
          expect(o.state).toBe(s);
        }
        if (out && out.status === 'refused') expect(out.reason).toMatch(/^(nothing_to_refund|insufficient_points)$/);
        if (out) s = out.state;
        checkInvariants(s, settings.policy);
        expect(0 - balanceOf(s.ledger, ISSUED)).toBe(expected.issued);
        expect(balanceOf(s.ledger, EXPIRED)).toBe(expected.expired);
      }

      // Refund everything still open: every receipt then gave back exactly what it earned, spent and cost.
      for (const receiptId of receiptIds) {
        const o = cancel(s, { cancelId: `final-${receiptId}`, receiptId, at: new Date(now) });
        record(receiptId, o);
        if (o.status === 'applied') s = o.state;
        checkInvariants(s, settings.policy);
        const rec = s.receipts.get(receiptId)!;
        expect(perReceipt.get(receiptId)).toEqual({ take: rec.result.totals.pointsEarned, ret: rec.result.totals.pointsSpent, money: rec.result.totals.amountToPay });
      }
      // With every receipt reversed, nothing is left redeemed: no point was spent twice or kept.
      expect(balanceOf(s.ledger, REDEEMED)).toBe(0);
    }), { numRuns: 300 });
  });
});
