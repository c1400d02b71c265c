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
      const notes: unknown[] = [];
      book.getWorksheet('summary')!.eachRow((row) => { if (row.getCell(1).value === 'note') notes.push(row.getCell(2).value); });
      return notes;
    };
    expect(await notesOf({})).toEqual([noteText({ code: 'crr_definition', params: { months: 12 } }, 'en')]);
    expect((await notesOf({}))[0]).toMatch(/^A customer is active while they bought in the last 12 months\. CRR = \(E − N\) \/ S × 100/);
    expect(await notesOf({ language: 'ru' })).toEqual([expect.stringMatching(/^Клиент активен, пока покупал за последние 12 мес\. CRR = /)]);
    expect(await notesOf({ language: 'ar' })).toEqual([expect.stringMatching(/^العميل نشط ما دام قد اشترى خلال الأشهر الـ12 الأخيرة\. \u2066CRR\u00a0=\u00a0\(E\u00a0−\u00a0N\)\u00a0\/\u00a0S\u00a0×\u00a0100\u2069/)]);
    const report = await t.app.inject({ method: 'GET', url: '/api/analytics/report/export', query: { ...PERIOD, measures: 'frequency', language: 'ru' }, headers: { cookie: a.cookie } });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    expect(book.getWorksheet('summary')!.getRow(book.getWorksheet('summary')!.rowCount).values).toEqual([undefined, 'note', NOTE_TEXTS.ru.purchase_day]);
    const bad = await exportOf('retention/export', { format: 'xlsx', language: 'de' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0].path).toBe('language');
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
