// Average receipt of the best customers against the rest. "Best" = the top share (20% by default) of
// the customers who bought in the period, ranked by their revenue in it. Average receipt = revenue /
// receipts of the group; anonymous sales (no customer) are shown as their own group when given.

export interface GroupFigures {
  group: 'best' | 'rest' | 'all_customers' | 'anonymous';
  customers: number | null;
  receipts: number;
  revenue: number;
  averageReceipt: number | null;
  receiptsPerCustomer: number | null;
  revenueShare: number;
}

/** `tieBreak` orders customers of equal revenue (default: input order). */
export function bestVsRest(revenue: ArrayLike<number>, receipts: ArrayLike<number>, options: { bestShare?: number; anonymous?: { revenue: number; receipts: number }; tieBreak?: (p: number, q: number) => number } = {}): { groups: GroupFigures[]; bestCustomers: number; ratio: number | null } {
  const bestShare = options.bestShare ?? 0.2;
  if (!(bestShare > 0 && bestShare < 1)) throw new RangeError(`bestShare must be between 0 and 1, got ${bestShare}`);
  if (revenue.length !== receipts.length) throw new RangeError('revenue and receipts must have one entry per customer');
  const buyers: number[] = [];
  for (let i = 0; i < revenue.length; i++) if ((receipts[i] as number) > 0) buyers.push(i);
  const tieBreak = options.tieBreak ?? ((p: number, q: number) => p - q);
  buyers.sort((p, q) => (revenue[q] as number) - (revenue[p] as number) || tieBreak(p, q));
  const k = Math.max(0, Math.ceil(bestShare * buyers.length - 1e-9));
  const sum = (list: number[], a: ArrayLike<number>) => list.reduce((s, i) => s + (a[i] as number), 0);
  const best = buyers.slice(0, k);
  const rest = buyers.slice(k);
  const anonymous = options.anonymous;
  const total = sum(buyers, revenue) + (anonymous?.revenue ?? 0);
  const figures = (group: GroupFigures['group'], customers: number | null, rev: number, rec: number): GroupFigures => ({
    group, customers, receipts: rec, revenue: rev,
    averageReceipt: rec > 0 ? rev / rec : null,
    receiptsPerCustomer: customers ? rec / customers : null,
    revenueShare: total > 0 ? rev / total : 0,
  });
  const groups = [
    figures('best', best.length, sum(best, revenue), sum(best, receipts)),
    figures('rest', rest.length, sum(rest, revenue), sum(rest, receipts)),
    figures('all_customers', buyers.length, sum(buyers, revenue), sum(buyers, receipts)),
  ];
  if (anonymous) groups.push(figures('anonymous', null, anonymous.revenue, anonymous.receipts));
  const [b, r] = groups;
  const ratio = b?.averageReceipt != null && r?.averageReceipt ? b.averageReceipt / r.averageReceipt : null;
  return { groups, bestCustomers: best.length, ratio };
}
