// The daily evaluation of tiers and club membership. Each member is evaluated once per local day of the
// organization (evaluated_on), claimed with FOR UPDATE SKIP LOCKED in batches, so several nodes share
// the work and a node that was down simply evaluates today when it is back. Tier rules apply at once
// (with history and a tier.changed webhook); club changes become proposals for the owner unless the
// club approves automatically.
import { sql } from 'kysely';
import type { ServiceContext } from '../../platform/context.js';
import { inTransaction, type Db } from '../../platform/db/database.js';
import type { TenantScope } from '../../platform/db/tenant.js';
import { localDate } from '../../platform/time.js';
import type { AccumulationEvent, ProgramConfig } from './domain/index.js';
import { evaluateClub, evaluateTier } from './domain/index.js';
import { recordHistory, setTier } from './members.js';
import { orgSettings } from './org.js';
import { loadProgram } from './programs.js';
import { emitEvent } from './webhooks.js';

const BATCH = 200;

interface MemberRow { customer_id: string; tier: string | null; tier_since: Date | null; club_member: boolean; club_since: Date | null }

export async function runDailyEvaluation(ctx: ServiceContext, now: Date): Promise<{ evaluated: number; tierChanges: number; clubProposals: number }> {
  // A way into tenants: the programs that have something to evaluate, each then handled in its scope.
  const { rows: programs } = await sql<{ id: string; organization_id: string }>`SELECT id, organization_id FROM loyalty_programs
    WHERE archived_at IS NULL AND ((config -> 'tierRules') <> 'null'::jsonb OR (config -> 'club') <> 'null'::jsonb)`.execute(ctx.db);
  const total = { evaluated: 0, tierChanges: 0, clubProposals: 0 };
  for (const p of programs) {
    const scope = { organizationId: p.organization_id };
    const { timeZone } = await orgSettings(ctx, scope);
    const today = localDate(now, timeZone);
    for (let batch = 0; batch < 10_000; batch++) {
      const r = await evaluateBatch(ctx, scope, p.id, today, timeZone, now);
      total.evaluated += r.evaluated;
      total.tierChanges += r.tierChanges;
      total.clubProposals += r.clubProposals;
      if (r.evaluated < BATCH) break;
    }
  }
  return total;
}

async function eventsOf(db: Db, scope: TenantScope, programId: string, customerIds: string[]): Promise<Map<string, AccumulationEvent[]>> {
  const { rows } = await sql<{ customer_id: string; k: 'purchase' | 'refund'; at: Date; amount: number; count: number; orig: Date | null }>`
    SELECT customer_id, 'purchase' AS k, occurred_at AS at, coalesce(accumulation_amount, greatest(paid - refunded_paid, 0)) AS amount,
      CASE WHEN source = 'import' AND status IN ('refunded', 'cancelled') THEN 0 ELSE 1 END AS count, NULL::timestamptz AS orig
    FROM purchases WHERE organization_id = ${scope.organizationId} AND customer_id = ANY(${customerIds}::uuid[]) AND (program_id = ${programId} OR program_id IS NULL)
    UNION ALL
    SELECT customer_id, 'refund', occurred_at, accumulation_amount, accumulation_count, purchase_occurred_at
    FROM loyalty_refunds WHERE organization_id = ${scope.organizationId} AND customer_id = ANY(${customerIds}::uuid[]) AND program_id = ${programId}`.execute(db);
  const map = new Map<string, AccumulationEvent[]>();
  for (const r of rows) {
    const list = map.get(r.customer_id) ?? [];
    list.push({ kind: r.k, at: new Date(r.at), amount: Number(r.amount), count: Number(r.count), originalAt: r.orig ? new Date(r.orig) : null });
    map.set(r.customer_id, list);
  }
  return map;
}

async function evaluateBatch(ctx: ServiceContext, scope: TenantScope, programId: string, today: string, timeZone: string, now: Date) {
  return inTransaction(ctx.db, async (tx) => {
    const program = await loadProgram(tx, scope, programId);
    if (!program) return { evaluated: 0, tierChanges: 0, clubProposals: 0 };
    const { rows: members } = await sql<MemberRow>`SELECT customer_id, tier, tier_since, club_member, club_since FROM loyalty_members
      WHERE organization_id = ${scope.organizationId} AND program_id = ${programId} AND (evaluated_on IS NULL OR evaluated_on < ${today}::date)
      ORDER BY customer_id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`.execute(tx);
    if (members.length === 0) return { evaluated: 0, tierChanges: 0, clubProposals: 0 };
    const events = await eventsOf(tx, scope, programId, members.map((m) => m.customer_id));
    let tierChanges = 0;
    let clubProposals = 0;
    for (const m of members) {
      const history = events.get(m.customer_id) ?? [];
      if (await evaluateMemberTier(ctx, tx, scope, program.id, program.config, m, history, now, timeZone)) tierChanges++;
      if (await evaluateMemberClub(ctx, tx, scope, program.id, program.config, m, history, now, timeZone)) clubProposals++;
    }
    await sql`UPDATE loyalty_members SET evaluated_on = ${today}::date WHERE organization_id = ${scope.organizationId} AND program_id = ${programId}
      AND customer_id = ANY(${members.map((m) => m.customer_id)}::uuid[])`.execute(tx);
    return { evaluated: members.length, tierChanges, clubProposals };
  });
}

