// Matching existing customers instead of duplicating them, each rule and each refusal; rejected rows with
// their exact lines and reasons in the report CSV; and the same file imported twice changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.js';
import { russianImportTenant, suggested, type ImportApi } from './support.js';

let t: TestApp;
let api: ImportApi;
const id: Record<string, string> = {};

async function customer(key: string, body: Record<string, unknown>) {
  id[key] = (await api.call('POST', '/api/customers', body, 201)).json().id;
}

beforeAll(async () => {
  ({ t, api } = await russianImportTenant());
  await customer('anna', { familyName: 'Иванова', givenNames: 'Анна', birthDate: '1985-04-12', phones: ['+7 916 000-00-01'] });
  await customer('sergey', { familyName: 'Петров', givenNames: 'Сергей', emails: ['Sergey.Petrov@example.com'] });
  await customer('maria', { familyName: 'Сидорова', givenNames: 'Мария', birthDate: '1990-01-30' });
  await customer('dmitry', { familyName: 'Козлов', givenNames: 'Дмитрий', externalId: 'K-4', phones: ['+7 916 000-00-04'] });
  await customer('oleg', { familyName: 'Смирнов', givenNames: 'Олег', phones: ['+7 916 000-00-06'] });
  await customer('olga', { familyName: 'Смирнова', givenNames: 'Ольга', phones: ['+7 916 000-00-06'] });
  await customer('andrey', { familyName: 'Волков', givenNames: 'Андрей', birthDate: '1970-01-01', phones: ['+7 916 000-00-07'] });
  await customer('pavel', { familyName: 'Орлов', givenNames: 'Павел', externalId: 'O-1' });
  await customer('pavel2', { familyName: 'Орлов', givenNames: 'Павел', externalId: 'O-2' });
  await api.call('POST', `/api/customers/${id.pavel}/merge`, { loserId: id.pavel2 }, 201);
  await customer('ivan1', { familyName: 'Морозов', givenNames: 'Иван', phones: ['+7 916 000-00-09'] });
  await customer('ivan2', { familyName: 'Морозов', givenNames: 'Иван', phones: ['+7 916 000-00-09'] });
  await customer('nina', { familyName: 'Белова', givenNames: 'Нина', birthDate: '1975-05-05' });
  await customer('vera', { familyName: 'Зайцева', givenNames: 'Вера', birthDate: '1988-08-08', externalId: 'X-9' });
});
afterAll(() => t.close());

const FILE = [
  'Код;Фамилия;Имя;Дата рождения;Телефон;E-mail',
  ';Иванова;Анна;;8 (916) 000-00-01;anna@example.com', // 2: phone → Anna, gains an e-mail
  ';Петров;Sergey;;;SERGEY.PETROV@example.com', // 3: e-mail in another case → Sergey (Sergey = Сергей)
  ';Sidorova;Mariya;30.01.1990;;', // 4: Latin name + birth date → Мария Сидорова
  'K-4;Козлов;Дмитрий;;;', // 5: external id
  ';Смирнов;Олег;;+7 916 000-00-06;', // 6: a family phone; the given name picks Oleg, not Olga
  ';Смирнов;Игорь;;+7 916 000-00-06;', // 7: the same phone, a third person: new
  ';Волков;Андрей;02.02.1971;+7 916 000-00-07;', // 8: Andrey's phone, another birth date: new (his son?)
  'O-2;Орлов;Павел;;;', // 9: the external id of a merged-away profile → the survivor
  ';Иванова;Анна;;+7 916 000 00 01;', // 10: repeats line 2
  ';;;;;', // 11: empty, not a row
  ';Никто;;;;bad@', // 12: invalid e-mail
  ';Кузнецов;Иван;31.02.1980;;', // 13: no such date
  ';;;;;noname@example.com', // 14: nobody, and no name to create someone
  ';Морозов;Иван;;+7 916 000-00-09;', // 15: two Ivan Morozovs share the phone: ambiguous
  ';Козлов;;;+7 916 000-00-04;', // 16: Dmitry again, by phone, after line 5 found him by external id
  'N-1;Belova;Nina;05.05.1975;;', // 17: an external id the base does not know; name + birth date → Нина, who gets the id
  'N-2;Зайцева;Вера;08.08.1988;;', // 18: name + birth date of Вера, but she has another external id: someone else, new
].join('\r\n') + '\r\n';

async function importFile() {
  const session = await api.upload(Buffer.from(FILE, 'utf8'), { fileName: 'base.csv' });
  await api.map(session.id, suggested(session));
  return api.run(session.id);
}

