import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { detectDateOrder, parseDateCell, parseDateColumn } from './dates.js';

const opts = { referenceYear: 2025 };

describe('parseDateCell', () => {
  it.each([
    ['31.12.1980', '1980-12-31'],
    ['31/12/1980', '1980-12-31'],
    ['12/31/1980', '1980-12-31'],
    ['1980-12-31', '1980-12-31'],
    ['1980.12.31', '1980-12-31'],
    ['31-12-1980', '1980-12-31'],
    ['13.2.1980', '1980-02-13'],
    ['01.01.1980', '1980-01-01'],
    ['31.12.80', '1980-12-31'],
    ['19801231', '1980-12-31'],
    ['29586', '1980-12-31'],
    ['29586.5', '1980-12-31'],
    ['31.12.1980 0:00:00', '1980-12-31'],
    ['1980-12-31T00:00:00Z', '1980-12-31'],
    ['1980-12-31 14:30', '1980-12-31'],
    ['31.12.1980 г.', '1980-12-31'],
    ['31 декабря 1980', '1980-12-31'],
    ['1 мая 1990 года', '1990-05-01'],
    ['31 Dec 1980', '1980-12-31'],
    ['Dec 31, 1980', '1980-12-31'],
    ['1 janvier 1990', '1990-01-01'],
    ['5 juin 1990', '1990-06-05'],
    ['5 juillet 1990', '1990-07-05'],
    ['3. März 1975', '1975-03-03'],
    ['15 de agosto de 1985', '1985-08-15'],
    ['31 Smarch 1980', null],
    ['29.02.1980', '1980-02-29'],
  ])('%s → %s', (cell, iso) => {
    const result = parseDateCell(cell, opts);
    if (iso === null) expect(result).toEqual({ ok: false, code: 'not_a_date' });
    else expect(result).toEqual({ ok: true, iso });
  });

  it('places two-digit years in the century ending at the reference year', () => {
    expect(parseDateCell('01.01.25', opts)).toEqual({ ok: true, iso: '2025-01-01' });
    expect(parseDateCell('01.01.26', opts)).toEqual({ ok: true, iso: '1926-01-01' });
    expect(parseDateCell('01.01.05', opts)).toEqual({ ok: true, iso: '2005-01-01' });
    expect(parseDateCell('13.01.40', { ...opts, futureYears: 20 })).toEqual({ ok: true, iso: '2040-01-13' });
  });

  it('reads Excel serials in both date systems, and only when allowed', () => {
    expect(parseDateCell('45658', opts)).toEqual({ ok: true, iso: '2025-01-01' });
    expect(parseDateCell('28124', { ...opts, excel1904: true })).toEqual({ ok: true, iso: '1980-12-31' });
    expect(parseDateCell('29586', { ...opts, excelSerials: false })).toEqual({ ok: false, code: 'not_a_date' });
  });

  it('needs the order only for cells where both parts could be the month', () => {
    expect(parseDateCell('03/04/1980', opts)).toEqual({ ok: false, code: 'needs_order' });
    expect(parseDateCell('03/04/1980', { ...opts, order: 'dmy' })).toEqual({ ok: true, iso: '1980-04-03' });
    expect(parseDateCell('03/04/1980', { ...opts, order: 'mdy' })).toEqual({ ok: true, iso: '1980-03-04' });
  });

  it('rejects what is not a date, saying why', () => {
    expect(parseDateCell('31/31/1980', opts)).toEqual({ ok: false, code: 'not_a_date' });
    expect(parseDateCell('29.02.1981', opts)).toEqual({ ok: false, code: 'not_a_date' });
    expect(parseDateCell('31.04.1980', opts)).toEqual({ ok: false, code: 'not_a_date' });
    expect(parseDateCell('1980', opts)).toEqual({ ok: false, code: 'year_only' });
    expect(parseDateCell('01.01.1700', opts)).toEqual({ ok: false, code: 'out_of_range' });
    expect(parseDateCell('12/31/1980', { ...opts, order: 'dmy' })).toEqual({ ok: false, code: 'wrong_order' });
    expect(parseDateCell('yesterday', opts)).toEqual({ ok: false, code: 'not_a_date' });
    expect(parseDateCell('  ', opts)).toBeNull();
  });

  it('round-trips every real date written day-first with dots', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }), (date) => {
        const iso = date.toISOString().slice(0, 10);
        const [y, m, d] = iso.split('-');
        expect(parseDateCell(`${d}.${m}.${y}`, { ...opts, order: 'dmy' })).toEqual({ ok: true, iso });
        expect(parseDateCell(`${m}/${d}/${y}`, { ...opts, order: 'mdy' })).toEqual({ ok: true, iso });
        expect(parseDateCell(iso, opts)).toEqual({ ok: true, iso });
      }),
    );
  });
});

