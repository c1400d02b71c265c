// `regulars report` as an operator runs it: a real process on the test database (DATABASE_URL).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant, createTestApp, type Tenant, type TestApp } from '../support/app.js';
import { runCli } from '../support/process.js';
import { PERIOD, seedHistory, type Seeded } from './fixture.js';

let t: TestApp;
let a: Tenant;
let seeded: Seeded;
let dir: string;
beforeAll(async () => {
  t = await createTestApp({ now: '2026-03-15T10:00:00Z' });
  a = await createTenant(t, { name: 'Shop A' });
  const b = await createTenant(t, { name: 'Shop B' });
  seeded = await seedHistory(t, a, b);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regulars-report-'));
});
afterAll(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const report = (args: string[]) => runCli(['report', ...args, '--organization', a.organizationId, '--from', PERIOD.from, '--to', PERIOD.to], { DATABASE_URL: t.db.url });

describe('regulars report', () => {
  it('prints one measure as JSON', async () => {
    const r = await report(['pareto', '--outlet', seeded.secondOutletId]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).summary).toMatchObject({ customers: 1, revenue: 50000 });
  });

  it('gives the notes as codes with their numbers, the text in --language', async () => {
    const r = await report(['retention', '--language', 'ru']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).notes).toEqual([{ code: 'crr_definition', params: { months: 12 }, text: expect.stringMatching(/^Клиент активен, если с его последней покупки прошло не больше, чем 12 месяцев\. /) }]);
  });

  it('writes its files in --language: headers, sheet names, figures and names in Russian', async () => {
    const csv = await report(['retention', '--format', 'csv', '--table', 'months', '--language', 'ru']);
    expect(csv.code).toBe(0);
    expect(csv.stdout.startsWith('\ufeff')).toBe(true);
    const parsed = Papa.parse<Record<string, string>>(csv.stdout.slice(1), { header: true, skipEmptyLines: true });
    expect(parsed.meta.fields).toEqual(['Месяц', 'Активных в начале', 'Активных в конце', 'Новые', 'Удержанные', 'Потерянные', 'Вернувшиеся', 'CRR %', 'Отток %']);
    expect(parsed.data[0]).toMatchObject({ 'Месяц': '2026-01', 'Активных в начале': '2', 'CRR %': '100' });

    const file = path.join(dir, 'ru.xlsx');
    const r = await report(['all', '--format', 'xlsx', '--out', file, '--language', 'ru']);
    expect(r.code).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const names = book.worksheets.map((w) => w.name);
    expect(names.slice(0, 2)).toEqual(['Парето — сводка', 'Парето — кривая']);
    expect(names).toEqual(expect.arrayContaining(['Удержание — сводка', 'Удержание — месяцы', 'RFM — сегменты', 'Экономика — механики']));
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    for (const n of names) expect(n, n).toMatch(/^[^[\]:*?/\\]{1,31}$/);
    const summary = book.getWorksheet('Парето — сводка')!;
    expect((summary.getRow(1).values as unknown[]).slice(1)).toEqual(['Показатель', 'Значение']);
    const facts = new Map<string, unknown>();
    summary.eachRow((row, n) => { if (n > 1) facts.set(String(row.getCell(1).value), row.getCell(2).value); });
    expect(facts.get('Отчёт')).toBe('Парето: выручка по рангу клиентов');
    expect(facts.get('Валюта')).toBe('EUR');
    expect(facts.get('Лучших клиентов')).toBe(1);
    const curve = book.getWorksheet('Парето — кривая')!;
    expect((curve.getRow(1).values as unknown[]).slice(1)).toEqual(['Доля клиентов', 'Клиенты', 'Накопленная выручка (EUR)', 'Доля выручки']);
    expect(curve.views?.[0]?.rightToLeft).toBeFalsy();
  });

  it('writes CSV of a chosen table, and every measure to one XLSX file', async () => {
    const csv = await report(['retention', '--format', 'csv', '--table', 'months']);
    const rows = Papa.parse<Record<string, string>>(csv.stdout.replace(/^\ufeff/, ''), { header: true, skipEmptyLines: true }).data;
    expect(rows[0]).toMatchObject({ Month: '2026-01', 'Active at start': '2', 'Active at end': '3', New: '1', 'CRR %': '100' });
    const file = path.join(dir, 'all.xlsx');
    const all = await report(['all', '--format', 'xlsx', '--out', file]);
    expect(all.code).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    // Per measure a summary sheet, then its tables, named by measure and table, in the API's order.
    const names = book.worksheets.map((w) => w.name);
    expect(names.slice(0, 2)).toEqual(['pareto summary', 'pareto curve']);
    expect(names).toEqual(expect.arrayContaining(['retention summary', 'retention months', 'economics summary', 'economics mechanics']));
    const cells = (sheet: ExcelJS.Worksheet, n: number) => (sheet.getRow(n).values as unknown[]).slice(1);

    const summary = book.getWorksheet('pareto summary')!;
    const facts = new Map<string, unknown>();
    summary.eachRow((row, n) => { if (n > 1) facts.set(String(row.getCell(1).value), row.getCell(2).value); });
    expect(cells(summary, 1)).toEqual(['Figure', 'Value']);
    expect(Object.fromEntries(['measure', 'from', 'to', 'time zone', 'currency', 'customers', 'topCustomers'].map((k) => [k, facts.get(k)]))).toEqual({
      measure: 'Pareto: revenue by customer rank', from: PERIOD.from, to: PERIOD.to, 'time zone': 'Europe/Tallinn', currency: 'EUR', customers: 4, topCustomers: 1,
    });

    // Money in euros, not cents, with a money format; shares as fractions with a percent format.
    const curve = book.getWorksheet('pareto curve')!;
    expect(cells(curve, 1)).toEqual(['Share of customers', 'Customers', 'Cumulative revenue (EUR)', 'Share of revenue']);
    expect(cells(curve, curve.rowCount)).toEqual([1, 4, 1020, 1]);
    expect(curve.getRow(curve.rowCount).getCell(3).numFmt).toBe('#,##0.00');
    expect(curve.getRow(curve.rowCount).getCell(4).numFmt).toBe('0.0%');

    const months = book.getWorksheet('retention months')!;
    expect(cells(months, 1).slice(0, 4)).toEqual(['Month', 'Active at start', 'Active at end', 'New']);
    expect(cells(months, 2).slice(0, 4)).toEqual(['2026-01', 2, 3, 1]);
  });

  it('says what is wrong, with exit code 2', async () => {
    const unknown = await report(['nps']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^report: "nps" is not a measure; one of all, pareto/);
    const badDate = await runCli(['report', 'pareto', '--organization', a.organizationId, '--from', '2026-13-01'], { DATABASE_URL: t.db.url });
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toMatch(/--from: must be a date/);
    const csvAll = await report(['all', '--format', 'csv']);
    expect(csvAll.stderr).toMatch(/CSV holds one table/);
    const noOrg = await runCli(['report', 'pareto'], { DATABASE_URL: t.db.url });
    expect(noOrg.stderr).toMatch(/--organization ID is required/);
    const badLanguage = await report(['pareto', '--language', 'de']);
    expect(badLanguage.code).toBe(2);
    expect(badLanguage.stderr).toMatch(/--language: must be en, ru or ar/);
  });
});
