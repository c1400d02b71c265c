// Dates whose day/month order the file does not prove must be confirmed by the user; the mapping
// transforms (split names, gender codes and derived gender, transliteration both ways, copying Latin
// names, stripping invalid characters, skipping bad values) as the preview shows them and as they land.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.js';
import { csvBytes as csv, russianImportTenant, suggested, type ImportApi } from './support.js';

let t: TestApp;
let api: ImportApi;

beforeAll(async () => {
  ({ t, api } = await russianImportTenant());
});
afterAll(() => t.close());

const birthDates = async (tag: string) => (await api.customers()).filter((c) => (c.tags as string[]).includes(tag)).map((c) => [c.family_name, c.birth_date]);

describe('the order of day and month', () => {
  it('must be chosen when no date in the column proves it, and then reads every date that way', async () => {
    const session = await api.upload(csv(['Фамилия;Дата рождения', 'Иванов;03/04/1980', 'Петров;05/06/1981', 'Сидоров;1982-07-08']));
    expect(session.columns[1]?.dateOrder).toEqual({ status: 'ambiguous', suggestion: null });
    let mapped = await api.map(session.id, suggested(session, { addTags: ['us'] }));
    expect(mapped.dateOrder).toEqual({ detected: 'ambiguous', suggestion: null, required: true, effective: null });
    expect(mapped.problems).toContainEqual(expect.objectContaining({ code: 'date_order_required', severity: 'blocking', field: 'dateOrder' }));
    expect(mapped.mappedPreview[0]?.errors).toEqual([{ field: 'birthDate', reason: 'needs_order', value: '03/04/1980' }]);
    const refused = await api.call('POST', `/api/imports/${session.id}/start`, undefined, 400);
    expect(refused.json().error).toMatchObject({ code: 'import_not_ready', details: { problems: [{ code: 'date_order_required' }] } });

    mapped = await api.map(session.id, suggested(session, { addTags: ['us'], dateOrder: 'mdy' }));
    expect(mapped.dateOrder).toMatchObject({ required: false, effective: 'mdy' });
    expect(mapped.mappedPreview.map((r) => r.customer.birthDate)).toEqual(['1980-03-04', '1981-05-06', '1982-07-08']);
    await api.run(session.id);
    expect(await birthDates('us')).toEqual([['Иванов', '1980-03-04'], ['Петров', '1981-05-06'], ['Сидоров', '1982-07-08']]);
  });

  it('is proven by one date anywhere in the column, even on the last line of a long file', async () => {
    const lines = ['Фамилия;Дата рождения', ...Array.from({ length: 3000 }, (_, i) => `Длинный${i};0${1 + (i % 9)}.0${1 + (i % 7)}.1970`), 'Последний;25.12.1980'];
    const session = await api.upload(csv(lines));
    expect(session).toMatchObject({ rowsTotal: 3001, dateOrder: { detected: 'dmy', required: false, effective: 'dmy' } });
  });

  it('rejects, line by line, the dates written the other way when the column mixes both', async () => {
    const session = await api.upload(csv(['Фамилия;Дата рождения', 'Орлов;31/12/1980', 'Соколов;12/31/1981', 'Лебедев;10/11/1982']));
    expect(session.dateOrder).toMatchObject({ detected: 'conflict' });
    await api.map(session.id, suggested(session, { dateOrder: 'dmy', addTags: ['mixed'] }));
    const done = await api.run(session.id);
    expect(done.report).toMatchObject({ created: 2, rejected: 1, rejectedBy: { wrong_order: 1 } });
    expect(await birthDates('mixed')).toEqual([['Лебедев', '1982-11-10'], ['Орлов', '1980-12-31']]);
    const issues = (await api.call('GET', `/api/imports/${done.id}/issues`, undefined, 200)).json();
    expect(issues.items).toEqual([expect.objectContaining({ line: 3, problems: [{ field: 'birthDate', reason: 'wrong_order', value: '12/31/1981' }] })]);
  });
});

