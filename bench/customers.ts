// The customer import benchmark: a deterministic 1 000 000-row customer CSV (multilingual names, phones
// typed every way, e-mails, birth dates; src/modules/customers/import/__fixtures__/synthetic.ts) imported
// into an embedded PostgreSQL in a temporary DATA_DIR, beside the ceiling of PostgreSQL's own COPY of the
// same file into a plain table; then the floor — the rows the import wrote, written again straight into
// the same tables by INSERT … SELECT (rolled back) — and search p99 on the customers just imported.
//
//   npm run bench:customers -- [--customers 1000000] [--searches 300] [--profile]
//
// The import goes through the same code as the API and the job, minus HTTP: createImport (upload: the
// file is stored in chunks and read once for the mapping screen), setImportMapping (the suggested mapping),
// runImportNow (the job's code: map every row, COPY into staging, match, write set-wise, report).
// import_rows_per_s is rows / the run's seconds; upload_seconds is reported beside it. Beside the wall
// clock, the CPU seconds of this Node process and of the benchmark's PostgreSQL (from /proc) for the COPY
// and for the import: they stay comparable when other work shares the cores. --profile adds the time of
// every kind of SQL statement the import ran (summed over its chunks) to stderr and to the JSON.
// The last line of output is one JSON object with the figures.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { from as copyFrom } from 'pg-copy-streams';
import pg from 'pg';
import { createImport, getImportSession, importView, runImportNow, setImportMapping } from '../src/modules/customers/index.js';
import { seededRandom, syntheticCsvChunks } from '../src/modules/customers/import/__fixtures__/synthetic.js';
import { searchCustomers } from '../src/modules/customers/search/service.js';
import { createOrganization, updateOrganization, type Actor } from '../src/modules/tenancy/index.js';
import type { ServiceContext } from '../src/platform/context.js';
import { connect } from '../src/platform/db/database.js';
import { startEmbeddedPostgres } from '../src/platform/db/embedded.js';
import { migrate } from '../src/platform/db/migrate.js';
import { uuidV7Ids } from '../src/platform/ids.js';
import { createLogger } from '../src/platform/logging.js';
import { systemClock } from '../src/platform/time.js';

function argument(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(process.argv[i + 1]);
  if (!Number.isInteger(v) || v < 100) {
    process.stderr.write(`--${name}: a whole number ≥ 100 expected\n`);
    process.exit(2);
  }
  return v;
}
const CUSTOMERS = argument('customers', 1_000_000);
const SEARCHES = argument('searches', 300);
const PROFILE = process.argv.includes('--profile');
const log = (line: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
const round = (n: number, digits = 0) => Math.round(n * 10 ** digits) / 10 ** digits;

/** CPU seconds used so far by this benchmark's PostgreSQL: its postmaster, every process it forked, and those it reaped. */
function postgresCpuSeconds(dataDir: string): number {
  const procs: Array<{ pid: string; ppid: string; cmd: string; ticks: number }> = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/u.test(entry)) continue;
    try {
      const stat = (fs.readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1] as string).split(' ');
      procs.push({ pid: entry, ppid: stat[1] as string, cmd: fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8'), ticks: Number(stat[11]) + Number(stat[12]) + Number(stat[13]) + Number(stat[14]) });
    } catch { /* the process ended */ }
  }
  const ours = new Set(procs.filter((p) => p.cmd.includes(dataDir)).map((p) => p.pid));
  return procs.filter((p) => ours.has(p.pid) || ours.has(p.ppid)).reduce((a, p) => a + p.ticks, 0) / 100; // USER_HZ = 100
}
const nodeCpuSeconds = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };

