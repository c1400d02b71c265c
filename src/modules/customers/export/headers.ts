// Column headers of a customer export in the reader's language: the file goes to people (a manager opens
// it in Excel), so it speaks their language like the pages do. The keys stay the same in every language.
export const EXPORT_LANGUAGES = ['en', 'ru', 'ar'] as const;
export type ExportLanguage = (typeof EXPORT_LANGUAGES)[number];

export const EXPORT_KEYS = [
  'id', 'displayName', 'kind', 'familyName', 'givenNames', 'patronymic', 'familyNameLatin', 'givenNamesLatin', 'companyName', 'gender',
  'birthDate', 'phones', 'emails', 'addresses', 'consents', 'tags', 'manager', 'source', 'externalId', 'createdAt',
] as const;
export type ExportKey = (typeof EXPORT_KEYS)[number];

export const EXPORT_HEADERS: Record<ExportLanguage, Record<ExportKey, string>> = {
  en: {
    id: 'ID', displayName: 'Name', kind: 'Kind', familyName: 'Family name', givenNames: 'Given names', patronymic: 'Patronymic',
    familyNameLatin: 'Family name (Latin)', givenNamesLatin: 'Given names (Latin)', companyName: 'Company', gender: 'Gender',
    birthDate: 'Birth date', phones: 'Phones', emails: 'E-mails', addresses: 'Addresses', consents: 'Consent to', tags: 'Tags',
    manager: 'Manager', source: 'Source', externalId: 'External ID', createdAt: 'Created',
  },
  ru: {
    id: 'ID', displayName: 'Имя', kind: 'Тип', familyName: 'Фамилия', givenNames: 'Имя (имена)', patronymic: 'Отчество',
    familyNameLatin: 'Фамилия (латиницей)', givenNamesLatin: 'Имя (латиницей)', companyName: 'Компания', gender: 'Пол',
    birthDate: 'Дата рождения', phones: 'Телефоны', emails: 'Эл. почта', addresses: 'Адреса', consents: 'Согласие на', tags: 'Метки',
    manager: 'Менеджер', source: 'Источник', externalId: 'Внешний ID', createdAt: 'Создан',
  },
  ar: {
    id: 'المعرّف', displayName: 'الاسم', kind: 'النوع', familyName: 'اسم العائلة', givenNames: 'الاسم الأول', patronymic: 'اسم الأب',
    familyNameLatin: 'اسم العائلة (بالحروف اللاتينية)', givenNamesLatin: 'الاسم الأول (بالحروف اللاتينية)', companyName: 'الشركة', gender: 'الجنس',
    birthDate: 'تاريخ الميلاد', phones: 'الهواتف', emails: 'البريد الإلكتروني', addresses: 'العناوين', consents: 'الموافقة على', tags: 'الوسوم',
    manager: 'المدير', source: 'المصدر', externalId: 'المعرّف الخارجي', createdAt: 'تاريخ الإنشاء',
  },
};
