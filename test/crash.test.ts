// SIGKILL on a serving node with the embedded store: every acknowledged write survives, no PostgreSQL
// process or lock is left behind, and the next start recovers by itself.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { login, startServer } from './support/process.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'regulars-crash-'));
fs.chmodSync(dataDir, 0o755);
const env = { DATA_DIR: dataDir, REGULARS_OWNER_EMAIL: 'owner@crash.example', REGULARS_OWNER_PASSWORD: 'crash test password' };

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

interface Outlets { items: { name: string; merchantId: string }[] }

function postgresProcessesFor(dir: string): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmd.includes('postgres') && cmd.includes(dir)) pids.push(Number(entry));
    } catch { /* gone */ }
  }
  return pids;
}

async function waitFor(predicate: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (predicate()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return predicate();
}

describe.skipIf(process.platform !== 'linux')('SIGKILL during writes (embedded store)', () => {
  it('keeps every acknowledged row and leaves no PostgreSQL behind, three times over', async () => {
    const acknowledged: string[] = [];
    for (let round = 0; round < 3; round++) {
      const server = await startServer(env);
      const cookie = await login(server.baseUrl, 'owner@crash.example', 'crash test password');
      const me = (await (await fetch(`${server.baseUrl}/api/outlets`, { headers: { cookie } })).json()) as Outlets;
      const merchantId = me.items[0]!.merchantId;
      // Verify everything acknowledged before the previous kill is still there, exactly once.
      const names = me.items.map((o: { name: string }) => o.name);
      for (const name of acknowledged) expect(names.filter((n: string) => n === name)).toHaveLength(1);

      let stop = false;
      const writers = Array.from({ length: 4 }, async (_, w) => {
        for (let i = 0; !stop; i++) {
          const name = `r${round}-w${w}-${i}`;
          try {
            const res = await fetch(`${server.baseUrl}/api/outlets`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ merchantId, name, kind: 'pos' }) });
            if (res.status === 201) acknowledged.push(name);
          } catch {
            return; // the server died mid-request: not acknowledged
          }
        }
      });
      await new Promise((r) => setTimeout(r, 300 + Math.random() * 700));
      await server.kill('SIGKILL');
      stop = true;
      await Promise.all(writers);
      const gone = await waitFor(() => postgresProcessesFor(dataDir).length === 0, 15_000);
      expect(gone, `postgres processes left: ${postgresProcessesFor(dataDir).join(', ')}`).toBe(true);
    }
    expect(acknowledged.length).toBeGreaterThan(10);
    const last = await startServer(env);
    const cookie = await login(last.baseUrl, 'owner@crash.example', 'crash test password');
    const names = ((await (await fetch(`${last.baseUrl}/api/outlets`, { headers: { cookie } })).json()) as Outlets).items.map((o: { name: string }) => o.name);
    for (const name of acknowledged) expect(names.filter((n: string) => n === name)).toHaveLength(1);
    await last.kill('SIGTERM');
    expect(await waitFor(() => postgresProcessesFor(dataDir).length === 0, 15_000)).toBe(true);
    expect(fs.existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
  }, 180_000);
});

describe.skipIf(process.platform !== 'linux')('SIGKILL of npm itself', () => {
  it('stops the server and its PostgreSQL when the npm process that launched them is killed', async () => {
    const { spawn } = await import('node:child_process');
    const { freePort, root } = await import('./support/process.js');
    const port = await freePort();
    const npm = spawn('npm', ['run', 'dev'], { cwd: root, env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    npm.stdout.on('data', (d: Buffer) => (out += d.toString()));
    expect(await waitFor(() => out.includes('Regulars is serving'), 60_000)).toBe(true);
    expect(postgresProcessesFor(dataDir).length).toBeGreaterThan(0);
    npm.kill('SIGKILL');
    expect(await waitFor(() => postgresProcessesFor(dataDir).length === 0, 15_000)).toBe(true);
    // and the next start finds the data directory free
    const again = await startServer(env);
    expect((await fetch(`${again.baseUrl}/health`)).status).toBe(200);
    await again.kill('SIGTERM');
  }, 120_000);
});
