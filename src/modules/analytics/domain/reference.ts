// The (customer, bucket) aggregation of the history scan, in TypeScript: what the SQL in store.ts
// computes, written the plain way. Tests build expected facts with it from a list of purchases, and
// the integration test checks the SQL against it on the same purchases.
import { bucketOf, dayBit, type BucketPlan } from './buckets.js';
import { factsAccumulator, type CustomerFacts } from './facts.js';

export interface PlainPurchase { customerId: string; day: number; net: number }

export function factsFromPurchases(purchases: readonly PlainPurchase[], plan: BucketPlan, spanStart: number, cutoffs: number[] = []): CustomerFacts {
  const groups = new Map<string, { customer: string; bucket: number; days: number; revenue: number; receipts: number; firstDay: number; firstNet: number }>();
  for (const p of purchases) {
    const bucket = bucketOf(plan, p.day);
    if (bucket < 0 || p.day > plan.toDay) throw new RangeError(`day ${p.day} is outside the plan`);
    const key = `${p.customerId}|${bucket}`;
    const g = groups.get(key) ?? { customer: p.customerId, bucket, days: 0, revenue: 0, receipts: 0, firstDay: Infinity, firstNet: 0 };
    g.days |= dayBit(p.day);
    g.revenue += p.net;
    g.receipts += 1;
    const net = Math.max(0, p.net);
    if (p.day < g.firstDay || (p.day === g.firstDay && net < g.firstNet)) { g.firstDay = p.day; g.firstNet = net; }
    groups.set(key, g);
  }
  const acc = factsAccumulator(plan, spanStart, cutoffs);
  const ids: string[] = [];
  const number = new Map<string, number>();
  for (const g of groups.values()) {
    let i = number.get(g.customer);
    if (i === undefined) { i = ids.length; number.set(g.customer, i); ids.push(g.customer); }
    acc.add(i, g.bucket, g.days, g.revenue, g.receipts, g.firstDay, g.firstNet);
  }
  return acc.finish(ids);
}
