// RFM: recency (days since the last purchase), frequency (purchase days in the period) and monetary
// value (net revenue in the period), each scored 1–5, 5 best.
//
// Scores come from quintile breakpoints of the customers themselves, or from thresholds the owner sets.
// Breakpoints b1 ≤ b2 ≤ b3 ≤ b4 (quintiles: bj = the ⌈j·n/5⌉-th smallest value):
//   frequency, monetary: score = 1 + #{j : value > bj}     (more is better)
//   recency:             score = 5 − #{j : days > bj}      (fewer days is better)
// Equal values always get equal scores; with many ties some scores stay empty (e.g. when half the
// customers bought once, F = 1 covers all of them).
//
// Segments from R and FM = round((F + M) / 2) (halves up), every one of the 25 cells named once:
//   R \ FM   1               2                 3                 4            5
//   5        new             potential_loyal.  potential_loyal.  champions    champions
//   4        promising       potential_loyal.  potential_loyal.  loyal        loyal
//   3        about_to_sleep  about_to_sleep    need_attention    loyal        loyal
//   2        hibernating     hibernating       at_risk           at_risk      cant_lose
//   1        lost            hibernating       at_risk           at_risk      cant_lose

export const RFM_SEGMENTS = [
  'champions', 'loyal', 'potential_loyalists', 'new', 'promising', 'need_attention',
  'about_to_sleep', 'at_risk', 'cant_lose', 'hibernating', 'lost',
] as const;
export type RfmSegment = (typeof RFM_SEGMENTS)[number];

const GRID: Record<number, readonly RfmSegment[]> = {
  5: ['new', 'potential_loyalists', 'potential_loyalists', 'champions', 'champions'],
  4: ['promising', 'potential_loyalists', 'potential_loyalists', 'loyal', 'loyal'],
  3: ['about_to_sleep', 'about_to_sleep', 'need_attention', 'loyal', 'loyal'],
  2: ['hibernating', 'hibernating', 'at_risk', 'at_risk', 'cant_lose'],
  1: ['lost', 'hibernating', 'at_risk', 'at_risk', 'cant_lose'],
};

export function fmScore(f: number, m: number): number {
  return Math.floor((f + m) / 2 + 0.5);
}

export function rfmSegment(r: number, f: number, m: number): RfmSegment {
  const row = GRID[r];
  const segment = row?.[fmScore(f, m) - 1];
  if (!segment) throw new RangeError(`RFM scores must be whole numbers from 1 to 5, got ${r}${f}${m}`);
  return segment;
}

export type Breakpoints = readonly [number, number, number, number];

export interface RfmThresholds { recency: Breakpoints; frequency: Breakpoints; monetary: Breakpoints }

/** Quintile breakpoints of a sample: the ⌈j·n/5⌉-th smallest value for j = 1…4. */
export function quintileBreakpoints(values: ArrayLike<number>): Breakpoints {
  if (values.length === 0) return [0, 0, 0, 0];
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  const at = (j: number) => sorted[Math.ceil((j * n) / 5) - 1] as number;
  return [at(1), at(2), at(3), at(4)];
}

function above(value: number, b: Breakpoints): number {
  return (value > b[0] ? 1 : 0) + (value > b[1] ? 1 : 0) + (value > b[2] ? 1 : 0) + (value > b[3] ? 1 : 0);
}

export function checkBreakpoints(b: Breakpoints, name: string): void {
  if (b.length !== 4 || b.some((v) => !Number.isFinite(v))) throw new RangeError(`${name}: four numbers expected`);
  for (let j = 1; j < 4; j++) if ((b[j] as number) < (b[j - 1] as number)) throw new RangeError(`${name}: thresholds must not decrease`);
}

export interface RfmInput {
  /** Days from the last purchase to the end of the period. */
  recencyDays: ArrayLike<number>;
  frequency: ArrayLike<number>;
  monetary: ArrayLike<number>;
}

export interface RfmResult {
  thresholds: RfmThresholds;
  /** Per customer, in input order. */
  r: Uint8Array;
  f: Uint8Array;
  m: Uint8Array;
  segment: Uint8Array; // index into RFM_SEGMENTS
  segments: { segment: RfmSegment; customers: number; share: number; revenue: number; revenueShare: number; avgRecencyDays: number | null; avgFrequency: number | null; avgMonetary: number | null }[];
  /** Customers in each (R, FM) cell, for a heat map. */
  grid: { r: number; fm: number; segment: RfmSegment; customers: number }[];
}

export function rfm(input: RfmInput, thresholds?: RfmThresholds): RfmResult {
  const n = input.recencyDays.length;
  if (input.frequency.length !== n || input.monetary.length !== n) throw new RangeError('recency, frequency and monetary must have one entry per customer');
  const t: RfmThresholds = thresholds ?? {
    recency: quintileBreakpoints(input.recencyDays), frequency: quintileBreakpoints(input.frequency), monetary: quintileBreakpoints(input.monetary),
  };
  checkBreakpoints(t.recency, 'recency');
  checkBreakpoints(t.frequency, 'frequency');
  checkBreakpoints(t.monetary, 'monetary');
  const r = new Uint8Array(n);
  const f = new Uint8Array(n);
  const m = new Uint8Array(n);
  const segment = new Uint8Array(n);
  const segIndex = new Map(RFM_SEGMENTS.map((s, k) => [s, k]));
  const S = RFM_SEGMENTS.length;
  const count = new Float64Array(S);
  const revenue = new Float64Array(S);
  const sumR = new Float64Array(S);
  const sumF = new Float64Array(S);
  const cells = new Float64Array(25);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const ri = 5 - above(input.recencyDays[i] as number, t.recency);
    const fi = 1 + above(input.frequency[i] as number, t.frequency);
    const mi = 1 + above(input.monetary[i] as number, t.monetary);
    r[i] = ri; f[i] = fi; m[i] = mi;
    const s = segIndex.get(rfmSegment(ri, fi, mi)) as number;
    segment[i] = s;
    count[s]! += 1;
    revenue[s]! += input.monetary[i] as number;
    sumR[s]! += input.recencyDays[i] as number;
    sumF[s]! += input.frequency[i] as number;
    cells[(ri - 1) * 5 + fmScore(fi, mi) - 1]! += 1;
    total += input.monetary[i] as number;
  }
  const avg = (sum: number, c: number) => (c > 0 ? sum / c : null);
  return {
    thresholds: t, r, f, m, segment,
    segments: RFM_SEGMENTS.map((s, k) => ({
      segment: s, customers: count[k] as number, share: n > 0 ? (count[k] as number) / n : 0,
      revenue: revenue[k] as number, revenueShare: total > 0 ? (revenue[k] as number) / total : 0,
      avgRecencyDays: avg(sumR[k] as number, count[k] as number), avgFrequency: avg(sumF[k] as number, count[k] as number), avgMonetary: avg(revenue[k] as number, count[k] as number),
    })),
    grid: [5, 4, 3, 2, 1].flatMap((ri) => [1, 2, 3, 4, 5].map((fm) => ({ r: ri, fm, segment: GRID[ri]![fm - 1] as RfmSegment, customers: cells[(ri - 1) * 5 + fm - 1] as number }))),
  };
}
