// Delimited text (CSV with any delimiter, a table pasted from a spreadsheet) → rows with their line numbers.
// Shared by the whole-file parser and the streaming one, so both report the same line for the same row.

import Papa from 'papaparse';

export interface SourceRow {
  /** 1-based line (CSV) or row number (XLSX) where the row starts in the file, for error reports. */
  line: number;
  cells: string[];
}

export interface ParsedTable {
  header: string[] | null;
  rows: SourceRow[];
}

export interface CsvProblem {
  line: number;
  code: string;
  message: string;
}

export const CANDIDATE_DELIMITERS = [';', ',', '\t', '|'] as const;

/**
 * Excel writes "sep=;" as the first line when asked to, and reads it back; it is not data.
 * Returns the delimiter it names and the text after it.
 */
export function takeSepLine(text: string): { delimiter: string | null; rest: string; linesSkipped: number } {
  const m = /^"?sep=(.)"?[^\S\r\n]*(\r\n|\n|\r|$)/iu.exec(text);
  if (!m) return { delimiter: null, rest: text, linesSkipped: 0 };
  return { delimiter: m[1] as string, rest: text.slice(m[0].length), linesSkipped: 1 };
}

/** The row terminator of the text; the first one found decides (Excel: CRLF; Unix: LF; old Mac: CR). */
export function detectNewline(text: string): '\r\n' | '\n' | '\r' {
  const lf = text.indexOf('\n');
  const cr = text.indexOf('\r');
  if (cr !== -1 && cr + 1 === lf) return '\r\n';
  if (lf !== -1 && (cr === -1 || lf < cr)) return '\n';
  return cr !== -1 ? '\r' : '\n';
}

/**
 * Guesses the delimiter from a sample: the candidate that splits the most of the first rows into the same
 * number (at least two) of fields; on a tie, more fields, then the order of CANDIDATE_DELIMITERS. Blank
 * lines and lines of bare delimiters do not count, so Excel's empty rows cannot mislead it.
 */
export function detectDelimiter(sample: string, newline: '\r\n' | '\n' | '\r'): string {
  let best = { delimiter: ',', consistency: 0, fields: 0 };
  for (const delimiter of CANDIDATE_DELIMITERS) {
    const rows = Papa.parse<string[]>(sample, { delimiter, newline, preview: 30, skipEmptyLines: 'greedy' }).data;
    // The last sampled row may be cut off mid-way; it does not vote.
    const counts = (rows.length > 1 ? rows.slice(0, -1) : rows).map((row) => row.length);
    const tally = new Map<number, number>();
    for (const count of counts) tally.set(count, (tally.get(count) ?? 0) + 1);
    for (const [fields, rowsWithIt] of tally) {
      const consistency = rowsWithIt / counts.length;
      if (fields < 2) continue;
      if (consistency > best.consistency || (consistency === best.consistency && fields > best.fields)) {
        best = { delimiter, consistency, fields };
      }
    }
  }
  return best.delimiter;
}

const LINE_BREAKS = /\r\n|\r|\n/gu;

/**
 * Tracks line numbers across parsed rows: a row takes one line plus one for each line break inside its
 * quoted cells. Empty rows (blank lines, or lines of bare delimiters) are counted and skipped.
 */
export class LineCounter {
  private next: number;
  constructor(firstLine = 1) {
    this.next = firstLine;
  }
  /** Returns the row with its starting line, or null when the row is empty. */
  take(cells: string[]): SourceRow | null {
    const line = this.next;
    let breaks = 0;
    for (const cell of cells) if (cell.includes('\n') || cell.includes('\r')) breaks += cell.match(LINE_BREAKS)?.length ?? 0;
    this.next += 1 + breaks;
    return cells.every((cell) => cell.trim() === '') ? null : { line, cells };
  }
}

export interface CsvOptions {
  /** Force the delimiter; otherwise a "sep=" line, then detection, decide. */
  delimiter?: string;
  /** The first non-empty row holds the column names. Default true. */
  header?: boolean;
}

export interface ParsedCsv extends ParsedTable {
  delimiter: string;
  problems: CsvProblem[];
}

/** Parses a whole delimited text (already decoded; see decode.ts). */
export function parseCsvText(text: string, options: CsvOptions = {}): ParsedCsv {
  const sep = takeSepLine(text);
  const newline = detectNewline(sep.rest);
  const delimiter = options.delimiter ?? sep.delimiter ?? detectDelimiter(sep.rest.slice(0, 64 * 1024), newline);
  const result = Papa.parse<string[]>(sep.rest, { delimiter, newline, skipEmptyLines: false });
  const counter = new LineCounter(1 + sep.linesSkipped);
  const lineOfDataRow: number[] = [];
  let header: string[] | null = null;
  const rows: SourceRow[] = [];
  for (const cells of result.data) {
    const row = counter.take(cells);
    lineOfDataRow.push(row?.line ?? -1);
    if (row === null) continue;
    if (options.header !== false && header === null) header = row.cells;
    else rows.push(row);
  }
  const problems = result.errors.map((error) => {
    const line = error.row !== undefined ? (lineOfDataRow[error.row] ?? -1) : -1;
    return { line, code: error.code, message: error.message };
  });
  return { header, rows, delimiter, problems };
}
