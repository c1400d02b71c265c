// Named prepared statements for the checkout's hot queries. PostgreSQL spends more time planning the
// snapshot and write statements (many CTEs and sub-selects) than running them: measured here, the same
// snapshot query serves ~1.1k/s unnamed and ~6.7k/s as a named statement planned once per connection.
// Kysely sends every query unnamed, so this helper gives the compiled query to `pg` as
// `{ name, text }` — pg's own QueryConfig — through Kysely's executor (so transactions still work).
// It relies on Kysely's Postgres driver passing `compiledQuery.sql` straight to `client.query` (true
// for kysely 0.28, pinned ~0.28.8); prepared.test.ts fails if that ever changes. Belongs in
// platform/db eventually.
import { createHash } from 'node:crypto';
import { CompiledQuery, type QueryResult, type RawBuilder } from 'kysely';
import type { Db } from '../../platform/db/database.js';

const names = new Map<string, string>();

function nameOf(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `loyalty_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    if (names.size > 1000) names.clear(); // dynamic statements have few shapes; this only bounds a bug
    names.set(text, name);
  }
  return name;
}

function run<R>(db: Db, config: { name: string; text: string }, parameters: readonly unknown[]): Promise<QueryResult<R>> {
  return db.executeQuery<R>({ ...CompiledQuery.raw('', [...parameters]), sql: config as unknown as string });
}

export async function executePrepared<R>(db: Db, query: RawBuilder<R>): Promise<QueryResult<R>> {
  const compiled = query.compile(db);
  return run<R>(db, { name: nameOf(compiled.sql), text: compiled.sql }, compiled.parameters);
}

/** A statement whose text never changes (parameters numbered by hand), named once. */
export interface Statement { readonly name: string; readonly text: string }

export const statement = (text: string): Statement => ({ name: nameOf(text), text });

/** Runs a fixed statement: no query compilation, and the text is hashed for its name only once. */
export function executeStatement<R>(db: Db, s: Statement, values: readonly unknown[]): Promise<QueryResult<R>> {
  return run<R>(db, { name: s.name, text: s.text }, values);
}
