// Export of a filtered list or a search answer to CSV (UTF-8 with BOM, so Excel reads Cyrillic) and
// XLSX, read back and compared with what the API lists.
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant, createTestApp, type Tenant, type TestApp } from '../support/app.js';
import { addStaff, client, qs } from './support.js';

let t: TestApp;
let a: Tenant;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  t = await createTestApp();
  a = await createTenant(t, { name: 'Nord Wear' });
  api = client(t, a.cookie);
  await api.ok('PATCH', '/api/organization', { country: 'EE' });
  const people = [
    { familyName: 'Иванова', givenNames: 'Анна', patronymic: 'Сергеевна', birthDate: '1985-04-12', phones: ['+372 5123 4567'], tags: ['vip'] },
    { familyName: 'Tamm', givenNames: 'Kristiina', emails: ['kristiina@example.ee'], tags: ['vip'], notes: 'x' },
    { familyName: 'حداد', givenNames: 'ليلى', familyNameLatin: 'Haddad', givenNamesLatin: 'Layla', tags: ['vip', 'online'] },
    { familyName: '=HYPERLINK("http://evil")', givenNames: 'Mallory', tags: ['vip'] },
    { familyName: 'O\'Brien, "Jr"', givenNames: 'Sean', tags: [] },
  ];
  for (const p of people) {
    const c = await api.ok('POST', '/api/customers', p);
    if (p.familyName === 'Tamm') await api.ok('POST', `/api/customers/${c.id}/consents`, { channels: ['email', 'sms'], granted: true, source: 'web' });
    t.db.clock.advance(1000);
  }
});
afterAll(() => t.close());

async function download(params: Record<string, string | number | undefined>) {
  const res = await t.app.inject({ method: 'GET', url: `/api/customers/export?${qs(params)}`, headers: { cookie: a.cookie } });
  expect(res.statusCode, res.body).toBe(200);
  return res;
}

describe('export', () => {
  it('writes CSV with a BOM that reads back to the same customers as the list', async () => {
    const res = await download({ format: 'csv', tag: 'vip' });
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="customers-2026-03-15.csv"');
    const bytes = res.rawPayload;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const parsed = Papa.parse<Record<string, string>>(bytes.toString('utf8').slice(1), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const listed = (await api.ok('GET', '/api/customers?tag=vip')).items;
    expect(parsed.data.map((r) => r.ID)).toEqual(listed.map((c: { id: string }) => c.id));
    const anna = parsed.data.find((r) => r['Family name'] === 'Иванова')!;
    expect(anna).toMatchObject({ Name: 'Иванова Анна Сергеевна', Patronymic: 'Сергеевна', 'Birth date': '1985-04-12', Phones: '+37251234567', Tags: 'vip' });
    expect(parsed.data.find((r) => r['Family name'] === 'Tamm')).toMatchObject({ 'E-mails': 'kristiina@example.ee', 'Consent to': 'email; sms' });
    expect(parsed.data.find((r) => r['Given names'] === 'Mallory')!['Family name']).toBe('\'=HYPERLINK("http://evil")');
    expect(parsed.data.find((r) => r['Family name'] === 'حداد')).toMatchObject({ 'Family name (Latin)': 'Haddad', Tags: 'vip; online' });
  });

  it('writes semicolon CSV for Excel in European locales, quoting what needs it', async () => {
    const res = await download({ format: 'csv', delimiter: 'semicolon' });
    const parsed = Papa.parse<Record<string, string>>(res.rawPayload.toString('utf8').slice(1), { header: true, skipEmptyLines: true, delimiter: ';' });
    expect(parsed.data).toHaveLength(5);
    expect(parsed.data.find((r) => r['Given names'] === 'Sean')!['Family name']).toBe('O\'Brien, "Jr"');
  });

  it('writes XLSX that reads back cell for cell', async () => {
    const res = await download({ format: 'xlsx' });
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Customers')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const rows = [];
    for (let i = 2; i <= sheet.rowCount; i++) rows.push(Object.fromEntries(header.map((h, j) => [h, String(sheet.getRow(i).getCell(j + 1).value ?? '')])));
    const csv = Papa.parse<Record<string, string>>((await download({ format: 'csv' })).rawPayload.toString('utf8').slice(1), { header: true, skipEmptyLines: true }).data;
    // The CSV guards cells against running as formulas; XLSX cells are typed text and need no guard.
    const unneutralized = csv.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v.replace(/^'=/, '=')])));
    expect(rows).toEqual(unneutralized);
  });

  it('writes the column headers in the reader\'s language, and an Arabic sheet right to left', async () => {
    const csv = Papa.parse<Record<string, string>>((await download({ format: 'csv', language: 'ru', tag: 'vip' })).rawPayload.toString('utf8').slice(1), { header: true, skipEmptyLines: true });
    expect(csv.meta.fields?.slice(0, 6)).toEqual(['ID', 'Имя', 'Тип', 'Фамилия', 'Имя (имена)', 'Отчество']);
    expect(csv.data.find((r) => r['Фамилия'] === 'Иванова')).toMatchObject({ 'Дата рождения': '1985-04-12', 'Телефоны': '+37251234567' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await download({ format: 'xlsx', language: 'ar' })).rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('العملاء')!;
    expect(sheet.views[0]).toMatchObject({ rightToLeft: true });
    expect((sheet.getRow(1).values as unknown[]).slice(1, 3)).toEqual(['المعرّف', 'الاسم']);
    const refused = await t.app.inject({ method: 'GET', url: '/api/customers/export?format=csv&language=xx', headers: { cookie: a.cookie } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details.issues[0].path).toBe('language');
  });

  it('exports what a search finds, best first', async () => {
    const res = await download({ format: 'csv', q: 'Ivanova' });
    const parsed = Papa.parse<Record<string, string>>(res.rawPayload.toString('utf8').slice(1), { header: true, skipEmptyLines: true });
    expect(parsed.data.map((r) => r['Family name'])).toEqual(['Иванова']);
  });

  it('is for owners and managers, and is logged', async () => {
    const cashier = await addStaff(t, a.cookie, 'cashier', 'cashier@nord.example');
    const res = await t.app.inject({ method: 'GET', url: '/api/customers/export?format=csv', headers: { cookie: cashier.cookie } });
    expect(res.statusCode).toBe(403);
    const logged = await t.db.db.selectFrom('audit_log').select('details').where('action', '=', 'customers.exported').execute();
    expect(logged.map((l) => l.details)).toContainEqual(expect.objectContaining({ format: 'csv', tag: 'vip' }));
  });
});
