// XLSX workbooks → rows of strings, as the user sees them in Excel rather than as Excel stores them:
// dates as ISO dates (not serial numbers), phone numbers stored as numbers without float noise or
// exponents, zero-padded codes with their zeros, formulas as their results, links as their text.

import ExcelJS from 'exceljs';
import type { CellValue } from 'exceljs';
import type { ParsedTable, SourceRow } from './csv.js';

export class ImportFileError extends Error {
  constructor(
    readonly code: 'sheet_not_found' | 'xls_not_supported' | 'unreadable_workbook',
    message: string,
  ) {
    super(message);
    this.name = 'ImportFileError';
  }
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Excel dates are wall-clock times stored as UTC; a whole day prints as a date, anything else with its time. */
export function formatExcelDate(date: Date): string {
  const rounded = new Date(Math.round(date.getTime() / 1000) * 1000); // 23:59:59.9996 float noise
  const day = `${pad(rounded.getUTCFullYear(), 4)}-${pad(rounded.getUTCMonth() + 1)}-${pad(rounded.getUTCDate())}`;
  const seconds = rounded.getUTCHours() * 3600 + rounded.getUTCMinutes() * 60 + rounded.getUTCSeconds();
  if (seconds === 0) return day;
  return `${day}T${pad(rounded.getUTCHours())}:${pad(rounded.getUTCMinutes())}:${pad(rounded.getUTCSeconds())}`;
}

/** A number as Excel would show it in General format, plus zero padding from formats like "00000000". */
export function formatExcelNumber(value: number, numFmt: string | undefined): string {
  let text: string;
  if (Number.isInteger(value)) {
    text = Math.abs(value) < 1e21 ? value.toFixed(0) : String(value);
  } else {
    // Excel keeps 15 significant digits; beyond that is binary noise (0.1 + 0.2 = 0.30000000000000004).
    text = String(Number(value.toPrecision(15)));
  }
  const zeros = numFmt !== undefined ? /^"?(0+)"?$/u.exec(numFmt.trim()) : null;
  if (zeros && Number.isInteger(value) && value >= 0) text = text.padStart((zeros[1] as string).length, '0');
  return text;
}

function valueText(value: CellValue, numFmt: string | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatExcelNumber(value, numFmt);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return formatExcelDate(value);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('error' in value) return ''; // #N/A, #REF!: no data
  if ('formula' in value || 'sharedFormula' in value) return valueText(value.result ?? null, numFmt);
  if ('hyperlink' in value) {
    const text: unknown = value.text;
    // A link's text may itself be rich text.
    if (typeof text === 'object' && text !== null && 'richText' in text) return valueText(text as CellValue, numFmt);
    return typeof text === 'string' ? text : value.hyperlink.replace(/^mailto:/iu, '');
  }
  return String(value);
}

function cellText(cell: ExcelJS.Cell): string {
  // A merged range holds its value in the top-left cell; the others would repeat it on every row.
  if (cell.isMerged && cell.master !== cell) return '';
  return valueText(cell.value, cell.numFmt);
}

export interface XlsxOptions {
  /** The sheet to read; the first one by default. */
  sheet?: string;
  /** The first non-empty row holds the column names. Default true. */
  header?: boolean;
}

export interface ParsedXlsx extends ParsedTable {
  sheet: string;
  sheets: string[];
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0]; // the pre-2007 binary .xls

export function isXlsx(bytes: Uint8Array): boolean {
  return ZIP.every((b, i) => bytes[i] === b);
}

export function isLegacyXls(bytes: Uint8Array): boolean {
  return OLE.every((b, i) => bytes[i] === b);
}

/** Reads one sheet of an XLSX file; `line` is the sheet's row number. */
export async function parseXlsx(bytes: Uint8Array, options: XlsxOptions = {}): Promise<ParsedXlsx> {
  if (isLegacyXls(bytes)) throw new ImportFileError('xls_not_supported', 'This is an old Excel .xls file: save it as .xlsx or CSV and upload again');
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs declares its own Buffer interface, which Node's generic Buffer type does not satisfy.
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as Parameters<typeof workbook.xlsx.load>[0];
    await workbook.xlsx.load(buffer);
  } catch (error) {
    throw new ImportFileError('unreadable_workbook', `The workbook cannot be read: ${(error as Error).message}`);
  }
  const sheets = workbook.worksheets.map((ws) => ws.name);
  const worksheet = options.sheet === undefined ? workbook.worksheets[0] : workbook.getWorksheet(options.sheet);
  if (!worksheet) throw new ImportFileError('sheet_not_found', `There is no sheet "${options.sheet ?? ''}" in the workbook`);
  let header: string[] | null = null;
  const rows: SourceRow[] = [];
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let column = 1; column <= row.cellCount; column++) cells.push(cellText(row.getCell(column)));
    while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
    if (cells.length === 0 || cells.every((c) => c.trim() === '')) return;
    if (options.header !== false && header === null) header = cells;
    else rows.push({ line: rowNumber, cells });
  });
  return { header, rows, sheet: worksheet.name, sheets };
}
