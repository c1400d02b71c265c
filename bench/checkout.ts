// Checkout throughput beside ceilings measured in the same run, on the same server and the same embedded
// PostgreSQL. Ceilings (these routes exist only in this benchmark's Fastify instance, never in the API):
//   hello   — a hello-world route;
//   select  — reads one row by primary key, through Kysely like every product query;
//   insert  — inserts one row with a single statement (autocommit), through Kysely;
//   *_raw   — the same two through `pg` with a named prepared statement, the cheapest a query can be;
//   auth    — an authenticated no-op: what authenticating a checkout request with its API key costs alone.
//   read_floor / write_floor — the database work alone of calculate and confirm: the one statement
//             calculate reads with, and one statement writing the rows a confirm writes (bench/checkout-floor.ts).
// Then `calculate` (a 20-line receipt) and `confirm` (5 lines, a unique receipt id per request, a
// quarter of them spending points), authenticated with a POS API key as a till would be, over 400
// customers. autocannon (16 connections) runs in its own process. Besides req/s and latency, each
// route reports the CPU time per request of the server process and of PostgreSQL, which stays
// comparable when other work shares the machine.
//
// Usage: npm run bench:checkout [-- seconds]   (default 10 s per route). The last line is one JSON object.
// BENCH_POOL=n sets the server's PostgreSQL pool (default 16, one per connection).
// For profiling: BENCH_ROUTES=calculate,confirm runs only those routes (the JSON line then has only
// their figures), and BENCH_CPU_PROFILE=<dir> writes a V8 CPU profile of the server per route run
// (open it in Chrome DevTools or speedscope). The profiler samples wall time: time the server spends
// descheduled inside a socket write shows up as `writev`, so take CPU costs from the per-request figures.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../src/app/server.js';
import type { ServiceContext } from '../src/platform/context.js';
import { connect, sql } from '../src/platform/db/database.js';
import { startEmbeddedPostgres } from '../src/platform/db/embedded.js';
import { migrate } from '../src/platform/db/migrate.js';
import { uuidV7Ids } from '../src/platform/ids.js';
import { createLogger } from '../src/platform/logging.js';
import { systemClock } from '../src/platform/time.js';
import { createCustomer } from '../src/modules/customers/index.js';
import { exampleProgram } from '../src/modules/loyalty/domain/index.js';
import { checkLedger } from '../src/modules/loyalty/index.js';
import { issueCard } from '../src/modules/loyalty/cards.js';
import { adjustPoints } from '../src/modules/loyalty/customer-points.js';
import { createProgram } from '../src/modules/loyalty/programs.js';
import { createApiKey, createOrganization, type Actor } from '../src/modules/tenancy/index.js';
import { prepareFloors } from './checkout-floor.js';

const seconds = Number(process.argv[2] ?? 10);
const only = process.env.BENCH_ROUTES ? new Set(process.env.BENCH_ROUTES.split(',')) : null;
const profileDir = process.env.BENCH_CPU_PROFILE ?? null;
const CONNECTIONS = 16;
const CUSTOMERS = 400;

interface Load { rps: number; p50: number; p99: number; errors: number; non2xx: number; total: number }
interface Run extends Load { nodeUs: number; nodeSysUs: number; pgUs: number }

/** The receipt lines: calculate sends all 20, confirm the first 5. */
const LINES = `Array.from({ length: 20 }, (_, i) => ({ sku: 'SKU-' + i, productGroup: i % 4 === 0 ? 'food' : 'goods', quantity: 1 + (i % 3), unitPrice: 199 + i * 37, unitCost: 100 + i * 11 }))`;
const receiptLines = (new Function(`return ${LINES}`) as () => unknown[])();

/** The load generator, run as a separate Node process (plain CommonJS, evaluated from this string). */
const LOADER = `
const input = JSON.parse(process.env.BENCH_LOAD);
const autocannon = require(input.autocannon);
const { url, method, headers, kind, cards, seconds, connections, tag } = input;
let n = 0;
const lines = ${LINES};
const body = () => {
  const card = cards[n % cards.length];
  n++;
  if (kind === 'calculate') return JSON.stringify({ customer: { cardNumber: card }, lines, pointsToSpend: 50 });
  if (kind === 'confirm') return JSON.stringify({ receiptId: tag + '-' + n, customer: { cardNumber: card }, lines: lines.slice(0, 5), pointsToSpend: n % 4 === 0 ? 30 : 0 });
  return method === 'POST' ? '{"v":"x"}' : undefined;
};
const requests = [{ method, headers, setupRequest: (req) => { const b = body(); if (b !== undefined) req.body = b; return req; } }];
autocannon({ url, connections, duration: seconds, requests }, (err, r) => {
  if (err) throw err;
  process.stdout.write(JSON.stringify({ rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors, non2xx: r.non2xx, total: r.requests.total }));
});
`;

