// Search on 1 000 000 customers. Generates a deterministic customer base (seeded) of Russian, Ukrainian,
// English, Arabic and Estonian names with realistic namesakes (surnames drawn from a Zipf-like law, so
// "Иванова" is shared by thousands), loads it with COPY into an embedded PostgreSQL in a temporary
// DATA_DIR (migrated with the real migrations; the secondary indexes are dropped for the load and rebuilt
// from their own definitions), then times a mix of searches through the real service function: exact
// surname, transliterated surname, a typo, a phone in local format, a prefix, and surname + given name.
// The ceiling is a primary-key lookup through the same pool in the same run.
// Usage: npx tsx bench/customers-search.ts [customers]   (npm run bench:customers-search)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { connect } from '../src/platform/db/database.js';
import { startEmbeddedPostgres } from '../src/platform/db/embedded.js';
import { migrate } from '../src/platform/db/migrate.js';
import { uuidV7Ids } from '../src/platform/ids.js';
import { createLogger } from '../src/platform/logging.js';
import { systemClock } from '../src/platform/time.js';
import type { ServiceContext } from '../src/platform/context.js';
import { createOrganization, type Actor } from '../src/modules/tenancy/index.js';
import { searchKeysOf } from '../src/modules/customers/service.js';
import { searchCustomers } from '../src/modules/customers/search/service.js';
import { toLatin } from '../src/modules/customers/domain/transliteration.js';

const N = Number(process.argv[2] ?? 1_000_000);
const QUERIES = 400;

// mulberry32: small, fast, seeded.
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Index picker with weight 1/(k+10): the first surname is ~2.5% of its group, as Ivanov is in Russia. */
function zipf(n: number, random: () => number) {
  const cumulative: number[] = [];
  let sum = 0;
  for (let k = 0; k < n; k++) cumulative.push((sum += 1 / (k + 10)));
  return () => {
    const x = random() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) { const mid = (lo + hi) >> 1; if ((cumulative[mid] as number) < x) lo = mid + 1; else hi = mid; }
    return lo;
  };
}

const pick = <T>(list: readonly T[], random: () => number): T => list[Math.floor(random() * list.length)] as T;

interface Person { id: string; group: NameGroup['name']; family: string; given: string; patronymic: string | null; familyLatin: string | null; givenLatin: string | null; gender: 'female' | 'male'; birth: string; phone: string; email: string | null }

function uuidFrom(i: number, random: () => number): string {
  const hex = (n: number, len: number) => Math.floor(n).toString(16).padStart(len, '0').slice(-len);
  const ms = 1_700_000_000_000 + i * 30; // time-ordered like UUIDv7
  return `${hex(ms / 0x10000, 8)}-${hex(ms % 0x10000, 4)}-7${hex(random() * 0xfff, 3)}-${hex(0x8000 + random() * 0x3fff, 4)}-${hex(random() * 0xffffffff, 8)}${hex(random() * 0xffff, 4)}`;
}

function* people(n: number): Generator<Person> {
  const random = rng(20261122);
  const surnamePickers = new Map(GROUPS.map((g) => [g.name, zipf(g.surnames.length, random)]));
  const weights = GROUPS.map((g) => g.share);
  for (let i = 0; i < n; i++) {
    let x = random() * weights.reduce((s, w) => s + w, 0);
    const group = GROUPS.find((g) => (x -= g.share) < 0) ?? GROUPS[0]!;
    const gender = random() < 0.55 ? 'female' : 'male';
    const surname = group.surnames[surnamePickers.get(group.name)!()]!;
    const family = gender === 'female' ? group.feminine(surname) : surname;
    const given = pick(gender === 'female' ? group.female : group.male, random);
    const father = group.patronymic ? pick(group.male, random) : null;
    const patronymic = father && group.patronymic ? group.patronymic(father, gender) : null;
    const latin = group.latin(family, given, random);
    const year = 1940 + Math.floor(random() * 65);
    const day = 1 + Math.floor(random() * 28);
    const month = 1 + Math.floor(random() * 12);
    yield {
      id: uuidFrom(i, random), group: group.name, family, given, patronymic, familyLatin: latin?.family ?? null, givenLatin: latin?.given ?? null, gender,
      birth: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      phone: group.phone(i), email: random() < 0.3 ? `${(latin?.given ?? toLatin(given)).toLowerCase().replace(/[^a-z]/g, '')}.${i}@example.com` : null,
    };
  }
}

