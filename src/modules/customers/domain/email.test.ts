import { describe, expect, it } from 'vitest';
import { normalizeEmail } from './email.js';

describe('normalizeEmail', () => {
  it.each([
    ['ivan@mail.ru', 'ivan@mail.ru'],
    ['  Ivan.Petrov@Mail.RU  ', 'Ivan.Petrov@mail.ru'],
    ['mailto:anna@example.com', 'anna@example.com'],
    ['Anna Petrova <anna+loyalty@Example.COM>', 'anna+loyalty@example.com'],
    ['ivan@mail.ru.', 'ivan@mail.ru'],
    ['почта@пример.рф', 'почта@пример.рф'],
    ['o\'neil@sub.example.co.uk', 'o\'neil@sub.example.co.uk'],
  ])('%s → %s', (raw, email) => {
    expect(normalizeEmail(raw)).toEqual({ email });
  });

  it.each(['ivan@mail,ru', 'ivan.mail.ru', 'ivan@', '@mail.ru', 'ivan@mail', 'ivan@@mail.ru', 'iv an@mail.ru', 'ivan@mail.123',
    '.ivan@mail.ru', 'ivan..p@mail.ru', 'ivan@-mail.ru', `${'a'.repeat(65)}@mail.ru`])('rejects %s', (raw) => {
    expect(normalizeEmail(raw)).toEqual({ error: 'invalid' });
  });

  it('tells an empty cell from a wrong one', () => {
    expect(normalizeEmail('   ')).toEqual({ error: 'empty' });
  });
});
