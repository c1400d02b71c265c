// The scheduled ledger work: pending lots become spendable and lots expire when due, and customers hear
// about points that will expire soon. Safe with several nodes: each batch claims member rows (or lots)
// with FOR UPDATE SKIP LOCKED, so two nodes never work on the same customer, and the transfer ids come
// from the lots (`lot:<id>:unlock`), so nothing is ever written twice. Whatever fell due while no node
// was running is simply due now: the job works through it batch by batch.
import { sql } from 'kysely';
import type { ServiceContext } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/database.js';
import { Book } from './ledger-book.js';
import { readSnapshot } from './ledger-store.js';
import { writeOperation } from './ledger-write.js';
import { loadProgram } from './programs.js';
import { emitEvent } from './webhooks.js';

export const DUE_BATCH = 200;
export const EXPIRING_NOTICE_DAYS = 7;

interface Claimed { organization_id: string; program_id: string; customer_id: string; rev: number; spendable: number; pending: number; debt: number; spendable_account_id: string; pending_account_id: string }

/** Runs one batch; returns how many customers it handled (fewer than the batch size: nothing more is due). */
export async function runDueBatch(ctx: ServiceContext, now: Date, limit = DUE_BATCH): Promise<{ customers: number; unlocked: number; expired: number }> {
  return inTransaction(ctx.db, async (tx) => {
    // A way into tenants: the due customers of every organization, each then handled in its own scope.
    const { rows } = await sql<Claimed>`SELECT organization_id, program_id, customer_id, rev, spendable, pending, debt, spendable_account_id, pending_account_id
      FROM loyalty_members WHERE next_due_at <= ${now} ORDER BY next_due_at LIMIT ${limit} FOR UPDATE SKIP LOCKED`.execute(tx);
    let unlocked = 0;
    let expired = 0;
    for (const m of rows) {
      const scope = { organizationId: m.organization_id };
      const program = await loadProgram(tx, scope, m.program_id);
      if (!program) continue;
      const snap = await readSnapshot(tx, scope, { customerId: m.customer_id, programId: m.program_id });
      const book = new Book({ spendable: Number(m.spendable), pending: Number(m.pending), debt: Number(m.debt), lots: snap.lots }, now);
      const done = book.runDue(now);
      book.settleDebt(`due:${ctx.ids.next()}`, now);
      unlocked += done.unlocked;
      expired += done.expired;
      const c = book.changes();
      await writeOperation(tx, scope, {
        now, member: { programId: m.program_id, customerId: m.customer_id, rev: Number(m.rev), balances: c.balances, nextDueAt: c.nextDueAt },
        accounts: { ...program.accounts, spendable: m.spendable_account_id, pending: m.pending_account_id },
        transfers: c.transfers, newLots: c.newLots, changedLots: c.changedLots, programId: m.program_id, customerId: m.customer_id, purchaseIdForTransfers: null,
      });
    }
    return { customers: rows.length, unlocked, expired };
  });
}

export async function runDue(ctx: ServiceContext, now: Date) {
  const total = { customers: 0, unlocked: 0, expired: 0 };
  for (;;) {
    const r = await runDueBatch(ctx, now);
    total.customers += r.customers;
    total.unlocked += r.unlocked;
    total.expired += r.expired;
    if (r.customers < DUE_BATCH) return total;
  }
}

/** One `points.expiring` event per customer whose points expire within a week, once per lot. */
export async function notifyExpiring(ctx: ServiceContext, now: Date): Promise<number> {
  const horizon = new Date(now.getTime() + EXPIRING_NOTICE_DAYS * 86_400_000);
  let notified = 0;
  for (;;) {
    const handled = await inTransaction(ctx.db, async (tx) => {
      const { rows } = await sql<{ organization_id: string; id: string; program_id: string; customer_id: string; remaining: number; expires_at: Date }>`
        SELECT organization_id, id, program_id, customer_id, remaining, expires_at FROM loyalty_lots
        WHERE remaining > 0 AND expiry_notified_at IS NULL AND expires_at > ${now} AND expires_at <= ${horizon}
        ORDER BY expires_at LIMIT 500 FOR UPDATE SKIP LOCKED`.execute(tx);
      const byCustomer = new Map<string, typeof rows>();
      for (const r of rows) {
        const key = `${r.organization_id}|${r.program_id}|${r.customer_id}`;
        byCustomer.set(key, [...(byCustomer.get(key) ?? []), r]);
      }
      for (const lots of byCustomer.values()) {
        const first = lots[0]!;
        const scope = { organizationId: first.organization_id };
        await emitEvent(tx, scope, now, 'points.expiring', {
          customerId: first.customer_id, programId: first.program_id, points: lots.reduce((a, l) => a + Number(l.remaining), 0),
          expiresAt: new Date(Math.min(...lots.map((l) => new Date(l.expires_at).getTime()))).toISOString(),
          lots: lots.map((l) => ({ id: l.id, points: Number(l.remaining), expiresAt: new Date(l.expires_at).toISOString() })),
        });
        await sql`UPDATE loyalty_lots SET expiry_notified_at = ${now} WHERE organization_id = ${first.organization_id} AND id = ANY(${lots.map((l) => l.id)}::text[])`.execute(tx);
      }
      return { lots: rows.length, customers: byCustomer.size };
    });
    notified += handled.customers;
    if (handled.lots < 500) return notified;
  }
}
