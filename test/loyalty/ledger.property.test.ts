// Random sequences of confirm / refund / cancel / expire / adjust (plus retries and reused ids) against
// the REAL database through the service functions, checking the ledger invariants after every step:
// every cached balance equals the sum of its transfers; spendable is negative only for a debt under
// the negative_balance policy; total issued = spendable + pending + redeemed + expired + taken back.
// At the end every receipt is refunded in full, and each must have given back exactly what it earned,
// spent and cost — so nothing was ever counted twice or kept.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../src/platform/context.js';
import { isAppError } from '../../src/platform/errors.js';
import { createCustomer } from '../../src/modules/customers/index.js';
import { createOrganization, type Actor } from '../../src/modules/tenancy/index.js';
import { exampleProgram } from '../../src/modules/loyalty/domain/index.js';
import { settingsArb, stepArb } from '../../src/modules/loyalty/domain/ledger-steps.testkit.js';
import { checkLedger } from '../../src/modules/loyalty/index.js';
import { confirmCheckout } from '../../src/modules/loyalty/checkout-confirm.js';
import { cancelReceipt, refundReceipt, type RefundAnswer } from '../../src/modules/loyalty/checkout-refund.js';
import { adjustPoints } from '../../src/modules/loyalty/customer-points.js';
import { runDue } from '../../src/modules/loyalty/due.js';
import { createProgram } from '../../src/modules/loyalty/programs.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';

const HOUR = 3_600_000;
let db: TestDatabase;
let ctx: ServiceContext;
let actor: Actor;
let sequence = 0;

beforeAll(async () => {
  db = await createTestDatabase({ now: '2026-01-28T09:00:00Z' });
  ctx = db.ctx;
  const org = await createOrganization(ctx, { name: 'Property', currency: 'EUR', timeZone: 'Europe/Berlin', owner: { email: 'owner@property.example', name: 'Owner', password: 'property password' } });
  actor = { organizationId: org.organization.id, role: 'owner', staffId: org.owner.id, apiKeyId: null, outletId: null };
});
afterAll(() => db.drop());


/** A call that must either succeed or be refused for one of the expected reasons. */
async function attempt<T>(run: () => Promise<T>, allowed: string[]): Promise<T | null> {
  try {
    return await run();
  } catch (e) {
    if (isAppError(e) && allowed.includes(e.code)) return null;
    throw e;
  }
}

interface Done { again: () => Promise<unknown>; variant: () => Promise<unknown>; answer: unknown }

