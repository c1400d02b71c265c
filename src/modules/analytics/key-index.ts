// Dense numbers for ids read from a byte stream: an open-addressing hash table over the raw bytes.
// A JavaScript Map keyed by freshly sliced strings costs about 2 µs per lookup at a million keys (a
// string per row, hashed, then a cache miss); this costs one hash of the bytes and usually one probe,
// and makes a string only once per distinct id.

/** A multiplicative hash over 4-byte words (and the tail bytes): a quarter of the work of a byte-wise hash. */
function hash(b: Buffer, from: number, to: number): number {
  let h = to - from;
  let i = from;
  for (; i + 4 <= to; i += 4) {
    h = Math.imul(h ^ ((b[i] as number) | ((b[i + 1] as number) << 8) | ((b[i + 2] as number) << 16) | ((b[i + 3] as number) << 24)), 0x9e3779b1);
    h ^= h >>> 16;
  }
  for (; i < to; i++) h = Math.imul(h ^ (b[i] as number), 0x9e3779b1);
  return h ^ (h >>> 15);
}

export class KeyIndex {
  private keys: Buffer;
  private lengths: Uint8Array;
  private table: Int32Array;
  private mask: number;
  private readonly width: number;
  readonly ids: string[] = [];

  /** `width`: the most bytes a key may have (36 for a uuid in text form). */
  constructor(width = 36, expected = 1024) {
    this.width = width;
    let capacity = 1024;
    while (capacity < expected * 2) capacity *= 2;
    this.table = new Int32Array(capacity).fill(-1);
    this.mask = capacity - 1;
    this.keys = Buffer.alloc(expected * width);
    this.lengths = new Uint8Array(expected);
  }

  get size(): number {
    return this.ids.length;
  }

  /** The number of the key buf[from, to), adding it when new. */
  lookup(buf: Buffer, from: number, to: number): number {
    const length = to - from;
    if (length > this.width) throw new RangeError(`key of ${length} bytes is longer than ${this.width}`);
    const h = hash(buf, from, to);
    for (let slot = h & this.mask; ; slot = (slot + 1) & this.mask) {
      const at = this.table[slot] as number;
      if (at < 0) return this.insert(slot, buf, from, to);
      if (this.lengths[at] === length && this.sameKey(at, buf, from, length)) return at;
    }
  }

  private sameKey(at: number, buf: Buffer, from: number, length: number): boolean {
    const keys = this.keys;
    const base = at * this.width;
    for (let i = 0; i < length; i++) if (keys[base + i] !== buf[from + i]) return false;
    return true;
  }

  private insert(slot: number, buf: Buffer, from: number, to: number): number {
    const n = this.ids.length;
    if ((n + 1) * this.width > this.keys.length) {
      const keys = Buffer.alloc(this.keys.length * 2);
      this.keys.copy(keys);
      this.keys = keys;
      const lengths = new Uint8Array(this.lengths.length * 2);
      lengths.set(this.lengths);
      this.lengths = lengths;
    }
    buf.copy(this.keys, n * this.width, from, to);
    this.lengths[n] = to - from;
    this.ids.push(buf.toString('latin1', from, to));
    this.table[slot] = n;
    if ((n + 1) * 2 > this.table.length) this.rehash();
    return n;
  }

  private rehash(): void {
    const table = new Int32Array(this.table.length * 2).fill(-1);
    const mask = table.length - 1;
    for (let k = 0; k < this.ids.length; k++) {
      const base = k * this.width;
      let slot = hash(this.keys, base, base + (this.lengths[k] as number)) & mask;
      while ((table[slot] as number) >= 0) slot = (slot + 1) & mask;
      table[slot] = k;
    }
    this.table = table;
    this.mask = mask;
  }
}
