// Real `regulars serve` processes for the crash and concurrency tests, started from a bundle of the
// current sources instead of through tsx: the crash test restarts a server twenty times, and loading
// the TypeScript sources through tsx costs 2-3 s per start (under 1 s from the bundle). The bundle is
// built fresh from src/ at the start of each test file (esbuild, ~0.5 s), so nothing depends on a
// stale dist/. It sits inside the repository (node_modules/.cache) because the server finds its
// migrations by walking up to package.json.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePort, root, type ServerProcess } from '../support/process.js';

export function buildServerBundle(): string {
  const dir = path.join(root, 'node_modules', '.cache', 'regulars-tests');
  fs.mkdirSync(dir, { recursive: true });
  const out = path.join(dir, `cli-${process.pid}-${Date.now()}.mjs`);
  execFileSync(path.join(root, 'node_modules', '.bin', 'esbuild'), [
    path.join(root, 'src', 'cli', 'main.ts'), '--bundle', '--platform=node', '--format=esm', '--packages=external', `--outfile=${out}`, '--log-level=warning',
  ], { cwd: root });
  return out;
}

export async function startBundledServer(bundle: string, env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const proc = spawn(process.execPath, [bundle, 'serve'], {
    cwd: root, env: { ...process.env, LOG_LEVEL: 'warn', LOG_PRETTY: 'false', PORT: String(port), HOST: '127.0.0.1', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (out += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 60 s:\n${out}`)), 60_000);
    const check = () => {
      if (out.includes('Regulars is serving')) {
        clearTimeout(timer);
        proc.stdout.off('data', check);
        proc.removeAllListeners('exit');
        resolve();
      }
    };
    proc.stdout.on('data', check);
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
  return {
    proc,
    baseUrl: `http://127.0.0.1:${port}`,
    output: () => out,
    kill: (signal = 'SIGTERM') => new Promise((resolve) => {
      if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
      proc.once('exit', () => resolve());
      proc.kill(signal);
    }),
  };
}
