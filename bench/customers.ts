// The customer import benchmark: a deterministic 1 000 000-row customer CSV (multilingual names, phones
// typed every way, e-mails, birth dates; src/modules/customers/import/__fixtures__/synthetic.ts) imported
// into an embedded PostgreSQL in a temporary DATA_DIR, beside the ceiling of PostgreSQL's own COPY of the
// same rows into the same tables, and search p99 on the customers just imported.
//
//   npm run bench:customers -- [--customers 1000000] [--searches 300] [--profile]
//
// The import goes through the same code as the API and the job, minus HTTP: createImport (upload: the
// file is stored in chunks and read once for the mapping screen), setImportMapping (the suggested mapping),
// runImportNow (the job's code: map every row, COPY into staging, match, write set-wise, report).
// import_rows_per_s is the file's rows / the run's seconds; upload_seconds is reported beside it.
//
// The ceiling (customers-copy.ts, docs/decisions/import-copy-ceiling.md): the rows the import wrote —
// customers, customer_contacts, customer_profile_changes — read out with COPY (SELECT …) TO STDOUT,
// rewritten for a second organization (new ids, same everything else), and loaded back with COPY … FROM
// STDIN into the same tables, with all their indexes, foreign keys and triggers, in a transaction that is
// rolled back. Only the COPY FROM is timed: copy_rows_per_s is customers / its seconds, import_vs_copy the
// import's rows/s ÷ that; reading the rows out is copy_prepare_seconds. For reference, COPY of the CSV file
// into a plain table of text columns (the earlier ceiling, which stores none of what a customer is):
// copy_plain_rows_per_s and import_vs_copy_plain.
//
// Beside the wall clock, the CPU seconds of this Node process and of the benchmark's PostgreSQL (from
// /proc) for every phase: they stay comparable when other work shares the cores, and import_vs_copy_cpu is
// the same ratio by CPU seconds per row (Node and PostgreSQL together). --profile adds the time of every
// kind of SQL statement the import ran (summed over its chunks) to stderr and to the JSON.
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
import { copyIn, copyOut, type CopiedRows } from './customers-copy.js';

