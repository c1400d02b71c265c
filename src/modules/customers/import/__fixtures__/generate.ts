// Writes the import fixtures next to this file. Run once after changing it, and commit the output:
//   npx tsx src/modules/customers/import/__fixtures__/generate.ts
// The files are committed (not generated during tests) so the tests read exactly the bytes a user uploads.

import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { encodeLegacy } from './legacy-encode.js';

const dir = path.dirname(fileURLToPath(import.meta.url));
const out = (name: string): string => path.join(dir, name);

// 1. What Russian Excel writes for "CSV (разделители - точки с запятой)": Windows-1251, ";", CRLF between
// rows, LF inside a quoted multi-line cell, quotes doubled, a row of bare delimiters for an empty row.
const win1251 = [
  'Фамилия;Имя;Отчество;Дата рождения;Телефон;E-mail;Номер карты;Примечание',
  'Щербаков;Алексей;Викторович;31.12.1980;8 (916) 123-45-67;a.shcherbakov@mail.ru;00012345;"Любит кофе ""без сахара"""',
  'Иванова;Юлия;Сергеевна;05.03.1992;+7 903 111-22-33;;00012346;"Аллергия на орехи;\nпросит звонить после 18:00"',
  ';;;;;;;',
  'Объедков;Пётр;Ильич;17.11.1975;8-926-555-44-33;OBIEDKOV@YANDEX.RU;;',
  'Ёлкина-Фёдорова;Наталья;;29.02.1988;;natalia@example.com;00012347;Постоянная клиентка «VIP» № 1',
].join('\r\n') + '\r\n';
writeFileSync(out('customers-win1251.csv'), encodeLegacy(win1251, 'windows-1251'));

// 2. A UTF-8 export with a byte-order mark (Excel's "CSV UTF-8"), comma-separated, several scripts.
const utf8 = [
  'Full name,Phone,Email,Birth date,Gender,Tags',
  '"Müller, Jürgen",+49 30 1234567,j.mueller@example.de,1975-04-12,M,"vip,de"',
  'IVANOVA/MARIIA MRS,+7 916 765-43-21,mariia@example.ru,1990-07-01,F,',
  'José García,+34 612 345 678,,1988-01-30,male,es',
  'محمد أحمد,+971 50 123 4567,m.ahmed@example.ae,1985-09-15,ذكر,',
].join('\r\n') + '\r\n';
writeFileSync(out('customers-utf8-bom.csv'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(utf8, 'utf8')]));

// 3. A table copied from a spreadsheet and pasted: tabs, LF, columns in an unusual order, a multi-line cell
// quoted the way Excel puts it on the clipboard.
const pasted = [
  'Телефон\tДата рождения\tE-mail\tИмя\tФамилия\tКомментарий',
  '+7 916 123-45-67\t31.12.1980\tivan.petrov@mail.ru\tИван\tПетров\t',
  '8 (903) 765 43 21\t01.02.1985\t\tЮлия\tЩукина\t"звонить вечером\nпо будням"',
  '89261112233\t15.07.1979\tsemen@example.com\tСемён\tГригорьев\tVIP',
].join('\n') + '\n';
writeFileSync(out('pasted-table.tsv'), pasted, 'utf8');

// 4. A small workbook: dates as dates, a phone stored as a number, a zero-padded card number, a formula,
// a mailto link, rich text, an empty row in between, and a second sheet.
const workbook = new ExcelJS.Workbook();
workbook.creator = 'Regulars fixtures';
workbook.created = new Date(Date.UTC(2025, 0, 1));
workbook.modified = new Date(Date.UTC(2025, 0, 1));
const sheet = workbook.addWorksheet('Клиенты');
sheet.addRow(['Фамилия', 'Имя', 'Дата рождения', 'Телефон', 'Номер карты', 'E-mail', 'Скидка', 'ФИО']);
const r2 = sheet.addRow(['Щербаков', 'Алексей', new Date(Date.UTC(1980, 11, 31)), 79161234567, 12345, null, 0.1 + 0.2, null]);
r2.getCell(3).numFmt = 'dd.mm.yyyy';
r2.getCell(5).numFmt = '00000000';
r2.getCell(6).value = { text: 'a.shcherbakov@mail.ru', hyperlink: 'mailto:a.shcherbakov@mail.ru' };
r2.getCell(8).value = { formula: 'A2&" "&B2', result: 'Щербаков Алексей' };
// row 3 stays empty
const r4 = sheet.getRow(4);
r4.getCell(1).value = { richText: [{ text: 'Ива', font: { bold: true } }, { text: 'нова' }] };
r4.getCell(2).value = 'Юлия';
r4.getCell(3).value = '05.03.1992';
r4.getCell(4).value = '8 (903) 111-22-33';
r4.getCell(5).value = 12346;
r4.getCell(5).numFmt = '00000000';
r4.getCell(7).value = 0.15;
r4.commit();
const archive = workbook.addWorksheet('Архив');
archive.addRow(['Фамилия', 'Имя', 'Телефон']);
archive.addRow(['Объедков', 'Пётр', '+7 926 555-44-33']);
await workbook.xlsx.writeFile(out('customers.xlsx'));

console.log('fixtures written to', dir);
