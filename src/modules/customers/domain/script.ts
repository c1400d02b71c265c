// Which alphabet a name is written in. The import uses it to decide whether a name column holds native
// or Latin names, and to catch the classic data-entry fault of Latin look-alike letters typed inside a
// Cyrillic name ("Иванов" with a Latin "a" or "o" cannot be found by anyone typing it correctly).

export type Script = 'cyrillic' | 'latin' | 'arabic' | 'other' | 'mixed' | 'none';

const SCRIPTS: ReadonlyArray<readonly [Exclude<Script, 'mixed' | 'none'>, RegExp]> = [
  ['cyrillic', /\p{Script=Cyrillic}/u],
  ['latin', /\p{Script=Latin}/u],
  ['arabic', /\p{Script=Arabic}/u],
];

function scriptOf(letter: string): Exclude<Script, 'mixed' | 'none'> {
  for (const [name, pattern] of SCRIPTS) if (pattern.test(letter)) return name;
  return 'other';
}

/** The script of all letters in the text; 'mixed' when letters of several scripts occur, 'none' without letters. */
export function detectScript(text: string): Script {
  let found: Script = 'none';
  for (const ch of text) {
    if (!/\p{L}/u.test(ch)) continue;
    const script = scriptOf(ch);
    if (found === 'none') found = script;
    else if (found !== script) return 'mixed';
  }
  return found;
}

/** Latin letters that look exactly like a Cyrillic one, and vice versa. */
const LATIN_TO_CYRILLIC: Readonly<Record<string, string>> = {
  A: 'А', a: 'а', B: 'В', C: 'С', c: 'с', E: 'Е', e: 'е', H: 'Н', K: 'К', M: 'М', O: 'О', o: 'о', P: 'Р',
  p: 'р', T: 'Т', X: 'Х', x: 'х', y: 'у',
};
const CYRILLIC_TO_LATIN: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(LATIN_TO_CYRILLIC).map(([latin, cyrillic]) => [cyrillic, latin]),
);

/**
 * Replaces look-alike letters of the minority script in each word whose letters are mostly of the other
 * script ("Ивaнов" with a Latin "a" → all Cyrillic). Words where a letter has no look-alike are left alone.
 */
export function fixHomoglyphs(text: string): { value: string; fixed: number } {
  let fixed = 0;
  const value = text.replace(/\p{L}+/gu, (word) => {
    const letters = Array.from(word);
    const cyrillic = letters.filter((ch) => scriptOf(ch) === 'cyrillic').length;
    const latin = letters.filter((ch) => scriptOf(ch) === 'latin').length;
    if (cyrillic === 0 || latin === 0) return word;
    const table = cyrillic >= latin ? LATIN_TO_CYRILLIC : CYRILLIC_TO_LATIN;
    const target = cyrillic >= latin ? 'cyrillic' : 'latin';
    const replaced = letters.map((ch) => (scriptOf(ch) === target ? ch : table[ch]));
    if (replaced.some((ch) => ch === undefined)) return word;
    fixed += letters.filter((ch) => scriptOf(ch) !== target).length;
    return replaced.join('');
  });
  return { value, fixed };
}
