// Exact integer arithmetic for the rules engine. Products such as `amount × bp × points` can pass
// Number.MAX_SAFE_INTEGER on wholesale receipts, where a float would silently lose units, so every
// multiply-then-divide goes through BigInt and comes back as a safe Number (or throws).
import { allocate } from '../../../platform/money.js';

export type Rounding = 'floor' | 'ceil' | 'round';

function assertInt(value: number, what: string, min = 0): void {
  if (!Number.isSafeInteger(value) || value < min) throw new RangeError(`${what} must be an integer ≥ ${min}, got ${value}`);
}

function toSafe(value: bigint, what: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`${what} is outside the safe integer range`);
  }
  return Number(value);
}

/** Divides non-negative bigints with the chosen rounding; 'round' is half-up (the same as divRound for ≥ 0). */
export function divBig(n: bigint, d: bigint, rounding: Rounding): bigint {
  if (n < 0n || d <= 0n) throw new RangeError('divBig needs n ≥ 0 and d > 0');
  const q = n / d;
  const r = n % d;
  if (r === 0n) return q;
  if (rounding === 'ceil') return q + 1n;
  if (rounding === 'round') return 2n * r >= d ? q + 1n : q;
  return q;
}

/**
 * `n / d` for non-negative safe integers with `n + d` safe, in plain numbers: the float quotient is
 * off by at most one, which the remainder check corrects. Most receipts stay in this range, and it
 * spares the engine a BigInt per line.
 */
export function divSafe(n: number, d: number, rounding: Rounding): number {
  let q = Math.floor(n / d);
  let r = n - q * d;
  if (r < 0) {
    q -= 1;
    r += d;
  } else if (r >= d) {
    q += 1;
    r -= d;
  }
  if (r === 0) return q;
  if (rounding === 'ceil') return q + 1;
  if (rounding === 'round') return 2 * r >= d ? q + 1 : q;
  return q;
}

/** Whether `divSafe(a × b, c)` is exact: non-negative integers whose product plus `c` stays safe. */
export const fitsSafe = (a: number, b: number, c: number) =>
  Number.isSafeInteger(a) && Number.isSafeInteger(b) && a >= 0 && b >= 0 && c >= 1 && Number.isSafeInteger(a * b + c);

/** `a × b / c` for non-negative integers, exact up to the final rounding. */
export function mulDiv(a: number, b: number, c: number, rounding: Rounding): number {
  assertInt(a, 'mulDiv a');
  assertInt(b, 'mulDiv b');
  assertInt(c, 'mulDiv c', 1);
  if (Number.isSafeInteger(a * b + c)) return divSafe(a * b, c, rounding);
  return toSafe(divBig(BigInt(a) * BigInt(b), BigInt(c), rounding), 'mulDiv result');
}

export function gcd(a: number, b: number): number {
  let x = Math.abs(a);
  let y = Math.abs(b);
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

/**
 * Largest-remainder split like platform `allocate` (same result, same tie rule: earlier index first),
 * but exact for any safe total and weights: `allocate` multiplies total × weight in floating point,
 * which is only exact while that product stays below 2^53.
 */
export function allocateExact(total: number, weights: readonly number[]): number[] {
  assertInt(total, 'allocation total');
  for (const w of weights) assertInt(w, 'allocation weight');
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) return allocate(total, weights);
  if (Number.isSafeInteger(sum) && Number.isSafeInteger(total * Math.max(...weights, 0))) return allocateSmall(total, weights, sum);
  const bigSum = weights.reduce((a, w) => a + BigInt(w), 0n);
  const t = BigInt(total);
  const parts = weights.map((w) => (t * BigInt(w)) / bigSum);
  const order = weights
    .map((w, i) => ({ i, r: (t * BigInt(w)) % bigSum }))
    .sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  let left = t - parts.reduce((a, b) => a + b, 0n);
  for (const { i } of order) {
    if (left === 0n) break;
    parts[i] = (parts[i] ?? 0n) + 1n;
    left -= 1n;
  }
  return parts.map((p) => toSafe(p, 'allocation part'));
}

/**
 * Platform `allocate` for a non-negative total and a positive weight sum, step for step (the same
 * floor, remainder and tie rule, so the same parts) with fewer objects: it runs several times per receipt.
 */
function allocateSmall(total: number, weights: readonly number[], sum: number): number[] {
  const n = weights.length;
  const parts = new Array<number>(n);
  const rest = new Array<number>(n);
  let left = total;
  for (let i = 0; i < n; i++) {
    const p = total * (weights[i] ?? 0);
    parts[i] = Math.floor(p / sum);
    rest[i] = p % sum;
    left -= parts[i]!;
  }
  if (left > 0) {
    const order = new Array<number>(n);
    for (let i = 0; i < n; i++) order[i] = i;
    order.sort((a, b) => rest[b]! - rest[a]! || a - b);
    for (let k = 0; k < left; k++) parts[order[k]!]! += 1;
  }
  return parts;
}

/**
 * Splits `total` proportionally to `weights` without giving any part more than its cap. Parts that
 * would overflow are pinned to their cap and the rest is split again among the others, so the parts
 * always add up to `total` exactly. Lines with a zero cap never receive anything.
 */
export function allocateCapped(total: number, weights: readonly number[], caps: readonly number[]): number[] {
  if (weights.length !== caps.length) throw new RangeError('allocateCapped needs one cap per weight');
  for (const c of caps) assertInt(c, 'allocation cap');
  const capSum = caps.reduce((a, b) => a + b, 0);
  if (total > capSum) throw new RangeError(`cannot allocate ${total} within caps summing to ${capSum}`);
  const parts = caps.map(() => 0);
  let active = caps.map((c, i) => i).filter((i) => (caps[i] ?? 0) > 0);
  let remaining = total;
  while (remaining > 0) {
    // Weightless lines with room still share by their caps, so a total that fits is always placed.
    const raw = active.map((i) => weights[i] ?? 0);
    const split = allocateExact(remaining, raw.some((w) => w > 0) ? raw : active.map((i) => caps[i] ?? 0));
    const overflowing = active.filter((i, k) => (split[k] ?? 0) > (caps[i] ?? 0));
    if (overflowing.length === 0) {
      active.forEach((i, k) => { parts[i] = split[k] ?? 0; });
      remaining = 0;
      break;
    }
    for (const i of overflowing) {
      parts[i] = caps[i] ?? 0;
      remaining -= parts[i] ?? 0;
    }
    active = active.filter((i) => !overflowing.includes(i));
    if (active.length === 0 && remaining > 0) throw new RangeError('allocateCapped ran out of room');
  }
  return parts;
}
