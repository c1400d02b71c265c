// Operator commands (import, report, user add, apikey create) given an organization id that is not in the store: a clear message naming
// --organization and exit code 2, never a stack trace, and nothing written.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/app.js';
import { runCli } from './support/process.js';

// Each run starts a real `regulars` process from the TypeScript sources (~2 s of CPU).
const CLI_TIMEOUT = 120_000;
const UNKNOWN = '0190a3c4-0000-7000-8000-000000000001';

let t: TestApp;
let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regulars-cli-org-'));
  env = { DATABASE_URL: t.db.url, DATA_DIR: dir };
});
afterAll(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('an unknown --organization', () => {
  it('import customers answers with the option named, exit 2, and no import session', async () => {
    const file = path.join(dir, 'customers.csv');
    fs.writeFileSync(file, 'Фамилия;Телефон\nПетрова;+372 5123 4568\n');
    const run = await runCli(['import', 'customers', file, '--organization', UNKNOWN], env);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr.trim()).toBe(`--organization: there is no organization with id ${UNKNOWN} in this store`);
    const { rows } = await t.db.pool.query('SELECT count(*)::int AS n FROM import_sessions');
    expect(rows).toEqual([{ n: 0 }]);
  }, CLI_TIMEOUT);

  it('report answers with the option named and exit 2', async () => {
    const run = await runCli(['report', 'all', '--organization', UNKNOWN], env);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr.trim()).toBe(`--organization: there is no organization with id ${UNKNOWN} in this store`);
    expect(run.stdout).toBe('');
  }, CLI_TIMEOUT);

  it('user add and apikey create answer with the option named and exit 2, and add no one', async () => {
    const user = await runCli(['user', 'add', '--organization', UNKNOWN, '--email', 'new@example.com', '--name', 'New'], env);
    expect(user.code, user.stderr).toBe(2);
    expect(user.stderr.trim()).toBe(`--organization: there is no organization with id ${UNKNOWN} in this store`);
    const key = await runCli(['apikey', 'create', '--organization', UNKNOWN, '--outlet', UNKNOWN], env);
    expect(key.code, key.stderr).toBe(2);
    expect(key.stderr.trim()).toBe(`--organization: there is no organization with id ${UNKNOWN} in this store`);
    const { rows } = await t.db.pool.query(`SELECT count(*)::int AS n FROM staff WHERE email = 'new@example.com'`);
    expect(rows).toEqual([{ n: 0 }]);
  }, CLI_TIMEOUT);
});