describe('matching existing customers', () => {
  it('finds them by external id, phone, e-mail, or name and birth date, and refuses what is not the same person', async () => {
    const before = await api.customers();
    const done = await importFile();
    expect(done.report).toEqual({
      kind: 'customers', rows: 16, created: 3, updated: 2, skipped: 5, rejected: 6,
      matchedBy: { externalId: 2, phone: 2, email: 1, nameBirthDate: 2 },
      rejectedBy: { duplicate_in_file: 1, invalid_email: 1, not_a_date: 1, no_name: 1, ambiguous_match: 1, same_customer: 1 },
      warnings: 0, warningsBy: {}, seconds: expect.any(Number), timings: expect.any(Object),
    });
    const after = await api.customers();
    expect(after.length).toBe(before.length + 3);
    const anna = after.find((c) => c.id === id.anna);
    expect(anna?.contacts).toEqual(['anna@example.com', '+79160000001']);
    const created = after.filter((c) => !before.some((b) => b.id === c.id));
    expect(created.map((c) => [c.family_name, c.given_names, c.birth_date, c.contacts]).sort()).toEqual([
      ['Волков', 'Андрей', '1971-02-02', ['+79160000007']],
      ['Зайцева', 'Вера', '1988-08-08', null],
      ['Смирнов', 'Игорь', null, ['+79160000006']],
    ]);
    expect(after.find((c) => c.id === id.nina)).toMatchObject({ family_name: 'Белова', external_id: 'N-1' });
    expect(after.find((c) => c.id === id.vera)).toMatchObject({ external_id: 'X-9' });
    // Fill-empty (the default): "Sergey" does not replace "Сергей".
    expect(after.find((c) => c.id === id.sergey)).toMatchObject({ family_name: 'Петров', given_names: 'Сергей' });
    const { rows: changes } = await t.db.pool.query(`SELECT changes FROM customer_profile_changes WHERE customer_id = $1 AND action = 'updated'`, [id.anna]);
    expect(changes).toEqual([{ changes: { emailsAdded: { from: null, to: ['anna@example.com'] }, import: { from: null, to: { session: done.id, line: 2 } } } }]);
  });

  it('lists every rejected row with its line and reason, as JSON and as a CSV to fix and import again', async () => {
    const done = (await api.call('GET', '/api/imports', undefined, 200)).json().items[0];
    const issues = (await api.call('GET', `/api/imports/${done.id}/issues`, undefined, 200)).json();
    expect(issues.items.map((i: { line: number; problems: unknown[] }) => [i.line, i.problems])).toEqual([
      [10, [{ field: 'phone', reason: 'duplicate_in_file', value: 'line 2: +79160000001' }]],
      [12, [{ field: 'email', reason: 'invalid_email', value: 'bad@' }]],
      [13, [{ field: 'birthDate', reason: 'not_a_date', value: '31.02.1980' }]],
      [14, [{ field: 'row', reason: 'no_name' }]],
      [15, [{ field: 'row', reason: 'ambiguous_match', value: 'phone' }]],
      [16, [{ field: 'row', reason: 'same_customer', value: 'line 5' }]],
    ]);
    const csv = await api.reportCsv(done.id);
    expect(csv.split('\r\n')).toEqual([
      '\uFEFFline;reason;Код;Фамилия;Имя;Дата рождения;Телефон;E-mail',
      '10;phone: repeats an earlier row of the file (line 2: +79160000001);;Иванова;Анна;;+7 916 000 00 01;',
      '12;email: is not an e-mail address (bad@);;Никто;;;;bad@',
      '13;birthDate: is not a date (31.02.1980);;Кузнецов;Иван;31.02.1980;;',
      '14;has no name, and no existing customer matches it;;;;;;noname@example.com',
      // Quoted where the reason holds the delimiter; a leading "+" gets Excel's text marker (no formula runs).
      '15;"matches several existing customers; merge the duplicates first (phone)";;Морозов;Иван;;\'+7 916 000-00-09;',
      '16;matches the same existing customer as an earlier row (line 5);;Козлов;;;\'+7 916 000-00-04;',
      '',
    ]);
  });

  it('imports the same file again as "skipped", creating no one twice — even without external ids', async () => {
    const before = await api.customers();
    const again = await importFile();
    expect(again.report).toMatchObject({ created: 0, updated: 0, skipped: 10, rejected: 6 });
    expect((await api.customers()).length).toBe(before.length);
  });

  it('lets the file overwrite names when asked, and records what changed', async () => {
    const session = await api.upload(Buffer.from('Код;Фамилия;Имя;Пол\r\nK-4;Козлов-Белый;Дмитрий;М\r\n', 'utf8'));
    await api.map(session.id, suggested(session, { updateMode: 'overwrite' }));
    const done = await api.run(session.id);
    expect(done.report).toMatchObject({ updated: 1, matchedBy: { externalId: 1 } });
    const dmitry = (await api.customers()).find((c) => c.id === id.dmitry);
    expect(dmitry).toMatchObject({ family_name: 'Козлов-Белый', gender: 'male', display_name: 'Козлов-Белый Дмитрий' });
    expect(dmitry?.search_keys).toContain('kozlov-belyi'.replace('-', ' '));
    const { rows } = await t.db.pool.query(`SELECT changes FROM customer_profile_changes WHERE customer_id = $1 AND action = 'updated' ORDER BY at DESC, id DESC LIMIT 1`, [id.dmitry]);
    expect(rows[0].changes).toMatchObject({ familyName: { from: 'Козлов', to: 'Козлов-Белый' }, gender: { from: null, to: 'male' } });
  });
});
