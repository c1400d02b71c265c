// Work of the customer base in the background: the duplicate proposals (every few minutes, and on
// demand as a queued job with progress), and pruning the search vocabulary of words no customer has any
// more (after erasures and renames).
import type { ServiceContext } from '../../../platform/context.js';
import { sql } from '../../../platform/db/database.js';
import type { QueuedJobHandler, RecurringJob } from '../../../platform/jobs.js';
import { MANUAL_SCAN_MAX_BATCHES, scanAllOrganizations, scanOrganization } from './scan.js';

/** The scan a staff member asked for (the button on the duplicates page); see service.ts. */
export const DUPLICATE_SCAN_JOB = 'customers.duplicates-scan';

export async function pruneSearchWords(ctx: ServiceContext): Promise<number> {
  const gone = await sql`
    DELETE FROM customer_search_words w
    WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.organization_id = w.organization_id AND string_to_array(c.search_keys, ' ') @> ARRAY[w.word])`.execute(ctx.db);
  // Concurrent first uses of a word may have written it twice (the table has no unique key by design).
  const doubles = await sql`
    DELETE FROM customer_search_words w USING customer_search_words d
    WHERE d.organization_id = w.organization_id AND d.word = w.word AND d.ctid < w.ctid`.execute(ctx.db);
  return Number(gone.numAffectedRows ?? 0n) + Number(doubles.numAffectedRows ?? 0n);
}

export function customerJobs(ctx: ServiceContext): RecurringJob[] {
  return [
    { name: 'customers.duplicates', everySeconds: 300, run: () => scanAllOrganizations(ctx) },
    { name: 'customers.search-words', everySeconds: 86_400, run: () => pruneSearchWords(ctx) },
  ];
}

/**
 * The scan asked for by staff: it looks up to the moment it starts (no settling time) and leaves the
 * recurring job's mark alone, so rows of a transaction still open then are still seen by the job later.
 * Re-running it after a crash only refreshes the same proposals, so the runner's retries are safe.
 */
export function duplicateScanJobHandler(ctx: ServiceContext): QueuedJobHandler {
  return {
    kind: DUPLICATE_SCAN_JOB,
    // Progress after every batch (well under a second each) renews the lease.
    leaseSeconds: 120,
    async run(job, { progress }) {
      if (!job.organizationId) throw new Error('a duplicate scan needs its organization');
      return scanOrganization(ctx, { organizationId: job.organizationId }, { settleMs: 0, persist: false, maxBatches: MANUAL_SCAN_MAX_BATCHES, onProgress: progress });
    },
  };
}
