// Loyalty's part of merging two customer profiles (customers/merge), and of undoing it. Registered with
// `registerCustomerMergeHandler`, so it runs inside the merge's transaction: either everything below
// happens together with the customer base's part, or nothing does.
//
// What moves to the survivor: cards, purchases and their refunds (accumulated totals — cumulative discount,
// tier rules, club — are measured from those rows, so they now count for the survivor), the personal page
// links and unused QR tokens, and the points. The ledger is never rewritten: each open lot of the loser is
// emptied into the program's transit account and refilled into a new lot of the survivor with the same
// unlock and expiry (pending stays pending), an open refund debt moves the same way, and the survivor's
// debt is then repaid from its spendable lots as after any operation. Transfer ids come from the merge's
// id (`merge:<loser>.<n>`), so a retry can never apply them twice. Tier: the better of the two; club: a
// member if either was; both profiles are evaluated again by the daily run (the loser is left out of it
// while merged away). The undo gives back what is left of the moved points into the loser's own lots, and
// what the survivor consumed in between from its own points; what it cannot cover follows the program's
// refund policy (docs/ledger.md, "Merging customers").
import { sql, type RawBuilder } from 'kysely';
import type { ServiceContext } from '../../platform/context.js';
import type { Db } from '../../platform/db/database.js';
import type { TenantScope } from '../../platform/db/tenant.js';
import { conflict } from '../../platform/errors.js';
import type { CustomerMergeHandler } from '../customers/index.js';
import { findTier, lotExpiry, type ProgramConfig } from './domain/index.js';
import { ensureMember } from './ledger-store.js';
import { orgSettings } from './org.js';
import { entryTier, loadProgram, type LoadedProgram } from './programs.js';
import { planLoyaltyMerge, planLoyaltyUndo, type Final, type Leg, type MergeSideSnapshot, type OriginLot, type TransferFact } from './customer-merge-plan.js';
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

interface MemberState { tier: string | null; tierSince: string | null; clubMember: boolean; clubSince: string | null }

interface ProgramMove {
  programId: string;
  /** Loser's lot → the survivor's new lot, with what it held. */
  lots: { from: string; to: string; amount: number; pending: boolean; unlockAt: string | null; expiresAt: string | null }[];
  debt: number;
  survivorBefore: MemberState | null;
  survivorAfter: MemberState;
}

interface Moved {
  cards: string[];
  purchases: string[];
  refunds: string[];
  links: string[];
  qrTokens: string[];
  proposalsWithdrawn: string[];
  programs: ProgramMove[];
}

/** What the customers module keeps for us in the merge record and hands back to `undo`. */
interface UndoData { mergeId: string; loserId: string; survivorId: string }

const staffOf = (scope: TenantScope) => (scope as { staffId?: string | null }).staffId ?? null;
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
const json = (v: unknown) => JSON.stringify(v);

/** The better tier of the two (by rank) and club membership if either is a member. */
export function combineMembership(config: ProgramConfig, survivor: MemberState | null, loser: MemberState): MemberState {
  if (!survivor) return loser;
  const rank = (code: string | null) => findTier(config, code)?.rank ?? -Infinity;
  const tier = rank(loser.tier) > rank(survivor.tier) ? { tier: loser.tier, tierSince: loser.tierSince } : { tier: survivor.tier, tierSince: survivor.tierSince };
  const sinces = [survivor, loser].filter((m) => m.clubMember && m.clubSince).map((m) => m.clubSince!).sort();
  const clubMember = survivor.clubMember || loser.clubMember;
  return { ...tier, clubMember, clubSince: clubMember ? (sinces[0] ?? survivor.clubSince ?? loser.clubSince) : null };
}

