// Ids are UUIDv7: time-ordered, so B-tree inserts stay local and ids sort by creation.
// Tests inject a deterministic generator.
import { randomFillSync } from 'node:crypto';

export interface IdGenerator {
  next(): string;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const POOL_BYTES = 4096;
/** Random bytes one id uses: 4 for a new millisecond's counter seed, 6 for the tail. */
const PER_ID = 10;

/**
 * UUIDv7 exactly as the uuid package makes them (48-bit millisecond time, monotonic within a millisecond
 * through a random-seeded 32-bit counter, 42 random bits after it), with the random bytes drawn from the
 * crypto module 4 KiB at a time instead of 16 bytes per id (~6 µs a call under load, ~0.3 µs pooled).
 */
export function pooledUuidV7(now: () => number = Date.now): IdGenerator {
  const pool = new Uint8Array(POOL_BYTES);
  let at = POOL_BYTES;
  let msecs = -Infinity;
  let seq = 0;
  const b = new Uint8Array(16);
  return {
    next() {
      if (at + PER_ID > POOL_BYTES) {
        randomFillSync(pool);
        at = 0;
      }
      const r = at;
      at += PER_ID;
      const t = now();
      if (t > msecs) {
        msecs = t;
        seq = (((pool[r] as number) & 0x7f) << 24) | ((pool[r + 1] as number) << 16) | ((pool[r + 2] as number) << 8) | (pool[r + 3] as number);
      } else {
        seq = (seq + 1) | 0;
        if (seq === 0) msecs++;
      }
      b[0] = (msecs / 0x10000000000) & 0xff;
      b[1] = (msecs / 0x100000000) & 0xff;
      b[2] = (msecs / 0x1000000) & 0xff;
      b[3] = (msecs / 0x10000) & 0xff;
      b[4] = (msecs / 0x100) & 0xff;
      b[5] = msecs & 0xff;
      b[6] = 0x70 | ((seq >>> 28) & 0x0f);
      b[7] = (seq >>> 20) & 0xff;
      b[8] = 0x80 | ((seq >>> 14) & 0x3f);
      b[9] = (seq >>> 6) & 0xff;
      b[10] = ((seq << 2) & 0xff) | ((pool[r + 4] as number) & 0x03);
      for (let i = 11; i < 16; i++) b[i] = pool[r + i - 6] as number;
      const h = (i: number) => HEX[b[i] as number] as string;
      return `${h(0)}${h(1)}${h(2)}${h(3)}-${h(4)}${h(5)}-${h(6)}${h(7)}-${h(8)}${h(9)}-${h(10)}${h(11)}${h(12)}${h(13)}${h(14)}${h(15)}`;
    },
  };
}

export const uuidV7Ids: IdGenerator = pooledUuidV7();

/** Deterministic, still valid and time-ordered UUIDv7-shaped ids for tests: 00000000-0000-7000-8000-000000000001, … */
export function sequentialIds(start = 1): IdGenerator {
  let n = start;
  return {
    next: () => {
      const hex = (n++).toString(16).padStart(12, '0');
      return `00000000-0000-7000-8000-${hex}`;
    },
  };
}

const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `s` has the shape of a UUID (any version): a look-up by a malformed id is skipped, not sent to PostgreSQL. */
export const isUuid = (s: string): boolean => UUID_SHAPE.test(s);
