// Measures as files: CSV (one table) and XLSX (a summary sheet and one sheet per table). Money leaves in
// major units of the currency (12.34, not 1234) because that is what a spreadsheet user reads; shares
// stay fractions and get a percent format in XLSX. CSV is UTF-8 with a byte-order mark so Excel reads
// Cyrillic and Arabic names correctly.
//
// Every word of a file is in the language asked for (export-texts.ts): sheet names, column headers, the
// title, the summary's figure names and coded values, the names of segments, steps and groups in the
// tables, and the notes. Numbers stay numbers (Excel shows them in the reader's locale); Arabic sheets
// read right to left. English keeps the measures' own labels and keys, as the files always had.
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { currencyDigits } from '../../platform/money.js';
import { EXPORT_TEXTS, NAMED_COLUMNS, type ExportTexts } from './export-texts.js';
import type { Cell, Column, Row } from './measures/index.js';
import { noteText, type NoteLanguage } from './notes.js';
import type { MeasureResult } from './service.js';

export const UTF8_BOM = '\ufeff';

/** A column's heading: the measure's own wording, else the common one, else the measure's English label. */
export function columnHeader(measure: string, table: string, c: Column, currency: string, language: NoteLanguage = 'en'): string {
  let label = c.label;
  if (language !== 'en') {
    const tx = EXPORT_TEXTS[language];
    label = tx.measureColumns[measure]?.[table]?.[c.key] ?? tx.columns[c.key] ?? c.label;
    // The English labels of values already × 100 say "%"; the shared wording does not.
    if (c.kind === 'percent' && !label.includes('%')) label = `${label} %`;
  }
  return c.kind === 'money' ? `${label} (${currency})` : label;
}

const monthName = (m: number, language: NoteLanguage) => new Intl.DateTimeFormat(language, { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, m - 1, 1)));
/** ISO weekday 1 = Monday; 2024-01-01 was a Monday. */
const weekdayName = (d: number, language: NoteLanguage) => new Intl.DateTimeFormat(language, { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, d)));

/** A text cell in the language: names of segments, steps, groups …, months and weekdays, the LTV factors' words. */
function textOf(measure: string, table: string, c: Column, v: string, row: Row, tx: ExportTexts, language: NoteLanguage): string {
  if (language === 'en') return v;
  const group = NAMED_COLUMNS[c.key];
  if (group !== undefined) return tx.values[group]?.[v] ?? v;
  if (measure === 'seasonality' && c.key === 'label') {
    if (table === 'months' && typeof row.month === 'number') return monthName(row.month, language);
    if (table === 'weekdays' && typeof row.weekday === 'number') return weekdayName(row.weekday, language);
  }
  if (measure === 'ltv' && table === 'factors') {
    if (c.key === 'name') return tx.ltv.names[v] ?? v;
    if (c.key === 'unit') return tx.ltv.units[v] ?? v;
  }
  return v;
}

function valueOf(c: Column, v: Cell | undefined, digits: number): Cell {
  if (v === null || v === undefined) return null;
  if (c.kind === 'money' && typeof v === 'number') return Math.round(v) / 10 ** digits;
  return v;
}

/** The cells of a table's rows as a file gives them: money in major units, names in the language. */
function rowsOf(result: MeasureResult, table: string, columns: readonly Column[], language: NoteLanguage): Cell[][] {
  const digits = currencyDigits(result.period.currency);
  const tx = EXPORT_TEXTS[language];
  // The LTV factors table has money (S, LTV) in minor units in a plain number column, marked by its unit.
  const moneyRow = (r: Row) => result.measure === 'ltv' && table === 'factors' && r.unit === 'money';
  return (result.tables[table] ?? []).map((r) => columns.map((c) => {
    const v = valueOf(c, r[c.key], digits);
    if (typeof v === 'number' && c.key === 'value' && moneyRow(r)) return Math.round(v) / 10 ** digits;
    return typeof v === 'string' ? textOf(result.measure, table, c, v, r, tx, language) : v;
  }));
}

