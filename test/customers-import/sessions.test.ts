// Import sessions as objects of the API: who may use them, reading a file again with other settings,
// listing and forgetting them, another organization seeing none of them, and the OpenAPI document the
// web app's client is generated from.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant, loginCookie, type Tenant, type TestApp } from '../support/app.js';
import { fixture, russianImportTenant, suggested, type ImportApi } from './support.js';

let t: TestApp;
let b: Tenant;
let api: ImportApi;

beforeAll(async () => {
  ({ t, api } = await russianImportTenant({ country: false }));
  b = await createTenant(t);
});
afterAll(() => t.close());

describe('import sessions', () => {
  it('reads the stored file again with a forced encoding, delimiter or header, keeping the upload', async () => {
    const session = await api.upload(fixture('customers-win1251.csv'));
    const koi = (await api.call('PUT', `/api/imports/${session.id}/source`, { encoding: 'koi8-r' }, 200)).json();
    expect(koi).toMatchObject({ encoding: 'koi8-r', encodingDetectedBy: 'forced', rowsTotal: 4 });
    expect(koi.header[0]).not.toBe('Фамилия');
    const back = (await api.call('PUT', `/api/imports/${session.id}/source`, { encoding: 'windows-1251', header: false }, 200)).json();
    expect(back).toMatchObject({ encoding: 'windows-1251', hasHeader: false, header: null, rowsTotal: 5 });
    expect(back.preview[0]).toEqual({ line: 1, cells: ['Фамилия', 'Имя', 'Отчество', 'Дата рождения', 'Телефон', 'E-mail', 'Номер карты', 'Примечание'] });
    const comma = (await api.call('PUT', `/api/imports/${session.id}/source`, { delimiter: ',', header: true }, 200)).json();
    expect(comma).toMatchObject({ delimiter: ',', hasHeader: true });
    expect(comma.columns.length).toBe(1); // no comma anywhere: each row is one cell
    const bad = await api.call('PUT', `/api/imports/${session.id}/source`, { delimiter: '"' }, 400);
    expect(bad.json().error).toMatchObject({ code: 'validation_failed', details: { issues: [{ path: 'delimiter' }] } });
  });

  it('points out rows that suggest the file was read wrongly: extra cells, a quote never closed', async () => {
    const extra = await api.upload(Buffer.from('Фамилия;Имя;Примечание\r\nИванов;Иван;звонить; после 18\r\nПетров;Пётр;\r\n', 'utf8'));
    expect(extra.fileProblems).toEqual([expect.objectContaining({ code: 'extra_cells', count: 1, lines: [2] })]);
    const rows = Array.from({ length: 200 }, (_, i) => `Фамилия${i};Имя${i};примечание номер ${i}`).join('\r\n');
    const unclosed = await api.upload(Buffer.from(`Фамилия;Имя;Примечание\r\nИванов;Иван;"звонить после 18\r\n${rows}\r\n`, 'utf8'));
    expect(unclosed).toMatchObject({ rowsTotal: 1, fileProblems: [expect.objectContaining({ code: 'unclosed_quote', lines: [2] })] });
  });

  it('refuses a mapping that names no field or a column the file does not have, naming the field', async () => {
    const session = await api.upload(fixture('customers-utf8-bom.csv'));
    const unknown = await api.call('PUT', `/api/imports/${session.id}/mapping`, { kind: 'customers', columns: [{ column: 0, field: 'surname' }] }, 400);
    expect(unknown.json().error).toMatchObject({ code: 'validation_failed', details: { issues: [{ path: 'columns.0.field' }] } });
    const far = await api.map(session.id, { columns: [{ column: 42, field: 'phone' }] });
    expect(far.problems).toContainEqual(expect.objectContaining({ code: 'column_out_of_range', severity: 'blocking', column: 42 }));
    const none = await api.map(session.id, { columns: [{ column: 3, field: 'birthDate' }] });
    expect(none.problems).toContainEqual(expect.objectContaining({ code: 'no_identity_column', severity: 'blocking' }));
  });

  it('is for owners and managers, lists newest first, and is forgotten on request', async () => {
    const cashier = await api.call('POST', '/api/staff', { email: 'cashier@a.example', name: 'Cashier', role: 'cashier', password: 'a cashier password' }, 201);
    expect(cashier.statusCode).toBe(201);
    const cookie = await loginCookie(t, 'cashier@a.example', 'a cashier password');
    const refused = await t.app.inject({ method: 'POST', url: '/api/imports', headers: { cookie, 'content-type': 'text/csv' }, payload: 'Фамилия\nИванов\n' });
    expect(refused.statusCode).toBe(403);
    const session = await api.paste('Фамилия\tТелефон\nИванов\t+7 916 500-00-01\n');
    const list = (await api.call('GET', '/api/imports?limit=2', undefined, 200)).json();
    expect(list.items[0]).toMatchObject({ id: session.id, origin: 'paste', status: 'uploaded', rowsTotal: 1 });
    expect(list.next).toBe(list.items[1].id);
    await api.call('DELETE', `/api/imports/${session.id}`, undefined, 204);
    await api.call('GET', `/api/imports/${session.id}`, undefined, 404);
    const { rows } = await t.db.pool.query('SELECT count(*)::int AS n FROM import_file_chunks WHERE session_id = $1', [session.id]);
    expect(rows[0].n).toBe(0);
  });

  it('shows another organization nothing: not in its list, 404 on every route, its report unreadable', async () => {
    const session = await api.upload(fixture('customers-win1251.csv'));
    await api.map(session.id, suggested(session));
    const done = await api.run(session.id);
    expect(done.status).toBe('done');
    const asB = { cookie: b.cookie };
    const list = await t.app.inject({ method: 'GET', url: '/api/imports', headers: asB });
    expect(list.json().items).toEqual([]);
    for (const [method, url] of [['GET', ''], ['GET', '/issues'], ['GET', '/report.csv'], ['PUT', '/mapping'], ['PUT', '/source'], ['POST', '/start'], ['DELETE', '']] as const) {
      const res = await t.app.inject({ method, url: `/api/imports/${session.id}${url}`, headers: asB, ...(method === 'PUT' ? { payload: {} } : {}) });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.json().error.code).toBe('import_not_found');
    }
    expect((await api.get(session.id)).status).toBe('done');
  });

  it('is described in the OpenAPI document for the web app: raw file upload, the mapping union, the session', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const upload = doc.paths['/api/imports'].post;
    expect(Object.keys(upload.requestBody.content)).toContain('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(upload.requestBody.content['application/octet-stream'].schema).toMatchObject({ type: 'string', format: 'binary' });
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['ImportSession', 'ImportMapping', 'CustomerImportMapping', 'PurchaseImportMapping', 'CustomerImportReport', 'ImportRowIssue']));
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/imports/{id}', '/api/imports/{id}/mapping', '/api/imports/{id}/start', '/api/imports/{id}/report.csv', '/api/imports/paste']));
  });
});
