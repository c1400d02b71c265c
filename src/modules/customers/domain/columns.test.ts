import { describe, expect, it } from 'vitest';
import {
  CUSTOMER_IMPORT_FIELDS, guessFieldFromHeader, guessFieldFromValues, guessMapping, looksLikeHeader,
  type CustomerImportField,
} from './columns.js';
import { HEADER_SYNONYMS } from './header-synonyms.js';

const HEADERS: Array<[string, CustomerImportField]> = [
  // family name
  ['Фамилия', 'familyName'], ['Surname', 'familyName'], ['Last name', 'familyName'], ['Nachname', 'familyName'],
  ['Nom', 'familyName'], ['Apellido', 'familyName'], ['Apellidos', 'familyName'], ['اسم العائلة', 'familyName'],
  ['Прізвище', 'familyName'], ['LAST_NAME', 'familyName'],
  // given name
  ['Имя', 'givenName'], ['First name', 'givenName'], ['Given names', 'givenName'], ['Vorname', 'givenName'],
  ['Prénom', 'givenName'], ['Nombre', 'givenName'], ["Ім'я", 'givenName'], ['الاسم الأول', 'givenName'], ['firstName', 'givenName'],
  // patronymic, full name
  ['Отчество', 'patronymic'], ['По батькові', 'patronymic'], ['Middle name', 'patronymic'],
  ['ФИО', 'fullName'], ['Ф.И.О.', 'fullName'], ['Full name', 'fullName'], ['Name', 'fullName'], ['ПІБ', 'fullName'],
  ['Nom complet', 'fullName'], ['Nombre completo', 'fullName'], ['Клиент', 'fullName'],
  // Latin variants
  ['Фамилия (лат.)', 'familyNameLatin'], ['Имя латиницей', 'givenNameLatin'], ['Surname in English', 'familyNameLatin'],
  ['ФИО латиницей', 'fullNameLatin'], ['Прізвище латиницею', 'familyNameLatin'],
  // contacts
  ['Телефон', 'phone'], ['Phone', 'phone'], ['Mobile', 'phone'], ['Тел.', 'phone'], ['Моб. телефон', 'phone'],
  ['Номер телефона', 'phone'], ['Handy', 'phone'], ['Telefonnummer', 'phone'], ['Teléfono', 'phone'], ['الهاتف', 'phone'],
  ['رقم الهاتف', 'phone'], ['E-mail', 'email'], ['Email', 'email'], ['Почта', 'email'], ['Эл. почта', 'email'],
  ['Courriel', 'email'], ['Correo electrónico', 'email'], ['البريد الإلكتروني', 'email'],
  // dates, gender
  ['Дата рождения', 'birthDate'], ['Дата рожд.', 'birthDate'], ['Birth date', 'birthDate'], ['DOB', 'birthDate'],
  ['Geburtsdatum', 'birthDate'], ['Date de naissance', 'birthDate'], ['Fecha de nacimiento', 'birthDate'],
  ['تاريخ الميلاد', 'birthDate'], ['Дата народження', 'birthDate'],
  ['Пол', 'gender'], ['Sex', 'gender'], ['Gender', 'gender'], ['Geschlecht', 'gender'], ['Anrede', 'gender'], ['الجنس', 'gender'],
  // documents and cards
  ['Паспорт', 'documentNumber'], ['Passport No', 'documentNumber'], ['Номер паспорта', 'documentNumber'],
  ['Серия и номер паспорта', 'documentNumber'], ['Reisepass', 'documentNumber'], ['رقم جواز السفر', 'documentNumber'],
  ['Срок действия паспорта', 'documentExpiry'], ['Passport expiry', 'documentExpiry'],
  ['Гражданство', 'citizenship'], ['Nationality', 'citizenship'], ['الجنسية', 'citizenship'],
  ['Номер карты', 'cardNumber'], ['Card', 'cardNumber'], ['Card number', 'cardNumber'], ['№ карты', 'cardNumber'], ['Kartennummer', 'cardNumber'],
  ['Код', 'externalId'], ['ID', 'externalId'], ['External id', 'externalId'], ['Customer ID', 'externalId'],
  ['Код клиента', 'externalId'], ['Kundennummer', 'externalId'],
  // the rest
  ['Город', 'city'], ['City', 'city'], ['Ort', 'city'], ['Ville', 'city'], ['المدينة', 'city'],
  ['Адрес', 'address'], ['Address', 'address'], ['Anschrift', 'address'], ['Dirección', 'address'],
  ['Примечание', 'notes'], ['Примечания', 'notes'], ['Комментарий', 'notes'], ['Notes', 'notes'], ['Bemerkung', 'notes'], ['ملاحظات', 'notes'],
  ['Теги', 'tags'], ['Tags', 'tags'], ['Метки', 'tags'], ['Étiquettes', 'tags'],
];

