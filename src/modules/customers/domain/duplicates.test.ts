import { describe, expect, it } from 'vitest';
import { duplicateScore, orderedPair } from './duplicates.js';

describe('duplicate score', () => {
  it('weighs the evidence and combines independent pieces', () => {
    expect(duplicateScore([{ kind: 'document' }])).toBe(95);
    expect(duplicateScore([{ kind: 'phone' }])).toBe(70);
    expect(duplicateScore([{ kind: 'name_birth_date', similarity: 1 }])).toBe(90);
    expect(duplicateScore([{ kind: 'name_birth_date', similarity: 0.5 }])).toBe(60);
    expect(duplicateScore([{ kind: 'phone' }, { kind: 'email' }])).toBe(90);
    expect(duplicateScore([{ kind: 'phone' }, { kind: 'phone' }])).toBe(70);
    expect(duplicateScore([])).toBe(0);
  });

  it('orders a pair once', () => {
    expect(orderedPair('b', 'a')).toEqual(['a', 'b']);
    expect(orderedPair('a', 'b')).toEqual(['a', 'b']);
  });
});
