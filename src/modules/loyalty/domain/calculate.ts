// calculateReceipt: the one function behind both `calculate` (preview) and `confirm` (commit), so the
// two can never differ. Plain data in, plain data out; the result is stored with the receipt and is
// what refunds are computed from later.
import type { BasisPoints, MinorUnits } from '../../../platform/money.js';
import type { AppliedDiscount, DiscountCandidate, LineLimit } from './discounts.js';
import { chooseDiscount, lineCandidates, lineLimit, mechanicRates } from './discounts.js';
import type { PointsWarning } from './points.js';
import { planEarn, planPointsSpend } from './points.js';
import type { PointsRate, ProgramConfig } from './program.js';
import { findTier } from './program.js';
import { divBig, divSafe, fitsSafe } from './rational.js';

/** One unit of quantity is 1000 milli-units: 2 pieces = 2000, 0.350 kg = 350. */
export const QUANTITY_SCALE = 1000;
export const MAX_LINES = 1000;

export interface ReceiptLineInput {
  sku: string;
  productGroup: string | null;
  /** Quantity in milli-units (integer): weighed goods need fractions, and integers keep them exact. */
  quantityMilli: number;
  /** Price of one whole unit (per piece, per kg …), minor units. */
  unitPrice: MinorUnits;
  /** Cost of one whole unit, minor units, when the till knows it (feeds the margin guard). */
  unitCost?: MinorUnits | null;
  /** Discount the till already gave on the whole line (a promotion outside Regulars), minor units. */
  promotionDiscount?: MinorUnits;
}

export interface CustomerState {
  tier: string | null;
  /** Accumulated figures in the current cumulative scope, before this receipt. */
  accumulated: { amount: MinorUnits; count: number };
  /** Level kept by "never goes down within a period" (evaluateCumulative(...).bp); 0 when not used. */
  cumulativeFloorBp?: BasisPoints;
  clubMember: boolean;
  /** Spendable balance now (may be negative while a refund debt is open). */
  spendablePoints: number;
  pendingPoints: number;
}

export interface CalculateInput {
  program: ProgramConfig;
  /** null for an anonymous receipt: no discount, no points. */
  customer: CustomerState | null;
  lines: readonly ReceiptLineInput[];
  requestedPoints: number;
  identifiedBy?: 'card' | 'phone' | 'qr';
}

export interface LineResult {
  index: number;
  sku: string;
  productGroup: string | null;
  quantityMilli: number;
  unitPrice: MinorUnits;
  /** unitPrice × quantity, half-up to the minor unit. */
  baseAmount: MinorUnits;
  promotionDiscount: MinorUnits;
  candidates: DiscountCandidate[];
  applied: AppliedDiscount;
  limit: LineLimit;
  pointsSpent: number;
  pointsMoney: MinorUnits;
  /** Money the customer pays for the line: base − promotion − discount − points money. */
  paidAmount: MinorUnits;
  earnBp: BasisPoints;
  pointsEarned: number;
  /** What the line adds to accumulated totals (program.accumulateOn). */
  accumulationAmount: MinorUnits;
}

export interface ReceiptTotals {
  subtotal: MinorUnits;
  promotionTotal: MinorUnits;
  discountTotal: MinorUnits;
  pointsSpent: number;
  pointsMoney: MinorUnits;
  amountToPay: MinorUnits;
  pointsEarned: number;
  maxSpendablePoints: number;
  accumulationAmount: MinorUnits;
}

export type ReceiptWarningCode = PointsWarning | 'unknown_tier' | 'no_customer' | 'margin_guard_applied' | 'no_earn_when_redeeming';

export interface ReceiptResult {
  lines: LineResult[];
  totals: ReceiptTotals;
  warnings: ReceiptWarningCode[];
  tier: string | null;
  /** The rate points were valued at, kept so refunds use the rate of the sale. */
  pointsRate: PointsRate | null;
  smsCodeRequired: boolean;
}

const int = (v: number, min: number) => Number.isSafeInteger(v) && v >= min;

function assertLine(l: ReceiptLineInput, i: number): void {
  if (!int(l.quantityMilli, 1)) throw new RangeError(`line ${i}: quantityMilli must be a positive integer`);
  if (!int(l.unitPrice, 0)) throw new RangeError(`line ${i}: unitPrice must be a non-negative integer`);
  if (l.unitCost != null && !int(l.unitCost, 0)) throw new RangeError(`line ${i}: unitCost must be a non-negative integer`);
  if (l.promotionDiscount !== undefined && !int(l.promotionDiscount, 0)) throw new RangeError(`line ${i}: promotionDiscount must be a non-negative integer`);
}

