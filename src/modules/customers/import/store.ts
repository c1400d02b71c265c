// SQL of import sessions, their stored files and their row issues, always inside the tenant scope.
// (The import itself writes set-wise on a raw connection: customers-sql.ts.)
import type { Insertable, Selectable, Updateable } from 'kysely';
import { sql, type Db } from '../../../platform/db/database.js';
import { scoped, type TenantScope } from '../../../platform/db/tenant.js';
import type { ImportRowIssuesTable, ImportSessionsTable } from './tables.js';
import './tables.js';

export type SessionRow = Selectable<ImportSessionsTable>;
export type IssueRow = Selectable<ImportRowIssuesTable>;

/** Uploads are stored in chunks of this size (see the migration for why chunks). */
export const FILE_CHUNK_BYTES = 1024 * 1024;

export const importStore = {
  insertSession: (db: Db, scope: TenantScope, row: Omit<Insertable<ImportSessionsTable>, 'organization_id'>) =>
    scoped(db, scope).insertInto('import_sessions', row).returningAll().executeTakeFirstOrThrow(),

  async insertFile(db: Db, scope: TenantScope, sessionId: string, bytes: Uint8Array): Promise<void> {
    const chunks: Buffer[] = [];
    for (let offset = 0; offset < bytes.length; offset += FILE_CHUNK_BYTES) {
      chunks.push(Buffer.from(bytes.buffer, bytes.byteOffset + offset, Math.min(FILE_CHUNK_BYTES, bytes.length - offset)));
    }
    if (chunks.length === 0) chunks.push(Buffer.alloc(0));
    // A few chunks per statement keeps each statement's parameters small for a 100 MB file.
    for (let i = 0; i < chunks.length; i += 8) {
      await scoped(db, scope).insertInto('import_file_chunks', chunks.slice(i, i + 8).map((b, k) => ({ session_id: sessionId, seq: i + k, bytes: b }))).execute();
    }
  },

  /** The stored file, one chunk at a time. */
  async *fileChunks(db: Db, scope: TenantScope, sessionId: string): AsyncGenerator<Uint8Array> {
    for (let seq = 0; ; seq++) {
      const chunk = await scoped(db, scope).selectFrom('import_file_chunks').select('bytes').where('session_id', '=', sessionId).where('seq', '=', seq).executeTakeFirst();
      if (!chunk) return;
      if (chunk.bytes.length > 0) yield chunk.bytes;
    }
  },

  byId: (db: Db, scope: TenantScope, id: string) =>
    scoped(db, scope).selectFrom('import_sessions').selectAll().where('id', '=', id).executeTakeFirst(),

  byIdForUpdate: (db: Db, scope: TenantScope, id: string) =>
    scoped(db, scope).selectFrom('import_sessions').selectAll().where('id', '=', id).forUpdate().executeTakeFirst(),

  update: (db: Db, scope: TenantScope, id: string, values: Omit<Updateable<ImportSessionsTable>, 'organization_id' | 'id'>) =>
    scoped(db, scope).updateTable('import_sessions', values).where('id', '=', id).returningAll().executeTakeFirstOrThrow(),

  /** Moves a session from one of `from` to `to` only if it is still there: the claim of a run. */
  claim: (db: Db, scope: TenantScope, id: string, from: ImportSessionsTable['status'][], values: Omit<Updateable<ImportSessionsTable>, 'organization_id' | 'id'>, jobId?: string) => {
    let q = scoped(db, scope).updateTable('import_sessions', values).where('id', '=', id).where('status', 'in', from);
    if (jobId !== undefined) q = q.where('job_id', '=', jobId);
    return q.returningAll().executeTakeFirst();
  },

  page: (db: Db, scope: TenantScope, after: string | null, limit: number) => {
    let q = scoped(db, scope).selectFrom('import_sessions').selectAll();
    if (after) q = q.where(sql<boolean>`(import_sessions.created_at, import_sessions.id) < (SELECT a.created_at, a.id FROM import_sessions a WHERE a.id = ${after} AND a.organization_id = import_sessions.organization_id)`);
    return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  },

  delete: async (db: Db, scope: TenantScope, id: string) => {
    await scoped(db, scope).deleteFrom('import_sessions').where('id', '=', id).execute();
  },

  issues: (db: Db, scope: TenantScope, sessionId: string, severity: 'error' | 'warning', afterLine: number, limit: number) =>
    scoped(db, scope).selectFrom('import_row_issues').selectAll()
      .where('session_id', '=', sessionId).where('severity', '=', severity).where('line', '>', afterLine)
      .orderBy('line').limit(limit).execute(),
};
