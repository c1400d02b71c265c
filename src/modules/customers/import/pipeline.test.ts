// The pieces together, as the import job will use them: parse a fixture, guess the mapping, settle the
// date order for the column, map every row, and index the names for search.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseUpload } from './parse.js';
import { phoneNormalizer } from '../contacts.js';
import { guessMapping, mapRow, type ColumnRule } from '../domain/columns.js';
import { parseDateColumn } from '../domain/dates.js';
import { nameSearchKeys, queryKey } from '../domain/search-keys.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url));
const normalizePhone = phoneNormalizer('RU');

describe('import pipeline on the fixtures', () => {
  it('turns the Windows-1251 export into customers', async () => {
    const parsed = await parseUpload(fixture('customers-win1251.csv'));
    const guesses = guessMapping(parsed.header, parsed.rows.map((r) => r.cells));
    expect(guesses.map((g) => g.field)).toEqual(['familyName', 'givenName', 'patronymic', 'birthDate', 'phone', 'email', 'cardNumber', 'notes']);
    const rules: ColumnRule[] = guesses.flatMap((g) => (g.field ? [{ column: g.column, field: g.field, counterpart: 'transliterate' as const }] : []));
    const dates = parseDateColumn(parsed.rows.map((r) => ({ line: r.line, value: r.cells[3] ?? '' })), { referenceYear: 2025 });
    expect(dates).toMatchObject({ order: 'dmy', needsOrder: false, errors: [] });
    const customers = parsed.rows.map((row) => ({ line: row.line, ...mapRow(row.cells, rules, { normalizePhone, referenceYear: 2025, dateOrder: dates.order ?? undefined }) }));
    expect(customers.map((c) => [c.line, c.familyName, c.familyNameLatin, c.givenNameLatin, c.birthDate, c.phones, c.emails, c.cardNumber])).toEqual([
      [2, 'Щербаков', 'Shcherbakov', 'Aleksei', '1980-12-31', ['+79161234567'], ['a.shcherbakov@mail.ru'], '00012345'],
      [3, 'Иванова', 'Ivanova', 'Iuliia', '1992-03-05', ['+79031112233'], [], '00012346'],
      [6, 'Объедков', 'Obieedkov', 'Petr', '1975-11-17', ['+79265554433'], ['OBIEDKOV@yandex.ru'], null],
      [7, 'Ёлкина-Фёдорова', 'Elkina-Fedorova', 'Natalia', '1988-02-29', [], ['natalia@example.com'], '00012347'],
    ]);
    expect(customers.every((c) => c.errors.length === 0)).toBe(true);
    expect(customers[1]?.notes).toBe('Аллергия на орехи;\nпросит звонить после 18:00');
  });

  it('maps the pasted table with its columns in an unusual order, and finds a customer by a Latin spelling', async () => {
    const parsed = await parseUpload(fixture('pasted-table.tsv'));
    const rules: ColumnRule[] = guessMapping(parsed.header, parsed.rows.map((r) => r.cells)).flatMap((g) => (g.field ? [{ column: g.column, field: g.field }] : []));
    expect(rules.map((r) => r.field)).toEqual(['phone', 'birthDate', 'email', 'givenName', 'familyName', 'notes']);
    const customers = parsed.rows.map((row) => mapRow(row.cells, rules, { normalizePhone, referenceYear: 2025, dateOrder: 'dmy', deriveGenderMinConfidence: 0.6 }));
    expect(customers.map((c) => [c.familyName, c.givenName, c.phones[0], c.birthDate, c.gender])).toEqual([
      ['Петров', 'Иван', '+79161234567', '1980-12-31', 'male'],
      ['Щукина', 'Юлия', '+79037654321', '1985-02-01', 'female'],
      ['Григорьев', 'Семён', '+79261112233', '1979-07-15', 'male'],
    ]);
    const index = customers.map((c) => nameSearchKeys(`${c.familyName} ${c.givenName}`));
    const found = (query: string): number[] => index.flatMap((keys, i) => (keys.some((k) => k.startsWith(queryKey(query))) ? [i] : []));
    expect(found('Shchukina')).toEqual([1]);
    expect(found('Schukina Julia')).toEqual([1]);
    expect(found('Grigoryev Semyon')).toEqual([2]);
    expect(found('ПЕТРОВ')).toEqual([0]);
  });

  it('reads the UTF-8 fixture with passport-style names and gender words in several languages', async () => {
    const parsed = await parseUpload(fixture('customers-utf8-bom.csv'));
    const guesses = guessMapping(parsed.header, parsed.rows.map((r) => r.cells));
    expect(guesses.map((g) => g.field)).toEqual(['fullName', 'phone', 'email', 'birthDate', 'gender', 'tags']);
    const rules: ColumnRule[] = [
      { column: 0, field: 'fullName', nameOrder: 'given-family' },
      ...guesses.slice(1).flatMap((g) => (g.field ? [{ column: g.column, field: g.field }] : [])),
    ];
    const customers = parsed.rows.map((row) => mapRow(row.cells, rules, { normalizePhone, referenceYear: 2025 }));
    expect(customers.map((c) => [c.familyName, c.givenName, c.gender, c.phones[0], c.tags])).toEqual([
      ['Müller', 'Jürgen', 'male', '+49301234567', ['vip', 'de']],
      ['IVANOVA', 'MARIIA', 'female', '+79167654321', []],
      ['García', 'José', 'male', '+34612345678', ['es']],
      ['أحمد', 'محمد', 'male', '+971501234567', []],
    ]);
  });

  it('reads the XLSX fixture into the same shape', async () => {
    const parsed = await parseUpload(fixture('customers.xlsx'));
    const rules: ColumnRule[] = guessMapping(parsed.header, parsed.rows.map((r) => r.cells)).flatMap((g) => (g.field ? [{ column: g.column, field: g.field }] : []));
    const customers = parsed.rows.map((row) => mapRow(row.cells, rules, { normalizePhone, referenceYear: 2025, dateOrder: 'dmy' }));
    expect(customers.map((c) => [c.familyName, c.birthDate, c.phones, c.cardNumber, c.emails])).toEqual([
      ['Щербаков', '1980-12-31', ['+79161234567'], '00012345', ['a.shcherbakov@mail.ru']],
      ['Иванова', '1992-03-05', ['+79031112233'], '00012346', []],
    ]);
  });
});
