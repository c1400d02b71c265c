// The analytics benchmark: every retention measure over a generated purchase history on PostgreSQL,
// beside the ceiling of one plain `GROUP BY customer_id` pass over the same purchases, plus the
// BG/NBD + Gamma-Gamma fit on the whole customer base.
//
//   npm run bench:analytics -- [--customers 1000000] [--purchases 10000000] [--data-dir DIR]
//
// Data is generated deterministically (seeded) and streamed into an embedded PostgreSQL with COPY.
// With --data-dir the directory is kept and, when it already holds data of the same size, reused (a
// second run measures without generating again); without it a temporary directory is used and removed.
// The last line of output is one JSON object with the figures.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { randomGamma, seededRandom } from '../src/modules/analytics/domain/clv/index.js';
import { createOrganization, createOutlet, type Actor } from '../src/modules/tenancy/index.js';
import { connect, type DbHandle } from '../src/platform/db/database.js';
import { startEmbeddedPostgres } from '../src/platform/db/embedded.js';
import { migrate } from '../src/platform/db/migrate.js';
import { uuidV7Ids } from '../src/platform/ids.js';
import { createLogger } from '../src/platform/logging.js';
import type { ServiceContext } from '../src/platform/context.js';
import { fixedClock } from '../src/platform/time.js';
import { MEASURE_NAMES, runReport } from '../src/modules/analytics/index.js';
import { REPORT_SESSION } from '../src/modules/analytics/store.js';

// ---------------------------------------------------------------- arguments

function argument(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(process.argv[i + 1]);
  if (!Number.isInteger(v) || v < 1000) {
    process.stderr.write(`--${name}: a whole number ≥ 1000 expected\n`);
    process.exit(2);
  }
  return v;
}
const CUSTOMERS = argument('customers', 1_000_000);
const PURCHASES = argument('purchases', 10_000_000);
const keepDir = ((i) => (i < 0 ? null : path.resolve(process.argv[i + 1] ?? '')))(process.argv.indexOf('--data-dir'));
const log = (line: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);

// ---------------------------------------------------------------- the history we generate

/** Three years of history, ending on the report day; the organization's clock is frozen there. */
const HISTORY_START = Date.UTC(2023, 2, 1);
const HISTORY_DAYS = 1096;
export const REPORT_DAY = '2026-02-28';
const OUTLETS = 5;
const TIME_ZONE = 'Europe/Berlin';
const DAY = 86_400_000;

