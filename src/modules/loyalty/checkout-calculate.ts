// `calculate`: the receipt with the customer's discounts and points, without writing anything. It runs
// the same state reading and the same rules engine call as `confirm`.
import type { ServiceContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { requirePermission, type Actor } from '../tenancy/index.js';
import { buildState, calculate, readState, resolveTarget, toEngineLines, type CheckoutState, type CustomerRef, type LineInput } from './checkout-state.js';
import { toReceiptView } from './receipt-view.js';

export interface CalculateRequest {
  programId?: string;
  customer?: CustomerRef | null;
  lines: LineInput[];
  pointsToSpend?: number;
  /** The receipt's own time (late receipts from offline tills); defaults to now. */
  occurredAt?: string;
}

const FUTURE_SLACK_MS = 5 * 60_000;
const OLDEST_MS = 400 * 86_400_000;

export function receiptTime(occurredAt: string | undefined, now: Date): Date {
  if (occurredAt === undefined) return now;
  const at = new Date(occurredAt);
  const bad = (message: string) => new AppError('validation_failed', `occurredAt: ${message}`, { issues: [{ path: 'occurredAt', message }] });
  if (Number.isNaN(at.getTime())) throw bad('is not a date-time');
  if (at.getTime() > now.getTime() + FUTURE_SLACK_MS) throw bad('is in the future');
  if (at.getTime() < now.getTime() - OLDEST_MS) throw bad('is more than 400 days ago');
  return at;
}

export function customerBrief(state: CheckoutState, now: Date) {
  if (!state.customer) return null;
  const points = state.book?.points(now) ?? null;
  return {
    id: state.customerId,
    cardId: state.snap.card?.id ?? null,
    tier: state.customer.tier,
    clubMember: state.customer.clubMember,
    cumulativeBp: state.cumulative?.bp ?? 0,
    points: points ? { spendable: points.spendable, pending: points.pending } : null,
  };
}

export async function calculateCheckout(ctx: ServiceContext, actor: Actor, input: CalculateRequest) {
  requirePermission(actor, 'checkout.use');
  const now = ctx.clock.now();
  const at = receiptTime(input.occurredAt, now);
  const lines = toEngineLines(input.lines);
  const target = await resolveTarget(ctx, actor, input.customer, input.programId);
  const snap = await readState(ctx, actor, target, {});
  const state = await buildState(ctx, actor, target, snap, { now, at, createMember: false });
  if (state === 'member_created') throw new Error('calculate never creates members');
  const result = calculate(state, lines, input.pointsToSpend ?? 0, target.identifiedBy);
  return {
    programId: state.program.id,
    programVersion: state.program.version,
    customer: customerBrief(state, now),
    receipt: toReceiptView(result),
    warnings: state.warnings,
  };
}
