import { describe, expect, it } from 'vitest';
import { sha256 } from './hashing.js';

describe('sha256', () => {
  it('gives the standard digests as lowercase hex', () => {
    expect(sha256('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('hashes a string as its UTF-8 bytes, the same as those bytes given directly', () => {
    const text = 'Ёлка, café, قهوة';
    expect(sha256(text)).toBe(sha256(Buffer.from(text, 'utf8')));
    expect(sha256(new Uint8Array(Buffer.from(text, 'utf8')))).toBe(sha256(text));
    expect(sha256(text)).not.toBe(sha256(Buffer.from(text, 'latin1')));
  });
});
