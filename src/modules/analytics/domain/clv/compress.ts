// Customers with the same summary contribute the same likelihood term, and real data is on a day grid,
// so a million customers collapse to far fewer distinct rows. Fitting on the distinct rows with
// weights is what keeps a fit over 10^6 customers within seconds.

export interface CompressedRows {
  /** Number of columns per row. */
  width: number;
  /** Distinct rows, row-major: row i is values[i*width .. i*width+width). In order of first appearance. */
  values: Float64Array;
  /** How many input rows each distinct row stands for. */
  weights: Float64Array;
  /** For each input row, the index of its distinct row. */
  index: Int32Array;
  size: number;
}

const scratch = new Float64Array(1);
const scratchBits = new Uint32Array(scratch.buffer);

function bitsHash(h: number, v: number): number {
  // -0 and 0 are the same summary; normalise before looking at the bits.
  scratch[0] = v === 0 ? 0 : v;
  h = Math.imul(h ^ (scratchBits[0] as number), 0x9e3779b1);
  h = Math.imul(h ^ (scratchBits[1] as number), 0x85ebca77);
  return h ^ (h >>> 15);
}

/**
 * Groups identical rows. `column(c, i)` gives column c of input row i. Values are compared exactly,
 * so the result (including the order of distinct rows) is the same on every run.
 */
export function compressRows(count: number, width: number, column: (c: number, i: number) => number): CompressedRows {
  let capacity = 16;
  while (capacity < count * 2) capacity *= 2;
  const mask = capacity - 1;
  const table = new Int32Array(capacity).fill(-1);
  let values = new Float64Array(Math.max(16, Math.min(count, 1024) * width));
  let weights = new Float64Array(Math.max(16, Math.min(count, 1024)));
  const index = new Int32Array(count);
  const row = new Float64Array(width);
  let size = 0;
  for (let i = 0; i < count; i++) {
    let h = 0x811c9dc5;
    for (let c = 0; c < width; c++) {
      const v = column(c, i);
      if (Number.isNaN(v)) throw new RangeError(`row ${i}: column ${c} is not a number`);
      row[c] = v;
      h = bitsHash(h, v);
    }
    let slot = h & mask;
    for (;;) {
      const at = table[slot] as number;
      if (at < 0) {
        if (size === weights.length) {
          const grownW = new Float64Array(size * 2);
          grownW.set(weights);
          weights = grownW;
          const grownV = new Float64Array(size * 2 * width);
          grownV.set(values);
          values = grownV;
        }
        values.set(row, size * width);
        table[slot] = size;
        index[i] = size;
        weights[size] = 1;
        size++;
        break;
      }
      let same = true;
      for (let c = 0; c < width && same; c++) same = values[at * width + c] === row[c];
      if (same) {
        index[i] = at;
        weights[at] = (weights[at] as number) + 1;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return { width, values: values.slice(0, size * width), weights: weights.slice(0, size), index, size };
}
