// `regulars import customers FILE` and `regulars import purchases FILE`: the same import as the web
// app's (upload, mapping, the import job's code), run in this process with a progress bar. The mapping
// starts from what the headers suggest; flags change it. Rejected rows are written next to the file (or
// to --rejects) as a CSV to fix and import again. Exit code 0 when the import ran, even with rejected
// rows; 2 on bad options or a mapping that cannot run; 1 when the import failed (nothing was imported).
// Loaded when the command runs (see commands/import.ts).
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { openStore } from '../../app/runtime.js';
import {
  createImport, importView, mappingFromFlags, MappingFlagError, reportCsv, runImportNow, setImportMapping, type ImportView, type MappingFlags,
} from '../../modules/customers/index.js';
import type { Actor } from '../../modules/tenancy/index.js';
import { sql, type Db } from '../../platform/db/database.js';
import { UsageError } from '../common.js';
import { progressBar, type Progress } from '../progress.js';
import { requireOrganization, setup } from '../setup.js';

export interface ImportFlags extends MappingFlags {
  organization?: string;
  encoding?: string;
  delimiter?: string;
  sheet?: string;
  header?: boolean;
  rejects?: string;
  json?: boolean;
}
const DATE_ORDER = z.enum(['dmy', 'mdy', 'ymd']);

function checkFlags(kind: 'customers' | 'purchases', file: string, flags: ImportFlags): void {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new UsageError(`import ${kind}: file not found: ${file}`);
  if (flags.organization !== undefined && !z.uuid().safeParse(flags.organization).success) throw new UsageError(`--organization: "${flags.organization}" is not an organization id`);
  if (flags.encoding !== undefined) {
    try { new TextDecoder(flags.encoding); } catch { throw new UsageError(`--encoding: "${flags.encoding}" is not an encoding (e.g. utf-8, windows-1251, koi8-r, ibm866)`); }
  }
  if (flags.delimiter !== undefined && flags.delimiter !== '\\t' && flags.delimiter.length !== 1) throw new UsageError('--delimiter: one character, or \\t for tab');
  if (flags.dateOrder !== undefined && !DATE_ORDER.safeParse(flags.dateOrder).success) throw new UsageError('--date-order: dmy, mdy or ymd');
  if (flags.phoneCountry !== undefined && !/^[A-Z]{2}$/u.test(flags.phoneCountry)) throw new UsageError('--phone-country: a country code such as RU or DE');
}

async function organizationOf(db: Db, given: string | undefined): Promise<string> {
  if (given) {
    await requireOrganization(db, given);
    return given;
  }
  const { rows } = await sql<{ id: string; name: string }>`SELECT id, name FROM organizations ORDER BY created_at LIMIT 2`.execute(db);
  if (rows.length === 1) return (rows[0] as { id: string }).id;
  throw new UsageError(rows.length === 0 ? 'there is no organization yet: start Regulars once to create one' : '--organization: this store has several organizations; name one by its id');
}

function summary(view: ImportView): string {
  const r = view.report;
  if (!r) return '';
  const lines: string[] = [];
  if (r.kind === 'customers') {
    lines.push(`${r.rows} rows: ${r.created} created, ${r.updated} updated, ${r.skipped} unchanged, ${r.rejected} rejected (${r.seconds} s)`);
    lines.push(`matched existing customers by external id ${r.matchedBy.externalId}, phone ${r.matchedBy.phone}, e-mail ${r.matchedBy.email}, name and birth date ${r.matchedBy.nameBirthDate}`);
  } else {
    lines.push(`${r.rows} rows, ${r.purchases} purchases: ${r.created} imported, ${r.skipped} imported before, ${r.rejected} rows rejected (${r.seconds} s)`);
    lines.push(`customers found by external id ${r.matchedBy.externalId}, phone ${r.matchedBy.phone}, e-mail ${r.matchedBy.email}, card ${r.matchedBy.card}`);
  }
  const reasons = Object.entries(r.rejectedBy).map(([reason, n]) => `${reason} ${n}`).join(', ');
  if (reasons) lines.push(`rejected: ${reasons}`);
  const warnings = Object.entries(r.warningsBy).map(([reason, n]) => `${reason} ${n}`).join(', ');
  if (warnings) lines.push(`changed on the way in: ${warnings}`);
  return lines.join('\n');
}

