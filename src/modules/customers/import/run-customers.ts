// The customer import, start to end, in one database transaction: all of the file's good rows are
// written, or — when anything fails part-way, a constraint, a lost connection, a crash — none of them is,
// and the session says why. Rejected rows do not fail the import; they are reported.
//
//   reading   stream the stored file, map every row in Node (domain mapRow, display name, search keys),
//             COPY the good rows into a temporary staging table;
//   matching  a few set-wise statements find each row's existing customer (customers-sql.ts);
//   saving    new customers, contacts, changes and audit rows, written in chunks of staged rows.

import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { from as copyFrom } from 'pg-copy-streams';
import type { PoolClient } from 'pg';
import { getOrganization } from '../../tenancy/index.js';
import type { CountryCode } from '../contacts.js';
import { phoneNormalizer } from '../contacts.js';
import { displayNameOf } from '../service.js';
import { CustomerRowMapper, describeProblems } from './customer-rows.js';
import { COPY_STAGE, CREATE_STAGE, indexStage, matchedNames, matchRows, rememberMatched, setMatchedKeys } from './customers-sql.js';
import { saveChunk, stageCounts, stageRejections, type StageCount } from './customers-save-sql.js';
import { mapChunks, type MappedChunk } from './customer-chunks.js';
import { IssueCollector, writeIssues } from './issues.js';
import { columnRules, customerMappingSchema, dateOrderState } from './mapping.js';
import type { ColumnAnalysis } from './analyze.js';
import { actorOfSession, ProgressReporter, type ImportRuntime, type RunOptions } from './run-context.js';
import { readDataRows } from './source.js';
import { importStore, type SessionRow } from './store.js';

export interface CustomerImportReport {
  kind: 'customers';
  rows: number;
  created: number;
  updated: number;
  skipped: number;
  rejected: number;
  /** Existing customers found, by the rule that found them (updated + skipped). */
  matchedBy: { externalId: number; phone: number; email: number; nameBirthDate: number };
  rejectedBy: Record<string, number>;
  warnings: number;
  warningsBy: Record<string, number>;
  seconds: number;
  /**
   * Seconds of work, which overlap: mapping the rows in Node, the database staging, matching and writing
   * them, and writing the report at the end.
   */
  timings: { mapping: number; database: number; finishing: number };
}

const RULE_NAMES: Readonly<Record<string, keyof CustomerImportReport['matchedBy']>> = {
  external_id: 'externalId', phone: 'phone', email: 'email', name_birth_date: 'nameBirthDate',
};

export function sourceOf(runtime: ImportRuntime, session: SessionRow) {
  const scope = { organizationId: session.organization_id };
  return {
    bytes: () => importStore.fileChunks(runtime.ctx.db, scope, session.id),
    settings: { format: session.format, encoding: session.encoding, delimiter: session.delimiter, sheet: session.sheet, hasHeader: session.has_header },
  };
}

