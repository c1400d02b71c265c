// A deterministic customer file of any size, for the 100 000-row test and the 1 000 000-row benchmark:
// the mix a shop in Russia or the Gulf really exports — Russian and Ukrainian names with patronymics,
// passport-style Latin capitals, German, Spanish, French, English and Arabic names, phones typed every
// way people type them, e-mails for most, birth dates as "31.12.1980", a gender column in Russian.

/** mulberry32: small, fast, and the same sequence on every machine for the same seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Culture {
  share: number;
  /** [male, female] family names; a single list when the name does not change with gender. */
  family: readonly [readonly string[], readonly string[]];
  given: readonly [readonly string[], readonly string[]];
  patronymic?: readonly [readonly string[], readonly string[]];
  phone: (r: () => number) => string;
  mailDomain: readonly string[];
  latinOf?: (name: string) => string;
}

const digits = (r: () => number, n: number): string => Array.from({ length: n }, () => Math.floor(r() * 10)).join('');
const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)] as T;

function russianPhone(r: () => number): string {
  const code = `9${pick(r, ['16', '03', '26', '85', '99', '15', '05', '62', '77', '31'])}`;
  const n = digits(r, 7);
  const formats = [
    () => `8 (${code}) ${n.slice(0, 3)}-${n.slice(3, 5)}-${n.slice(5)}`,
    () => `+7 ${code} ${n.slice(0, 3)}-${n.slice(3, 5)}-${n.slice(5)}`,
    () => `7${code}${n}`,
    () => `8${code}${n}`,
    () => `+7(${code})${n}`,
  ];
  return pick(r, formats)();
}

const RU_FAMILY_STEMS = ['Иванов', 'Смирнов', 'Кузнецов', 'Попов', 'Васильев', 'Петров', 'Соколов', 'Михайлов', 'Новиков', 'Фёдоров',
  'Морозов', 'Волков', 'Алексеев', 'Лебедев', 'Семёнов', 'Егоров', 'Павлов', 'Козлов', 'Степанов', 'Николаев', 'Орлов', 'Андреев',
  'Макаров', 'Никитин', 'Захаров', 'Зайцев', 'Соловьёв', 'Борисов', 'Яковлев', 'Григорьев', 'Романов', 'Воробьёв', 'Сергеев', 'Щербаков',
  'Кудрявцев', 'Баранов', 'Куликов', 'Алексеев', 'Жуков', 'Белов', 'Тарасов', 'Белоусов', 'Комаров', 'Киселёв', 'Ильин', 'Гусев', 'Титов',
  'Кузьмин', 'Максимов', 'Поляков', 'Сорокин', 'Виноградов', 'Ковалёв', 'Чернов', 'Абрамов', 'Мартынов', 'Ефимов', 'Фомин', 'Дьячков'];
const RU_ADJ_STEMS = ['Чайковск', 'Достоевск', 'Вяземск', 'Збруев', 'Троицк', 'Покровск', 'Успенск', 'Трубецк'];
const RU_MALE = ['Александр', 'Алексей', 'Андрей', 'Артём', 'Борис', 'Вадим', 'Василий', 'Виктор', 'Владимир', 'Вячеслав', 'Георгий',
  'Григорий', 'Дмитрий', 'Евгений', 'Егор', 'Иван', 'Игорь', 'Илья', 'Кирилл', 'Константин', 'Максим', 'Михаил', 'Никита', 'Николай',
  'Олег', 'Павел', 'Пётр', 'Роман', 'Семён', 'Сергей', 'Степан', 'Фёдор', 'Юрий', 'Ярослав'];
const RU_FEMALE = ['Александра', 'Алина', 'Анастасия', 'Анна', 'Валентина', 'Валерия', 'Вера', 'Виктория', 'Галина', 'Дарья', 'Евгения',
  'Екатерина', 'Елена', 'Елизавета', 'Ирина', 'Ксения', 'Любовь', 'Людмила', 'Марина', 'Мария', 'Надежда', 'Наталья', 'Нина', 'Ольга',
  'Полина', 'Светлана', 'София', 'Татьяна', 'Юлия', 'Яна'];
const RU_FATHERS = ['Александр', 'Алексей', 'Андрей', 'Борис', 'Виктор', 'Владимир', 'Дмитрий', 'Евгений', 'Иван', 'Игорь', 'Михаил',
  'Николай', 'Олег', 'Павел', 'Пётр', 'Сергей', 'Юрий', 'Василий', 'Григорий', 'Фёдор'];
