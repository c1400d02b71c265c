import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
export { sql };

// Column types the driver must not guess: int8 counts and amounts come back as JS numbers (checked to be
// safe integers), `date` stays a "YYYY-MM-DD" string (a Date would shift it by the process time zone).
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`bigint ${value} is beyond the safe integer range`);
  return n;
});
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

export interface DbHandle {
  db: Db;
  pool: pg.Pool;
  close(): Promise<void>;
}

export function connect(url: string, poolSize = 10): DbHandle {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, idleTimeoutMillis: 30_000, application_name: 'regulars' });
  // A dropped idle connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    pool,
    close: async () => {
      await db.destroy();
    },
  };
}

/** Runs `fn` in one transaction; serialization failures and deadlocks are retried a few times. */
export async function inTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>, options: { isolation?: 'read committed' | 'repeatable read' | 'serializable'; retries?: number } = {}): Promise<T> {
  const retries = options.retries ?? 3;
  for (let attempt = 0; ; attempt++) {
    try {
      let builder = db.transaction();
      if (options.isolation) builder = builder.setIsolationLevel(options.isolation);
      return await builder.execute(fn);
    } catch (e) {
      const code = (e as { code?: string }).code;
      if ((code === '40001' || code === '40P01') && attempt < retries) continue;
      throw e;
    }
  }
}

/**
 * A deadlock or serialization failure: PostgreSQL rolled the transaction back and the same request may
 * simply run again (safe for idempotent operations such as the checkout's, keyed by the client's id).
 */
export function isRetryableConflict(e: unknown): boolean {
  const code = (e as { code?: string }).code;
  return code === '40P01' || code === '40001';
}

/** PostgreSQL unique-violation, for turning a race into a clean conflict answer. */
export function isUniqueViolation(e: unknown, constraint?: string): boolean {
  const err = e as { code?: string; constraint?: string };
  return err.code === '23505' && (constraint === undefined || err.constraint === constraint);
}
