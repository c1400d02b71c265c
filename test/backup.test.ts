// backup → change → restore on the embedded store, through the operator's CLI.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '../src/platform/db/embedded.js';
import { login, runCli, startServer } from './support/process.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'regulars-backup-'));
fs.chmodSync(dataDir, 0o755);
const env = { DATA_DIR: dataDir };
const file = path.join(dataDir, 'backup.regulars.gz');

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

async function query<T extends pg.QueryResultRow>(sqlText: string): Promise<T[]> {
  const server = await startEmbeddedPostgres({ dataDir });
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  try {
    return (await client.query<T>(sqlText)).rows;
  } finally {
    await client.end();
    await server.stop();
  }
}

describe('regulars backup / restore (embedded store)', () => {
  it('restores exactly what was backed up, undoing later changes', async () => {
    expect((await runCli(['demo'], env)).code).toBe(0);
    const staffBefore = await query<{ email: string }>('SELECT email FROM staff ORDER BY email');
    expect(staffBefore.length).toBeGreaterThanOrEqual(8);
    const [org] = await query<{ id: string }>("SELECT id FROM organizations WHERE name = 'Nord Wear'");

    const backup = await runCli(['backup', file], env);
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/backup written to .*: \d+ tables, \d+ rows, schema \d{12}_\w+/);

    const added = await runCli(['user', 'add', '--organization', org!.id, '--email', 'late@nordwear.demo', '--name', 'Late Hire', '--role', 'cashier'], env);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toMatch(/added late@nordwear.demo \(cashier\) with password \S{10,}/);

    const restored = await runCli(['restore', file], env);
    expect(restored.code, restored.stderr).toBe(0);
    const staffAfter = await query<{ email: string }>('SELECT email FROM staff ORDER BY email');
    expect(staffAfter).toEqual(staffBefore);
  }, 120_000);

  it('refuses a file that is not a backup and keeps the data', async () => {
    const bogus = path.join(dataDir, 'bogus.gz');
    fs.writeFileSync(bogus, 'hello');
    const res = await runCli(['restore', bogus], env);
    expect(res.code).not.toBe(0);
    const staff = await query<{ n: number }>('SELECT count(*)::int AS n FROM staff');
    expect(staff[0]!.n).toBeGreaterThanOrEqual(8);
  }, 60_000);

  it('backs up and adds users while the server is serving, and refuses to restore under it', async () => {
    const server = await startServer(env);
    try {
      const live = await runCli(['backup', path.join(dataDir, 'live.gz')], env);
      expect(live.code, live.stderr).toBe(0);
      const cookie = await login(server.baseUrl, 'owner@nordwear.demo', 'demo-password');
      const org = (await (await fetch(`${server.baseUrl}/api/organization`, { headers: { cookie } })).json()) as { id: string };
      const added = await runCli(['user', 'add', '--organization', org.id, '--email', 'live@nordwear.demo', '--name', 'Live', '--password', 'live password 1'], env);
      expect(added.code, added.stderr).toBe(0);
      await login(server.baseUrl, 'live@nordwear.demo', 'live password 1');
      const restore = await runCli(['restore', path.join(dataDir, 'live.gz')], env);
      expect(restore.code).toBe(2);
      expect(restore.stderr).toContain('Regulars is serving from this data directory; stop it first');
      expect((await fetch(`${server.baseUrl}/health`)).status).toBe(200);
    } finally {
      await server.kill('SIGTERM');
    }
  }, 90_000);

  it('explains a bad option in one line', async () => {
    const res = await runCli(['user', 'add', '--organization', 'nope', '--email', 'x@y.example', '--name', 'X'], env);
    expect(res.code).toBe(2);
    expect(res.stderr.trim()).toBe('--organization: "nope" is not an organization id (a UUID; see Settings → Organization)');
  });
});
