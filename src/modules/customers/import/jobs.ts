// Running an import: as a queued job (the web app and the API), or right here (the CLI). Either way the
// session is claimed first by a conditional update, so two nodes — or a node and a CLI — never run one
// session twice. A failure is recorded on the session and not retried: the import rolled back as a
// whole, and the same failure would come back. A node that dies mid-import leaves the job to be claimed
// again when its lease runs out; the import then starts over from the stored file.
import type { QueuedJobHandler } from '../../../platform/jobs.js';
import { isAppError } from '../../../platform/errors.js';
import type { Actor } from '../../tenancy/index.js';
import { ImportRaceError } from './customers-save-sql.js';
import { runCustomerImport } from './run-customers.js';
import { runPurchaseImport } from './run-purchases.js';
import type { ImportRuntime, RunOptions } from './run-context.js';
import { claimImportNow, IMPORT_JOB } from './sessions.js';
import { importStore, type SessionRow } from './store.js';

function failureOf(e: unknown): { code: string; message: string } {
  if (isAppError(e)) return { code: e.code, message: e.message };
  if (e instanceof ImportRaceError) return { code: 'external_id_race', message: e.message };
  const pgError = e as { code?: unknown; message?: unknown; constraint?: unknown };
  if (typeof pgError.code === 'string' && /^[0-9A-Z]{5}$/.test(pgError.code)) {
    const constraint = typeof pgError.constraint === 'string' ? ` (${pgError.constraint})` : '';
    return { code: 'database_error', message: `The database refused the import${constraint}: ${String(pgError.message)}. Nothing was imported.` };
  }
  return { code: 'import_failed', message: `The import failed: ${(e as Error).message}. Nothing was imported.` };
}

/** Runs a claimed session; on failure records it on the session (nothing of the file was written). */
export async function executeImport(runtime: ImportRuntime, session: SessionRow, options: RunOptions = {}): Promise<SessionRow> {
  const scope = { organizationId: session.organization_id };
  try {
    if (session.kind === 'customers') await runCustomerImport(runtime, session, options);
    else await runPurchaseImport(runtime, session, options);
  } catch (e) {
    const error = failureOf(e);
    if (error.code === 'import_failed' || error.code === 'database_error') runtime.ctx.log.error({ err: e, session: session.id }, 'import failed');
    await importStore.update(runtime.ctx.db, scope, session.id, {
      status: 'failed', phase: null, error: JSON.stringify(error), finished_at: runtime.ctx.clock.now(), updated_at: runtime.ctx.clock.now(),
    });
  }
  const row = await importStore.byId(runtime.ctx.db, scope, session.id);
  if (!row) throw new Error(`import session ${session.id} disappeared`);
  return row;
}

/** The queued-job handler; register it with the node's JobRunner. */
export function importJobHandler(runtime: ImportRuntime): QueuedJobHandler {
  return {
    kind: IMPORT_JOB,
    leaseSeconds: 600,
    async run(job, { progress }) {
      const { sessionId } = job.payload as { sessionId: string };
      if (!job.organizationId) throw new Error('an import job needs its organization');
      const scope = { organizationId: job.organizationId };
      const claimed = await importStore.claim(runtime.ctx.db, scope, sessionId, ['queued', 'running'], {
        status: 'running', phase: 'reading', rows_read: 0, rows_saved: 0, updated_at: runtime.ctx.clock.now(),
      }, job.id);
      if (!claimed) return { skipped: 'the session is no longer queued for this job' };
      const done = await executeImport(runtime, claimed, { onProgress: (p) => progress(p.rowsRead + p.rowsSaved, 2 * p.rowsTotal) });
      return { status: done.status };
    },
  };
}

/** The CLI's way: claim and run in this process, without the queue. */
export async function runImportNow(runtime: ImportRuntime, actor: Actor, id: string, options: RunOptions = {}): Promise<SessionRow> {
  const claimed = await claimImportNow(runtime.ctx, actor, id);
  return executeImport(runtime, claimed, options);
}