function patronymicOf(father: string, female: boolean): string {
  if (/ий$/u.test(father)) return father.slice(0, -2) + (female ? 'ьевна' : 'ьевич');
  if (/й$/u.test(father)) return father.slice(0, -1) + (female ? 'евна' : 'евич');
  if (/[ая]$/u.test(father)) return father.slice(0, -1) + (female ? 'ична' : 'ич');
  return father + (female ? 'овна' : 'ович');
}
const RU_FAMILY: [string[], string[]] = [
  [...RU_FAMILY_STEMS, ...RU_ADJ_STEMS.map((s) => `${s}ий`)],
  [...RU_FAMILY_STEMS.map((s) => `${s}а`), ...RU_ADJ_STEMS.map((s) => `${s}ая`)],
];

const CULTURES: readonly Culture[] = [
  {
    share: 0.5, family: RU_FAMILY, given: [RU_MALE, RU_FEMALE],
    patronymic: [RU_FATHERS.map((f) => patronymicOf(f, false)), RU_FATHERS.map((f) => patronymicOf(f, true))],
    phone: russianPhone, mailDomain: ['mail.ru', 'yandex.ru', 'gmail.com', 'bk.ru', 'rambler.ru'],
  },
  {
    share: 0.1,
    family: [['Шевченко', 'Коваленко', 'Бондаренко', 'Ткаченко', 'Кравченко', 'Олійник', 'Мельник', 'Савчук', 'Поліщук', 'Бойко'], []],
    given: [['Олександр', 'Андрій', 'Дмитро', 'Сергій', 'Тарас', 'Богдан', 'Микола', 'Юрій'], ['Оксана', 'Олена', 'Наталія', 'Ірина', 'Тетяна', 'Ганна', 'Марія', 'Юлія']],
    patronymic: [['Петрович', 'Іванович', 'Миколайович', 'Олександрович'], ['Петрівна', 'Іванівна', 'Миколаївна', 'Олександрівна']],
    phone: russianPhone, mailDomain: ['ukr.net', 'gmail.com', 'i.ua'],
  },
  {
    share: 0.08, // passport spellings, as an agency copies them from a scan
    family: [['IVANOV', 'SHCHERBAKOV', 'KUZNETSOV', 'OBIEEDKOV', 'ZHUKOV', 'FEDOROV', 'KHABAROV', 'TSVETKOV'], ['IVANOVA', 'SHCHERBAKOVA', 'KUZNETSOVA', 'ZHUKOVA', 'FEDOROVA', 'TSVETKOVA', 'SOLOVEVA']],
    given: [['ALEKSEI', 'DMITRII', 'IURII', 'MIKHAIL', 'SEMEN', 'VIACHESLAV', 'ARTEM'], ['IULIIA', 'NATALIA', 'MARIIA', 'KSENIIA', 'TATIANA', 'ELENA', 'DARIA']],
    phone: russianPhone, mailDomain: ['mail.ru', 'gmail.com'],
  },
  {
    share: 0.08,
    family: [['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schäfer', 'Koch', 'Hoffmann', 'Groß'], []],
    given: [['Jürgen', 'Stefan', 'Lukas', 'Jörg', 'Klaus', 'Matthias', 'Tobias'], ['Anna', 'Lena', 'Käthe', 'Sabine', 'Ursula', 'Jana']],
    phone: (r) => (r() < 0.5 ? `+49 1${pick(r, ['51', '76'])} ${digits(r, 8)}` : `+49 1${pick(r, ['60', '70'])} ${digits(r, 7)}`), mailDomain: ['web.de', 'gmx.de', 't-online.de'],
  },
  {
    share: 0.08,
    family: [['García', 'Fernández', 'López', 'Martínez', 'Sánchez', 'Dubois', 'Lefèvre', 'Moreau', 'Giraud', 'Peña'], []],
    given: [['José', 'Jesús', 'Álvaro', 'François', 'Jérôme', 'Raúl'], ['María José', 'Lucía', 'Inés', 'Françoise', 'Hélène', 'Zoë']],
    phone: (r) => (r() < 0.5 ? `+34 6${digits(r, 2)} ${digits(r, 3)} ${digits(r, 3)}` : `+33 6 ${pick(r, ['1', '2', '4', '5', '6', '7'])}${digits(r, 1)} ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)}`),
    mailDomain: ['gmail.com', 'orange.fr', 'telefonica.es'],
  },
  {
    share: 0.06,
    family: [['Smith', 'Johnson', "O'Brien", 'Williams', 'Brown', 'Taylor', 'Davies', 'McDonald'], []],
    given: [['John', 'Michael', 'David', 'James', 'Oliver'], ['Mary', 'Emma', 'Olivia', 'Sarah', 'Emily']],
    phone: (r) => `+44 7${pick(r, ['400', '825', '507', '920'])} ${digits(r, 6)}`, mailDomain: ['gmail.com', 'outlook.com', 'btinternet.com'],
  },
  {
    share: 0.06,
    family: [['الهاشمي', 'المنصوري', 'الشامسي', 'الكعبي', 'النعيمي', 'حداد', 'خوري'], []],
    given: [['محمد', 'أحمد', 'علي', 'عمر', 'خالد', 'يوسف'], ['فاطمة', 'مريم', 'عائشة', 'نور', 'ليلى', 'سارة']],
    phone: (r) => `+971 5${pick(r, ['0', '2', '5', '6'])} ${digits(r, 3)} ${digits(r, 4)}`, mailDomain: ['gmail.com', 'emirates.net.ae'],
    latinOf: () => '',
  },
  {
    share: 0.04,
    family: [['Нурланов', 'Сейтказиев', 'Ахметов', 'Гарипов', 'Хабибуллин'], ['Нурланова', 'Сейтказиева', 'Ахметова', 'Гарипова', 'Хабибуллина']],
    given: [['Нурлан', 'Ерлан', 'Айдар', 'Рустам', 'Марат'], ['Айгуль', 'Динара', 'Гульнара', 'Асель', 'Алия']],
    phone: russianPhone, mailDomain: ['mail.ru', 'mail.kz'],
  },
];

