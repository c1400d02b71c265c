// API keys resolved in the last few seconds, in this process. Every checkout request authenticates with
// an API key, and looking it up cost a round trip to PostgreSQL per request — a third of a calculate's
// database time. A key's row never changes except `revoked_at` and `last_used_at`, so the cache can
// only be stale about a revocation: revoking on this node forgets the key at once, and another node
// notices within API_KEY_CACHE_MS (documented in docs/ledger.md). Unknown and revoked keys are never
// cached, so a new key works at once everywhere and guessing fills no memory.
//
// The cache is keyed by the SHA-256 of the whole key (never the prefix alone), so a request must still
// present the full secret; entries expire by the process's monotonic clock, not the business clock
// (tests freeze that one).
/** How long a resolved key is trusted without asking the database: the bound on a revocation elsewhere. */
export const API_KEY_CACHE_MS = 5_000;
const LIMIT = 10_000;

export interface CachedApiKey {
  id: string;
  organizationId: string;
  outletId: string;
  /** The business clock's time of the last `last_used_at` write we know of (ms), to throttle those writes. */
  lastUsedAt: number | null;
}

const entries = new Map<string, { key: CachedApiKey; until: number }>();
/** Bumped by every revocation here, so a look-up that raced with it is not remembered. */
let generation = 0;

export const apiKeyGeneration = () => generation;

export function cachedApiKey(keyHash: string): CachedApiKey | null {
  const hit = entries.get(keyHash);
  if (!hit) return null;
  if (performance.now() >= hit.until) {
    entries.delete(keyHash);
    return null;
  }
  return hit.key;
}

/** `since`: apiKeyGeneration() from before the database look-up. */
export function rememberApiKey(keyHash: string, key: CachedApiKey, since: number): void {
  if (since !== generation) return;
  if (entries.size >= LIMIT) entries.delete(entries.keys().next().value as string);
  entries.set(keyHash, { key, until: performance.now() + API_KEY_CACHE_MS });
}

/** Called when a key is revoked on this node: it stops working here at once. */
export function forgetApiKey(id: string): void {
  generation++;
  for (const [hash, e] of entries) if (e.key.id === id) entries.delete(hash);
}
