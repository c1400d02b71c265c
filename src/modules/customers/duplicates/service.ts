// Proposed duplicates for staff: list them with both profiles side by side, dismiss the wrong ones, run
// the scan now. Merging is merge/service.ts.
import type { ServiceContext } from '../../../platform/context.js';
import { sql } from '../../../platform/db/database.js';
import { scoped } from '../../../platform/db/tenant.js';
import { conflict, notFound } from '../../../platform/errors.js';
import { requirePermission, type Actor } from '../../tenancy/index.js';
import { summarize, type CustomerMatch } from '../search/summary.js';
import { customersStore } from '../store.js';
import type { DuplicateReason } from '../tables.js';
import { scanOrganization } from './scan.js';

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

/** Looks for duplicates among this organization's recent changes now, instead of waiting for the job. */
export async function scanDuplicatesNow(ctx: ServiceContext, actor: Actor) {
  requirePermission(actor, 'customers.manage');
  return scanOrganization(ctx, actor, { settleMs: 0, persist: false, maxBatches: 50 });
}
