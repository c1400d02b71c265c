import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, referenceCanonicalJson } from './hashing.js';

describe('canonicalJson', () => {
  it('gives exactly the text of the definition the stored fingerprints were made with', () => {
    const key = fc.oneof(fc.string(), fc.constantFrom('a', 'b', 'A', 'é', '10', '2', '0', '01', '-1', '1.5', '__proto__', 'toJSON', 'ä', '\u{1F600}', 'z'));
    const value = fc.letrec((tie) => ({
      any: fc.oneof({ depthSize: 'small' }, fc.constant(null), fc.constant(undefined), fc.boolean(), fc.integer(), fc.double(), fc.string(), tie('arr'), tie('obj')),
      arr: fc.array(tie('any'), { maxLength: 5 }),
      obj: fc.dictionary(key, tie('any'), { maxKeys: 6 }),
    })).any;
    fc.assert(fc.property(value, (v) => {
      expect(canonicalJson(v)).toBe(referenceCanonicalJson(v));
    }), { numRuns: 3000 });
  });

  it('handles values that are not plain data as the definition does', () => {
    const samples: unknown[] = [
      { at: new Date('2026-11-22T10:00:00Z'), b: 1 }, { b: { toJSON: () => 'x' }, a: [undefined, () => 1] }, new Map(), { z: 1, 2: 'two', 10: 'ten' },
      Object.create(null) as object, { receiptId: 'R-1', customer: { cardNumber: '2500000000015' }, lines: [{ sku: 'A', unitPrice: 100, quantity: 0.35 }], pointsToSpend: 0 },
    ];
    for (const v of samples) expect(canonicalJson(v)).toBe(referenceCanonicalJson(v));
    expect(() => canonicalJson({ a: 1n })).toThrow(TypeError);
  });
});
