// One import row + the user's column mapping → a candidate customer with its errors. Pure: phone
// normalisation needs libphonenumber's metadata, so the caller passes it in.

import type { CustomerImportField } from './columns.js';
import type { DayMonthOrder } from './dates.js';
import { parseDateCell } from './dates.js';
import { normalizeEmail } from './email.js';
import { genderFromNames, genderFromValue, type Gender } from './gender.js';
import { capitalizeName, cleanName, normalizeSpaces, splitFullName, type NameOrder } from './names.js';
import { detectScript, fixHomoglyphs } from './script.js';
import { toCyrillic, toLatin } from './transliteration.js';

export type NormalizePhone = (raw: string) => { e164: string } | { error: string };

export interface ColumnRule {
  column: number;
  field: CustomerImportField;
  /** fullName, fullNameLatin: the order of words when the cell has neither "/" nor ",". Default family-given. */
  nameOrder?: NameOrder;
  /** Name fields: remove digits and punctuation (reported as a warning) instead of rejecting the row. */
  stripInvalid?: boolean;
  /** Name fields: rewrite ALL CAPS or all-lowercase names as "Иванова-Петрова". */
  capitalize?: boolean;
  /**
   * Name fields: also fill the same name in the other script where the row has none, by ICAO
   * transliteration (best-effort reverse for Latin → Cyrillic) or by copying (a Latin-script person's
   * native name is the Latin one).
   */
  counterpart?: 'transliterate' | 'copy';
  /** gender: the file's own codes, e.g. { "1": "male", "2": "female" }. */
  genderValues?: Readonly<Record<string, Gender>>;
}

export interface MapRowOptions {
  normalizePhone: NormalizePhone;
  /** For two-digit years. */
  referenceYear: number;
  /** The day/month order of the file's dates, decided for the whole column (dates.ts parseDateColumn). */
  dateOrder?: DayMonthOrder;
  /** Derive gender from the names when no column gives it, accepting guesses at least this confident. */
  deriveGenderMinConfidence?: number;
}

export interface RowError {
  field: CustomerImportField | 'row';
  /** A stable code: invalid_characters, not_latin, unknown_gender, not_a_date, needs_order, invalid_email, no_identity... */
  reason: string;
  value?: string;
}

type NameField = 'familyName' | 'givenName' | 'patronymic' | 'familyNameLatin' | 'givenNameLatin';

export interface CandidateCustomer {
  externalId: string | null;
  familyName: string | null;
  givenName: string | null;
  patronymic: string | null;
  familyNameLatin: string | null;
  givenNameLatin: string | null;
  gender: Gender | null;
  genderSource: 'column' | 'title' | 'names' | null;
  birthDate: string | null;
  phones: string[];
  emails: string[];
  documentNumber: string | null;
  documentExpiry: string | null;
  citizenship: string | null;
  cardNumber: string | null;
  city: string | null;
  address: string | null;
  notes: string | null;
  tags: string[];
  /** Changes made to the data that the user should see in the report (stripped characters, fixed letters). */
  warnings: RowError[];
  /** Reasons the row, or one of its values, cannot be imported as is. */
  errors: RowError[];
}

const LATIN_OF: Partial<Record<NameField, NameField>> = { familyName: 'familyNameLatin', givenName: 'givenNameLatin' };
const NATIVE_OF: Partial<Record<NameField, NameField>> = { familyNameLatin: 'familyName', givenNameLatin: 'givenName' };
type SingleField = 'externalId' | 'documentNumber' | 'citizenship' | 'cardNumber' | 'city' | 'address';

function emptyCandidate(): CandidateCustomer {
  return {
    externalId: null, familyName: null, givenName: null, patronymic: null, familyNameLatin: null, givenNameLatin: null,
    gender: null, genderSource: null, birthDate: null, phones: [], emails: [], documentNumber: null, documentExpiry: null,
    citizenship: null, cardNumber: null, city: null, address: null, notes: null, tags: [], warnings: [], errors: [],
  };
}

