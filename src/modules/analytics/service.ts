// Analytics use cases: compute measures for a period and filters, read and change the settings, and the
// slipping-away segment for other modules. A report runs on one connection in one REPEATABLE READ,
// READ ONLY transaction: every measure of it sees the same purchases, and nothing can be written.
import type pg from 'pg';
import type { ServiceContext } from '../../platform/context.js';
import { holdingConnection, spareConnection } from '../../platform/db/database.js';
import { AppError, invalidField, notFound } from '../../platform/errors.js';
import { getOrganization, listOutlets, listStaff, requirePermission, type Actor } from '../tenancy/index.js';
import { measureByName, MEASURE_NAMES, type Column, type Measure, type Row } from './measures/index.js';
import type { Note } from './notes.js';
import { resolvePeriod } from './period.js';
import { readSettings, settingsSchema, type AnalyticsSettings } from './settings.js';
import { Sources } from './sources.js';
import { analyticsStore as store, REPORT_SESSION } from './store.js';

/** Analytics needs a connection of its own for COPY streams and the report transaction. */
export interface AnalyticsContext extends ServiceContext { pool: pg.Pool }

export interface ReportQuery {
  from?: string | undefined;
  to?: string | undefined;
  outletId?: string | null | undefined;
  tag?: string | null | undefined;
  /** Rows of per-customer lists (default 100). */
  limit?: number | undefined;
}

export interface MeasureResult {
  measure: string;
  title: string;
  period: { from: string; to: string; timeZone: string; currency: string; months: number };
  filters: { outletId: string | null; tag: string | null };
  summary: Record<string, unknown>;
  tables: Record<string, Row[]>;
  columns: Record<string, Column[]>;
  notes: Note[];
  /** Time to compute, including loading any data the report had not loaded yet. */
  ms: number;
}

export interface ReportProgress { (step: string, done: number, total: number): void }

function measuresNamed(names: readonly string[]): Measure[] {
  return names.map((name) => {
    const m = measureByName(name);
    if (!m) throw invalidField('measure', `"${name}" is not a measure; one of ${MEASURE_NAMES.join(', ')}`);
    return m;
  });
}

export async function runReport(ctx: AnalyticsContext, actor: Actor, names: readonly string[], query: ReportQuery = {}, progress?: ReportProgress): Promise<MeasureResult[]> {
  requirePermission(actor, 'analytics.read');
  const measures = measuresNamed(names);
  const organization = await getOrganization(ctx, actor);
  // Names are read here, through the pool, before the report holds its connection: read while it holds
  // one, a pool full of reports would wait for connections only they could free.
  const [outlets, staff] = await Promise.all([
    listOutlets(ctx, actor),
    // Staff names are for owners and managers; an analyst sees manager ids only.
    listStaff(ctx, actor).catch((e: unknown) => { if (e instanceof AppError && e.code === 'forbidden') return []; throw e; }),
  ]);
  const outletId = query.outletId ?? null;
  if (outletId && !outlets.some((o) => o.id === outletId)) throw notFound('outlet', { field: 'outletId', id: outletId });
  const tag = query.tag?.trim() || null;
  const period = resolvePeriod(query, ctx.clock.now(), organization.timeZone);
  const settings = readSettings(await store.settings(ctx.db, actor));
  const limit = query.limit ?? 100;
  const lookup = {
    outlets: async () => new Map(outlets.map((o) => [o.id, o.name])),
    staff: async () => new Map(staff.map((s) => [s.id, s.name])),
  };
  const client = await ctx.pool.connect();
  return holdingConnection(ctx.pool, async () => {
    let helper: pg.PoolClient | null = null;
    let failed = false;
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      for (const statement of REPORT_SESSION) await client.query(statement);
      helper = await helperIn(ctx.pool, client);
      const sources = new Sources({
        client, helpers: helper ? [helper] : [], scope: actor, timeZone: organization.timeZone, currency: organization.currency, period, outletId, tag, settings, lookup,
        onProgress: (done, total) => progress?.('history', done, total),
      });
      sources.prefetch(measures.map((m) => m.name));
      const results: MeasureResult[] = [];
      for (const [k, m] of measures.entries()) {
        const started = performance.now();
        const out = await m.compute(sources, { limit });
        results.push({
          measure: m.name, title: m.title,
          period: { from: period.from, to: period.to, timeZone: organization.timeZone, currency: organization.currency, months: period.months.length },
          filters: { outletId, tag }, summary: out.summary, tables: out.tables, columns: m.tables, notes: out.notes,
          ms: Math.round((performance.now() - started) * 10) / 10,
        });
        progress?.(m.name, k + 1, measures.length);
      }
      await client.query('COMMIT');
      return results;
    } catch (e) {
      failed = true;
      await client.query('ROLLBACK').catch(() => {});
      await helper?.query('ROLLBACK').catch(() => {});
      if (e instanceof RangeError) throw new AppError('analytics_failed', e.message, {}, 'unprocessable');
      throw e;
    } finally {
      // After a failure mid-stream a connection may still be in a COPY: discard it rather than reuse it.
      if (helper && !failed) await helper.query('COMMIT').catch(() => { failed = true; });
      helper?.release(failed);
      client.release(failed);
    }
  });
}

