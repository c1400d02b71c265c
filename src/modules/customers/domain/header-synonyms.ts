// What spreadsheet headers call each customer field, in English, Russian, Ukrainian, German, French,
// Spanish and Arabic. Written as people type them; columns.ts folds both sides the same way (case,
// accents, punctuation, the Arabic article), and a word of four letters or more also matches its
// inflections ("телефон" matches "телефона", "фамил" matches "Фамилия" and "Фамилии").
// The Latin-script variants of name fields are not listed: a marker such as "(лат.)" or "in English"
// next to a name header selects them (LATIN_MARKERS).

export const HEADER_SYNONYMS = {
  externalId: [
    'id', 'external id', 'customer id', 'client id', 'customer number', 'client number', 'customer code', 'code',
    'uuid', 'guid', 'код', 'код клиента', 'внешний код', 'идентификатор', 'ид', 'номер клиента',
    'код клієнта', 'ідентифікатор', 'kundennummer', 'kundennr', 'kunden nr', 'kunden id', 'identifiant',
    'code client', 'numero client', 'codigo', 'codigo cliente', 'numero de cliente', 'المعرف', 'رقم العميل',
  ],
  fullName: [
    'фио', 'ф и о', 'полное имя', 'имя клиента', 'клиент', 'покупатель', 'контакт', 'full name', 'name',
    'customer', 'client', 'customer name', 'client name', 'contact', 'contact name', 'піб', 'п і б',
    'повне імя', 'клієнт', 'vollstandiger name', 'kunde', 'nom complet', 'nom et prenom', 'nombre completo',
    'nombre y apellidos', 'cliente', 'الاسم الكامل', 'الاسم', 'اسم العميل',
  ],
  familyName: [
    'фамил', 'surname', 'last name', 'lastname', 'family name', 'прізвище', 'nachname', 'familienname',
    'nom', 'nom de famille', 'apellido', 'apellidos', 'primer apellido', 'اسم العائلة', 'العائلة', 'اللقب',
  ],
  givenName: [
    'имя', 'first name', 'firstname', 'given name', 'given names', 'forename', 'імя', 'vorname', 'prenom',
    'nombre', 'nombres', 'الاسم الأول', 'الاسم الاول',
  ],
  patronymic: [
    'отчеств', 'patronymic', 'middle name', 'middlename', 'по батькові', 'vatersname', 'patronyme', 'patronimico',
    'اسم الأب', 'اسم الاب',
  ],
  gender: [
    'пол', 'sex', 'gender', 'обращение', 'стать', 'geschlecht', 'anrede', 'sexe', 'genre', 'civilite',
    'salutation', 'title', 'sexo', 'genero', 'الجنس',
  ],
  birthDate: [
    'дата рождения', 'день рождения', 'рожд', 'др', 'д р', 'birth date', 'birthdate', 'date of birth', 'dob',
    'birthday', 'born', 'дата народження', 'день народження', 'geburtsdatum', 'geburtstag', 'geboren',
    'date de naissance', 'naissance', 'fecha de nacimiento', 'nacimiento', 'تاريخ الميلاد', 'الميلاد',
  ],
  phone: [
    'телефон', 'тел', 'моб', 'мобильный', 'сотовый', 'номер телефона', 'phone', 'telephone', 'tel', 'mobile',
    'cell', 'cellphone', 'cell phone', 'phone number', 'mobile phone', 'whatsapp', 'мобільний', 'handy',
    'mobil', 'telefon', 'telefonnummer', 'mobilnummer', 'portable', 'telefono', 'movil', 'celular',
    'الهاتف', 'رقم الهاتف', 'الجوال', 'رقم الجوال', 'موبايل',
  ],
  email: [
    'e mail', 'email', 'mail', 'email address', 'e mail address', 'почта', 'эл почта', 'электронная почта',
    'емейл', 'имейл', 'емэйл', 'пошта', 'ел пошта', 'електронна пошта', 'e mail adresse', 'courriel',
    'adresse e mail', 'adresse email', 'correo', 'correo electronico', 'البريد الإلكتروني', 'البريد', 'الايميل',
  ],
  documentNumber: [
    'паспорт', 'номер паспорта', 'серия и номер паспорта', 'загранпаспорт', 'документ', 'номер документа',
    'passport', 'passport no', 'passport number', 'document', 'document number', 'id document',
    'номер паспорта', 'reisepass', 'passnummer', 'ausweis', 'ausweisnummer', 'passeport',
    'numero de passeport', 'pasaporte', 'numero de pasaporte', 'documento', 'dni', 'جواز السفر',
    'رقم الجواز', 'رقم جواز السفر',
  ],
  documentExpiry: [
    'срок действия паспорта', 'срок действия', 'действителен до', 'passport expiry', 'passport expiration',
    'expiry date', 'expiration date', 'expiry', 'valid until', 'термін дії', 'дійсний до', 'gultig bis',
    'ablaufdatum', 'date d expiration', 'valable jusqu', 'fecha de caducidad', 'fecha de vencimiento',
    'تاريخ الانتهاء',
  ],
  citizenship: [
    'гражданство', 'citizenship', 'nationality', 'громадянство', 'staatsangehorigkeit', 'nationalitat',
    'nationalite', 'nacionalidad', 'الجنسية',
  ],
  cardNumber: [
    'номер карты', 'карта', 'карты', 'дисконтная карта', 'клубная карта', 'бонусная карта', 'card', 'card number',
    'card no', 'loyalty card', 'discount card', 'номер картки', 'картка', 'kartennummer', 'karte',
    'kundenkarte', 'carte', 'numero de carte', 'carte de fidelite', 'tarjeta', 'numero de tarjeta',
    'رقم البطاقة', 'البطاقة',
  ],
  city: ['город', 'city', 'town', 'місто', 'stadt', 'ort', 'wohnort', 'ville', 'ciudad', 'localidad', 'المدينة'],
  address: [
    'адрес', 'address', 'street', 'улица', 'вулиця', 'adresse', 'anschrift', 'strasse', 'direccion', 'domicilio',
    'العنوان',
  ],
  notes: [
    'примеч', 'коммент', 'заметки', 'notes', 'note', 'comment', 'comments', 'remarks', 'примітк', 'нотатки',
    'коментар', 'notizen', 'bemerkung', 'anmerkung', 'kommentar', 'remarques', 'commentaire', 'notas',
    'observaciones', 'comentario', 'ملاحظات', 'تعليق',
  ],
  tags: ['теги', 'тег', 'метки', 'tags', 'tag', 'labels', 'мітки', 'schlagworter', 'etiketten', 'etiquettes', 'etiquetas', 'الوسوم', 'علامات'],
} as const;

/** Words that turn a name header into its Latin-script variant: "Фамилия (лат.)", "Name in English". */
export const LATIN_MARKERS: readonly string[] = [
  'лат', 'латиницей', 'латинскими', 'латинице', 'латиница', 'латиниця', 'латиницею', 'латинськими', 'англ',
  'английски', 'по английски', 'англійською', 'latin', 'latin letters', 'in latin', 'english', 'in english', 'eng', 'en', 'lat',
  'as in passport', 'как в загранпаспорте', 'romanized', 'transliterated',
];
