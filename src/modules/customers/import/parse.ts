// An uploaded or pasted customer file → a header and rows with their line numbers. XLSX is recognised by
// its bytes, not its name (people rename files); anything else is decoded as text and read as CSV with
// whatever delimiter it uses, which also covers a table pasted from a spreadsheet (tab-separated).

import { parseCsvText, type CsvProblem, type ParsedTable } from './csv.js';
import { decodeBytes, type TextEncodingName } from './decode.js';
import { isLegacyXls, isXlsx, parseXlsx } from './xlsx.js';

export { parseCsvText, type CsvOptions, type CsvProblem, type ParsedCsv, type ParsedTable, type SourceRow } from './csv.js';
export { parseXlsx, ImportFileError, type ParsedXlsx, type XlsxOptions } from './xlsx.js';
export { parseCsvStream, type CsvBatch, type CsvStreamOptions } from './parse-stream.js';

export interface UploadOptions {
  /** Force the text encoding (CSV only). */
  encoding?: TextEncodingName;
  /** Force the delimiter (CSV only). */
  delimiter?: string;
  /** The sheet to read (XLSX only); the first by default. */
  sheet?: string;
  /** The first non-empty row holds the column names. Default true. */
  header?: boolean;
}

export type ParsedUpload = ParsedTable &
  (
    | { format: 'csv'; encoding: TextEncodingName; delimiter: string; problems: CsvProblem[] }
    | { format: 'xlsx'; sheet: string; sheets: string[] }
  );

/** Parses an uploaded file of either kind. */
export async function parseUpload(bytes: Uint8Array, options: UploadOptions = {}): Promise<ParsedUpload> {
  if (isXlsx(bytes) || isLegacyXls(bytes)) {
    const parsed = await parseXlsx(bytes, { sheet: options.sheet, header: options.header });
    return { format: 'xlsx', ...parsed };
  }
  const decoded = decodeBytes(bytes, { encoding: options.encoding });
  const parsed = parseCsvText(decoded.text, { delimiter: options.delimiter, header: options.header });
  return { format: 'csv', encoding: decoded.encoding, ...parsed };
}

/** Parses text pasted from the clipboard (usually tab-separated, from Excel or Google Sheets). */
export function parsePasted(text: string, options: { header?: boolean } = {}): ParsedTable {
  const { header, rows } = parseCsvText(text, { header: options.header });
  return { header, rows };
}
