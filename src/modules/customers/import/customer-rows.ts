// One file row → either a rejected row (with its reasons) or a row for the staging table. Pure apart from
// the ids it draws: everything the database cannot compute — names and contacts normalised by the domain's
// mapRow, the display name and search keys exactly as the customer service computes them, the keys that
// match names across scripts — is computed here, once per row.
//
// Duplicates inside the file are caught here too (see docs/import.md, "Matching"): a row that is the same
// customer as an earlier row of the file is rejected with the line of that row.

import type { IdGenerator } from '../../../platform/ids.js';
import { mapRow, type CandidateCustomer, type ColumnRule, type MapRowOptions, type RowError } from '../domain/columns.js';
import { looseKey, nameSearchKeys } from '../domain/search-keys.js';
import { displayNameOf } from '../service.js';
import { arrayLiteral, copyRow } from './copy-text.js';
import type { SourceRow } from './parse.js';

export interface RowProblem { field: string; reason: string; value?: string }

export type RowOutcome =
  | { kind: 'staged'; copy: string; warnings: RowProblem[] }
  | { kind: 'rejected'; problems: RowProblem[]; warnings: RowProblem[] };

export interface CustomerRowOptions {
  rules: readonly ColumnRule[];
  mapRow: MapRowOptions;
  invalidValues: 'reject_row' | 'skip_value';
  addTags: readonly string[];
  ids: IdGenerator;
}

/** The staging table's columns, in COPY order (customers-sql.ts creates it). */
export const STAGE_COLUMNS = [
  'line', 'id', 'audit_id', 'ext', 'family', 'given', 'patronymic', 'family_latin', 'given_latin', 'gender', 'birth_date',
  'notes', 'tags', 'address', 'display_name', 'search_keys', 'phones', 'emails', 'contact_ids', 'family_key', 'given_key',
] as const;

const MAX_DISPLAY_NAME = 300;

/** Memoised per name: a file of a million rows has a few tens of thousands of distinct names. */
class KeyCache {
  private keys = new Map<string, string[]>();
  private loose = new Map<string, string>();
  searchKeys(name: string): string[] {
    let k = this.keys.get(name);
    if (k === undefined) {
      if (this.keys.size > 500_000) this.keys.clear();
      k = nameSearchKeys(name);
      this.keys.set(name, k);
    }
    return k;
  }
  looseKey(name: string): string {
    let k = this.loose.get(name);
    if (k === undefined) {
      if (this.loose.size > 500_000) this.loose.clear();
      k = looseKey(name);
      this.loose.set(name, k);
    }
    return k;
  }
}

/** What identifies a row to the rows after it, for finding duplicates inside one file. */
interface Seen { line: number; ext: string | null; givenKey: string | null; birthDate: string | null }

export class CustomerRowMapper {
  private cache = new KeyCache();
  private byKey = new Map<string, Seen>();
  constructor(private readonly options: CustomerRowOptions) {}

  /** search_keys as the customer service computes them (searchKeysOf), with the per-name work memoised. */
  searchKeys(names: ReadonlyArray<string | null | undefined>): string {
    const out = new Set<string>();
    for (const name of names) if (name) for (const key of this.cache.searchKeys(name)) out.add(key);
    return [...out].join(' ');
  }

  map(row: SourceRow): RowOutcome {
    const c = mapRow(row.cells, this.options.rules, this.options.mapRow);
    const warnings: RowProblem[] = c.warnings.map(problem);
    let errors = c.errors;
    if (this.options.invalidValues === 'skip_value') {
      // A bad value is dropped (mapRow never sets one) and reported; a row that identifies nobody is still rejected.
      warnings.push(...errors.filter((e) => e.field !== 'row').map((e) => ({ ...problem(e), reason: `${e.reason}_skipped` })));
      errors = errors.filter((e) => e.field === 'row');
    }
    if (errors.length > 0) return { kind: 'rejected', problems: errors.map(problem), warnings };

    const names = { familyName: c.familyName, givenNames: c.givenName, patronymic: c.patronymic, familyNameLatin: c.familyNameLatin, givenNamesLatin: c.givenNameLatin };
    const displayName = displayNameOf({ kind: 'person', ...names });
    if (displayName.length > MAX_DISPLAY_NAME) return { kind: 'rejected', problems: [{ field: 'row', reason: 'name_too_long', value: displayName.slice(0, 50) }], warnings };
    const family = c.familyName ?? c.familyNameLatin;
    const given = (c.givenName ?? c.givenNameLatin)?.split(' ')[0] ?? null;
    const familyKey = family ? this.cache.looseKey(family) || null : null;
    const givenKey = given ? this.cache.looseKey(given) || null : null;

    const duplicate = this.duplicateOf(row.line, c, familyKey, givenKey, `${family ?? ''} ${given ?? ''}`.trim());
    if (duplicate) return { kind: 'rejected', problems: [duplicate], warnings };

    const tags = [...c.tags, ...this.options.addTags.filter((t) => !c.tags.includes(t))];
    const address = [c.address, c.city].filter(Boolean).join(', ') || null;
    const contactCount = c.phones.length + c.emails.length + (address ? 1 : 0);
    const contactIds = Array.from({ length: contactCount }, () => this.options.ids.next());
    const copy = copyRow([
      row.line, this.options.ids.next(), this.options.ids.next(), c.externalId, c.familyName, c.givenName, c.patronymic,
      c.familyNameLatin, c.givenNameLatin, c.gender, c.birthDate, c.notes, arrayLiteral(tags), address,
      displayName === '' ? null : displayName, this.searchKeys([c.familyName, c.givenName, c.patronymic, c.familyNameLatin, c.givenNameLatin]),
      arrayLiteral(c.phones), arrayLiteral(c.emails), arrayLiteral(contactIds), familyKey, givenKey,
    ]);
    return { kind: 'staged', copy, warnings };
  }

