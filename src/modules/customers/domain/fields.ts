// Custom fields an owner defines (text, number, date, choice, multi-choice) and the validation of the
// values typed into them. Pure: the service stores what `checkFieldValue` returns.
import { toLatin } from './transliteration.js';

export type CustomFieldType = 'text' | 'number' | 'date' | 'choice' | 'multi_choice';

export interface FieldDefinition {
  type: CustomFieldType;
  label: string;
  /** The choices of choice and multi_choice fields. */
  options: readonly string[];
}

export type FieldValue = string | number | string[];
export type FieldCheck = { ok: true; value: FieldValue } | { ok: false; reason: string };

export const MAX_TEXT_LENGTH = 5000;

/** A real calendar date as "YYYY-MM-DD" (rejects 2026-02-30). */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Validates and normalises one value for its field; the reason is a sentence for the person typing it. */
export function checkFieldValue(field: FieldDefinition, raw: unknown): FieldCheck {
  switch (field.type) {
    case 'text': {
      if (typeof raw !== 'string') return { ok: false, reason: 'must be text' };
      const value = raw.trim();
      if (value === '') return { ok: false, reason: 'must not be empty (send null to clear it)' };
      if (value.length > MAX_TEXT_LENGTH) return { ok: false, reason: `must be at most ${MAX_TEXT_LENGTH} characters` };
      return { ok: true, value };
    }
    case 'number': {
      const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw.trim().replace(',', '.')) : raw;
      if (typeof value !== 'number' || !Number.isFinite(value)) return { ok: false, reason: 'must be a number' };
      return { ok: true, value };
    }
    case 'date': {
      if (typeof raw !== 'string' || !isCalendarDate(raw.trim())) return { ok: false, reason: 'must be a date as YYYY-MM-DD' };
      return { ok: true, value: raw.trim() };
    }
    case 'choice': {
      if (typeof raw !== 'string' || !field.options.includes(raw)) return { ok: false, reason: `must be one of: ${field.options.join(', ')}` };
      return { ok: true, value: raw };
    }
    case 'multi_choice': {
      if (!Array.isArray(raw) || raw.some((v) => typeof v !== 'string')) return { ok: false, reason: 'must be a list of choices' };
      const unknown = raw.filter((v) => !field.options.includes(v as string));
      if (unknown.length) return { ok: false, reason: `${unknown.map((v) => `"${String(v)}"`).join(', ')} is not a choice (choices: ${field.options.join(', ')})` };
      // Stored in the order of the options, without repeats, so equal answers compare equal.
      return { ok: true, value: field.options.filter((o) => (raw as string[]).includes(o)) };
    }
  }
}

/** A field key from its label when the owner gives none: "Visa type (Schengen)" → "visa_type_schengen". */
export function fieldKeyFromLabel(label: string): string {
  const key = toLatin(label).normalize('NFKD').toLowerCase().replace(/\p{M}/gu, '').replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 60);
  return /^[a-z]/.test(key) ? key : `f_${key}`.replace(/_+$/, '') || 'field';
}
