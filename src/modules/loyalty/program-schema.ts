// The program configuration as a Zod schema: the shape of domain/program.ts `ProgramConfig`, checked at
// the HTTP edge and again before saving; `checkProgram` then adds the rules a shape cannot express.
// The same schema documents the configuration in the OpenAPI document.
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { isCurrencyCode } from '../../platform/money.js';
import type { ProgramConfig } from './domain/index.js';
import { checkProgram } from './domain/index.js';

const bp = z.number().int().min(0).max(10_000).describe('basis points: 10% = 1000');
const minor = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).describe('integer minor units');
const count = z.number().int().min(0).max(1_000_000_000);
const days = z.number().int().min(1).max(36_600);
const code = z.string().regex(/^[a-z0-9_-]{1,40}$/, 'must be 1-40 lowercase letters, digits, _ or -');

const threshold = z.object({ minAmount: minor.optional(), minCount: count.optional() });

export const tierSchema = z.object({
  code, name: z.string().trim().min(1).max(100), rank: z.number().int().min(0).max(1000),
  discountBp: bp, earnBp: bp, restricted: z.boolean().describe('VIP-like: issued only by owner or manager, never moved by tier rules'),
}).meta({ id: 'LoyaltyTier' });

const cumulativeScope = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('forever') }),
  z.object({ kind: z.literal('rolling'), days }),
  z.object({ kind: z.literal('calendar_year') }),
  z.object({ kind: z.literal('inactivity'), days }),
]);

const pointsExpiry = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('never') }),
  z.object({ kind: z.literal('days'), days }),
  z.object({ kind: z.literal('end_of_month') }),
  z.object({ kind: z.literal('end_of_year') }),
]);

const group = z.string().min(1).max(100);

export const programConfigSchema = z.object({
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR'),
  accumulateOn: z.enum(['after_discounts', 'paid_money']),
  tiers: z.array(tierSchema).min(1).max(20),
  cumulative: z.object({
    levels: z.array(threshold.extend({ discountBp: bp })).min(1).max(50),
    match: z.enum(['all', 'any']),
    scope: cumulativeScope,
    neverDecreaseWithinPeriod: z.boolean(),
  }).nullable(),
  club: z.object({
    join: z.object({ amount: minor, days }),
    stay: z.object({ amount: minor, days }),
    discountBp: bp,
    approval: z.enum(['auto', 'owner']),
  }).nullable(),
  points: z.object({
    groupEarnBp: z.record(group, bp).optional(),
    earnExcludedGroups: z.array(group).max(500).optional(),
    redeemExcludedGroups: z.array(group).max(500).optional(),
    pendingDays: z.number().int().min(0).max(36_600),
    expiry: pointsExpiry,
    maxShareBp: bp,
    minBalanceToRedeem: count,
    rate: z.object({ points: z.number().int().min(1).max(1_000_000), minor: z.number().int().min(1).max(1_000_000) }),
    earnWhenRedeeming: z.boolean(),
  }).nullable(),
  tierRules: z.object({
    windowDays: days,
    match: z.enum(['all', 'any']),
    levels: z.array(z.object({ tier: code, upgrade: threshold, keep: threshold.optional() })).max(20),
    downgrade: z.boolean(),
    minDaysInTier: days.optional(),
  }).nullable(),
  marginGuard: z.object({
    minMarkupBp: z.number().int().min(0).max(1_000_000),
    groupMaxDiscountBp: z.record(group, bp).optional(),
    defaultMaxDiscountBp: bp.nullable().optional(),
  }).nullable(),
  stacking: z.object({
    priority: z.object({ tier: z.number().int(), cumulative: z.number().int(), club: z.number().int() }),
    promotion: z.enum(['combine', 'never_combine', 'best_of']),
  }),
  refundPolicy: z.enum(['negative_balance', 'reduce_refund', 'forgive']),
  sms: z.object({ beforeSpendingPoints: z.boolean(), beforePersonalDiscountByPhone: z.boolean() }),
}).meta({ id: 'LoyaltyProgramConfig' });

export const cardFormatSchema = z.object({
  scheme: z.enum(['ean13', 'luhn']).describe('EAN-13 (GS1 mod 10, 13 digits) or Luhn (8-19 digits)'),
  prefix: z.string().regex(/^[0-9]{0,12}$/, 'must be up to 12 digits').describe('digits every card number starts with; for EAN-13 use 20-29 (in-store range)'),
  length: z.number().int().min(8).max(19),
}).meta({ id: 'CardNumberFormat' });

export type CardFormat = z.infer<typeof cardFormatSchema>;

const invalid = (path: string, message: string) => new AppError('validation_failed', `${path}: ${message}`, { issues: [{ path, message }] });

/**
 * Parses and checks a configuration from storage or from a caller. The Zod shape first, then
 * `checkProgram`; every problem is reported with the field it concerns.
 */
export function parseProgramConfig(input: unknown, path = 'config'): ProgramConfig {
  const parsed = programConfigSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: [path, ...i.path.map(String)].join('.'), message: i.message }));
    throw new AppError('validation_failed', issues.map((i) => `${i.path}: ${i.message}`).join('; '), { issues });
  }
  const config = parsed.data as ProgramConfig;
  if (!isCurrencyCode(config.currency)) throw invalid(`${path}.currency`, `"${config.currency}" is not an ISO 4217 currency code`);
  const problems = checkProgram(config);
  if (problems.length > 0) {
    throw new AppError('invalid_program', `${path}: ${problems.join('; ')}`, { issues: problems.map((message) => ({ path, message })) });
  }
  return config;
}

export function checkCardFormat(format: CardFormat, path = 'cardFormat'): void {
  if (format.scheme === 'ean13' && format.length !== 13) throw invalid(`${path}.length`, 'EAN-13 card numbers have 13 digits');
  if (format.prefix.length > format.length - 4) throw invalid(`${path}.prefix`, 'leaves fewer than 3 digits for the serial');
}
