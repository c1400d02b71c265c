// The test databases' pools are guarded (test/support/db.ts): code that holds a transaction, or a
// connection checked out by hand, and sends a query through the pool fails the test at once — instead of
// escaping its transaction, or, with a busy pool, hanging the server for good.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertNotPoolInTransaction, connect, holdingConnection, inTransaction, PoolInTransactionError, spareConnection, sql } from '../src/platform/db/database.js';
import { createTestDatabase, type TestDatabase } from './support/db.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await sql`CREATE TABLE guard_probe (n int NOT NULL)`.execute(t.db);
});
afterAll(() => t.drop());

const count = async () => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM guard_probe`.execute(t.db)).rows[0]!.n);

describe('the pool guard', () => {
  it('fails a pool query inside a transaction, and the transaction rolls back whole', async () => {
    const before = await count();
    const attempt = inTransaction(t.db, async (tx) => {
      await sql`INSERT INTO guard_probe VALUES (1)`.execute(tx);
      await sql`INSERT INTO guard_probe VALUES (2)`.execute(t.db); // the pool: a second connection, outside the transaction
    });
    await expect(attempt).rejects.toBeInstanceOf(PoolInTransactionError);
    expect(await count()).toBe(before);
  });

  it('also through a raw pool query, and in work started inside the transaction', async () => {
    await expect(inTransaction(t.db, async () => { await t.pool.query('SELECT 1'); })).rejects.toBeInstanceOf(PoolInTransactionError);
    await expect(inTransaction(t.db, async () => {
      await Promise.all([1, 2].map(async (n) => { await Promise.resolve(); await sql`SELECT ${n}::int`.execute(t.db); }));
    })).rejects.toBeInstanceOf(PoolInTransactionError);
  });

  it('lets the transaction use its own connection, and the pool once it is over', async () => {
    let later: Promise<number> = Promise.resolve(-1);
    const ok = await inTransaction(t.db, async (tx) => {
      await sql`INSERT INTO guard_probe VALUES (4)`.execute(tx);
      // Started inside, runs after the commit (e.g. a notification): by then nothing is held.
      later = new Promise((resolve) => setTimeout(resolve, 20)).then(() => count());
      return (await sql<{ n: string }>`SELECT count(*) AS n FROM guard_probe`.execute(tx)).rows[0]!.n;
    });
    expect(Number(ok)).toBe(1);
    expect(await later).toBe(1);
  });

  it('catches a cached read given the pool inside a transaction even when the cache answers', async () => {
    // orgSettings and loadProgram call this on every call: a warm cache would hide the pool until it ran out.
    await expect(inTransaction(t.db, async () => assertNotPoolInTransaction(t.db))).rejects.toBeInstanceOf(PoolInTransactionError);
    await inTransaction(t.db, async (tx) => assertNotPoolInTransaction(tx));
    assertNotPoolInTransaction(t.db);
  });

  it('covers a connection checked out by hand, except a spare one taken on purpose', async () => {
    const client = await t.pool.connect();
    try {
      await expect(holdingConnection(t.pool, () => count())).rejects.toBeInstanceOf(PoolInTransactionError);
      const spare = await holdingConnection(t.pool, () => spareConnection(() => t.pool.connect()));
      spare.release();
      expect(await holdingConnection(t.pool, async () => (await client.query('SELECT 1 AS one')).rows[0].one)).toBe(1);
    } finally {
      client.release();
    }
  });

  it('is off unless asked for: a pool made without it lets such a query through', async () => {
    const plain = connect(t.url, 2);
    try {
      expect(await inTransaction(plain.db, async () => (await sql<{ one: number }>`SELECT 1 AS one`.execute(plain.db)).rows[0]!.one)).toBe(1);
      expect(await holdingConnection(plain.pool, async () => (await plain.pool.query('SELECT 1 AS one')).rows[0].one)).toBe(1);
    } finally {
      await plain.close();
    }
  });
});