export async function runImport(kind: 'customers' | 'purchases', file: string, flags: ImportFlags): Promise<void> {
  checkFlags(kind, file, flags);
  const { config, log } = setup({ quiet: true });
  const store = await openStore(config, log, { attach: true });
  let exitCode = 0;
  try {
    const organizationId = await organizationOf(store.db, flags.organization);
    // The CLI acts as the organization's owner, as the other operator commands do.
    const actor: Actor = { organizationId, role: 'owner', staffId: null, apiKeyId: null, outletId: null };
    const bytes = fs.readFileSync(file);
    const session = await createImport(store.ctx, actor, {
      kind, origin: 'file', fileName: path.basename(file), bytes,
      options: {
        ...(flags.encoding && { encoding: flags.encoding }), ...(flags.delimiter && { delimiter: flags.delimiter === '\\t' ? '\t' : flags.delimiter }),
        ...(flags.sheet && { sheet: flags.sheet }), ...(flags.header !== undefined && { header: flags.header }),
      },
    });
    const read = await importView(store.ctx, actor, session);
    let mapping;
    try {
      mapping = mappingFromFlags(kind, read.columns, read.suggestedMapping, flags);
    } catch (e) {
      if (e instanceof MappingFlagError) throw new UsageError(e.message);
      throw e;
    }
    const mapped = await importView(store.ctx, actor, await setImportMapping(store.ctx, actor, session.id, mapping));
    const where = read.format === 'xlsx' ? `sheet "${read.sheet}"` : `${read.encoding}, delimiter ${JSON.stringify(read.delimiter)}`;
    process.stderr.write(`${path.basename(file)}: ${read.rowsTotal} rows (${where}); ${mapping.columns.map((c) => `${read.columns[c.column]?.header ?? `#${c.column + 1}`}=${c.field}`).join(', ')}\n`);
    for (const p of mapped.problems.filter((x) => x.severity === 'warning')) process.stderr.write(`note: ${p.message}\n`);
    const blocking = mapped.problems.filter((p) => p.severity === 'blocking');
    if (blocking.length > 0) {
      const hint = blocking.some((p) => p.code === 'date_order_required') ? ' (use --date-order dmy or mdy)' : blocking.some((p) => p.code !== 'date_order_required') ? ' (use --map "COLUMN=field")' : '';
      throw new UsageError(`import ${kind}: ${blocking.map((p) => p.message).join('; ')}${hint}`);
    }

    let bar: Progress | null = null;
    let phase = '';
    const done = await runImportNow({ ctx: store.ctx, pool: store.pool }, actor, session.id, {
      onProgress: (p) => {
        if (p.phase !== phase) {
          bar?.stop();
          phase = p.phase;
          bar = p.phase === 'matching' ? null : progressBar(p.phase === 'reading' ? 'Reading' : 'Saving', p.rowsTotal);
        }
        bar?.update(p.phase === 'reading' ? p.rowsRead : p.rowsSaved, p.rowsTotal);
      },
    });
    (bar as Progress | null)?.stop();
    const view = await importView(store.ctx, actor, done);
    if (view.status !== 'done') {
      process.stderr.write(`import failed: ${view.error?.message ?? 'unknown error'} (${view.error?.code ?? 'import_failed'})\n`);
      exitCode = 1;
      return;
    }
    if (flags.json) process.stdout.write(`${JSON.stringify(view.report)}\n`);
    else process.stdout.write(`${summary(view)}\n`);
    if (view.report && view.report.rejected > 0) {
      const target = flags.rejects ?? path.join(path.dirname(file), `${path.basename(file).replace(/\.[^.]+$/u, '')}.rejected.csv`);
      const out = fs.createWriteStream(target);
      for await (const chunk of reportCsv(store.ctx, actor, session.id, 'error')) out.write(chunk);
      await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
      process.stderr.write(`rejected rows written to ${target}\n`);
    }
  } finally {
    await store.shutdown();
  }
  if (exitCode !== 0) process.exit(exitCode);
}

