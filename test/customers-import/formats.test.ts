// Each format end to end through the HTTP API: upload (or paste), what the server read, the mapping,
// the job, the customers that come out, and a search that finds them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tenant, TestApp } from '../support/app.js';
import { fixture, russianImportTenant, suggested, type ImportApi } from './support.js';

let t: TestApp;
let tenant: Tenant;
let api: ImportApi;

beforeAll(async () => {
  ({ t, tenant, api } = await russianImportTenant({ now: '2026-03-15T10:00:00Z', name: 'Salon' }));
});
afterAll(() => t.close());

describe('the Windows-1251 semicolon CSV that Russian Excel writes', () => {
  it('is read with its encoding and delimiter, mapped by its Russian headers, and imported', async () => {
    const session = await api.upload(fixture('customers-win1251.csv'), { fileName: 'клиенты.csv' });
    expect(session).toMatchObject({
      kind: 'customers', format: 'csv', encoding: 'windows-1251', encodingDetectedBy: 'score', delimiter: ';', hasHeader: true, rowsTotal: 4,
      header: ['Фамилия', 'Имя', 'Отчество', 'Дата рождения', 'Телефон', 'E-mail', 'Номер карты', 'Примечание'], status: 'uploaded',
      dateOrder: { detected: 'dmy', required: false, effective: 'dmy' },
    });
    expect(session.columns.map((c) => c.guess?.field)).toEqual(['familyName', 'givenName', 'patronymic', 'birthDate', 'phone', 'email', 'cardNumber', 'notes']);
    expect(session.preview.map((r) => r.line)).toEqual([2, 3, 6, 7]);
    expect(session.problems.map((p) => [p.code, p.severity])).toEqual([['mapping_required', 'blocking']]);
    // The preview shows the suggestion at work before anything is confirmed.
    expect(session.mappedPreview[0]?.customer).toMatchObject({ familyName: 'Щербаков', birthDate: '1980-12-31', phones: ['+79161234567'] });

    const columns = session.suggestedMapping.columns.map((c) => (c.field === 'familyName' || c.field === 'givenName' ? { ...c, counterpart: 'transliterate' } : c));
    const mapped = await api.map(session.id, suggested(session, { columns }));
    expect(mapped.problems.map((p) => [p.code, p.severity])).toEqual([['field_not_stored', 'warning'], ['no_external_id', 'warning']]);

    const done = await api.run(session.id);
    expect(done).toMatchObject({ status: 'done', phase: null, error: null, progress: { rowsRead: 4, rowsSaved: 4, rowsTotal: 4, percent: 100 } });
    expect(done.report).toMatchObject({ kind: 'customers', rows: 4, created: 4, updated: 0, skipped: 0, rejected: 0 });
    const customers = await api.customers();
    expect(customers.map((c) => [c.family_name, c.given_names, c.patronymic, c.family_name_latin, c.given_names_latin, c.birth_date, c.source])).toEqual([
      ['Ёлкина-Фёдорова', 'Наталья', null, 'Elkina-Fedorova', 'Natalia', '1988-02-29', 'import'],
      ['Иванова', 'Юлия', 'Сергеевна', 'Ivanova', 'Iuliia', '1992-03-05', 'import'],
      ['Объедков', 'Пётр', 'Ильич', 'Obieedkov', 'Petr', '1975-11-17', 'import'],
      ['Щербаков', 'Алексей', 'Викторович', 'Shcherbakov', 'Aleksei', '1980-12-31', 'import'],
    ]);
    expect(customers[1]?.notes).toBe('Аллергия на орехи;\nпросит звонить после 18:00');
    expect(customers[3]?.contacts).toEqual(['a.shcherbakov@mail.ru', '+79161234567']);
    expect(customers[3]?.display_name).toBe('Щербаков Алексей Викторович');
    // The profile timeline records the import as the origin of the customer.
    const { rows } = await t.db.pool.query(`SELECT action, changes FROM customer_profile_changes WHERE customer_id = $1`, [customers[3]?.id]);
    expect(rows).toEqual([{ action: 'created', changes: { import: { from: null, to: { session: session.id, line: 2 } } } }]);
  });
});

describe('a UTF-8 CSV with a byte-order mark', () => {
  it('splits "Given Family" and "SURNAME/GIVEN MRS" names, reads gender words of several languages, capitalises capitals', async () => {
    const session = await api.upload(fixture('customers-utf8-bom.csv'));
    expect(session).toMatchObject({ encoding: 'utf-8', encodingDetectedBy: 'bom', delimiter: ',', rowsTotal: 4, dateOrder: { detected: 'not-needed', required: false } });
    expect(session.columns.map((c) => c.guess?.field)).toEqual(['fullName', 'phone', 'email', 'birthDate', 'gender', 'tags']);
    const columns = session.suggestedMapping.columns.map((c) => (c.field === 'fullName' ? { ...c, nameOrder: 'given-family', capitalize: true } : c));
    await api.map(session.id, suggested(session, { columns, addTags: ['imported-2026'] }));
    const done = await api.run(session.id);
    expect(done.report).toMatchObject({ created: 4, rejected: 0 });
    const customers = (await api.customers()).filter((c) => (c.tags as string[]).includes('imported-2026'));
    expect(customers.map((c) => [c.family_name, c.given_names, c.gender, c.tags, c.contacts]).sort()).toEqual([
      ['García', 'José', 'male', ['es', 'imported-2026'], ['+34612345678']],
      ['Ivanova', 'Mariia', 'female', ['imported-2026'], ['mariia@example.ru', '+79167654321']],
      ['Müller', 'Jürgen', 'male', ['vip', 'de', 'imported-2026'], ['j.mueller@example.de', '+49301234567']],
      ['أحمد', 'محمد', 'male', ['imported-2026'], ['m.ahmed@example.ae', '+971501234567']],
    ]);
  });
});

