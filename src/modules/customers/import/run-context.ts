// What a running import needs besides its session: the database (the service context for ordinary
// statements, the pool for the one connection that holds the import's transaction), the actor that
// started it, and somewhere to report progress. Progress is written on a connection of its own, never
// inside the import's transaction, so the web app and the CLI see it while the import runs.

import type pg from 'pg';
import type { ServiceContext } from '../../../platform/context.js';
import type { Actor, ActorRole } from '../../tenancy/index.js';
import { importStore, type SessionRow } from './store.js';
import type { ImportPhase } from './tables.js';

export interface ImportRuntime {
  ctx: ServiceContext;
  pool: pg.Pool;
}

export interface RunOptions {
  /** Staged rows written per statement while saving (progress moves once per chunk). Default 50 000. */
  chunkRows?: number;
  /** Called after every progress write, e.g. to extend a job's lease or to draw a CLI bar. */
  onProgress?: (progress: { phase: ImportPhase; rowsRead: number; rowsSaved: number; rowsTotal: number }) => Promise<void> | void;
}

/** The actor a session was started by, as the job acts for it. */
export function actorOfSession(session: SessionRow): Actor {
  const by = session.started_by;
  if (!by) throw new Error(`import session ${session.id} has no starter`);
  return { organizationId: session.organization_id, role: by.role as ActorRole, staffId: by.staffId, apiKeyId: by.apiKeyId, outletId: null };
}

export class ProgressReporter {
  private last = 0;
  /** Writes go one after another, so a slow one cannot land after a newer one. */
  private writing: Promise<void> = Promise.resolve();
  phase: ImportPhase = 'reading';
  rowsRead = 0;
  rowsSaved = 0;
  constructor(private readonly runtime: ImportRuntime, private readonly session: SessionRow, private readonly options: RunOptions) {}

  /** Writes progress at most twice a second, and always on a change of phase or when forced. */
  async report(force = false): Promise<void> {
    const now = Date.now();
    if (!force && now - this.last < 500) return;
    this.last = now;
    const values = { phase: this.phase, rowsRead: this.rowsRead, rowsSaved: this.rowsSaved, rowsTotal: this.session.rows_total };
    this.writing = this.writing.then(async () => {
      await importStore.update(this.runtime.ctx.db, { organizationId: this.session.organization_id }, this.session.id, {
        phase: values.phase, rows_read: values.rowsRead, rows_saved: values.rowsSaved, updated_at: this.runtime.ctx.clock.now(),
      });
      await this.options.onProgress?.(values);
    });
    await this.writing;
  }

  async enter(phase: ImportPhase): Promise<void> {
    this.phase = phase;
    await this.report(true);
  }
}
