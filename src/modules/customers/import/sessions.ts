// Import sessions, the use cases: upload a file or paste a table (it is read once and kept), read it
// again with other settings, confirm the mapping, start the import as a queued job (or run it right away,
// for the CLI), follow its progress, fetch the report, forget the session.

import type { ServiceContext } from '../../../platform/context.js';
import { inTransaction } from '../../../platform/db/database.js';
import { AppError, conflict, invalidField, notFound } from '../../../platform/errors.js';
import { JobRunner } from '../../../platform/jobs.js';
import { requirePermission, type Actor } from '../../tenancy/index.js';
import { analyzeSource, type SourceAnalysis, type SourceOptions } from './analyze.js';
import { guessColumns } from './guess.js';
import { mappingProblems, parseMapping, type ImportMapping } from './kinds.js';
import { isKnownEncoding } from './source.js';
import { importStore, type SessionRow } from './store.js';
import type { ImportKind } from './tables.js';
import { ImportFileError } from './xlsx.js';

export const IMPORT_JOB = 'customers.import';
export const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

export function requireImport(actor: Actor): void {
  requirePermission(actor, 'customers.import');
}

export async function sessionOf(ctx: ServiceContext, actor: Actor, id: string): Promise<SessionRow> {
  requireImport(actor);
  const row = await importStore.byId(ctx.db, actor, id);
  if (!row) throw notFound('import', { id });
  return row;
}

