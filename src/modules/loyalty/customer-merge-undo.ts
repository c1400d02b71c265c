// Undoing loyalty's part of a customer merge (customer-merge.ts): the cards, purchases with their refunds,
// links and QR tokens that moved go back — and a card that replaced one of the loser's cards while they were
// merged goes with the card it replaced — and the points go back under the program's refund policy
// (customer-merge-plan.ts decides the transfers; docs/ledger.md, "Merging customers").
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { TenantScope } from '../../platform/db/tenant.js';
import { planLoyaltyUndo, type MergeSideSnapshot, type OriginLot, type TransferFact } from './customer-merge-plan.js';
import {
  cardEvents, iso, json, lockMembers, membershipHistory, stateOf, transitAccount, writeLedger,
  type MemberState, type MergeEnv, type Moved, type ProgramMove, type UndoData,
} from './customer-merge-store.js';
import { lotExpiry } from './domain/index.js';
import { orgSettings } from './org.js';
import { entryTier, loadProgram, type LoadedProgram } from './programs.js';

export async function undoLoyalty(tx: Db, env: MergeEnv, scope: TenantScope, data: UndoData): Promise<void> {
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
  // The moved cards go back, each with the cards that replaced it meanwhile: a replacement is issued to the
  // card's holder of the moment, the survivor, but it stands for the loser's lost card. A card somebody bound
  // on purpose since (a `bound` event not written by a merge) stays, and so does what replaced it.
  const cards = await run(sql`WITH RECURSIVE chain AS (
      SELECT id, replaced_by FROM loyalty_cards WHERE organization_id = ${org} AND id = ANY(${moved.cards}::uuid[])
      UNION
      SELECT c.id, c.replaced_by FROM loyalty_cards c JOIN chain ON c.id = chain.replaced_by
      WHERE c.organization_id = ${org} AND NOT EXISTS (SELECT 1 FROM loyalty_card_events e
        WHERE e.organization_id = ${org} AND e.card_id = c.id AND e.kind = 'bound' AND e.details ->> 'mergeId' IS NULL))
    UPDATE loyalty_cards SET customer_id = ${loserId}
    WHERE organization_id = ${org} AND id IN (SELECT id FROM chain) AND customer_id = ${survivorId} RETURNING id`);
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
  await sql`UPDATE loyalty_customer_merges SET undone_at = ${now}, undo = ${json({ cards, programs: results })}::jsonb
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
