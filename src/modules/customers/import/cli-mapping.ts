// A mapping from command-line flags (`regulars import customers FILE --map "Фамилия=familyName" …`):
// start from the mapping the server suggests (unless told not to guess), then apply the flags. Columns
// are named by their header text (any case) or by their 1-based number.

import { CUSTOMER_IMPORT_FIELDS, REPEATABLE_FIELDS, type CustomerImportField } from '../domain/columns.js';
import type { ImportMapping } from './kinds.js';
import type { CustomerMapping } from './mapping.js';
import { PURCHASE_IMPORT_FIELDS, type PurchaseMapping } from './purchase-mapping.js';

export class MappingFlagError extends Error {}

export interface MappingFlags {
  map?: string;
  guess?: boolean;
  splitName?: string[];
  transliterate?: string[];
  capitalize?: string[];
  stripInvalid?: string[];
  genderValues?: string[];
  dateOrder?: 'dmy' | 'mdy' | 'ymd';
  deriveGender?: boolean;
  skipInvalid?: boolean;
  overwrite?: boolean;
  tag?: string[];
  phoneCountry?: string;
}

interface ColumnInfo { index: number; header: string | null }

export function columnIndex(columns: readonly ColumnInfo[], ref: string, flag: string): number {
  const wanted = ref.trim().toLowerCase();
  const byHeader = columns.find((c) => c.header?.trim().toLowerCase() === wanted);
  if (byHeader) return byHeader.index;
  if (/^\d+$/u.test(wanted) && Number(wanted) >= 1 && Number(wanted) <= columns.length) return Number(wanted) - 1;
  const names = columns.map((c) => (c.header ? `"${c.header}"` : String(c.index + 1))).join(', ');
  throw new MappingFlagError(`${flag}: the file has no column "${ref}" (columns: ${names}; or give a number from 1 to ${columns.length})`);
}

/** "a=b,c=d" → pairs; commas inside a column name can be escaped as "\,". */
function pairs(text: string): Array<[string, string]> {
  return text.split(/(?<!\\),/u).filter((p) => p.trim() !== '').map((part) => {
    const at = part.lastIndexOf('=');
    if (at < 0) throw new MappingFlagError(`--map: "${part}" is not COLUMN=FIELD`);
    return [part.slice(0, at).replace(/\\,/gu, ',').trim(), part.slice(at + 1).trim()];
  });
}

function splitRef(value: string, flag: string): [string, string | undefined] {
  const at = value.lastIndexOf(':');
  if (at < 0) return [value, undefined];
  const ref = value.slice(0, at);
  if (ref === '') throw new MappingFlagError(`${flag}: "${value}" names no column`);
  return [ref, value.slice(at + 1)];
}

export function mappingFromFlags(kind: 'customers' | 'purchases', columns: readonly ColumnInfo[], suggested: ImportMapping, flags: MappingFlags): ImportMapping {
  if (kind === 'purchases') return purchaseMapping(columns, suggested as PurchaseMapping, flags);
  const base = suggested as CustomerMapping;
  const rules = new Map<number, CustomerMapping['columns'][number]>();
  if (flags.guess !== false) for (const r of base.columns) rules.set(r.column, { ...r });
  const explicit = new Set<number>();
  for (const [ref, field] of pairs(flags.map ?? '')) {
    const column = columnIndex(columns, ref, '--map');
    explicit.add(column);
    if (field === '' || field === '-') {
      rules.delete(column);
      continue;
    }
    if (!(CUSTOMER_IMPORT_FIELDS as readonly string[]).includes(field)) throw new MappingFlagError(`--map: "${field}" is not a field (fields: ${CUSTOMER_IMPORT_FIELDS.join(', ')})`);
    // A field that one column may feed moves to the column named here from a column only guessed.
    if (!REPEATABLE_FIELDS.has(field as CustomerImportField)) {
      for (const [other, r] of rules) if (r.field === field && !explicit.has(other)) rules.delete(other);
    }
    rules.set(column, { column, field: field as CustomerImportField });
  }
  const rule = (ref: string, flag: string) => {
    const column = columnIndex(columns, ref, flag);
    const found = rules.get(column);
    if (!found) throw new MappingFlagError(`${flag}: column "${ref}" is not mapped to a field (add it to --map)`);
    return found;
  };
  for (const value of flags.splitName ?? []) {
    const [ref, order = 'family-given'] = splitRef(value, '--split-name');
    if (order !== 'family-given' && order !== 'given-family') throw new MappingFlagError(`--split-name: the order is family-given or given-family, not "${order}"`);
    const column = columnIndex(columns, ref, '--split-name');
    const current = rules.get(column);
    rules.set(column, { ...current, column, field: current?.field === 'fullNameLatin' ? 'fullNameLatin' : 'fullName', nameOrder: order });
  }
  for (const value of flags.transliterate ?? []) {
    const [ref, how = 'transliterate'] = splitRef(value, '--transliterate');
    if (how !== 'transliterate' && how !== 'copy') throw new MappingFlagError(`--transliterate: COLUMN or COLUMN:copy, not "${value}"`);
    rule(ref, '--transliterate').counterpart = how;
  }
  for (const ref of flags.capitalize ?? []) rule(ref, '--capitalize').capitalize = true;
  for (const ref of flags.stripInvalid ?? []) rule(ref, '--strip-invalid').stripInvalid = true;
  for (const value of flags.genderValues ?? []) {
    const [ref, codes] = splitRef(value, '--gender-values');
    const values: Record<string, 'male' | 'female'> = {};
    for (const [code, gender] of pairs(codes ?? '')) {
      if (gender !== 'male' && gender !== 'female') throw new MappingFlagError(`--gender-values: "${gender}" is male or female`);
      values[code] = gender;
    }
    const target = rule(ref, '--gender-values');
    if (target.field !== 'gender') throw new MappingFlagError(`--gender-values: column "${ref}" is mapped to ${target.field}, not gender`);
    target.genderValues = values;
  }
  return {
    kind: 'customers', columns: [...rules.values()].sort((a, b) => a.column - b.column),
    dateOrder: flags.dateOrder ?? base.dateOrder, deriveGender: flags.deriveGender ?? false,
    invalidValues: flags.skipInvalid ? 'skip_value' : 'reject_row', phoneCountry: flags.phoneCountry ?? null, addTags: flags.tag ?? [],
    updateMode: flags.overwrite ? 'overwrite' : 'fill_empty',
  };
}

function purchaseMapping(columns: readonly ColumnInfo[], base: PurchaseMapping, flags: MappingFlags): PurchaseMapping {
  const rules = new Map<number, PurchaseMapping['columns'][number]>();
  if (flags.guess !== false) for (const r of base.columns) rules.set(r.column, { ...r });
  for (const [ref, field] of pairs(flags.map ?? '')) {
    const column = columnIndex(columns, ref, '--map');
    if (field === '' || field === '-') rules.delete(column);
    else if (!(PURCHASE_IMPORT_FIELDS as readonly string[]).includes(field)) throw new MappingFlagError(`--map: "${field}" is not a purchase field (fields: ${PURCHASE_IMPORT_FIELDS.join(', ')})`);
    else rules.set(column, { column, field: field as PurchaseMapping['columns'][number]['field'] });
  }
  return { kind: 'purchases', columns: [...rules.values()].sort((a, b) => a.column - b.column), dateOrder: flags.dateOrder ?? base.dateOrder, phoneCountry: flags.phoneCountry ?? null };
}
