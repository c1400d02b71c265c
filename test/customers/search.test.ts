// Finding the right person: any script, transliteration, typos, phone in any format, e-mail, document
// number, and narrowing namesakes the way a travel agent does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useDocumentsKey } from '../../src/modules/customers/index.js';
import { createTenant, createTestApp, type Tenant, type TestApp } from '../support/app.js';
import { client, qs } from './support.js';

let t: TestApp;
let a: Tenant;
let api: ReturnType<typeof client>;
const ids: Record<string, string> = {};

const people = [
  { key: 'anna', familyName: 'Иванова', givenNames: 'Анна', patronymic: 'Сергеевна', birthDate: '1985-04-12', phones: ['8 (916) 123-45-67'], doc: '4510 123456' },
  { key: 'anna2', familyName: 'Иванова', givenNames: 'Анна', patronymic: 'Петровна', birthDate: '1990-01-30', phones: ['+7 926 765-43-21'], doc: '4511 654321' },
  { key: 'maria', familyName: 'Иванова', givenNames: 'Мария', patronymic: 'Ивановна', birthDate: '1985-07-01', phones: ['+7 903 111-22-33'] },
  { key: 'yulia', familyName: 'Иванова', givenNames: 'Юлия', birthDate: '1979-11-05', emails: ['yulia@example.ru'] },
  { key: 'latin', familyNameLatin: 'IVANOVA', givenNamesLatin: 'OLGA', birthDate: '1970-02-02' },
  { key: 'ivanov', familyName: 'Иванов', givenNames: 'Пётр', birthDate: '1960-06-06' },
  { key: 'petrova', familyName: 'Петрова', givenNames: 'Елена', emails: ['Elena.Petrova@Example.com'] },
  { key: 'tamm', familyName: 'Tamm', givenNames: 'Kristiina', phones: ['+372 5123 4567'] },
  { key: 'haddad', familyName: 'حداد', givenNames: 'ليلى', familyNameLatin: 'Haddad', givenNamesLatin: 'Layla' },
  { key: 'shevchenko', familyName: 'Шевченко', givenNames: 'Олена', birthDate: '1988-08-08' },
];

beforeAll(async () => {
  t = await createTestApp();
  a = await createTenant(t, { name: 'Travel', currency: 'RUB', timeZone: 'Europe/Moscow' });
  api = client(t, a.cookie);
  useDocumentsKey(Buffer.alloc(32, 7));
  await api.ok('PATCH', '/api/organization', { country: 'RU' });
  for (const { key, doc, ...p } of people) {
    const c = await api.ok('POST', '/api/customers', p);
    ids[key] = c.id;
    if (doc) await api.ok('POST', `/api/customers/${c.id}/documents`, { type: 'passport', series: doc.split(' ')[0], number: doc.split(' ')[1], citizenship: 'RUS' });
  }
});
afterAll(() => t.close());

const search = async (params: Record<string, string | number | undefined>) => api.ok('GET', `/api/customers/search?${qs(params)}`);
const found = async (q: string, extra: Record<string, string | number> = {}) => (await search({ q, ...extra })).items.map((i: { id: string }) => i.id);
const keysOf = (list: string[]) => list.map((id) => Object.entries(ids).find(([, v]) => v === id)?.[0]);

describe('search by name', () => {
  it('finds Cyrillic names typed in Latin letters, and Latin names typed in Cyrillic', async () => {
    expect(keysOf(await found('Ivanova'))).toEqual(expect.arrayContaining(['anna', 'anna2', 'maria', 'yulia', 'latin']));
    expect(keysOf(await found('иванова'))).toEqual(expect.arrayContaining(['latin', 'anna']));
    expect(keysOf(await found('Iwanowa'))).toContain('maria');
  });

  it('tolerates typos', async () => {
    expect(keysOf(await found('Ivanva'))).toEqual(expect.arrayContaining(['anna', 'latin']));
    expect(keysOf(await found('Шевченко'.replace('ч', 'ш')))).toContain('shevchenko');
    expect(keysOf(await found('Shevchenco'))).toContain('shevchenko');
  });

  it('finds by a part of a name and ranks the exact name first', async () => {
    expect(keysOf(await found('Ivan'))).toEqual(expect.arrayContaining(['anna', 'ivanov']));
    expect(keysOf(await found('Иванов'))[0]).toBe('ivanov');
    expect(keysOf(await found('Kristi'))).toEqual(['tamm']);
  });

  it('finds Arabic names in Arabic script and by their Latin spelling', async () => {
    expect(keysOf(await found('حداد'))).toEqual(['haddad']);
    expect(keysOf(await found('Layla Haddad'))).toEqual(['haddad']);
  });

  it('does not find what is not there', async () => {
    expect(await found('Smith')).toEqual([]);
  });
});

describe('namesakes', () => {
  it('lists namesakes with the fields that tell them apart, and narrows by them', async () => {
    const all = await search({ q: 'Ivanova Anna' });
    expect(keysOf(all.items.map((i: { id: string }) => i.id)).sort()).toEqual(['anna', 'anna2']);
    expect(all.distinguishing).toEqual(['patronymic', 'birthDate', 'document', 'phone']);
    const first = all.items.find((i: { id: string }) => i.id === ids.anna);
    expect(first).toMatchObject({ birthDate: '1985-04-12', phone: '+7 ••• 4567', document: 'passport •••• 3456' });
    expect(keysOf(await found('Иванова', { givenName: 'Anna', birthYear: 1985 }))).toEqual(['anna']);
    expect(keysOf(await found('Ivanova', { documentTail: '4321' }))).toEqual(['anna2']);
    expect(keysOf(await found('Ivanova', { phone: '4567' }))).toEqual(['anna']);
    expect(keysOf(await found('Ivanova', { birthDate: '1985-07-01' }))).toEqual(['maria']);
    expect(keysOf(await found('Ivanova', { givenName: 'Julia' }))).toEqual(['yulia']);
  });

  it('reads a birth year or date typed after the name', async () => {
    expect(keysOf(await found('Иванова 1985')).sort()).toEqual(['anna', 'maria']);
    const r = await search({ q: 'Ivanova 12.04.1985' });
    expect(keysOf(r.items.map((i: { id: string }) => i.id))).toEqual(['anna']);
    expect(r.understoodAs).toMatchObject({ kind: 'name', birthDate: '1985-04-12' });
  });

  it('takes an initial after the surname', async () => {
    expect(keysOf(await found('Ivanova M')).sort()).toEqual(['maria']);
  });
});

describe('search by contact and number', () => {
  it('finds a phone typed in any format', async () => {
    for (const q of ['+79161234567', '8 916 123 45 67', '8(916)123-45-67', '+7 (916) 123-4567']) expect(keysOf(await found(q)), q).toEqual(['anna']);
    expect(keysOf(await found('+372 5123 4567'))).toEqual(['tamm']);
  });

  it('finds an e-mail whatever its case', async () => {
    expect(keysOf(await found('elena.petrova@example.com'))).toEqual(['petrova']);
  });

  it('finds a document number with or without its series and spaces, without storing it in the clear', async () => {
    expect(keysOf(await found('123456'))).toEqual(['anna']);
    expect(keysOf(await found('4510 123456'))).toEqual(['anna']);
    expect(keysOf(await found('4510123456'))).toEqual(['anna']);
    const r = await search({ q: '4510123456' });
    expect(r.items[0].matchedBy).toEqual(['document']);
  });
});