describe('detectDateOrder', () => {
  it('is day-first when any first part is over 12', () => {
    expect(detectDateOrder(['03/04/1980', '25/12/1990', ''])).toMatchObject({ status: 'dmy', dayFirst: 1, undecided: 1 });
  });

  it('is month-first when any second part is over 12', () => {
    expect(detectDateOrder(['03/04/1980', '12/25/1990'])).toMatchObject({ status: 'mdy', monthFirst: 1 });
  });

  it('is ambiguous when no value decides, suggesting day-first for dotted dates', () => {
    expect(detectDateOrder(['03/04/1980', '01/02/1990'])).toEqual({ status: 'ambiguous', dayFirst: 0, monthFirst: 0, undecided: 2, suggestion: null });
    expect(detectDateOrder(['03.04.1980', '01.02.1990'])).toMatchObject({ status: 'ambiguous', suggestion: 'dmy' });
  });

  it('reports a conflict when values prove both orders, and no need when all are ISO', () => {
    expect(detectDateOrder(['25/12/1990', '12/25/1990']).status).toBe('conflict');
    expect(detectDateOrder(['1980-12-31', '29586']).status).toBe('not-needed');
  });
});

describe('parseDateColumn', () => {
  const cells = (values: string[]) => values.map((value, i) => ({ line: i + 2, value }));

  it('decides the order from the column and reports bad cells by line', () => {
    const result = parseDateColumn(cells(['03/04/1980', '25/12/1990', '', '31/31/1980', '1980-12-31']), opts);
    expect(result.order).toBe('dmy');
    expect(result.needsOrder).toBe(false);
    expect(result.values).toEqual(['1980-04-03', '1990-12-25', null, null, '1980-12-31']);
    expect(result.errors).toEqual([{ line: 5, value: '31/31/1980', code: 'not_a_date', message: 'line 5: 31/31/1980 is not a date' }]);
  });

  it('asks the user when the column cannot tell, and follows the answer', () => {
    const column = cells(['03/04/1980', '01/02/1990', '1985-05-17', '07/07/1977']);
    const unanswered = parseDateColumn(column, opts);
    expect(unanswered.detection.status).toBe('ambiguous');
    expect(unanswered.needsOrder).toBe(true);
    expect(unanswered.order).toBeNull();
    expect(unanswered.values).toEqual([null, null, '1985-05-17', '1977-07-07']);
    expect(unanswered.errors).toEqual([]);
    const answered = parseDateColumn(column, { ...opts, order: 'mdy' });
    expect(answered.needsOrder).toBe(false);
    expect(answered.values).toEqual(['1980-03-04', '1990-01-02', '1985-05-17', '1977-07-07']);
  });

  it('reports cells that contradict the order the user chose', () => {
    const result = parseDateColumn(cells(['03/04/1980', '17.5.1985']), { ...opts, order: 'mdy' });
    expect(result.detection.status).toBe('dmy');
    expect(result.values).toEqual(['1980-03-04', null]);
    expect(result.errors).toEqual([{ line: 3, value: '17.5.1985', code: 'wrong_order', message: 'line 3: 17.5.1985 is not a date in month/day/year order' }]);
  });

  it('needs the user when values prove both orders', () => {
    const result = parseDateColumn(cells(['25/12/1990', '12/25/1990', '03/04/1980']), opts);
    expect(result).toMatchObject({ needsOrder: true, order: null, values: ['1990-12-25', '1990-12-25', null] });
  });

  it('explains years alone and out-of-range dates', () => {
    const result = parseDateColumn(cells(['1980', '01.01.1700']), opts);
    expect(result.errors.map((e) => e.message)).toEqual(['line 2: 1980 has a year but no day and month', 'line 3: 01.01.1700 is outside the years 1800–2200']);
  });
});
