// AES-256-GCM for the document fields and HMAC-SHA256 for finding a number without decrypting.
// The associated data binds a ciphertext to its organization and document id, so a row copied into
// another document or organization does not decrypt.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { AppError } from '../../../platform/errors.js';
import type { DocumentKeys } from './keys.js';

const NONCE = 12;
const TAG = 16;

export function encryptFields(keys: DocumentKeys, aad: string, fields: Record<string, unknown>): Buffer {
  const nonce = randomBytes(NONCE);
  const cipher = createCipheriv('aes-256-gcm', keys.encryption, nonce);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(JSON.stringify(fields), 'utf8'), cipher.final()]);
  return Buffer.concat([nonce, body, cipher.getAuthTag()]);
}

export function decryptFields(keys: DocumentKeys, aad: string, payload: Buffer): Record<string, unknown> {
  try {
    const decipher = createDecipheriv('aes-256-gcm', keys.encryption, payload.subarray(0, NONCE));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(payload.subarray(payload.length - TAG));
    const plain = Buffer.concat([decipher.update(payload.subarray(NONCE, payload.length - TAG)), decipher.final()]);
    return JSON.parse(plain.toString('utf8')) as Record<string, unknown>;
  } catch {
    throw new AppError('document_unreadable', 'This document cannot be decrypted with the key this server has', {}, 'unavailable');
  }
}

/** The lookup hash of a normalized number, per organization (the same passport in two businesses hashes differently). */
export function lookupHash(keys: DocumentKeys, organizationId: string, normalized: string): Buffer {
  return createHmac('sha256', keys.lookup).update(`${organizationId}\u0000${normalized}`, 'utf8').digest();
}
