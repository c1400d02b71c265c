import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeBytes, detectEncoding, LEGACY_ENCODINGS, plausibility } from './decode.js';
import { encodeLegacy } from './__fixtures__/legacy-encode.js';

const RUSSIAN = 'Фамилия;Имя;Телефон\r\nЩербаков;Алексей;8 (916) 123-45-67\r\nИВАНОВА;МАРИЯ;\r\nёлкин;пётр;\r\n';
const GERMAN = 'Name;Vorname;Ort\r\nMüller;Jürgen;Köln\r\nGarcía;José;Málaga\r\nFrançois;Zoë;Genève\r\n';

describe('detectEncoding / decodeBytes', () => {
  it('follows a byte-order mark and strips it', () => {
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Иван;Петров', 'utf8')]);
    expect(decodeBytes(utf8)).toEqual({ text: 'Иван;Петров', encoding: 'utf-8', detectedBy: 'bom' });
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Иван', 'utf16le')]);
    expect(decodeBytes(le)).toEqual({ text: 'Иван', encoding: 'utf-16le', detectedBy: 'bom' });
    const be = Buffer.from([0xfe, 0xff, 0x04, 0x18, 0x04, 0x32, 0x04, 0x30, 0x04, 0x3d]);
    expect(decodeBytes(be)).toEqual({ text: 'Иван', encoding: 'utf-16be', detectedBy: 'bom' });
  });

  it('reads valid UTF-8 (and plain ASCII) as UTF-8', () => {
    expect(decodeBytes(Buffer.from(RUSSIAN, 'utf8'))).toEqual({ text: RUSSIAN, encoding: 'utf-8', detectedBy: 'utf8-valid' });
    expect(decodeBytes(Buffer.from('Name,Phone\n', 'utf8')).encoding).toBe('utf-8');
  });

  it('recognises UTF-16 without a BOM by its zero bytes', () => {
    expect(decodeBytes(Buffer.from('Name;Phone\r\nIvanov;123\r\n', 'utf16le'))).toMatchObject({ encoding: 'utf-16le', text: 'Name;Phone\r\nIvanov;123\r\n' });
  });

  it.each([
    ['windows-1251', RUSSIAN],
    ['koi8-r', RUSSIAN],
    ['ibm866', RUSSIAN],
    ['windows-1252', GERMAN],
  ] as const)('tells %s from the other legacy code pages', (encoding, text) => {
    expect(decodeBytes(encodeLegacy(text, encoding))).toEqual({ text, encoding, detectedBy: 'score' });
  });

  it('detects Cyrillic code pages on any handful of real names, in any case style', () => {
    const names = ['Иванов', 'Петрова', 'Сидоров', 'Щербаков', 'Юлия', 'Алексей', 'Мария', 'Фёдор', 'Ёлкин', 'Жуков',
      'Чайковская', 'Шевченко', 'Наталья', 'Ксения', 'Григорьев', 'Хабаров', 'Пётр', 'Вячеслав', 'Дмитрий', 'Светлана'];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...names), { minLength: 8, maxLength: 20 }),
        fc.constantFrom('as-is', 'upper', 'lower'),
        fc.constantFrom('windows-1251', 'koi8-r', 'ibm866'),
        (words, style, encoding) => {
          const cased = words.map((w) => (style === 'upper' ? w.toUpperCase() : style === 'lower' ? w.toLowerCase() : w));
          const text = cased.join(';') + '\r\n';
          expect(decodeBytes(encodeLegacy(text, encoding as 'windows-1251'))).toMatchObject({ text, encoding });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('decodes with the encoding the caller forces', () => {
    const bytes = encodeLegacy(RUSSIAN, 'windows-1251');
    expect(decodeBytes(bytes, { encoding: 'koi8-r' })).toMatchObject({ encoding: 'koi8-r', detectedBy: 'forced' });
    expect(decodeBytes(bytes, { encoding: 'koi8-r' }).text).not.toBe(RUSSIAN);
    expect(decodeBytes(bytes, { encoding: 'windows-1251' }).text).toBe(RUSSIAN);
  });

  it('judges only the first 64 KB, without cutting a UTF-8 character in half', () => {
    const big = Buffer.from('Я'.repeat(40_000), 'utf8'); // 80 000 bytes, a two-byte character across the cut
    expect(detectEncoding(big)).toEqual({ encoding: 'utf-8', detectedBy: 'utf8-valid' });
  });

  it('lists the legacy candidates it scores', () => {
    expect(LEGACY_ENCODINGS).toEqual(['windows-1251', 'koi8-r', 'ibm866', 'windows-1252']);
  });
});

describe('plausibility', () => {
  it('prefers real words over mojibake', () => {
    expect(plausibility('Щербаков Алексей')).toBeGreaterThan(plausibility('ÙåðáàêîâÀëåêñåé'));
    expect(plausibility('Щербаков Алексей')).toBeGreaterThan(plausibility('╤хЁсрыют'));
    expect(plausibility('Müller')).toBeGreaterThan(plausibility('Mьller'));
  });
});
