// Finding the right person. One box takes a name in any script or spelling (with typos), a phone in any
// format, an e-mail, a card number (through loyalty's registered lookup) or a document number (through
// its keyed hash). When a surname matches several people the answer says which fields tell them apart,
// and the same filters narrow the list: given name, birth date or year, document or phone digits.
//
// Names are matched in tiers, each only when the better ones left room: every typed word exactly, then
// as the beginning of a name word, then with typos. Each tier is one indexed query in name order.
import type { ServiceContext } from '../../../platform/context.js';
import type { Db } from '../../../platform/db/database.js';
import { requirePermission, type Actor } from '../../tenancy/index.js';
import { normalizeEmail, normalizePhone, type CountryCode } from '../contacts.js';
import { customerIdsByDocumentNumber } from '../documents/service.js';
import { dateHints, distinguishingFields, normalizeDocumentNumber, shapeOfQuery, type DistinguishingField } from '../domain/namesakes.js';
import { latinKey, looseKey } from '../domain/search-keys.js';
import { filterConditions, prepareFilters, refine, type CustomerFilters } from '../filters.js';
import { registered } from '../hooks.js';
import { organizationCountry } from '../service.js';
import type { CustomerRow } from '../store.js';
import { searchStore } from './store.js';
import { summarize, type CustomerMatch } from './summary.js';
import { fuzzyVariants, prefixVariants, rowScore, type TypedWord, type Variants } from './words.js';

export interface SearchInput extends CustomerFilters { q: string; limit: number }

export interface SearchResult {
  items: CustomerMatch[];
  /** More people match than were returned: narrow down. */
  more: boolean;
  /** The fields that differ among the people returned, in the order to ask about them. */
  distinguishing: DistinguishingField[];
  /** How the text was read: a name (and its words as compared), a number, an e-mail, or only filters. */
  understoodAs: { kind: 'name' | 'number' | 'email' | 'filters'; words: string[]; birthDate: string | null; birthYear: number | null };
}

type Hit = { row: CustomerRow; score: number; matchedBy: Set<string> };

/** Customers found by an exact key: phone, e-mail, document number, or another module's lookup. */
async function exactMatches(db: Db, actor: Actor, q: string, shape: ReturnType<typeof shapeOfQuery>, country: string | null): Promise<Map<string, Set<string>>> {
  const found = new Map<string, Set<string>>();
  const add = (ids: string[], how: string) => ids.forEach((id) => (found.get(id) ?? found.set(id, new Set()).get(id)!).add(how));
  if (shape.kind === 'email') {
    const normalized = normalizeEmail(shape.email);
    if ('email' in normalized) add(await searchStore.idsByEmail(db, actor, normalized.email), 'email');
    return found;
  }
  if (shape.kind === 'number') {
    const phone = normalizePhone(shape.text, (country ?? undefined) as CountryCode | undefined);
    if ('e164' in phone) add(await searchStore.idsByPhone(db, actor, phone.e164), 'phone');
    else if (shape.digits.length >= 4 && shape.digits.length <= 6) add(await searchStore.idsByPhoneTail(db, actor, shape.digits), 'phone_tail');
  }
  if (normalizeDocumentNumber(q).length >= 4 && /\d/u.test(q)) add(await customerIdsByDocumentNumber(db, actor, q), 'document');
  for (const lookup of registered.lookups()) add(await lookup.find(db, actor, q), lookup.name);
  return found;
}

/** "Ivanova A": a given name or patronymic starts with the initial, in any script. */
function hasInitial(row: CustomerRow, initial: string): boolean {
  return [row.given_names, row.given_names_latin, row.patronymic]
    .filter((n): n is string => Boolean(n))
    .some((n) => looseKey(n).split(' ').some((w) => w.startsWith(initial)));
}

/**
 * Name tiers: exact words, then prefixes, each filling what the better one left; typos only when neither
 * found anybody — a typo reading is a guess, and next to real matches it is noise.
 */
async function nameMatches(db: Db, conditions: Parameters<typeof searchStore.byWords>[1], scope: Actor, words: TypedWord[], wanted: number, already: string[]): Promise<{ rows: CustomerRow[]; more: boolean }> {
  const rows: CustomerRow[] = [];
  const seen = [...already];
  const take = async (groups: string[][]) => {
    const found = await searchStore.byWords(db, conditions, groups, seen, wanted + 1 - rows.length);
    rows.push(...found);
    seen.push(...found.map((r) => r.id));
  };
  await take(words.map((w) => [w.loose]));
  if (rows.length > wanted) return { rows: rows.slice(0, wanted), more: true };
  const prefixes: Variants[] = await Promise.all(words.map((w) => prefixVariants(db, scope, w)));
  if (prefixes.some((v) => v.size > 1)) await take(prefixes.map((v) => [...v.keys()]));
  if (rows.length > wanted) return { rows: rows.slice(0, wanted), more: true };
  if (rows.length > 0) return { rows, more: false };
  const fuzzy: Variants[] = await Promise.all(words.map((w) => fuzzyVariants(db, scope, w)));
  if (fuzzy.some((v) => v.size > 0)) await take(words.map((_, i) => [...prefixes[i]!.keys(), ...fuzzy[i]!.keys()]));
  return rows.length > wanted ? { rows: rows.slice(0, wanted), more: true } : { rows, more: false };
}