/** Maps one row. Cells beyond the row's length count as empty; the first column to fill a single field wins. */
export function mapRow(cells: readonly string[], rules: readonly ColumnRule[], options: MapRowOptions): CandidateCustomer {
  const c = emptyCandidate();

  function setName(field: NameField, raw: string, rule: ColumnRule): void {
    let value = raw;
    const fixed = fixHomoglyphs(value);
    if (fixed.fixed > 0) {
      c.warnings.push({ field, reason: 'lookalike_letters_fixed', value });
      value = fixed.value;
    }
    const cleaned = cleanName(value);
    if (cleaned.stripped.length > 0) {
      if (!rule.stripInvalid) {
        c.errors.push({ field, reason: 'invalid_characters', value: raw });
        return;
      }
      c.warnings.push({ field, reason: 'invalid_characters_stripped', value: cleaned.stripped.join('') });
    }
    value = rule.capitalize ? capitalizeName(cleaned.value) : cleaned.value;
    if (value === '') return;
    if (field.endsWith('Latin') && !['latin', 'none'].includes(detectScript(value))) {
      c.errors.push({ field, reason: 'not_latin', value });
      return;
    }
    if (c[field] === null) c[field] = value;
    else if (c[field] !== value) c.warnings.push({ field, reason: 'conflicting_values', value });
  }

  function setSingle(field: SingleField, value: string): void {
    if (c[field] === null) c[field] = value;
    else if (c[field] !== value) c.warnings.push({ field, reason: 'conflicting_values', value });
  }

  function setDate(field: 'birthDate' | 'documentExpiry', raw: string): void {
    const result = parseDateCell(raw, {
      order: options.dateOrder,
      referenceYear: options.referenceYear,
      futureYears: field === 'documentExpiry' ? 30 : 0,
    });
    if (result === null) return;
    if (!result.ok) c.errors.push({ field, reason: result.code, value: raw });
    else if (c[field] === null) c[field] = result.iso;
  }

  for (const rule of rules) {
    const raw = normalizeSpaces(cells[rule.column] ?? '');
    if (raw === '') continue;
    switch (rule.field) {
      case 'fullName':
      case 'fullNameLatin': {
        const latin = rule.field === 'fullNameLatin';
        const split = splitFullName(raw, rule.nameOrder);
        if (split.familyName) setName(latin ? 'familyNameLatin' : 'familyName', split.familyName, rule);
        if (split.givenName) setName(latin ? 'givenNameLatin' : 'givenName', split.givenName, rule);
        if (split.patronymic && !latin) setName('patronymic', split.patronymic, rule);
        const byTitle = split.title ? genderFromValue(split.title) : null;
        if (byTitle && c.gender === null) {
          c.gender = byTitle.gender;
          c.genderSource = 'title';
        }
        break;
      }
      case 'familyName':
      case 'givenName':
      case 'patronymic':
      case 'familyNameLatin':
      case 'givenNameLatin':
        setName(rule.field, raw, rule);
        break;
      case 'gender': {
        const guess = genderFromValue(raw, rule.genderValues);
        if (guess === null) c.errors.push({ field: 'gender', reason: 'unknown_gender', value: raw });
        else if (c.genderSource !== 'column') {
          c.gender = guess.gender;
          c.genderSource = 'column';
        }
        break;
      }
      case 'birthDate':
      case 'documentExpiry':
        setDate(rule.field, raw);
        break;
      case 'phone':
        for (const part of raw.split(/[,;\n]|\s{3,}/u).map((p) => p.trim()).filter((p) => p !== '')) {
          const result = options.normalizePhone(part);
          if ('error' in result) c.errors.push({ field: 'phone', reason: result.error, value: part });
          else if (!c.phones.includes(result.e164)) c.phones.push(result.e164);
        }
        break;
      case 'email':
        for (const part of raw.split(/[,;\s]+/u).filter((p) => p !== '')) {
          const result = normalizeEmail(part);
          if ('error' in result) c.errors.push({ field: 'email', reason: 'invalid_email', value: part });
          else if (!c.emails.includes(result.email)) c.emails.push(result.email);
        }
        break;
      case 'tags':
        for (const tag of raw.split(/[,;|]/u).map((t) => t.trim()).filter((t) => t !== '')) {
          if (!c.tags.includes(tag)) c.tags.push(tag);
        }
        break;
      case 'notes': {
        // Notes keep their line breaks; only the spaces within each line are tidied.
        const text = (cells[rule.column] ?? '').split(/\r\n|\r|\n/u).map(normalizeSpaces).filter((line) => line !== '').join('\n');
        c.notes = c.notes === null ? text : `${c.notes}\n${text}`;
        break;
      }
      case 'documentNumber':
        setSingle('documentNumber', raw.replace(/^(№|no\.?|n°)\s*/iu, '').toUpperCase());
        break;
      case 'cardNumber':
        setSingle('cardNumber', raw.replace(/\s+/gu, ''));
        break;
      case 'externalId':
      case 'citizenship':
      case 'city':
      case 'address':
        setSingle(rule.field, raw);
        break;
    }
  }

  fillCounterparts(c, rules);

  if (c.gender === null && options.deriveGenderMinConfidence !== undefined) {
    const native = { familyName: c.familyName, givenName: c.givenName, patronymic: c.patronymic };
    const guess = genderFromNames(c.familyName || c.givenName || c.patronymic ? native : { familyName: c.familyNameLatin, givenName: c.givenNameLatin });
    if (guess && guess.confidence >= options.deriveGenderMinConfidence) {
      c.gender = guess.gender;
      c.genderSource = 'names';
    }
  }

  const identified = [c.familyName, c.givenName, c.familyNameLatin, c.givenNameLatin, c.externalId, c.cardNumber].some((v) => v !== null);
  if (!identified && c.phones.length === 0 && c.emails.length === 0) c.errors.push({ field: 'row', reason: 'no_identity' });
  return c;
}

/** Fills the other-script names of columns that asked for it, where the row has none. */
function fillCounterparts(c: CandidateCustomer, rules: readonly ColumnRule[]): void {
  for (const rule of rules) {
    if (!rule.counterpart) continue;
    const sources: NameField[] =
      rule.field === 'fullName' ? ['familyName', 'givenName']
      : rule.field === 'fullNameLatin' ? ['familyNameLatin', 'givenNameLatin']
      : [rule.field as NameField];
    for (const source of sources) {
      const value = c[source];
      const toLatinField = LATIN_OF[source];
      const toNativeField = NATIVE_OF[source];
      if (value === null || value === undefined) continue;
      if (toLatinField && c[toLatinField] === null) {
        // Copying a Latin-script name and transliterating it are the same thing; a Cyrillic one must be transliterated.
        c[toLatinField] = toLatin(value);
      } else if (toNativeField && c[toNativeField] === null) {
        // Passport spellings are in capitals; a native name is written "Иванова".
        c[toNativeField] = capitalizeName(rule.counterpart === 'copy' ? value : toCyrillic(value));
      }
    }
  }
}
