// Reads PostgreSQL's COPY … TO STDOUT text format straight from the byte stream: tab-separated fields,
// one row per line, \N for NULL. Numbers are parsed from the bytes without making strings, because the
// history scan streams millions of rows and a string per field would cost more than the SQL itself.
// Only uuids, plain integers and floats are expected, so no backslash escapes can occur in the data.
import type { Readable } from 'node:stream';
import type { KeyIndex } from './key-index.js';

/** 'key': the field is replaced by its number in a KeyIndex (the n-th key column uses keys[n]; null stays null). */
export type ColumnKind = 'text' | 'number' | 'key';

const TAB = 9;
const NEWLINE = 10;
const MINUS = 45;
const ZERO = 48;
const BACKSLASH = 92;

function parseNumber(buf: Buffer, from: number, to: number): number | null {
  if (to - from === 2 && buf[from] === BACKSLASH) return null; // \N
  let i = from;
  let negative = false;
  if (buf[i] === MINUS) { negative = true; i++; }
  let value = 0;
  for (; i < to; i++) {
    const digit = (buf[i] as number) - ZERO;
    // Not a plain integer (a float like 1.5e+20 or "Infinity"): let the full parser handle it.
    if (digit < 0 || digit > 9 || value > 9e14) return Number(buf.toString('latin1', from, to));
    value = value * 10 + digit;
  }
  return negative ? -value : value;
}

/**
 * Calls `row` once per line with the fields parsed by kind; the values array is reused between calls,
 * so copy what must outlive the call. Resolves with the number of rows.
 */
export async function readCopyText(stream: Readable, kinds: readonly ColumnKind[], row: (values: (string | number | null)[]) => void, keys: readonly KeyIndex[] = []): Promise<number> {
  const indexOf: (KeyIndex | undefined)[] = [];
  let n = 0;
  for (const kind of kinds) indexOf.push(kind === 'key' ? keys[n++] : undefined);
  if (n > keys.length) throw new Error(`${n} key columns need ${n} KeyIndexes, got ${keys.length}`);
  const values: (string | number | null)[] = new Array(kinds.length).fill(null);
  let rest: Buffer | null = null;
  let rows = 0;
  const line = (buf: Buffer, from: number, to: number) => {
    let field = 0;
    let start = from;
    for (let i = from; i <= to; i++) {
      if (i === to || buf[i] === TAB) {
        const kind = kinds[field];
        if (kind === undefined) throw new Error(`COPY row has more than ${kinds.length} fields`);
        const isNull = i - start === 2 && buf[start] === BACKSLASH;
        values[field] = kind === 'number' ? parseNumber(buf, start, i) : isNull ? null : kind === 'key' ? (indexOf[field] as KeyIndex).lookup(buf, start, i) : buf.toString('latin1', start, i);
        field++;
        start = i + 1;
      }
    }
    if (field !== kinds.length) throw new Error(`COPY row has ${field} fields, ${kinds.length} expected`);
    rows++;
    row(values);
  };
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const buf: Buffer = rest ? Buffer.concat([rest, chunk]) : chunk;
    let start = 0;
    for (let nl = buf.indexOf(NEWLINE, start); nl >= 0; nl = buf.indexOf(NEWLINE, start)) {
      line(buf, start, nl);
      start = nl + 1;
    }
    rest = start < buf.length ? buf.subarray(start) : null;
  }
  if (rest && rest.length) line(rest, 0, rest.length);
  return rows;
}