/** Deterministic uuids from a counter: customers' well spread, purchases' in insertion order, as UUIDv7 gives them. */
function uuidOf(kind: number, n: number): string {
  const b = n.toString(16).padStart(12, '0');
  if (kind === 2) return `${b.slice(0, 8)}-${b.slice(8)}-7000-8000-000000000002`;
  let h = Math.imul(n ^ 0x9e3779b9, 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return `${h.toString(16).padStart(8, '0')}-${kind.toString(16).padStart(4, '0')}-7000-8000-${b}`;
}

interface Generated {
  customer: Int32Array; // −1: anonymous
  time: Float64Array; // ms since epoch
  amount: Int32Array; // subtotal, minor units
  outlet: Uint8Array;
  count: number;
}

/**
 * Customers follow the BG/NBD story (a Poisson buyer who may drop out after each purchase), with
 * seasonality (December busier, Sunday quieter) by thinning; spend per customer is Gamma-Gamma-like.
 * What the customers do not buy up to the purchase total is anonymous sales.
 */
function generatePurchases(customers: number, purchases: number): Generated {
  const rng = seededRandom(20261122);
  const g: Generated = { customer: new Int32Array(purchases), time: new Float64Array(purchases), amount: new Int32Array(purchases), outlet: new Uint8Array(purchases), count: 0 };
  const customerShare = Math.floor(purchases * 0.9);
  const season = (ms: number) => {
    const d = new Date(ms);
    return (d.getUTCMonth() === 11 ? 1.3 : d.getUTCMonth() === 0 ? 0.8 : 1) * (d.getUTCDay() === 0 ? 0.5 : 1);
  };
  const push = (c: number, ms: number, amount: number, outlet: number) => {
    const k = g.count++;
    g.customer[k] = c;
    g.time[k] = ms;
    g.amount[k] = amount;
    g.outlet[k] = outlet;
  };
  const openAt = (day: number) => HISTORY_START + day * DAY + (8 + Math.floor(rng() * 12)) * 3_600_000 + Math.floor(rng() * 3_600_000);
  for (let c = 0; c < customers && g.count < customerShare; c++) {
    const lambda = randomGamma(rng, 1.1) / 33; // purchases per day while active: mean ≈ 1 every 30 days
    const ga = randomGamma(rng, 1);
    const dropout = ga / (ga + randomGamma(rng, 16));
    const spend = (randomGamma(rng, 4) * 900) / (0.5 + randomGamma(rng, 2) / 2);
    const home = Math.floor(rng() * OUTLETS);
    let day = rng() * HISTORY_DAYS * 1.1 - HISTORY_DAYS * 0.1; // some were customers before the history starts
    if (day < 0) day = rng() * 30;
    for (let first = true; day < HISTORY_DAYS && g.count < customerShare; first = false) {
      const ms = openAt(Math.floor(day));
      if (first || rng() < season(ms) / 1.3) {
        const amount = Math.max(100, Math.round(randomGamma(rng, 6) * spend / 6));
        push(c, ms, amount, rng() < 0.85 ? home : Math.floor(rng() * OUTLETS));
        if (!first && rng() < dropout) break;
      }
      day += -Math.log(1 - rng()) / lambda;
    }
  }
  while (g.count < purchases) {
    const ms = openAt(Math.floor(rng() * HISTORY_DAYS));
    push(-1, ms, Math.max(100, Math.round(randomGamma(rng, 3) * 700)), Math.floor(rng() * OUTLETS));
  }
  return g;
}

/** Purchases in time order, as a till writes them: a counting sort on the day. */
function timeOrder(g: Generated): Int32Array {
  const start = new Int32Array(HISTORY_DAYS + 2);
  const dayOf = (k: number) => Math.min(HISTORY_DAYS, Math.max(0, Math.floor(((g.time[k] as number) - HISTORY_START) / DAY)));
  for (let k = 0; k < g.count; k++) start[dayOf(k) + 1]! += 1;
  for (let d = 0; d <= HISTORY_DAYS; d++) start[d + 1]! += start[d]!;
  const order = new Int32Array(g.count);
  for (let k = 0; k < g.count; k++) order[start[dayOf(k)]!++] = k;
  return order;
}

// ---------------------------------------------------------------- loading

async function copy(pool: pg.Pool, statement: string, lines: Iterable<string>, before: string[] = []): Promise<void> {
  const client = await pool.connect();
  try {
    for (const s of before) await client.query(s);
    const stream = client.query(copyFrom(statement));
    // Batches of lines keep the stream's per-chunk overhead small.
    function* batches() {
      let batch: string[] = [];
      for (const line of lines) {
        batch.push(line);
        if (batch.length === 2000) { yield batch.join(''); batch = []; }
      }
      if (batch.length) yield batch.join('');
    }
    await pipeline(Readable.from(batches()), stream);
  } finally {
    client.release();
  }
}

/**
 * Foreign keys and plain indexes of a table, to drop for a bulk load and build again after. Unique
 * constraints stay: other modules' foreign keys depend on them (and the ids arrive in index order).
 */
async function secondaryStructures(pool: pg.Pool, table: string) {
  const constraints = (await pool.query<{ name: string; def: string }>(
    `SELECT conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'f' ORDER BY conname`, [table])).rows;
  const indexes = (await pool.query<{ name: string; def: string }>(
    `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS def FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
      WHERE x.indrelid = $1::regclass AND NOT x.indisprimary AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid) ORDER BY i.relname`, [table])).rows;
  return { constraints, indexes };
}

/**
 * A bulk load builds indexes once at the end instead of row by row, and skips the foreign-key triggers
 * (the generator only references rows it created); both are put back exactly as the migrations made them.
 */
async function bulkLoad(pool: pg.Pool, table: string, load: () => Promise<void>): Promise<void> {
  const { constraints, indexes } = await secondaryStructures(pool, table);
  for (const c of constraints) await pool.query(`ALTER TABLE ${table} DROP CONSTRAINT ${c.name}`);
  for (const i of indexes) await pool.query(`DROP INDEX ${i.name}`);
  await load();
  const started = performance.now();
  const client = await pool.connect();
  try {
    await client.query("SET maintenance_work_mem = '512MB'");
    for (const i of indexes) await client.query(i.def);
    for (const c of constraints) await client.query(`ALTER TABLE ${table} ADD CONSTRAINT ${c.name} ${c.def}`);
    await client.query(`VACUUM (ANALYZE) ${table}`);
  } finally {
    client.release();
  }
  log(`${table}: indexes, constraints, vacuum in ${Math.round(performance.now() - started)} ms`);
}

async function load(h: DbHandle, ctx: ServiceContext): Promise<{ organizationId: string }> {
  const created = await createOrganization(ctx, { name: 'Bench retail', currency: 'EUR', timeZone: TIME_ZONE, owner: { email: 'owner@bench.example', name: 'Owner', password: 'bench password 1' } });
  const organizationId = created.organization.id;
  const owner: Actor = { organizationId, role: 'owner', staffId: null, apiKeyId: null, outletId: null };
  const outlets = [created.outlet.id];
  for (let i = 1; i < OUTLETS; i++) outlets.push((await createOutlet(ctx, owner, { merchantId: created.merchant.id, name: `Shop ${i + 1}`, kind: 'shop' })).id);

  let started = performance.now();
  const tags = ['{}', '{}', '{}', '{vip}', '{newsletter}', '{vip,newsletter}', '{}', '{}', '{}', '{}'];
  await bulkLoad(h.pool, 'customers', () => copy(h.pool, 'COPY customers (id, organization_id, display_name, tags, created_at, updated_at) FROM STDIN', (function* () {
    for (let c = 0; c < CUSTOMERS; c++) yield `${uuidOf(1, c)}\t${organizationId}\tCustomer ${c + 1}\t${tags[c % tags.length]}\t2023-01-01 00:00:00+00\t2023-01-01 00:00:00+00\n`;
  })()));
  log(`customers: ${CUSTOMERS} in ${Math.round(performance.now() - started)} ms`);

  started = performance.now();
  const g = generatePurchases(CUSTOMERS, PURCHASES);
  const order = timeOrder(g);
  log(`generated ${g.count} purchases (${g.customer.reduce((n, c) => n + (c >= 0 ? 1 : 0), 0)} by customers) in ${Math.round(performance.now() - started)} ms`);

  started = performance.now();
  const rng = seededRandom(7);
  const statuses = ['confirmed', 'partially_refunded', 'refunded', 'cancelled'];
  await bulkLoad(h.pool, 'purchases', () => copy(h.pool, 'COPY purchases (id, organization_id, customer_id, outlet_id, source, external_id, occurred_at, currency, subtotal, discount, points_spent, points_money, paid, cost, points_earned, refunded_paid, status) FROM STDIN',
    (function* () {
      for (let n = 0; n < g.count; n++) {
        const k = order[n] as number;
        const c = g.customer[k] as number;
        const ms = g.time[k] as number;
        const subtotal = g.amount[k] as number;
        const u = rng();
        const discount = c >= 0 && u < 0.5 ? Math.round(subtotal * (0.03 + 0.1 * rng())) : 0;
        const pointsMoney = c >= 0 && rng() < 0.1 ? Math.min(subtotal - discount, Math.round(500 * rng())) : 0;
        const paid = subtotal - discount - pointsMoney;
        const s = rng();
        const status = s < 0.97 ? 0 : s < 0.98 ? 1 : s < 0.99 ? 2 : 3;
        const refunded = status === 1 ? Math.round(paid * 0.3) : status === 2 ? paid : 0;
        const cost = rng() < 0.9 ? String(Math.round(subtotal * 0.55)) : '\\N';
        yield `${uuidOf(2, n)}\t${organizationId}\t${c >= 0 ? uuidOf(1, c) : '\\N'}\t${outlets[g.outlet[k] as number]}\t${ms < Date.UTC(2025, 0, 1) ? 'import' : 'checkout'}\t${String(n + 1).padStart(9, '0')}\t${new Date(ms).toISOString()}\tEUR\t${subtotal}\t${discount}\t${pointsMoney}\t${pointsMoney}\t${paid}\t${cost}\t${c >= 0 ? Math.floor(paid / 100) : 0}\t${refunded}\t${statuses[status]}\n`;
      }
    })(), ['SET synchronous_commit = off']));
  log(`purchases: ${g.count} in ${Math.round(performance.now() - started)} ms`);
  return { organizationId };
}

// ---------------------------------------------------------------- measuring

const round = (ms: number) => Math.round(ms);

/** The ceiling: one plain GROUP BY customer pass, with the report's session settings, its result consumed in the server. */
async function groupByPass(pool: pg.Pool, organizationId: string): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    for (const statement of REPORT_SESSION) await client.query(statement);
    const started = performance.now();
    await client.query(`SELECT count(*), sum(receipts), sum(revenue) FROM (
      SELECT customer_id, count(*) AS receipts, sum(paid - refunded_paid) AS revenue FROM purchases WHERE organization_id = $1 GROUP BY customer_id) g`, [organizationId]);
    const ms = performance.now() - started;
    await client.query('COMMIT');
    return ms;
  } finally {
    client.release();
  }
}

