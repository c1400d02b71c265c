import { describe, expect, it } from 'vitest';
import { exampleProgram } from './examples.js';
import { checkProgram, findTier } from './program.js';

describe('checkProgram', () => {
  it('accepts the example program', () => {
    expect(checkProgram(exampleProgram())).toEqual([]);
    expect(findTier(exampleProgram(), 'gold')?.discountBp).toBe(1000);
    expect(findTier(exampleProgram(), null)).toBeNull();
  });
  it('names what is wrong', () => {
    const p = exampleProgram();
    const problems = checkProgram({
      ...p,
      tiers: [...p.tiers, { ...p.tiers[0]!, discountBp: 10_001 }],
      points: { ...p.points!, rate: { points: 0, minor: 1 }, maxShareBp: 20_000 },
      cumulative: { ...p.cumulative!, levels: [{ discountBp: 100 }], scope: { kind: 'rolling', days: 0 } },
      tierRules: { windowDays: 365, match: 'all', downgrade: true, levels: [{ tier: 'vip', upgrade: {} }, { tier: 'ghost', upgrade: {} }] },
    });
    expect(problems).toEqual([
      'tier simple is defined twice',
      'tier simple needs discountBp and earnBp within 0..10000',
      'a cumulative level needs minAmount or minCount',
      'cumulative scope days must be 1..36600',
      'points rate needs positive integers',
      'points maxShareBp must be within 0..10000',
      'tier vip is restricted and cannot be reached by rules',
      'tier rule names unknown tier ghost',
    ]);
  });
});
