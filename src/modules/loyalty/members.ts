// A customer's membership in a program outside the checkout's hot path: joining, and tier changes made
// by people or by cards (a gold card makes its holder gold). Every change bumps the member's `rev`, so a
// checkout that read the old tier retries with the new one.
import { sql } from 'kysely';
import type { ServiceContext } from '../../platform/context.js';
import type { Db } from '../../platform/db/database.js';
import { scoped, type TenantScope } from '../../platform/db/tenant.js';
import { notFound } from '../../platform/errors.js';
import { findTier, type ProgramConfig } from './domain/index.js';
import { ensureMember } from './ledger-store.js';
import './tables.js';

export async function memberForUpdate(db: Db, scope: TenantScope, programId: string, customerId: string) {
  return scoped(db, scope).selectFrom('loyalty_members').selectAll().where('program_id', '=', programId).where('customer_id', '=', customerId).forUpdate().executeTakeFirst();
}

/** Makes the customer a member (if not yet) and records the tier they start with. Inside a transaction. */
export async function joinProgram(ctx: ServiceContext, tx: Db, scope: TenantScope, p: { programId: string; customerId: string; tier: string | null; reason: string; staffId: string | null }) {
  const existing = await memberForUpdate(tx, scope, p.programId, p.customerId);
  if (existing) return { member: existing, created: false };
  try {
    await ensureMember(tx, scope, { programId: p.programId, customerId: p.customerId, tier: p.tier, now: ctx.clock.now(), ids: [ctx.ids.next(), ctx.ids.next()] });
  } catch (e) {
    if ((e as { code?: string }).code === '23503') throw notFound('customer', { field: 'customerId', id: p.customerId });
    throw e;
  }
  const member = await memberForUpdate(tx, scope, p.programId, p.customerId);
  if (!member) throw new Error('member row missing after creation');
  if (p.tier !== null) await recordHistory(ctx, tx, scope, { ...p, kind: 'tier', from: null, to: p.tier, details: {} });
  return { member, created: true };
}

export async function recordHistory(ctx: ServiceContext, db: Db, scope: TenantScope, h: { programId: string; customerId: string; kind: 'tier' | 'club'; from: string | null; to: string | null; reason: string; details: Record<string, unknown>; staffId: string | null }) {
  await scoped(db, scope).insertInto('loyalty_member_history', {
    id: ctx.ids.next(), program_id: h.programId, customer_id: h.customerId, kind: h.kind, from_value: h.from, to_value: h.to,
    reason: h.reason, details: JSON.stringify(h.details), staff_id: h.staffId, at: ctx.clock.now(),
  }).execute();
}

/** Sets the tier (with history) and bumps `rev`; a locked member row is expected. */
export async function setTier(ctx: ServiceContext, db: Db, scope: TenantScope, m: { programId: string; customerId: string; from: string | null; to: string; reason: string; details?: Record<string, unknown>; staffId: string | null }) {
  const now = ctx.clock.now();
  await sql`UPDATE loyalty_members SET tier = ${m.to}, tier_since = ${now}, rev = rev + 1, updated_at = ${now}
    WHERE organization_id = ${scope.organizationId} AND program_id = ${m.programId} AND customer_id = ${m.customerId}`.execute(db);
  await recordHistory(ctx, db, scope, { programId: m.programId, customerId: m.customerId, kind: 'tier', from: m.from, to: m.to, reason: m.reason, details: m.details ?? {}, staffId: m.staffId });
}

/**
 * A card of a higher tier lifts its holder to that tier; a lower card never lowers them (tier rules and
 * people do that). Returns the tier the customer holds afterwards.
 */
export async function applyCardTier(ctx: ServiceContext, tx: Db, scope: TenantScope, config: ProgramConfig, p: { programId: string; customerId: string; cardTier: string; staffId: string | null }): Promise<string | null> {
  const { member, created } = await joinProgram(ctx, tx, scope, { programId: p.programId, customerId: p.customerId, tier: p.cardTier, reason: 'card_issued', staffId: p.staffId });
  if (created) return p.cardTier;
  const current = findTier(config, member.tier);
  const card = findTier(config, p.cardTier);
  if (card && (!current || card.rank > current.rank)) {
    await setTier(ctx, tx, scope, { programId: p.programId, customerId: p.customerId, from: member.tier, to: p.cardTier, reason: 'card_issued', staffId: p.staffId });
    return p.cardTier;
  }
  return member.tier;
}
