import { describe, expect, it } from 'vitest';
import { normalizeEmail, normalizePhone, phoneNormalizer } from './contacts.js';

describe('normalizePhone', () => {
  it.each([
    ['8 (916) 123-45-67', 'RU', '+79161234567'],
    ['+7 916 1234567', 'RU', '+79161234567'],
    ['+7 (916) 123-45-67', undefined, '+79161234567'],
    ['8-926-555-44-33', 'RU', '+79265554433'],
    ['9161234567', 'RU', '+79161234567'],
    ['79161234567', 'RU', '+79161234567'], // Excel dropped the "+"
    ['8 800 555 35 35', 'RU', '+78005553535'],
    ['00 44 20 7946 0958', 'RU', '+442079460958'], // "00" although Russia's exit code is 810
    ['810 44 20 7946 0958', 'RU', '+442079460958'],
    ['00 44 20 7946 0958', 'DE', '+442079460958'],
    ['+44 20 7946 0958', undefined, '+442079460958'],
    ['(212) 555-0100', 'US', '+12125550100'],
    ['212.555.0100', 'US', '+12125550100'],
    ['050 123 4567', 'AE', '+971501234567'],
    ['+971 50 123 4567', 'RU', '+971501234567'],
    ['+49 30 1234567', 'RU', '+49301234567'],
    ['０１２０ ４４４ ４４４', 'JP', '+81120444444'], // full-width digits
  ] as const)('%s (%s) → %s', (raw, country, e164) => {
    expect(normalizePhone(raw, country)).toEqual({ e164 });
  });

  it('returns an extension separately', () => {
    expect(normalizePhone('8 (495) 123-45-67 доб. 12', 'RU')).toEqual({ e164: '+74951234567', ext: '12' });
    expect(normalizePhone('+1 212 555 0100 ext. 5', 'US')).toEqual({ e164: '+12125550100', ext: '5' });
  });

  it('says why a number is rejected', () => {
    expect(normalizePhone('', 'RU')).toEqual({ error: 'empty' });
    expect(normalizePhone('нет', 'RU')).toEqual({ error: 'empty' });
    expect(normalizePhone('123', 'RU')).toEqual({ error: 'too_short' });
    expect(normalizePhone('+7 916 123 45 6', 'RU')).toEqual({ error: 'too_short' });
    expect(normalizePhone('+7 916 123 45 67 89', 'RU')).toEqual({ error: 'invalid_phone' });
    expect(normalizePhone('+7 000 000 00 00', 'RU')).toEqual({ error: 'invalid_phone' });
    expect(normalizePhone('8 (916) 123-45-67', undefined)).toEqual({ error: 'invalid_phone' }); // national format, no country
  });

  it('binds a country for the import', () => {
    const ru = phoneNormalizer('RU');
    expect(ru('8 916 123 45 67')).toEqual({ e164: '+79161234567' });
    expect(phoneNormalizer('US')('(212) 555-0100')).toEqual({ e164: '+12125550100' });
  });
});

describe('normalizeEmail (re-exported from the domain)', () => {
  it('trims, lowercases the domain and validates', () => {
    expect(normalizeEmail(' Ivan.Petrov@Mail.RU ')).toEqual({ email: 'Ivan.Petrov@mail.ru' });
    expect(normalizeEmail('ivan@mail,ru')).toEqual({ error: 'invalid' });
  });
});
