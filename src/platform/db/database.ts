import { AsyncLocalStorage } from 'node:async_hooks';
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

/**
 * What to do when code inside `inTransaction` (or `holdingConnection`) asks the pool for a connection (a
 * query through `ctx.db` instead of `tx`): that query escapes the transaction, and with the pool full of
 * such requests each waits for a connection only they could free — the server hangs, and PostgreSQL sees
 * no deadlock.
 */
export type TxGuard = 'off' | 'warn' | 'throw';

// Set only for transactions on a guarded pool; production pools are unguarded and pay nothing for it.
const txScope = new AsyncLocalStorage<{ open: boolean }>();
const guardedDbs = new WeakMap<Db, 'warn' | 'throw'>();
const guardedPools = new WeakSet<pg.Pool>();

export class PoolInTransactionError extends Error {
  constructor() {
    super('a query went to the pool while its code holds a transaction: pass the transaction ({ ...ctx, db: tx }) instead');
  }
}

function violation(mode: 'warn' | 'throw'): void {
  const e = new PoolInTransactionError();
  if (mode === 'throw') throw e;
  process.emitWarning(e); // printed on stderr by Node (with its stack under --trace-warnings)
}

function guardPool(pool: pg.Pool, mode: 'warn' | 'throw'): void {
  const checkout = pool.connect.bind(pool) as (...args: unknown[]) => unknown;
  // pool.query checks out through this.connect as well, so both paths pass here.
  (pool as { connect: unknown }).connect = (...args: unknown[]) => {
    if (txScope.getStore()?.open) violation(mode);
    return checkout(...args);
  };
}

/**
 * For cached reads (a hit touches no connection, so only a miss would trip the guard): checks on every
 * call that `db` is not the pool while the caller holds a transaction. Unguarded: one WeakMap look-up.
 */
export function assertNotPoolInTransaction(db: Db): void {
  const mode = guardedDbs.get(db);
  if (mode && txScope.getStore()?.open) violation(mode);
}

export function connect(url: string, poolSize = 10, options: { txGuard?: TxGuard } = {}): DbHandle {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, idleTimeoutMillis: 30_000, application_name: 'regulars' });
  // A dropped idle connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const guard = options.txGuard ?? 'off';
  if (guard !== 'off') {
    guardPool(pool, guard);
    guardedPools.add(pool);
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  if (guard !== 'off') guardedDbs.set(db, guard);
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
      return await builder.execute(guardedDbs.has(db) ? (tx) => guarded(fn, tx) : fn);
    } catch (e) {
      const code = (e as { code?: string }).code;
      if ((code === '40001' || code === '40P01') && attempt < retries) continue;
      throw e;
    }
  }
}

async function guarded<T>(fn: (tx: Tx) => Promise<T>, tx: Tx): Promise<T> {
  const scope = { open: true };
  try {
    return await txScope.run(scope, fn, tx);
  } finally {
    scope.open = false; // work started inside and still running after the commit may use the pool
  }
}

/**
 * Runs `fn` while it holds a connection checked out of `pool` by hand (a COPY, a report's snapshot): on a
 * guarded pool, a query that asks the pool for another connection inside it trips the guard as inside
 * `inTransaction`. On an unguarded pool it simply calls `fn`.
 */
export function holdingConnection<T>(pool: pg.Pool, fn: () => Promise<T>): Promise<T> {
  if (!guardedPools.has(pool)) return fn();
  const scope = { open: true };
  return txScope.run(scope, fn).finally(() => { scope.open = false; });
}

/** A second connection taken on purpose while holding one, with a bounded wait (never a queue behind ourselves). */
export function spareConnection<T>(fn: () => T): T {
  return txScope.exit(fn);
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
