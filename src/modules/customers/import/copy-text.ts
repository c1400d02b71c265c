// PostgreSQL COPY text format, written by hand because it is the hot path of a million-row import:
// columns separated by tabs, rows by newlines, NULL as \N, and backslash, tab, newline and carriage return
// escaped with a backslash. Arrays are written as array literals inside that.

const SPECIAL = /[\\\t\n\r]/u;
const SPECIAL_G = /[\\\t\n\r]/gu;
const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One field of a COPY text row. */
export function copyField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value !== 'string') return String(value);
  return SPECIAL.test(value) ? value.replace(SPECIAL_G, (ch) => ESCAPES[ch] as string) : value;
}

const ARRAY_SPECIAL = /[\\"]/gu;

/** A text[] (or uuid[]) literal, every element quoted, ready to be passed through copyField. */
export function arrayLiteral(values: readonly string[]): string {
  if (values.length === 0) return '{}';
  return `{${values.map((v) => `"${v.replace(ARRAY_SPECIAL, (ch) => `\\${ch}`)}"`).join(',')}}`;
}

/** One COPY text row, newline included. */
export function copyRow(fields: ReadonlyArray<string | number | boolean | null | undefined>): string {
  let out = '';
  for (let i = 0; i < fields.length; i++) out += (i === 0 ? '' : '\t') + copyField(fields[i]);
  return `${out}\n`;
}