async function measure(h: DbHandle, ctx: ServiceContext, organizationId: string) {
  const actor: Actor = { organizationId, role: 'owner', staffId: null, apiKeyId: null, outletId: null };
  await groupByPass(h.pool, organizationId); // warms the cache for everything after it
  const passes = [await groupByPass(h.pool, organizationId), await groupByPass(h.pool, organizationId), await groupByPass(h.pool, organizationId)].sort((p, q) => p - q);
  const groupbyMs = passes[0] as number;
  log(`GROUP BY customer_id: ${passes.map(round).join(', ')} ms`);

  const started = performance.now();
  let historyMs = 0;
  const results = await runReport({ ...ctx, pool: h.pool }, actor, MEASURE_NAMES, { to: REPORT_DAY }, (step, done, total) => {
    if (step === 'history' && done === total) historyMs = performance.now() - started;
    if (step === 'history') log(`history chunk ${done}/${total} at ${round(performance.now() - started)} ms`);
  });
  const reportMs = performance.now() - started;
  const measures: Record<string, number> = {};
  for (const r of results) {
    // The first measure also paid for the history scan; the others reuse it.
    measures[`${r.measure}_ms`] = round(r === results[0] ? r.ms - historyMs : r.ms);
    log(`${r.measure}: ${measures[`${r.measure}_ms`]} ms`);
  }
  const clv = results.find((r) => r.measure === 'clv')?.summary as { fitMs: number; customers: number; holdout: { error: number | null } | null };
  log(`whole report ${round(reportMs)} ms = ${(reportMs / groupbyMs).toFixed(1)} × the GROUP BY pass; fit ${clv.fitMs} ms on ${clv.customers} customers`);
  return {
    customers: CUSTOMERS, purchases: PURCHASES, groupby_ms: round(groupbyMs), groupby_median_ms: round(passes[1] as number),
    report_ms: round(reportMs), report_per_groupby: Math.round((reportMs / groupbyMs) * 10) / 10, history_ms: round(historyMs),
    fit_ms: clv.fitMs, fit_customers: clv.customers, holdout_error: clv.holdout?.error ?? null, ...measures,
  };
}

