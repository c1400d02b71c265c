// The key of identity documents. One 32-byte master key, from CUSTOMER_DOCUMENTS_KEY or, when that is
// unset on the embedded store, from DATA_DIR/documents.key (generated on first start, mode 0600); with an
// external PostgreSQL the key must be configured (see configureDocumentsKey). Two subkeys are derived from it
// with HKDF-SHA256 — one encrypts (AES-256-GCM), one makes the lookup hashes (HMAC-SHA256) — so the hash
// of a number never reveals anything about the encryption key. The database remembers the id of the key
// (a fingerprint, never the key): a node started with another key refuses to start instead of writing
// documents that the other nodes cannot read.
import { hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../../platform/db/database.js';
import { AppError, StartupError } from '../../../platform/errors.js';
import { sha256 } from '../../../platform/hashing.js';
import type { Logger } from '../../../platform/logging.js';
import '../tables.js';

export interface DocumentKeys { keyId: string; encryption: Buffer; lookup: Buffer }

export const KEY_FILE = 'documents.key';

export function deriveDocumentKeys(master: Buffer): DocumentKeys {
  if (master.length !== 32) throw new Error('the documents key must be 32 bytes');
  const sub = (info: string) => Buffer.from(hkdfSync('sha256', master, 'regulars/customers', info, 32));
  return {
    keyId: sha256(sub('key id')).slice(0, 16),
    encryption: sub('documents encryption v1'),
    lookup: sub('documents lookup v1'),
  };
}

/** 64 hexadecimal characters, or 32 bytes in base64 / base64url. */
export function parseDocumentsKey(text: string): Buffer {
  const t = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(t)) return Buffer.from(t, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(t)) {
    const b = Buffer.from(t.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (b.length === 32) return b;
  }
  throw new StartupError('CUSTOMER_DOCUMENTS_KEY must be 32 bytes written as 64 hexadecimal characters (e.g. from `openssl rand -hex 32`) or as base64');
}

/**
 * Reads DATA_DIR/documents.key, creating it (mode 0600) on first start. The new key is written to a
 * temporary file and linked into place, which fails if the file exists: a process starting at the same
 * moment reads the winner's complete key, never a half-written one.
 */
export function loadOrCreateKeyFile(dataDir: string, log?: Logger): Buffer {
  const file = path.join(dataDir, KEY_FILE);
  fs.mkdirSync(dataDir, { recursive: true });
  if (!fs.existsSync(file)) {
    const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    fs.writeFileSync(temporary, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    try {
      fs.linkSync(temporary, file);
      log?.info({ file }, 'generated the identity documents key; back it up with the data — documents cannot be read without it');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    } finally {
      fs.rmSync(temporary, { force: true });
    }
  }
  const mode = fs.statSync(file).mode & 0o777;
  if (mode & 0o077) {
    fs.chmodSync(file, 0o600);
    log?.warn({ file, mode: mode.toString(8) }, 'the documents key file was readable by others; its mode is now 0600');
  }
  return parseDocumentsKey(fs.readFileSync(file, 'utf8'));
}

let current: DocumentKeys | null = null;

/** Sets the key this process uses (start-up and tests). */
export function useDocumentsKey(master: Buffer): DocumentKeys {
  current = deriveDocumentKeys(master);
  return current;
}

export function documentKeys(): DocumentKeys {
  if (!current) throw new AppError('documents_key_missing', 'Identity documents are unavailable: this server has no documents key (set CUSTOMER_DOCUMENTS_KEY)', {}, 'unavailable');
  return current;
}

/**
 * Loads the key by the documented rule and checks it against the database: CUSTOMER_DOCUMENTS_KEY when
 * set; otherwise, on the embedded store, DATA_DIR/documents.key (generated once); otherwise (an external
 * PostgreSQL, possibly several nodes on several machines) no key — a key file per machine would encrypt
 * with different keys — so documents answer 503 until the operator sets one, and the start says so.
 * The first node to start records its key id; a different key is refused while documents encrypted
 * with the recorded one exist.
 */
export async function configureDocumentsKey(db: Db, config: { CUSTOMER_DOCUMENTS_KEY?: string | undefined; DATABASE_URL?: string | undefined; dataDir: string }, log?: Logger): Promise<void> {
  if (!config.CUSTOMER_DOCUMENTS_KEY && config.DATABASE_URL) {
    current = null;
    log?.warn('identity documents are disabled: with DATABASE_URL, set CUSTOMER_DOCUMENTS_KEY (the same on every node)');
    return;
  }
  const master = config.CUSTOMER_DOCUMENTS_KEY ? parseDocumentsKey(config.CUSTOMER_DOCUMENTS_KEY) : loadOrCreateKeyFile(config.dataDir, log);
  const keys = deriveDocumentKeys(master);
  await db.insertInto('customer_documents_key').values({ key_id: keys.keyId }).onConflict((oc) => oc.column('singleton').doNothing()).execute();
  const recorded = await db.selectFrom('customer_documents_key').select('key_id').executeTakeFirstOrThrow();
  if (recorded.key_id !== keys.keyId) {
    const written = await db.selectFrom('customer_documents').select('id').where('key_id', '<>', keys.keyId).limit(1).executeTakeFirst();
    if (written) {
      const where = config.CUSTOMER_DOCUMENTS_KEY ? 'CUSTOMER_DOCUMENTS_KEY' : `${path.join(config.dataDir, KEY_FILE)} (generated because CUSTOMER_DOCUMENTS_KEY is unset)`;
      throw new StartupError(`The identity documents in this database were encrypted with key ${recorded.key_id}, but this node has key ${keys.keyId} from ${where}. Start with the key they were written with (CUSTOMER_DOCUMENTS_KEY, or the DATA_DIR/${KEY_FILE} of the store they were written on).`);
    }
    await db.updateTable('customer_documents_key').set({ key_id: keys.keyId }).execute();
  }
  current = keys;
}
