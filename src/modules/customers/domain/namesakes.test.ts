import { describe, expect, it } from 'vitest';
import { dateHints, distinguishingFields, documentTail, givenNameMatches, maskEmail, maskPhone, normalizeDocumentNumber, shapeOfQuery } from './namesakes.js';

describe('namesakes', () => {
  it('matches a given name in any script, spelling or as a beginning', () => {
    const yulia = { givenNames: 'Юлия', givenNamesLatin: null };
    for (const typed of ['Юлия', 'Yulia', 'Julia', 'Iuliia', 'Yuliya', 'юлия']) expect(givenNameMatches(yulia, typed), typed).toBe(true);
    expect(givenNameMatches({ givenNames: 'Анастасия', givenNamesLatin: null }, 'Anas')).toBe(true);
    expect(givenNameMatches(yulia, 'Anna')).toBe(false);
    expect(givenNameMatches({ givenNames: null, givenNamesLatin: 'OLGA' }, 'Ольга')).toBe(true);
  });

  it('names the fields that tell people apart, in the order an agent asks', () => {
    const base = { givenNames: 'Анна', patronymic: null, birthDate: '1985-04-12', document: null, cards: [], phone: null };
    expect(distinguishingFields([base])).toEqual([]);
    expect(distinguishingFields([base, { ...base, birthDate: '1990-01-01', phone: '+7 ••• 4567' }])).toEqual(['birthDate', 'phone']);
    expect(distinguishingFields([base, { ...base, givenNames: 'Мария', cards: ['•••• 1234'] }])).toEqual(['givenNames', 'cards']);
  });

  it('reads a birth year or date after a name', () => {
    expect(dateHints('Иванова 1985')).toEqual({ rest: 'Иванова', birthYear: 1985 });
    expect(dateHints('Ivanova 12.04.1985')).toEqual({ rest: 'Ivanova', birthDate: '1985-04-12' });
    expect(dateHints('Ivanova 1985-04-12 Anna')).toEqual({ rest: 'Ivanova Anna', birthDate: '1985-04-12' });
    expect(dateHints('Ivanova 31.02.1985')).toEqual({ rest: 'Ivanova 31.02.1985' });
    expect(dateHints('Flat 1234')).toEqual({ rest: 'Flat 1234' });
  });

  it('tells names, numbers and e-mails apart', () => {
    expect(shapeOfQuery('8 (916) 123-45-67')).toMatchObject({ kind: 'number', digits: '89161234567' });
    expect(shapeOfQuery('anna@example.com')).toMatchObject({ kind: 'email' });
    expect(shapeOfQuery('Иванова Анна')).toMatchObject({ kind: 'name', words: ['ivanova', 'ana'] });
  });

  it('normalizes and masks document numbers, phones and e-mails', () => {
    expect(normalizeDocumentNumber('45 10 № 123-456')).toBe('4510123456');
    expect(documentTail('45 10 123456')).toBe('3456');
    expect(maskPhone('+79161234567', '7')).toBe('+7 ••• 4567');
    expect(maskEmail('anna.ivanova@example.com')).toBe('a•••@example.com');
  });
});
