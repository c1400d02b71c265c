import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readCopyText } from './copy-text.js';
import { KeyIndex } from './key-index.js';

describe('COPY text reader', () => {
  it('parses rows split anywhere across chunks, numbers from bytes, \\N as null, ids as dense numbers', async () => {
    // 12345678901234567 has more digits than a double holds: it goes through the full parser and rounds.
    const text = 'a1\t12\t-3\t\\N\t1.5e+20\nb22\t0\t7\t4\t2\na1\t12345678901234567\t1\t2\t3\n';
    const bytes = Buffer.from(text, 'latin1');
    // Cut into 3-byte chunks so every field and line boundary falls inside a chunk somewhere.
    const chunks = Array.from({ length: Math.ceil(bytes.length / 3) }, (_, k) => bytes.subarray(k * 3, k * 3 + 3));
    const keys = new KeyIndex(8, 2);
    const rows: unknown[][] = [];
    const n = await readCopyText(Readable.from(chunks), ['key', 'number', 'number', 'number', 'number'], (v) => rows.push([...v]), [keys]);
    expect(n).toBe(3);
    expect(rows).toEqual([[0, 12, -3, null, 1.5e20], [1, 0, 7, 4, 2], [0, Number('12345678901234567'), 1, 2, 3]]);
    expect(keys.ids).toEqual(['a1', 'b22']);
  });

  it('refuses rows with the wrong number of fields', async () => {
    await expect(readCopyText(Readable.from([Buffer.from('1\t2\n')]), ['number'], () => {})).rejects.toThrow(/more than 1 fields/);
    await expect(readCopyText(Readable.from([Buffer.from('1\n')]), ['number', 'number'], () => {})).rejects.toThrow(/1 fields, 2 expected/);
  });
});

describe('KeyIndex', () => {
  it('numbers many keys densely in order of first appearance, across growth', () => {
    const keys = new KeyIndex(36, 4);
    const ids = Array.from({ length: 5000 }, (_, i) => `00000000-0000-7000-8000-${i.toString(16).padStart(12, '0')}`);
    const buf = Buffer.from(ids.join(''), 'latin1');
    ids.forEach((_, i) => expect(keys.lookup(buf, i * 36, i * 36 + 36)).toBe(i));
    for (let i = ids.length - 1; i >= 0; i -= 7) expect(keys.lookup(buf, i * 36, i * 36 + 36)).toBe(i);
    expect(keys.size).toBe(5000);
    expect(keys.ids[4321]).toBe(ids[4321]);
    expect(() => keys.lookup(Buffer.alloc(40), 0, 40)).toThrow(/longer/);
  });
});
