import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { foldText, latinKey, looseKey, nameSearchKeys, queryKey } from './search-keys.js';

// Each group: one person's name as written in Cyrillic, in the passport, and in the other spellings
// people actually type. Every spelling of a group must reach the same loose key.
const SAME_NAME: string[][] = [
  ['Иванова', 'IVANOVA', 'Ivanova', 'Iwanowa', 'иванова'],
  ['Юлия', 'IULIIA', 'Yulia', 'Julia', 'Yuliya', 'Julija', 'Ioulia'],
  ['Алексей', 'ALEKSEI', 'Aleksey', 'Alexey', 'Alexei', 'Aleksej'],
  ['Дмитрий', 'DMITRII', 'Dmitriy', 'Dmitry', 'Dmitrij'],
  ['Евгений', 'EVGENII', 'Evgeny', 'Yevgeniy', 'Evgeniy', 'Jewgeni'],
  ['Щукин', 'SHCHUKIN', 'Schukin', 'Shukin'],
  ['Щербаков', 'SHCHERBAKOV', 'Scherbakov', 'Sherbakov'],
  ['Фёдор', 'FEDOR', 'Fyodor', 'Fiodor'],
  ['Пётр', 'PETR', 'Pyotr', 'Piotr'],
  ['Семён', 'SEMEN', 'Semyon', 'Semion'],
  ['Артём', 'ARTEM', 'Artyom', 'Artiom'],
  ['Татьяна', 'TATIANA', 'Tatyana', 'Tatjana'],
  ['Наталья', 'NATALIA', 'Natalya', 'Nataliya', 'Natalja'],
  ['Ксения', 'KSENIIA', 'Ksenia', 'Xenia', 'Kseniya'],
  ['Мария', 'MARIIA', 'Maria', 'Mariya', 'Marija'],
  ['Михаил', 'MIKHAIL', 'Mihail'],
  ['Сергеевна', 'SERGEEVNA', 'Sergeyevna'],
  ['Соловьёв', 'SOLOVEV', 'Solovyov', 'Soloviev', 'Solovyev'],
  ['Елена', 'ELENA', 'Yelena', 'Jelena'],
  ['Екатерина', 'EKATERINA', 'Yekaterina', 'Jekaterina'],
  ['Юрий', 'IURII', 'Yuriy', 'Yury', 'Yuri', 'Juri', 'Youri'],
  ['Филипп', 'FILIPP', 'Philipp', 'Philip'],
  ['Виктор', 'VIKTOR', 'Victor'],
  ['Николай', 'NIKOLAI', 'Nikolay', 'Nicolai'],
  ['Чернов', 'CHERNOV', 'Tschernow'],
  ['Жуков', 'ZHUKOV', 'Zukov'],
  ['Цветкова', 'TSVETKOVA', 'Tzvetkova'],
  ['Григорьев', 'GRIGOREV', 'Grigoriev', 'Grigoryev'],
  ['Максим', 'MAKSIM', 'Maxim'],
  ['Объедков', 'OBIEEDKOV', 'Obyedkov', 'Obedkov', 'Obiedkov'],
  ['Чайковский', 'CHAIKOVSKII', 'Tchaikovsky', 'Chaikovskiy', 'Tschaikowski'],
  ['Müller', 'MULLER', 'Muller'],
];

describe('queryKey / looseKey', () => {
  it.each(SAME_NAME.map((group) => [group[0], group]))('all spellings of %s share one key', (_name, group) => {
    const keys = (group as string[]).map(queryKey);
    expect(new Set(keys).size, `${(group as string[]).join(', ')} → ${keys.join(', ')}`).toBe(1);
  });

  it('keeps different names apart', () => {
    const keys = SAME_NAME.map((group) => queryKey(group[0] as string));
    expect(new Set(keys).size).toBe(SAME_NAME.length);
    expect(queryKey('Иванов')).not.toBe(queryKey('Иванова'));
    expect(queryKey('Петров')).not.toBe(queryKey('Петрова'));
  });

  it('gives concrete keys', () => {
    expect(queryKey('Юлия')).toBe('ula');
    expect(queryKey('Alexey')).toBe('aleksei');
    expect(queryKey('Щукин')).toBe('shukin');
    expect(queryKey('Иванова-Петрова Юлия')).toBe('ivanova petrova ula');
  });

  it('lets a typed prefix find the indexed key', () => {
    expect(looseKey('Iwanowa').startsWith(queryKey('ivan'))).toBe(true);
    expect(looseKey('Иванова').startsWith(queryKey('Ivano'))).toBe(true);
  });
});

describe('nameSearchKeys', () => {
  it('indexes a Cyrillic name under its folded, ICAO and loose forms', () => {
    expect(nameSearchKeys('Иванова-Петрова Юлия')).toEqual(['иванова петрова юлия', 'ivanova petrova iuliia', 'ivanova petrova ula']);
  });

  it('indexes a Latin name once when the forms coincide', () => {
    expect(nameSearchKeys('IVANOVA')).toEqual(['ivanova']);
    expect(nameSearchKeys('Jürgen Müller')).toEqual(['jurgen muller', 'urgen muler']);
  });

  it('typing "ivanova" finds "Иванова" and typing "иванова" finds "IVANOVA"', () => {
    expect(nameSearchKeys('Иванова')).toContain(queryKey('ivanova'));
    expect(nameSearchKeys('IVANOVA')).toContain(queryKey('иванова'));
    expect(nameSearchKeys('Юлия')).toContain(queryKey('Julia'));
  });

  it('folds Arabic letter variants and drops short vowels', () => {
    expect(nameSearchKeys('مُحَمَّد أحمد')).toEqual(['محمد احمد']);
    expect(nameSearchKeys('فاطمة')).toEqual(nameSearchKeys('فاطمه'));
  });

  it('returns nothing for text without letters or digits', () => {
    expect(nameSearchKeys(' -- ')).toEqual([]);
  });

  it('is stable under case changes and returns distinct keys', () => {
    const name = fc.string({ unit: fc.constantFrom(...'абвгдежзийклмнопрстуфхцчшщыьэюяёabcdeijkxyzäö -\''.split('')) });
    fc.assert(
      fc.property(name, (text) => {
        const keys = nameSearchKeys(text);
        expect(nameSearchKeys(text.toUpperCase())).toEqual(keys);
        expect(nameSearchKeys(text.toLowerCase())).toEqual(keys);
        expect(new Set(keys).size).toBe(keys.length);
        expect(queryKey(text.toUpperCase())).toBe(queryKey(text));
      }),
    );
  });

  it('loose keys contain only lowercase ASCII for Cyrillic and Latin input', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'абвгдеёжзийклмнопрстуфхцчшщъыьэюяABCXYZéüß '.split('')) }), (text) => {
        expect(looseKey(text)).toMatch(/^[a-z ]*$/);
      }),
    );
  });
});

describe('foldText / latinKey', () => {
  it('lowercases, strips accents, unifies punctuation', () => {
    expect(foldText("  O'Neil-Smith  ")).toBe('oneil smith');
    expect(foldText('Ёлкина Зоя')).toBe('елкина зоя');
    expect(foldText('Straße Øresund Łódź')).toBe('strasse oresund lodz');
  });

  it('transliterates before folding, so Й keeps its ICAO letter', () => {
    expect(latinKey('Андрей Ёлкин')).toBe('andrei elkin');
  });
});
