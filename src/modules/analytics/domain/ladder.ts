// The customer ladder (loyalty ladder): where each customer stands at the end of a month, and how
// customers moved between steps from one month to the next.
//
// At the end of month M, with purchase days ("visits") counted up to M:
//   none             no purchase yet (not a customer)
//   lapsed           no purchase in the last `lapsedAfter` months (off the ladder until they come back)
//   one_purchase     exactly one purchase day so far
//   second_purchase  two or more, but not regular
//   regular          bought in at least regular.k of the last regular.n months
//   loyal            regular, and bought in at least loyal.k of the last loyal.n months
//   advocate         loyal, and known to recommend us (referred others or an NPS promoter)
// Referral and NPS data do not exist yet: without the `advocates` input nobody is an advocate and the
// result says the step is unknown, rather than reporting a misleading zero.
import { assertCovered, type MonthlyActivity } from './activity.js';

export const LADDER_STATES = ['none', 'lapsed', 'one_purchase', 'second_purchase', 'regular', 'loyal', 'advocate'] as const;
export type LadderState = (typeof LADDER_STATES)[number];

export interface Window { k: number; n: number }

export interface LadderOptions {
  regular: Window;
  loyal: Window;
  /** Months without a purchase after which a customer is lapsed (default regular.n). */
  lapsedAfter?: number;
}

export const DEFAULT_LADDER: LadderOptions = { regular: { k: 3, n: 6 }, loyal: { k: 8, n: 12 } };

function checkWindow(w: Window, name: string): void {
  if (!Number.isInteger(w.n) || w.n < 1 || w.n > 120) throw new RangeError(`${name}.n must be a whole number of months from 1 to 120, got ${w.n}`);
  if (!Number.isInteger(w.k) || w.k < 1 || w.k > w.n) throw new RangeError(`${name}.k must be a whole number from 1 to ${name}.n (${w.n}), got ${w.k}`);
}

export function ladderLookback(o: LadderOptions): number {
  return Math.max(o.regular.n, o.loyal.n, o.lapsedAfter ?? o.regular.n);
}

/** Where customer i stands at the end of month M. */
export function ladderState(a: MonthlyActivity, i: number, M: number, o: LadderOptions, advocate = false): LadderState {
  const lapsedAfter = o.lapsedAfter ?? o.regular.n;
  let visits = a.visitsBefore[i] as number;
  let inRegular = 0;
  let inLoyal = 0;
  let recent = false;
  const end = a.offsets[i + 1] as number;
  for (let e = a.offsets[i] as number; e < end; e++) {
    const m = a.month[e] as number;
    if (m > M) break;
    visits += a.visits[e] as number;
    if (m > M - o.regular.n) inRegular++;
    if (m > M - o.loyal.n) inLoyal++;
    if (m > M - lapsedAfter) recent = true;
  }
  if (visits === 0) return 'none';
  if (!recent) return 'lapsed';
  if (inRegular >= o.regular.k) {
    if (inLoyal >= o.loyal.k) return advocate ? 'advocate' : 'loyal';
    return 'regular';
  }
  return visits >= 2 ? 'second_purchase' : 'one_purchase';
}

export interface LadderResult {
  /** Customers per state at the end of each month asked for. */
  series: { month: number; counts: Record<LadderState, number> }[];
  /** From the end of the second-to-last month to the end of the last one (empty with fewer than two months). */
  movement: { from: LadderState; to: LadderState; customers: number }[];
  advocatesKnown: boolean;
}

/**
 * `months`: the month ends to evaluate, ascending. `advocates[i]`: whether customer i recommends us
 * (omit when unknown).
 */
export function ladder(a: MonthlyActivity, months: readonly number[], options: LadderOptions = DEFAULT_LADDER, advocates?: ArrayLike<boolean>): LadderResult {
  checkWindow(options.regular, 'regular');
  checkWindow(options.loyal, 'loyal');
  if (options.lapsedAfter !== undefined && (!Number.isInteger(options.lapsedAfter) || options.lapsedAfter < 1)) throw new RangeError(`lapsedAfter must be a whole number of months ≥ 1, got ${options.lapsedAfter}`);
  if (advocates && advocates.length !== a.customers) throw new RangeError(`advocates has ${advocates.length} entries for ${a.customers} customers`);
  for (let j = 1; j < months.length; j++) if ((months[j] as number) <= (months[j - 1] as number)) throw new RangeError('months must be ascending');
  const back = ladderLookback(options);
  for (const M of months) assertCovered(a, M, back, 'ladder');
  const index = new Map(LADDER_STATES.map((s, k) => [s, k]));
  const S = LADDER_STATES.length;
  const counts = months.map(() => new Float64Array(S));
  const moves = new Float64Array(S * S);
  const last = months.length - 1;
  const states = new Int8Array(months.length);
  for (let i = 0; i < a.customers; i++) {
    const adv = advocates ? Boolean(advocates[i]) : false;
    months.forEach((M, j) => {
      const k = index.get(ladderState(a, i, M, options, adv)) as number;
      states[j] = k;
      counts[j]![k]! += 1;
    });
    if (last >= 1) moves[(states[last - 1] as number) * S + (states[last] as number)]! += 1;
  }
  const movement: LadderResult['movement'] = [];
  if (last >= 1) {
    for (let f = 0; f < S; f++) {
      for (let t = 0; t < S; t++) {
        const n = moves[f * S + t] as number;
        if (n > 0 && !(f === 0 && t === 0)) movement.push({ from: LADDER_STATES[f] as LadderState, to: LADDER_STATES[t] as LadderState, customers: n });
      }
    }
  }
  return {
    series: months.map((month, j) => ({ month, counts: Object.fromEntries(LADDER_STATES.map((s, k) => [s, counts[j]![k] as number])) as Record<LadderState, number> })),
    movement,
    advocatesKnown: advocates !== undefined,
  };
}
