// What identify, calculate and confirm share: who the customer is (card, phone, QR, id), the state the
// rules engine needs about them, and the one call to calculateReceipt — so the preview (calculate) and
// the commit (confirm) run exactly the same code on exactly the same state.
import type { ServiceContext } from '../../platform/context.js';
import type { TenantScope } from '../../platform/db/tenant.js';
import { AppError, conflict, notFound } from '../../platform/errors.js';
import { findCustomerIdsByPhone, resolveCustomerId } from '../customers/index.js';
import type { Actor } from '../tenancy/index.js';
import type { CalculateInput, CumulativeStatus, CustomerState, ProgramConfig, ReceiptLineInput, ReceiptResult } from './domain/index.js';
import { calculateReceipt, evaluateCumulative, lineBaseAmount, normalizeCardNumber, validateCardNumber } from './domain/index.js';
import { Book } from './ledger-book.js';
import { ensureMember, readSnapshot, type Snapshot, type SnapshotRequest } from './ledger-store.js';
import { orgSettings, readerActor } from './org.js';
import { entryTier, loadProgram, type LoadedProgram } from './programs.js';

export type CustomerRef = { cardNumber: string } | { customerId: string } | { phone: string };
export type IdentifiedBy = 'card' | 'phone' | 'qr' | 'customer_id';

export interface Target {
  cardNumber: string | null; customerId: string | null; programId: string | null; identifiedBy: IdentifiedBy | null;
  /** Where the customer was named in the request, for error messages ('customer' → 'customer.cardNumber'). */
  field?: string;
}

const fieldPath = (prefix: string | undefined, name: string) => (prefix ? `${prefix}.${name}` : name);


export function cardNumberOrThrow(text: string, field: string): string {
  const checked = validateCardNumber(normalizeCardNumber(text));
  if (!checked.ok) {
    const why = { not_digits: 'must contain only digits', wrong_length: 'has the wrong number of digits', wrong_prefix: 'does not belong to this program', bad_check_digit: 'has a wrong check digit (mistyped or misread)' }[checked.reason];
    throw new AppError('invalid_card_number', `${field}: the card number ${why}`, { field, reason: checked.reason });
  }
  return checked.value;
}

/** Turns the caller's way of naming the customer into what the snapshot query looks up. */
export async function resolveTarget(ctx: ServiceContext, actor: Actor, ref: CustomerRef | null | undefined, programId: string | null | undefined, field = 'customer'): Promise<Target> {
  const program = programId ?? null;
  if (!ref) return { cardNumber: null, customerId: null, programId: program, identifiedBy: null, field };
  if ('cardNumber' in ref) return { cardNumber: cardNumberOrThrow(ref.cardNumber, fieldPath(field, 'cardNumber')), customerId: null, programId: program, identifiedBy: 'card', field };
  if ('customerId' in ref) {
    // A merged-away id (kept by a till, an old link) stands for its survivor. An unknown (or another
    // organization's) id is 404 for calculate too, as it always was for confirm.
    const live = await resolveCustomerId(ctx.db, actor, ref.customerId);
    if (!live) throw notFound('customer', { field: fieldPath(field, 'customerId'), id: ref.customerId });
    return { cardNumber: null, customerId: live, programId: program, identifiedBy: 'customer_id', field };
  }
  const ids = await findCustomerIdsByPhone(ctx, readerActor(actor, actor), ref.phone);
  if (ids.length === 0) throw notFound('customer', { field: fieldPath(field, 'phone') });
  if (ids.length > 1) throw conflict('phone_ambiguous', `${fieldPath(field, 'phone')}: several customers have this phone number; identify by card or customer id`, { field: fieldPath(field, 'phone'), candidates: ids });
  return { cardNumber: null, customerId: ids[0]!, programId: program, identifiedBy: 'phone', field };
}

export interface CheckoutState {
  snap: Snapshot;
  program: LoadedProgram;
  timeZone: string;
  customerId: string | null;
  /** The ledger of the customer (null for anonymous receipts and cards nobody holds yet), due work applied. */
  book: Book | null;
  customer: CustomerState | null;
  /** The configuration the engine runs with (no points for a bearer card nobody holds). */
  config: ProgramConfig;
  cumulative: CumulativeStatus | null;
  warnings: string[];
}

/**
 * Reads the customer's state at `now` (ledger) and `at` (the receipt's own time, for accumulation),
 * creating the customer's membership when asked to. The caller handles a stored operation answer
 * before calling this (`snap.operation`), so a replay never depends on today's state.
 */
export async function readState(ctx: ServiceContext, scope: TenantScope, target: Target, extra: Pick<SnapshotRequest, 'operation' | 'smsChallengeId'>): Promise<Snapshot> {
  return readSnapshot(ctx.db, scope, { cardNumber: target.cardNumber, customerId: target.customerId, programId: target.programId, ...extra });
}

