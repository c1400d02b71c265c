import { describe, expect, it } from 'vitest';
import { allowedTypos, editDistance, similarity, wordScore } from './fuzzy.js';

describe('typo tolerance', () => {
  it('counts a dropped, added, changed or swapped letter as one typo', () => {
    expect(editDistance('ivanva', 'ivanova')).toBe(1);
    expect(editDistance('ivanoava', 'ivanova')).toBe(1);
    expect(editDistance('ivanoca', 'ivanova')).toBe(1);
    expect(editDistance('ivnaova', 'ivanova')).toBe(1);
    expect(editDistance('inavova', 'ivanova')).toBe(2);
    expect(editDistance('ivan', 'ivanova')).toBe(3);
    expect(editDistance('юлия', 'юлиа')).toBe(1);
  });

  it('forgives no typo in short words, one in medium, two in long ones', () => {
    expect([allowedTypos('ann'), allowedTypos('anna'), allowedTypos('ivanova'), allowedTypos('shevchenko')]).toEqual([0, 1, 1, 2]);
  });

  it('ranks exact above prefix above typo, and rejects what is too far', () => {
    const exact = wordScore('ivanova', 'ivanova');
    const prefix = wordScore('ivan', 'ivanova');
    const typo = wordScore('ivanva', 'ivanova');
    expect(exact).toBe(1);
    expect(prefix).toBeGreaterThan(typo);
    expect(prefix).toBeLessThan(exact);
    expect(typo).toBeGreaterThan(0);
    expect(wordScore('petrova', 'ivanova')).toBe(0);
    expect(wordScore('ann', 'ani')).toBe(0);
  });

  it('computes pg_trgm similarity', () => {
    expect(similarity('ivanova', 'ivanova')).toBe(1);
    expect(similarity('ivanva', 'ivanova')).toBeCloseTo(0.5, 5);
    expect(similarity('abc', 'xyz')).toBe(0);
  });
});
