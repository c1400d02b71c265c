// What the loyalty program costs and brings.
//
// From purchases (available now), per month and for the period: revenue and gross margin from members
// (sales with a customer) and from everyone else, discount given, the money value of points spent at
// the till, and points earned and spent on purchases. Margin = net revenue − cost over receipts whose
// cost is known; its share is reported with the share of revenue it rests on.
//
// From the points ledger (loyalty's transfers, read by analytics' store): liability = outstanding points
// × the money value of a point, points issued/spent/expired/taken back per month, and breakage =
// expired / (spent + expired) — of the points that left customers' accounts, the share that lapsed unused.

export interface PurchaseMonth {
  month: number;
  member: boolean;
  revenue: number;
  receipts: number;
  subtotal: number;
  discount: number;
  pointsMoney: number;
  pointsEarned: number;
  pointsSpent: number;
  /** Revenue and cost of the receipts whose cost is known. */
  costedRevenue: number;
  cost: number;
}

export interface EconomicsRow {
  month: number;
  memberRevenue: number;
  otherRevenue: number;
  memberShare: number | null;
  memberMargin: number | null;
  otherMargin: number | null;
  memberMarginShare: number | null;
  otherMarginShare: number | null;
  discount: number;
  /** Discount as a share of the price before discounts. */
  discountShare: number | null;
  pointsMoney: number;
  pointsEarned: number;
  pointsSpent: number;
}

function marginOf(rows: PurchaseMonth[]): { margin: number | null; share: number | null } {
  const costed = rows.reduce((s, r) => s + r.costedRevenue, 0);
  if (costed <= 0) return { margin: null, share: null };
  const margin = costed - rows.reduce((s, r) => s + r.cost, 0);
  return { margin, share: margin / costed };
}

function row(month: number, members: PurchaseMonth[], others: PurchaseMonth[]): EconomicsRow {
  const all = [...members, ...others];
  const sum = (list: PurchaseMonth[], f: (r: PurchaseMonth) => number) => list.reduce((s, r) => s + f(r), 0);
  const memberRevenue = sum(members, (r) => r.revenue);
  const otherRevenue = sum(others, (r) => r.revenue);
  const m = marginOf(members);
  const o = marginOf(others);
  const subtotal = sum(all, (r) => r.subtotal);
  const discount = sum(all, (r) => r.discount);
  return {
    month, memberRevenue, otherRevenue,
    memberShare: memberRevenue + otherRevenue > 0 ? memberRevenue / (memberRevenue + otherRevenue) : null,
    memberMargin: m.margin, otherMargin: o.margin, memberMarginShare: m.share, otherMarginShare: o.share,
    discount, discountShare: subtotal > 0 ? discount / subtotal : null,
    pointsMoney: sum(all, (r) => r.pointsMoney), pointsEarned: sum(all, (r) => r.pointsEarned), pointsSpent: sum(all, (r) => r.pointsSpent),
  };
}

/** Rows per month (ascending, every month of `months` present) and the total over them (month = −1). */
export function purchaseEconomics(data: readonly PurchaseMonth[], months: readonly number[]): { months: EconomicsRow[]; total: EconomicsRow } {
  const wanted = new Set(months);
  const inRange = data.filter((d) => wanted.has(d.month));
  return {
    months: months.map((m) => row(m, inRange.filter((d) => d.month === m && d.member), inRange.filter((d) => d.month === m && !d.member))),
    total: row(-1, inRange.filter((d) => d.member), inRange.filter((d) => !d.member)),
  };
}

// ---------------------------------------------------------------- the points ledger

export interface LedgerMonth { month: number; issued: number; spent: number; expired: number; takenBack: number }

export interface LedgerFacts {
  /** Money (minor units) one point is worth when spent; null when no point was ever spent. */
  pointValue: number | null;
  /** Points on customers' accounts at the end of the period (spendable and pending). */
  outstandingPoints: number;
  months: readonly LedgerMonth[];
}

export type LedgerRow = LedgerMonth & { breakage: number | null };

export function pointsEconomics(ledger: LedgerFacts): { liability: number | null; months: LedgerRow[]; total: LedgerRow } {
  if (ledger.pointValue !== null && !(ledger.pointValue >= 0)) throw new RangeError('pointValue must be ≥ 0');
  const breakage = (m: LedgerMonth) => (m.spent + m.expired > 0 ? (m.expired / (m.spent + m.expired)) * 100 : null);
  const total = ledger.months.reduce((t, m) => ({ ...t, issued: t.issued + m.issued, spent: t.spent + m.spent, expired: t.expired + m.expired, takenBack: t.takenBack + m.takenBack }), { month: -1, issued: 0, spent: 0, expired: 0, takenBack: 0 });
  return {
    liability: ledger.pointValue === null ? null : ledger.outstandingPoints * ledger.pointValue,
    months: ledger.months.map((m) => ({ ...m, breakage: breakage(m) })),
    total: { ...total, breakage: breakage(total) },
  };
}
