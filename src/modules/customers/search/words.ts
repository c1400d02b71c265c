// A typed word's variants in the organization's vocabulary of name words: itself, the words it begins
// (prefix) and the words within typo distance. Each variant carries its score (see domain/fuzzy.ts).
import { sql, type Db } from '../../../platform/db/database.js';
import type { TenantScope } from '../../../platform/db/tenant.js';
import { allowedTypos, wordScore } from '../domain/fuzzy.js';

/** Enough prefixes for "Ivan" (Ivanov, Ivanova, Ivanovich…), few enough for one array condition. */
const MAX_PREFIX = 64;
const MAX_FUZZY = 32;

export type Variants = Map<string, number>;

/**
 * A typed word in the two forms the vocabulary holds: its ICAO Latin form folded and its loose key. Both
 * are tried, because the loose key's rules can turn a typo into a second difference ("Moozov" loses its
 * double o and ends two letters from "morozov"), while the Latin form keeps it one.
 */
export interface TypedWord { latin: string; loose: string }

export const bestScore = (typed: TypedWord, word: string) => Math.max(wordScore(typed.loose, word), wordScore(typed.latin, word));

const forms = (typed: TypedWord) => [...new Set([typed.loose, typed.latin])].filter((f) => f !== '');

export async function prefixVariants(db: Db, scope: TenantScope, typed: TypedWord): Promise<Variants> {
  const out: Variants = new Map([[typed.loose, 1]]);
  const prefixes = forms(typed).filter((f) => Array.from(f).length >= 2).map((f) => `${f.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (prefixes.length === 0) return out;
  const rows = await sql<{ word: string }>`
    SELECT DISTINCT word, length(word) AS n FROM customer_search_words
    WHERE organization_id = ${scope.organizationId} AND word LIKE ANY(${prefixes}::text[])
    ORDER BY n, word LIMIT ${MAX_PREFIX}`.execute(db);
  for (const { word } of rows.rows) out.set(word, bestScore(typed, word));
  return out;
}

export async function fuzzyVariants(db: Db, scope: TenantScope, typed: TypedWord): Promise<Variants> {
  const out: Variants = new Map();
  const tried = forms(typed).filter((f) => allowedTypos(f) > 0);
  if (tried.length === 0) return out;
  // Trigrams find the candidates (pg_trgm's default similarity 0.3 keeps two-typo words of eight
  // letters); the edit distance decides.
  const rows = await sql<{ word: string }>`
    SELECT DISTINCT word FROM customer_search_words
    WHERE organization_id = ${scope.organizationId} AND (${sql.join(tried.map((f) => sql`word % ${f}`), sql` OR `)}) LIMIT 500`.execute(db);
  const scored = rows.rows.map(({ word }) => [word, bestScore(typed, word)] as const).filter(([, s]) => s > 0 && s < 0.75);
  scored.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  for (const [word, score] of scored.slice(0, MAX_FUZZY)) out.set(word, score);
  return out;
}

/** The best score of each typed word against the words of one customer's keys, averaged. */
export function rowScore(typedWords: TypedWord[], searchKeys: string): number {
  const words = searchKeys.split(' ');
  let total = 0;
  for (const t of typedWords) total += Math.max(0, ...words.map((w) => bestScore(t, w)));
  return typedWords.length ? total / typedWords.length : 0;
}
