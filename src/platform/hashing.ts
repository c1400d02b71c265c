// SHA-256 as lowercase hex: stored fingerprints of secrets (session tokens, API keys), migration
// checksums, key ids. One definition, so every fingerprint of the same bytes is the same text.
import { createHash } from 'node:crypto';

/** SHA-256 of a string's UTF-8 bytes, or of the bytes given, as 64 lowercase hex characters. */
export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
