// Random checkout sequences for the two ledger property tests — against the reference model
// (ledger.property.test.ts here) and against the real database (test/loyalty/ledger.property.test.ts) —
// so both explore the same kinds of steps and program settings. Test-only (fast-check is a dev dependency).
import fc from 'fast-check';
import type { PointsExpiry, RefundPolicy } from './program.js';

export type Step =
  | { type: 'confirm'; customer: number; lines: { price: number; qty: number }[]; spendShare: number }
  | { type: 'refund'; pick: number; percents: number[] }
  | { type: 'cancel'; pick: number }
  | { type: 'due'; customer: number }
  | { type: 'adjust'; customer: number; amount: number }
  | { type: 'retry'; pick: number }
  | { type: 'reuse_id'; pick: number };

export const stepArb: fc.Arbitrary<{ step: Step; hours: number }> = fc.record({
  hours: fc.integer({ min: 0, max: 24 * 12 }),
  step: fc.oneof(
    { weight: 5, arbitrary: fc.record({ type: fc.constant('confirm' as const), customer: fc.integer({ min: 0, max: 1 }), spendShare: fc.integer({ min: 0, max: 100 }),
      lines: fc.array(fc.record({ price: fc.integer({ min: 1, max: 50_000 }), qty: fc.integer({ min: 1, max: 4000 }) }), { minLength: 1, maxLength: 4 }) }) },
    { weight: 3, arbitrary: fc.record({ type: fc.constant('refund' as const), pick: fc.nat(), percents: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 4, maxLength: 4 }) }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('cancel' as const), pick: fc.nat() }) },
    { weight: 2, arbitrary: fc.record({ type: fc.constant('due' as const), customer: fc.integer({ min: 0, max: 1 }) }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('adjust' as const), customer: fc.integer({ min: 0, max: 1 }), amount: fc.integer({ min: -800, max: 800 }).filter((x) => x !== 0) }) },
    { weight: 2, arbitrary: fc.record({ type: fc.constant('retry' as const), pick: fc.nat() }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('reuse_id' as const), pick: fc.nat() }) },
  ),
});

export const settingsArb = fc.record({
  policy: fc.constantFrom<RefundPolicy>('negative_balance', 'reduce_refund', 'forgive'),
  pendingDays: fc.constantFrom(0, 3),
  expiry: fc.constantFrom<PointsExpiry>({ kind: 'days', days: 10 }, { kind: 'end_of_month' }, { kind: 'never' }),
  rate: fc.constantFrom({ points: 1, minor: 1 }, { points: 3, minor: 2 }),
});
