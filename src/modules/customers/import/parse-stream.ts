// Streaming CSV for large imports (a million rows): bytes are decoded and parsed as they arrive and rows
// come out in batches, so memory stays flat and the importer can write each batch in one transaction.
// The source is pulled only when the consumer asks for the next batch, so a slow database slows the read.
//
// papaparse's own Node stream (NODE_STREAM_INPUT) is not used: it pauses and re-slices its input every
// 16 rows and ran at ~6 000 rows/s here. Instead the text is parsed in slices of ~256 KB with the plain
// string parser; the last row of a slice may be incomplete (cut mid-row or inside a quoted cell), so it is
// held back and parsed again at the front of the next slice.

import Papa from 'papaparse';
import { detectDelimiter, detectNewline, LineCounter, takeSepLine, type SourceRow } from './csv.js';
import { detectEncoding, type TextEncodingName } from './decode.js';

export interface CsvStreamOptions {
  /** Rows per batch. Default 5000. */
  batchSize?: number;
  /** Force the encoding of byte input; otherwise detected from the first 64 KB. */
  encoding?: TextEncodingName;
  /** Force the delimiter; otherwise a "sep=" line, then detection on the first 64 KB, decide. */
  delimiter?: string;
  /** The first non-empty row holds the column names. Default true. */
  header?: boolean;
  /** Characters of text parsed at a time (default 256 K); small values let tests cut rows anywhere. */
  sliceChars?: number;
}

export interface CsvBatch {
  /** The same header array in every batch (null without a header row). */
  header: string[] | null;
  rows: SourceRow[];
  /** Set on the first batch: how the stream was read. */
  encoding: TextEncodingName | null;
  delimiter: string;
}

const SAMPLE = 64 * 1024;

/** Joins byte chunks until there is enough for detection, without copying the rest of the stream. */
async function takeSample(iterator: AsyncIterator<Uint8Array | string>): Promise<{ head: Array<Uint8Array | string>; done: boolean }> {
  const head: Array<Uint8Array | string> = [];
  let size = 0;
  while (size < SAMPLE) {
    const next = await iterator.next();
    if (next.done) return { head, done: true };
    head.push(next.value);
    size += next.value.length;
  }
  return { head, done: false };
}

function concatBytes(chunks: Array<Uint8Array | string>): Uint8Array {
  return Buffer.concat(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : c)));
}

/**
 * Parses a CSV stream (a Node Readable, a file stream, any async iterable of bytes or strings, or one
 * big string) into batches of rows with their line numbers. String input is taken as already decoded.
 */
export async function* parseCsvStream(source: AsyncIterable<Uint8Array | string> | string, options: CsvStreamOptions = {}): AsyncGenerator<CsvBatch> {
  const batchSize = options.batchSize ?? 5000;
  const iterable = typeof source === 'string' ? (async function* () { yield source; })() : source;
  const iterator = iterable[Symbol.asyncIterator]();
  const { head, done } = await takeSample(iterator);
  const textInput = head.length > 0 && head.every((c) => typeof c === 'string');
  const encoding: TextEncodingName | null = textInput ? null : (options.encoding ?? detectEncoding(concatBytes(head)).encoding);
  const decoder = encoding === null ? null : new TextDecoder(encoding); // strips a BOM
  const decode = (chunk: Uint8Array | string, last: boolean): string =>
    typeof chunk === 'string' ? chunk : (decoder?.decode(chunk, { stream: !last }) ?? '');

  let firstText = head.map((chunk) => decode(chunk, false)).join('');
  if (firstText.charCodeAt(0) === 0xfeff) firstText = firstText.slice(1); // a BOM in string input
  const sep = takeSepLine(firstText);
  const newline = detectNewline(sep.rest);
  const delimiter = options.delimiter ?? sep.delimiter ?? detectDelimiter(sep.rest, newline);

  async function* text(): AsyncGenerator<string> {
    if (sep.rest !== '') yield sep.rest;
    if (!done) {
      for (;;) {
        const next = await iterator.next();
        if (next.done) break;
        const piece = decode(next.value, false);
        if (piece !== '') yield piece;
      }
    }
    const tail = decoder ? decoder.decode() : '';
    if (tail !== '') yield tail;
  }

  const counter = new LineCounter(1 + sep.linesSkipped);
  let header: string[] | null = null;
  let rows: SourceRow[] = [];
  let first = true;
  const take = (cells: string[]): void => {
    const row = counter.take(cells);
    if (row === null) return;
    if (options.header !== false && header === null) header = row.cells;
    else rows.push(row);
  };
  /** Yields full batches; at the end (`rest`) also the last partial one, or one empty batch for an empty file. */
  function* batches(rest: boolean): Generator<CsvBatch> {
    while (rows.length >= batchSize || (rest && (rows.length > 0 || first))) {
      const out: CsvBatch = { header, rows: rows.slice(0, batchSize), encoding: first ? encoding : null, delimiter };
      rows = rows.slice(batchSize);
      first = false;
      yield out;
    }
  }

  const slice = options.sliceChars ?? SLICE;
  let pending = '';
  let threshold = slice;
  for await (const piece of text()) {
    pending += piece;
    let offset = 0;
    while (pending.length - offset >= threshold) {
      const end = offset + threshold;
      offset += parseSlice(pending.slice(offset, end), delimiter, newline, false, take);
      // A row longer than a slice (a huge quoted cell) must not be re-parsed for every new piece.
      threshold = Math.max(slice, (end - offset) * 2);
      yield* batches(false);
    }
    pending = pending.slice(offset);
  }
  parseSlice(pending, delimiter, newline, true, take);
  yield* batches(true);
}

const SLICE = 256 * 1024;

/**
 * Parses a slice of text, handing each complete row to `take`, and returns how many characters it used.
 * Unless the slice is the last one, its final row is held back: it may continue in the next slice.
 */
function parseSlice(text: string, delimiter: string, newline: '\r\n' | '\n' | '\r', last: boolean, take: (cells: string[]) => void): number {
  const parsed: string[][] = [];
  const ends: number[] = [];
  Papa.parse<string[]>(text, {
    delimiter,
    newline,
    skipEmptyLines: false,
    step: (result) => {
      parsed.push(result.data);
      ends.push(result.meta.cursor);
    },
  });
  if (!last) {
    parsed.pop();
    ends.pop();
  }
  for (const cells of parsed) take(cells);
  return last ? text.length : (ends.at(-1) ?? 0);
}