/** Summary figures in minor units of the currency, by measure ("discountByMechanic.*": every key under it). */
const MONEY_FIGURES: Record<string, readonly string[]> = {
  'pareto': ['revenue', 'topRevenue'],
  'rfm': ['thresholds.monetary'],
  'abc-xyz': ['revenue'],
  'new-returning': ['newRevenue', 'returningRevenue'],
  'seasonality': ['revenue'],
  'ltv': ['averageReceipt', 'ltv', 'revenueLtv'],
  'clv': ['totalClv', 'meanClv'],
  'slipping-away': ['revenue'],
  'economics': ['memberRevenue', 'otherRevenue', 'memberMargin', 'otherMargin', 'discount', 'pointsMoney', 'discountByMechanic.*', 'points.pointValue', 'points.liability'],
};

export function isMoneyFigure(measure: string, path: string): boolean {
  return (MONEY_FIGURES[measure] ?? []).some((p) => (p.endsWith('.*') ? path.startsWith(p.slice(0, -1)) : p === path));
}

export function tableNames(result: MeasureResult): string[] {
  return Object.keys(result.columns);
}

/** One table of a measure as CSV (the first table unless `table` names another), headers and names in `language`. */
export function toCsv(result: MeasureResult, table?: string, language: NoteLanguage = 'en'): string {
  const name = table ?? tableNames(result)[0];
  const columns = name === undefined ? undefined : result.columns[name];
  if (!name || !columns) throw new RangeError(`table "${table}" is not one of ${tableNames(result).join(', ')}`);
  const digits = currencyDigits(result.period.currency);
  const tx = EXPORT_TEXTS[language];
  const rows = rowsOf(result, name, columns, language).map((cells) => cells.map((v, i) => {
    if (v === null) return '';
    if (typeof v === 'number' && columns[i]?.kind === 'money') return v.toFixed(digits);
    // true/false in English (as always), да/нет, نعم/لا: a CSV has no boolean type a spreadsheet would show in its language.
    if (typeof v === 'boolean') return v ? tx.yes : tx.no;
    return v;
  }));
  return UTF8_BOM + Papa.unparse({ fields: columns.map((c) => columnHeader(result.measure, name, c, result.period.currency, language)), data: rows }, { newline: '\r\n' });
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

/** Nested summary values as "a.b.c" rows; arrays as one list. */
function flatten(prefix: string, value: unknown, out: [string, unknown][]): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(prefix ? `${prefix}.${k}` : k, v, out);
  } else {
    out.push([prefix, value]);
  }
}

/** A summary figure's name: its key in English, its name in Russian and Arabic (the key if it has none yet). */
function figureName(measure: string, path: string, tx: ExportTexts, language: NoteLanguage): string {
  if (language === 'en') return path;
  const own = tx.figures[measure]?.[path];
  if (own !== undefined) return own;
  const [head, ...rest] = path.split('.');
  const groupName = head === undefined ? undefined : tx.figures[measure]?.[head];
  // Figures keyed by a code, e.g. discountByMechanic.tier: "Discount by mechanic: Card tier".
  if (groupName !== undefined && head === 'discountByMechanic') return `${groupName}: ${tx.values.mechanic?.[rest.join('.')] ?? rest.join('.')}`;
  return path;
}

/** A summary value: numbers stay numbers, yes/no, coded values by name, lists joined. */
function figureValue(path: string, value: unknown, tx: ExportTexts, language: NoteLanguage, moneyDigits: number | null): Cell {
  const one = (v: unknown): Cell => {
    if (typeof v === 'number' && moneyDigits !== null) return Math.round(v) / 10 ** moneyDigits;
    if (typeof v === 'boolean') return v ? tx.yes : tx.no;
    if (typeof v === 'string') return tx.figureValues[path]?.[v] ?? v;
    return (v ?? null) as Cell;
  };
  if (Array.isArray(value)) {
    const number = new Intl.NumberFormat(language, { maximumFractionDigits: 6 });
    return value.map((v) => {
      const cell = one(v);
      return language !== 'en' && typeof cell === 'number' ? number.format(cell) : String(cell);
    }).join(', ');
  }
  return one(value);
}

