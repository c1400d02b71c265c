// Dependence on key customers: each customer's share of the revenue of a scope (the company, an outlet,
// a manager's book) in the period. A customer above keyShare (10%) is a key customer; alert levels
// (20/30/40/50%) grade how much the scope would lose with them. The scope's alert is the highest level
// any one customer reaches. Scope totals include anonymous sales: losing a customer who makes 20% of
// the company's revenue is a 20% loss whoever the other buyers are.

export const DEFAULT_KEY_SHARE = 10;
export const DEFAULT_ALERT_LEVELS = [20, 30, 40, 50] as const;

export type ScopeKind = 'company' | 'outlet' | 'manager';

export interface DependenceScope {
  scope: ScopeKind;
  scopeId: string | null;
  /** Revenue of the scope in the period. */
  total: number;
  /** Customers of the scope with their revenue in it (at least the largest ones; order does not matter). */
  customers: readonly { customerId: string; revenue: number }[];
}

export interface DependenceOptions { keyShare?: number; levels?: readonly number[]; top?: number }

export interface ScopeSummary {
  scope: ScopeKind;
  scopeId: string | null;
  total: number;
  largestShare: number | null;
  top5Share: number | null;
  keyCustomers: number;
  /** Highest alert level reached (percent), or null. */
  alert: number | null;
}

export interface CustomerShare { scope: ScopeKind; scopeId: string | null; customerId: string; revenue: number; share: number; key: boolean; alert: number | null; rank: number }

export function alertLevel(sharePercent: number, levels: readonly number[] = DEFAULT_ALERT_LEVELS): number | null {
  let level: number | null = null;
  for (const l of levels) if (sharePercent >= l - 1e-9) level = level === null ? l : Math.max(level, l);
  return level;
}

/** Scope summaries and, per scope, its key customers plus the `top` largest (10 by default). */
export function dependence(scopes: readonly DependenceScope[], options: DependenceOptions = {}): { scopes: ScopeSummary[]; customers: CustomerShare[] } {
  const keyShare = options.keyShare ?? DEFAULT_KEY_SHARE;
  const levels = [...(options.levels ?? DEFAULT_ALERT_LEVELS)].sort((p, q) => p - q);
  const top = options.top ?? 10;
  if (!(keyShare > 0 && keyShare <= 100)) throw new RangeError(`keyShare must be a percentage in (0, 100], got ${keyShare}`);
  if (levels.some((l) => !(l > 0 && l <= 100))) throw new RangeError('alert levels must be percentages in (0, 100]');
  const summaries: ScopeSummary[] = [];
  const customers: CustomerShare[] = [];
  for (const s of scopes) {
    const ranked = [...s.customers].sort((p, q) => q.revenue - p.revenue || (p.customerId < q.customerId ? -1 : 1));
    const pct = (revenue: number) => (s.total > 0 ? (revenue / s.total) * 100 : 0);
    let keyCount = 0;
    ranked.forEach((c, k) => {
      const share = pct(c.revenue);
      const key = s.total > 0 && share >= keyShare - 1e-9;
      if (key) keyCount++;
      if (key || k < top) customers.push({ scope: s.scope, scopeId: s.scopeId, customerId: c.customerId, revenue: c.revenue, share, key, alert: alertLevel(share, levels), rank: k + 1 });
    });
    const largest = ranked[0];
    summaries.push({
      scope: s.scope, scopeId: s.scopeId, total: s.total,
      largestShare: largest && s.total > 0 ? pct(largest.revenue) : null,
      top5Share: s.total > 0 ? pct(ranked.slice(0, 5).reduce((sum, c) => sum + c.revenue, 0)) : null,
      keyCustomers: keyCount,
      alert: largest && s.total > 0 ? alertLevel(pct(largest.revenue), levels) : null,
    });
  }
  return { scopes: summaries, customers };
}
