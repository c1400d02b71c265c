// Recurring work of the customer base: the duplicate proposals, and pruning the search vocabulary of
// words no customer has any more (after erasures and renames).
import type { ServiceContext } from '../../../platform/context.js';
import { sql } from '../../../platform/db/database.js';
import type { RecurringJob } from '../../../platform/jobs.js';
import { scanAllOrganizations } from './scan.js';

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
