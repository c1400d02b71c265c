// Measures as files: CSV (one table) and XLSX (a summary sheet and one sheet per table). Money leaves in
// major units of the currency (12.34, not 1234) because that is what a spreadsheet user reads; shares
// stay fractions and get a percent format in XLSX. CSV is UTF-8 with a byte-order mark so Excel reads
// Cyrillic and Arabic names correctly.
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { currencyDigits } from '../../platform/money.js';
import type { Cell, Column } from './measures/index.js';
import { noteText, type NoteLanguage } from './notes.js';
import type { MeasureResult } from './service.js';

export const UTF8_BOM = '\ufeff';

function headerOf(c: Column, currency: string): string {
  return c.kind === 'money' ? `${c.label} (${currency})` : c.label;
}

function valueOf(c: Column, v: Cell | undefined, digits: number): Cell {
  if (v === null || v === undefined) return null;
  if (c.kind === 'money' && typeof v === 'number') return Math.round(v) / 10 ** digits;
  return v;
}

export function tableNames(result: MeasureResult): string[] {
  return Object.keys(result.columns);
}

/** One table of a measure as CSV (the first table unless `table` names another). */
export function toCsv(result: MeasureResult, table?: string): string {
  const name = table ?? tableNames(result)[0];
  const columns = name === undefined ? undefined : result.columns[name];
  if (!name || !columns) throw new RangeError(`table "${table}" is not one of ${tableNames(result).join(', ')}`);
  const digits = currencyDigits(result.period.currency);
  const rows = (result.tables[name] ?? []).map((r) => columns.map((c) => {
    const v = valueOf(c, r[c.key], digits);
    return v === null ? '' : typeof v === 'number' && c.kind === 'money' ? v.toFixed(digits) : v;
  }));
  return UTF8_BOM + Papa.unparse({ fields: columns.map((c) => headerOf(c, result.period.currency)), data: rows }, { newline: '\r\n' });
}

function numFmt(c: Column, digits: number): string | undefined {
  switch (c.kind) {
    case 'money': return digits > 0 ? `#,##0.${'0'.repeat(digits)}` : '#,##0';
    case 'share': return '0.0%';
    case 'percent': return '0.0';
    case 'integer': return '#,##0';
    case 'number': return '#,##0.00';
    default: return undefined;
  }
}

/** Nested summary values as "a.b.c" rows. */
function flatten(prefix: string, value: unknown, out: [string, Cell][]): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(prefix ? `${prefix}.${k}` : k, v, out);
  } else {
    out.push([prefix, Array.isArray(value) ? value.join(', ') : (value as Cell)]);
  }
}

/** Sheet names: at most 31 characters, unique, none of : \ / ? * [ ]. */
function sheetName(name: string, used: Set<string>): string {
  const base = name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31) || 'Sheet';
  let candidate = base;
  for (let k = 2; used.has(candidate.toLowerCase()); k++) candidate = `${base.slice(0, 28)} ${k}`;
  used.add(candidate.toLowerCase());
  return candidate;
}

/** Measures as one workbook: per measure a summary sheet (with its notes in `language`) and its tables. */
export async function toXlsx(results: readonly MeasureResult[], language: NoteLanguage = 'en'): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Regulars';
  const used = new Set<string>();
  for (const result of results) {
    const digits = currencyDigits(result.period.currency);
    const prefix = results.length > 1 ? `${result.measure} ` : '';
    const summary = workbook.addWorksheet(sheetName(`${prefix}summary`, used));
    summary.columns = [{ header: 'Figure', key: 'k', width: 36 }, { header: 'Value', key: 'v', width: 24 }];
    const facts: [string, Cell][] = [['measure', result.title], ['from', result.period.from], ['to', result.period.to], ['time zone', result.period.timeZone], ['currency', result.period.currency],
      ['outlet', result.filters.outletId], ['tag', result.filters.tag]];
    flatten('', result.summary, facts);
    for (const [k, v] of facts) summary.addRow({ k, v: typeof v === 'boolean' ? String(v) : v });
    for (const note of result.notes) summary.addRow({ k: 'note', v: noteText(note, language) });
    for (const [name, columns] of Object.entries(result.columns)) {
      const sheet = workbook.addWorksheet(sheetName(`${prefix}${name}`, used));
      sheet.columns = columns.map((c) => ({ header: headerOf(c, result.period.currency), key: c.key, width: Math.max(12, Math.min(40, c.label.length + 4)), style: { numFmt: numFmt(c, digits) } }));
      for (const r of result.tables[name] ?? []) sheet.addRow(Object.fromEntries(columns.map((c) => [c.key, valueOf(c, r[c.key], digits)])));
      sheet.getRow(1).font = { bold: true };
      sheet.views = [{ state: 'frozen', ySplit: 1 }];
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
