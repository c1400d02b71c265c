// The per-customer book must do exactly what the reference model does (domain/ledger-ops.ts), and
// refuse what the model refuses; its cached balances must always match its lots.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BookLot } from './ledger-book.js';
import { Book, InsufficientPointsError, LedgerRuleError } from './ledger-book.js';
import { adjust, balanceOf, customerLots, emptyLedger, emptyModel, exampleProgram, pendingAccount, runDue, spendableAccount } from './domain/index.js';

const T0 = new Date('2026-01-10T10:00:00Z');
const DAY = 86_400_000;
const lot = (id: string, remaining: number, extra: Partial<BookLot> = {}): BookLot => ({ id, remaining, pending: false, unlockAt: null, expiresAt: null, operationId: 'seed', createdAt: T0, ...extra });

describe('Book', () => {
  it('accrues a pending lot, unlocks it when due and expires it later, with ids from the lot', () => {
    const book = new Book({ spendable: 0, pending: 0, debt: 0, lots: [] }, T0);
    book.accrue('receipt:R1', 'receipt:R1:earn', 100, { unlockAt: new Date(T0.getTime() + 14 * DAY), expiresAt: new Date(T0.getTime() + 30 * DAY) });
    expect(book.balances()).toEqual({ spendable: 0, pending: 100, debt: 0 });
    expect(book.nextDueAt()).toEqual(new Date(T0.getTime() + 14 * DAY));
    expect(book.runDue(new Date(T0.getTime() + 15 * DAY))).toEqual({ unlocked: 100, expired: 0 });
    expect(book.runDue(new Date(T0.getTime() + 31 * DAY))).toEqual({ unlocked: 0, expired: 100 });
    expect(book.transfers.map((t) => [t.id, t.debit, t.credit, t.amount])).toEqual([
      ['receipt:R1:accrue', 'issued', 'pending', 100],
      ['lot:receipt:R1:earn:unlock', 'pending', 'spendable', 100],
      ['lot:receipt:R1:earn:expire', 'spendable', 'expired', 100],
    ]);
    expect(book.changes()).toMatchObject({ balances: { spendable: 0, pending: 0, debt: 0 }, nextDueAt: null, newLots: [{ id: 'receipt:R1:earn', remaining: 0, pending: false }] });
  });

  it('spends the soonest-expiring lots first and refuses more than there is', () => {
    const book = new Book({ spendable: 150, pending: 0, debt: 0, lots: [lot('a', 100, { expiresAt: new Date(T0.getTime() + 90 * DAY) }), lot('b', 50, { expiresAt: new Date(T0.getTime() + 10 * DAY) })] }, T0);
    book.spend('receipt:R2', 70, T0);
    expect(book.transfers.map((t) => [t.lotId, t.amount])).toEqual([['b', 50], ['a', 20]]);
    expect(() => book.spend('receipt:R3', 81, T0)).toThrow(InsufficientPointsError);
    expect(book.changes().changedLots.map((l) => [l.id, l.remaining])).toEqual([['a', 80], ['b', 0]]);
  });

  it('refuses a starting snapshot whose cache disagrees with its lots', () => {
    expect(() => new Book({ spendable: 10, pending: 0, debt: 0, lots: [lot('a', 9)] }, T0)).toThrow(LedgerRuleError);
  });

  it('takes an open debt back from points as they become spendable (settle_debt + debt_repaid)', () => {
    const book = new Book({ spendable: -30, pending: 50, debt: 30, lots: [lot('p', 50, { pending: true, unlockAt: new Date(T0.getTime() + DAY) })] }, T0);
    expect(book.points(T0)).toEqual({ spendable: -30, pending: 50 });
    book.runDue(new Date(T0.getTime() + DAY));
    expect(book.settleDebt('due:1', new Date(T0.getTime() + DAY))).toBe(30);
    expect(book.balances()).toEqual({ spendable: 20, pending: 0, debt: 0 });
    expect(book.transfers.map((t) => t.kind)).toEqual(['unlock', 'settle_debt', 'debt_repaid']);
  });

  it('matches the reference model on random adjustments and due runs', () => {
    fc.assert(fc.property(fc.array(fc.record({ amount: fc.integer({ min: -300, max: 300 }).filter((x) => x !== 0), days: fc.integer({ min: 0, max: 40 }), expires: fc.option(fc.integer({ min: 1, max: 30 }), { nil: null }) }), { minLength: 1, maxLength: 25 }), (steps) => {
      const program = exampleProgram();
      let model = emptyModel(program, 'UTC', emptyLedger());
      let snapshot = { spendable: 0, pending: 0, debt: 0, lots: [] as BookLot[] };
      let now = T0.getTime();
      steps.forEach((s, i) => {
        now += s.days * DAY;
        const at = new Date(now);
        const expiresAt = s.expires === null ? null : new Date(now + s.expires * DAY);
        const due = runDue(model, 'c', at);
        if (due.status === 'applied') model = due.state;
        const out = adjust(model, { adjustId: `adjust:a${i}`, customerId: 'c', amount: s.amount, at, expiresAt });
        const book = new Book(snapshot, at);
        book.runDue(at);
        let refused = false;
        try {
          book.adjust(`adjust:a${i}`, s.amount, at, expiresAt);
        } catch (e) {
          if (!(e instanceof InsufficientPointsError)) throw e;
          refused = true;
        }
        expect(refused).toBe(out.status !== 'applied');
        if (out.status === 'applied') model = out.state;
        const c = book.changes();
        const lots = new Map(snapshot.lots.map((l) => [l.id, l]));
        for (const l of [...c.newLots, ...c.changedLots]) lots.set(l.id, l);
        // A refused adjustment writes nothing, but the due work before it would still be written.
        snapshot = { ...c.balances, lots: [...lots.values()].filter((l) => l.remaining > 0) };
        expect(snapshot.spendable).toBe(balanceOf(model.ledger, spendableAccount('c')));
        expect(snapshot.pending).toBe(balanceOf(model.ledger, pendingAccount('c')));
        const modelLots = customerLots(model.ledger, 'c').filter((l) => l.remaining > 0).map((l) => [l.id, l.remaining]).sort();
        expect(snapshot.lots.map((l) => [l.id, l.remaining]).sort()).toEqual(modelLots);
      });
    }), { numRuns: 200 });
  });
});
