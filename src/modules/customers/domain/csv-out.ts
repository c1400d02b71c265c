// Writing CSV that Excel opens correctly: RFC 4180 quoting, a byte-order mark so Excel reads UTF-8 (and
// Cyrillic) instead of the system code page, and no cell that Excel would run as a formula.

export const UTF8_BOM = '\uFEFF';

/**
 * A cell starting with =, @, or + / - followed by something that is not a plain number would be run as a
 * formula when the file is opened ("CSV injection"); such cells get a leading apostrophe. Phone numbers
 * ("+7 916 …") and negative numbers stay as they are.
 */
export function neutralizeFormula(value: string): string {
  if (/^[=@\t\r]/u.test(value)) return `'${value}`;
  if (/^[+-]/u.test(value) && !/^[+-][\d\s().]*$/u.test(value)) return `'${value}`;
  return value;
}

export function csvCell(value: string | number | null | undefined, delimiter: string): string {
  if (value === null || value === undefined) return '';
  const text = neutralizeFormula(String(value));
  return /["\r\n]/u.test(text) || text.includes(delimiter) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly (string | number | null | undefined)[], delimiter: string): string {
  return `${values.map((v) => csvCell(v, delimiter)).join(delimiter)}\r\n`;
}
