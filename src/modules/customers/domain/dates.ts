// Dates from import cells, returned as ISO "YYYY-MM-DD".
//
// "03/04/1980" is the 3rd of April in most of the world and March 4th in the USA, and no single cell can
// tell. A column can: one "31/12/1980" proves day-first for the whole column, one "12/31/1980" proves
// month-first. When no value proves either, the order is the user's call (needsOrder), never a guess.

export type DayMonthOrder = 'dmy' | 'mdy';

export interface DateCellOptions {
  /** How to read "a/b/yyyy" when both a and b could be a month. Needed only for such cells. */
  order?: DayMonthOrder;
  /** Two-digit years are placed in the century ending at referenceYear + futureYears ("80" → 1980). */
  referenceYear: number;
  /** How far past referenceYear a two-digit year may go: 0 for birth dates (default), ~20 for expiry dates. */
  futureYears?: number;
  /** Read five-digit numbers as Excel serial day numbers (29586 → 1980-12-31). Default true. */
  excelSerials?: boolean;
  /** The workbook uses Excel's 1904 date system (old Mac files). */
  excel1904?: boolean;
}

export type DateErrorCode = 'not_a_date' | 'wrong_order' | 'year_only' | 'out_of_range' | 'needs_order';
export type DateCellResult = { ok: true; iso: string } | { ok: false; code: DateErrorCode };

const MIN_YEAR = 1800;
const MAX_YEAR = 2200;

// Month names by prefix, in English, Russian, Ukrainian, German, French and Spanish (accents folded).
const MONTH_PREFIXES: ReadonlyArray<readonly string[]> = [
  ['jan', 'янв', 'січ', 'ene'],
  ['feb', 'fev', 'фев', 'лют'],
  ['mar', 'мар', 'бер'],
  ['apr', 'avr', 'abr', 'апр', 'кві'],
  ['may', 'mai', 'май', 'мая', 'тра'],
  ['jun', 'juin', 'июн', 'чер'],
  ['jul', 'juil', 'июл', 'лип'],
  ['aug', 'aou', 'ago', 'авг', 'сер'],
  ['sep', 'set', 'сен', 'вер'],
  ['oct', 'okt', 'окт', 'жов'],
  ['nov', 'ноя', 'лис'],
  ['dec', 'dez', 'dic', 'дек', 'гру'],
];

