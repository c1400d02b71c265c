// The owner's analytics settings: one JSON document per organization, every key optional (a missing key
// is the default), validated with Zod on the way in and again on the way out (a document saved by an
// older version keeps working; an unknown key is dropped).
import { z } from 'zod';
import { DEFAULT_ABC, DEFAULT_XYZ } from './domain/abc-xyz.js';
import { DEFAULT_ALERT_LEVELS, DEFAULT_KEY_SHARE } from './domain/dependence.js';
import { DEFAULT_LADDER } from './domain/ladder.js';
import { DEFAULT_SLIPPING } from './domain/slipping.js';

const breakpoints = z.tuple([z.number(), z.number(), z.number(), z.number()])
  .refine((b) => b[0] <= b[1] && b[1] <= b[2] && b[2] <= b[3], 'the four thresholds must not decrease');
const window = (n: number) => z.object({
  k: z.number().int().min(1).max(n, `must be at most ${n}`),
  n: z.number().int().min(1).max(120),
}).refine((w) => w.k <= w.n, { message: 'k must not exceed n', path: ['k'] });
const share = z.number().gt(0).lte(1);

export const settingsSchema = z.object({
  rfm: z.object({
    recencyDays: breakpoints.describe('R = 5 up to the first value, 4 up to the second … 1 above the fourth'),
    frequency: breakpoints.describe('F = 1 up to the first value, 2 up to the second … 5 above the fourth'),
    monetary: breakpoints.describe('M in minor units, like F'),
  }).nullable().default(null).describe('Owner-set RFM thresholds; null = quintiles of the customers'),
  abc: z.object({ a: z.number().gt(0).lte(100), b: z.number().min(0).lte(100) })
    .refine((v) => v.a + v.b <= 100, { message: 'a + b must not exceed 100', path: ['b'] }).default({ ...DEFAULT_ABC }),
  xyz: z.object({ x: z.number().min(0).max(1000), y: z.number().min(0).max(1000) })
    .refine((v) => v.x <= v.y, { message: 'y must not be below x', path: ['y'] }).default({ ...DEFAULT_XYZ }),
  ladder: z.object({ regular: window(120), loyal: window(120), lapsedAfter: z.number().int().min(1).max(120).nullable().default(null) })
    .default({ regular: { ...DEFAULT_LADDER.regular }, loyal: { ...DEFAULT_LADDER.loyal }, lapsedAfter: null }),
  activityWindowMonths: z.number().int().min(1).max(60).default(12).describe('A customer is active while they bought in the last N months'),
  bestShare: z.number().gt(0).lt(1).default(0.2),
  keyShare: z.number().gt(0).lte(100).default(DEFAULT_KEY_SHARE),
  alertLevels: z.array(z.number().gt(0).lte(100)).min(1).max(10).default([...DEFAULT_ALERT_LEVELS]),
  lifetimeMonths: z.number().gt(0).max(1200).nullable().default(null).describe('Average customer lifetime for the LTV formula; null = 100 / monthly churn'),
  clv: z.object({
    horizonWeeks: z.number().gt(0).max(520).default(52),
    monthlyDiscountRate: z.number().gt(-1).lt(1).default(0.01),
    holdoutWeeks: z.number().int().min(1).max(104).default(26),
  }).default({ horizonWeeks: 52, monthlyDiscountRate: 0.01, holdoutWeeks: 26 }),
  slipping: z.object({
    by: z.enum(['revenue', 'clv']).default('revenue'),
    valueShare: share.default(DEFAULT_SLIPPING.valueShare),
    below: share.default(DEFAULT_SLIPPING.below),
    minDrop: z.number().min(0).lt(1).default(DEFAULT_SLIPPING.minDrop),
    lookbackDays: z.number().int().min(7).max(730).default(90),
  }).default({ by: 'revenue', ...DEFAULT_SLIPPING, lookbackDays: 90 }),
}).meta({ id: 'AnalyticsSettings' });

export type AnalyticsSettings = z.infer<typeof settingsSchema>;

/** A stored document to settings; keys that no longer validate fall back to their defaults. */
export function readSettings(stored: unknown): AnalyticsSettings {
  const doc = stored && typeof stored === 'object' ? { ...(stored as Record<string, unknown>) } : {};
  const parsed = settingsSchema.safeParse(doc);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) delete doc[String(issue.path[0])];
  return settingsSchema.parse(doc);
}
