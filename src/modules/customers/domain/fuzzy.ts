// Typo tolerance for names: how far apart two words are, and how far a typed word may be from a name.
// Pure; the search finds candidate words in the vocabulary by trigrams and ranks them here.

/** Trigrams the way pg_trgm makes them: each word padded with two spaces in front and one behind. */
export function trigrams(text: string): Set<string> {
  const out = new Set<string>();
  for (const word of text.split(/\s+/u).filter(Boolean)) {
    const chars = Array.from(`  ${word} `);
    for (let i = 0; i + 3 <= chars.length; i++) out.add(chars.slice(i, i + 3).join(''));
  }
  return out;
}

/** pg_trgm's similarity(): shared trigrams over all distinct trigrams of both. */
export function similarity(a: string, b: string): number {
  const ta = trigrams(a);
  const tb = trigrams(b);
  if (ta.size === 0 || tb.size === 0) return 0;
  let shared = 0;
  for (const t of ta) if (tb.has(t)) shared++;
  return shared / (ta.size + tb.size - shared);
}

/**
 * Edit distance counting an insertion, a deletion, a substitution or a swap of two neighbours as one
 * typo ("Ivanva" → Ivanova 1, "Inavova" → Ivanova 1).
 */
export function editDistance(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  const d: number[][] = Array.from({ length: x.length + 1 }, (_, i) => Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[x.length]![y.length]!;
}

/** Typos forgiven in a typed word: none below 4 letters (too many names are that close), one up to 7, two beyond. */
export function allowedTypos(word: string): number {
  const n = Array.from(word).length;
  return n < 4 ? 0 : n <= 7 ? 1 : 2;
}

/** How well a vocabulary word answers a typed word, for ranking: 1 exact, 0.75–0.95 prefix, below 0.7 a typo. */
export function wordScore(typed: string, word: string): number {
  if (typed === word) return 1;
  const t = Array.from(typed).length;
  const w = Array.from(word).length;
  if (word.startsWith(typed)) return 0.75 + 0.2 * (t / w);
  const distance = editDistance(typed, word);
  return distance <= allowedTypos(typed) ? 0.7 - 0.15 * distance : 0;
}
