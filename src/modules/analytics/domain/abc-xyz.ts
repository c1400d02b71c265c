// ABC-XYZ: customers by how much they bring (ABC) and how steadily they buy (XYZ).
//
// ABC: customers sorted by revenue, highest first (ties by input order). A customer is A while the
// cumulative revenue share *before* them is below a (80%), B while below a + b (95%), else C — so the
// customer who crosses 80% is still A, and the best customer is always A.
// XYZ: coefficient of variation of the customer's revenue over the P periods (months) of the report,
// months without a purchase counting as 0: CV = σ / μ with μ = total / P and the population σ,
// σ² = Σ revenue_p² / P − μ². X when CV ≤ x (10%), Y when CV ≤ y (25%), Z above; a customer without
// revenue is Z (no steady demand to speak of).

export interface AbcXyzOptions {
  /** Cumulative revenue shares of A and B (C takes the rest), in percent. */
  abc?: { a: number; b: number };
  /** CV limits of X and Y in percent. */
  xyz?: { x: number; y: number };
}

export const DEFAULT_ABC = { a: 80, b: 15 } as const;
export const DEFAULT_XYZ = { x: 10, y: 25 } as const;

export interface AbcXyzInput {
  /** Revenue per customer in the period. */
  revenue: ArrayLike<number>;
  /** Σ over the periods of (revenue in the period)². */
  sumOfSquares: ArrayLike<number>;
  /** Number of periods P. */
  periods: number;
}

export type AbcClass = 'A' | 'B' | 'C';
export type XyzClass = 'X' | 'Y' | 'Z';

export interface AbcXyzCell { abc: AbcClass; xyz: XyzClass; customers: number; revenue: number; revenueShare: number }

export interface AbcXyzResult {
  abc: Uint8Array; // 0 = A, 1 = B, 2 = C
  xyz: Uint8Array; // 0 = X, 1 = Y, 2 = Z
  cv: Float64Array; // in percent, NaN without revenue
  matrix: AbcXyzCell[];
  classes: { class: AbcClass | XyzClass; customers: number; revenue: number; revenueShare: number }[];
  totalRevenue: number;
}

/** CV in percent of a series with this total and sum of squares over P periods. */
export function coefficientOfVariation(total: number, sumOfSquares: number, periods: number): number {
  if (!(total > 0)) return NaN;
  const mean = total / periods;
  const variance = Math.max(0, sumOfSquares / periods - mean * mean);
  return (Math.sqrt(variance) / mean) * 100;
}

/**
 * `tieBreak(p, q)` orders customers of equal revenue (default: input order); pass one that compares
 * ids when the input order is not stable between runs.
 */
export function abcXyz(input: AbcXyzInput, options: AbcXyzOptions = {}, tieBreak: (p: number, q: number) => number = (p, q) => p - q): AbcXyzResult {
  const { a, b } = options.abc ?? DEFAULT_ABC;
  const { x, y } = options.xyz ?? DEFAULT_XYZ;
  if (!(a > 0 && b >= 0 && a + b <= 100)) throw new RangeError(`abc shares must be a > 0, b ≥ 0 and a + b ≤ 100, got ${a}/${b}`);
  if (!(x >= 0 && y >= x)) throw new RangeError(`xyz limits must satisfy 0 ≤ x ≤ y, got ${x}/${y}`);
  if (!Number.isInteger(input.periods) || input.periods < 1) throw new RangeError(`periods must be a whole number ≥ 1, got ${input.periods}`);
  const n = input.revenue.length;
  if (input.sumOfSquares.length !== n) throw new RangeError('revenue and sumOfSquares must have one entry per customer');
  let total = 0;
  for (let i = 0; i < n; i++) total += input.revenue[i] as number;
  const order = Array.from({ length: n }, (_, i) => i).sort((p, q) => (input.revenue[q] as number) - (input.revenue[p] as number) || tieBreak(p, q));
  const abc = new Uint8Array(n);
  let before = 0;
  for (const i of order) {
    // Shares compared as sums (before · 100 < a · total): exact for integer minor units.
    abc[i] = before * 100 < a * total ? 0 : before * 100 < (a + b) * total ? 1 : 2;
    before += input.revenue[i] as number;
  }
  if (total === 0) abc.fill(2);
  const xyz = new Uint8Array(n);
  const cv = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = coefficientOfVariation(input.revenue[i] as number, input.sumOfSquares[i] as number, input.periods);
    cv[i] = c;
    // A tolerance of 1e-9 keeps a CV of exactly 10% (up to rounding) in X.
    xyz[i] = Number.isNaN(c) ? 2 : c <= x + 1e-9 ? 0 : c <= y + 1e-9 ? 1 : 2;
  }
  const cellCount = new Float64Array(9);
  const cellRevenue = new Float64Array(9);
  for (let i = 0; i < n; i++) {
    const k = (abc[i] as number) * 3 + (xyz[i] as number);
    cellCount[k]! += 1;
    cellRevenue[k]! += input.revenue[i] as number;
  }
  const ABC: AbcClass[] = ['A', 'B', 'C'];
  const XYZ: XyzClass[] = ['X', 'Y', 'Z'];
  const shareOf = (v: number) => (total > 0 ? v / total : 0);
  const matrix = ABC.flatMap((ac, p) => XYZ.map((xc, q) => ({ abc: ac, xyz: xc, customers: cellCount[p * 3 + q] as number, revenue: cellRevenue[p * 3 + q] as number, revenueShare: shareOf(cellRevenue[p * 3 + q] as number) })));
  const sumBy = (pick: (c: AbcXyzCell) => boolean) => matrix.filter(pick).reduce((s, c) => ({ customers: s.customers + c.customers, revenue: s.revenue + c.revenue }), { customers: 0, revenue: 0 });
  const classes = [...ABC.map((ac) => ({ class: ac, ...sumBy((c) => c.abc === ac) })), ...XYZ.map((xc) => ({ class: xc, ...sumBy((c) => c.xyz === xc) }))]
    .map((c) => ({ ...c, revenueShare: shareOf(c.revenue) }));
  return { abc, xyz, cv, matrix, classes, totalRevenue: total };
}