/** unitPrice × quantityMilli / 1000, half-up: the till prints 0.333 kg × 1.99 as 0.66. */
export function lineBaseAmount(unitPrice: MinorUnits, quantityMilli: number): MinorUnits {
  if (fitsSafe(unitPrice, quantityMilli, QUANTITY_SCALE)) return divSafe(unitPrice * quantityMilli, QUANTITY_SCALE, 'round');
  const v = divBig(BigInt(unitPrice) * BigInt(quantityMilli), BigInt(QUANTITY_SCALE), 'round');
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('line amount is too large');
  return Number(v);
}

const sumOf = (lines: readonly LineResult[], f: (l: LineResult) => number) => lines.reduce((a, l) => a + f(l), 0);

export function calculateReceipt(input: CalculateInput): ReceiptResult {
  const { program, customer } = input;
  if (input.lines.length > MAX_LINES) throw new RangeError(`a receipt has at most ${MAX_LINES} lines`);
  input.lines.forEach(assertLine);
  const warnings = new Set<ReceiptWarningCode>();
  if (!customer) warnings.add('no_customer');
  const tier = customer ? findTier(program, customer.tier) : null;
  if (customer && customer.tier !== null && !tier) warnings.add('unknown_tier');

  const rates = customer
    ? mechanicRates(program, {
      tier, accumulated: customer.accumulated, cumulativeFloorBp: customer.cumulativeFloorBp ?? 0, clubMember: customer.clubMember,
    })
    : [];

  const staged = input.lines.map((l) => {
    const base = lineBaseAmount(l.unitPrice, l.quantityMilli);
    const promotion = l.promotionDiscount ?? 0;
    if (promotion > base) throw new RangeError(`line ${l.sku}: promotion discount exceeds the line amount`);
    const limit = lineLimit(base, promotion, l.quantityMilli, l.unitCost ?? null, l.productGroup, program.marginGuard);
    const candidates = lineCandidates(rates, base, promotion, program.stacking);
    const applied = chooseDiscount(candidates, promotion, limit, program.stacking);
    if (applied.cappedBy === 'margin_floor' || applied.cappedBy === 'group_max_discount') warnings.add('margin_guard_applied');
    const payable = base - promotion - applied.amount;
    const redeemable = customer && !(l.productGroup !== null && program.points?.redeemExcludedGroups?.includes(l.productGroup));
    return { l, base, promotion, limit, candidates, applied, payable, capacity: redeemable ? limit.headroom - applied.amount : 0 };
  });

  const spend = planPointsSpend({
    config: customer ? program.points : null,
    balance: customer?.spendablePoints ?? 0,
    requested: input.requestedPoints,
    payable: staged.map((s) => s.payable),
    capacity: staged.map((s) => s.capacity),
  });
  spend.warnings.forEach((w) => warnings.add(w));

  const paid = staged.map((s, i) => s.payable - (spend.lineMoney[i] ?? 0));
  const suppressed = spend.pointsSpent > 0 && program.points !== null && !program.points.earnWhenRedeeming;
  if (suppressed) warnings.add('no_earn_when_redeeming');
  const earn = planEarn(customer ? program.points : null, tier, staged.map((s, i) => ({ productGroup: s.l.productGroup, paid: paid[i] ?? 0 })), suppressed);

  const lines: LineResult[] = staged.map((s, i) => {
    const paidAmount = paid[i] ?? 0;
    const pointsMoney = spend.lineMoney[i] ?? 0;
    return {
      index: i, sku: s.l.sku, productGroup: s.l.productGroup, quantityMilli: s.l.quantityMilli, unitPrice: s.l.unitPrice,
      baseAmount: s.base, promotionDiscount: s.promotion, candidates: s.candidates, applied: s.applied, limit: s.limit,
      pointsSpent: spend.linePoints[i] ?? 0, pointsMoney, paidAmount,
      earnBp: earn.lineBp[i] ?? 0, pointsEarned: earn.linePoints[i] ?? 0,
      accumulationAmount: program.accumulateOn === 'paid_money' ? paidAmount : paidAmount + pointsMoney,
    };
  });
  const totals: ReceiptTotals = {
    subtotal: sumOf(lines, (l) => l.baseAmount),
    promotionTotal: sumOf(lines, (l) => l.promotionDiscount),
    discountTotal: sumOf(lines, (l) => l.applied.amount),
    pointsSpent: spend.pointsSpent,
    pointsMoney: spend.pointsMoney,
    amountToPay: sumOf(lines, (l) => l.paidAmount),
    pointsEarned: earn.total,
    maxSpendablePoints: spend.maxSpendablePoints,
    accumulationAmount: sumOf(lines, (l) => l.accumulationAmount),
  };
  const sms = program.sms;
  const smsCodeRequired = (sms.beforeSpendingPoints && totals.pointsSpent > 0)
    || (sms.beforePersonalDiscountByPhone && input.identifiedBy === 'phone' && totals.discountTotal > 0);
  return {
    lines, totals, warnings: [...warnings], tier: tier?.code ?? null,
    pointsRate: program.points ? { ...program.points.rate } : null, smsCodeRequired,
  };
}
