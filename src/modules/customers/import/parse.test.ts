import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ImportFileError, parseCsvText, parsePasted, parseUpload, parseXlsx } from './parse.js';
import { detectNewline, takeSepLine } from './csv.js';
import { formatExcelDate, formatExcelNumber } from './xlsx.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url));

describe('fixtures', () => {
  it('reads the Windows-1251 semicolon CSV that Russian Excel writes', async () => {
    const bytes = fixture('customers-win1251.csv');
    expect(bytes.includes(Buffer.from('\r\n'))).toBe(true);
    expect(bytes.includes(Buffer.from('Щербаков', 'utf8'))).toBe(false); // really not UTF-8
    const parsed = await parseUpload(bytes);
    expect(parsed).toMatchObject({ format: 'csv', encoding: 'windows-1251', delimiter: ';', problems: [] });
    expect(parsed.header).toEqual(['Фамилия', 'Имя', 'Отчество', 'Дата рождения', 'Телефон', 'E-mail', 'Номер карты', 'Примечание']);
    expect(parsed.rows.map((r) => r.line)).toEqual([2, 3, 6, 7]); // row 3 spans lines 3–4, line 5 is ";;;;;;;"
    expect(parsed.rows[0]?.cells).toEqual(['Щербаков', 'Алексей', 'Викторович', '31.12.1980', '8 (916) 123-45-67',
      'a.shcherbakov@mail.ru', '00012345', 'Любит кофе "без сахара"']);
    expect(parsed.rows[1]?.cells[7]).toBe('Аллергия на орехи;\nпросит звонить после 18:00');
    expect(parsed.rows[2]?.cells.slice(0, 3)).toEqual(['Объедков', 'Пётр', 'Ильич']);
    expect(parsed.rows[3]?.cells).toEqual(['Ёлкина-Фёдорова', 'Наталья', '', '29.02.1988', '', 'natalia@example.com', '00012347',
      'Постоянная клиентка «VIP» № 1']);
  });

  it('reads the UTF-8 comma CSV with a BOM', async () => {
    const parsed = await parseUpload(fixture('customers-utf8-bom.csv'));
    expect(parsed).toMatchObject({ format: 'csv', encoding: 'utf-8', delimiter: ',' });
    expect(parsed.header).toEqual(['Full name', 'Phone', 'Email', 'Birth date', 'Gender', 'Tags']); // no BOM in "Full name"
    expect(parsed.rows.map((r) => [r.line, r.cells[0]])).toEqual([
      [2, 'Müller, Jürgen'], [3, 'IVANOVA/MARIIA MRS'], [4, 'José García'], [5, 'محمد أحمد'],
    ]);
    expect(parsed.rows[0]?.cells[5]).toBe('vip,de');
    expect(parsed.rows[3]?.cells[4]).toBe('ذكر');
  });

  it('reads the pasted tab-separated table', async () => {
    const parsed = await parseUpload(fixture('pasted-table.tsv'));
    expect(parsed).toMatchObject({ format: 'csv', encoding: 'utf-8', delimiter: '\t' });
    expect(parsed.header).toEqual(['Телефон', 'Дата рождения', 'E-mail', 'Имя', 'Фамилия', 'Комментарий']);
    expect(parsed.rows).toEqual([
      { line: 2, cells: ['+7 916 123-45-67', '31.12.1980', 'ivan.petrov@mail.ru', 'Иван', 'Петров', ''] },
      { line: 3, cells: ['8 (903) 765 43 21', '01.02.1985', '', 'Юлия', 'Щукина', 'звонить вечером\nпо будням'] },
      { line: 5, cells: ['89261112233', '15.07.1979', 'semen@example.com', 'Семён', 'Григорьев', 'VIP'] },
    ]);
  });

  it('reads the XLSX as the user sees it: dates, numbers, codes, links, formulas', async () => {
    const parsed = await parseUpload(fixture('customers.xlsx'));
    expect(parsed).toMatchObject({ format: 'xlsx', sheet: 'Клиенты', sheets: ['Клиенты', 'Архив'] });
    expect(parsed.header).toEqual(['Фамилия', 'Имя', 'Дата рождения', 'Телефон', 'Номер карты', 'E-mail', 'Скидка', 'ФИО']);
    expect(parsed.rows).toEqual([
      { line: 2, cells: ['Щербаков', 'Алексей', '1980-12-31', '79161234567', '00012345', 'a.shcherbakov@mail.ru', '0.3', 'Щербаков Алексей'] },
      { line: 4, cells: ['Иванова', 'Юлия', '05.03.1992', '8 (903) 111-22-33', '00012346', '', '0.15'] },
    ]);
  });

  it('reads a named sheet, and refuses a missing one or an old .xls', async () => {
    const archive = await parseXlsx(fixture('customers.xlsx'), { sheet: 'Архив' });
    expect(archive.rows).toEqual([{ line: 2, cells: ['Объедков', 'Пётр', '+7 926 555-44-33'] }]);
    await expect(parseXlsx(fixture('customers.xlsx'), { sheet: 'Нет такого' })).rejects.toMatchObject({ code: 'sheet_not_found' });
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    await expect(parseUpload(xls)).rejects.toBeInstanceOf(ImportFileError);
    await expect(parseUpload(xls)).rejects.toMatchObject({ code: 'xls_not_supported' });
  });

  it('reads every row as data when told there is no header', async () => {
    const parsed = await parseUpload(fixture('customers.xlsx'), { header: false });
    expect(parsed.header).toBeNull();
    expect(parsed.rows.map((r) => r.line)).toEqual([1, 2, 4]);
  });
});

