// `regulars import customers|purchases FILE`, run as an operator runs it (a real process on the store):
// the summary, the rejected rows written next to the file, and exit code 2 for options that cannot work.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant, createTestApp, type Tenant, type TestApp } from '../support/app.js';
import { runCli } from '../support/process.js';
import { fixture } from './support.js';

// Each run starts a real `regulars` process from the TypeScript sources (~2 s of CPU, several times that
// when the suite keeps both cores busy); the third test starts five.
const CLI_TIMEOUT = 120_000;

let t: TestApp;
let tenant: Tenant;
let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp();
  tenant = await createTenant(t, { currency: 'RUB', timeZone: 'Europe/Moscow' });
  await t.app.inject({ method: 'PATCH', url: '/api/organization', headers: { cookie: tenant.cookie }, payload: { country: 'RU' } });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regulars-import-cli-'));
  env = { DATABASE_URL: t.db.url, DATA_DIR: dir };
});
afterAll(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const customers = async () => (await t.db.pool.query('SELECT family_name, family_name_latin, given_names_latin, tags FROM customers WHERE organization_id = $1 ORDER BY family_name', [tenant.organizationId])).rows;

describe('regulars import customers', () => {
  it('imports the Windows-1251 file with transliteration and prints the report', { timeout: CLI_TIMEOUT }, async () => {
    const file = path.join(dir, 'клиенты.csv');
    fs.writeFileSync(file, fixture('customers-win1251.csv'));
    const run = await runCli(['import', 'customers', file, '--organization', tenant.organizationId, '--transliterate', 'Фамилия', '--transliterate', 'Имя', '--tag', 'cli'], env);
    expect(run.stderr).toContain('клиенты.csv: 4 rows (windows-1251, delimiter ";"); Фамилия=familyName, Имя=givenName');
    expect(run.stderr).toContain('note: card numbers are not imported with customers');
    expect(run.stdout).toContain('4 rows: 4 created, 0 updated, 0 unchanged, 0 rejected');
    expect(run.code).toBe(0);
    expect(await customers()).toEqual([
      { family_name: 'Ёлкина-Фёдорова', family_name_latin: 'Elkina-Fedorova', given_names_latin: 'Natalia', tags: ['cli'] },
      { family_name: 'Иванова', family_name_latin: 'Ivanova', given_names_latin: 'Iuliia', tags: ['cli'] },
      { family_name: 'Объедков', family_name_latin: 'Obieedkov', given_names_latin: 'Petr', tags: ['cli'] },
      { family_name: 'Щербаков', family_name_latin: 'Shcherbakov', given_names_latin: 'Aleksei', tags: ['cli'] },
    ]);
    const again = await runCli(['import', 'customers', file, '--organization', tenant.organizationId, '--json'], env);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ created: 0, skipped: 4, matchedBy: { phone: 3, email: 1 } });
  });

  it('writes rejected rows to a CSV next to the file, maps columns by --map, splits names, and exits 0', { timeout: CLI_TIMEOUT }, async () => {
    const file = path.join(dir, 'export.csv');
    fs.writeFileSync(file, 'Client;Tel;Born\r\nPETROVA/ANNA MRS;+7 916 222-33-44;02.01.1990\r\nСидоров Иван;12;03.01.1991\r\n');
    const run = await runCli(['import', 'customers', file, '--organization', tenant.organizationId, '--map', 'Client=fullNameLatin,2=phone,Born=birthDate', '--split-name', 'Client:family-given', '--capitalize', 'Client', '--date-order', 'dmy'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('2 rows: 1 created, 0 updated, 0 unchanged, 1 rejected');
    expect(run.stdout).toContain('rejected: ');
    const rejects = fs.readFileSync(path.join(dir, 'export.rejected.csv'), 'utf8');
    expect(rejects.split('\r\n')[0]).toBe('\uFEFFline;reason;Client;Tel;Born');
    expect(rejects.split('\r\n')[1]).toMatch(/^3;.*phone: .*\(12\).*;Сидоров Иван;12;03\.01\.1991$/u);
    const custom = path.join(dir, 'rejects-here.csv');
    const second = await runCli(['import', 'customers', file, '--organization', tenant.organizationId, '--map', 'Client=fullNameLatin,2=phone,Born=birthDate', '--date-order', 'dmy', '--rejects', custom], env);
    expect(second.code).toBe(0);
    expect(fs.existsSync(custom)).toBe(true);
    expect((await customers()).find((c) => c.family_name_latin === 'Petrova')).toMatchObject({ given_names_latin: 'Anna' });
  });

  it('exits 2 on options that cannot work, saying which', { timeout: CLI_TIMEOUT }, async () => {
    const file = path.join(dir, 'dates.csv');
    fs.writeFileSync(file, 'Фамилия;Дата рождения\r\nИванов;03/04/1980\r\n');
    const base = ['import', 'customers', file, '--organization', tenant.organizationId];
    const ambiguous = await runCli(base, env);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain('can be read as day/month or month/day: choose the order (use --date-order dmy or mdy)');
    const field = await runCli([...base, '--map', 'Фамилия=surname'], env);
    expect(field.code).toBe(2);
    expect(field.stderr).toContain('--map: "surname" is not a field');
    const order = await runCli([...base, '--date-order', 'ydm'], env);
    expect(order.code).toBe(2);
    expect(order.stderr).toContain('--date-order: dmy, mdy or ymd');
    const missing = await runCli(['import', 'customers', path.join(dir, 'nope.csv'), '--organization', tenant.organizationId], env);
    expect(missing.code).toBe(2);
    const ok = await runCli([...base, '--date-order', 'mdy'], env);
    expect(ok.code, ok.stderr).toBe(0);
    const { rows } = await t.db.pool.query(`SELECT birth_date FROM customers WHERE organization_id = $1 AND family_name = 'Иванов'`, [tenant.organizationId]);
    expect(rows).toEqual([{ birth_date: '1980-03-04' }]);
  });
});
