// Fingerprints: SHA-256 of secrets (stored instead of them) and of requests (for idempotency).
import { sha256 } from '../../platform/hashing.js';

export { sha256 };

/** JSON with object keys sorted, so the same data always has the same text (jsonb reorders keys). */
export function canonicalJson(value: unknown): string {
  try {
    return fastCanonical(value) as string;
  } catch (e) {
    if (e !== NOT_PLAIN) throw e;
    return referenceCanonicalJson(value);
  }
}

/**
 * The definition: the stored fingerprints were made with it, so `canonicalJson` must give the same text.
 * (Object.fromEntries puts array-index keys first, in numeric order — the fast path leaves such objects to it.)
 */
export function referenceCanonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    : v));
}

const NOT_PLAIN = Symbol('not plain JSON data');
const INDEX_KEY = /^(?:0|[1-9]\d*)$/;
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

// Plain JSON data (what a parsed request body is) written directly: ~3× faster than the replacer, which
// builds a sorted copy of every object. Anything else (toJSON, class instances, index-like keys) throws
// NOT_PLAIN and goes through the definition.
function fastCanonical(v: unknown): string | undefined {
  switch (typeof v) {
    case 'string': return JSON.stringify(v);
    case 'number': return JSON.stringify(v);
    case 'boolean': return v ? 'true' : 'false';
    case 'undefined': case 'function': case 'symbol': return undefined;
    case 'object': {
      if (v === null) return 'null';
      if (Array.isArray(v)) {
        if (Object.getPrototypeOf(v) !== Array.prototype) throw NOT_PLAIN;
        let out = '[';
        for (let i = 0; i < v.length; i++) {
          if (i > 0) out += ',';
          out += fastCanonical(v[i]) ?? 'null';
        }
        return `${out}]`;
      }
      const proto = Object.getPrototypeOf(v) as unknown;
      if (proto !== Object.prototype && proto !== null) throw NOT_PLAIN;
      if (typeof (v as { toJSON?: unknown }).toJSON === 'function') throw NOT_PLAIN;
      const keys = Object.keys(v);
      for (const k of keys) if (INDEX_KEY.test(k)) throw NOT_PLAIN;
      keys.sort(byCodeUnits);
      let out = '{';
      let first = true;
      for (const k of keys) {
        const text = fastCanonical((v as Record<string, unknown>)[k]);
        if (text === undefined) continue;
        out += `${first ? '' : ','}${JSON.stringify(k)}:${text}`;
        first = false;
      }
      return `${out}}`;
    }
    default: throw NOT_PLAIN; // bigint: the definition throws its own error
  }
}

/** The request's fingerprint for idempotency. */
export const requestHash = (body: unknown) => sha256(canonicalJson(body));
