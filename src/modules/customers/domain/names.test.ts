import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  capitalizeName, cleanName, detectScript, fixHomoglyphs, genderFromNames, genderFromValue, looksLikePatronymic,
  normalizeSpaces, splitFullName,
} from './names.js';

describe('splitFullName', () => {
  it('reads Russian order: Family Given Patronymic', () => {
    expect(splitFullName('  Иванов   Иван\u00A0Иванович ')).toEqual({
      familyName: 'Иванов', givenName: 'Иван', patronymic: 'Иванович', title: null, format: 'words',
    });
    expect(splitFullName('Петрова Анна')).toMatchObject({ familyName: 'Петрова', givenName: 'Анна', patronymic: null });
    expect(splitFullName('Петрова')).toMatchObject({ familyName: 'Петрова', givenName: null });
  });

  it('reads passport and airline style SURNAME/GIVEN, with a title', () => {
    expect(splitFullName('SHCHERBAKOV/ALEKSEI')).toEqual({
      familyName: 'SHCHERBAKOV', givenName: 'ALEKSEI', patronymic: null, title: null, format: 'slash',
    });
    expect(splitFullName('IVANOVA/MARIIA MRS')).toMatchObject({ familyName: 'IVANOVA', givenName: 'MARIIA', title: 'mrs' });
    expect(splitFullName('SMITH / JOHN PAUL MR.')).toMatchObject({ familyName: 'SMITH', givenName: 'JOHN PAUL', title: 'mr' });
  });

  it('reads "Family, Given"', () => {
    expect(splitFullName('Petrov, Ivan Sergeevich')).toMatchObject({
      familyName: 'Petrov', givenName: 'Ivan', patronymic: 'Sergeevich', format: 'comma',
    });
    expect(splitFullName('Garcia Marquez, Gabriel')).toMatchObject({ familyName: 'Garcia Marquez', givenName: 'Gabriel' });
  });

  it('reads "Given Family" when told the order', () => {
    expect(splitFullName('John Ronald Tolkien', 'given-family')).toMatchObject({ familyName: 'Tolkien', givenName: 'John Ronald', patronymic: null });
    expect(splitFullName('Иван Петрович Сидоров', 'given-family')).toMatchObject({ familyName: 'Сидоров', givenName: 'Иван', patronymic: 'Петрович' });
    expect(splitFullName('Madonna', 'given-family')).toMatchObject({ familyName: null, givenName: 'Madonna' });
  });

  it('recognises two-word Turkic patronymics and does not take German names for patronymics', () => {
    expect(splitFullName('Алиев Рашид Мамед оглы')).toMatchObject({ familyName: 'Алиев', givenName: 'Рашид', patronymic: 'Мамед оглы' });
    expect(splitFullName('Müller Hans Heinrich')).toMatchObject({ givenName: 'Hans Heinrich', patronymic: null });
  });

  it('returns nothing for an empty cell', () => {
    expect(splitFullName('   ')).toEqual({ familyName: null, givenName: null, patronymic: null, title: null, format: 'words' });
  });
});

describe('cleanName', () => {
  it('strips digits and punctuation and reports them', () => {
    expect(cleanName('Иванов1 (старый)')).toEqual({ value: 'Иванов старый', stripped: ['1', '(', ')'] });
    expect(cleanName('Petrov!!')).toEqual({ value: 'Petrov', stripped: ['!'] });
  });

  it('keeps hyphens, apostrophes and accents, unifying their look-alikes', () => {
    expect(cleanName("O’Neil")).toEqual({ value: "O'Neil", stripped: [] });
    expect(cleanName('Иванова – Петрова')).toEqual({ value: 'Иванова-Петрова', stripped: [] });
    expect(cleanName('José  Müller')).toEqual({ value: 'José Müller', stripped: [] });
    expect(cleanName('-Анна-')).toEqual({ value: 'Анна', stripped: [] });
  });
});

describe('capitalizeName', () => {
  it('capitalises each part of a double name', () => {
    expect(capitalizeName('иванова-петрова')).toBe('Иванова-Петрова');
    expect(capitalizeName('ИВАНОВ ИВАН')).toBe('Иванов Иван');
  });

  it("capitalises after a single-letter prefix and apostrophe, not inside Ukrainian names", () => {
    expect(capitalizeName("O'NEIL")).toBe("O'Neil");
    expect(capitalizeName("d'artagnan")).toBe("D'Artagnan");
    expect(capitalizeName("ДЕМ'ЯН")).toBe("Дем'ян");
    expect(capitalizeName("O'NEIL", { afterApostrophe: false })).toBe("O'neil");
  });

  it('leaves mixed-case spellings alone unless told otherwise', () => {
    expect(capitalizeName('McDonald')).toBe('McDonald');
    expect(capitalizeName('McDonald', { when: 'always' })).toBe('Mcdonald');
    expect(capitalizeName('LUDWIG VAN BEETHOVEN')).toBe('Ludwig van Beethoven');
  });
});

