import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, readMigrations, schemaVersion, SchemaTooNewError } from '../src/platform/db/migrate.js';
import { createTestDatabase, type TestDatabase } from './support/db.js';

let db: TestDatabase;
beforeAll(async () => { db = await createTestDatabase(); });
afterAll(() => db.drop());

describe('migrations', () => {
  it('are applied once, under a lock, however many nodes start together', async () => {
    const results = await Promise.all([migrate(db.pool), migrate(db.pool), migrate(db.pool)]);
    expect(results.every((r) => r.applied.length === 0)).toBe(true); // the template was migrated already
    const latest = readMigrations().at(-1)!;
    expect(await schemaVersion(db.pool)).toBe(`${latest.version}_${latest.name}`);
  });

  it('refuse to run against a database that is newer than the code', async () => {
    await db.pool.query("INSERT INTO schema_migrations (version, name, checksum) VALUES ('299912312359', 'from_the_future', 'x')");
    await expect(migrate(db.pool)).rejects.toThrow(SchemaTooNewError);
    await expect(migrate(db.pool)).rejects.toThrow(/newer than the code/);
    await db.pool.query("DELETE FROM schema_migrations WHERE version = '299912312359'");
  });

  it('refuse a migration that was edited after it was applied', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regulars-migrations-'));
    for (const m of readMigrations()) fs.writeFileSync(path.join(dir, `${m.version}_${m.name}.sql`), `${m.sql}\n-- edited`);
    await expect(migrate(db.pool, { dir })).rejects.toThrow(/changed after it was applied/);
    fs.rmSync(dir, { recursive: true });
  });

  it('roll back a failing migration completely', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regulars-migrations-'));
    for (const m of readMigrations()) fs.writeFileSync(path.join(dir, `${m.version}_${m.name}.sql`), m.sql);
    fs.writeFileSync(path.join(dir, '299901010000_broken.sql'), 'CREATE TABLE half_done (id int); SELECT 1/0;');
    await expect(migrate(db.pool, { dir })).rejects.toThrow(/299901010000_broken failed: division by zero/);
    const { rows } = await db.pool.query("SELECT to_regclass('half_done') AS t");
    expect(rows[0].t).toBeNull();
    fs.rmSync(dir, { recursive: true });
  });
});