/**
 * A second connection reading the same snapshot as `client` (pg_export_snapshot), so the history scan
 * can use both cores; null when the pool has no connection to spare — waiting for one while holding
 * another could deadlock a busy pool. The pool may still need to open one (authentication takes a
 * while on a loaded machine), hence the generous wait; if another request took the last free
 * connection meanwhile, the report goes on with one connection.
 */
async function helperIn(pool: pg.Pool, client: pg.PoolClient): Promise<pg.PoolClient | null> {
  if (pool.idleCount === 0 && pool.totalCount >= (pool.options.max ?? 10)) return null;
  const pending = spareConnection(() => pool.connect());
  let timer: NodeJS.Timeout | undefined;
  const helper = await Promise.race([pending, new Promise<null>((resolve) => { timer = setTimeout(() => resolve(null), 3000); })]);
  clearTimeout(timer);
  if (!helper) {
    pending.then((c) => c.release(), () => {});
    return null;
  }
  try {
    const { rows } = await client.query<{ snapshot: string }>('SELECT pg_export_snapshot() AS snapshot');
    await helper.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await helper.query(`SET TRANSACTION SNAPSHOT ${helper.escapeLiteral(rows[0]?.snapshot ?? '')}`);
    for (const statement of REPORT_SESSION) await helper.query(statement);
    return helper;
  } catch (e) {
    await helper.query('ROLLBACK').catch(() => {});
    helper.release(true);
    throw e;
  }
}

export async function getMeasure(ctx: AnalyticsContext, actor: Actor, name: string, query: ReportQuery = {}): Promise<MeasureResult> {
  return (await runReport(ctx, actor, [name], query))[0] as MeasureResult;
}

export async function getSettings(ctx: ServiceContext, actor: Actor): Promise<AnalyticsSettings> {
  requirePermission(actor, 'analytics.read');
  return readSettings(await store.settings(ctx.db, actor));
}

/** Replaces the settings (owner). Keys left out return to their defaults. */
export async function saveSettings(ctx: ServiceContext, actor: Actor, input: unknown): Promise<AnalyticsSettings> {
  requirePermission(actor, 'organization.manage');
  const parsed = settingsSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.join('.') || 'settings';
    throw new AppError('validation_failed', `${path}: ${issue?.message ?? 'invalid'}`, { issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
  }
  await store.saveSettings(ctx.db, actor, parsed.data, ctx.clock.now(), actor.staffId);
  return parsed.data;
}

export interface SlippingCustomer { customerId: string; lastPurchase: string; revenue: number; clv: number | null; pAlive: number; pAliveBefore: number }

/**
 * The slipping-away list as a segment: valuable customers whose P(alive) is low and dropping, most
 * valuable first (see domain/slipping.ts; thresholds from the analytics settings).
 */
export async function slippingAwayCustomers(ctx: AnalyticsContext, actor: Actor, query: Omit<ReportQuery, 'limit'> = {}): Promise<SlippingCustomer[]> {
  const [result] = await runReport(ctx, actor, ['slipping-away'], { ...query, limit: Number.MAX_SAFE_INTEGER });
  return (result?.tables.customers ?? []).map((r) => ({
    customerId: r.customerId as string, lastPurchase: r.lastPurchase as string, revenue: r.revenue as number, clv: r.clv as number | null, pAlive: r.pAlive as number, pAliveBefore: r.pAliveBefore as number,
  }));
}
