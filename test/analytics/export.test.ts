// Exports read back the way a user's spreadsheet would read them.
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant, createTestApp, type Tenant, type TestApp } from '../support/app.js';
import { NOTE_TEXTS, noteText } from '../../src/modules/analytics/index.js';
import { PERIOD, seedHistory } from './fixture.js';

let t: TestApp;
let a: Tenant;
beforeAll(async () => {
  t = await createTestApp({ now: '2026-03-15T10:00:00Z' });
  a = await createTenant(t, { name: 'Shop A' });
  const b = await createTenant(t, { name: 'Shop B' });
  await seedHistory(t, a, b);
});
afterAll(() => t.close());

const exportOf = (path: string, query: Record<string, string>) =>
  t.app.inject({ method: 'GET', url: `/api/analytics/${path}`, query: { ...PERIOD, ...query }, headers: { cookie: a.cookie } });

describe('analytics exports', () => {
  it('CSV: UTF-8 with a BOM, labelled columns, money in euros', async () => {
    const res = await exportOf('pareto/export', { format: 'csv' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toBe('attachment; filename="pareto_2026-01-01_2026-03-14.curve.csv"');
    expect(res.body.startsWith('\ufeff')).toBe(true);
    const parsed = Papa.parse<Record<string, string>>(res.body.slice(1), { header: true, skipEmptyLines: true });
    expect(parsed.meta.fields).toEqual(['Share of customers', 'Customers', 'Cumulative revenue (EUR)', 'Share of revenue']);
    expect(parsed.data).toHaveLength(101);
    expect(parsed.data.at(-1)).toEqual({ 'Share of customers': '1', Customers: '4', 'Cumulative revenue (EUR)': '1020.00', 'Share of revenue': '1' });
  });

  it('CSV of another table of the measure, and a refusal of a table it does not have', async () => {
    const res = await exportOf('new-returning/export', { format: 'csv', table: 'years' });
    const rows = Papa.parse<Record<string, string>>(res.body.slice(1), { header: true, skipEmptyLines: true }).data;
    expect(rows).toEqual([{ Year: '2026', 'Customers who bought': '4', New: '2', Returning: '2', 'Revenue from new (EUR)': '600.00', 'Revenue from returning (EUR)': '420.00', 'Share of new customers': '0.5' }]);
    const bad = await exportOf('new-returning/export', { format: 'csv', table: 'weeks' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0].path).toBe('table');
  });

  it('XLSX: a summary sheet and one sheet per table, money formatted in euros, shares as percentages', async () => {
    const res = await exportOf('key-customers/export', { format: 'xlsx' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['summary', 'scopes', 'customers']);
    const summary = book.getWorksheet('summary')!;
    const facts = new Map<string, unknown>();
    summary.eachRow((row, n) => { if (n > 1) facts.set(String(row.getCell(1).value), row.getCell(2).value); });
    expect(facts.get('companyAlert')).toBe(40);
    expect(facts.get('currency')).toBe('EUR');
    const customers = book.getWorksheet('customers')!;
    expect(customers.getRow(1).getCell(7).value).toBe('Revenue (EUR)');
    const first = customers.getRow(2);
    expect([first.getCell(1).value, first.getCell(6).value, first.getCell(7).value]).toEqual(['company', 'Tamm Dmitri', 500]);
    expect(customers.getColumn(7).numFmt).toBe('#,##0.00');
  });

  it('XLSX: the notes in the language asked for (English by default), the same sentences as the web app', async () => {
    const notesOf = async (query: Record<string, string>) => {
      const res = await exportOf('retention/export', { format: 'xlsx', ...query });
      expect(res.statusCode).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const label = { en: 'note', ru: 'Примечание', ar: 'ملاحظة' }[query.language ?? 'en'];
      const notes: unknown[] = [];
      book.worksheets[0]!.eachRow((row) => { if (row.getCell(1).value === label) notes.push(row.getCell(2).value); });
      return notes;
    };
    expect(await notesOf({})).toEqual([noteText({ code: 'crr_definition', params: { months: 12 } }, 'en')]);
    expect((await notesOf({}))[0]).toMatch(/^A customer is active while they bought in the last 12 months\. CRR = \(E − N\) \/ S × 100/);
    expect(await notesOf({ language: 'ru' })).toEqual([expect.stringMatching(/^Клиент активен, если с его последней покупки прошло не больше, чем 12 месяцев\. CRR = /)]);
    expect(await notesOf({ language: 'ar' })).toEqual([expect.stringMatching(/^العميل نشط ما دام قد اشترى خلال آخر 12 شهرًا\. \u2066CRR\u00a0=\u00a0\(E\u00a0−\u00a0N\)\u00a0\/\u00a0S\u00a0×\u00a0100\u2069/)]);
    const report = await t.app.inject({ method: 'GET', url: '/api/analytics/report/export', query: { ...PERIOD, measures: 'frequency', language: 'ru' }, headers: { cookie: a.cookie } });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    expect(book.getWorksheet('сводка')!.getRow(book.getWorksheet('сводка')!.rowCount).values).toEqual([undefined, 'Примечание', NOTE_TEXTS.ru.purchase_day]);
    const bad = await exportOf('retention/export', { format: 'xlsx', language: 'de' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0].path).toBe('language');
  });

  it('notes count months and days in the plural form of the number, in every language', () => {
    const crr = (months: number, lang: 'en' | 'ru' | 'ar') => noteText({ code: 'crr_definition', params: { months } }, lang);
    expect(crr(1, 'en')).toMatch(/^A customer is active while they bought in the last 1 month\. /);
    expect(crr(12, 'en')).toMatch(/in the last 12 months\. /);
    expect([1, 3, 5, 21].map((m) => crr(m, 'ru').match(/чем (.+?)\. CRR/)?.[1])).toEqual(['1 месяц', '3 месяца', '5 месяцев', '21 месяц']);
    expect([1, 2, 3, 12, 100].map((m) => crr(m, 'ar').match(/خلال آخر (.+?)\. /)?.[1])).toEqual(['شهر', 'شهرين', '3 أشهر', '12 شهرًا', '100 شهر']);
    const slipping = (days: number, lang: 'en' | 'ru' | 'ar') => noteText({ code: 'slipping_by_clv', params: { valueShare: 0.2, below: 0.35, minDrop: 0.2, days } }, lang);
    expect(slipping(1, 'en')).toMatch(/over 1 day\.$/);
    expect(slipping(2, 'ru')).toMatch(/за 2 дня\.$/);
    expect(slipping(11, 'ar')).toMatch(/خلال آخر 11 يومًا\.$/);
  });

  it('CSV in Russian: a BOM, the headers and the names in Russian, numbers as numbers', async () => {
    const res = await exportOf('key-customers/export', { format: 'csv', table: 'customers', language: 'ru' });
    expect(res.statusCode).toBe(200);
    expect(res.body.startsWith('\ufeff')).toBe(true);
    const parsed = Papa.parse<Record<string, string>>(res.body.slice(1), { header: true, skipEmptyLines: true });
    expect(parsed.meta.fields).toEqual(['Область', 'Id области', 'Название', 'Место', 'Id клиента', 'Клиент', 'Выручка (EUR)', 'Доля %', 'Ключевой клиент', 'Уровень тревоги %']);
    expect(parsed.data[0]).toMatchObject({ 'Область': 'Вся компания', 'Клиент': 'Tamm Dmitri', 'Выручка (EUR)': '500.00', 'Ключевой клиент': 'да' });
    const english = await exportOf('key-customers/export', { format: 'csv', table: 'customers' });
    expect(Papa.parse<Record<string, string>>(english.body.slice(1), { header: true }).data[0]).toMatchObject({ Scope: 'company', Name: expect.any(String) });
  });

  it('XLSX in Russian and in Arabic: sheet names, headers, the summary and the names in the language; Arabic right to left', async () => {
    const bookOf = async (language: string, path = 'key-customers/export', query: Record<string, string> = { format: 'xlsx' }) => {
      const res = await exportOf(path, { ...query, language });
      expect(res.statusCode).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      return book;
    };
    const factsOf = (sheet: ExcelJS.Worksheet) => {
      const facts = new Map<string, unknown>();
      sheet.eachRow((row, n) => { if (n > 1) facts.set(String(row.getCell(1).value), row.getCell(2).value); });
      return facts;
    };
    const cells = (sheet: ExcelJS.Worksheet, n: number) => (sheet.getRow(n).values as unknown[]).slice(1);

    const ru = await bookOf('ru');
    expect(ru.worksheets.map((s) => s.name)).toEqual(['сводка', 'области', 'клиенты']);
    expect(cells(ru.getWorksheet('сводка')!, 1)).toEqual(['Показатель', 'Значение']);
    const ruFacts = factsOf(ru.getWorksheet('сводка')!);
    expect(ruFacts.get('Отчёт')).toBe('Зависимость от ключевых клиентов');
    expect(ruFacts.get('Часовой пояс')).toBe('Europe/Tallinn');
    expect(ruFacts.get('Уровень тревоги компании, %')).toBe(40);
    const ruCustomers = ru.getWorksheet('клиенты')!;
    expect(cells(ruCustomers, 1)).toEqual(['Область', 'Id области', 'Название', 'Место', 'Id клиента', 'Клиент', 'Выручка (EUR)', 'Доля %', 'Ключевой клиент', 'Уровень тревоги %']);
    expect([ruCustomers.getRow(2).getCell(1).value, ruCustomers.getRow(2).getCell(7).value]).toEqual(['Вся компания', 500]);
    expect(ruCustomers.getColumn(7).numFmt).toBe('#,##0.00');
    for (const sheet of ru.worksheets) expect(sheet.views?.[0]?.rightToLeft, sheet.name).toBeFalsy();

    const ar = await bookOf('ar');
    expect(ar.worksheets.map((s) => s.name)).toEqual(['الملخص', 'النطاقات', 'العملاء']);
    expect(cells(ar.getWorksheet('الملخص')!, 1)).toEqual(['المؤشر', 'القيمة']);
    const arFacts = factsOf(ar.getWorksheet('الملخص')!);
    expect(arFacts.get('التقرير')).toBe('الاعتماد على العملاء الرئيسيين');
    expect(arFacts.get('العملة')).toBe('EUR');
    expect(arFacts.get('مستوى تنبيه الشركة ٪')).toBe(40);
    const arCustomers = ar.getWorksheet('العملاء')!;
    expect(cells(arCustomers, 1).slice(0, 7)).toEqual(['النطاق', 'معرّف النطاق', 'الاسم', 'الترتيب', 'معرّف العميل', 'العميل', 'الإيرادات (EUR)']);
    expect(arCustomers.getRow(2).getCell(1).value).toBe('الشركة كلها');
    for (const sheet of ar.worksheets) expect(sheet.views?.[0]?.rightToLeft, sheet.name).toBe(true);

    // Names a user reads in the tables: RFM segments, seasonality's months, yes/no in the summary.
    const rfm = await bookOf('ar', 'rfm/export');
    const segments = rfm.getWorksheet('الشرائح')!;
    expect(cells(segments, 1).slice(0, 2)).toEqual(['الشريحة', 'العملاء']);
    expect(segments.getColumn(1).values.slice(2)).toEqual(expect.arrayContaining(['الأبطال']));
    const seasons = await bookOf('ru', 'seasonality/export');
    expect(seasons.getWorksheet('месяцы')!.getRow(2).getCell(2).value).toBe('январь');
    const ladder = factsOf((await bookOf('ru', 'ladder/export')).getWorksheet('сводка')!);
    expect(ladder.get('Адвокаты известны')).toBe('нет');

    // Money figures of the summary in euros, as in the tables (the API gives cents); English keeps its keys.
    const paretoRu = (await bookOf('ru', 'pareto/export')).getWorksheet('сводка')!;
    expect(factsOf(paretoRu).get('Выручка (EUR)')).toBe(1020);
    let revenueRow = 0;
    paretoRu.eachRow((row, n) => { if (row.getCell(1).value === 'Выручка (EUR)') revenueRow = n; });
    expect(paretoRu.getRow(revenueRow).getCell(2).numFmt).toBe('#,##0.00');
    const paretoEn = factsOf((await bookOf('en', 'pareto/export')).getWorksheet('summary')!);
    expect([paretoEn.get('revenue'), paretoEn.get('topRevenue'), paretoEn.get('customers')]).toEqual([1020, 500, 4]);
  });

  it('sheet names of the whole report in Arabic: unique, at most 31 characters, none of []:*?/\\', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/analytics/report/export', query: { ...PERIOD, measures: 'pareto,rfm,retention,new-returning,key-customers,economics', language: 'ar' }, headers: { cookie: a.cookie } });
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const names = book.worksheets.map((s) => s.name);
    expect(names.slice(0, 2)).toEqual(['باريتو – الملخص', 'باريتو – المنحنى']);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    for (const n of names) expect(n, n).toMatch(/^[^[\]:*?/\\]{1,31}$/);
    for (const sheet of book.worksheets) expect(sheet.views?.[0]?.rightToLeft, sheet.name).toBe(true);
  });

  it('the whole report as one workbook', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/analytics/report/export', query: { ...PERIOD, measures: 'pareto,rfm' }, headers: { cookie: a.cookie } });
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['pareto summary', 'pareto curve', 'rfm summary', 'rfm segments', 'rfm grid']);
    const unknown = await t.app.inject({ method: 'GET', url: '/api/analytics/report', query: { measures: 'pareto,nps' }, headers: { cookie: a.cookie } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toMatch(/^measure: "nps" is not a measure/);
  });
});
