import { describe, expect, it } from 'vitest';
import { mapRow, type ColumnRule, type MapRowOptions } from './columns.js';

// A stand-in for contacts.normalizePhone: Russian numbers only, enough to see what mapRow does with the result.
const normalizePhone: MapRowOptions['normalizePhone'] = (raw) => {
  const digits = raw.replace(/\D/g, '');
  if (digits.length === 11 && /^[78]/.test(digits)) return { e164: `+7${digits.slice(1)}` };
  if (digits.length === 10) return { e164: `+7${digits}` };
  return { error: 'invalid_phone' };
};
const options: MapRowOptions = { normalizePhone, referenceYear: 2025 };

describe('mapRow', () => {
  it('maps a typical Russian export row', () => {
    const rules: ColumnRule[] = [
      { column: 0, field: 'familyName' },
      { column: 1, field: 'givenName' },
      { column: 2, field: 'patronymic' },
      { column: 3, field: 'birthDate' },
      { column: 4, field: 'phone' },
      { column: 5, field: 'email' },
      { column: 6, field: 'cardNumber' },
      { column: 7, field: 'notes' },
      { column: 8, field: 'tags' },
      { column: 9, field: 'gender' },
    ];
    const row = ['Щербаков', 'Алексей', 'Викторович', '31.12.1980', '8 (916) 123-45-67; +7 903 111-22-33', 'Alex@Mail.RU',
      '0001 2345', 'Любит кофе "без сахара"', 'vip, кофе; vip', 'М'];
    expect(mapRow(row, rules, options)).toEqual({
      externalId: null, familyName: 'Щербаков', givenName: 'Алексей', patronymic: 'Викторович',
      familyNameLatin: null, givenNameLatin: null, gender: 'male', genderSource: 'column', birthDate: '1980-12-31',
      phones: ['+79161234567', '+79031112233'], emails: ['Alex@mail.ru'], documentNumber: null, documentExpiry: null,
      citizenship: null, cardNumber: '00012345', city: null, address: null, notes: 'Любит кофе "без сахара"',
      tags: ['vip', 'кофе'], warnings: [], errors: [],
    });
  });

  it('splits a full-name column in the order asked for', () => {
    const russian = mapRow(['Иванова Мария Петровна'], [{ column: 0, field: 'fullName' }], options);
    expect(russian).toMatchObject({ familyName: 'Иванова', givenName: 'Мария', patronymic: 'Петровна' });
    const western = mapRow(['Anna Maria Schmidt'], [{ column: 0, field: 'fullName', nameOrder: 'given-family' }], options);
    expect(western).toMatchObject({ familyName: 'Schmidt', givenName: 'Anna Maria', patronymic: null });
  });

  it('reads passport-style Latin names, the title giving the gender', () => {
    const c = mapRow(['IVANOVA/MARIIA MRS'], [{ column: 0, field: 'fullNameLatin' }], options);
    expect(c).toMatchObject({ familyNameLatin: 'IVANOVA', givenNameLatin: 'MARIIA', familyName: null, gender: 'female', genderSource: 'title' });
  });

  it('transliterates names into the other script when asked', () => {
    const toLatin = mapRow(['Щербаков', 'Алексей'], [
      { column: 0, field: 'familyName', counterpart: 'transliterate' },
      { column: 1, field: 'givenName', counterpart: 'transliterate' },
    ], options);
    expect(toLatin).toMatchObject({ familyNameLatin: 'Shcherbakov', givenNameLatin: 'Aleksei' });

    const toNative = mapRow(['SHCHERBAKOV/IULIIA'], [{ column: 0, field: 'fullNameLatin', counterpart: 'transliterate' }], options);
    expect(toNative).toMatchObject({ familyName: 'Щербаков', givenName: 'Юлия', familyNameLatin: 'SHCHERBAKOV', givenNameLatin: 'IULIIA' });

    const copied = mapRow(['SMITH/JOHN'], [{ column: 0, field: 'fullNameLatin', counterpart: 'copy' }], options);
    expect(copied).toMatchObject({ familyName: 'Smith', givenName: 'John' });
  });

  it('does not overwrite a name the row already has in the other script', () => {
    const c = mapRow(['Щербаков', 'SCHERBAKOFF'], [
      { column: 0, field: 'familyName', counterpart: 'transliterate' },
      { column: 1, field: 'familyNameLatin' },
    ], options);
    expect(c).toMatchObject({ familyName: 'Щербаков', familyNameLatin: 'SCHERBAKOFF' });
  });

  it('rejects names with invalid characters unless told to strip them', () => {
    const rejected = mapRow(['Иванов2', 'Анна'], [{ column: 0, field: 'familyName' }, { column: 1, field: 'givenName' }], options);
    expect(rejected.familyName).toBeNull();
    expect(rejected.errors).toEqual([{ field: 'familyName', reason: 'invalid_characters', value: 'Иванов2' }]);

    const stripped = mapRow(['Иванов2 (ст.)'], [{ column: 0, field: 'familyName', stripInvalid: true }], options);
    expect(stripped.familyName).toBe('Иванов ст');
    expect(stripped.warnings).toEqual([{ field: 'familyName', reason: 'invalid_characters_stripped', value: '2(.)' }]);
  });

  it('fixes Latin look-alike letters in Cyrillic names and capitalises on request', () => {
    const c = mapRow(['ИВAНОВА-ПЕТРОВА'], [{ column: 0, field: 'familyName', capitalize: true }], options);
    expect(c.familyName).toBe('Иванова-Петрова');
    expect(c.warnings).toEqual([{ field: 'familyName', reason: 'lookalike_letters_fixed', value: 'ИВAНОВА-ПЕТРОВА' }]);
  });

  it('refuses Cyrillic in a Latin name field', () => {
    const c = mapRow(['Иванов'], [{ column: 0, field: 'familyNameLatin' }], options);
    expect(c.familyNameLatin).toBeNull();
    expect(c.errors).toEqual([{ field: 'familyNameLatin', reason: 'not_latin', value: 'Иванов' }, { field: 'row', reason: 'no_identity' }]);
  });

  it('derives gender from the names only when asked and sure enough', () => {
    const rules: ColumnRule[] = [{ column: 0, field: 'fullName' }];
    expect(mapRow(['Иванова Мария Петровна'], rules, options).gender).toBeNull();
    expect(mapRow(['Иванова Мария Петровна'], rules, { ...options, deriveGenderMinConfidence: 0.9 })).toMatchObject({ gender: 'female', genderSource: 'names' });
    expect(mapRow(['Иванова'], rules, { ...options, deriveGenderMinConfidence: 0.9 }).gender).toBeNull();
    expect(mapRow(['IVANOVA/MARIIA'], [{ column: 0, field: 'fullNameLatin' }], { ...options, deriveGenderMinConfidence: 0.5 }).gender).toBe('female');
  });

  it('reports bad values per field and keeps the good ones', () => {
    const rules: ColumnRule[] = [
      { column: 0, field: 'familyName' }, { column: 1, field: 'phone' }, { column: 2, field: 'email' },
      { column: 3, field: 'birthDate' }, { column: 4, field: 'gender' }, { column: 5, field: 'documentExpiry' },
    ];
    const c = mapRow(['Петров', '123, 8 916 123 45 67', 'ivan@mail,ru', '31/31/1980', 'x', '13.02.40'], rules, options);
    expect(c.phones).toEqual(['+79161234567']);
    expect(c.documentExpiry).toBe('2040-02-13');
    expect(c.errors).toEqual([
      { field: 'phone', reason: 'invalid_phone', value: '123' },
      { field: 'email', reason: 'invalid_email', value: 'ivan@mail' },
      { field: 'email', reason: 'invalid_email', value: 'ru' },
      { field: 'birthDate', reason: 'not_a_date', value: '31/31/1980' },
      { field: 'gender', reason: 'unknown_gender', value: 'x' },
    ]);
  });

  it('uses the column-wide day/month order', () => {
    const rules: ColumnRule[] = [{ column: 0, field: 'familyName' }, { column: 1, field: 'birthDate' }];
    expect(mapRow(['Петров', '03/04/1980'], rules, options).errors).toEqual([{ field: 'birthDate', reason: 'needs_order', value: '03/04/1980' }]);
    expect(mapRow(['Петров', '03/04/1980'], rules, { ...options, dateOrder: 'mdy' }).birthDate).toBe('1980-03-04');
  });

  it('flags rows without anything that identifies a person', () => {
    const c = mapRow(['', 'VIP'], [{ column: 0, field: 'familyName' }, { column: 1, field: 'tags' }], options);
    expect(c.errors).toEqual([{ field: 'row', reason: 'no_identity' }]);
    expect(mapRow(['ivan@mail.ru'], [{ column: 0, field: 'email' }], options).errors).toEqual([]);
  });

  it('keeps the first value of a single field and warns about a different second one', () => {
    const c = mapRow(['A-1', 'A-2', ' Moscow '], [
      { column: 0, field: 'externalId' }, { column: 1, field: 'externalId' }, { column: 2, field: 'city' }, { column: 9, field: 'address' },
    ], options);
    expect(c).toMatchObject({ externalId: 'A-1', city: 'Moscow', address: null });
    expect(c.warnings).toEqual([{ field: 'externalId', reason: 'conflicting_values', value: 'A-2' }]);
  });

  it('cleans document numbers and joins notes from several columns', () => {
    const c = mapRow(['№ 45 06 123456', 'first', 'second', 'Иванов'], [
      { column: 0, field: 'documentNumber' }, { column: 1, field: 'notes' }, { column: 2, field: 'notes' }, { column: 3, field: 'familyName' },
    ], options);
    expect(c).toMatchObject({ documentNumber: '45 06 123456', notes: 'first\nsecond' });
    const multiline = mapRow(['Иванов', '  Аллергия   на орехи;\r\n\r\n просит звонить после 18:00 '], [{ column: 0, field: 'familyName' }, { column: 1, field: 'notes' }], options);
    expect(multiline.notes).toBe('Аллергия на орехи;\nпросит звонить после 18:00');
  });
});
