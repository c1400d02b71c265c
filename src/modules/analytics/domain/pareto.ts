// Pareto: how revenue concentrates on the best customers. Customers are ranked by their revenue in the
// period (highest first); the curve is cumulative revenue share against cumulative customer share.
// Money is in integer minor units, so every sum here is exact.

export interface ParetoOptions {
  /** The "top" share of customers whose revenue share is reported (0.2 = the top 20%). */
  topShare?: number;
  /** The revenue share for which the smallest group of top customers is reported (0.8 = 80%). */
  revenueShare?: number;
  /** Points on the curve (100 = one per percent of customers). */
  points?: number;
}

export interface ParetoPoint {
  /** Share of customers (0–1) counted from the best. */
  customerShare: number;
  customers: number;
  /** Their cumulative revenue. */
  revenue: number;
  revenueShare: number;
}

export interface ParetoResult {
  customers: number;
  revenue: number;
  /** ⌈topShare · n⌉ best customers, their revenue and its share of the total. */
  topCustomers: number;
  topRevenue: number;
  topRevenueShare: number;
  /** The fewest best customers whose revenue reaches revenueShare of the total, and their share of all customers. */
  customersForRevenueShare: number;
  customerShareForRevenueShare: number;
  curve: ParetoPoint[];
}

function share(value: number, name: string): number {
  if (!(value > 0 && value <= 1)) throw new RangeError(`${name} must be in (0, 1], got ${value}`);
  return value;
}

/** `revenues`: one entry per customer who bought in the period (net revenue, ≥ 0). */
export function pareto(revenues: ArrayLike<number>, options: ParetoOptions = {}): ParetoResult {
  const topShare = share(options.topShare ?? 0.2, 'topShare');
  const revenueShare = share(options.revenueShare ?? 0.8, 'revenueShare');
  const points = options.points ?? 100;
  if (!Number.isInteger(points) || points < 1) throw new RangeError(`points must be a whole number ≥ 1, got ${points}`);
  const n = revenues.length;
  const sorted = Float64Array.from(revenues);
  for (const v of sorted) if (!(v >= 0)) throw new RangeError(`revenues must be ≥ 0, got ${v}`);
  sorted.sort().reverse();
  // Prefix sums at the ranks the answer needs, in one pass.
  let total = 0;
  for (const v of sorted) total += v;
  const topCustomers = Math.max(0, Math.ceil(topShare * n - 1e-9));
  const at = new Map<number, number>();
  const ranks = new Set<number>([topCustomers]);
  for (let p = 1; p <= points; p++) ranks.add(Math.max(0, Math.ceil((p / points) * n - 1e-9)));
  let running = 0;
  let forShare = n === 0 ? 0 : -1;
  if (ranks.has(0)) at.set(0, 0);
  for (let i = 0; i < n; i++) {
    running += sorted[i] as number;
    if (forShare < 0 && running >= revenueShare * total - 1e-9) forShare = i + 1;
    if (ranks.has(i + 1)) at.set(i + 1, running);
  }
  const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);
  const curve: ParetoPoint[] = [{ customerShare: 0, customers: 0, revenue: 0, revenueShare: 0 }];
  for (let p = 1; p <= points && n > 0; p++) {
    const k = Math.max(0, Math.ceil((p / points) * n - 1e-9));
    const revenue = at.get(k) ?? 0;
    curve.push({ customerShare: p / points, customers: k, revenue, revenueShare: ratio(revenue, total) });
  }
  const topRevenue = at.get(topCustomers) ?? 0;
  return {
    customers: n,
    revenue: total,
    topCustomers,
    topRevenue,
    topRevenueShare: ratio(topRevenue, total),
    customersForRevenueShare: forShare,
    customerShareForRevenueShare: ratio(forShare, n),
    curve,
  };
}
