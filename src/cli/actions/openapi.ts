// `regulars openapi`, loaded when the command runs (see commands/openapi.ts).
import pg from 'pg';
import { buildApp } from '../../app/server.js';
import { Kysely, PostgresDialect } from 'kysely';
import { createLogger } from '../../platform/logging.js';
import type { Database } from '../../platform/db/schema.js';
import { systemClock } from '../../platform/time.js';
import { uuidV7Ids } from '../../platform/ids.js';

/** The OpenAPI document, built from the route schemas without touching a database. */
export async function openApiDocument(): Promise<unknown> {
  // A pool that is never used: building the routes needs one, serving the document does not.
  const pool = new pg.Pool({ connectionString: 'postgres://unused@127.0.0.1:1/unused' });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const app = await buildApp({
    ctx: { db, clock: systemClock, ids: uuidV7Ids, log: createLogger('silent', false) }, pool, storeKind: 'embedded', serveWeb: false,
    sessionTtlHours: 1, loginMaxFailures: 5, cookieSecure: false, trustProxy: false,
  });
  await app.ready();
  const doc = app.swagger();
  await app.close();
  await pool.end();
  return doc;
}

/** `regulars openapi`: prints the document. */
export async function printOpenApi(): Promise<void> {
  process.stdout.write(`${JSON.stringify(await openApiDocument(), null, 2)}\n`);
}