async function evaluateMemberTier(ctx: ServiceContext, tx: Db, scope: TenantScope, programId: string, config: ProgramConfig, m: MemberRow, events: AccumulationEvent[], now: Date, timeZone: string): Promise<boolean> {
  if (!config.tierRules) return false;
  const d = evaluateTier(config.tierRules, config.tiers, { tier: m.tier, since: m.tier_since }, events, now, timeZone);
  if ((d.action !== 'upgrade' && d.action !== 'downgrade') || !d.to) return false;
  const details = { measured: d.measured, threshold: d.threshold, windowStart: d.windowStart.toISOString() };
  await setTier(ctx, tx, scope, { programId, customerId: m.customer_id, from: m.tier, to: d.to, reason: d.action, details, staffId: null });
  await emitEvent(tx, scope, now, 'tier.changed', { customerId: m.customer_id, programId, from: m.tier, to: d.to, reason: d.action, ...details });
  return true;
}

async function evaluateMemberClub(ctx: ServiceContext, tx: Db, scope: TenantScope, programId: string, config: ProgramConfig, m: MemberRow, events: AccumulationEvent[], now: Date, timeZone: string): Promise<boolean> {
  if (!config.club) return false;
  const d = evaluateClub(config.club, { member: m.club_member, since: m.club_since }, events, now, timeZone);
  const action = d.action === 'join' || d.action === 'leave' ? d.action : null;
  // A proposal the figures no longer support is withdrawn.
  await sql`UPDATE loyalty_club_proposals SET status = 'rejected', decided_at = ${now} WHERE organization_id = ${scope.organizationId}
    AND program_id = ${programId} AND customer_id = ${m.customer_id} AND status = 'pending' AND action IS DISTINCT FROM ${action}::text`.execute(tx);
  if (!action) return false;
  const row = { program_id: programId, customer_id: m.customer_id, action, reason: d.reason, measured: d.measured, required: d.required, window_start: d.windowStart, window_end: d.windowEnd, created_at: now };
  if (d.autoApply) {
    await applyClubChange(ctx, tx, scope, { programId, customerId: m.customer_id, action, reason: d.reason, staffId: null, details: { measured: d.measured, required: d.required } });
    await sql`INSERT INTO loyalty_club_proposals (id, organization_id, program_id, customer_id, action, status, reason, measured, required, window_start, window_end, created_at, decided_at)
      VALUES (${ctx.ids.next()}, ${scope.organizationId}, ${row.program_id}, ${row.customer_id}, ${action}, 'applied', ${row.reason}, ${row.measured}, ${row.required}, ${row.window_start}, ${row.window_end}, ${now}, ${now})`.execute(tx);
    return true;
  }
  const { rows } = await sql`INSERT INTO loyalty_club_proposals (id, organization_id, program_id, customer_id, action, status, reason, measured, required, window_start, window_end, created_at)
    VALUES (${ctx.ids.next()}, ${scope.organizationId}, ${row.program_id}, ${row.customer_id}, ${action}, 'pending', ${row.reason}, ${row.measured}, ${row.required}, ${row.window_start}, ${row.window_end}, ${now})
    ON CONFLICT (organization_id, program_id, customer_id) WHERE status = 'pending' DO NOTHING RETURNING id`.execute(tx);
  return rows.length > 0;
}

/** Joins or leaves the club (member row locked by the caller), with history; bumps rev for running checkouts. */
export async function applyClubChange(ctx: ServiceContext, tx: Db, scope: TenantScope, c: { programId: string; customerId: string; action: 'join' | 'leave'; reason: string; staffId: string | null; details: Record<string, unknown> }) {
  const now = ctx.clock.now();
  const join = c.action === 'join';
  await sql`UPDATE loyalty_members SET club_member = ${join}, club_since = ${join ? now : null}::timestamptz, rev = rev + 1, updated_at = ${now}
    WHERE organization_id = ${scope.organizationId} AND program_id = ${c.programId} AND customer_id = ${c.customerId}`.execute(tx);
  await recordHistory(ctx, tx, scope, { programId: c.programId, customerId: c.customerId, kind: 'club', from: join ? 'out' : 'member', to: join ? 'member' : 'out', reason: c.reason, details: c.details, staffId: c.staffId });
}
