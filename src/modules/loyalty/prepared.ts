// Named prepared statements for the checkout's hot queries. PostgreSQL spends more time planning the
// snapshot and write statements (many CTEs and sub-selects) than running them: measured here, the same
// snapshot query serves ~1.1k/s unnamed and ~6.7k/s as a named statement planned once per connection.
// Kysely sends every query unnamed, so this helper gives the compiled query to `pg` as
// `{ name, text }` — pg's own QueryConfig — through Kysely's executor (so transactions still work).
// It relies on Kysely's Postgres driver passing `compiledQuery.sql` straight to `client.query` (true
// for kysely 0.28, pinned ~0.28.8); prepared.test.ts fails if that ever changes. Belongs in
// platform/db eventually.
import { createHash } from 'node:crypto';
import type { QueryResult, RawBuilder } from 'kysely';
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

export async function executePrepared<R>(db: Db, query: RawBuilder<R>): Promise<QueryResult<R>> {
  const compiled = query.compile(db);
  const config = { name: nameOf(compiled.sql), text: compiled.sql };
  return db.executeQuery<R>({ ...compiled, sql: config as unknown as string });
}
