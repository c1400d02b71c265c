// What the mapping screen needs to know about a file, read in one pass at upload: the format, encoding and
// delimiter, whether the first row is a header, the first rows, the number of rows (the progress bar's
// total), and per column a few sample values and how its dates are written.
//
// Date order is counted over the whole column, not a sample: one "31/12/1980" on line 90 000 proves the
// column day-first (dates.ts explains why a column, never a cell, decides). The counts are kept per column
// for every column, so when the user maps a different column to a date the answer is already there.

import { looksLikeHeader } from '../domain/columns.js';
import { detectDateOrder, type DayMonthOrder } from '../domain/dates.js';
import type { SourceRow } from './parse.js';
import { detectSourceEncoding, formatOf, headOf, readAllRows, type ByteSource } from './source.js';

export interface SourceOptions {
  encoding?: string;
  delimiter?: string;
  sheet?: string;
  /** Whether the first row is a header; detected when not given. */
  header?: boolean;
}

export interface DateShapeCounts {
  /** Cells like 31.12.1980 (the first number cannot be a month). */
  dayFirst: number;
  /** Cells like 12/31/1980. */
  monthFirst: number;
  /** Cells like 03/04/1980 that read either way. */
  undecided: number;
  /** Day/month cells written with dots, the day-first convention wherever dots are used. */
  dotted: number;
}

export interface ColumnAnalysis {
  index: number;
  header: string | null;
  nonEmpty: number;
  /** Up to five distinct values from the top of the file. */
  samples: string[];
  dates: DateShapeCounts;
}

/** Something in the file that usually means it was read wrongly (delimiter, quoting). */
export interface FileProblem { code: 'extra_cells' | 'unclosed_quote'; message: string; count: number; lines: number[] }

export interface SourceAnalysis {
  format: 'csv' | 'xlsx';
  encoding: string | null;
  encodingDetectedBy: string | null;
  delimiter: string | null;
  sheet: string | null;
  sheets: string[];
  hasHeader: boolean;
  header: string[] | null;
  preview: SourceRow[];
  rowsTotal: number;
  columns: ColumnAnalysis[];
  problems: FileProblem[];
  /** The first rows, for guessing the mapping (not stored). */
  sample: string[][];
}

export const PREVIEW_ROWS = 20;
const SAMPLE_ROWS = 1000;
// A pair-shaped date as dates.ts reads it; the cheap test runs on every cell, detectDateOrder on the few that pass.
const PAIR_PREFIX = /^\s*\d{1,2}[./\- ]\d{1,2}[./\- ]\d{2}/u;
const DOTTED = /^\s*\d{1,2}\.\d{1,2}\.\d{2}/u;

function emptyColumn(index: number, header: string | null): ColumnAnalysis {
  return { index, header, nonEmpty: 0, samples: [], dates: { dayFirst: 0, monthFirst: 0, undecided: 0, dotted: 0 } };
}

function countCell(column: ColumnAnalysis, cell: string, sampling: boolean): void {
  const value = cell.trim();
  if (value === '') return;
  column.nonEmpty++;
  if (sampling && column.samples.length < 5 && !column.samples.includes(value)) column.samples.push(value.slice(0, 200));
  if (!PAIR_PREFIX.test(value)) return;
  const d = detectDateOrder([value]);
  column.dates.dayFirst += d.dayFirst;
  column.dates.monthFirst += d.monthFirst;
  column.dates.undecided += d.undecided;
  if (DOTTED.test(value)) column.dates.dotted++;
}

