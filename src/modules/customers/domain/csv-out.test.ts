import { describe, expect, it } from 'vitest';
import { csvCell, csvLine, neutralizeFormula } from './csv-out.js';

describe('CSV for Excel', () => {
  it('quotes what needs quoting', () => {
    expect(csvLine(['Иванова', 'a,b', 'say "hi"', null, 5], ',')).toBe('Иванова,"a,b","say ""hi""",,5\r\n');
    expect(csvCell('a;b', ';')).toBe('"a;b"');
    expect(csvCell('line\nbreak', ',')).toBe('"line\nbreak"');
  });

  it('never lets a cell run as a formula, but leaves phone numbers alone', () => {
    expect(neutralizeFormula('=HYPERLINK("http://x")')).toBe('\'=HYPERLINK("http://x")');
    expect(neutralizeFormula('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutralizeFormula('+cmd|calc')).toBe("'+cmd|calc");
    expect(neutralizeFormula('-2+3+cmd')).toBe("'-2+3+cmd");
    expect(neutralizeFormula('+7 916 123-45-67'.replace(/-/g, ' '))).toBe('+7 916 123 45 67');
    expect(neutralizeFormula('+79161234567')).toBe('+79161234567');
  });
});
