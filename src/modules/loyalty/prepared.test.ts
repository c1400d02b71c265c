// executePrepared relies on Kysely handing `compiledQuery.sql` to pg unchanged; if an upgrade breaks that,
// the checkout silently loses its plan cache (six times slower), so this test fails instead.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../platform/db/database.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/db.js';
import { executePrepared, executeStatement, statement } from './prepared.js';

let db: TestDatabase;
beforeAll(async () => { db = await createTestDatabase(); });
afterAll(() => db.drop());

describe('executePrepared', () => {
  it('runs the query as a named prepared statement on the connection, with its parameters', async () => {
    await inTransaction(db.db, async (tx) => {
      const { rows } = await executePrepared(tx, sql<{ x: number; y: string }>`SELECT ${41}::int + 1 AS x, ${'text'}::text AS y`);
      expect(rows).toEqual([{ x: 42, y: 'text' }]);
      await executePrepared(tx, sql<{ x: number }>`SELECT ${41}::int + 1 AS x, ${'other'}::text AS y`);
      const prepared = await sql<{ name: string; statement: string; generic_plans: number; custom_plans: number }>`SELECT name, statement, generic_plans, custom_plans FROM pg_prepared_statements`.execute(tx);
      const mine = prepared.rows.filter((p) => p.name.startsWith('loyalty_') && p.statement.includes('AS x'));
      expect(mine).toHaveLength(1);
      expect(Number(mine[0]!.generic_plans) + Number(mine[0]!.custom_plans)).toBe(2);
    });
  });

  it('runs a fixed statement by its name, binding a parameter once for every place it appears', async () => {
    const twice = statement('SELECT $1::int + $1::int AS x, $2::text AS y');
    await inTransaction(db.db, async (tx) => {
      expect((await executeStatement<{ x: number; y: string }>(tx, twice, [20, 'a'])).rows).toEqual([{ x: 40, y: 'a' }]);
      expect((await executeStatement<{ x: number; y: string }>(tx, twice, [1, 'b'])).rows).toEqual([{ x: 2, y: 'b' }]);
      const prepared = await sql<{ name: string }>`SELECT name FROM pg_prepared_statements WHERE statement = ${twice.text}`.execute(tx);
      expect(prepared.rows.map((r) => r.name)).toEqual([twice.name]);
    });
  });
});
