// The receipt as a confirmed purchase keeps it (`purchases.result`): everything the answer shows, the
// refunds compute from, and analytics reads — without repeating on every line what the mechanics offer.
//
// The whole ReceiptResult as JSON is ~500 bytes a line, mostly the same offers (mechanic, rate, reason,
// parameters, priority) on every line, and PostgreSQL spent more time parsing it into jsonb and
// compressing it than writing the rest of the purchase. Stored (version 2):
//
//   { "v": 2,
//     "offers": [[mechanic, bp, reason, [[param, value] …], priority] …],   what each mechanic offers this customer
//     "lines": [{ "applied": { mechanic, bp, amount, uncappedAmount, cappedBy },
//                 "promotionDiscount": n,
//                 "line": [index, sku, productGroup, quantityMilli, unitPrice, baseAmount, pointsSpent,
//                          pointsMoney, paidAmount, earnBp, pointsEarned, accumulationAmount],
//                 "offered": [amount for each of "offers"] } …],
//     "totals": [subtotal, promotionTotal, discountTotal, pointsSpent, pointsMoney, amountToPay,
//                pointsEarned, maxSpendablePoints, accumulationAmount],
//     "warnings": […], "tier": …, "pointsRate": { points, minor } | null, "smsCodeRequired": … }
//
// `lines[].applied` and `lines[].promotionDiscount` keep their names and places: analytics reads them
// (docs/decisions/analytics-reads-purchases.md). Parameters are [name, value] pairs because jsonb
// reorders object keys and the replayed answer must be the first one byte for byte. A line whose offers
// differ from the shared list (the engine never does that today) keeps its own in "candidates".
// Rows written before version 2 hold the whole ReceiptResult and are read as they are.
import type { LineResult, ReceiptResult, ReceiptTotals, ReceiptWarningCode } from './calculate.js';
import type { AppliedDiscount, DiscountCandidate, MechanicRate } from './discounts.js';
import type { PointsRate } from './program.js';

/** A line as read back: the margin limit it was calculated with is not kept. */
export type StoredLine = Omit<LineResult, 'limit'>;
/** A confirmed receipt as read back from `purchases.result` (either version). */
export interface StoredReceiptResult extends Omit<ReceiptResult, 'lines'> { lines: StoredLine[] }

type Params = [string, string | number][];
type Offer = [DiscountCandidate['mechanic'], number, MechanicRate['reason'], Params, number];
type LineFields = [number, string, string | null, number, number, number, number, number, number, number, number, number];

interface EncodedLine {
  applied: AppliedDiscount;
  promotionDiscount: number;
  line: LineFields;
  offered?: number[];
  candidates?: [...Offer, number][];
}

export interface EncodedReceipt {
  v: 2;
  offers: Offer[];
  lines: EncodedLine[];
  totals: number[];
  warnings: ReceiptWarningCode[];
  tier: string | null;
  pointsRate: PointsRate | null;
  smsCodeRequired: boolean;
}

const TOTALS = ['subtotal', 'promotionTotal', 'discountTotal', 'pointsSpent', 'pointsMoney', 'amountToPay', 'pointsEarned', 'maxSpendablePoints', 'accumulationAmount'] as const satisfies readonly (keyof ReceiptTotals)[];

const offerOf = (c: DiscountCandidate): Offer => [c.mechanic, c.bp, c.reason, Object.entries(c.params), c.priority];
const sameOffer = (c: DiscountCandidate, o: Offer) =>
  c.mechanic === o[0] && c.bp === o[1] && c.reason === o[2] && c.priority === o[4] && JSON.stringify(Object.entries(c.params)) === JSON.stringify(o[3]);
const candidateOf = (o: Offer, amount: number): DiscountCandidate =>
  ({ mechanic: o[0], bp: o[1], reason: o[2], params: Object.fromEntries(o[3]), priority: o[4], amount });

export function encodeReceipt(r: ReceiptResult): EncodedReceipt {
  const offers = (r.lines[0]?.candidates ?? []).map(offerOf);
  return {
    v: 2,
    offers,
    lines: r.lines.map((l) => {
      const shared = l.candidates.length === offers.length && l.candidates.every((c, i) => sameOffer(c, offers[i]!));
      const a = l.applied;
      return {
        applied: { mechanic: a.mechanic, bp: a.bp, amount: a.amount, uncappedAmount: a.uncappedAmount, cappedBy: a.cappedBy },
        promotionDiscount: l.promotionDiscount,
        line: [l.index, l.sku, l.productGroup, l.quantityMilli, l.unitPrice, l.baseAmount, l.pointsSpent, l.pointsMoney, l.paidAmount, l.earnBp, l.pointsEarned, l.accumulationAmount],
        ...(shared ? { offered: l.candidates.map((c) => c.amount) } : { candidates: l.candidates.map((c): [...Offer, number] => [...offerOf(c), c.amount]) }),
      };
    }),
    totals: TOTALS.map((k) => r.totals[k]),
    warnings: r.warnings,
    tier: r.tier,
    pointsRate: r.pointsRate,
    smsCodeRequired: r.smsCodeRequired,
  };
}

function decodeLine(e: EncodedLine, offers: readonly Offer[]): StoredLine {
  const [index, sku, productGroup, quantityMilli, unitPrice, baseAmount, pointsSpent, pointsMoney, paidAmount, earnBp, pointsEarned, accumulationAmount] = e.line;
  const a = e.applied;
  const candidates = e.offered
    ? e.offered.map((amount, i) => candidateOf(offers[i]!, amount))
    : (e.candidates ?? []).map((c) => candidateOf([c[0], c[1], c[2], c[3], c[4]], c[5]));
  return {
    index, sku, productGroup, quantityMilli, unitPrice, baseAmount, promotionDiscount: e.promotionDiscount, candidates,
    applied: { mechanic: a.mechanic, bp: a.bp, amount: a.amount, uncappedAmount: a.uncappedAmount, cappedBy: a.cappedBy },
    pointsSpent, pointsMoney, paidAmount, earnBp, pointsEarned, accumulationAmount,
  };
}

/** `purchases.result` of a checkout receipt, whichever version wrote it. */
export function decodeReceipt(stored: unknown): StoredReceiptResult {
  if (stored === null || typeof stored !== 'object') throw new RangeError('the purchase has no stored receipt');
  if ((stored as { v?: unknown }).v !== 2) return stored as StoredReceiptResult;
  const e = stored as EncodedReceipt;
  const totals = Object.fromEntries(TOTALS.map((k, i) => [k, e.totals[i] ?? 0])) as unknown as ReceiptTotals;
  return {
    lines: e.lines.map((l) => decodeLine(l, e.offers)), totals, warnings: e.warnings, tier: e.tier, pointsRate: e.pointsRate, smsCodeRequired: e.smsCodeRequired,
  };
}