describe('transforms', () => {
  it('splits, derives gender, transliterates both ways, capitalises, strips invalid characters and skips bad values', async () => {
    const session = await api.upload(csv([
      'Passport name;Sex;ФИО;Телефон',
      'IVANOVA/MARIIA;2;;+7 916 100-00-01',
      'PETROV/IVAN MR;1;;+7 916 100-00-02',
      ';;Сидоров1 Пётр Ильич;+7 916 100-00-03',
      ';;Смирнова Ольга;12345',
    ]));
    const mapping = {
      columns: [
        { column: 0, field: 'fullNameLatin', counterpart: 'transliterate', capitalize: true },
        { column: 1, field: 'gender', genderValues: { 1: 'male', 2: 'female' } },
        { column: 2, field: 'fullName', nameOrder: 'family-given', stripInvalid: true, counterpart: 'transliterate' },
        { column: 3, field: 'phone' },
      ],
      deriveGender: true, invalidValues: 'skip_value', addTags: ['transforms'],
    };
    const mapped = await api.map(session.id, mapping);
    expect(mapped.problems.filter((p) => p.severity === 'blocking')).toEqual([]);
    expect(mapped.mappedPreview.map((r) => r.customer)).toEqual([
      expect.objectContaining({ familyName: 'Иванова', givenNames: 'Мария', familyNameLatin: 'Ivanova', givenNamesLatin: 'Mariia', gender: 'female' }),
      expect.objectContaining({ familyName: 'Петров', givenNames: 'Иван', familyNameLatin: 'Petrov', givenNamesLatin: 'Ivan', gender: 'male' }),
      expect.objectContaining({ familyName: 'Сидоров', givenNames: 'Пётр', patronymic: 'Ильич', familyNameLatin: 'Sidorov', givenNamesLatin: 'Petr', gender: 'male' }),
      expect.objectContaining({ familyName: 'Смирнова', givenNames: 'Ольга', gender: 'female', phones: [] }),
    ]);
    expect(mapped.mappedPreview[2]?.warnings).toEqual([{ field: 'familyName', reason: 'invalid_characters_stripped', value: '1' }]);
    expect(mapped.mappedPreview[3]?.errors).toEqual([{ field: 'phone', reason: 'too_short', value: '12345' }]);

    const done = await api.run(session.id);
    expect(done.report).toMatchObject({ created: 4, rejected: 0, warnings: 2, warningsBy: { invalid_characters_stripped: 1, too_short_skipped: 1 } });
    const customers = (await api.customers()).filter((c) => (c.tags as string[]).includes('transforms'));
    expect(customers.map((c) => [c.family_name, c.given_names, c.family_name_latin, c.given_names_latin, c.gender, c.contacts])).toEqual([
      ['Иванова', 'Мария', 'Ivanova', 'Mariia', 'female', ['+79161000001']],
      ['Петров', 'Иван', 'Petrov', 'Ivan', 'male', ['+79161000002']],
      ['Сидоров', 'Пётр', 'Sidorov', 'Petr', 'male', ['+79161000003']],
      ['Смирнова', 'Ольга', 'Smirnova', 'Olga', 'female', null],
    ]);
    const warnings = await api.reportCsv(done.id, 'warning');
    expect(warnings.split('\r\n').slice(0, 3)).toEqual([
      // In the file's own delimiter, so the file can be fixed and imported again.
      '\uFEFFline;warning;Passport name;Sex;ФИО;Телефон',
      '4;familyName: invalid characters stripped (1);;;Сидоров1 Пётр Ильич;\'+7 916 100-00-03',
      '5;phone: too short skipped (12345);;;Смирнова Ольга;12345',
    ]);
  });

  it('copies Latin names into native ones for people whose own script is Latin, and rejects invalid names unless stripped', async () => {
    const session = await api.upload(csv(['Surname;Given name', 'Müller;Jürgen', 'O\'Brien;Seán', 'Sm1th;John']));
    const columns = session.suggestedMapping.columns.map((c) => ({ ...c, field: c.field === 'familyName' ? 'familyNameLatin' : 'givenNameLatin', counterpart: 'copy' }));
    await api.map(session.id, suggested(session, { columns, addTags: ['copy'] }));
    const done = await api.run(session.id);
    expect(done.report).toMatchObject({ created: 2, rejected: 1, rejectedBy: { invalid_characters: 1 } });
    const customers = (await api.customers()).filter((c) => (c.tags as string[]).includes('copy'));
    expect(customers.map((c) => [c.family_name, c.given_names, c.family_name_latin, c.given_names_latin])).toEqual([
      ['Müller', 'Jürgen', 'Müller', 'Jürgen'], ["O'Brien", 'Seán', "O'Brien", 'Seán'],
    ]);
  });
});
