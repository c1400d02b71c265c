// `regulars report <measure>`: a retention measure (or all of them) computed on the store, printed as
// JSON, CSV or XLSX. Works on the store directly, like the other operator commands, acting as the
// organization's owner. Loaded when the command runs (see commands/report.ts).
import fs from 'node:fs';
import { z } from 'zod';
import { openStore } from '../../app/runtime.js';
import { MEASURE_NAMES, NOTE_LANGUAGES, noteText, runReport, toCsv, toXlsx, type MeasureResult, type NoteLanguage } from '../../modules/analytics/index.js';
import type { Actor } from '../../modules/tenancy/index.js';
import { UsageError } from '../common.js';
import { progressBar } from '../progress.js';
import { requireOrganization, setup } from '../setup.js';

export interface ReportOptions {
  organization?: string; from?: string; to?: string; outlet?: string; tag?: string;
  format?: string; out?: string; table?: string; limit?: string; language?: string;
}

const isoDate = z.iso.date('must be a date as YYYY-MM-DD');
const Options = z.object({
  organization: z.uuid('must be an organization id (a UUID; see Settings → Organization)'),
  from: isoDate.optional(),
  to: isoDate.optional(),
  outlet: z.uuid('must be an outlet id').optional(),
  tag: z.string().trim().min(1).max(100).optional(),
  format: z.enum(['json', 'csv', 'xlsx'], 'must be json, csv or xlsx').default('json'),
  out: z.string().min(1).optional(),
  table: z.string().min(1).optional(),
  limit: z.coerce.number({ error: 'must be a number' }).int().min(1).max(1_000_000).default(100),
  language: z.enum(NOTE_LANGUAGES, 'must be en, ru or ar').default('en'),
});

export function parseReportOptions(measure: string, raw: ReportOptions): z.infer<typeof Options> & { measures: string[] } {
  if (raw.organization === undefined) throw new UsageError('report: --organization ID is required');
  const parsed = Options.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`report: --${String(issue?.path[0] ?? 'options')}: ${issue?.message ?? 'invalid'}`);
  }
  const measures = measure === 'all' ? MEASURE_NAMES : [measure];
  if (!measures.every((m) => MEASURE_NAMES.includes(m))) throw new UsageError(`report: "${measure}" is not a measure; one of all, ${MEASURE_NAMES.join(', ')}`);
  const o = parsed.data;
  if (o.format === 'csv' && measures.length > 1) throw new UsageError('report: CSV holds one table of one measure; use --format xlsx or json for all');
  if (o.format === 'xlsx' && o.out === undefined && process.stdout.isTTY) throw new UsageError('report: XLSX is binary; give --out FILE or redirect stdout');
  if (o.table !== undefined && o.format !== 'csv') throw new UsageError('report: --table applies to --format csv');
  return { ...o, measures };
}

/** The file content of a report in the chosen format, its words in `language` (CSV/XLSX: headers, sheet names, figures, names, notes; JSON: the notes' texts, keeping their codes and numbers). */
export async function renderReport(results: MeasureResult[], format: 'json' | 'csv' | 'xlsx', table?: string, language: NoteLanguage = 'en'): Promise<string | Buffer> {
  if (format === 'json') {
    const told = results.map((r) => ({ ...r, notes: r.notes.map((n) => ({ ...n, text: noteText(n, language) })) }));
    return `${JSON.stringify(told.length === 1 ? told[0] : { measures: told }, null, 2)}\n`;
  }
  if (format === 'xlsx') return toXlsx(results, language);
  const result = results[0] as MeasureResult;
  if (table !== undefined && !(table in result.columns)) throw new UsageError(`report: --table: "${table}" is not a table of ${result.measure}; one of ${Object.keys(result.columns).join(', ')}`);
  return toCsv(result, table, language);
}

/** `regulars report <measure>`: computes and writes the report. */
export async function runReportCommand(measure: string, raw: ReportOptions): Promise<void> {
  const o = parseReportOptions(measure, raw);
  const { config, log } = setup({ quiet: true });
  const store = await openStore(config, log);
  try {
    await requireOrganization(store.db, o.organization);
    const actor: Actor = { organizationId: o.organization, role: 'owner', staffId: null, apiKeyId: null, outletId: null };
    const bar = progressBar('Reading purchases');
    let measuresBar: ReturnType<typeof progressBar> | null = null;
    const results = await runReport({ ...store.ctx, pool: store.pool }, actor, o.measures, { from: o.from, to: o.to, outletId: o.outlet ?? null, tag: o.tag ?? null, limit: o.limit }, (step, done, total) => {
      if (step === 'history') return bar.update(done, total);
      bar.stop();
      measuresBar ??= progressBar('Computing measures', total);
      measuresBar.update(done, total);
    });
    bar.stop();
    (measuresBar as ReturnType<typeof progressBar> | null)?.stop();
    const content = await renderReport(results, o.format, o.table, o.language);
    if (o.out !== undefined) fs.writeFileSync(o.out, content);
    else process.stdout.write(content);
  } finally {
    await store.shutdown();
  }
}