async function analyze(bytes: () => AsyncIterable<Uint8Array>, options: SourceOptions): Promise<SourceAnalysis> {
  if (options.encoding !== undefined && !isKnownEncoding(options.encoding)) throw invalidField('encoding', `"${options.encoding}" is not an encoding we can read (e.g. utf-8, windows-1251, koi8-r, ibm866, windows-1252, iso-8859-5)`);
  if (options.delimiter !== undefined && (options.delimiter.length !== 1 || /["\r\n]/u.test(options.delimiter))) throw invalidField('delimiter', 'must be one character other than a quote or a line break');
  try {
    const analysis = await analyzeSource(bytes, options);
    if (analysis.rowsTotal === 0) throw new AppError('file_empty', 'The file has no rows to import', {});
    return analysis;
  } catch (e) {
    if (e instanceof ImportFileError) throw new AppError(e.code, e.message, { field: e.code === 'sheet_not_found' ? 'sheet' : 'file' });
    throw e;
  }
}

function analysisColumns(kind: ImportKind, analysis: SourceAnalysis) {
  const guesses = guessColumns(kind, analysis.header, analysis.sample);
  return {
    format: analysis.format, encoding: analysis.encoding, encoding_detected_by: analysis.encodingDetectedBy, delimiter: analysis.delimiter,
    sheet: analysis.sheet, sheets: analysis.sheets, has_header: analysis.hasHeader, header: analysis.header,
    preview: JSON.stringify(analysis.preview), rows_total: analysis.rowsTotal, parse_problems: JSON.stringify(analysis.problems),
    columns: JSON.stringify(analysis.columns.map((c, i) => ({ ...c, guess: guesses[i] ?? null }))),
  };
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

export interface NewImport { kind: ImportKind; origin: 'file' | 'paste'; fileName: string | null; bytes: Uint8Array; options: SourceOptions }

/** Reads an upload (or a pasted table, kept as UTF-8 text) and keeps it with what was read. */
export async function createImport(ctx: ServiceContext, actor: Actor, input: NewImport): Promise<SessionRow> {
  requireImport(actor);
  if (input.bytes.length > MAX_UPLOAD_BYTES) throw new AppError('file_too_large', `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB; split it or export it as CSV`, { field: 'file' });
  const analysis = await analyze(() => once(input.bytes), input.options);
  const now = ctx.clock.now();
  return inTransaction(ctx.db, async (tx) => {
    const row = await importStore.insertSession(tx, actor, {
      id: ctx.ids.next(), kind: input.kind, origin: input.origin, file_name: input.fileName, file_size: input.bytes.length,
      source_options: JSON.stringify(input.options), ...analysisColumns(input.kind, analysis),
      mapping: null, status: 'uploaded', phase: null, rows_read: 0, rows_saved: 0, job_id: null, report: null, error: null,
      created_by: actor.staffId, started_by: null, created_at: now, updated_at: now, started_at: null, finished_at: null,
    });
    await importStore.insertFile(tx, actor, row.id, input.bytes);
    return row;
  });
}

function assertEditable(row: SessionRow): void {
  if (row.status !== 'uploaded' && row.status !== 'failed') {
    throw conflict('import_not_editable', `This import is ${row.status}; upload the file again to import it once more`, { status: row.status });
  }
}

/** Reads the stored file again with other settings (encoding, delimiter, sheet, header); the mapping is kept. */
export async function rereadImport(ctx: ServiceContext, actor: Actor, id: string, options: SourceOptions): Promise<SessionRow> {
  const row = await sessionOf(ctx, actor, id);
  assertEditable(row);
  const merged = { ...(row.source_options as SourceOptions), ...options };
  const analysis = await analyze(() => importStore.fileChunks(ctx.db, actor, id), merged);
  return importStore.update(ctx.db, actor, id, { source_options: JSON.stringify(merged), ...analysisColumns(row.kind, analysis), updated_at: ctx.clock.now() });
}

export async function setImportMapping(ctx: ServiceContext, actor: Actor, id: string, body: unknown): Promise<SessionRow> {
  const row = await sessionOf(ctx, actor, id);
  assertEditable(row);
  const mapping = parseMapping(row.kind, body);
  return importStore.update(ctx.db, actor, id, { mapping: JSON.stringify(mapping), updated_at: ctx.clock.now() });
}

function blockingProblems(row: SessionRow) {
  return mappingProblems(row, row.mapping as ImportMapping | null).filter((p) => p.severity === 'blocking');
}

/** Queues the import; a job (import-jobs.ts) runs it. */
export async function startImport(ctx: ServiceContext, actor: Actor, id: string): Promise<SessionRow> {
  requireImport(actor);
  return inTransaction(ctx.db, async (tx) => {
    const row = await importStore.byIdForUpdate(tx, actor, id);
    if (!row) throw notFound('import', { id });
    assertEditable(row);
    const blocking = blockingProblems(row);
    if (blocking.length > 0) throw new AppError('import_not_ready', blocking.map((p) => p.message).join('; '), { problems: blocking });
    const jobId = await new JobRunner(tx, ctx).enqueue(IMPORT_JOB, { sessionId: id }, { organizationId: actor.organizationId });
    return importStore.update(tx, actor, id, {
      status: 'queued', job_id: jobId, phase: null, rows_read: 0, rows_saved: 0, report: null, error: null, finished_at: null,
      started_by: JSON.stringify({ staffId: actor.staffId, apiKeyId: actor.apiKeyId, role: actor.role }), started_at: ctx.clock.now(), updated_at: ctx.clock.now(),
    });
  });
}

/** Claims an import to run in this process now, without the queue (the CLI). */
export async function claimImportNow(ctx: ServiceContext, actor: Actor, id: string): Promise<SessionRow> {
  const row = await sessionOf(ctx, actor, id);
  assertEditable(row);
  const blocking = blockingProblems(row);
  if (blocking.length > 0) throw new AppError('import_not_ready', blocking.map((p) => p.message).join('; '), { problems: blocking });
  const claimed = await importStore.claim(ctx.db, actor, id, ['uploaded', 'failed'], {
    status: 'running', job_id: null, phase: 'reading', rows_read: 0, rows_saved: 0, report: null, error: null, finished_at: null,
    started_by: JSON.stringify({ staffId: actor.staffId, apiKeyId: actor.apiKeyId, role: actor.role }), started_at: ctx.clock.now(), updated_at: ctx.clock.now(),
  });
  if (!claimed) throw conflict('import_not_editable', 'This import was started meanwhile', { id });
  return claimed;
}

export async function listImports(ctx: ServiceContext, actor: Actor, cursor: string | null, limit: number) {
  requireImport(actor);
  const rows = await importStore.page(ctx.db, actor, cursor, limit + 1);
  return { rows: rows.slice(0, limit), next: rows.length > limit ? (rows[limit - 1]?.id ?? null) : null };
}

/** A session that has not moved for this long while queued or running is taken as abandoned (its node died). */
const STALE_MS = 15 * 60 * 1000;

export async function deleteImport(ctx: ServiceContext, actor: Actor, id: string): Promise<void> {
  const row = await sessionOf(ctx, actor, id);
  const busy = (row.status === 'queued' || row.status === 'running') && ctx.clock.now().getTime() - row.updated_at.getTime() < STALE_MS;
  if (busy) throw conflict('import_running', 'This import is running; wait for it to finish', { status: row.status });
  await importStore.delete(ctx.db, actor, id);
}

export async function importIssues(ctx: ServiceContext, actor: Actor, id: string, severity: 'error' | 'warning', afterLine: number, limit: number) {
  await sessionOf(ctx, actor, id);
  const rows = await importStore.issues(ctx.db, actor, id, severity, afterLine, limit + 1);
  return { rows: rows.slice(0, limit), next: rows.length > limit ? (rows[limit - 1]?.line ?? null) : null };
}