export async function buildState(ctx: ServiceContext, scope: TenantScope, target: Target, snap: Snapshot, options: { now: Date; at: Date; createMember: boolean }): Promise<CheckoutState | 'member_created'> {
  const { card } = snap;
  if (target.cardNumber && !card) throw notFound('card', { field: fieldPath(target.field, 'cardNumber') });
  if (card?.status === 'blocked') throw new AppError('card_blocked', 'This card is blocked', { cardId: card.id }, 'unprocessable');
  if (card?.status === 'replaced') throw new AppError('card_replaced', 'This card was replaced by another card', { cardId: card.id, replacedBy: card.replaced_by }, 'unprocessable');
  if (card && target.programId && card.program_id !== target.programId) {
    throw new AppError('card_program_mismatch', 'programId: this card belongs to another program', { field: 'programId', cardProgramId: card.program_id }, 'unprocessable');
  }
  if (!snap.program) {
    if (target.programId) throw notFound('program', { field: 'programId', id: target.programId });
    throw new AppError('no_program', 'No loyalty program is set up for this organization', {}, 'conflict');
  }
  const program = await loadProgram(ctx.db, scope, snap.program.id, snap.program.version);
  if (!program) throw notFound('program', { id: snap.program.id });
  if (program.archived) throw conflict('program_archived', 'This program is archived');
  const { timeZone } = await orgSettings(ctx, scope);
  const customerId = snap.customerId;
  const warnings: string[] = [];
  if (customerId && !snap.member && options.createMember) {
    const tier = card?.tier ?? entryTier(program.config);
    try {
      await ensureMember(ctx.db, scope, { programId: program.id, customerId, tier, now: options.now, ids: [ctx.ids.next(), ctx.ids.next()] });
    } catch (e) {
      if ((e as { code?: string }).code === '23503') throw notFound('customer', { field: fieldPath(target.field, 'customerId'), id: customerId });
      throw e;
    }
    return 'member_created';
  }
  let config = program.config;
  let book: Book | null = null;
  let customer: CustomerState | null = null;
  let cumulative: CumulativeStatus | null = null;
  if (customerId) {
    book = new Book(snap.member ? { spendable: snap.member.spendable, pending: snap.member.pending, debt: snap.member.debt, lots: snap.lots } : { spendable: 0, pending: 0, debt: 0, lots: [] }, options.now);
    book.runDue(options.now);
    if (config.cumulative && snap.events) cumulative = evaluateCumulative(config.cumulative, snap.events, options.at, timeZone);
    const points = book.points(options.now);
    customer = {
      tier: snap.member?.tier ?? card?.tier ?? entryTier(config),
      accumulated: cumulative?.measured ?? { amount: 0, count: 0 },
      cumulativeFloorBp: cumulative?.bp ?? 0,
      clubMember: snap.member?.club_member ?? false,
      spendablePoints: points.spendable,
      pendingPoints: points.pending,
    };
    if (!snap.member) warnings.push('not_a_member_yet');
    if ((snap.member?.debt ?? 0) > 0) warnings.push('debt_open');
  } else if (card) {
    // A bearer card nobody holds yet: the card type's discount, but no account to keep points on.
    config = { ...config, points: null };
    customer = { tier: card.tier, accumulated: { amount: 0, count: 0 }, cumulativeFloorBp: 0, clubMember: false, spendablePoints: 0, pendingPoints: 0 };
    warnings.push('card_not_bound');
  }
  return { snap, program, timeZone, customerId, book, customer, config, cumulative, warnings };
}

export interface LineInput { sku: string; productGroup?: string | null; quantity?: number; unitPrice: number; unitCost?: number | null; promotionDiscount?: number }

/** Quantities are decimals with at most 3 places (0.35 kg); the engine counts in milli-units. */
export function toEngineLines(lines: readonly LineInput[]): ReceiptLineInput[] {
  return lines.map((l, i) => {
    const q = l.quantity ?? 1;
    const milli = Math.round(q * 1000);
    if (!Number.isFinite(q) || milli < 1 || Math.abs(q * 1000 - milli) > 1e-6) {
      throw new AppError('validation_failed', `lines.${i}.quantity: must be positive with at most 3 decimals`, { issues: [{ path: `lines.${i}.quantity`, message: 'must be positive with at most 3 decimals' }] });
    }
    if ((l.promotionDiscount ?? 0) > lineBaseAmount(l.unitPrice, milli)) {
      throw new AppError('validation_failed', `lines.${i}.promotionDiscount: exceeds the line amount`, { issues: [{ path: `lines.${i}.promotionDiscount`, message: 'exceeds the line amount' }] });
    }
    return { sku: l.sku, productGroup: l.productGroup ?? null, quantityMilli: milli, unitPrice: l.unitPrice, unitCost: l.unitCost ?? null, ...(l.promotionDiscount !== undefined && { promotionDiscount: l.promotionDiscount }) };
  });
}

export function calculate(state: CheckoutState, lines: ReceiptLineInput[], requestedPoints: number, identifiedBy: IdentifiedBy | null): ReceiptResult {
  const input: CalculateInput = { program: state.config, customer: state.customer, lines, requestedPoints };
  if (identifiedBy === 'card' || identifiedBy === 'phone' || identifiedBy === 'qr') input.identifiedBy = identifiedBy;
  try {
    return calculateReceipt(input);
  } catch (e) {
    if (e instanceof RangeError) throw new AppError('invalid_receipt', e.message, { field: 'lines' }, 'bad_request');
    throw e;
  }
}