export function loyaltyMergeHandler(env: MergeEnv): CustomerMergeHandler {
  return {
    name: 'loyalty',
    merge: (tx, scope, loserId, survivorId) => mergeLoyalty(tx, env, scope, loserId, survivorId),
    undo: (tx, scope, data) => undoLoyalty(tx, env, scope, data as UndoData),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Merge

async function mergeLoyalty(tx: Db, env: MergeEnv, scope: TenantScope, loserId: string, survivorId: string): Promise<UndoData> {
  const org = scope.organizationId;
  const { rows: live } = await sql<{ id: string; survivor_id: string }>`SELECT id, survivor_id FROM loyalty_customer_merges
    WHERE organization_id = ${org} AND loser_id = ${loserId} AND undone_at IS NULL FOR UPDATE`.execute(tx);
  if (live[0]) {
    // The same merge again (a retried handler): it happened already; anything else is a conflict.
    if (live[0].survivor_id === survivorId) return { mergeId: live[0].id, loserId, survivorId };
    throw conflict('customer_merged', 'This profile is merged into another one already', { mergedIntoId: live[0].survivor_id });
  }
  const { rows: prior } = await sql<{ n: number }>`SELECT coalesce(max(seq), 0)::int AS n FROM loyalty_customer_merges
    WHERE organization_id = ${org} AND loser_id = ${loserId}`.execute(tx);
  const seq = (prior[0]?.n ?? 0) + 1;
  const mergeId = `merge:${loserId}.${seq}`;
  const now = env.clock.now();

  // Rows first, the ledger after: a refund holds its purchase's lock before the member's, so do we.
  const first = await moveRows(tx, env, scope, mergeId, loserId, survivorId, now);
  // A receipt the till was confirming meanwhile holds its member row until it commits, and its purchase was
  // not there for the move above. Once the members are locked no such receipt is in flight (a later one
  // waits, finds the member changed and reads again, now as the survivor's), so a second pass moves
  // whatever those receipts wrote.
  await sql`SELECT 1 FROM loyalty_members WHERE organization_id = ${org} AND customer_id IN (${loserId}, ${survivorId})
    ORDER BY program_id, customer_id FOR UPDATE`.execute(tx);
  const late = await moveRows(tx, env, scope, mergeId, loserId, survivorId, now);
  const moved: Moved = {
    cards: [...first.cards, ...late.cards], purchases: [...first.purchases, ...late.purchases], refunds: [...first.refunds, ...late.refunds],
    links: [...first.links, ...late.links], qrTokens: [...first.qrTokens, ...late.qrTokens], proposalsWithdrawn: [...first.proposalsWithdrawn, ...late.proposalsWithdrawn],
    programs: [],
  };
  const { rows: programs } = await sql<{ program_id: string }>`SELECT program_id FROM loyalty_members
    WHERE organization_id = ${org} AND customer_id = ${loserId} ORDER BY program_id`.execute(tx);
  for (const { program_id } of programs) {
    const program = await loadProgram(tx, scope, program_id);
    if (program) moved.programs.push(await mergeProgram(tx, env, scope, mergeId, program, loserId, survivorId, now));
  }
  // Both are measured again on the next daily run; the merged-away profile is left out of it meanwhile
  // (with no purchases it would otherwise lose its tier and club for the undo to find).
  await sql`UPDATE loyalty_members SET evaluated_on = CASE WHEN customer_id = ${loserId} THEN 'infinity'::date END, rev = rev + 1, updated_at = ${now}
    WHERE organization_id = ${org} AND customer_id IN (${loserId}, ${survivorId})`.execute(tx);
  await sql`INSERT INTO loyalty_customer_merges (organization_id, id, loser_id, survivor_id, seq, merged_at, moved)
    VALUES (${org}, ${mergeId}, ${loserId}, ${survivorId}, ${seq}, ${now}, ${json(moved)}::jsonb)`.execute(tx);
  return { mergeId, loserId, survivorId };
}

async function moveRows(tx: Db, env: MergeEnv, scope: TenantScope, mergeId: string, loserId: string, survivorId: string, now: Date): Promise<Omit<Moved, 'programs'>> {
  const org = scope.organizationId;
  const ids = async (q: RawBuilder<{ id: string }>) => (await q.execute(tx)).rows.map((r) => r.id);
  const cards = await ids(sql`UPDATE loyalty_cards SET customer_id = ${survivorId} WHERE organization_id = ${org} AND customer_id = ${loserId} RETURNING id`);
  await cardEvents(tx, env, scope, cards, { reason: 'customer_merged', fromCustomerId: loserId, toCustomerId: survivorId, mergeId }, now);
  const purchases = await ids(sql`UPDATE purchases SET customer_id = ${survivorId} WHERE organization_id = ${org} AND customer_id = ${loserId} RETURNING id`);
  const refunds = await ids(sql`UPDATE loyalty_refunds SET customer_id = ${survivorId} WHERE organization_id = ${org} AND customer_id = ${loserId} RETURNING id`);
  const links = await ids(sql`UPDATE loyalty_customer_links SET customer_id = ${survivorId} WHERE organization_id = ${org} AND customer_id = ${loserId} AND revoked_at IS NULL RETURNING id`);
  const qrTokens = await ids(sql`UPDATE loyalty_qr_tokens SET customer_id = ${survivorId} WHERE organization_id = ${org} AND customer_id = ${loserId} AND used_at IS NULL RETURNING token_hash AS id`);
  // A club proposal about the merged-away profile would change a profile nobody uses; the survivor's is re-evaluated.
  const proposalsWithdrawn = await ids(sql`UPDATE loyalty_club_proposals SET status = 'rejected', decided_at = ${now}
    WHERE organization_id = ${org} AND customer_id = ${loserId} AND status = 'pending' RETURNING id`);
  return { cards, purchases, refunds, links, qrTokens, proposalsWithdrawn };
}

async function cardEvents(tx: Db, env: MergeEnv, scope: TenantScope, cardIds: string[], details: Record<string, string>, now: Date) {
  if (cardIds.length === 0) return;
  const rows = cardIds.map((id) => ({ id: env.ids.next(), card_id: id }));
  await sql`INSERT INTO loyalty_card_events (id, organization_id, card_id, kind, details, staff_id, at)
    SELECT x.id, ${scope.organizationId}, x.card_id, 'bound', ${json(details)}::jsonb, ${staffOf(scope)}::uuid, ${now}
    FROM jsonb_to_recordset(${json(rows)}::jsonb) AS x(id uuid, card_id uuid)`.execute(tx);
}

interface MemberRow {
  customer_id: string; spendable_account_id: string; pending_account_id: string; spendable: number; pending: number; debt: number;
  tier: string | null; tier_since: Date | null; club_member: boolean; club_since: Date | null;
}

/** Both member rows, locked in id order (two merges of one pair cannot deadlock), and their lots. */
async function lockMembers(tx: Db, scope: TenantScope, programId: string, customerIds: string[], extraLots: string[]) {
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

const stateOf = (m: MemberRow): MemberState => ({ tier: m.tier, tierSince: iso(m.tier_since), clubMember: m.club_member, clubSince: iso(m.club_since) });

async function transitAccount(tx: Db, scope: TenantScope, programId: string, newId: string): Promise<string> {
  const org = scope.organizationId;
  await sql`INSERT INTO loyalty_accounts (id, organization_id, program_id, customer_id, kind) VALUES (${newId}, ${org}, ${programId}, NULL, 'transit')
    ON CONFLICT (program_id, customer_id, kind) DO NOTHING`.execute(tx);
  const { rows } = await sql<{ id: string }>`SELECT id FROM loyalty_accounts WHERE organization_id = ${org} AND program_id = ${programId}
    AND customer_id IS NULL AND kind = 'transit'`.execute(tx);
  return rows[0]!.id;
}

async function mergeProgram(tx: Db, env: MergeEnv, scope: TenantScope, mergeId: string, program: LoadedProgram, loserId: string, survivorId: string, now: Date): Promise<ProgramMove> {
  const transit = await transitAccount(tx, scope, program.id, env.ids.next());
  let locked = await lockMembers(tx, scope, program.id, [loserId, survivorId], []);
  const loserRow = locked.member(loserId)!;
  const survivorBefore = locked.member(survivorId);
  if (!survivorBefore) {
    await ensureMember(tx, scope, { programId: program.id, customerId: survivorId, tier: loserRow.tier, now, ids: [env.ids.next(), env.ids.next()] });
    locked = await lockMembers(tx, scope, program.id, [loserId, survivorId], []);
  }
  const survivorRow = locked.member(survivorId)!;
  const plan = planLoyaltyMerge({ mergeId, now, loser: locked.side(loserId)!, survivor: locked.side(survivorId)! });
  const after = combineMembership(program.config, survivorBefore ? stateOf(survivorBefore) : null, stateOf(loserRow));
  const rows = { loser: loserRow, survivor: survivorRow };
  await writeLedger(tx, scope, program, transit, rows, plan.legs, { loser: plan.loser, survivor: plan.survivor }, now, { survivor: after });
  const before = survivorBefore ? stateOf(survivorBefore) : null;
  await membershipHistory(tx, env, scope, program.id, survivorId, before, after, 'customer_merged', { mergeId, loserId }, now);
  if (plan.moved.length) {
    await sql`UPDATE purchases p SET earned_lot_id = x.to_lot FROM jsonb_to_recordset(${json(plan.moved.map((m) => ({ from_lot: m.from, to_lot: m.to })))}::jsonb) AS x(from_lot text, to_lot text)
      WHERE p.organization_id = ${scope.organizationId} AND p.earned_lot_id = x.from_lot`.execute(tx);
  }
  return { programId: program.id, lots: plan.moved.map((m) => ({ ...m, unlockAt: iso(m.unlockAt), expiresAt: iso(m.expiresAt) })), debt: plan.debt, survivorBefore: before, survivorAfter: after };
}

// ---------------------------------------------------------------------------------------------------------
// Writing what a plan decided

type Party = 'loser' | 'survivor';

async function writeLedger(
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

async function membershipHistory(tx: Db, env: MergeEnv, scope: TenantScope, programId: string, customerId: string, from: MemberState | null, to: MemberState, reason: string, details: Record<string, unknown>, now: Date) {
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

// ---------------------------------------------------------------------------------------------------------
// Undo

async function undoLoyalty(tx: Db, env: MergeEnv, scope: TenantScope, data: UndoData): Promise<void> {
  if (!data || typeof data.mergeId !== 'string') return;
  const org = scope.organizationId;
  const { rows } = await sql<{ id: string; loser_id: string; survivor_id: string; merged_at: Date; moved: Moved; undone_at: Date | null }>`
    SELECT id, loser_id, survivor_id, merged_at, moved, undone_at FROM loyalty_customer_merges
    WHERE organization_id = ${org} AND id = ${data.mergeId} FOR UPDATE`.execute(tx);
  const rec = rows[0];
  if (!rec || rec.undone_at) return; // never merged here, or undone already: nothing to do twice
  const undoId = `un${rec.id}`;
  const now = env.clock.now();
  const { loser_id: loserId, survivor_id: survivorId, moved } = rec;
  const run = async (q: RawBuilder<{ id: string }>) => (await q.execute(tx)).rows.map((r) => r.id);
  const cards = await run(sql`UPDATE loyalty_cards SET customer_id = ${loserId}
    WHERE organization_id = ${org} AND id = ANY(${moved.cards}::uuid[]) AND customer_id = ${survivorId} RETURNING id`);
  await cardEvents(tx, env, scope, cards, { reason: 'customer_merge_undone', fromCustomerId: survivorId, toCustomerId: loserId, mergeId: rec.id }, now);
  await run(sql`UPDATE purchases SET customer_id = ${loserId}
    WHERE organization_id = ${org} AND id = ANY(${moved.purchases}::uuid[]) AND customer_id = ${survivorId} RETURNING id`);
  // The refunds of the moved purchases go with them, those made while merged included.
  await run(sql`UPDATE loyalty_refunds SET customer_id = ${loserId} WHERE organization_id = ${org} AND customer_id = ${survivorId}
    AND (id = ANY(${moved.refunds}::uuid[]) OR purchase_id = ANY(${moved.purchases}::uuid[])) RETURNING id`);
  await run(sql`UPDATE loyalty_customer_links SET customer_id = ${loserId}
    WHERE organization_id = ${org} AND id = ANY(${moved.links}::uuid[]) AND customer_id = ${survivorId} RETURNING id`);
  await run(sql`UPDATE loyalty_qr_tokens SET customer_id = ${loserId}
    WHERE organization_id = ${org} AND token_hash = ANY(${moved.qrTokens}::text[]) AND customer_id = ${survivorId} RETURNING token_hash AS id`);

  const results: unknown[] = [];
  for (const pm of moved.programs) {
    const program = await loadProgram(tx, scope, pm.programId);
    if (program) results.push(await undoProgram(tx, env, scope, { mergeId: rec.id, undoId, mergedAt: new Date(rec.merged_at), loserId, survivorId, purchases: moved.purchases }, program, pm, now));
  }
  await sql`UPDATE loyalty_members SET evaluated_on = NULL, rev = rev + 1, updated_at = ${now}
    WHERE organization_id = ${org} AND customer_id IN (${loserId}, ${survivorId})`.execute(tx);
  await sql`UPDATE loyalty_customer_merges SET undone_at = ${now}, undo = ${json({ programs: results })}::jsonb
    WHERE organization_id = ${org} AND id = ${rec.id}`.execute(tx);
}

interface UndoContext { mergeId: string; undoId: string; mergedAt: Date; loserId: string; survivorId: string; purchases: string[] }

async function undoProgram(tx: Db, env: MergeEnv, scope: TenantScope, u: UndoContext, program: LoadedProgram, pm: ProgramMove, now: Date) {
  const org = scope.organizationId;
  const transit = await transitAccount(tx, scope, program.id, env.ids.next());
  const origins = pm.lots.map((l) => l.to);
  const locked0 = await lockMembers(tx, scope, program.id, [u.loserId, u.survivorId], []);
  const survivorRow = locked0.member(u.survivorId)!;
  const loserRow = locked0.member(u.loserId)!;
  // What happened since the merge to the points that came from the loser, and to the loser's purchases.
  const { rows: facts } = await sql<{ lot_id: string | null; kind: string; operation_id: string; mp: boolean; out: boolean; in: boolean; amount: number }>`
    SELECT lot_id, kind, operation_id, coalesce(purchase_id = ANY(${u.purchases}::uuid[]), false) AS mp,
      debit_account_id IN (${survivorRow.spendable_account_id}, ${survivorRow.pending_account_id}) AS out,
      credit_account_id IN (${survivorRow.spendable_account_id}, ${survivorRow.pending_account_id}) AS in, amount
    FROM loyalty_transfers WHERE organization_id = ${org} AND program_id = ${program.id} AND customer_id = ${u.survivorId}
      AND (lot_id = ANY(${origins}::text[]) OR (purchase_id = ANY(${u.purchases}::uuid[]) AND created_at >= ${u.mergedAt}))`.execute(tx);
  const transferFacts: TransferFact[] = facts.map((f) => ({ lotId: f.lot_id, kind: f.kind, operationId: f.operation_id, movedPurchase: f.mp, out: f.out, in: f.in, amount: Number(f.amount) }));
  // Points returned while merged for refunds of the loser's purchases are the loser's too.
  const returned = [...new Set(transferFacts.filter((f) => f.kind === 'return' && f.movedPurchase && f.in && f.lotId && !origins.includes(f.lotId)).map((f) => f.lotId!))];
  const locked = await lockMembers(tx, scope, program.id, [u.loserId, u.survivorId], [...origins, ...returned, ...pm.lots.map((l) => l.from)]);
  const survivor = locked.side(u.survivorId)!;
  const loser = locked.side(u.loserId)!;
  const lotOf = (side: MergeSideSnapshot, id: string) => side.lots.find((l) => l.id === id);
  const originLots: OriginLot[] = [
    ...pm.lots.map((l) => ({
      lotId: l.to, inflow: l.amount,
      dest: lotOf(loser, l.from) ?? { id: l.from, unlockAt: l.unlockAt ? new Date(l.unlockAt) : null, expiresAt: l.expiresAt ? new Date(l.expiresAt) : null, operationId: u.mergeId, createdAt: now },
    })),
    ...returned.map((id) => {
      const lot = lotOf(survivor, id)!;
      const inflow = transferFacts.filter((f) => f.lotId === id && f.kind === 'return' && f.movedPurchase && f.in).reduce((a, f) => a + f.amount, 0);
      return { lotId: id, inflow, dest: { id: `${u.undoId}:lot:${id}`, unlockAt: lot.unlockAt, expiresAt: lot.expiresAt, operationId: u.undoId, createdAt: now } };
    }),
  ];
  const { timeZone } = await orgSettings({ ...env, db: tx }, scope);
  const plan = planLoyaltyUndo({
    mergeId: u.mergeId, undoId: u.undoId, now, policy: program.config.refundPolicy,
    repaidExpiresAt: lotExpiry(program.config.points?.expiry ?? { kind: 'never' }, now, timeZone),
    loser, survivor, origins: originLots, debtMoved: pm.debt, facts: transferFacts,
  });
  // The survivor's tier and club go back to what they were, unless they changed after the merge (rules, staff).
  const current = stateOf(survivorRow);
  const after = pm.survivorAfter;
  const restoreTier = current.tier === after.tier && current.tierSince === after.tierSince;
  const restoreClub = current.clubMember === after.clubMember && current.clubSince === after.clubSince;
  const before = pm.survivorBefore ?? { tier: entryTier(program.config), tierSince: iso(now), clubMember: false, clubSince: null };
  const restored: MemberState = {
    ...(restoreTier ? { tier: before.tier, tierSince: before.tierSince } : { tier: current.tier, tierSince: current.tierSince }),
    ...(restoreClub ? { clubMember: before.clubMember, clubSince: before.clubSince } : { clubMember: current.clubMember, clubSince: current.clubSince }),
  };
  await writeLedger(tx, scope, program, transit, { loser: loserRow, survivor: survivorRow }, plan.legs, { loser: plan.loser, survivor: plan.survivor }, now, { survivor: restored });
  await membershipHistory(tx, env, scope, program.id, u.survivorId, current, restored, 'customer_merge_undone', { mergeId: u.mergeId, loserId: u.loserId }, now);
  if (pm.lots.length) {
    await sql`UPDATE purchases p SET earned_lot_id = x.from_lot FROM jsonb_to_recordset(${json(pm.lots.map((m) => ({ from_lot: m.from, to_lot: m.to })))}::jsonb) AS x(from_lot text, to_lot text)
      WHERE p.organization_id = ${org} AND p.earned_lot_id = x.to_lot`.execute(tx);
  }
  return { programId: program.id, ...plan.summary, keptTier: !restoreTier, keptClub: !restoreClub };
}