/** --profile: the wall time of every statement sent on any pooled connection, by its first words. */
const statements = new Map<string, { n: number; ms: number }>();
let profiling = false;
if (PROFILE) {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function query(this: unknown, ...args: unknown[]) {
    const result = original.apply(this, args);
    if (!profiling) return result;
    const first = args[0] as string | { text?: string } | undefined;
    const text = typeof first === 'string' ? first : first?.text ?? 'COPY import_stage FROM STDIN';
    const label = text.replace(/\s+/gu, ' ').trim().slice(0, 72);
    const started = performance.now();
    const done = () => {
      const s = statements.get(label) ?? { n: 0, ms: 0 };
      s.n++;
      s.ms += performance.now() - started;
      statements.set(label, s);
    };
    const r = result as { then?: unknown; once?: (event: string, f: () => void) => void } | undefined;
    if (r && typeof r.then === 'function') (result as Promise<unknown>).then(done, done);
    else if (r && typeof r.once === 'function') { r.once('finish', done); r.once('error', done); }
    return result;
  };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regulars-bench-customers-'));
fs.chmodSync(dir, 0o755);
const server = await startEmbeddedPostgres({ dataDir: dir });
const handle = connect(server.url, 10);
try {
  await migrate(handle.pool);
  const ctx: ServiceContext = { db: handle.db, clock: systemClock, ids: uuidV7Ids, log: createLogger('warn', false) };
  const created = await createOrganization(ctx, { name: 'Bench', currency: 'RUB', timeZone: 'Europe/Moscow', owner: { email: 'owner@bench.example', name: 'Owner', password: 'bench password 1' } });
  const actor: Actor = { organizationId: created.organization.id, role: 'owner', staffId: created.owner.id, apiKeyId: null, outletId: null };
  await updateOrganization(ctx, actor, { country: 'RU' });

  log(`generating ${CUSTOMERS} rows`);
  const chunks = Array.from(syntheticCsvChunks(CUSTOMERS));
  const bytes = Buffer.from(chunks.join(''), 'utf8');
  log(`file: ${round(bytes.length / 1e6, 1)} MB`);

  // The ceiling: PostgreSQL parsing the same file into a plain table, no Node work at all.
  const client = await handle.pool.connect();
  await client.query('CREATE TABLE bench_copy (a text, b text, c text, d text, e text, f text, g text, h text)');
  let t = performance.now();
  let cpu = { node: nodeCpuSeconds(), pg: postgresCpuSeconds(dir) };
  await pipeline(Readable.from(chunks), client.query(copyFrom(`COPY bench_copy FROM STDIN (FORMAT csv, DELIMITER ';', HEADER true)`)));
  const copySeconds = (performance.now() - t) / 1000;
  const copyCpu = { node: nodeCpuSeconds() - cpu.node, pg: postgresCpuSeconds(dir) - cpu.pg };
  await client.query('DROP TABLE bench_copy');
  client.release();
  log(`COPY: ${round(copySeconds, 2)} s, ${round(CUSTOMERS / copySeconds)} rows/s; CPU: Node ${round(copyCpu.node, 1)} s, PostgreSQL ${round(copyCpu.pg, 1)} s`);

  t = performance.now();
  const session = await createImport(ctx, actor, { kind: 'customers', origin: 'file', fileName: 'bench.csv', bytes, options: {} });
  const uploadSeconds = (performance.now() - t) / 1000;
  const view = await importView(ctx, actor, session);
  await setImportMapping(ctx, actor, session.id, view.suggestedMapping);
  log(`upload and analysis: ${round(uploadSeconds, 2)} s; mapping ${view.suggestedMapping.columns.map((c) => c.field).join(', ')}`);

  t = performance.now();
  cpu = { node: nodeCpuSeconds(), pg: postgresCpuSeconds(dir) };
  profiling = PROFILE;
  const done = await runImportNow({ ctx, pool: handle.pool }, actor, session.id, {
    onProgress: (p) => { log(`${p.phase} ${p.rowsRead}/${p.rowsTotal} read, ${p.rowsSaved} saved`); },
  });
  const importSeconds = (performance.now() - t) / 1000;
  profiling = false;
  const importCpu = { node: nodeCpuSeconds() - cpu.node, pg: postgresCpuSeconds(dir) - cpu.pg };
  if (done.status !== 'done') throw new Error(`the import failed: ${JSON.stringify(done.error)}`);
  const report = (await getImportSession(ctx, actor, session.id)).report as { created: number; rejected: number; timings: Record<string, number> };
  log(`import: ${round(importSeconds, 1)} s, ${round(CUSTOMERS / importSeconds)} rows/s; ${report.created} created, ${report.rejected} rejected; ${JSON.stringify(report.timings)}; CPU: Node ${round(importCpu.node, 1)} s, PostgreSQL ${round(importCpu.pg, 1)} s`);
  const profile = [...statements].sort((a, b) => b[1].ms - a[1].ms).map(([sql, s]) => ({ sql, n: s.n, seconds: round(s.ms / 1000, 2) }));
  for (const p of profile.slice(0, 25)) log(`${String(p.seconds).padStart(7)} s ${String(p.n).padStart(5)}× ${p.sql}`);

  // The floor: the rows the import wrote, written again for a second organization straight into the same
  // tables (their indexes, constraints and triggers) by three INSERT … SELECT statements in one
  // transaction, then rolled back — what storing this many customers, contacts and history entries costs
  // PostgreSQL before any import work (reading, mapping, matching). Ids keep their order ('1' for the
  // first hex digit of a UUIDv7 that starts with '0'), so the indexes see the same insertion pattern.
  const second = await createOrganization(ctx, { name: 'Floor', currency: 'RUB', timeZone: 'Europe/Moscow', owner: { email: 'owner@floor.example', name: 'Owner', password: 'bench password 1' } });
  const floor = await handle.pool.connect();
  const shifted = (column: string) => `('1' || substr(${column}::text, 2))::uuid`;
  t = performance.now();
  cpu = { node: nodeCpuSeconds(), pg: postgresCpuSeconds(dir) };
  try {
    await floor.query('BEGIN');
    await floor.query(`INSERT INTO customers (id, organization_id, kind, family_name, given_names, patronymic, family_name_latin, given_names_latin,
        display_name, gender, birth_date, notes, tags, external_id, search_keys, source, created_at, updated_at)
      SELECT ${shifted('id')}, $2, kind, family_name, given_names, patronymic, family_name_latin, given_names_latin,
        display_name, gender, birth_date, notes, tags, external_id, search_keys, source, created_at, updated_at
      FROM customers WHERE organization_id = $1`, [actor.organizationId, second.organization.id]);
    await floor.query(`INSERT INTO customer_contacts (id, organization_id, customer_id, kind, value, is_primary, created_at)
      SELECT ${shifted('id')}, $2, ${shifted('customer_id')}, kind, value, is_primary, created_at FROM customer_contacts WHERE organization_id = $1`,
    [actor.organizationId, second.organization.id]);
    await floor.query(`INSERT INTO customer_profile_changes (id, organization_id, customer_id, action, changes, staff_id, api_key_id, at)
      SELECT ${shifted('id')}, $2, ${shifted('customer_id')}, action, changes, NULL, NULL, at FROM customer_profile_changes WHERE organization_id = $1`,
    [actor.organizationId, second.organization.id]);
  } finally {
    await floor.query('ROLLBACK');
    floor.release();
  }
  const floorSeconds = (performance.now() - t) / 1000;
  const floorCpu = { node: nodeCpuSeconds() - cpu.node, pg: postgresCpuSeconds(dir) - cpu.pg };
  log(`floor (the same rows straight into the tables): ${round(floorSeconds, 1)} s, ${round(report.created / floorSeconds)} rows/s; CPU: PostgreSQL ${round(floorCpu.pg, 1)} s`);

  // Search p99 through the customers module's own search function, on the customers just imported:
  // surnames (native and Latin), a typo, surname + given name, and phones in local format.
  await handle.pool.query('VACUUM ANALYZE customers');
  await handle.pool.query('VACUUM ANALYZE customer_contacts');
  const { rows: sample } = await handle.pool.query<{ family_name: string; given_names: string | null; family_name_latin: string | null; phone: string | null }>(
    `SELECT c.family_name, c.given_names, c.family_name_latin, (SELECT value FROM customer_contacts cc WHERE cc.customer_id = c.id AND cc.kind = 'phone' LIMIT 1) AS phone
     FROM customers c WHERE c.organization_id = $1 AND c.family_name IS NOT NULL ORDER BY c.id LIMIT 2000`, [actor.organizationId]);
  const random = seededRandom(7);
  const queries = Array.from({ length: SEARCHES }, (_, i) => {
    const p = sample[Math.floor(random() * sample.length)] as (typeof sample)[number];
    switch (i % 5) {
      case 0: return p.family_name;
      case 1: return p.family_name_latin ?? p.family_name;
      case 2: return p.family_name.length > 5 ? p.family_name.slice(0, 3) + p.family_name.slice(4) : p.family_name; // a letter missing
      case 3: return `${p.family_name} ${p.given_names ?? ''}`.trim();
      default: return p.phone ? `8${p.phone.slice(2)}` : p.family_name;
    }
  });
  for (const q of queries.slice(0, 20)) await searchCustomers(ctx, actor, { q, limit: 20 }); // warm-up
  const times: number[] = [];
  for (const q of queries) {
    const s = performance.now();
    await searchCustomers(ctx, actor, { q, limit: 20 });
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  const p = (q: number) => round(times[Math.min(times.length - 1, Math.floor(q * times.length))] as number, 1);
  log(`search: p50 ${p(0.5)} ms, p99 ${p(0.99)} ms over ${SEARCHES} queries`);

  const result = {
    customers: CUSTOMERS,
    import_rows_per_s: round(CUSTOMERS / importSeconds),
    copy_rows_per_s: round(CUSTOMERS / copySeconds),
    import_vs_copy: round(copySeconds / importSeconds, 3),
    search_p99_ms: p(0.99),
    search_p50_ms: p(0.5),
    search: 'searchCustomers (customers/search/service.ts)',
    floor_rows_per_s: round(report.created / floorSeconds),
    import_seconds: round(importSeconds, 1),
    floor_seconds: round(floorSeconds, 1),
    upload_seconds: round(uploadSeconds, 1),
    copy_seconds: round(copySeconds, 2),
    cpu_seconds: {
      copy: { node: round(copyCpu.node, 1), postgres: round(copyCpu.pg, 1) },
      import: { node: round(importCpu.node, 1), postgres: round(importCpu.pg, 1) },
      floor: { postgres: round(floorCpu.pg, 1) },
    },
    created: report.created,
    rejected: report.rejected,
    timings: report.timings,
    file_mb: round(bytes.length / 1e6, 1),
    ...(PROFILE && { statements: profile }),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  await handle.close();
  await server.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
