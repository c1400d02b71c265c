// The receipt as the API shows it, the same for calculate (preview) and confirm (commit): per line the
// discount that won with its reason, the offers that lost, the points spent and earned, the money paid.
import { QUANTITY_SCALE, type StoredReceiptResult } from './domain/index.js';

/** From a fresh ReceiptResult (calculate, confirm) or one read back from a purchase (an idempotent replay). */
export function toReceiptView(r: StoredReceiptResult) {
  return {
    lines: r.lines.map((l) => {
      const winner = l.candidates.find((c) => c.mechanic === l.applied.mechanic) ?? null;
      return {
        index: l.index, sku: l.sku, productGroup: l.productGroup,
        quantity: l.quantityMilli / QUANTITY_SCALE, unitPrice: l.unitPrice, baseAmount: l.baseAmount, promotionDiscount: l.promotionDiscount,
        discount: {
          mechanic: l.applied.mechanic, bp: l.applied.bp, amount: l.applied.amount, uncappedAmount: l.applied.uncappedAmount,
          cappedBy: l.applied.cappedBy, reason: winner?.reason ?? null, params: winner?.params ?? {},
        },
        candidates: l.candidates.map((c) => ({ mechanic: c.mechanic, bp: c.bp, amount: c.amount, priority: c.priority, reason: c.reason })),
        pointsSpent: l.pointsSpent, pointsMoney: l.pointsMoney, paidAmount: l.paidAmount, earnBp: l.earnBp, pointsEarned: l.pointsEarned,
      };
    }),
    totals: {
      subtotal: r.totals.subtotal, promotionTotal: r.totals.promotionTotal, discountTotal: r.totals.discountTotal,
      pointsSpent: r.totals.pointsSpent, pointsMoney: r.totals.pointsMoney, amountToPay: r.totals.amountToPay,
      pointsEarned: r.totals.pointsEarned, maxSpendablePoints: r.totals.maxSpendablePoints,
    },
    tier: r.tier,
    warnings: r.warnings as string[],
    smsCodeRequired: r.smsCodeRequired,
  };
}

export type ReceiptView = ReturnType<typeof toReceiptView>;
