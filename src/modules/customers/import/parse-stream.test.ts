import { createReadStream, readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseCsvStream, parseCsvText, type CsvBatch } from './parse.js';
import { encodeLegacy } from './__fixtures__/legacy-encode.js';

const fixtureUrl = (name: string): URL => new URL(`./__fixtures__/${name}`, import.meta.url);

async function collect(batches: AsyncIterable<CsvBatch>): Promise<CsvBatch[]> {
  const all: CsvBatch[] = [];
  for await (const batch of batches) all.push(batch);
  return all;
}

/** Splits bytes into chunks of the given size, the way a slow upload would deliver them. */
async function* chunks(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

describe('parseCsvStream', () => {
  it('streams the Windows-1251 fixture from a file with the same rows and lines as the whole-file parser', async () => {
    const batches = await collect(parseCsvStream(createReadStream(fixtureUrl('customers-win1251.csv')), { batchSize: 2 }));
    expect(batches.map((b) => b.rows.length)).toEqual([2, 2]);
    expect(batches[0]).toMatchObject({ encoding: 'windows-1251', delimiter: ';' });
    expect(batches[1]?.encoding).toBeNull();
    expect(batches[0]?.header?.[0]).toBe('Фамилия');
    const rows = batches.flatMap((b) => b.rows);
    expect(rows.map((r) => r.line)).toEqual([2, 3, 6, 7]);
    expect(rows[1]?.cells[7]).toBe('Аллергия на орехи;\nпросит звонить после 18:00');
    expect(rows[3]?.cells[0]).toBe('Ёлкина-Фёдорова');
  });

  it('survives chunk boundaries anywhere: inside quotes, between CR and LF, inside a UTF-8 character', async () => {
    const text = 'sep=;\r\nФамилия;Примечание\r\n"Щербаков";"много\r\nстрок ""в кавычках"""\r\n\r\nЁлкина;ok\r\n';
    const bytes = Buffer.from(text, 'utf8');
    const expected = parseCsvText(text);
    for (const size of [1, 2, 3, 5, 7, 13]) {
      for (const sliceChars of [1, 4, 9, 30, 1000]) {
        const rows = (await collect(parseCsvStream(chunks(bytes, size), { sliceChars }))).flatMap((b) => b.rows);
        expect(rows, `chunks of ${size} bytes, slices of ${sliceChars} characters`).toEqual(expected.rows);
      }
    }
    expect(expected.rows).toEqual([
      { line: 3, cells: ['Щербаков', 'много\r\nстрок "в кавычках"'] },
      { line: 6, cells: ['Ёлкина', 'ok'] },
    ]);
  });

  it('agrees with the whole-file parser on any table', async () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'Я', ' ', ';', '"', '\n', '\r\n', 'ё') });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 40 }), async (table, size, sliceChars) => {
        const text = ['H1;H2', ...table.map((row) => row.map((c) => `"${c.replaceAll('"', '""')}"`).join(';'))].join('\r\n') + '\r\n';
        const streamed = (await collect(parseCsvStream(chunks(Buffer.from(text, 'utf8'), size), { delimiter: ';', sliceChars, batchSize: 3 }))).flatMap((b) => b.rows);
        expect(streamed).toEqual(parseCsvText(text, { delimiter: ';' }).rows);
      }),
      { numRuns: 60 },
    );
  });

  it('accepts already decoded strings and a forced encoding', async () => {
    const fromStrings = await collect(parseCsvStream(Readable.from(['Name,Phone\n', 'Ivan,1\nPetr', ',2\n'])));
    expect(fromStrings).toEqual([{ header: ['Name', 'Phone'], rows: [{ line: 2, cells: ['Ivan', '1'] }, { line: 3, cells: ['Petr', '2'] }], encoding: null, delimiter: ',' }]);
    const fromOneString = await collect(parseCsvStream('A\tB\n1\t2\n3\t4\n', { batchSize: 1 }));
    expect(fromOneString.map((b) => b.rows)).toEqual([[{ line: 2, cells: ['1', '2'] }], [{ line: 3, cells: ['3', '4'] }]]);
    const koi8 = encodeLegacy('Фамилия;Имя\nИванов;Иван\n', 'koi8-r');
    const forced = await collect(parseCsvStream(chunks(koi8, 4), { encoding: 'koi8-r' }));
    expect(forced[0]?.rows[0]?.cells).toEqual(['Иванов', 'Иван']);
  });

  it('yields one empty batch for an empty file, and a header-only file has no rows', async () => {
    expect(await collect(parseCsvStream(chunks(new Uint8Array(0), 10)))).toEqual([{ header: null, rows: [], encoding: 'utf-8', delimiter: ',' }]);
    const headerOnly = await collect(parseCsvStream(chunks(Buffer.from('A;B\r\n'), 10)));
    expect(headerOnly).toEqual([{ header: ['A', 'B'], rows: [], encoding: 'utf-8', delimiter: ';' }]);
  });

  it('passes a failure of the source on instead of hanging', async () => {
    async function* broken(): AsyncGenerator<Uint8Array> {
      yield Buffer.from('A;B\n1;2\n');
      throw new Error('connection reset');
    }
    await expect(collect(parseCsvStream(broken()))).rejects.toThrow('connection reset');
  });

  it('handles 200 000 rows in batches, keeping every line number', async () => {
    const count = 200_000;
    async function* generated(): AsyncGenerator<Uint8Array> {
      yield Buffer.from('Фамилия;Имя;Телефон\r\n');
      for (let start = 0; start < count; start += 10_000) {
        let text = '';
        for (let i = start; i < start + 10_000; i++) text += `Фамилия${i};"Имя ${i}";+7916${String(i).padStart(7, '0')}\r\n`;
        yield Buffer.from(text, 'utf8');
      }
    }
    let rows = 0;
    let batches = 0;
    let lastLine = 1;
    let misnumbered = 0;
    let misplaced = 0;
    for await (const batch of parseCsvStream(generated(), { batchSize: 5000 })) {
      batches++;
      for (const row of batch.rows) {
        if (row.line !== lastLine + 1) misnumbered++;
        if (row.cells[0] !== `Фамилия${row.line - 2}`) misplaced++;
        lastLine = row.line;
      }
      rows += batch.rows.length;
    }
    expect({ rows, batches, lastLine, misnumbered, misplaced }).toEqual({ rows: count, batches: count / 5000, lastLine: count + 1, misnumbered: 0, misplaced: 0 });
  });

  it('reads the pasted table fixture from a file stream', async () => {
    const rows = (await collect(parseCsvStream(createReadStream(fixtureUrl('pasted-table.tsv'))))).flatMap((b) => b.rows);
    expect(rows.map((r) => [r.line, r.cells[4]])).toEqual([[2, 'Петров'], [3, 'Щукина'], [5, 'Григорьев']]);
    expect(readFileSync(fixtureUrl('pasted-table.tsv'), 'utf8').split('\n')).toHaveLength(6);
  });
});
