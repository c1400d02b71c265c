import { describe, expect, it } from 'vitest';
import { isUuid, pooledUuidV7, sequentialIds, uuidV7Ids } from './ids.js';

describe('UUIDv7 from pooled random bytes', () => {
  it('are valid version-7 UUIDs carrying the millisecond, strictly increasing, and distinct', () => {
    const ids = Array.from({ length: 5000 }, () => uuidV7Ids.next());
    for (const id of ids) {
      expect(isUuid(id)).toBe(true);
      expect(id).toBe(id.toLowerCase());
      expect(id[14]).toBe('7'); // version 7
      expect(id[19]).toMatch(/[89ab]/); // RFC 9562 variant
    }
    for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    const ms = parseInt(ids[0]!.replace(/-/g, '').slice(0, 12), 16);
    expect(Math.abs(ms - Date.now())).toBeLessThan(60_000);
  });

  it('stays ordered when many ids share a millisecond or the clock steps back, and across pool refills', () => {
    let t = Date.UTC(2026, 10, 22, 12);
    const ids = pooledUuidV7(() => t);
    const seen: string[] = [];
    for (let i = 0; i < 2000; i++) {
      if (i % 700 === 0) t -= 5; // a clock step back keeps the last millisecond, counting on
      if (i % 500 === 250) t += 20;
      seen.push(ids.next());
    }
    for (let i = 1; i < seen.length; i++) expect(seen[i]! > seen[i - 1]!).toBe(true);
    const first = (Date.UTC(2026, 10, 22, 12) - 5).toString(16).padStart(12, '0');
    expect(seen[0]!.slice(0, 13)).toBe(`${first.slice(0, 8)}-${first.slice(8)}`);
  });
});

describe('isUuid', () => {
  it('accepts the ids we make in either case and refuses anything else', () => {
    expect(isUuid(uuidV7Ids.next())).toBe(true);
    expect(isUuid(sequentialIds().next().toUpperCase())).toBe(true);
    for (const bad of ['', 'card-1', '00000000-0000-7000-8000-00000000000', '00000000-0000-7000-8000-0000000000001', 'g0000000-0000-7000-8000-000000000001', ' 00000000-0000-7000-8000-000000000001']) {
      expect(isUuid(bad), bad).toBe(false);
    }
  });
});