const copyText = (v: string | null) => (v === null ? '\\N' : v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n'));

async function copyRows(pool: pg.Pool, statement: string, rows: Iterable<(string | null)[]>) {
  const client = await pool.connect();
  try {
    const source = Readable.from((function* () {
      let chunk = '';
      for (const r of rows) {
        chunk += `${r.map(copyText).join('\t')}\n`;
        if (chunk.length > 1 << 20) { yield chunk; chunk = ''; }
      }
      if (chunk) yield chunk;
    })());
    await pipeline(source, client.query(copyStreams.from(statement)));
  } finally {
    client.release();
  }
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
const round = (v: number) => Math.round(v * 100) / 100;
const log = (line: string) => process.stderr.write(`${line}\n`);

async function main() {
  // BENCH_DATA_DIR keeps the loaded base between runs (for tuning); by default a temporary one is removed.
  const keep = process.env.BENCH_DATA_DIR;
  const dir = keep ?? fs.mkdtempSync(path.join(os.tmpdir(), 'regulars-bench-search-'));
  fs.mkdirSync(dir, { recursive: true });
  fs.chmodSync(dir, 0o755);
  const server = await startEmbeddedPostgres({ dataDir: dir });
  const handle = connect(server.url, 4);
  try {
    await migrate(handle.pool);
    const ctx: ServiceContext = { db: handle.db, clock: systemClock, ids: uuidV7Ids, log: createLogger('silent', false) };
    const existing = await handle.db.selectFrom('staff').select(['id', 'organization_id']).where('email', '=', 'owner@bench.example').executeTakeFirst();
    const loaded = existing ? Number((await handle.pool.query<{ n: string }>('SELECT count(*) AS n FROM customers WHERE organization_id = $1', [existing.organization_id])).rows[0]?.n) : 0;
    let org = existing;
    if (!org) {
      const created = await createOrganization(ctx, { name: 'Bench', currency: 'RUB', timeZone: 'Europe/Moscow', country: 'RU', owner: { email: 'owner@bench.example', name: 'Owner', password: 'bench password 1' } });
      org = { id: created.owner.id, organization_id: created.organization.id };
    }
    const actor: Actor = { organizationId: org.organization_id, role: 'owner', staffId: org.id, apiKeyId: null, outletId: null };
    const orgId = org.organization_id;
    if (loaded !== 0 && loaded !== N) throw new Error(`${dir} holds ${loaded} customers, not ${N}`);

    // Drop the secondary indexes for the load (constraint indexes stay) and rebuild them after, as an
    // operator loading a base would; the definitions are read from the database, so they are the real ones.
    const { rows: indexes } = await handle.pool.query<{ name: string; def: string }>(`
      SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
      WHERE i.tablename IN ('customers', 'customer_contacts') AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`);
    if (!loaded) for (const ix of indexes) await handle.pool.query(`DROP INDEX ${ix.name}`);

    const keyCache = new Map<string, string>();
    const started = performance.now();
    const sample: Person[] = [];
    const contacts: (string | null)[][] = [];
    let contactId = 0;
    const now = new Date().toISOString();
    /** The customer rows in COPY order; collects the contacts and a sample of people on the way. */
    function* customerRows() {
      let i = 0;
      for (const p of people(N)) {
        const cacheKey = `${p.family}|${p.given}|${p.patronymic}|${p.familyLatin}|${p.givenLatin}`;
        let keys = keyCache.get(cacheKey);
        if (keys === undefined) { keys = searchKeysOf({ familyName: p.family, givenNames: p.given, patronymic: p.patronymic, familyNameLatin: p.familyLatin, givenNamesLatin: p.givenLatin }); keyCache.set(cacheKey, keys); }
        if (i % 2500 === 0) sample.push(p);
        const cid = () => `00000000-0000-7000-9000-${(++contactId).toString(16).padStart(12, '0')}`;
        contacts.push([cid(), orgId, p.id, 'phone', p.phone, 'true', now]);
        if (p.email) contacts.push([cid(), orgId, p.id, 'email', p.email, 'true', now]);
        const display = [p.family, p.given, p.patronymic].filter(Boolean).join(' ');
        yield [p.id, orgId, 'person', p.family, p.given, p.patronymic, p.familyLatin, p.givenLatin, display, p.gender, p.birth, keys, now, now];
        i++;
      }
    }
    if (loaded) {
      for (const _row of customerRows()) { /* the same draws give the same sample of people to search for */ }
    } else {
      await copyRows(handle.pool, 'COPY customers (id, organization_id, kind, family_name, given_names, patronymic, family_name_latin, given_names_latin, display_name, gender, birth_date, search_keys, created_at, updated_at) FROM STDIN', customerRows());
      await copyRows(handle.pool, 'COPY customer_contacts (id, organization_id, customer_id, kind, value, is_primary, created_at) FROM STDIN', contacts);
    }
    const loadedMs = performance.now() - started;
    log(`${loaded ? 'reused' : 'loaded'} ${N} customers and ${contacts.length} contacts (${(loadedMs / 1000).toFixed(1)} s)`);
    const indexStarted = performance.now();
    if (!loaded) {
      await handle.pool.query(`SET maintenance_work_mem = '512MB'`);
      for (const ix of indexes) await handle.pool.query(ix.def);
      await handle.pool.query('ANALYZE customers; ANALYZE customer_contacts; ANALYZE customer_search_words');
    }
    const indexMs = performance.now() - indexStarted;
    if (!loaded) log(`built ${indexes.length} indexes in ${(indexMs / 1000).toFixed(1)} s`);

    // The query mix, drawn from the generated people so every query has real answers.
    const random = rng(7);
    // One letter dropped inside the word: the commonest typo. Words under five letters allow none.
    const typo = (word: string) => { const at = 1 + Math.floor(random() * (word.length - 2)); return word.slice(0, at) + word.slice(at + 1); };
    const localPhone = (e164: string) => e164.startsWith('+7') ? `8 (${e164.slice(2, 5)}) ${e164.slice(5, 8)}-${e164.slice(8, 10)}-${e164.slice(10)}` : e164.replace(/^(\+\d{3})(\d{2})(\d+)$/, '$1 $2 $3');
    const kinds = ['exact', 'translit', 'typo', 'phone', 'prefix', 'name_given'] as const;
    const queries: { kind: (typeof kinds)[number]; q: string }[] = [];
    for (let i = 0; i < QUERIES; i++) {
      const p = pick(sample, random);
      const latinFamily = p.familyLatin ?? toLatin(p.family);
      const kind = kinds[i % kinds.length]!;
      const q = kind === 'exact' ? p.family
        : kind === 'translit' ? (/[А-Яа-яЁё]/.test(p.family) ? latinFamily : p.family)
        : kind === 'typo' ? ((w) => (w ? typo(w) : p.family))([latinFamily, p.givenLatin ?? toLatin(p.given)].find((w) => Array.from(w).length >= 5))
        : kind === 'phone' ? localPhone(p.phone)
        : kind === 'prefix' ? Array.from(p.family).slice(0, 4).join('')
        : `${p.family} ${p.given}`;
      queries.push({ kind, q });
    }
    for (const { q } of queries.slice(0, 30)) await searchCustomers(ctx, actor, { q, limit: 20 }); // warm-up
    const times: number[] = [];
    const byKind = new Map<string, number[]>();
    let empty = 0;
    for (const { kind, q } of queries) {
      const t0 = performance.now();
      const r = await searchCustomers(ctx, actor, { q, limit: 20 });
      const ms = performance.now() - t0;
      if (r.items.length === 0) { empty++; log(`no result for ${kind} "${q}"`); }
      times.push(ms);
      (byKind.get(kind) ?? byKind.set(kind, []).get(kind)!).push(ms);
    }
    const pk: number[] = [];
    for (let i = 0; i < QUERIES; i++) {
      const id = pick(sample, random).id;
      const t0 = performance.now();
      await handle.db.selectFrom('customers').selectAll().where('organization_id', '=', orgId).where('id', '=', id).executeTakeFirstOrThrow();
      pk.push(performance.now() - t0);
    }
    times.sort((x, y) => x - y);
    pk.sort((x, y) => x - y);
    const perKind = Object.fromEntries([...byKind].map(([k, v]) => { v.sort((x, y) => x - y); return [`${k}_p99_ms`, round(percentile(v, 99))]; }));
    const figures = {
      customers: N, contacts: contacts.length, queries: QUERIES, empty_results: empty,
      search_p50_ms: round(percentile(times, 50)), search_p99_ms: round(percentile(times, 99)),
      pk_lookup_p50_ms: round(percentile(pk, 50)), pk_lookup_p99_ms: round(percentile(pk, 99)),
      search_p99_over_pk_p99: round(percentile(times, 99) / percentile(pk, 99)),
      ...perKind,
      load_s: round(loadedMs / 1000), index_build_s: round(indexMs / 1000),
    };
    for (const [k, v] of byKind) log(`${k.padEnd(11)} p50 ${percentile(v, 50).toFixed(1)} ms  p99 ${percentile(v, 99).toFixed(1)} ms`);
    process.stdout.write(`${JSON.stringify(figures)}\n`);
  } finally {
    await handle.close();
    await server.stop();
    if (!keep) fs.rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------
// The names. Surnames are listed most common first (the Zipf-like draw makes the first ones shared by
// thousands). Russians get patronymics, and a third of them a passport Latin name (ICAO); Arabic names
// are kept in Arabic script with the Latin spelling most of them use.

interface NameGroup {
  name: 'ru' | 'uk' | 'en' | 'ar' | 'et';
  share: number;
  surnames: readonly string[];
  female: readonly string[];
  male: readonly string[];
  feminine(surname: string): string;
  patronymic?: (father: string, gender: 'female' | 'male') => string;
  latin(family: string, given: string, random: () => number): { family: string; given: string } | null;
  phone(i: number): string;
}

const words = (text: string) => text.trim().split(/\s+/u);
const RU_SURNAMES = words(`Иванов Смирнов Кузнецов Попов Васильев Петров Соколов Михайлов Новиков Фёдоров Морозов Волков Алексеев
  Лебедев Семёнов Егоров Павлов Козлов Степанов Николаев Орлов Андреев Макаров Никитин Захаров Зайцев Соловьёв Борисов Яковлев
  Григорьев Романов Воробьёв Сергеев Кузьмин Фролов Александров Дмитриев Королёв Гусев Киселёв Ильин Максимов Поляков Сорокин
  Виноградов Ковалёв Белов Медведев Антонов Тарасов Жуков Баранов Филиппов Комаров Давыдов Беляев Герасимов Богданов Осипов
  Сидоров Матвеев Титов Марков Миронов Крылов Куликов Карпов Власов Мельников Денисов Гаврилов Тихонов Казаков Афанасьев Данилов
  Савельев Тимофеев Фомин Чернов Абрамов Мартынов Ефимов Федотов Щербаков Назаров Калинин Исаев Чернышёв Быков Маслов Родионов
  Коновалов Лазарев Воронин Климов Филатов Пономарёв Голубев Кудрявцев Прохоров Наумов Потапов Журавлёв Овчинников Трофимов
  Леонов Соболев Ермаков Колесников Гончаров Емельянов Никифоров Грачёв Котов Гришин Ефремов Архипов Громов Кириллов Малышев
  Панов Моисеев Румянцев Акимов Кондратьев Бирюков Горбунов Анисимов Ерёмин Тихомиров Галкин Лукьянов Михеев Скворцов Юдин
  Белоусов Нестеров Симонов Прокофьев Харитонов Князев Цветков Левин Митрофанов Воронов Аксёнов Мальцев Логинов Горшков Савин
  Краснов Майоров Демидов Елисеев Рыбаков Сафонов Плотников Дёмин Хохлов Жданов Шубин Мухин Кулагин Лапин Ширяев Блинов Кононов
  Маркин Островский Вишневский Покровский Завьялов Щукин Шестаков Зуев Зыков Дорофеев`);
const RU_FEMALE = words(`Анна Мария Елена Ольга Наталья Татьяна Ирина Светлана Екатерина Юлия Анастасия Дарья Александра Ксения
  Виктория Марина Людмила Галина Валентина Надежда Вера Любовь Полина Алина Софья Евгения Кристина Елизавета Оксана Алёна`);
const RU_MALE = words(`Александр Сергей Дмитрий Андрей Алексей Максим Евгений Иван Михаил Николай Владимир Павел Артём Игорь
  Роман Олег Денис Виктор Юрий Антон Константин Никита Кирилл Илья Владислав Пётр Фёдор Георгий Борис Василий Григорий Степан
  Семён Тимофей Егор Лев Матвей Анатолий Леонид Вячеслав`);
const RU_PATRONYMIC_STEMS: Readonly<Record<string, string>> = {
  Сергей: 'Сергее', Андрей: 'Андрее', Алексей: 'Алексее', Евгений: 'Евгенье', Николай: 'Николае', Дмитрий: 'Дмитрие', Георгий: 'Георгие',
  Юрий: 'Юрье', Василий: 'Василье', Григорий: 'Григорье', Анатолий: 'Анатолье', Игорь: 'Игоре', Пётр: 'Петро', Павел: 'Павло', Лев: 'Льво',
  Вячеслав: 'Вячеславо', Тимофей: 'Тимофее', Матвей: 'Матвее',
};
function ruPatronymic(father: string, gender: 'female' | 'male'): string {
  if (father === 'Илья') return gender === 'male' ? 'Ильич' : 'Ильинична';
  if (father === 'Никита') return gender === 'male' ? 'Никитич' : 'Никитична';
  return `${RU_PATRONYMIC_STEMS[father] ?? `${father}о`}${gender === 'male' ? 'вич' : 'вна'}`;
}
const ruFeminine = (s: string) => (/(ов|ев|ёв|ин|ын)$/u.test(s) ? `${s}а` : s.endsWith('ский') ? `${s.slice(0, -2)}ая` : s);

const UK_SURNAMES = words(`Шевченко Коваленко Бондаренко Ткаченко Кравченко Олійник Шевчук Поліщук Бойко Ткачук Мельник Лисенко Марченко
  Руденко Савченко Петренко Клименко Павленко Кузьменко Левченко Гончаренко Мороз Карпенко Власенко Романенко Литвиненко Сидоренко
  Тимошенко Онищенко Кравчук Гаврилюк Приходько Юрченко Костенко Кушнір Панченко Зінченко Харченко Головко Олексієнко`);
const UK_FEMALE = words('Олена Оксана Наталія Ірина Тетяна Юлія Світлана Анна Марія Катерина Ольга Людмила Галина Вікторія Христина Богдана Соломія Ярослава Дарина Софія');
const UK_MALE = words('Олександр Андрій Сергій Володимир Дмитро Микола Іван Юрій Олег Тарас Богдан Василь Михайло Віталій Роман Ярослав Петро Степан Остап Максим');

const EN_SURNAMES = words(`Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Thomas Moore Martin Jackson Thompson White
  Harris Clark Lewis Robinson Walker Young Allen King Wright Scott Hill Green Adams Baker Nelson Carter Mitchell Roberts Turner Phillips
  Campbell Parker Evans Edwards Collins Stewart Morris Murphy Cook Rogers Morgan Cooper Peterson Reed Bailey Bell Kelly Howard Ward Cox
  Richardson Wood Watson Brooks Bennett Gray Hughes Price Sanders Myers Long Ross Foster O'Brien O'Neil McDonald`);
const EN_FEMALE = words('Mary Emma Olivia Sophia Emily Sarah Jessica Jennifer Elizabeth Anna Laura Hannah Grace Chloe Lucy Charlotte Amelia Isabella Rachel Rebecca');
const EN_MALE = words('James John Robert Michael William David Richard Thomas Daniel Matthew George Oliver Jack Harry Charles Edward Henry Samuel Benjamin Peter');

const AR_SURNAMES: readonly (readonly [string, string])[] = [
  ['حداد', 'Haddad'], ['الخوري', 'Al-Khouri'], ['منصور', 'Mansour'], ['عباس', 'Abbas'], ['حسن', 'Hassan'], ['حسين', 'Hussein'], ['علي', 'Ali'],
  ['إبراهيم', 'Ibrahim'], ['يوسف', 'Youssef'], ['سالم', 'Salem'], ['خليل', 'Khalil'], ['ناصر', 'Nasser'], ['صالح', 'Saleh'], ['عيسى', 'Issa'],
  ['موسى', 'Mousa'], ['الحسيني', 'Al-Husseini'], ['الشامي', 'Al-Shami'], ['العلي', 'Al-Ali'], ['المصري', 'Al-Masri'], ['النجار', 'Al-Najjar'],
  ['قاسم', 'Qasim'], ['عثمان', 'Othman'], ['محمود', 'Mahmoud'], ['فارس', 'Fares'], ['جابر', 'Jaber'], ['رشيد', 'Rashid'], ['طه', 'Taha'], ['عودة', 'Odeh'],
];
const AR_FEMALE: readonly (readonly [string, string])[] = [['فاطمة', 'Fatima'], ['ليلى', 'Layla'], ['مريم', 'Maryam'], ['نور', 'Nour'], ['سارة', 'Sara'], ['عائشة', 'Aisha'], ['زينب', 'Zainab'], ['هدى', 'Huda'], ['رنا', 'Rana'], ['ياسمين', 'Yasmin'], ['سلمى', 'Salma'], ['دينا', 'Dina']];
const AR_MALE: readonly (readonly [string, string])[] = [['محمد', 'Mohammed'], ['أحمد', 'Ahmed'], ['علي', 'Ali'], ['عمر', 'Omar'], ['خالد', 'Khaled'], ['يوسف', 'Youssef'], ['حسن', 'Hassan'], ['إبراهيم', 'Ibrahim'], ['كريم', 'Karim'], ['سامي', 'Sami'], ['طارق', 'Tariq'], ['ماجد', 'Majid']];
const arLatin = new Map([...AR_SURNAMES, ...AR_FEMALE, ...AR_MALE]);

const ET_SURNAMES = words(`Tamm Saar Sepp Mägi Kask Kukk Rebane Ilves Pärn Koppel Lepik Kuusk Karu Vaher Lill Oja Kivi Põder Mets Raudsepp Teder
  Järv Kallas Luik Laur Kangur Kõiv Kaasik Lepp Org Peterson Vares Ots Toom Paju Aavik Allik Rand Roos Unt`);
const ET_FEMALE = words('Kristiina Mari Anu Kati Tiina Liis Triin Kadri Maarja Eva Helen Piret Kerli Merike Laura Sandra Maria Anna Elisabeth Grete');
const ET_MALE = words('Jaan Toomas Andres Mart Priit Tõnu Rein Indrek Margus Marko Kristjan Siim Rasmus Martin Karl Oskar Tanel Raivo Urmas Madis');

/** A unique, valid mobile number per customer index: the index spreads over the operator codes and subscriber digits. */
const mobile = (prefix: string, codes: readonly string[], digits: number) => (i: number) => {
  const subscriber = String((Math.floor(i / codes.length) * 7919) % 10 ** digits).padStart(digits, '0');
  return `${prefix}${codes[i % codes.length]}${subscriber}`;
};

const GROUPS: readonly NameGroup[] = [
  {
    name: 'ru', share: 0.45, surnames: RU_SURNAMES, female: RU_FEMALE, male: RU_MALE, feminine: ruFeminine, patronymic: ruPatronymic,
    latin: (family, given, random) => (random() < 0.33 ? { family: toLatin(family).toUpperCase(), given: toLatin(given).toUpperCase() } : null),
    phone: mobile('+7', ['916', '926', '903', '905', '915', '925', '977', '985', '999', '912'], 7),
  },
  {
    name: 'uk', share: 0.15, surnames: UK_SURNAMES, female: UK_FEMALE, male: UK_MALE, feminine: (s) => s,
    latin: (family, given, random) => (random() < 0.4 ? { family: toLatin(family, { language: 'uk' }), given: toLatin(given, { language: 'uk' }) } : null),
    phone: mobile('+380', ['67', '50', '63', '66', '97'], 7),
  },
  {
    name: 'en', share: 0.15, surnames: EN_SURNAMES, female: EN_FEMALE, male: EN_MALE, feminine: (s) => s,
    latin: () => null,
    phone: mobile('+44', ['7400', '7507'], 6),
  },
  {
    name: 'ar', share: 0.1, surnames: AR_SURNAMES.map(([a]) => a), female: AR_FEMALE.map(([a]) => a), male: AR_MALE.map(([a]) => a), feminine: (s) => s,
    latin: (family, given, random) => (random() < 0.7 ? { family: arLatin.get(family) ?? family, given: arLatin.get(given) ?? given } : null),
    phone: mobile('+971', ['50', '55', '52'], 7),
  },
  {
    name: 'et', share: 0.15, surnames: ET_SURNAMES, female: ET_FEMALE, male: ET_MALE, feminine: (s) => s,
    latin: () => null,
    phone: mobile('+3725', ['1', '2', '3', '5'], 6),
  },
];

await main();
