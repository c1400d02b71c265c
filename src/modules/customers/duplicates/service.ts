// Proposed duplicates for staff: list them with both profiles side by side, dismiss the wrong ones, ask
// for a scan now (a queued job with progress, jobs.ts). Merging is merge/service.ts.
import type { ServiceContext } from '../../../platform/context.js';
import type { Selectable } from 'kysely';
import { inTransaction, sql, type Db } from '../../../platform/db/database.js';
import type { Database } from '../../../platform/db/schema.js';
import { JobRunner } from '../../../platform/jobs.js';
import { scoped } from '../../../platform/db/tenant.js';
import { conflict, notFound } from '../../../platform/errors.js';
import { requirePermission, type Actor } from '../../tenancy/index.js';
import { summarize, type CustomerMatch } from '../search/summary.js';
import { customersStore } from '../store.js';
import type { DuplicateReason } from '../tables.js';
import { DUPLICATE_SCAN_JOB } from './jobs.js';

export interface DuplicateProposal {
  id: string; score: number; reasons: DuplicateReason[]; status: 'open' | 'dismissed' | 'merged'; foundAt: string;
  decidedAt: string | null; decidedBy: string | null; a: CustomerMatch; b: CustomerMatch;
}

export async function listDuplicates(ctx: ServiceContext, actor: Actor, filter: { status: 'open' | 'dismissed' | 'merged'; customerId?: string | undefined; limit: number }): Promise<DuplicateProposal[]> {
  requirePermission(actor, 'customers.read');
  let q = scoped(ctx.db, actor).selectFrom('customer_duplicates').selectAll().where('status', '=', filter.status);
  if (filter.customerId) q = q.where((eb) => eb.or([eb('customer_a', '=', filter.customerId!), eb('customer_b', '=', filter.customerId!)]));
  if (filter.status === 'open') {
    // A pair one of whose profiles was merged away or erased since is no longer a question.
    q = q.where(sql<boolean>`NOT EXISTS (SELECT 1 FROM customers c WHERE c.organization_id = customer_duplicates.organization_id AND c.id IN (customer_duplicates.customer_a, customer_duplicates.customer_b) AND (c.merged_into_id IS NOT NULL OR c.erased_at IS NOT NULL))`);
  }
  const rows = await q.orderBy('score', 'desc').orderBy('found_at', 'desc').orderBy('id').limit(filter.limit).execute();
  const people = await customersStore.byIds(ctx.db, actor, [...new Set(rows.flatMap((r) => [r.customer_a, r.customer_b]))]);
  const summaries = new Map((await summarize(ctx.db, actor, people.map((row) => ({ row, score: 1, matchedBy: [] })))).map((s) => [s.id, s]));
  return rows.map((r) => ({
    id: r.id, score: r.score, reasons: r.reasons, status: r.status, foundAt: r.found_at.toISOString(),
    decidedAt: r.decided_at?.toISOString() ?? null, decidedBy: r.decided_by, a: summaries.get(r.customer_a)!, b: summaries.get(r.customer_b)!,
  }));
}

export async function dismissDuplicate(ctx: ServiceContext, actor: Actor, id: string): Promise<{ id: string; status: 'dismissed' }> {
  requirePermission(actor, 'customers.write');
  const row = await scoped(ctx.db, actor).selectFrom('customer_duplicates').select(['id', 'status']).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('duplicate', { id });
  if (row.status === 'merged') throw conflict('duplicate_merged', 'These profiles were merged; undo the merge instead', { id });
  await scoped(ctx.db, actor).updateTable('customer_duplicates', { status: 'dismissed', decided_at: ctx.clock.now(), decided_by: actor.staffId }).where('id', '=', id).execute();
  return { id, status: 'dismissed' };
}

/** A scan asked for by staff, as the page shows it: queued, running with its progress, then its result. */
export interface DuplicateScanView {
  id: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  progress: { checked: number; total: number | null; percent: number };
  result: { scanned: number; proposed: number } | null;
  startedAt: string;
  finishedAt: string | null;
}

type ScanRow = Pick<Selectable<Database['job_queue']>, 'id' | 'status' | 'progress_done' | 'progress_total' | 'result' | 'created_at' | 'finished_at' | 'locked_until' | 'attempts' | 'max_attempts'>;
const SCAN_COLUMNS = ['id', 'status', 'progress_done', 'progress_total', 'result', 'created_at', 'finished_at', 'locked_until', 'attempts', 'max_attempts'] as const;

/** A job whose node died on its last allowed attempt is never claimed again: it failed. */
function statusOf(row: ScanRow, now: Date): DuplicateScanView['status'] {
  const abandoned = row.status === 'running' && row.locked_until !== null && row.locked_until < now && row.attempts >= row.max_attempts;
  return abandoned ? 'failed' : row.status;
}

function viewOf(row: ScanRow, now: Date): DuplicateScanView {
  const status = statusOf(row, now);
  const result = status === 'done' ? (row.result as { scanned: number; proposed: number }) : null;
  const total = row.progress_total;
  const percent = status === 'done' ? 100 : total ? Math.min(99, Math.floor((row.progress_done / total) * 100)) : 0;
  return {
    id: row.id, status, progress: { checked: result?.scanned ?? row.progress_done, total: result?.scanned ?? total, percent },
    result: result && { scanned: result.scanned, proposed: result.proposed },
    startedAt: row.created_at.toISOString(), finishedAt: row.finished_at?.toISOString() ?? null,
  };
}

const scans = (db: Db, actor: Actor) => scoped(db, actor).selectFrom('job_queue').select([...SCAN_COLUMNS]).where('kind', '=', DUPLICATE_SCAN_JOB);

/**
 * Looks for duplicates among this organization's recent changes now, instead of waiting for the recurring
 * job: queues the scan (a job, seconds to minutes after a large import) and answers it at once. While one
 * is queued or running, asking again answers that one: a second click does not start a second scan.
 */
export async function startDuplicateScan(ctx: ServiceContext, actor: Actor): Promise<{ started: boolean; scan: DuplicateScanView }> {
  requirePermission(actor, 'customers.manage');
  return inTransaction(ctx.db, async (tx) => {
    // Two clicks at once (two tabs, two nodes) wait for each other here, so only one of them queues.
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`regulars.duplicates-scan:${actor.organizationId}`}))`.execute(tx);
    const now = ctx.clock.now();
    const pending = await scans(tx, actor).where('status', 'in', ['queued', 'running']).orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
    const active = pending.find((row) => statusOf(row, now) !== 'failed');
    if (active) return { started: false, scan: viewOf(active, now) };
    const id = await new JobRunner(tx, ctx).enqueue(DUPLICATE_SCAN_JOB, {}, { organizationId: actor.organizationId });
    const row = await scans(tx, actor).where('id', '=', id).executeTakeFirstOrThrow();
    return { started: true, scan: viewOf(row, now) };
  });
}

export async function getDuplicateScan(ctx: ServiceContext, actor: Actor, id: string): Promise<DuplicateScanView> {
  requirePermission(actor, 'customers.read');
  const row = await scans(ctx.db, actor).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('duplicate_scan', { id });
  return viewOf(row, ctx.clock.now());
}

/** The latest scan asked for, so a page opened (or reloaded) while one runs shows its progress. */
export async function latestDuplicateScan(ctx: ServiceContext, actor: Actor): Promise<DuplicateScanView | null> {
  requirePermission(actor, 'customers.read');
  const row = await scans(ctx.db, actor).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row ? viewOf(row, ctx.clock.now()) : null;
}
