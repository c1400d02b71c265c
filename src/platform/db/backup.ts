// Backup and restore of a Regulars database as one consistent, portable file.
//
// The embedded packages ship no pg_dump, so we dump ourselves: every table (except schema_migrations)
// is copied with COPY … TO STDOUT inside one REPEATABLE READ, READ ONLY transaction — one snapshot, so
// the file is consistent even while the server keeps serving. Restore migrates a fresh database to the
// same schema version, COPYs the tables back in foreign-key order, checks the row counts, and only then
// swaps it in for the old one, so a failed restore leaves the old data untouched.
//
// File layout (gzip): a header line, a JSON line, then per table "TABLE <name> <columns JSON> <rows>",
// COPY text-format lines, and a "\." line. COPY text format escapes newlines and backslashes, so a data
// line can never be exactly "\.".
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { PassThrough, Readable } from 'node:stream';
import { createGzip, createGunzip } from 'node:zlib';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';

const MAGIC = 'REGULARS-BACKUP 1';

export interface BackupSummary { file: string; schemaVersion: string | null; tables: { name: string; rows: number }[] }
export type ProgressFn = (done: number, total: number) => void;

interface TableInfo { name: string; columns: string[]; estimate: number }

async function tablesInDependencyOrder(client: pg.ClientBase): Promise<TableInfo[]> {
  const { rows: tables } = await client.query<{ name: string; estimate: string }>(`
    SELECT c.relname AS name, greatest(c.reltuples, 0)::bigint AS estimate FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> 'schema_migrations' ORDER BY c.relname`);
  const { rows: deps } = await client.query<{ child: string; parent: string }>(`
    SELECT c.relname AS child, p.relname AS parent FROM pg_constraint k
    JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE k.contype = 'f' AND n.nspname = 'public' AND c.relname <> p.relname`);
  const { rows: columns } = await client.query<{ table_name: string; column_name: string }>(`
    SELECT table_name, column_name FROM information_schema.columns
    WHERE table_schema = 'public' AND is_generated = 'NEVER' ORDER BY table_name, ordinal_position`);
  const parents = new Map<string, Set<string>>();
  for (const d of deps) (parents.get(d.child) ?? parents.set(d.child, new Set()).get(d.child)!).add(d.parent);
  const ordered: string[] = [];
  const done = new Set<string>();
  const visit = (name: string, path: Set<string>) => {
    if (done.has(name)) return;
    if (path.has(name)) throw new Error(`foreign keys form a cycle through ${name}`);
    path.add(name);
    for (const parent of parents.get(name) ?? []) visit(parent, path);
    path.delete(name);
    done.add(name);
    ordered.push(name);
  };
  for (const t of tables) visit(t.name, new Set());
  const byName = new Map(tables.map((t) => [t.name, Number(t.estimate)]));
  return ordered.filter((n) => byName.has(n)).map((name) => ({
    name,
    columns: columns.filter((c) => c.table_name === name).map((c) => c.column_name),
    estimate: byName.get(name) ?? 0,
  }));
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function backupDatabase(url: string, file: string, onProgress?: ProgressFn): Promise<BackupSummary> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const out = new PassThrough();
  const written = pipeline(out, createGzip(), createWriteStream(file));
  const write = (text: string) => new Promise<void>((resolve) => (out.write(text) ? resolve() : out.once('drain', resolve)));
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const { rows } = await client.query<{ v: string | null }>("SELECT (SELECT version || '_' || name FROM schema_migrations ORDER BY version DESC LIMIT 1) AS v");
    const schemaVersion = rows[0]?.v ?? null;
    const tables = await tablesInDependencyOrder(client);
    const total = tables.reduce((a, t) => a + t.estimate, 0);
    await write(`${MAGIC}\n${JSON.stringify({ schemaVersion, createdAt: new Date().toISOString(), tables: tables.map((t) => t.name) })}\n`);
    const summary: BackupSummary = { file, schemaVersion, tables: [] };
    let done = 0;
    for (const table of tables) {
      const count = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${quoteIdent(table.name)}`)).rows[0]?.n ?? 0);
      await write(`TABLE ${table.name} ${JSON.stringify(table.columns)} ${count}\n`);
      const cols = table.columns.map(quoteIdent).join(', ');
      const stream = client.query(copyTo(`COPY ${quoteIdent(table.name)} (${cols}) TO STDOUT`));
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        if (!out.write(chunk)) await new Promise((r) => out.once('drain', r));
      }
      await write('\\.\n');
      summary.tables.push({ name: table.name, rows: count });
      done += Math.max(count, table.estimate);
      onProgress?.(Math.min(done, total), total);
    }
    await client.query('COMMIT');
    out.end();
    await written;
    return summary;
  } catch (e) {
    out.destroy(e as Error);
    await written.catch(() => {});
    throw e;
  } finally {
    await client.end();
  }
}

interface BackupHeader { schemaVersion: string | null; tables: string[] }

/**
 * Restores a backup file into `targetUrl`, which must be an empty database that `prepare` migrates to
 * the schema version named in the file. Returns the tables and row counts restored.
 */
export async function restoreInto(targetUrl: string, file: string, prepare: (header: BackupHeader) => Promise<void>, onProgress?: ProgressFn): Promise<BackupSummary> {
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity })[Symbol.asyncIterator]();
  const next = async () => {
    const r = await lines.next();
    return r.done ? null : r.value;
  };
  if ((await next()) !== MAGIC) throw new Error(`${file} is not a Regulars backup`);
  const header = JSON.parse((await next()) ?? '{}') as BackupHeader;
  await prepare(header);
  const client = new pg.Client({ connectionString: targetUrl });
  await client.connect();
  const summary: BackupSummary = { file, schemaVersion: header.schemaVersion, tables: [] };
  try {
    await client.query('BEGIN');
    for (let line = await next(); line !== null; line = await next()) {
      const m = /^TABLE (\S+) (\[.*\]) (\d+)$/.exec(line);
      if (!m) throw new Error(`${file}: unexpected line "${line.slice(0, 80)}"`);
      const [, name, columnsJson, countText] = m as unknown as [string, string, string, string];
      const columns = JSON.parse(columnsJson) as string[];
      const copy = client.query(copyFrom(`COPY ${quoteIdent(name)} (${columns.map(quoteIdent).join(', ')}) FROM STDIN`));
      let rows = 0;
      // A generator lets COPY pull lines at its own pace, so a large table never sits in memory.
      async function* tableRows() {
        for (let row = await next(); row !== '\\.'; row = await next()) {
          if (row === null) throw new Error(`${file} ends in the middle of table ${name}`);
          rows++;
          yield `${row}\n`;
        }
      }
      await pipeline(Readable.from(tableRows()), copy);
      if (rows !== Number(countText)) throw new Error(`${file}: table ${name} has ${rows} rows, its header says ${countText}`);
      summary.tables.push({ name, rows });
      onProgress?.(summary.tables.length, header.tables.length);
    }
    await client.query('COMMIT');
    return summary;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  } finally {
    await client.end();
  }
}
