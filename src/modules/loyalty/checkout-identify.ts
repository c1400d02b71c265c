// `identify`: who is at the till (card, phone, one-time QR code or customer id) and what the cashier
// should know before building the receipt: name, tier and discount, points (spendable and pending),
// the next threshold and how far it is, greetings due today and warnings.
import type { ServiceContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { isBirthdayOn, localDate } from '../../platform/time.js';
import { getCustomer } from '../customers/index.js';
import { requirePermission, type Actor } from '../tenancy/index.js';
import type { ProgramConfig } from './domain/index.js';
import { addLocalDays, chooseDiscount, distanceTo, findTier, mechanicRates, measureWindow, spendableTotal } from './domain/index.js';
import { bindCard } from './cards.js';
import { buildState, readState, resolveTarget, type CheckoutState, type IdentifiedBy, type Target } from './checkout-state.js';
import { readerActor } from './org.js';
import { consumeQrToken } from './qr.js';

export interface IdentifyRequest {
  cardNumber?: string; phone?: string; qrToken?: string; customerId?: string;
  programId?: string;
  /** An unbound bearer card gets this holder now ("bound on first use"). */
  bindToCustomerId?: string;
}

const EXPIRING_SOON_DAYS = 30;

export async function identify(ctx: ServiceContext, actor: Actor, input: IdentifyRequest) {
  requirePermission(actor, 'checkout.use');
  const given = (['cardNumber', 'phone', 'qrToken', 'customerId'] as const).filter((k) => input[k] !== undefined);
  if (given.length !== 1) throw new AppError('validation_failed', 'give exactly one of cardNumber, phone, qrToken, customerId', { issues: [{ path: 'cardNumber', message: 'give exactly one of cardNumber, phone, qrToken, customerId' }] });
  let target: Target;
  if (input.qrToken !== undefined) {
    const t = await consumeQrToken(ctx, actor, input.qrToken);
    target = { cardNumber: null, customerId: t.customerId, programId: input.programId ?? t.programId, identifiedBy: 'qr' };
  } else {
    const ref = input.cardNumber !== undefined ? { cardNumber: input.cardNumber } : input.phone !== undefined ? { phone: input.phone } : { customerId: input.customerId! };
    target = await resolveTarget(ctx, actor, ref, input.programId, '');
  }
  let snap = await readState(ctx, actor, target, {});
  if (input.bindToCustomerId && snap.card && !snap.card.customer_id && snap.card.status === 'active') {
    await bindCard(ctx, actor, snap.card.id, { customerId: input.bindToCustomerId });
    snap = await readState(ctx, actor, target, {});
  }
  const now = ctx.clock.now();
  const state = await buildState(ctx, actor, target, snap, { now, at: now, createMember: false });
  if (state === 'member_created') throw new Error('identify never creates members');
  const customer = state.customerId ? await getCustomer(ctx, readerActor(actor, actor), state.customerId) : null;
  const today = localDate(now, state.timeZone);
  const greetings = customer?.birthDate && isBirthdayOn(customer.birthDate, today) ? ['birthday'] : [];
  return {
    identifiedBy: target.identifiedBy as IdentifiedBy,
    programId: state.program.id,
    programVersion: state.program.version,
    card: snap.card ? { id: snap.card.id, number: snap.card.number, kind: snap.card.kind, tier: snap.card.tier, status: snap.card.status } : null,
    customer: customer ? { id: customer.id, name: customer.displayName, birthDate: customer.birthDate } : null,
    ...summary(state, now),
    greetings,
  };
}

function summary(state: CheckoutState, now: Date) {
  const config: ProgramConfig = state.config;
  const c = state.customer;
  const warnings = [...state.warnings];
  if (!c) return { tier: null, discount: null, points: null, cumulative: null, nextTier: null, club: null, warnings };
  const tierDef = findTier(config, c.tier);
  const rates = mechanicRates(config, { tier: tierDef, accumulated: c.accumulated, cumulativeFloorBp: c.cumulativeFloorBp ?? 0, clubMember: c.clubMember });
  // The discount a plain full-price line would get: the same stacking choice calculate makes.
  const best = chooseDiscount(rates.map((r) => ({ ...r, priority: config.stacking.priority[r.mechanic], amount: r.bp })), 0, { headroom: Number.MAX_SAFE_INTEGER, floorPrice: null, limitedBy: null }, config.stacking);
  const winner = rates.find((r) => r.mechanic === best.mechanic);
  let points = null;
  if (state.book && config.points) {
    const lots = state.book.planningLots();
    const soon = addLocalDays(now, EXPIRING_SOON_DAYS, state.timeZone);
    const expiring = spendableTotal(lots.filter((l) => l.expiresAt !== null && l.expiresAt.getTime() <= soon.getTime()), now);
    const firstExpiry = lots.filter((l) => !l.pending && l.remaining > 0 && l.expiresAt && l.expiresAt.getTime() > now.getTime()).map((l) => l.expiresAt!.getTime()).sort((a, b) => a - b)[0];
    if (expiring > 0) warnings.push('points_expiring_soon');
    if (config.points.minBalanceToRedeem > 0 && c.spendablePoints < config.points.minBalanceToRedeem) warnings.push('below_min_balance');
    points = {
      spendable: c.spendablePoints, pending: c.pendingPoints, minBalanceToRedeem: config.points.minBalanceToRedeem, rate: config.points.rate,
      expiringSoon: expiring > 0 ? { points: expiring, before: soon.toISOString(), firstExpiry: firstExpiry ? new Date(firstExpiry).toISOString() : null } : null,
    };
  }
  const cumulative = state.cumulative
    ? { bp: state.cumulative.bp, amount: state.cumulative.measured.amount, count: state.cumulative.measured.count, next: state.cumulative.next ? { bp: state.cumulative.next.bp, amountToGo: state.cumulative.next.amountToGo, countToGo: state.cumulative.next.countToGo } : null }
    : null;
  let nextTier = null;
  if (config.tierRules && state.snap.events) {
    const rules = config.tierRules;
    const measured = measureWindow(state.snap.events, addLocalDays(now, -rules.windowDays, state.timeZone), now);
    const rank = tierDef?.rank ?? -Infinity;
    const above = rules.levels.map((l) => ({ l, t: findTier(config, l.tier) })).filter((x) => x.t && !x.t.restricted && x.t.rank > rank).sort((a, b) => a.t!.rank - b.t!.rank)[0];
    if (above) nextTier = { code: above.t!.code, name: above.t!.name, ...distanceTo(above.l.upgrade, measured) };
  }
  return {
    tier: tierDef ? { code: tierDef.code, name: tierDef.name, discountBp: tierDef.discountBp, earnBp: tierDef.earnBp } : null,
    discount: best.mechanic ? { mechanic: best.mechanic, bp: best.bp, reason: winner?.reason ?? null } : null,
    points, cumulative, nextTier,
    club: config.club ? { member: c.clubMember } : null,
    warnings,
  };
}