function monthFromName(word: string): number | null {
  const w = word.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').normalize('NFC');
  if (w.length < 3) return null;
  // Longest prefix wins, so French "juin"/"juil" are not both read as English "jun"/"jul".
  let month: number | null = null;
  let length = 0;
  for (const [index, prefixes] of MONTH_PREFIXES.entries()) {
    for (const prefix of prefixes) {
      if (w.startsWith(prefix) && prefix.length > length) {
        month = index + 1;
        length = prefix.length;
      }
    }
  }
  return month;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function isoOf(year: number, month: number, day: number): DateCellResult {
  if (year < MIN_YEAR || year > MAX_YEAR) return { ok: false, code: 'out_of_range' };
  if (month < 1 || month > 12 || day < 1) return { ok: false, code: 'not_a_date' };
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return { ok: false, code: 'not_a_date' };
  return { ok: true, iso: `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}` };
}

function fullYear(text: string, options: DateCellOptions): number {
  const year = Number(text);
  if (text.length !== 2) return year;
  const last = options.referenceYear + (options.futureYears ?? 0);
  let candidate = last - (last % 100) + year;
  if (candidate > last) candidate -= 100;
  return candidate;
}

function fromExcelSerial(serial: number, excel1904: boolean): DateCellResult {
  const days = Math.floor(serial);
  // The 1900 system counts from 1899-12-31 and pretends 1900-02-29 existed, so from serial 61 on the
  // effective day zero is 1899-12-30.
  const epoch = excel1904 ? Date.UTC(1904, 0, 1) : days >= 61 ? Date.UTC(1899, 11, 30) : Date.UTC(1899, 11, 31);
  const date = new Date(epoch + days * 86_400_000);
  return isoOf(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

type Shape =
  | { kind: 'ymd'; year: string; month: number; day: number }
  | { kind: 'pair'; first: number; second: number; year: string; separator: string }
  | { kind: 'named'; day: number; month: number; year: string }
  | { kind: 'serial'; value: number }
  | { kind: 'year' }
  | { kind: 'unknown' };

/** Recognises the form of a cell without deciding day/month order. */
function shapeOf(cell: string): Shape | null {
  let text = cell.normalize('NFC').replace(/[\s\u00A0]+/gu, ' ').trim();
  if (text === '') return null;
  // A time after the date (Excel exports "31.12.1980 0:00:00"; ISO "1980-12-31T00:00:00Z") and Russian "г.".
  text = text
    .replace(/[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?( ?[ap]\.?m\.?)?( ?(z|[+-]\d{2}:?\d{2}))?$/iu, '')
    .replace(/ ?(г\.?|года?)$/u, '')
    .replace(/ de /giu, ' ') // Spanish and Portuguese "15 de agosto de 1985"
    .trim();
  let m = /^(\d{4})[-./](\d{1,2})[-./](\d{1,2})$/u.exec(text);
  if (m) return { kind: 'ymd', year: m[1] as string, month: Number(m[2]), day: Number(m[3]) };
  m = /^(\d{4})(\d{2})(\d{2})$/u.exec(text);
  if (m && Number(m[1]) >= MIN_YEAR) return { kind: 'ymd', year: m[1] as string, month: Number(m[2]), day: Number(m[3]) };
  m = /^(\d{1,2})([./\- ])(\d{1,2})[./\- ](\d{2}|\d{4})$/u.exec(text);
  if (m) return { kind: 'pair', first: Number(m[1]), second: Number(m[3]), year: m[4] as string, separator: m[2] as string };
  m = /^(\d{1,2})[ .-]*(\p{L}+)\.?[ .,-]*(\d{2}|\d{4})$/u.exec(text);
  if (m) {
    const month = monthFromName(m[2] as string);
    return month === null ? { kind: 'unknown' } : { kind: 'named', day: Number(m[1]), month, year: m[3] as string };
  }
  m = /^(\p{L}+)\.? (\d{1,2}),? (\d{4})$/u.exec(text); // "Dec 31, 1980"
  if (m) {
    const month = monthFromName(m[1] as string);
    return month === null ? { kind: 'unknown' } : { kind: 'named', day: Number(m[2]), month, year: m[3] as string };
  }
  if (/^\d{4}$/u.test(text)) return { kind: 'year' };
  if (/^\d{5}(\.\d+)?$/u.test(text)) return { kind: 'serial', value: Number(text) };
  return { kind: 'unknown' };
}

function parseShape(shape: Shape, options: DateCellOptions): DateCellResult {
  switch (shape.kind) {
    case 'ymd':
      return isoOf(Number(shape.year), shape.month, shape.day);
    case 'named':
      return isoOf(fullYear(shape.year, options), shape.month, shape.day);
    case 'serial':
      return options.excelSerials === false ? { ok: false, code: 'not_a_date' } : fromExcelSerial(shape.value, options.excel1904 ?? false);
    case 'year':
      return { ok: false, code: 'year_only' };
    case 'unknown':
      return { ok: false, code: 'not_a_date' };
    case 'pair': {
      const year = fullYear(shape.year, options);
      const { first, second } = shape;
      // 01.01.1980 reads the same either way.
      const order = options.order ?? (first > 12 && second <= 12 ? 'dmy' : second > 12 && first <= 12 ? 'mdy' : first === second ? 'dmy' : null);
      if (order === null) return first > 12 && second > 12 ? { ok: false, code: 'not_a_date' } : { ok: false, code: 'needs_order' };
      const result = order === 'dmy' ? isoOf(year, second, first) : isoOf(year, first, second);
      if (result.ok || result.code !== 'not_a_date') return result;
      const other = order === 'dmy' ? isoOf(year, first, second) : isoOf(year, second, first);
      return other.ok ? { ok: false, code: 'wrong_order' } : result;
    }
  }
}

/** Parses one cell; null for an empty cell. Cells like "03/04/1980" need options.order ('needs_order'). */
export function parseDateCell(cell: string, options: DateCellOptions): DateCellResult | null {
  const shape = shapeOf(cell);
  return shape === null ? null : parseShape(shape, options);
}

export interface DateOrderDetection {
  /** 'dmy'/'mdy' proven by the values; 'ambiguous' when nothing proves either; 'conflict' when both are
   * proven (a mixed or broken column); 'not-needed' when no cell depends on the order. */
  status: DayMonthOrder | 'ambiguous' | 'conflict' | 'not-needed';
  dayFirst: number;
  monthFirst: number;
  undecided: number;
  /** A convention to pre-select for the user when undecided: dots are day-first everywhere they are used. */
  suggestion: DayMonthOrder | null;
}

export function detectDateOrder(cells: readonly string[]): DateOrderDetection {
  let dayFirst = 0;
  let monthFirst = 0;
  let undecided = 0;
  let dotted = 0;
  for (const cell of cells) {
    const shape = shapeOf(cell);
    if (shape?.kind !== 'pair') continue;
    if (shape.first > 12 && shape.second <= 12) dayFirst++;
    else if (shape.second > 12 && shape.first <= 12) monthFirst++;
    else if (shape.first <= 12 && shape.second <= 12 && shape.first !== shape.second) undecided++;
    if (shape.separator === '.') dotted++;
  }
  const status = dayFirst > 0 && monthFirst > 0 ? 'conflict' : dayFirst > 0 ? 'dmy' : monthFirst > 0 ? 'mdy' : undecided > 0 ? 'ambiguous' : 'not-needed';
  const suggestion = status === 'dmy' || status === 'mdy' ? status : dotted > 0 && dotted >= (dayFirst + monthFirst + undecided) / 2 ? 'dmy' : null;
  return { status, dayFirst, monthFirst, undecided, suggestion };
}

export interface DateCellInput {
  line: number;
  value: string;
}

export interface DateCellError {
  line: number;
  value: string;
  code: DateErrorCode;
  /** English text for logs and the CLI; the web app translates by code. */
  message: string;
}

export interface DateColumnResult {
  detection: DateOrderDetection;
  /** The order used: the caller's, else the proven one; null when the user must choose (needsOrder). */
  order: DayMonthOrder | null;
  needsOrder: boolean;
  /** One ISO date per input cell; null for empty or rejected cells, and for undecidable ones while needsOrder. */
  values: (string | null)[];
  errors: DateCellError[];
}

function describe(code: DateErrorCode, value: string, order: DayMonthOrder | null): string {
  switch (code) {
    case 'year_only': return `${value} has a year but no day and month`;
    case 'out_of_range': return `${value} is outside the years ${MIN_YEAR}–${MAX_YEAR}`;
    case 'wrong_order': return `${value} is not a date in ${order === 'mdy' ? 'month/day/year' : 'day/month/year'} order`;
    case 'needs_order': return `${value} can be read as day/month or month/day`;
    case 'not_a_date': return `${value} is not a date`;
  }
}

/** Parses a whole column, deciding day/month order from all its values (see the top of this file). */
export function parseDateColumn(cells: readonly DateCellInput[], options: DateCellOptions): DateColumnResult {
  const detection = detectDateOrder(cells.map((cell) => cell.value));
  const order = options.order ?? (detection.status === 'dmy' || detection.status === 'mdy' ? detection.status : null);
  const needsOrder = order === null && (detection.status === 'ambiguous' || detection.status === 'conflict');
  const values: (string | null)[] = [];
  const errors: DateCellError[] = [];
  for (const cell of cells) {
    const result = parseDateCell(cell.value, { ...options, order: order ?? undefined });
    if (result === null || result.ok) {
      values.push(result?.iso ?? null);
      continue;
    }
    values.push(null);
    if (result.code === 'needs_order' && needsOrder) continue; // reported once, as needsOrder
    const value = cell.value.trim();
    errors.push({ line: cell.line, value, code: result.code, message: `line ${cell.line}: ${describe(result.code, value, order)}` });
  }
  return { detection, order, needsOrder, values, errors };
}