const MAIL_LATIN: Readonly<Record<string, string>> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o',
  п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'sch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu',
  я: 'ya', і: 'i', ї: 'i', є: 'e', ґ: 'g', ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss',
};
function mailWord(name: string): string {
  const lower = name.toLowerCase();
  let out = '';
  for (const ch of lower) out += MAIL_LATIN[ch] ?? ch;
  return out.normalize('NFD').replace(/[^a-z]/gu, '');
}

export const SYNTHETIC_HEADER = ['Код клиента', 'Фамилия', 'Имя', 'Отчество', 'Дата рождения', 'Телефон', 'E-mail', 'Пол'] as const;

/** One row of the synthetic file (its cells in SYNTHETIC_HEADER order); row numbers start at 1. */
export function syntheticRow(r: () => number, n: number): string[] {
  let u = r();
  let culture = CULTURES[0] as Culture;
  for (const c of CULTURES) {
    if (u < c.share) {
      culture = c;
      break;
    }
    u -= c.share;
  }
  const female = r() < 0.55;
  const g = female ? 1 : 0;
  const familyList = culture.family[g].length > 0 ? culture.family[g] : culture.family[0];
  const family = pick(r, familyList);
  const given = pick(r, culture.given[g]);
  const patronymic = culture.patronymic && r() < 0.85 ? pick(r, culture.patronymic[g]) : '';
  const year = 1940 + Math.floor(r() * 68);
  const month = 1 + Math.floor(r() * 12);
  const day = 1 + Math.floor(r() * 28);
  const birth = r() < 0.9 ? `${String(day).padStart(2, '0')}.${String(month).padStart(2, '0')}.${year}` : '';
  // One phone in two hundred is a typo that no operator issued, as in any real base.
  const phone = r() < 0.9 ? (r() < 0.005 ? digits(r, 5) : culture.phone(r)) : '';
  const local = culture.latinOf ? `client${n}` : `${mailWord(given)}.${mailWord(family)}${n % 1000}`;
  const email = r() < 0.7 ? `${r() < 0.1 ? local.toUpperCase() : local}@${pick(r, culture.mailDomain)}` : '';
  const gender = r() < 0.6 ? (female ? 'Ж' : 'М') : '';
  return [`C${String(n).padStart(8, '0')}`, family, given, patronymic, birth, phone, email, gender];
}

function csvCell(cell: string): string {
  return /[;"\r\n]/u.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/** The file as Excel's "CSV (semicolon)" would write it, in chunks of about `chunkRows` rows. */
export function* syntheticCsvChunks(count: number, options: { seed?: number; chunkRows?: number; firstId?: number } = {}): Generator<string> {
  const r = seededRandom(options.seed ?? 20261122);
  const chunkRows = options.chunkRows ?? 10_000;
  const first = options.firstId ?? 1;
  let chunk = `${SYNTHETIC_HEADER.join(';')}\r\n`;
  for (let i = 0; i < count; i++) {
    chunk += `${syntheticRow(r, first + i).map(csvCell).join(';')}\r\n`;
    if ((i + 1) % chunkRows === 0) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk !== '') yield chunk;
}

/** The whole file as UTF-8 bytes. */
export function syntheticCsv(count: number, options: { seed?: number; firstId?: number } = {}): Buffer {
  return Buffer.from(Array.from(syntheticCsvChunks(count, options)).join(''), 'utf8');
}