describe('the database ledger under random operation sequences', () => {
  it('keeps every invariant, and full refunds give back exactly what each receipt earned, spent and cost', async () => {
    await fc.assert(fc.asyncProperty(settingsArb, fc.array(stepArb, { minLength: 1, maxLength: 14 }), async (settings, steps) => {
      const seq = ++sequence;
      const base = exampleProgram({ refundPolicy: settings.policy });
      const program = await createProgram(ctx, actor, {
        name: `P${seq}`, cardFormat: { scheme: 'luhn', prefix: String(100 + seq), length: 12 },
        config: { ...base, points: { ...base.points!, pendingDays: settings.pendingDays, expiry: settings.expiry, rate: settings.rate, maxShareBp: 5000 } },
      });
      const scope = { organizationId: actor.organizationId };
      const check = async () => {
        const result = await checkLedger(ctx.db, scope, program.id, settings.policy === 'negative_balance');
        expect(result.problems).toEqual([]);
        return result;
      };
      const customers = [
        (await createCustomer(ctx, actor, { familyName: `A${seq}` })).id,
        (await createCustomer(ctx, actor, { familyName: `B${seq}` })).id,
      ];
      const receipts: string[] = [];
      const done: Done[] = [];
      const perReceipt = new Map<string, { take: number; ret: number; money: number }>();
      const record = (receiptId: string, a: RefundAnswer | null) => {
        if (!a) return;
        const sum = perReceipt.get(receiptId) ?? { take: 0, ret: 0, money: 0 };
        perReceipt.set(receiptId, { take: sum.take + a.points.takenBack + a.points.coveredByMoney + a.points.forgiven, ret: sum.ret + a.points.returned, money: sum.money + a.money.gross });
      };
      let n = 0;
      for (const { step, hours } of steps) {
        db.clock.advance(hours * HOUR);
        const id = `s${seq}-${n++}`;
        if (step.type === 'confirm') {
          const customerId = customers[step.customer]!;
          const body = { receiptId: id, programId: program.id, customer: { customerId }, pointsToSpend: step.spendShare * 40,
            lines: step.lines.map((l, i) => ({ sku: `sku${i}`, quantity: l.qty / 1000, unitPrice: l.price })) };
          const answer = await confirmCheckout(ctx, actor, body);
          receipts.push(id);
          done.push({ answer, again: () => confirmCheckout(ctx, actor, body), variant: () => confirmCheckout(ctx, actor, { ...body, pointsToSpend: body.pointsToSpend + 1 }) });
        } else if ((step.type === 'refund' || step.type === 'cancel') && receipts.length > 0) {
          const receiptId = receipts[step.pick % receipts.length]!;
          if (step.type === 'refund') {
            const lines = await db.db.selectFrom('purchases').innerJoin('purchase_lines', 'purchase_lines.purchase_id', 'purchases.id')
              .select(['line_no', 'quantity_milli', 'refunded_quantity_milli']).where('purchases.external_id', '=', receiptId).orderBy('line_no').execute();
            const wanted = lines.map((l) => ({ index: l.line_no, quantity: Math.floor(((l.quantity_milli - l.refunded_quantity_milli) * (step.percents[l.line_no] ?? 0)) / 100) / 1000 })).filter((l) => l.quantity > 0);
            if (wanted.length === 0) continue;
            const body = { refundId: id, receiptId, lines: wanted };
            const answer = await refundReceipt(ctx, actor, body);
            record(receiptId, answer);
            done.push({ answer, again: () => refundReceipt(ctx, actor, body), variant: () => refundReceipt(ctx, actor, { ...body, lines: wanted.map((w) => ({ ...w, quantity: w.quantity + 0.001 })) }) });
          } else {
            const answer = await attempt(() => cancelReceipt(ctx, actor, { cancelId: id, receiptId }), ['cancel_not_allowed', 'nothing_to_refund']);
            record(receiptId, answer);
            if (answer) done.push({ answer, again: () => cancelReceipt(ctx, actor, { cancelId: id, receiptId }), variant: () => cancelReceipt(ctx, actor, { cancelId: id, receiptId: `${receiptId}x` }) });
          }
        } else if (step.type === 'due') {
          await runDue(ctx, db.clock.now());
        } else if (step.type === 'adjust') {
          const body = { adjustmentId: id, programId: program.id, amount: step.amount, reason: 'property test' };
          const answer = await attempt(() => adjustPoints(ctx, actor, customers[step.customer]!, body), ['insufficient_points']);
          if (step.amount > 0) expect(answer).not.toBeNull();
          if (answer) done.push({ answer, again: () => adjustPoints(ctx, actor, customers[step.customer]!, body), variant: () => adjustPoints(ctx, actor, customers[step.customer]!, { ...body, amount: body.amount * 2 }) });
        } else if (step.type === 'retry' && done.length > 0) {
          const prior = done[step.pick % done.length]!;
          const before = await check();
          expect(await prior.again()).toEqual(prior.answer); // the first answer, and nothing written
          expect((await check()).counts).toEqual(before.counts);
        } else if (step.type === 'reuse_id' && done.length > 0) {
          await expect(done[step.pick % done.length]!.variant()).rejects.toMatchObject({ status: 409 });
        }
        await check();
      }
      // Refund everything still open.
      for (const receiptId of receipts) {
        const lines = await db.db.selectFrom('purchases').innerJoin('purchase_lines', 'purchase_lines.purchase_id', 'purchases.id')
          .select(['line_no', 'quantity_milli', 'refunded_quantity_milli']).where('purchases.external_id', '=', receiptId).orderBy('line_no').execute();
        const rest = lines.map((l) => ({ index: l.line_no, quantity: (l.quantity_milli - l.refunded_quantity_milli) / 1000 })).filter((l) => l.quantity > 0);
        if (rest.length > 0) record(receiptId, await refundReceipt(ctx, actor, { refundId: `final-${receiptId}`, receiptId, lines: rest }));
        const p = await db.db.selectFrom('purchases').select(['points_earned', 'points_spent', 'paid']).where('external_id', '=', receiptId).executeTakeFirstOrThrow();
        expect(perReceipt.get(receiptId)).toEqual({ take: p.points_earned, ret: p.points_spent, money: p.paid });
      }
      const final = await check();
      expect(final.totals.redeemed).toBe(0); // with every receipt reversed, no point stays spent
    }), { numRuns: 30 });
  }, 120_000);
});