// ---------------------------------------------------------------- main

async function main() {
  const dataDir = keepDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'regulars-bench-analytics-'));
  fs.mkdirSync(dataDir, { recursive: true });
  fs.chmodSync(dataDir, 0o755);
  const server = await startEmbeddedPostgres({ dataDir });
  const h = connect(server.url, 4);
  try {
    const metaFile = path.join(dataDir, 'bench-analytics.json');
    const meta = fs.existsSync(metaFile) ? JSON.parse(fs.readFileSync(metaFile, 'utf8')) as { customers: number; purchases: number; organizationId: string } : null;
    // A kept data set is measured as it was loaded: migrations written since then (other modules') are not applied to it.
    if (!meta) await migrate(h.pool);
    const ctx: ServiceContext = { db: h.db, clock: fixedClock(`${REPORT_DAY}T12:00:00Z`), ids: uuidV7Ids, log: createLogger('silent', false) };
    let organizationId: string;
    if (meta && meta.customers === CUSTOMERS && meta.purchases === PURCHASES) {
      organizationId = meta.organizationId;
      log(`reusing ${CUSTOMERS} customers and ${PURCHASES} purchases in ${dataDir}`);
    } else {
      if (meta) throw new Error(`${dataDir} holds a different data set (${meta.customers} customers, ${meta.purchases} purchases); use another --data-dir`);
      ({ organizationId } = await load(h, ctx));
      fs.writeFileSync(metaFile, JSON.stringify({ customers: CUSTOMERS, purchases: PURCHASES, organizationId }));
    }
    process.stdout.write(`${JSON.stringify(await measure(h, ctx, organizationId))}\n`);
  } finally {
    await h.close();
    await server.stop();
    if (!keepDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
