import { describe, expect, it } from 'vitest';
import type { Batch, LedgerState, Transfer } from './ledger-model.js';
import { applyBatch, balanceOf, customerLots, debtOf, emptyLedger, ISSUED, pendingAccount, REDEEMED, spendableAccount, TAKEN_BACK, transferId } from './ledger-model.js';

const c = 'c1';
const lot = { id: 'r1:earn', customerId: c, unlockAt: null, expiresAt: null };
const t = (over: Partial<Transfer> & Pick<Transfer, 'id'>): Transfer => ({
  debit: ISSUED, credit: spendableAccount(c), amount: 100, kind: 'accrue', operationId: 'r1', lotId: lot.id, ...over,
});
const accrue: Batch = { newLots: [lot], transfers: [t({ id: transferId('r1', 'accrue') })] };

function applied(state: LedgerState, batch: Batch): LedgerState {
  const r = applyBatch(state, batch);
  if (r.status !== 'applied') throw new Error(JSON.stringify(r));
  return r.state;
}

describe('transfers', () => {
  it('derive balances from transfers, double entry', () => {
    const s = applied(emptyLedger(), accrue);
    expect(balanceOf(s, ISSUED)).toBe(-100);
    expect(balanceOf(s, spendableAccount(c))).toBe(100);
    expect(customerLots(s, c)).toEqual([{ id: lot.id, remaining: 100, pending: false, unlockAt: null, expiresAt: null }]);
  });
  it('are idempotent: the same batch again is a no-op, the same id with other content is a conflict', () => {
    const s = applied(emptyLedger(), accrue);
    const again = applyBatch(s, accrue);
    expect(again.status).toBe('duplicate');
    expect(again.status === 'duplicate' && again.state).toBe(s);
    expect(applyBatch(s, { newLots: [lot], transfers: [t({ id: transferId('r1', 'accrue'), amount: 101 })] })).toEqual({ status: 'conflict', transferId: 'r1:accrue' });
    // A batch that only partly exists cannot come from an atomic commit: it is a conflict too.
    const partial = { newLots: [lot], transfers: [t({ id: 'r1:accrue' }), t({ id: 'r1:accrue:2' })] };
    expect(applyBatch(s, partial).status).toBe('conflict');
  });
  it('apply a batch entirely or not at all, refusing what must never happen', () => {
    const s = applied(emptyLedger(), accrue);
    const overspend = { newLots: [], transfers: [
      t({ id: 'r2:spend:a', debit: spendableAccount(c), credit: REDEEMED, amount: 60, kind: 'spend', operationId: 'r2' }),
      t({ id: 'r2:spend:b', debit: spendableAccount(c), credit: REDEEMED, amount: 60, kind: 'spend', operationId: 'r2' }),
    ] };
    expect(applyBatch(s, overspend)).toMatchObject({ status: 'rejected', transferId: 'r2:spend:b', reason: 'lot_overdrawn' });
    expect(balanceOf(s, REDEEMED)).toBe(0);
    const reject = (tr: Transfer) => applyBatch(s, { newLots: [], transfers: [tr] });
    expect(reject(t({ id: 'x', amount: 0 }))).toMatchObject({ reason: 'amount_not_positive_integer' });
    expect(reject(t({ id: 'x', amount: 1.5 }))).toMatchObject({ reason: 'amount_not_positive_integer' });
    expect(reject(t({ id: 'x', debit: ISSUED, credit: ISSUED }))).toMatchObject({ reason: 'same_account' });
    expect(reject(t({ id: 'x', credit: 'customer:c2:spendable' }))).toMatchObject({ reason: 'lot_not_of_customer' });
    expect(reject(t({ id: 'x', credit: pendingAccount(c), lotId: null }))).toMatchObject({ reason: 'pending_needs_lot' });
    expect(reject(t({ id: 'x', debit: spendableAccount(c), credit: REDEEMED, lotId: null, kind: 'spend' }))).toMatchObject({ reason: 'lotless_debit_only_for_take_back' });
    expect(reject(t({ id: 'x', debit: REDEEMED, credit: spendableAccount(c), kind: 'return' }))).toMatchObject({ reason: 'system_balance_wrong_sign:system:redeemed' });
    expect(reject(t({ id: 'x', credit: 'bank' }))).toMatchObject({ reason: 'unknown_account:bank' });
  });
  it('keep a refund debt in the lot-less part, repaid only up to the debt', () => {
    let s = applied(emptyLedger(), accrue);
    s = applied(s, { newLots: [], transfers: [t({ id: 'f1:take_back:debt', debit: spendableAccount(c), credit: TAKEN_BACK, amount: 130, kind: 'take_back', operationId: 'f1', lotId: null })] });
    expect(balanceOf(s, spendableAccount(c))).toBe(-30);
    expect(debtOf(s, c)).toBe(130);
    const repay = (amount: number) => ({ newLots: [], transfers: [
      t({ id: 'f2:settle_debt', debit: spendableAccount(c), credit: TAKEN_BACK, amount, kind: 'settle_debt', operationId: 'f2' }),
      t({ id: 'f2:debt_repaid', debit: TAKEN_BACK, credit: spendableAccount(c), amount, kind: 'debt_repaid', operationId: 'f2', lotId: null }),
    ] });
    s = applied(s, repay(100));
    expect(debtOf(s, c)).toBe(30);
    expect(customerLots(s, c)[0]?.remaining).toBe(0);
    expect(balanceOf(s, spendableAccount(c))).toBe(-30);
    expect(applyBatch(s, { newLots: [], transfers: [t({ id: 'f3:debt_repaid', debit: TAKEN_BACK, credit: spendableAccount(c), amount: 31, kind: 'debt_repaid', lotId: null })] }))
      .toMatchObject({ reason: 'debt_overpaid' });
  });
});
