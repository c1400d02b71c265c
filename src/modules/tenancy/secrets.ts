// Passwords are hashed with argon2id; session tokens and API keys are long random secrets, so a plain
// SHA-256 of them is enough to store (and cheap enough to check on every request).
import { hash, verify } from '@node-rs/argon2';
import { randomBytes, timingSafeEqual } from 'node:crypto';

export const hashPassword = (password: string) => hash(password);

// Verifying against a fixed hash when the e-mail is unknown keeps the answer time the same,
// so response times do not reveal which e-mails have accounts.
let dummyHash: Promise<string> | null = null;
export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (passwordHash === null) {
    dummyHash ??= hash('not-a-real-password');
    await verify(await dummyHash, password);
    return false;
  }
  return verify(passwordHash, password);
}

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function newApiKey(): { key: string; prefix: string } {
  const prefix = randomBytes(6).toString('hex');
  return { key: `rk_${prefix}_${randomBytes(24).toString('base64url')}`, prefix };
}

export function apiKeyPrefix(key: string): string | null {
  const m = /^rk_([0-9a-f]{12})_[A-Za-z0-9_-]{32}$/.exec(key);
  return m ? (m[1] ?? null) : null;
}

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

export function generatePassword(): string {
  return randomBytes(12).toString('base64url');
}