describe('an XLSX workbook', () => {
  it('reads dates stored as dates, phones stored as numbers and zero-padded codes, from the sheet asked for', async () => {
    const bytes = fixture('customers.xlsx');
    const session = await api.upload(bytes, { fileName: 'base.xlsx' }, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(session).toMatchObject({ format: 'xlsx', encoding: null, sheet: 'Клиенты', sheets: ['Клиенты', 'Архив'], rowsTotal: 2 });
    expect(session.preview).toEqual([
      { line: 2, cells: ['Щербаков', 'Алексей', '1980-12-31', '79161234567', '00012345', 'a.shcherbakov@mail.ru', '0.3', 'Щербаков Алексей'] },
      { line: 4, cells: ['Иванова', 'Юлия', '05.03.1992', '8 (903) 111-22-33', '00012346', '', '0.15'] },
    ]);
    const columns = session.suggestedMapping.columns.filter((c) => c.field !== 'fullName');
    await api.map(session.id, suggested(session, { columns, dateOrder: 'dmy', addTags: ['xlsx'] }));
    const done = await api.run(session.id);
    // The same two people came in with the Windows-1251 file: found by phone, they gain the tag.
    expect(done.report).toMatchObject({ created: 0, updated: 2, rejected: 0, matchedBy: { phone: 2 } });
    const customers = (await api.customers()).filter((c) => (c.tags as string[]).includes('xlsx'));
    expect(customers.map((c) => [c.family_name, c.birth_date, c.contacts])).toEqual([
      ['Иванова', '1992-03-05', ['+79031112233']],
      ['Щербаков', '1980-12-31', ['a.shcherbakov@mail.ru', '+79161234567']],
    ]);

    const archive = await api.call('PUT', `/api/imports/${session.id}/source`, { sheet: 'Архив' }, 409);
    expect(archive.json().error.code).toBe('import_not_editable');
    const again = await api.upload(bytes, { sheet: 'Архив' });
    expect(again).toMatchObject({ sheet: 'Архив', rowsTotal: 1, preview: [{ line: 2, cells: ['Объедков', 'Пётр', '+7 926 555-44-33'] }] });
    const missing = await t.app.inject({ method: 'POST', url: '/api/imports?sheet=Nope', headers: { cookie: tenant.cookie, 'content-type': 'application/octet-stream' }, payload: bytes });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error).toMatchObject({ code: 'sheet_not_found', details: { field: 'sheet' } });
  });
});

describe('a table pasted from a spreadsheet', () => {
  it('maps columns in an unusual order by their headers, and the customers are found by a Latin spelling', async () => {
    const session = await api.paste(fixture('pasted-table.tsv').toString('utf8'));
    expect(session).toMatchObject({ origin: 'paste', delimiter: '\t', hasHeader: true, rowsTotal: 3 });
    expect(session.suggestedMapping.columns.map((c) => c.field)).toEqual(['phone', 'birthDate', 'email', 'givenName', 'familyName', 'notes']);
    // 31.12.1980 proves day-first, so nothing has to be confirmed.
    expect(session.dateOrder).toMatchObject({ detected: 'dmy', required: false });
    await api.map(session.id, suggested(session, { deriveGender: true, addTags: ['pasted'] }));
    const done = await api.run(session.id);
    expect(done.report).toMatchObject({ created: 3, rejected: 0 });
    const customers = (await api.customers()).filter((c) => (c.tags as string[]).includes('pasted'));
    expect(customers.map((c) => [c.family_name, c.given_names, c.gender, c.birth_date]).sort()).toEqual([
      ['Григорьев', 'Семён', 'male', '1979-07-15'], ['Петров', 'Иван', 'male', '1980-12-31'], ['Щукина', 'Юлия', 'female', '1985-02-01'],
    ]);
    const found = await api.call('GET', '/api/customers/search?q=Shchukina', undefined, 200);
    expect(found.json().items.map((i: { displayName: string }) => i.displayName)).toEqual(['Щукина Юлия']);
  });

  it('is refused when empty, and says which setting is wrong', async () => {
    const empty = await api.call('POST', '/api/imports/paste', { text: '\n\n' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.code).toBe('file_empty');
    const encoding = await t.app.inject({ method: 'POST', url: '/api/imports?encoding=klingon', headers: { cookie: tenant.cookie, 'content-type': 'text/csv' }, payload: 'a;b\n1;2\n' });
    expect(encoding.json().error).toMatchObject({ code: 'validation_failed', details: { issues: [{ path: 'encoding' }] } });
  });
});
