// "Slipping away": valuable customers whose chance of still being a customer is low and falling.
//   valuable  among the top `valueShare` (20%) of modelled customers by value — past revenue, or the
//             predicted CLV
//   low       P(alive) now < `below` (0.5)
//   falling   P(alive) now ≤ P(alive) `lookback` ago − `minDrop` (0.1): long-gone customers, whose
//             P(alive) was already low, are lost rather than slipping and stay out of the list
// Customers with a single purchase have P(alive) = 1 in BG/NBD (nobody can drop out before a repeat
// purchase), so they never appear here; RFM's "about to sleep" and "lost" cover them.

export interface SlippingOptions {
  valueShare?: number; below?: number; minDrop?: number;
  /** Orders customers of equal value (default: input order). */
  tieBreak?: (p: number, q: number) => number;
}

export const DEFAULT_SLIPPING = { valueShare: 0.2, below: 0.5, minDrop: 0.1 } as const;

/** Indices of the slipping customers, most valuable first. NaN values (not modelled) never qualify. */
export function slippingAway(value: ArrayLike<number>, pAlive: ArrayLike<number>, pAlivePrevious: ArrayLike<number>, options: SlippingOptions = {}): number[] {
  const valueShare = options.valueShare ?? DEFAULT_SLIPPING.valueShare;
  const below = options.below ?? DEFAULT_SLIPPING.below;
  const minDrop = options.minDrop ?? DEFAULT_SLIPPING.minDrop;
  if (!(valueShare > 0 && valueShare <= 1)) throw new RangeError(`valueShare must be in (0, 1], got ${valueShare}`);
  if (!(below > 0 && below <= 1)) throw new RangeError(`below must be in (0, 1], got ${below}`);
  if (!(minDrop >= 0 && minDrop < 1)) throw new RangeError(`minDrop must be in [0, 1), got ${minDrop}`);
  const n = value.length;
  const modelled: number[] = [];
  for (let i = 0; i < n; i++) if (Number.isFinite(value[i] as number) && Number.isFinite(pAlive[i] as number)) modelled.push(i);
  const tieBreak = options.tieBreak ?? ((p: number, q: number) => p - q);
  modelled.sort((p, q) => (value[q] as number) - (value[p] as number) || tieBreak(p, q));
  const k = Math.max(0, Math.ceil(valueShare * modelled.length - 1e-9));
  return modelled.slice(0, k).filter((i) => {
    const now = pAlive[i] as number;
    const before = pAlivePrevious[i] as number;
    return now < below && Number.isFinite(before) && now <= before - minDrop + 1e-12;
  });
}
