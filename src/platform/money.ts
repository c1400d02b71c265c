// Money and points are integers: minor units of an ISO 4217 currency (kopecks, cents, fils) or whole points.
// Plain JS numbers are used (not bigint) so amounts serialise to JSON as numbers; every function here
// asserts that it stays inside Number.MAX_SAFE_INTEGER (≈ 9·10^15 minor units), far above any receipt.

export type MinorUnits = number;

/** A percentage in basis points: 10% = 1000, 2.5% = 250. Integers avoid 0.1 + 0.2 problems. */
export type BasisPoints = number;

export function assertMinor(value: number, what = 'amount'): MinorUnits {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} must be a whole number of minor units, got ${value}`);
  return value;
}

/** Integer division rounding half away from zero (commercial rounding), on integers only. */
export function divRound(numerator: number, denominator: number): number {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator === 0) {
    throw new RangeError(`divRound needs integers and a non-zero denominator, got ${numerator}/${denominator}`);
  }
  const sign = Math.sign(numerator) * Math.sign(denominator);
  const n = Math.abs(numerator);
  const d = Math.abs(denominator);
  const q = Math.floor(n / d);
  const r = n - q * d;
  return sign * (2 * r >= d ? q + 1 : q);
}

/** Integer division rounding toward zero, for "never give more than" amounts (e.g. points earned). */
export function divFloor(numerator: number, denominator: number): number {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator === 0) {
    throw new RangeError(`divFloor needs integers and a non-zero denominator, got ${numerator}/${denominator}`);
  }
  return Math.trunc(numerator / denominator);
}

/** `amount × bp / 10 000`, rounded half away from zero. 5% of 5 000 = percentOf(5000, 500) = 250. */
export function percentOf(amount: MinorUnits, bp: BasisPoints, rounding: 'round' | 'floor' = 'round'): MinorUnits {
  assertMinor(amount);
  if (!Number.isSafeInteger(bp)) throw new RangeError(`basis points must be an integer, got ${bp}`);
  const product = amount * bp;
  if (!Number.isSafeInteger(product)) throw new RangeError('percentOf overflow');
  return rounding === 'round' ? divRound(product, 10_000) : divFloor(product, 10_000);
}

/**
 * Splits `total` into integer parts proportional to `weights` (largest remainder method), so the parts
 * always add up to `total` exactly. Ties go to the earlier weight, which keeps the result deterministic.
 */
export function allocate(total: MinorUnits, weights: readonly number[]): MinorUnits[] {
  assertMinor(total, 'total');
  if (weights.length === 0) {
    if (total !== 0) throw new RangeError('cannot allocate a non-zero total over no weights');
    return [];
  }
  for (const w of weights) if (!Number.isSafeInteger(w) || w < 0) throw new RangeError(`weights must be non-negative integers, got ${w}`);
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) {
    // Nothing to weigh by: give everything to the first part rather than inventing a split.
    return weights.map((_, i) => (i === 0 ? total : 0));
  }
  const sign = Math.sign(total);
  const abs = Math.abs(total);
  const parts = weights.map((w) => Math.floor((abs * w) / sum));
  const remainders = weights.map((w, i) => ({ i, r: (abs * w) % sum }));
  let left = abs - parts.reduce((a, b) => a + b, 0);
  remainders.sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of remainders) {
    if (left === 0) break;
    parts[i] = (parts[i] ?? 0) + 1;
    left -= 1;
  }
  return parts.map((p) => p * sign);
}

/** Number of minor-unit digits of an ISO 4217 currency (2 for EUR, 0 for JPY, 3 for KWD). */
export function currencyDigits(currency: string): number {
  const options = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions();
  return options.maximumFractionDigits ?? 2;
}

/** Whether a string is an ISO 4217 code Intl knows. */
export function isCurrencyCode(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  return Intl.supportedValuesOf('currency').includes(code);
}

/**
 * Parses a decimal string such as "1234.5" or "1 234,50" into minor units without floating point.
 * Strict on purpose, for an amount someone typed as an amount: one decimal separator, no symbols, no
 * more decimals than the currency has; anything else throws. Spreadsheet cells need a lenient reading
 * instead (currency signs, "1.234,50" and "1,234.50", "1.500" with zeros past the cents) and get it
 * from the import's own `parseMoney` (customers/import/purchase-rows.ts), which answers 'invalid' for
 * a rejected row rather than throwing.
 */
export function parseMajor(text: string, currency: string): MinorUnits {
  const digits = currencyDigits(currency);
  const cleaned = text.replace(/[\s\u00a0\u202f']/g, '').replace(',', '.');
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(cleaned);
  if (!m) throw new RangeError(`"${text}" is not an amount`);
  const [, minus, whole = '0', frac = ''] = m;
  if (frac.length > digits) throw new RangeError(`"${text}" has more than ${digits} decimals for ${currency}`);
  const value = Number(whole) * 10 ** digits + Number(frac.padEnd(digits, '0') || '0');
  return assertMinor(minus ? -value : value);
}
