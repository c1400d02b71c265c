// The example program from the loyalty issue, as data: a starting point for the demo and for tests.
// Amounts are minor units of a 2-digit currency (500 major = 50 000 minor).
import type { ProgramConfig } from './program.js';

export function exampleProgram(overrides: Partial<ProgramConfig> = {}): ProgramConfig {
  return {
    currency: 'EUR',
    accumulateOn: 'after_discounts',
    tiers: [
      { code: 'simple', name: 'Simple', rank: 1, discountBp: 500, earnBp: 500, restricted: false },
      { code: 'gold', name: 'Gold', rank: 2, discountBp: 1000, earnBp: 700, restricted: false },
      { code: 'vip', name: 'VIP', rank: 3, discountBp: 2000, earnBp: 1000, restricted: true },
    ],
    cumulative: {
      levels: [
        { minAmount: 50_000, discountBp: 100 },
        { minAmount: 80_000, discountBp: 200 },
        { minAmount: 500_000, discountBp: 500 },
      ],
      match: 'all',
      scope: { kind: 'forever' },
      neverDecreaseWithinPeriod: true,
    },
    club: null,
    points: {
      pendingDays: 14,
      expiry: { kind: 'days', days: 365 },
      maxShareBp: 3000,
      minBalanceToRedeem: 0,
      rate: { points: 1, minor: 1 },
      earnWhenRedeeming: true,
    },
    tierRules: null,
    marginGuard: null,
    stacking: { priority: { tier: 1, cumulative: 1, club: 1 }, promotion: 'combine' },
    refundPolicy: 'negative_balance',
    sms: { beforeSpendingPoints: false, beforePersonalDiscountByPhone: false },
    ...overrides,
  };
}