describe('parseCsvText', () => {
  it('follows Excel\'s "sep=" line and counts it as line 1', () => {
    const parsed = parseCsvText('sep=,\r\nФамилия,Имя;Отчество\r\nИванов,Иван;Иванович\r\n');
    expect(parsed.delimiter).toBe(',');
    expect(parsed.header).toEqual(['Фамилия', 'Имя;Отчество']);
    expect(parsed.rows).toEqual([{ line: 3, cells: ['Иванов', 'Иван;Иванович'] }]);
    expect(parseCsvText('"sep=;"\nA;B\n1;2\n').rows).toEqual([{ line: 3, cells: ['1', '2'] }]);
  });

  it('detects the delimiter even when another one appears inside values', () => {
    const parsed = parseCsvText('Фамилия;Адрес;Телефон\nИванов;ул. Ленина, 5;123\nПетров;пр. Мира, 10, кв. 3;456\n');
    expect(parsed.delimiter).toBe(';');
    expect(parsed.rows[1]?.cells).toEqual(['Петров', 'пр. Мира, 10, кв. 3', '456']);
    expect(parseCsvText('a|b|c\n1|2|3\n').delimiter).toBe('|');
  });

  it('skips blank lines and bare-delimiter lines but keeps counting them', () => {
    const parsed = parseCsvText('A;B\n\n1;2\n;\n \n3;4');
    expect(parsed.rows).toEqual([{ line: 3, cells: ['1', '2'] }, { line: 6, cells: ['3', '4'] }]);
  });

  it('counts the lines inside quoted cells with any line break', () => {
    const parsed = parseCsvText('A,B\r\n"x\r\ny\r\nz",1\r\n"p\nq",2\r\nlast,3\r\n');
    expect(parsed.rows.map((r) => r.line)).toEqual([2, 5, 7]);
  });

  it('reports malformed quoting with the line', () => {
    const parsed = parseCsvText('A;B\n1;2\n"unterminated;3\n');
    expect(parsed.problems.length).toBeGreaterThan(0);
    expect(parsed.problems[0]).toMatchObject({ line: 3, code: 'MissingQuotes' });
  });

  it('parses a paste without a header', () => {
    expect(parsePasted('Иванов\tИван\nПетров\tПётр', { header: false })).toEqual({
      header: null,
      rows: [{ line: 1, cells: ['Иванов', 'Иван'] }, { line: 2, cells: ['Петров', 'Пётр'] }],
    });
  });
});

describe('helpers', () => {
  it('recognises sep= lines and newline styles', () => {
    expect(takeSepLine('sep=|\nA|B')).toEqual({ delimiter: '|', rest: 'A|B', linesSkipped: 1 });
    expect(takeSepLine('separator,x\n')).toMatchObject({ delimiter: null, linesSkipped: 0 });
    expect(detectNewline('a\r\nb')).toBe('\r\n');
    expect(detectNewline('a\nb\r\n')).toBe('\n');
    expect(detectNewline('a\rb')).toBe('\r');
    expect(detectNewline('a')).toBe('\n');
  });

  it('formats Excel numbers without float noise or exponents', () => {
    expect(formatExcelNumber(79161234567, undefined)).toBe('79161234567');
    expect(formatExcelNumber(0.1 + 0.2, undefined)).toBe('0.3');
    expect(formatExcelNumber(1e20, undefined)).toBe('100000000000000000000');
    expect(formatExcelNumber(123, '00000000')).toBe('00000123');
    expect(formatExcelNumber(123, 'General')).toBe('123');
    expect(formatExcelNumber(-5.5, undefined)).toBe('-5.5');
  });

  it('formats Excel dates as ISO, with a time only when there is one', () => {
    expect(formatExcelDate(new Date(Date.UTC(1980, 11, 31)))).toBe('1980-12-31');
    expect(formatExcelDate(new Date(Date.UTC(1980, 11, 30, 23, 59, 59, 999)))).toBe('1980-12-31');
    expect(formatExcelDate(new Date(Date.UTC(2024, 1, 29, 14, 30)))).toBe('2024-02-29T14:30:00');
  });
});
