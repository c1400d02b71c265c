// Purchase frequency and the interval between purchases, over the customers who bought in the period.
//   frequency         = purchase days in the period / customers who bought        (per customer)
//   per month         = frequency / months in the period
//   interval          = (last − first purchase day in the period) / (purchase days − 1), for customers
//                       with two or more purchase days; the average and the median over them
//   repeat rate       = customers with ≥ 2 purchase days / customers who bought × 100

export const INTERVAL_BUCKETS = [7, 14, 30, 60, 90, 180, 365] as const;

export interface FrequencyInput {
  visits: ArrayLike<number>;
  firstDay: ArrayLike<number>;
  lastDay: ArrayLike<number>;
}

export interface FrequencyResult {
  customers: number;
  visits: number;
  frequency: number | null;
  frequencyPerMonth: number | null;
  repeatCustomers: number;
  repeatRate: number | null;
  averageIntervalDays: number | null;
  medianIntervalDays: number | null;
  /** Customers by purchase days: 1, 2, … 9 and "10 or more" (visits = 10). */
  byVisits: { visits: number; label: string; customers: number; share: number }[];
  /** Repeat customers by their average interval: up to 7 days, 8–14, … and over 365. */
  byInterval: { upToDays: number | null; label: string; customers: number; share: number }[];
}

export function frequency(input: FrequencyInput, months: number): FrequencyResult {
  if (!(months > 0)) throw new RangeError(`months must be > 0, got ${months}`);
  const n = input.visits.length;
  let customers = 0;
  let visits = 0;
  const byVisits = new Float64Array(11);
  const intervals: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = input.visits[i] as number;
    if (v <= 0) continue;
    customers++;
    visits += v;
    byVisits[Math.min(v, 10)]! += 1;
    if (v >= 2) intervals.push(((input.lastDay[i] as number) - (input.firstDay[i] as number)) / (v - 1));
  }
  const sorted = Float64Array.from(intervals).sort();
  const k = sorted.length;
  const median = k === 0 ? null : k % 2 === 1 ? (sorted[(k - 1) / 2] as number) : ((sorted[k / 2 - 1] as number) + (sorted[k / 2] as number)) / 2;
  const buckets = new Float64Array(INTERVAL_BUCKETS.length + 1);
  let sum = 0;
  for (const d of sorted) {
    sum += d;
    let b = INTERVAL_BUCKETS.findIndex((limit) => d <= limit);
    if (b < 0) b = INTERVAL_BUCKETS.length;
    buckets[b]! += 1;
  }
  const share = (c: number, of: number) => (of > 0 ? c / of : 0);
  return {
    customers, visits,
    frequency: customers > 0 ? visits / customers : null,
    frequencyPerMonth: customers > 0 ? visits / customers / months : null,
    repeatCustomers: k,
    repeatRate: customers > 0 ? (k / customers) * 100 : null,
    averageIntervalDays: k > 0 ? sum / k : null,
    medianIntervalDays: median,
    byVisits: Array.from({ length: 10 }, (_, j) => ({ visits: j + 1, label: j === 9 ? '10+' : String(j + 1), customers: byVisits[j + 1] as number, share: share(byVisits[j + 1] as number, customers) })),
    byInterval: [...INTERVAL_BUCKETS, null].map((limit, j) => ({
      upToDays: limit,
      label: limit === null ? `> ${INTERVAL_BUCKETS[INTERVAL_BUCKETS.length - 1]}` : `${j === 0 ? 0 : (INTERVAL_BUCKETS[j - 1] as number) + 1}–${limit}`,
      customers: buckets[j] as number, share: share(buckets[j] as number, k),
    })),
  };
}
