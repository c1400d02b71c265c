// The report of an import as a CSV to open in Excel: one row per rejected row (or per warning), its line
// in the file and the reason, followed by the row's own cells under the file's own headers — so the user
// can fix the rows in place and import this file again (the extra "line" and "reason" columns are left
// unmapped).
import type { ServiceContext } from '../../../platform/context.js';
import type { Actor } from '../../tenancy/index.js';
import { csvLine, UTF8_BOM } from '../domain/csv-out.js';
import { sessionOf } from './sessions.js';
import { importStore } from './store.js';

export async function* reportCsv(ctx: ServiceContext, actor: Actor, id: string, severity: 'error' | 'warning'): AsyncGenerator<string> {
  const session = await sessionOf(ctx, actor, id);
  const delimiter = session.format === 'csv' && session.delimiter && session.delimiter !== '\t' ? session.delimiter : ',';
  const width = Math.max(session.header?.length ?? 0, (session.columns as unknown[]).length);
  const header = Array.from({ length: width }, (_, i) => session.header?.[i] || `column ${i + 1}`);
  yield UTF8_BOM + csvLine(['line', severity === 'error' ? 'reason' : 'warning', ...header], delimiter);
  for (let after = 0; ;) {
    const page = await importStore.issues(ctx.db, actor, id, severity, after, 5000);
    if (page.length === 0) return;
    let text = '';
    for (const issue of page) text += csvLine([issue.line, issue.message, ...issue.cells], delimiter);
    yield text;
    after = page[page.length - 1]?.line ?? after;
  }
}

export function reportFileName(fileName: string | null, severity: 'error' | 'warning'): string {
  const base = (fileName ?? 'import').replace(/\.[^.]+$/u, '').replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(0, 100) || 'import';
  return `${base}.${severity === 'error' ? 'rejected' : 'warnings'}.csv`;
}