function load(url: string, method: 'GET' | 'POST', kind: string, cards: string[], headers: Record<string, string>, duration: number, tag: string): Promise<Load> {
  const input = { autocannon: createRequire(import.meta.url).resolve('autocannon'), url, method, headers, kind, cards, seconds: duration, connections: CONNECTIONS, tag };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', LOADER], { env: { ...process.env, BENCH_LOAD: JSON.stringify(input) }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as Load) : reject(new Error(`load generator exited with ${code}`))));
  });
}

/** CPU time (ms) used so far by this benchmark's PostgreSQL: its postmaster and every backend it forked. */
function postgresCpuMs(dataDir: string): number {
  const procs: { pid: string; ppid: string; cmd: string; ticks: number }[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ');
      procs.push({ pid: entry, ppid: stat[1]!, cmd: fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8'), ticks: Number(stat[11]) + Number(stat[12]) });
    } catch { /* the process ended */ }
  }
  const ours = new Set(procs.filter((p) => p.cmd.includes(dataDir)).map((p) => p.pid));
  return procs.filter((p) => ours.has(p.pid) || ours.has(p.ppid)).reduce((a, p) => a + p.ticks, 0) * (1000 / 100); // USER_HZ = 100
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regulars-bench-'));
  fs.chmodSync(dir, 0o755);
  const server = await startEmbeddedPostgres({ dataDir: dir });
  const handle = connect(server.url, Number(process.env.BENCH_POOL ?? CONNECTIONS));
  try {
    await migrate(handle.pool);
    const ctx: ServiceContext = { db: handle.db, clock: systemClock, ids: uuidV7Ids, log: createLogger('warn', false) };
    process.stderr.write(`seeding ${CUSTOMERS} customers with cards and points…\n`);
    const org = await createOrganization(ctx, { name: 'Bench shop', currency: 'EUR', timeZone: 'Europe/Tallinn', owner: { email: 'owner@bench.example', name: 'Owner', password: 'bench password 123' } });
    const actor: Actor = { organizationId: org.organization.id, role: 'owner', staffId: org.owner.id, apiKeyId: null, outletId: null };
    const program = await createProgram(ctx, actor, { name: 'Bench', config: exampleProgram(), cardFormat: { scheme: 'ean13', prefix: '250', length: 13 } });
    const cards: string[] = [];
    for (let i = 0; i < CUSTOMERS; i++) {
      const c = await createCustomer(ctx, actor, { familyName: `Customer ${i}` });
      cards.push((await issueCard(ctx, actor, { programId: program.id, customerId: c.id, tier: i % 5 === 0 ? 'gold' : 'simple' })).number);
      // Every customer starts with points (a real adjustment), so calculate and confirm also plan spending.
      await adjustPoints(ctx, actor, c.id, { adjustmentId: `seed-${i}`, amount: 2000, reason: 'benchmark seed' });
    }
    const floors = await prepareFloors(ctx, handle.pool, CUSTOMERS, receiptLines.slice(0, 5), { actor, cards });
    const key = await createApiKey(ctx, actor, { name: 'Bench till', outletId: org.outlet.id });
    await sql`CREATE TABLE bench_rows (id int PRIMARY KEY, v text NOT NULL); INSERT INTO bench_rows SELECT g, md5(g::text) FROM generate_series(1, 10000) g;
      CREATE TABLE bench_writes (id bigserial PRIMARY KEY, v text NOT NULL, at timestamptz NOT NULL DEFAULT now())`.execute(handle.db);

    // Statistics, as a live database has them (autovacuum): without them the first cached plans of the
    // checkout statements scan the then-tiny tables sequentially.
    await sql`ANALYZE`.execute(handle.db);
    const app = await buildApp({ ctx, pool: handle.pool, storeKind: 'embedded', serveWeb: false, sessionTtlHours: 24, loginMaxFailures: 5, cookieSecure: false, trustProxy: false });
    const rowId = () => 1 + Math.floor(Math.random() * 10_000);
    // Ceilings: only in this benchmark's instance. The untyped tables are reached with raw SQL through Kysely.
    app.get('/bench/hello', { config: { public: true } }, async () => ({ hello: 'world' }));
    app.get('/bench/select', { config: { public: true } }, async () => (await sql<{ id: number; v: string }>`SELECT id, v FROM bench_rows WHERE id = ${rowId()}`.execute(handle.db)).rows[0]);
    app.post('/bench/insert', { config: { public: true } }, async () => (await sql<{ id: number }>`INSERT INTO bench_writes (v) VALUES (${'x'}) RETURNING id`.execute(handle.db)).rows[0]);
    app.get('/bench/select-raw', { config: { public: true } }, async () => (await handle.pool.query({ name: 'bench-select', text: 'SELECT id, v FROM bench_rows WHERE id = $1', values: [rowId()] })).rows[0]);
    app.post('/bench/insert-raw', { config: { public: true } }, async () => (await handle.pool.query({ name: 'bench-insert', text: 'INSERT INTO bench_writes (v) VALUES ($1) RETURNING id', values: ['x'] })).rows[0]);
    app.get('/bench/read-floor', { config: { public: true } }, async (_request, reply) => reply.type('application/json').send(await floors.read()));
    app.post('/bench/write-floor', { config: { public: true } }, async () => ({ applied: await floors.write() }));
    app.get('/api/bench/auth-noop', async () => ({ hello: 'authenticated' }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const json = { 'content-type': 'application/json' };
    const auth = { ...json, authorization: `Bearer ${key.secret}` };

    process.stderr.write('warming up…\n');
    await load(`${base}/api/checkout/calculate`, 'POST', 'calculate', cards, auth, 3, 'warm');
    await load(`${base}/api/checkout/confirm`, 'POST', 'confirm', cards, auth, 3, 'warm');
    await load(`${base}/bench/select`, 'GET', 'select', cards, json, 2, 'warm');
    await sql`ANALYZE`.execute(handle.db);
    const runs: Record<string, Run> = {};
    const routes = [
      ['hello', '/bench/hello', 'GET', 'hello', json], ['select', '/bench/select', 'GET', 'select', json], ['insert', '/bench/insert', 'POST', 'insert', json],
      ['select_raw', '/bench/select-raw', 'GET', 'select', json], ['insert_raw', '/bench/insert-raw', 'POST', 'insert', json], ['auth', '/api/bench/auth-noop', 'GET', 'auth', auth],
      // Each floor right before its route, so the background work a write leaves (autovacuum) weighs on both alike.
      ['read_floor', '/bench/read-floor', 'GET', 'select', json], ['calculate', '/api/checkout/calculate', 'POST', 'calculate', auth],
      ['write_floor', '/bench/write-floor', 'POST', 'insert', json], ['confirm', '/api/checkout/confirm', 'POST', 'confirm', auth],
    ] as const;
    const session = profileDir ? new Session() : null;
    if (session) {
      session.connect();
      await session.post('Profiler.enable');
      fs.mkdirSync(profileDir!, { recursive: true });
    }
    for (const [name, url, method, kind, headers] of routes) {
      if (only && !only.has(name)) continue;
      if (session) await session.post('Profiler.start');
      const cpu0 = process.cpuUsage();
      const pg0 = postgresCpuMs(dir);
      const r = await load(`${base}${url}`, method, kind, cards, headers, seconds, `run-${Date.now()}`);
      const cpu = process.cpuUsage(cpu0);
      if (session) fs.writeFileSync(path.join(profileDir!, `${name}.cpuprofile`), JSON.stringify((await session.post('Profiler.stop')).profile));
      const run: Run = { ...r, nodeUs: Math.round((cpu.user + cpu.system) / r.total), nodeSysUs: Math.round(cpu.system / r.total), pgUs: Math.round(((postgresCpuMs(dir) - pg0) * 1000) / r.total) };
      runs[name] = run;
      process.stdout.write(`${name.padEnd(11)} ${String(Math.round(run.rps)).padStart(6)} req/s   p50 ${String(run.p50).padStart(3)} ms   p99 ${String(run.p99).padStart(3)} ms   CPU per request: server ${String(run.nodeUs).padStart(5)} µs (kernel ${String(run.nodeSysUs).padStart(4)}), PostgreSQL ${String(run.pgUs).padStart(5)} µs   errors ${run.errors + run.non2xx}\n`);
    }
    const ledger = await checkLedger(handle.db, actor, program.id, true);
    await app.close();
    session?.disconnect();
    const rps = (name: string) => (runs[name] ? Math.round(runs[name].rps) : null);
    const ratio = (a: string, b: string) => { const x = rps(a); const y = rps(b); return x === null || y === null ? null : Math.round((x / y) * 100) / 100; };
    process.stdout.write(`${JSON.stringify({
      seconds, connections: CONNECTIONS, customers: CUSTOMERS,
      hello_rps: rps('hello'), select_rps: rps('select'), insert_rps: rps('insert'), select_raw_rps: rps('select_raw'), insert_raw_rps: rps('insert_raw'), auth_noop_rps: rps('auth'),
      read_floor_rps: rps('read_floor'), write_floor_rps: rps('write_floor'),
      calculate_rps: rps('calculate'), calculate_p50_ms: runs.calculate?.p50 ?? null, calculate_p99_ms: runs.calculate?.p99 ?? null,
      confirm_rps: rps('confirm'), confirm_p50_ms: runs.confirm?.p50 ?? null, confirm_p99_ms: runs.confirm?.p99 ?? null,
      calculate_vs_select: ratio('calculate', 'select'), confirm_vs_insert: ratio('confirm', 'insert'),
      calculate_vs_select_raw: ratio('calculate', 'select_raw'), confirm_vs_insert_raw: ratio('confirm', 'insert_raw'), auth_noop_vs_select: ratio('auth', 'select'),
      calculate_vs_read_floor: ratio('calculate', 'read_floor'), confirm_vs_write_floor: ratio('confirm', 'write_floor'),
      read_floor_vs_select: ratio('read_floor', 'select'), write_floor_vs_insert: ratio('write_floor', 'insert'),
      cpu_us: Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, { server: v.nodeUs, postgres: v.pgUs }])),
      errors: Object.values(runs).reduce((a, x) => a + x.errors + x.non2xx, 0),
      ledger_ok: ledger.ok,
    })}\n`);
  } finally {
    await handle.close();
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
