// Forward-only SQL migrations: migrations/<timestamp>_<topic>.sql, applied in name order at start, each in
// its own transaction, under an advisory lock so several nodes starting together apply each exactly once.
// A database that has a migration this code does not know is newer than the code: we refuse to start.
import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { migrationsDir } from '../paths.js';
import { StartupError } from '../errors.js';
import { sha256 } from '../hashing.js';

export interface Migration { version: string; name: string; sql: string; checksum: string }

const LOCK_KEY = 0x5245_4755; // "REGU"

export function readMigrations(dir = migrationsDir): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{12}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((file) => {
      const sqlText = fs.readFileSync(path.join(dir, file), 'utf8');
      return {
        version: file.slice(0, 12),
        name: file.slice(13, -4),
        sql: sqlText,
        checksum: sha256(sqlText),
      };
    });
}

export class SchemaTooNewError extends StartupError {}

export interface MigrateResult { applied: string[]; version: string | null }

export async function migrate(pool: pg.Pool, options: { dir?: string; upTo?: string; onApply?: (m: Migration, index: number, total: number) => void } = {}): Promise<MigrateResult> {
  const all = readMigrations(options.dir);
  // `upTo` ("<version>_<name>") stops at that migration: a restore loads old rows into the old schema first.
  const stop = options.upTo === undefined ? all.length : all.findIndex((m) => `${m.version}_${m.name}` === options.upTo) + 1;
  if (stop === 0) throw new SchemaTooNewError(`This version of Regulars does not know schema version ${options.upTo}; upgrade Regulars first.`);
  const migrations = all.slice(0, stop);
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version text PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ version: string; name: string; checksum: string }>('SELECT version, name, checksum FROM schema_migrations ORDER BY version');
    const known = new Map(all.map((m) => [m.version, m]));
    for (const row of rows) {
      const mine = known.get(row.version);
      if (!mine) {
        throw new SchemaTooNewError(`The database has migration ${row.version}_${row.name}, which this version of Regulars does not know: the database is newer than the code. Upgrade Regulars before starting it on this database.`);
      }
      if (mine.checksum !== row.checksum) {
        throw new SchemaTooNewError(`Migration ${row.version}_${row.name} was changed after it was applied; migrations are forward-only — add a new one instead.`);
      }
    }
    const done = new Set(rows.map((r) => r.version));
    const pending = migrations.filter((m) => !done.has(m.version));
    const applied: string[] = [];
    for (const [i, m] of pending.entries()) {
      options.onApply?.(m, i, pending.length);
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [m.version, m.name, m.checksum]);
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${m.version}_${m.name} failed: ${(e as Error).message}`);
      }
      applied.push(`${m.version}_${m.name}`);
    }
    const last = migrations.at(-1);
    return { applied, version: last ? `${last.version}_${last.name}` : null };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => {});
    client.release();
  }
}

/** The schema version the database is at, for /health. */
export async function schemaVersion(pool: pg.Pool): Promise<string | null> {
  const { rows } = await pool.query<{ v: string }>("SELECT version || '_' || name AS v FROM schema_migrations ORDER BY version DESC LIMIT 1");
  return rows[0]?.v ?? null;
}