/** Opens the import's transaction on a connection of its own; rolls back on any failure. */
export async function inImportTransaction<T>(runtime: ImportRuntime, organizationId: string, fn: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await runtime.pool.connect();
  try {
    // Only possible before the connection's first temporary table; a reused connection keeps its setting.
    await client.query(`SET temp_buffers = '256MB'`).catch(() => undefined);
    await client.query('BEGIN');
    await client.query(`SET LOCAL work_mem = '64MB'`);
    // Two imports of one organization would match against each other's half-written rows: one at a time.
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('regulars.import:' || $1))`, [organizationId]);
    const result = await fn(client);
    await client.query('COMMIT');
    client.release();
    return result;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    // Not back into the pool: a failure can leave the connection mid-COPY or with a statement still
    // running, and whoever got it next would wait on it. A new connection costs a few milliseconds.
    client.release(e instanceof Error ? e : new Error(String(e)));
    throw e;
  }
}

export async function runCustomerImport(runtime: ImportRuntime, session: SessionRow, options: RunOptions = {}): Promise<CustomerImportReport> {
  const started = Date.now();
  const { ctx } = runtime;
  const actor = actorOfSession(session);
  const org = session.organization_id;
  const mapping = customerMappingSchema.parse(session.mapping);
  const columns = session.columns as ColumnAnalysis[];
  const country = mapping.phoneCountry ?? (await getOrganization(ctx, actor)).country;
  const mapper = new CustomerRowMapper({
    rules: columnRules(mapping),
    mapRow: {
      normalizePhone: phoneNormalizer((country ?? undefined) as CountryCode | undefined),
      referenceYear: ctx.clock.now().getUTCFullYear(),
      dateOrder: dateOrderState(columns, mapping.columns, mapping.dateOrder).effective ?? undefined,
      ...(mapping.deriveGender && { deriveGenderMinConfidence: 0.7 }),
    },
    invalidValues: mapping.invalidValues,
    addTags: mapping.addTags,
    ids: ctx.ids,
  });
  const source = sourceOf(runtime, session);
  const progress = new ProgressReporter(runtime, session, options);
  const collector = new IssueCollector();
  const stats = { rowsRead: 0, mappingMs: 0 };
  const counts: StageCount[] = [];
  let databaseMs = 0;
  let staged = 0;
  let chunksSaved = 0;
  const save = { organizationId: org, sessionId: session.id, staffId: actor.staffId, apiKeyId: actor.apiKeyId, now: ctx.clock.now(), source: 'import', updateMode: mapping.updateMode };

  return inImportTransaction(runtime, org, async (client) => {
    await client.query(CREATE_STAGE);
    await indexStage(client);
    await progress.enter('reading');

    /** Stages, matches and writes one chunk; its rows the database rejects are reported with their cells. */
    async function saveMapped(chunk: MappedChunk): Promise<void> {
      const began = performance.now();
      await client.query('TRUNCATE import_stage');
      await pipeline(Readable.from(chunk.copy), client.query(copyFrom(COPY_STAGE)));
      const found = await matchRows(client, org);
      for (const r of await stageRejections(client)) {
        const value = r.reason === 'same_customer' ? `line ${r.detail}` : r.detail ?? undefined;
        const problems = [{ field: 'row', reason: r.reason, ...(value !== undefined && { value }) }];
        collector.issues.push({ severity: 'error', line: r.line, problems, message: describeProblems(problems), cells: chunk.cells.get(r.line) ?? [] });
      }
      const names = found > 0 ? await matchedNames(client, org, mapping.updateMode, 0, MAX_LINE) : [];
      if (names.length > 0) {
        const displayNames = names.map((n) => displayNameOf({ kind: n.kind, familyName: n.family_name, givenNames: n.given_names, patronymic: n.patronymic, familyNameLatin: n.family_name_latin, givenNamesLatin: n.given_names_latin, companyName: n.company_name }) || n.display_name);
        const keys = names.map((n) => mapper.searchKeys([n.family_name, n.given_names, n.patronymic, n.family_name_latin, n.given_names_latin, n.company_name]));
        await setMatchedKeys(client, names.map((n) => n.line), displayNames, keys);
      }
      await saveChunk(client, save, 0, MAX_LINE, names.length > 0);
      counts.push(...(await stageCounts(client)));
      await rememberMatched(client);
      staged += chunk.staged;
      chunksSaved++;
      if ((chunksSaved & (chunksSaved - 1)) === 0) await analyzeBase(client);
      databaseMs += performance.now() - began;
    }

    const chunks = mapChunks(readDataRows(source.bytes, source.settings, 1000), mapper, collector, options.chunkRows ?? 50_000, stats);
    let next = chunks.next();
    try {
      for (;;) {
        progress.rowsRead = stats.rowsRead;
        await progress.report();
        const step = await next;
        if (step.done) break;
        // Map the following chunk while the database writes this one.
        next = chunks.next();
        next.catch(() => undefined); // awaited on the next turn; a failure of this chunk must not leave it unhandled
        await saveMapped(step.value);
        progress.rowsRead = stats.rowsRead;
        progress.rowsSaved = staged;
        await progress.report(true);
      }
    } finally {
      await chunks.return(undefined);
    }
    await progress.enter('saving');

    const finishing = Date.now();
    const report: CustomerImportReport = {
      kind: 'customers', rows: stats.rowsRead, created: 0, updated: 0, skipped: 0, rejected: collector.rejected,
      matchedBy: { externalId: 0, phone: 0, email: 0, nameBirthDate: 0 }, rejectedBy: { ...collector.rejectedBy },
      warnings: collector.warned, warningsBy: collector.warningsBy, seconds: 0,
      timings: { mapping: round(stats.mappingMs / 1000), database: round(databaseMs / 1000), finishing: 0 },
    };
    for (const count of counts) {
      if (count.outcome === 'created' || count.outcome === 'updated' || count.outcome === 'skipped') report[count.outcome] += count.n;
      const rule = count.rule ? RULE_NAMES[count.rule] : undefined;
      if (rule && (count.outcome === 'updated' || count.outcome === 'skipped')) report.matchedBy[rule] += count.n;
      if (count.outcome === 'rejected' && count.reason) {
        report.rejected += count.n;
        report.rejectedBy[count.reason] = (report.rejectedBy[count.reason] ?? 0) + count.n;
      }
    }
    await writeIssues(client, org, session.id, collector.issues);
    report.timings.finishing = round((Date.now() - finishing) / 1000);
    report.seconds = round((Date.now() - started) / 1000);
    await client.query(`UPDATE import_sessions SET status = 'done', phase = NULL, rows_read = $3, rows_saved = $4, report = $5, finished_at = $6, updated_at = $6 WHERE organization_id = $1 AND id = $2`,
      [org, session.id, stats.rowsRead, staged, JSON.stringify(report), ctx.clock.now()]);
    return report;
  });
}

const MAX_LINE = 2 ** 31 - 1;

/**
 * Statistics that count the rows this transaction has written (ANALYZE inside a transaction sees its own
 * rows). Without them the planner takes the organization's customers and contacts for the few it had
 * before the import, estimates every lookup at one row, and picks plans that scan them once per staged
 * row: from the second chunk on, the phone lookup walked all the organization's phones through
 * customer_contacts_tail for each row, and the name + birth date rule re-read the whole chunk for each
 * customer — a 50 000-row chunk on 50 000 customers ran for over 13 minutes instead of seconds.
 * Done after chunks 1, 2, 4, 8…, so estimates are never off by more than twice, and a million rows cost
 * five of them (~2 s). ANALYZE takes a lock that is held until this import commits; another import's
 * ANALYZE (another organization's: one organization's imports take turns) waits at most 2 s for it and is
 * then skipped, so that one runs on the statistics it has.
 */
async function analyzeBase(client: PoolClient): Promise<void> {
  await client.query('SAVEPOINT import_analyze');
  try {
    await client.query(`SET LOCAL lock_timeout = '2s'`);
    await client.query('ANALYZE customers');
    await client.query('ANALYZE customer_contacts');
    await client.query('RELEASE SAVEPOINT import_analyze');
    await client.query('SET LOCAL lock_timeout = DEFAULT');
  } catch (e) {
    if ((e as { code?: string }).code !== '55P03') throw e; // lock_not_available
    await client.query('ROLLBACK TO SAVEPOINT import_analyze');
  }
}
const round = (n: number) => Math.round(n * 10) / 10;
