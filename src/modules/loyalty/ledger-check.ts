// The ledger's invariants, checked against the database from the transfers alone. Run by owners
// (GET /api/loyalty/programs/{id}/ledger-check) and by the property, concurrency and crash tests:
// - every cached balance (member spendable / pending / debt, lot remaining and account) equals the sum of its transfers;
// - system accounts have their sign: issued ≤ 0; redeemed, expired, taken_back ≥ 0;
// - no customer account or lot is negative, and spendable is negative only for an open debt under the
//   negative_balance refund policy;
// - total issued = spendable + pending + redeemed + expired + taken back;
// - each confirmed receipt exists once, and its earn and spend transfers add up to what it says.
import { sql } from 'kysely';
import type { ServiceContext } from '../../platform/context.js';
import type { Db } from '../../platform/db/database.js';
import type { TenantScope } from '../../platform/db/tenant.js';
import { requirePermission, type Actor } from '../tenancy/index.js';
import { requireProgram } from './programs.js';

export interface LedgerCheck {
  ok: boolean;
  problems: string[];
  totals: { issued: number; spendable: number; pending: number; redeemed: number; expired: number; takenBack: number; debt: number };
  counts: { transfers: number; lots: number; members: number; receipts: number };
}

export async function checkLedger(db: Db, scope: TenantScope, programId: string, allowNegative: boolean): Promise<LedgerCheck> {
  const o = scope.organizationId;
  const p = programId;
  const problems: string[] = [];
  const add = (label: string, rows: unknown[]) => { for (const r of rows) problems.push(`${label}: ${JSON.stringify(r)}`); };

  const { rows: balances } = await sql<{ id: string; kind: string; customer_id: string | null; balance: number }>`
    WITH moves AS (
      SELECT credit_account_id AS account_id, amount AS delta FROM loyalty_transfers WHERE organization_id = ${o} AND program_id = ${p}
      UNION ALL SELECT debit_account_id, -amount FROM loyalty_transfers WHERE organization_id = ${o} AND program_id = ${p}
    ), sums AS (SELECT account_id, sum(delta)::bigint AS balance FROM moves GROUP BY account_id)
    SELECT coalesce(a.id, s.account_id) AS id, coalesce(a.kind, 'unknown') AS kind, a.customer_id, coalesce(s.balance, 0)::bigint AS balance
    FROM sums s FULL JOIN (SELECT * FROM loyalty_accounts WHERE organization_id = ${o} AND program_id = ${p}) a ON a.id = s.account_id`.execute(db);
  const sumOf = (kind: string) => balances.filter((b) => b.kind === kind).reduce((a, b) => a + Number(b.balance), 0);
  add('transfer to an unknown account', balances.filter((b) => b.kind === 'unknown'));
  const totals = { issued: sumOf('issued'), spendable: sumOf('spendable'), pending: sumOf('pending'), redeemed: sumOf('redeemed'), expired: sumOf('expired'), takenBack: sumOf('taken_back'), debt: 0 };
  if (balances.reduce((a, b) => a + Number(b.balance), 0) !== 0) problems.push('balances do not sum to zero');
  if (totals.issued > 0) problems.push(`issued is positive: ${totals.issued}`);
  // Points pass through transit only inside a customer merge's transaction (customer-merge.ts).
  if (sumOf('transit') !== 0) problems.push(`transit is not zero: ${sumOf('transit')}`);
  for (const k of ['redeemed', 'expired', 'takenBack'] as const) if (totals[k] < 0) problems.push(`${k} is negative: ${totals[k]}`);
  if (-totals.issued !== totals.spendable + totals.pending + totals.redeemed + totals.expired + totals.takenBack) problems.push('issued ≠ spendable + pending + redeemed + expired + taken back');

  const { rows: members } = await sql<{ customer_id: string; spendable: number; pending: number; debt: number; sp: number; pe: number; lotless: number }>`
    WITH t AS (SELECT * FROM loyalty_transfers WHERE organization_id = ${o} AND program_id = ${p})
    SELECT m.customer_id, m.spendable, m.pending, m.debt,
      coalesce((SELECT sum(CASE WHEN t.credit_account_id = m.spendable_account_id THEN t.amount ELSE -t.amount END) FROM t WHERE m.spendable_account_id IN (t.debit_account_id, t.credit_account_id)), 0)::bigint AS sp,
      coalesce((SELECT sum(CASE WHEN t.credit_account_id = m.pending_account_id THEN t.amount ELSE -t.amount END) FROM t WHERE m.pending_account_id IN (t.debit_account_id, t.credit_account_id)), 0)::bigint AS pe,
      coalesce((SELECT sum(CASE WHEN t.credit_account_id = m.spendable_account_id THEN t.amount ELSE -t.amount END) FROM t WHERE t.lot_id IS NULL AND m.spendable_account_id IN (t.debit_account_id, t.credit_account_id)), 0)::bigint AS lotless
    FROM loyalty_members m WHERE m.organization_id = ${o} AND m.program_id = ${p}`.execute(db);
  totals.debt = members.reduce((a, m) => a + Number(m.debt), 0);
  add('member cache differs from its transfers', members.filter((m) => Number(m.spendable) !== Number(m.sp) || Number(m.pending) !== Number(m.pe) || Number(m.debt) !== -Number(m.lotless)).slice(0, 20));
  add('negative pending or debt', members.filter((m) => Number(m.pending) < 0 || Number(m.debt) < 0).slice(0, 20));
  add('negative spendable balance', members.filter((m) => Number(m.spendable) < 0 && (!allowNegative || Number(m.debt) === 0)).slice(0, 20));

  const { rows: lots } = await sql<{ id: string; remaining: number; pending: boolean; sp: number; pe: number }>`
    WITH parts AS (
      SELECT t.lot_id,
        sum(CASE WHEN t.credit_account_id = m.spendable_account_id THEN t.amount WHEN t.debit_account_id = m.spendable_account_id THEN -t.amount ELSE 0 END)::bigint AS sp,
        sum(CASE WHEN t.credit_account_id = m.pending_account_id THEN t.amount WHEN t.debit_account_id = m.pending_account_id THEN -t.amount ELSE 0 END)::bigint AS pe
      FROM loyalty_transfers t JOIN loyalty_members m ON m.organization_id = t.organization_id AND m.program_id = t.program_id AND m.customer_id = t.customer_id
      WHERE t.organization_id = ${o} AND t.program_id = ${p} AND t.lot_id IS NOT NULL GROUP BY t.lot_id
    )
    SELECT l.id, l.remaining, l.pending, coalesce(parts.sp, 0)::bigint AS sp, coalesce(parts.pe, 0)::bigint AS pe
    FROM loyalty_lots l LEFT JOIN parts ON parts.lot_id = l.id WHERE l.organization_id = ${o} AND l.program_id = ${p}`.execute(db);
  add('lot cache differs from its transfers', lots.filter((l) => Number(l.remaining) !== Number(l.sp) + Number(l.pe)
    || Number(l.sp) < 0 || Number(l.pe) < 0 || (Number(l.sp) > 0 && Number(l.pe) > 0) || (Number(l.remaining) > 0 && l.pending !== Number(l.pe) > 0)).slice(0, 20));

  const { rows: receipts } = await sql<{ id: string; external_id: string; points_earned: number; points_spent: number; earned: number; spent: number; ops: number }>`
    WITH t AS (
      SELECT purchase_id, sum(amount) FILTER (WHERE kind = 'accrue')::bigint AS earned, sum(amount) FILTER (WHERE kind = 'spend')::bigint AS spent
      FROM loyalty_transfers WHERE organization_id = ${o} AND program_id = ${p} AND purchase_id IS NOT NULL GROUP BY purchase_id
    ), ops AS (SELECT id, count(*)::int AS n FROM loyalty_operations WHERE organization_id = ${o} AND kind = 'confirm' GROUP BY id)
    SELECT p.id, p.external_id, p.points_earned, p.points_spent, coalesce(t.earned, 0)::bigint AS earned, coalesce(t.spent, 0)::bigint AS spent, coalesce(ops.n, 0) AS ops
    FROM purchases p LEFT JOIN t ON t.purchase_id = p.id LEFT JOIN ops ON ops.id = p.external_id
    WHERE p.organization_id = ${o} AND p.program_id = ${p} AND p.source = 'checkout'`.execute(db);
  add('receipt whose ledger entries differ from it', receipts.filter((r) => r.ops !== 1 || Number(r.earned) !== Number(r.points_earned) || Number(r.spent) !== Number(r.points_spent)).slice(0, 20));

  const { rows: counts } = await sql<{ transfers: number }>`SELECT count(*)::int AS transfers FROM loyalty_transfers WHERE organization_id = ${o} AND program_id = ${p}`.execute(db);
  return { ok: problems.length === 0, problems, totals, counts: { transfers: counts[0]?.transfers ?? 0, lots: lots.length, members: members.length, receipts: receipts.length } };
}

export async function ledgerCheck(ctx: ServiceContext, actor: Actor, programId: string): Promise<LedgerCheck> {
  requirePermission(actor, 'programs.manage');
  const program = await requireProgram(ctx.db, actor, programId);
  return checkLedger(ctx.db, actor, programId, program.config.refundPolicy === 'negative_balance');
}