describe('guessFieldFromHeader', () => {
  it.each(HEADERS)('%s → %s', (header, field) => {
    expect(guessFieldFromHeader(header)?.field).toBe(field);
  });

  it('is sure of whole known headers and less of partial matches', () => {
    expect(guessFieldFromHeader('Телефон')).toEqual({ field: 'phone', confidence: 0.95 });
    expect(guessFieldFromHeader('Телефон рабочий (основной)')?.confidence).toBe(0.6);
  });

  it('says nothing about unrelated headers', () => {
    for (const header of ['Сумма покупок', 'Что-то', '', '   ', 'Total spent', 'Column 7']) {
      expect(guessFieldFromHeader(header)).toBeNull();
    }
  });

  it('only names fields that exist', () => {
    for (const field of Object.keys(HEADER_SYNONYMS)) expect(CUSTOMER_IMPORT_FIELDS).toContain(field);
  });
});

describe('guessFieldFromValues', () => {
  it('recognises e-mails, phones, dates and gender codes', () => {
    expect(guessFieldFromValues(['ivan@mail.ru', 'anna@example.com', '', 'PETROV@YANDEX.RU'])?.field).toBe('email');
    expect(guessFieldFromValues(['8 (916) 123-45-67', '+7 916 1234567', '89161234567'])?.field).toBe('phone');
    expect(guessFieldFromValues(['31.12.1980', '01.02.1975', '1990-05-17'])?.field).toBe('birthDate');
    expect(guessFieldFromValues(['м', 'ж', 'ж', 'М'])?.field).toBe('gender');
  });

  it('recognises full names, Latin ones separately', () => {
    expect(guessFieldFromValues(['Иванов Иван Иванович', 'Петрова Анна Сергеевна'])).toEqual({ field: 'fullName', confidence: 0.7 });
    expect(guessFieldFromValues(['IVANOV/IVAN', 'PETROVA/ANNA'])?.field).toBe('fullNameLatin');
  });

  it('needs most values to agree', () => {
    expect(guessFieldFromValues(['ivan@mail.ru', 'no', 'nope', 'x'])).toBeNull();
    expect(guessFieldFromValues(['', ' '])).toBeNull();
    expect(guessFieldFromValues(['1500', '2300', '120'])).toBeNull();
  });
});

describe('looksLikeHeader', () => {
  it('tells a header row from a data row', () => {
    expect(looksLikeHeader(['Фамилия', 'Имя', 'Телефон'])).toBe(true);
    expect(looksLikeHeader(['Иванов', 'Иван', '8 916 123-45-67'])).toBe(false);
    expect(looksLikeHeader(['Name', 'ivan@mail.ru'])).toBe(false);
    expect(looksLikeHeader(['a', 'b'])).toBe(false);
  });
});

describe('guessMapping', () => {
  it('uses headers first, values where headers say nothing, and tells native from Latin name columns', () => {
    const header = ['Фамилия', 'Колонка 2', 'Surname', 'Телефон', 'Моб.', 'Итого', 'Имя', 'First name'];
    const rows = [
      ['Иванов', 'ivan@mail.ru', 'Ivanov', '8 916 123-45-67', '+7 903 111-22-33', '1500', 'Иван', 'Ivan'],
      ['Петрова', 'anna@mail.ru', 'Petrova', '', '', '300', 'Анна', 'Anna'],
    ];
    expect(guessMapping(header, rows)).toEqual([
      { column: 0, field: 'familyName', confidence: 0.85, source: 'header' },
      { column: 1, field: 'email', confidence: 0.7, source: 'values' },
      { column: 2, field: 'familyNameLatin', confidence: 0.95, source: 'header' },
      { column: 3, field: 'phone', confidence: 0.95, source: 'header' },
      { column: 4, field: 'phone', confidence: 0.95, source: 'header' },
      { column: 5, field: null, confidence: 0, source: null },
      { column: 6, field: 'givenName', confidence: 0.95, source: 'header' },
      { column: 7, field: 'givenNameLatin', confidence: 0.95, source: 'header' },
    ]);
  });

  it('keeps only the strongest column for a single field', () => {
    const guesses = guessMapping(['Фамилия', 'Surname'], [['Иванов', 'Петров']]);
    expect(guesses.map((g) => g.field)).toEqual([null, 'familyName']);
  });

  it('works without a header', () => {
    const rows = [['Иванов Иван Иванович', '31.12.1980', 'ivan@mail.ru']];
    expect(guessMapping(null, rows).map((g) => g.field)).toEqual(['fullName', 'birthDate', 'email']);
  });
});
