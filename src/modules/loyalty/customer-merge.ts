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
// while merged away). The undo is customer-merge-undo.ts; what both read and write, customer-merge-store.ts
// (docs/ledger.md, "Merging customers").
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { TenantScope } from '../../platform/db/tenant.js';
import { conflict } from '../../platform/errors.js';
import type { CustomerMergeHandler } from '../customers/index.js';
import { planLoyaltyMerge } from './customer-merge-plan.js';
import {
  cardEvents, iso, json, lockMembers, membershipHistory, stateOf, transitAccount, writeLedger,
  type MemberState, type MergeEnv, type Moved, type ProgramMove, type UndoData,
} from './customer-merge-store.js';
import { undoLoyalty } from './customer-merge-undo.js';
import { findTier, type ProgramConfig } from './domain/index.js';
import { ensureMember } from './ledger-store.js';
import { loadProgram, type LoadedProgram } from './programs.js';

export type { MergeEnv } from './customer-merge-store.js';

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