/** Sheet names: at most 31 characters, unique, none of : \ / ? * [ ], not starting or ending with an apostrophe. */
export function sheetName(name: string, used: Set<string>): string {
  const base = name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31).trim().replace(/^'+|'+$/g, '') || 'Sheet';
  let candidate = base;
  for (let k = 2; used.has(candidate.toLowerCase()); k++) candidate = `${base.slice(0, 31 - 1 - String(k).length)} ${k}`;
  used.add(candidate.toLowerCase());
  return candidate;
}

/**
 * Measures as one workbook: per measure a summary sheet (title, period, filters, figures and notes) and
 * its tables, every word in `language`; Arabic sheets right to left.
 */
export async function toXlsx(results: readonly MeasureResult[], language: NoteLanguage = 'en'): Promise<Buffer> {
  const tx = EXPORT_TEXTS[language];
  const rtl = language === 'ar';
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Regulars';
  const used = new Set<string>();
  for (const result of results) {
    const m = result.measure;
    const digits = currencyDigits(result.period.currency);
    const prefix = results.length > 1 ? `${tx.measures[m] ?? m}${tx.join}` : '';
    const summary = workbook.addWorksheet(sheetName(`${prefix}${tx.sheet.summary}`, used), rtl ? { views: [{ rightToLeft: true }] } : undefined);
    summary.columns = [{ header: tx.sheet.figure, key: 'k', width: 36 }, { header: tx.sheet.value, key: 'v', width: 24 }];
    const f = tx.facts;
    const facts: [string, Cell][] = [[f.measure, tx.titles[m] ?? result.title], [f.from, result.period.from], [f.to, result.period.to], [f.timeZone, result.period.timeZone],
      [f.currency, result.period.currency], [f.outlet, result.filters.outletId], [f.tag, result.filters.tag]];
    const figures: [string, unknown][] = [];
    flatten('', result.summary, figures);
    const money = new Set<number>();
    for (const [path, v] of figures) {
      const isMoney = isMoneyFigure(m, path);
      const name = figureName(m, path, tx, language);
      if (isMoney && typeof v === 'number') money.add(facts.length);
      // Money leaves in major units, as in the tables; its name says the currency except in English, which keeps the keys.
      facts.push([isMoney && language !== 'en' ? `${name} (${result.period.currency})` : name, figureValue(path, v, tx, language, isMoney ? digits : null)]);
    }
    const moneyFormat = numFmt({ key: '', label: '', kind: 'money' }, digits);
    facts.forEach(([k, v], i) => {
      const row = summary.addRow({ k, v });
      if (money.has(i)) row.getCell(2).numFmt = moneyFormat as string;
    });
    for (const note of result.notes) summary.addRow({ k: tx.sheet.note, v: noteText(note, language) });
    for (const [name, columns] of Object.entries(result.columns)) {
      const sheet = workbook.addWorksheet(sheetName(`${prefix}${tx.tables[m]?.[name] ?? name}`, used));
      const headers = columns.map((c) => columnHeader(m, name, c, result.period.currency, language));
      sheet.columns = columns.map((c, i) => ({ header: headers[i], key: c.key, width: Math.max(12, Math.min(40, (language === 'en' ? c.label : headers[i] ?? '').length + 4)), style: { numFmt: numFmt(c, digits) } }));
      for (const cells of rowsOf(result, name, columns, language)) sheet.addRow(Object.fromEntries(columns.map((c, i) => [c.key, cells[i]])));
      sheet.getRow(1).font = { bold: true };
      sheet.views = [rtl ? { state: 'frozen', ySplit: 1, rightToLeft: true } : { state: 'frozen', ySplit: 1 }];
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
