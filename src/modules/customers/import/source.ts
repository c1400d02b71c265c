// Reading an uploaded file row by row, the same way for the analysis at upload and for the import job:
// CSV (any delimiter, any encoding, pasted tables too) is streamed, XLSX is read whole (a workbook is a zip
// and cannot be streamed row by row with exceljs). The first non-empty row is the header when the session
// says so; every other row keeps the line (CSV) or row number (XLSX) it has in the file.

import { parseCsvStream, type SourceRow } from './parse.js';
import { detectEncoding, type TextEncodingName } from './decode.js';
import { ImportFileError, isLegacyXls, isXlsx, parseXlsx } from './xlsx.js';

export interface SourceSettings {
  format: 'csv' | 'xlsx';
  /** CSV: the encoding to decode with (detected at upload, or forced). */
  encoding: string | null;
  delimiter: string | null;
  sheet: string | null;
}

export type ByteSource = () => AsyncIterable<Uint8Array>;

/** Whether TextDecoder knows the encoding label (Node reads every WHATWG encoding: windows-1250, iso-8859-5, gbk…). */
export function isKnownEncoding(label: string): boolean {
  try {
    new TextDecoder(label);
    return true;
  } catch {
    return false;
  }
}

/** The first bytes of a source, for telling XLSX from CSV and for encoding detection. */
export async function headOf(source: ByteSource, size = 64 * 1024): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of source()) {
    parts.push(chunk);
    length += chunk.length;
    if (length >= size) break;
  }
  return Buffer.concat(parts).subarray(0, size);
}

export async function collectBytes(source: ByteSource): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const chunk of source()) parts.push(chunk);
  return Buffer.concat(parts);
}

export function formatOf(head: Uint8Array): 'csv' | 'xlsx' {
  if (isLegacyXls(head)) throw new ImportFileError('xls_not_supported', 'This is an old Excel .xls file: save it as .xlsx or CSV and upload again');
  return isXlsx(head) ? 'xlsx' : 'csv';
}

export function detectSourceEncoding(head: Uint8Array, forced: string | undefined): { encoding: string; detectedBy: string } {
  if (forced) return { encoding: forced, detectedBy: 'forced' };
  const detected = detectEncoding(head);
  return { encoding: detected.encoding, detectedBy: detected.detectedBy };
}

export interface RowBatch {
  rows: SourceRow[];
  /** Set on the first batch of a CSV: the delimiter used (detected unless forced). */
  delimiter: string | null;
  sheet: string | null;
  sheets: string[];
}

/** Every non-empty row of the file, header included, in batches. */
export async function* readAllRows(source: ByteSource, settings: SourceSettings, batchSize = 5000): AsyncGenerator<RowBatch> {
  if (settings.format === 'xlsx') {
    const parsed = await parseXlsx(await collectBytes(source), { sheet: settings.sheet ?? undefined, header: false });
    for (let i = 0; i < parsed.rows.length || i === 0; i += batchSize) {
      yield { rows: parsed.rows.slice(i, i + batchSize), delimiter: null, sheet: parsed.sheet, sheets: parsed.sheets };
    }
    return;
  }
  const batches = parseCsvStream(source(), {
    batchSize, header: false,
    encoding: (settings.encoding ?? undefined) as TextEncodingName | undefined,
    delimiter: settings.delimiter ?? undefined,
  });
  for await (const batch of batches) yield { rows: batch.rows, delimiter: batch.delimiter, sheet: null, sheets: [] };
}

/** The data rows of a stored session (the header row dropped), in batches. */
export async function* readDataRows(source: ByteSource, settings: SourceSettings & { hasHeader: boolean }, batchSize = 5000): AsyncGenerator<SourceRow[]> {
  let first = settings.hasHeader;
  for await (const batch of readAllRows(source, settings, batchSize)) {
    let rows = batch.rows;
    if (first && rows.length > 0) {
      rows = rows.slice(1);
      first = false;
    }
    if (rows.length > 0) yield rows;
  }
}