function argument(name: string, fallback: number, min: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(process.argv[i + 1]);
  if (!Number.isInteger(v) || v < min) {
    process.stderr.write(`--${name}: a whole number ≥ ${min} expected\n`);
    process.exit(2);
  }
  return v;
}
const CUSTOMERS = argument('customers', 1_000_000, 100);
const SEARCHES = argument('searches', 300, 10);
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

  // For reference: PostgreSQL parsing the same file into a plain table of text columns, no indexes, no
  // Node work at all — the import's earlier ceiling, which stores none of what a customer is.
  const client = await handle.pool.connect();
  await client.query('CREATE TABLE bench_copy (a text, b text, c text, d text, e text, f text, g text, h text)');
  let t = performance.now();
  let cpu = { node: nodeCpuSeconds(), pg: postgresCpuSeconds(dir) };
  await pipeline(Readable.from(chunks), client.query(copyFrom(`COPY bench_copy FROM STDIN (FORMAT csv, DELIMITER ';', HEADER true)`)));
  const plainSeconds = (performance.now() - t) / 1000;
  const plainCpu = { node: nodeCpuSeconds() - cpu.node, pg: postgresCpuSeconds(dir) - cpu.pg };
  await client.query('DROP TABLE bench_copy');
  client.release();
  log(`COPY of the file into a plain table: ${round(plainSeconds, 2)} s, ${round(CUSTOMERS / plainSeconds)} rows/s; CPU: Node ${round(plainCpu.node, 1)} s, PostgreSQL ${round(plainCpu.pg, 1)} s`);

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

  // Search p99 through the customers module's own search function, on the customers just imported:
  // surnames (native and Latin), a typo, surname + given name, and phones in local format. Before the
  // ceiling: its rows are rolled back, but the pages they took in the indexes (the search words' GIN
  // among them) stay after VACUUM (p99 13 → 19 ms in one trial at 200 000 customers).
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

  // The ceiling: PostgreSQL's own COPY of the rows the import wrote into the same tables, with all their
  // indexes, foreign keys and triggers, for a second organization, in a transaction rolled back. Reading
  // them out is preparation, timed apart.
  const second = await createOrganization(ctx, { name: 'Ceiling', currency: 'RUB', timeZone: 'Europe/Moscow', owner: { email: 'owner@ceiling.example', name: 'Owner', password: 'bench password 1' } });
  const ceiling = await handle.pool.connect();
  let copyIntoSeconds: Record<string, number>;
  t = performance.now();
  cpu = { node: nodeCpuSeconds(), pg: postgresCpuSeconds(dir) };
  const copied = await copyOut(ceiling, actor.organizationId, { organizationId: second.organization.id, staffId: second.owner.id })
    .catch((e: unknown) => { ceiling.release(); throw e; });
  const prepareSeconds = (performance.now() - t) / 1000;
  const prepareCpu = { node: nodeCpuSeconds() - cpu.node, pg: postgresCpuSeconds(dir) - cpu.pg };
  log(`ceiling, reading the rows out: ${round(prepareSeconds, 1)} s; ${copied.map((c) => `${c.table} ${c.rows} rows, ${round(c.bytes / 1e6, 1)} MB`).join('; ')}`);
  cpu = { node: nodeCpuSeconds(), pg: postgresCpuSeconds(dir) };
  try {
    await ceiling.query('BEGIN');
    copyIntoSeconds = await copyIn(ceiling, copied);
  } finally {
    await ceiling.query('ROLLBACK');
    ceiling.release();
  }
  const copyCpu = { node: nodeCpuSeconds() - cpu.node, pg: postgresCpuSeconds(dir) - cpu.pg };
  const copySeconds = Object.values(copyIntoSeconds).reduce((x, y) => x + y, 0);
  const copyRows = (copied[0] as CopiedRows).rows;
  if (copyRows !== report.created) throw new Error(`the ceiling copied ${copyRows} customers, the import created ${report.created}`);
  log(`ceiling, COPY into the real tables: ${round(copySeconds, 1)} s, ${round(copyRows / copySeconds)} customers/s (${Object.entries(copyIntoSeconds).map(([k, v]) => `${k} ${round(v, 1)} s`).join(', ')}); CPU: Node ${round(copyCpu.node, 1)} s, PostgreSQL ${round(copyCpu.pg, 1)} s`);

  const importRate = CUSTOMERS / importSeconds;
  const copyRate = copyRows / copySeconds;
  const plainRate = CUSTOMERS / plainSeconds;
  const result = {
    customers: CUSTOMERS,
    import_rows_per_s: round(importRate),
    copy_rows_per_s: round(copyRate),
    import_vs_copy: round(importRate / copyRate, 3),
    search_p99_ms: p(0.99),
    search_p50_ms: p(0.5),
    search: 'searchCustomers (customers/search/service.ts)',
    copy: 'COPY of the imported rows into customers, customer_contacts, customer_profile_changes (rolled back)',
    copy_plain_rows_per_s: round(plainRate),
    import_vs_copy_plain: round(importRate / plainRate, 4),
    import_vs_copy_cpu: round(((copyCpu.node + copyCpu.pg) / copyRows) / ((importCpu.node + importCpu.pg) / CUSTOMERS), 3),
    import_seconds: round(importSeconds, 1),
    copy_seconds: round(copySeconds, 1),
    copy_seconds_by_table: Object.fromEntries(Object.entries(copyIntoSeconds).map(([k, v]) => [k, round(v, 1)])),
    copy_rows_by_table: Object.fromEntries(copied.map((c) => [c.table, c.rows])),
    copy_prepare_seconds: round(prepareSeconds, 1),
    copy_plain_seconds: round(plainSeconds, 2),
    upload_seconds: round(uploadSeconds, 1),
    cpu_seconds: {
      import: { node: round(importCpu.node, 1), postgres: round(importCpu.pg, 1) },
      copy: { node: round(copyCpu.node, 1), postgres: round(copyCpu.pg, 1) },
      copy_prepare: { node: round(prepareCpu.node, 1), postgres: round(prepareCpu.pg, 1) },
      copy_plain: { node: round(plainCpu.node, 1), postgres: round(plainCpu.pg, 1) },
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
