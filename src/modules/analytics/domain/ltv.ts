// Customer lifetime value by the simple formula LTV = S × C × P × T:
//   S  average receipt            = revenue / receipts of identified customers in the period
//   C  purchases per month        = receipts / customers who bought / months in the period
//   P  margin share               = (revenue − cost) / revenue over receipts whose cost is known
//   T  average lifetime in months = 100 / average monthly churn rate (%), a customer lost at a constant
//                                   monthly rate stays 1/rate months on average; or given by the owner
// Each factor is reported so the owner sees which one moves the result. Without any known cost P is
// unknown and only the revenue value S × C × T is given; without churn T is unknown.

export interface SimpleLtvInput {
  revenue: number;
  receipts: number;
  customers: number;
  months: number;
  /** Revenue and cost of the receipts whose cost is known. */
  costedRevenue: number;
  cost: number;
  /** Average monthly churn in percent, or null when unknown. */
  monthlyChurn: number | null;
  /** The owner's own lifetime estimate, used instead of the churn-based one. */
  lifetimeMonths?: number | null;
}

export interface SimpleLtv {
  averageReceipt: number | null;
  purchasesPerMonth: number | null;
  marginShare: number | null;
  lifetimeMonths: number | null;
  lifetimeSource: 'churn' | 'owner' | null;
  /** S × C × P × T, in money. */
  ltv: number | null;
  /** S × C × T: revenue over the lifetime, before costs. */
  revenueLtv: number | null;
  /** Share of the period's revenue whose cost is known (how much P rests on). */
  costCoverage: number | null;
}

export function simpleLtv(input: SimpleLtvInput): SimpleLtv {
  if (!(input.months > 0)) throw new RangeError(`months must be > 0, got ${input.months}`);
  const S = input.receipts > 0 ? input.revenue / input.receipts : null;
  const C = input.customers > 0 ? input.receipts / input.customers / input.months : null;
  const P = input.costedRevenue > 0 ? (input.costedRevenue - input.cost) / input.costedRevenue : null;
  let T: number | null = null;
  let source: SimpleLtv['lifetimeSource'] = null;
  if (input.lifetimeMonths != null) {
    if (!(input.lifetimeMonths > 0)) throw new RangeError(`lifetimeMonths must be > 0, got ${input.lifetimeMonths}`);
    T = input.lifetimeMonths;
    source = 'owner';
  } else if (input.monthlyChurn != null && input.monthlyChurn > 0) {
    T = 100 / input.monthlyChurn;
    source = 'churn';
  }
  const revenueLtv = S !== null && C !== null && T !== null ? S * C * T : null;
  return {
    averageReceipt: S, purchasesPerMonth: C, marginShare: P, lifetimeMonths: T, lifetimeSource: source,
    ltv: revenueLtv !== null && P !== null ? revenueLtv * P : null,
    revenueLtv,
    costCoverage: input.revenue > 0 ? Math.min(1, input.costedRevenue / input.revenue) : null,
  };
}