/** Reads the whole source once (see the top of this file). */
export async function analyzeSource(source: ByteSource, options: SourceOptions = {}): Promise<SourceAnalysis> {
  const head = await headOf(source);
  const format = formatOf(head);
  const encoding = format === 'csv' ? detectSourceEncoding(head, options.encoding) : null;
  let delimiter: string | null = null;
  let sheet: string | null = null;
  let sheets: string[] = [];
  let firstRow: SourceRow | null = null;
  let hasHeader = false;
  const preview: SourceRow[] = [];
  const sample: string[][] = [];
  const columns: ColumnAnalysis[] = [];
  let rowsTotal = 0;
  const extra: FileProblem = { code: 'extra_cells', message: 'Rows with more cells than the header: a delimiter inside a cell that is not quoted, or the wrong delimiter', count: 0, lines: [] };
  const unclosed: FileProblem = { code: 'unclosed_quote', message: 'A cell runs over many lines: probably a quote that is never closed, which swallows the rows after it', count: 0, lines: [] };
  const note = (problem: FileProblem, line: number) => {
    problem.count++;
    if (problem.lines.length < 10) problem.lines.push(line);
  };

  const settings = { format, encoding: encoding?.encoding ?? null, delimiter: options.delimiter ?? null, sheet: options.sheet ?? null };
  for await (const batch of readAllRows(source, settings)) {
    delimiter ??= batch.delimiter;
    sheet ??= batch.sheet;
    if (batch.sheets.length) sheets = batch.sheets;
    for (const row of batch.rows) {
      if (firstRow === null) {
        firstRow = row;
        hasHeader = options.header ?? looksLikeHeader(row.cells);
        if (hasHeader) continue;
      }
      if (format === 'csv' && hasHeader && firstRow.cells.length > 1 && row.cells.length > firstRow.cells.length) note(extra, row.line);
      if (row.cells.some((cell) => cell.length > 2000 && /(\r\n|\n|\r)[^]*(\r\n|\n|\r)/u.test(cell))) note(unclosed, row.line);
      while (columns.length < row.cells.length) columns.push(emptyColumn(columns.length, null));
      const sampling = rowsTotal < SAMPLE_ROWS;
      row.cells.forEach((cell, i) => countCell(columns[i] as ColumnAnalysis, cell, sampling));
      if (rowsTotal < PREVIEW_ROWS) preview.push(row);
      if (sampling) sample.push(row.cells);
      rowsTotal++;
    }
  }
  const header = hasHeader && firstRow ? firstRow.cells : null;
  while (header && columns.length < header.length) columns.push(emptyColumn(columns.length, null));
  for (const column of columns) column.header = header?.[column.index] ?? null;
  return {
    format, encoding: encoding?.encoding ?? null, encodingDetectedBy: encoding?.detectedBy ?? null, delimiter, sheet, sheets,
    hasHeader, header, preview, rowsTotal, columns, sample, problems: [extra, unclosed].filter((p) => p.count > 0),
  };
}

export type DateOrderStatus = DayMonthOrder | 'ambiguous' | 'conflict' | 'not-needed';

/**
 * The day/month order the counts prove, as detectDateOrder (dates.ts) decides it for a whole column: one
 * proven order wins; both proven is a conflict; only undecidable cells leave it to the user.
 */
export function dateOrderOf(counts: DateShapeCounts): { status: DateOrderStatus; suggestion: DayMonthOrder | null } {
  const { dayFirst, monthFirst, undecided, dotted } = counts;
  const status: DateOrderStatus = dayFirst > 0 && monthFirst > 0 ? 'conflict' : dayFirst > 0 ? 'dmy' : monthFirst > 0 ? 'mdy' : undecided > 0 ? 'ambiguous' : 'not-needed';
  const suggestion = status === 'dmy' || status === 'mdy' ? status : dotted > 0 && dotted >= (dayFirst + monthFirst + undecided) / 2 ? 'dmy' : null;
  return { status, suggestion };
}

export function addCounts(a: DateShapeCounts, b: DateShapeCounts): DateShapeCounts {
  return { dayFirst: a.dayFirst + b.dayFirst, monthFirst: a.monthFirst + b.monthFirst, undecided: a.undecided + b.undecided, dotted: a.dotted + b.dotted };
}