  /**
   * The earlier row this one repeats: the same external id; or a shared phone or e-mail, or the same family
   * name, given name and birth date, unless the two rows' external ids, given names or birth dates differ.
   */
  private duplicateOf(line: number, c: CandidateCustomer, familyKey: string | null, givenKey: string | null, name: string): RowProblem | null {
    const me: Seen = { line, ext: c.externalId, givenKey, birthDate: c.birthDate };
    const keys: Array<[string, string, string]> = [];
    if (c.externalId !== null) keys.push([`x:${c.externalId}`, 'externalId', c.externalId]);
    for (const phone of c.phones) keys.push([`p:${phone}`, 'phone', phone]);
    for (const email of c.emails) keys.push([`m:${email.toLowerCase()}`, 'email', email]);
    if (familyKey && givenKey && c.birthDate) keys.push([`n:${familyKey}|${givenKey}|${c.birthDate}`, 'row', `${name}, ${c.birthDate}`]);
    for (const [key, field, value] of keys) {
      const earlier = this.byKey.get(key);
      if (earlier === undefined) continue;
      const sameExt = key.startsWith('x:');
      if (sameExt || !contradicts(earlier, me)) return { field, reason: 'duplicate_in_file', value: `line ${earlier.line}: ${value}` };
    }
    for (const [key] of keys) if (!this.byKey.has(key)) this.byKey.set(key, me);
    return null;
  }
}

function contradicts(a: Seen, b: Seen): boolean {
  return (a.ext !== null && b.ext !== null && a.ext !== b.ext)
    || (a.givenKey !== null && b.givenKey !== null && a.givenKey !== b.givenKey)
    || (a.birthDate !== null && b.birthDate !== null && a.birthDate !== b.birthDate);
}

function problem(e: RowError): RowProblem {
  return e.value === undefined ? { field: e.field, reason: e.reason } : { field: e.field, reason: e.reason, value: e.value };
}

/** An English sentence for a row's problems, for the CLI and the report CSV (the web app translates by code). */
export function describeProblems(problems: readonly RowProblem[]): string {
  return problems.map((p) => {
    const what = REASONS[p.reason] ?? p.reason.replace(/_/g, ' ');
    const field = p.field === 'row' ? '' : `${p.field}: `;
    return `${field}${what}${p.value !== undefined ? ` (${p.value})` : ''}`;
  }).join('; ');
}

const REASONS: Readonly<Record<string, string>> = {
  invalid_characters: 'has characters that cannot be part of a name',
  not_latin: 'is not in Latin letters',
  unknown_gender: 'is not a gender we know (map the file\'s codes)',
  not_a_date: 'is not a date',
  wrong_order: 'is not a date in the chosen day/month order',
  needs_order: 'can be read as day/month or month/day',
  year_only: 'has a year but no day and month',
  out_of_range: 'is outside the years 1800–2200',
  invalid_email: 'is not an e-mail address',
  invalid_phone: 'is not a valid phone number',
  too_short: 'is too short for a phone number',
  too_long: 'is too long for a phone number',
  no_identity: 'has no name, phone, e-mail or external id',
  name_too_long: 'the name is longer than 300 characters',
  duplicate_in_file: 'repeats an earlier row of the file',
  ambiguous_match: 'matches several existing customers; merge the duplicates first',
  customer_erased: 'belongs to a customer erased on request',
  same_customer: 'matches the same existing customer as an earlier row',
  no_name: 'has no name, and no existing customer matches it',
  customer_not_found: 'names no customer we know',
};
