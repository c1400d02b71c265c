// What the loyalty side of a customer merge and of its undo share: the record of what moved, the member rows
// and lots read under their locks, and the writing of what a plan (customer-merge-plan.ts) decided —
// transfers, lots, cached balances, tier and club with their history, card events.
import { sql } from 'kysely';
import type { ServiceContext } from '../../platform/context.js';
import type { Db } from '../../platform/db/database.js';
import type { TenantScope } from '../../platform/db/tenant.js';
import type { Final, Leg, MergeSideSnapshot } from './customer-merge-plan.js';
import type { LoadedProgram } from './programs.js';
import './tables.js';
import { emitEvent } from './webhooks.js';

export interface LoyaltyMergesTable {
  organization_id: string;
  id: string;
  loser_id: string;
  survivor_id: string;
  seq: number;
  merged_at: Date;
  moved: unknown;
  undone_at: Date | null;
  undo: unknown;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    loyalty_customer_merges: LoyaltyMergesTable;
  }
}

/** What the handler needs besides the transaction: the clock (tests freeze it) and ids. */
export type MergeEnv = Pick<ServiceContext, 'clock' | 'ids' | 'log'>;

export interface MemberState { tier: string | null; tierSince: string | null; clubMember: boolean; clubSince: string | null }

export interface ProgramMove {
  programId: string;
  /** Loser's lot → the survivor's new lot, with what it held. */
  lots: { from: string; to: string; amount: number; pending: boolean; unlockAt: string | null; expiresAt: string | null }[];
  debt: number;
  survivorBefore: MemberState | null;
  survivorAfter: MemberState;
}

export interface Moved {
  cards: string[];
  purchases: string[];
  refunds: string[];
  links: string[];
  qrTokens: string[];
  proposalsWithdrawn: string[];
  programs: ProgramMove[];
}

/** What the customers module keeps for us in the merge record and hands back to `undo`. */
export interface UndoData { mergeId: string; loserId: string; survivorId: string }

const staffOf = (scope: TenantScope) => (scope as { staffId?: string | null }).staffId ?? null;
export const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
export const json = (v: unknown) => JSON.stringify(v);

export async function cardEvents(tx: Db, env: MergeEnv, scope: TenantScope, cardIds: string[], details: Record<string, string>, now: Date) {
  if (cardIds.length === 0) return;
  const rows = cardIds.map((id) => ({ id: env.ids.next(), card_id: id }));
  await sql`INSERT INTO loyalty_card_events (id, organization_id, card_id, kind, details, staff_id, at)
    SELECT x.id, ${scope.organizationId}, x.card_id, 'bound', ${json(details)}::jsonb, ${staffOf(scope)}::uuid, ${now}
    FROM jsonb_to_recordset(${json(rows)}::jsonb) AS x(id uuid, card_id uuid)`.execute(tx);
}

export interface MemberRow {
  customer_id: string; spendable_account_id: string; pending_account_id: string; spendable: number; pending: number; debt: number;
  tier: string | null; tier_since: Date | null; club_member: boolean; club_since: Date | null;
}

/** Both member rows, locked in id order (two merges of one pair cannot deadlock), and their lots. */
export async function lockMembers(tx: Db, scope: TenantScope, programId: string, customerIds: string[], extraLots: string[]) {
  const org = scope.organizationId;
  const { rows } = await sql<MemberRow>`SELECT customer_id, spendable_account_id, pending_account_id, spendable, pending, debt, tier, tier_since, club_member, club_since
    FROM loyalty_members WHERE organization_id = ${org} AND program_id = ${programId} AND customer_id = ANY(${customerIds}::uuid[])
    ORDER BY customer_id FOR UPDATE`.execute(tx);
  const { rows: lots } = await sql<{ id: string; customer_id: string; remaining: number; pending: boolean; unlock_at: Date | null; expires_at: Date | null; operation_id: string; created_at: Date; expiry_notified_at: Date | null }>`
    SELECT id, customer_id, remaining, pending, unlock_at, expires_at, operation_id, created_at, expiry_notified_at FROM loyalty_lots
    WHERE organization_id = ${org} AND program_id = ${programId} AND customer_id = ANY(${customerIds}::uuid[])
      AND (remaining > 0 OR id = ANY(${extraLots}::text[])) ORDER BY id`.execute(tx);
  const side = (customerId: string): MergeSideSnapshot | null => {
    const m = rows.find((r) => r.customer_id === customerId);
    if (!m) return null;
    return {
      spendable: Number(m.spendable), pending: Number(m.pending), debt: Number(m.debt),
      lots: lots.filter((l) => l.customer_id === customerId).map((l) => ({
        id: l.id, remaining: Number(l.remaining), pending: l.pending, unlockAt: l.unlock_at && new Date(l.unlock_at), expiresAt: l.expires_at && new Date(l.expires_at),
        operationId: l.operation_id, createdAt: new Date(l.created_at), notifiedAt: l.expiry_notified_at && new Date(l.expiry_notified_at),
      })),
    };
  };
  return { member: (id: string) => rows.find((r) => r.customer_id === id) ?? null, side };
}

export const stateOf = (m: MemberRow): MemberState => ({ tier: m.tier, tierSince: iso(m.tier_since), clubMember: m.club_member, clubSince: iso(m.club_since) });

export async function transitAccount(tx: Db, scope: TenantScope, programId: string, newId: string): Promise<string> {
  const org = scope.organizationId;
  await sql`INSERT INTO loyalty_accounts (id, organization_id, program_id, customer_id, kind) VALUES (${newId}, ${org}, ${programId}, NULL, 'transit')
    ON CONFLICT (program_id, customer_id, kind) DO NOTHING`.execute(tx);
  const { rows } = await sql<{ id: string }>`SELECT id FROM loyalty_accounts WHERE organization_id = ${org} AND program_id = ${programId}
    AND customer_id IS NULL AND kind = 'transit'`.execute(tx);
  return rows[0]!.id;
}

