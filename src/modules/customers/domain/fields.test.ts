import { describe, expect, it } from 'vitest';
import { checkFieldValue, fieldKeyFromLabel, isCalendarDate } from './fields.js';

const field = (type: Parameters<typeof checkFieldValue>[0]['type'], options: string[] = []) => ({ type, label: 'F', options });

describe('custom field values', () => {
  it('checks each type and normalizes what it accepts', () => {
    expect(checkFieldValue(field('text'), '  Rome  ')).toEqual({ ok: true, value: 'Rome' });
    expect(checkFieldValue(field('text'), '   ')).toMatchObject({ ok: false });
    expect(checkFieldValue(field('text'), 5)).toEqual({ ok: false, reason: 'must be text' });
    expect(checkFieldValue(field('number'), '12,5')).toEqual({ ok: true, value: 12.5 });
    expect(checkFieldValue(field('number'), 'twelve')).toEqual({ ok: false, reason: 'must be a number' });
    expect(checkFieldValue(field('date'), '2026-02-28')).toEqual({ ok: true, value: '2026-02-28' });
    expect(checkFieldValue(field('date'), '2026-02-30')).toMatchObject({ ok: false });
    expect(checkFieldValue(field('choice', ['C', 'D']), 'C')).toEqual({ ok: true, value: 'C' });
    expect(checkFieldValue(field('choice', ['C', 'D']), 'X')).toEqual({ ok: false, reason: 'must be one of: C, D' });
    expect(checkFieldValue(field('multi_choice', ['a', 'b', 'c']), ['c', 'a', 'c'])).toEqual({ ok: true, value: ['a', 'c'] });
    expect(checkFieldValue(field('multi_choice', ['a', 'b']), ['z'])).toMatchObject({ ok: false, reason: expect.stringContaining('"z"') });
    expect(checkFieldValue(field('multi_choice', ['a']), 'a')).toMatchObject({ ok: false });
  });

  it('knows real calendar dates', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2023-2-1')).toBe(false);
  });

  it('makes a key from a label in any script', () => {
    expect(fieldKeyFromLabel('Visa type (Schengen)')).toBe('visa_type_schengen');
    expect(fieldKeyFromLabel('Размер обуви')).toBe('razmer_obuvi');
    expect(fieldKeyFromLabel('2nd phone')).toBe('f_2nd_phone');
  });
});
