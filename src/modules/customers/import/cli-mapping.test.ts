import { describe, expect, it } from 'vitest';
import { columnIndex, mappingFromFlags, MappingFlagError } from './cli-mapping.js';
import type { ImportMapping } from './kinds.js';

const columns = [{ index: 0, header: 'ФИО' }, { index: 1, header: 'Телефон' }, { index: 2, header: 'Пол' }, { index: 3, header: 'Фамилия (лат.)' }];
const suggested: ImportMapping = {
  kind: 'customers', columns: [{ column: 0, field: 'fullName', nameOrder: 'family-given' }, { column: 1, field: 'phone' }, { column: 2, field: 'gender' }],
  dateOrder: null, deriveGender: false, invalidValues: 'reject_row', phoneCountry: null, addTags: [], updateMode: 'fill_empty',
};

describe('mappingFromFlags', () => {
  it('names columns by header (any case) or 1-based number', () => {
    expect(columnIndex(columns, 'телефон', '--map')).toBe(1);
    expect(columnIndex(columns, '4', '--map')).toBe(3);
    expect(() => columnIndex(columns, 'Отчество', '--map')).toThrow('--map: the file has no column "Отчество" (columns: "ФИО", "Телефон", "Пол", "Фамилия (лат.)"; or give a number from 1 to 4)');
    expect(() => columnIndex(columns, '5', '--map')).toThrow(MappingFlagError);
  });

  it('starts from the suggestion and applies every flag', () => {
    const mapping = mappingFromFlags('customers', columns, suggested, {
      map: 'Фамилия (лат.)=familyNameLatin,Пол=-', splitName: ['ФИО:given-family'], transliterate: ['1', 'Фамилия (лат.):copy'],
      capitalize: ['4'], stripInvalid: ['ФИО'], dateOrder: 'dmy', deriveGender: true, skipInvalid: true, overwrite: true, tag: ['a', 'b'], phoneCountry: 'DE',
    });
    expect(mapping).toEqual({
      kind: 'customers',
      columns: [
        { column: 0, field: 'fullName', nameOrder: 'given-family', counterpart: 'transliterate', stripInvalid: true },
        { column: 1, field: 'phone' },
        { column: 3, field: 'familyNameLatin', counterpart: 'copy', capitalize: true },
      ],
      dateOrder: 'dmy', deriveGender: true, invalidValues: 'skip_value', phoneCountry: 'DE', addTags: ['a', 'b'], updateMode: 'overwrite',
    });
  });

  it('moves a single field to the column --map names, and maps only --map without guessing', () => {
    const moved = mappingFromFlags('customers', columns, suggested, { map: '4=fullName' });
    expect(moved.columns.map((c) => [c.column, c.field])).toEqual([[1, 'phone'], [2, 'gender'], [3, 'fullName']]);
    const only = mappingFromFlags('customers', columns, suggested, { map: 'Телефон=phone', guess: false });
    expect(only.columns).toEqual([{ column: 1, field: 'phone' }]);
  });

  it('reads gender codes and refuses what cannot be', () => {
    expect(mappingFromFlags('customers', columns, suggested, { genderValues: ['Пол:1=male,2=female'] }).columns[2]).toEqual({ column: 2, field: 'gender', genderValues: { 1: 'male', 2: 'female' } });
    expect(() => mappingFromFlags('customers', columns, suggested, { map: 'ФИО=surname' })).toThrow('--map: "surname" is not a field');
    expect(() => mappingFromFlags('customers', columns, suggested, { map: 'ФИО' })).toThrow('--map: "ФИО" is not COLUMN=FIELD');
    expect(() => mappingFromFlags('customers', columns, suggested, { splitName: ['ФИО:first-last'] })).toThrow('--split-name: the order is family-given or given-family');
    expect(() => mappingFromFlags('customers', columns, suggested, { capitalize: ['Фамилия (лат.)'] })).toThrow('--capitalize: column "Фамилия (лат.)" is not mapped to a field');
    expect(() => mappingFromFlags('customers', columns, suggested, { genderValues: ['ФИО:1=male'] })).toThrow('is mapped to fullName, not gender');
  });
});