export type Party = 'loser' | 'survivor';

export async function writeLedger(
  tx: Db, scope: TenantScope, program: LoadedProgram, transit: string, members: Record<Party, MemberRow>, legs: Leg[], finals: Record<Party, Final>, now: Date,
  membership: Partial<Record<Party, MemberState>>,
) {
  const org = scope.organizationId;
  const account = (party: Party, role: Leg['debit']) => {
    if (role === 'spendable') return members[party].spendable_account_id;
    if (role === 'pending') return members[party].pending_account_id;
    if (role === 'transit') return transit;
    return program.accounts[role];
  };
  if (legs.length) {
    const rows = legs.map((t) => ({ id: t.id, c: members[t.party].customer_id, d: account(t.party, t.debit), cr: account(t.party, t.credit), a: t.amount, k: t.kind, o: t.operationId, l: t.lotId }));
    // A plain insert: the ids come from the merge, so the same merge written twice fails and rolls back whole.
    await sql`INSERT INTO loyalty_transfers (organization_id, id, program_id, customer_id, debit_account_id, credit_account_id, amount, kind, operation_id, lot_id, purchase_id, created_at)
      SELECT ${org}, x.id, ${program.id}, x.c, x.d, x.cr, x.a, x.k, x.o, x.l, NULL, ${now}
      FROM jsonb_to_recordset(${json(rows)}::jsonb) AS x(id text, c uuid, d uuid, cr uuid, a bigint, k text, o text, l text)`.execute(tx);
  }
  const lots = (['loser', 'survivor'] as const).flatMap((party) => finals[party].lots.map((l) => ({
    id: l.id, customer_id: members[party].customer_id, unlock_at: l.unlockAt, expires_at: l.expiresAt, remaining: l.remaining, pending: l.pending,
    operation_id: l.operationId, created_at: l.createdAt, notified: l.notifiedAt ?? null,
  })));
  if (lots.length) {
    await sql`INSERT INTO loyalty_lots (organization_id, id, program_id, customer_id, unlock_at, expires_at, remaining, pending, operation_id, expiry_notified_at, created_at)
      SELECT ${org}, x.id, ${program.id}, x.customer_id, x.unlock_at, x.expires_at, x.remaining, x.pending, x.operation_id, x.notified, x.created_at
      FROM jsonb_to_recordset(${json(lots)}::jsonb) AS x(id text, customer_id uuid, unlock_at timestamptz, expires_at timestamptz, remaining bigint, pending boolean, operation_id text, notified timestamptz, created_at timestamptz)
      ON CONFLICT (organization_id, id) DO UPDATE SET remaining = excluded.remaining, pending = excluded.pending`.execute(tx);
  }
  const rows = (['loser', 'survivor'] as const).map((party) => {
    const m = members[party];
    const f = finals[party];
    const s = membership[party] ?? stateOf(m);
    return { customer_id: m.customer_id, spendable: f.balances.spendable, pending: f.balances.pending, debt: f.balances.debt, next_due_at: f.nextDueAt, tier: s.tier, tier_since: s.tierSince, club_member: s.clubMember, club_since: s.clubSince };
  });
  await sql`UPDATE loyalty_members m SET spendable = x.spendable, pending = x.pending, debt = x.debt, next_due_at = x.next_due_at,
      tier = x.tier, tier_since = x.tier_since, club_member = x.club_member, club_since = x.club_since, rev = m.rev + 1, updated_at = ${now}
    FROM jsonb_to_recordset(${json(rows)}::jsonb) AS x(customer_id uuid, spendable bigint, pending bigint, debt bigint, next_due_at timestamptz, tier text, tier_since timestamptz, club_member boolean, club_since timestamptz)
    WHERE m.organization_id = ${org} AND m.program_id = ${program.id} AND m.customer_id = x.customer_id`.execute(tx);
}

export async function membershipHistory(tx: Db, env: MergeEnv, scope: TenantScope, programId: string, customerId: string, from: MemberState | null, to: MemberState, reason: string, details: Record<string, unknown>, now: Date) {
  const rows: { id: string; kind: 'tier' | 'club'; from: string | null; to: string | null }[] = [];
  if ((from?.tier ?? null) !== to.tier) rows.push({ id: env.ids.next(), kind: 'tier', from: from?.tier ?? null, to: to.tier });
  if ((from?.clubMember ?? false) !== to.clubMember) rows.push({ id: env.ids.next(), kind: 'club', from: from?.clubMember ? 'member' : 'out', to: to.clubMember ? 'member' : 'out' });
  if (rows.length === 0) return;
  // Integrators hear of a tier the merge (or its undo) changed as of any other tier change.
  if ((from?.tier ?? null) !== to.tier) {
    await emitEvent(tx, scope, now, 'tier.changed', { customerId, programId, from: from?.tier ?? null, to: to.tier, reason, ...details });
  }
  await sql`INSERT INTO loyalty_member_history (id, organization_id, program_id, customer_id, kind, from_value, to_value, reason, details, staff_id, at)
    SELECT x.id, ${scope.organizationId}, ${programId}, ${customerId}, x.kind, x.from_value, x.to_value, ${reason}, ${json(details)}::jsonb, ${staffOf(scope)}::uuid, ${now}
    FROM jsonb_to_recordset(${json(rows.map((r) => ({ id: r.id, kind: r.kind, from_value: r.from, to_value: r.to })))}::jsonb) AS x(id uuid, kind text, from_value text, to_value text)`.execute(tx);
}