describe('detectScript and fixHomoglyphs', () => {
  it.each([
    ['Иванова', 'cyrillic'], ['Ivanova', 'latin'], ['محمد', 'arabic'], ['Ivan Петров', 'mixed'], ['123', 'none'],
    ['王小明', 'other'], ['Ёлкин-Ґонта', 'cyrillic'],
  ])('%s is %s', (text, script) => {
    expect(detectScript(text)).toBe(script);
  });

  it('replaces Latin look-alikes inside a Cyrillic word, and the reverse', () => {
    expect(fixHomoglyphs('Ивaнов Пeтр')).toEqual({ value: 'Иванов Петр', fixed: 2 });
    expect(detectScript(fixHomoglyphs('Ивaнов').value)).toBe('cyrillic');
    expect(fixHomoglyphs('Ivаnov')).toEqual({ value: 'Ivanov', fixed: 1 });
    expect(fixHomoglyphs('Иван Smith')).toEqual({ value: 'Иван Smith', fixed: 0 });
  });

  it('leaves a word alone when a foreign letter has no look-alike', () => {
    expect(fixHomoglyphs('Иванzов')).toEqual({ value: 'Иванzов', fixed: 0 });
  });
});

describe('genderFromValue', () => {
  it.each([
    ['M', 'male'], ['F', 'female'], ['м', 'male'], ['Ж', 'female'], ['male', 'male'], ['Female', 'female'],
    ['муж.', 'male'], ['жен', 'female'], ['Мужской', 'male'], ['Женский', 'female'], ['Mr', 'male'], ['Mrs.', 'female'],
    ['Ms', 'female'], ['Herr', 'male'], ['Frau', 'female'], ['w', 'female'], ['Mme', 'female'], ['Homme', 'male'],
    ['Mujer', 'female'], ['masculino', 'male'], ['ذكر', 'male'], ['أنثى', 'female'], ['чоловіча', 'male'], ['жіноча', 'female'],
  ])('%s → %s', (value, gender) => {
    expect(genderFromValue(value)).toEqual({ gender, confidence: 1, basis: 'value' });
  });

  it('does not guess numbers or unknown words unless the file says what they mean', () => {
    expect(genderFromValue('1')).toBeNull();
    expect(genderFromValue('unknown')).toBeNull();
    expect(genderFromValue('')).toBeNull();
    expect(genderFromValue('2', { '1': 'male', '2': 'female' })?.gender).toBe('female');
  });
});

describe('genderFromNames', () => {
  it('trusts the patronymic', () => {
    expect(genderFromNames({ patronymic: 'Петрович' })).toEqual({ gender: 'male', confidence: 0.95, basis: 'patronymic' });
    expect(genderFromNames({ patronymic: 'Ильинична' })).toMatchObject({ gender: 'female', basis: 'patronymic' });
    expect(genderFromNames({ patronymic: 'Кузьминишна' })).toMatchObject({ gender: 'female' });
    expect(genderFromNames({ patronymic: 'Ильич' })).toMatchObject({ gender: 'male' });
    expect(genderFromNames({ patronymic: 'Гасан кызы' })).toMatchObject({ gender: 'female' });
    expect(genderFromNames({ patronymic: 'Мамед оглы' })).toMatchObject({ gender: 'male' });
    expect(genderFromNames({ patronymic: 'SERGEEVNA' })).toMatchObject({ gender: 'female' });
  });

  it('falls back to the given name, then weakly to the surname', () => {
    expect(genderFromNames({ givenName: 'Анна' })).toEqual({ gender: 'female', confidence: 0.7, basis: 'given-name' });
    expect(genderFromNames({ givenName: 'Никита' })).toMatchObject({ gender: 'male' });
    expect(genderFromNames({ givenName: 'Игорь' })).toMatchObject({ gender: 'male' });
    expect(genderFromNames({ givenName: 'Любовь' })).toMatchObject({ gender: 'female' });
    expect(genderFromNames({ givenName: 'Саша', familyName: 'Иванова' })).toEqual({ gender: 'female', confidence: 0.6, basis: 'family-name' });
    expect(genderFromNames({ familyName: 'Чайковская' })).toMatchObject({ gender: 'female', confidence: 0.6 });
    expect(genderFromNames({ familyName: 'Толстой' })).toMatchObject({ gender: 'male' });
    expect(genderFromNames({ familyName: 'IVANOVA' })).toMatchObject({ gender: 'female', confidence: 0.5 });
    expect(genderFromNames({ familyName: 'Шевченко' })).toBeNull();
  });

  it('lowers the confidence when the hints disagree', () => {
    expect(genderFromNames({ familyName: 'Иванова', givenName: 'Иван', patronymic: 'Петрович' })).toEqual({ gender: 'male', confidence: 0.65, basis: 'patronymic' });
  });
});

describe('looksLikePatronymic', () => {
  it.each([['Петрович', true], ['Ивановна', true], ['Ильич', true], ['Aleksandrovich', true], ['Petrovna', true],
    ['Heinrich', false], ['Ulrich', false], ['Иван', false], ['Анна', false]])('%s → %s', (word, expected) => {
    expect(looksLikePatronymic(word)).toBe(expected);
  });
});

describe('normalizeSpaces', () => {
  it('collapses any whitespace into single spaces', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'Я', ' ', '\t', '\n', '\u00A0', '\u202F') }), (text) => {
        const result = normalizeSpaces(text);
        expect(result).not.toMatch(/\s\s|^\s|\s$|[\t\n\u00A0\u202F]/u);
        expect(result.replace(/ /g, '')).toBe(text.replace(/[\s\u00A0\u202F]/gu, ''));
      }),
    );
  });
});