/** The people a search finds, best first, as rows (the export takes these; the answer summarizes them). */
export async function findCustomers(ctx: ServiceContext, actor: Actor, input: SearchInput): Promise<{ rows: { row: CustomerRow; score: number; matchedBy: string[] }[]; more: boolean; words: string[]; kind: SearchResult['understoodAs']['kind']; birthDate: string | null; birthYear: number | null }> {
  requirePermission(actor, 'customers.read');
  const hints = dateHints(input.q);
  const typed: CustomerFilters = { ...input, birthDate: input.birthDate ?? hints.birthDate, birthYear: input.birthYear ?? (input.birthDate || hints.birthDate ? undefined : hints.birthYear) };
  const shape = shapeOfQuery(hints.rest);
  const country = shape.kind === 'number' || typed.phone ? await organizationCountry(ctx, actor) : null;
  const filters = await prepareFilters(ctx.db, actor, typed, country);
  const conditions = filterConditions(actor, filters);
  const hits = new Map<string, Hit>();

  const exact = hints.rest ? await exactMatches(ctx.db, actor, hints.rest, shape, country) : new Map<string, Set<string>>();
  for (const row of await searchStore.rowsByIds(ctx.db, actor, conditions, [...exact.keys()])) hits.set(row.id, { row, score: 2, matchedBy: exact.get(row.id)! });

  // Single letters are initials ("Ivanova A"): too short to look up, they are checked on the rows found,
  // so more rows are fetched for them.
  const words: TypedWord[] = shape.kind === 'name' ? latinKey(hints.rest).split(' ').filter(Boolean).map((latin) => ({ latin, loose: looseKey(latin) })).filter((w) => w.loose !== '') : [];
  const nameWords = words.filter((w) => Array.from(w.loose).length >= 2);
  const initials = words.filter((w) => Array.from(w.loose).length === 1).map((w) => w.loose);
  const needsCheck = initials.length > 0 || Boolean(typed.givenName);
  let more = false;
  if (nameWords.length) {
    const wanted = needsCheck ? Math.min(500, input.limit * 10) : input.limit;
    const found = await nameMatches(ctx.db, conditions, actor, nameWords, wanted, [...hits.keys()]);
    for (const row of found.rows) hits.set(row.id, { row, score: rowScore(nameWords, row.search_keys), matchedBy: new Set(['name']) });
    more = found.more;
  } else if (hints.rest === '' && (typed.birthDate || typed.birthYear)) {
    // Only a date was typed: everyone born then.
    for (const row of await searchStore.rowsByIds(ctx.db, actor, conditions, null, input.limit + 1)) hits.set(row.id, { row, score: 1, matchedBy: new Set(['birth_date']) });
  }

  let ranked = refine([...hits.values()].map((h) => ({ ...h, given_names: h.row.given_names, given_names_latin: h.row.given_names_latin })), typed)
    .filter((h) => initials.every((i) => hasInitial(h.row, i)))
    .sort((a, b) => b.score - a.score || a.row.display_name.localeCompare(b.row.display_name) || (a.row.id < b.row.id ? -1 : 1));
  if (ranked.length > input.limit) { more = true; ranked = ranked.slice(0, input.limit); }
  return {
    rows: ranked.map((h) => ({ row: h.row, score: Math.round(h.score * 1000) / 1000, matchedBy: [...h.matchedBy] })), more,
    words: words.map((w) => w.loose), kind: hints.rest === '' ? 'filters' : shape.kind, birthDate: typed.birthDate ?? null, birthYear: typed.birthYear ?? null,
  };
}

export async function searchCustomers(ctx: ServiceContext, actor: Actor, input: SearchInput): Promise<SearchResult> {
  const found = await findCustomers(ctx, actor, input);
  const items = await summarize(ctx.db, actor, found.rows);
  return {
    items, more: found.more,
    distinguishing: distinguishingFields(items.map((i) => ({ givenNames: i.givenNames ?? i.givenNamesLatin, patronymic: i.patronymic, birthDate: i.birthDate, document: i.document, cards: i.cards, phone: i.phone }))),
    understoodAs: { kind: found.kind, words: found.words, birthDate: found.birthDate, birthYear: found.birthYear },
  };
}
