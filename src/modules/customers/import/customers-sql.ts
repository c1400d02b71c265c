// The set-wise SQL of the customer import. Everything runs on one connection inside the import's one
// transaction: rows are COPYed into a temporary staging table, matched against the organization's
// customers in a handful of statements, then written in chunks of lines (so the progress bar moves while
// saving). Every statement names the organization: these are raw statements on a pg client, outside the
// `scoped` helper, because COPY needs the client itself.
//
// Matching rules, in order (docs/import.md explains them to users): external id; a phone; an e-mail;
// family name + given name + birth date. A phone or e-mail match is refused when the two disagree on the
// external id, the given name or the birth date (a family sharing one phone is several people). A rule
// that finds several customers rejects the row (ambiguous_match) rather than guessing.

import type { PoolClient } from 'pg';
import { STAGE_COLUMNS } from './customer-rows.js';

export const CREATE_STAGE = `
  CREATE TEMP TABLE import_stage (
    line integer NOT NULL, id uuid NOT NULL, audit_id uuid NOT NULL,
    ext text, family text, given text, patronymic text, family_latin text, given_latin text, gender text, birth_date date,
    notes text, tags text[] NOT NULL, address text, display_name text, search_keys text NOT NULL,
    phones text[] NOT NULL, emails text[] NOT NULL, contact_ids uuid[] NOT NULL, family_key text, given_key text,
    customer_id uuid, rule text, outcome text, reason text, detail text
  ) ON COMMIT DROP;
  CREATE TEMP TABLE import_added (customer_id uuid NOT NULL, kind text NOT NULL, value text NOT NULL) ON COMMIT DROP;
  CREATE TEMP TABLE import_matched (customer_id uuid PRIMARY KEY, line integer NOT NULL) ON COMMIT DROP`;

export const COPY_STAGE = `COPY import_stage (${STAGE_COLUMNS.join(', ')}) FROM STDIN`;

/**
 * By line only. The statements that join on a staged row's customer_id can probe the other side's key
 * (customers, import_matched); an index on it here cost every staged row two entries (its NULL at COPY,
 * its id once matched or created) — about 4 % of a first import's database CPU — and a re-import of
 * 100 000 rows, all of them matched, ran no slower without it (docs/benchmarks.md, "Customer import").
 */
export async function indexStage(client: PoolClient): Promise<void> {
  await client.query('CREATE UNIQUE INDEX ON import_stage (line)');
}

/** The customers this import has written so far: a later chunk's row that finds one of them is the same customer again. */
export async function rememberMatched(client: PoolClient): Promise<void> {
  await client.query(`INSERT INTO import_matched (customer_id, line) SELECT customer_id, line FROM import_stage WHERE outcome IN ('created', 'updated', 'skipped') ON CONFLICT DO NOTHING`);
}

/** Disagreement between a staged row `s` and a customer `c` that makes a phone or e-mail match someone else. */
const CONTRADICTS = `(
  (s.ext IS NOT NULL AND c.external_id IS NOT NULL AND c.external_id <> s.ext)
  OR (s.birth_date IS NOT NULL AND c.birth_date IS NOT NULL AND c.birth_date <> s.birth_date)
  OR (s.given_key IS NOT NULL AND (c.given_names IS NOT NULL OR c.given_names_latin IS NOT NULL)
      AND strpos(' ' || c.search_keys || ' ', ' ' || s.given_key || ' ') = 0))`;

const LIVE = 'c.erased_at IS NULL AND c.merged_into_id IS NULL';

/** The live customers holding a contact; the caller adds the contact's condition. */
const OWNERS = `SELECT c.id, c.external_id, c.birth_date, c.given_names, c.given_names_latin, c.search_keys
  FROM customer_contacts cc JOIN customers c ON c.organization_id = cc.organization_id AND c.id = cc.customer_id AND ${LIVE}
  WHERE cc.organization_id = $1 AND`;

/** Applies one rule's candidates: exactly one customer matches, several reject the row. */
function applyCandidates(rule: string, candidates: string): string {
  return `
    WITH cand AS (${candidates})
    UPDATE import_stage s SET
      customer_id = CASE WHEN cardinality(cand.ids) = 1 THEN cand.ids[1] END,
      rule = '${rule}',
      outcome = CASE WHEN cardinality(cand.ids) = 1 THEN 'matched' ELSE 'rejected' END,
      reason = CASE WHEN cardinality(cand.ids) > 1 THEN 'ambiguous_match' END,
      detail = CASE WHEN cardinality(cand.ids) > 1 THEN '${rule}' END
    FROM cand WHERE cand.line = s.line`;
}

/**
 * Matches the staged rows; returns how many found a customer (or several). The statements that only
 * concern matched rows — merged and erased customers, two rows finding one customer — are skipped when
 * none did, as in a first import: each of them reads the whole chunk.
 */
export async function matchRows(client: PoolClient, organizationId: string): Promise<number> {
  // 1. External id; a merged-away customer stands for its survivor, an erased one is not brought back.
  // Every lookup is an index probe per staged row (OFFSET 0 keeps the planner from turning it into a scan
  // of the whole customer base, which it would do once per chunk).
  const byExternalId = await client.query(`
    UPDATE import_stage s SET customer_id = m.id, rule = 'external_id', outcome = 'matched'
    FROM (SELECT s2.line, c.id FROM import_stage s2
          CROSS JOIN LATERAL (SELECT c.id FROM customers c WHERE c.organization_id = $1 AND c.external_id = s2.ext OFFSET 0) c
          WHERE s2.ext IS NOT NULL) m
    WHERE m.line = s.line`, [organizationId]);
  if (byExternalId.rowCount) {
    await client.query(`
    WITH RECURSIVE chain AS (
      SELECT s.line, c.merged_into_id AS next, 1 AS depth
      FROM import_stage s JOIN customers c ON c.organization_id = $1 AND c.id = s.customer_id
      WHERE s.outcome = 'matched' AND c.merged_into_id IS NOT NULL
      UNION ALL
      SELECT ch.line, c.merged_into_id, ch.depth + 1
      FROM chain ch JOIN customers c ON c.organization_id = $1 AND c.id = ch.next
      WHERE c.merged_into_id IS NOT NULL AND ch.depth < 32)
    UPDATE import_stage s SET customer_id = last.next, detail = 'merged'
    FROM (SELECT DISTINCT ON (line) line, next FROM chain ORDER BY line, depth DESC) last WHERE last.line = s.line`, [organizationId]);
    await client.query(`
    UPDATE import_stage s SET outcome = 'rejected', reason = 'customer_erased'
    FROM customers c WHERE c.organization_id = $1 AND c.id = s.customer_id AND s.outcome = 'matched' AND c.erased_at IS NOT NULL`, [organizationId]);
  }
  let found = byExternalId.rowCount ?? 0;

  // 2. A phone, 3. an e-mail (e-mail local parts keep their case when stored; matching ignores it).
  found += (await client.query(applyCandidates('phone', `
    SELECT s.line, array_agg(DISTINCT c.id) AS ids
    FROM import_stage s CROSS JOIN LATERAL unnest(s.phones) AS p(value)
    CROSS JOIN LATERAL (${OWNERS} cc.kind = 'phone' AND cc.value = p.value OFFSET 0) c
    WHERE s.outcome IS NULL AND NOT ${CONTRADICTS}
    GROUP BY s.line`), [organizationId])).rowCount ?? 0;
  found += (await client.query(applyCandidates('email', `
    SELECT s.line, array_agg(DISTINCT c.id) AS ids
    FROM import_stage s CROSS JOIN LATERAL unnest(s.emails) AS e(value)
    CROSS JOIN LATERAL (${OWNERS} cc.kind = 'email' AND lower(cc.value) = lower(e.value) OFFSET 0) c
    WHERE s.outcome IS NULL AND NOT ${CONTRADICTS}
    GROUP BY s.line`), [organizationId])).rowCount ?? 0;

  // 4. Family name + given name + birth date, compared by their spelling-insensitive keys, so a Latin
  // spelling in the file finds the Cyrillic name on file. A row with an external id can only be a customer
  // without one: one with the same id was found by rule 1, one with another id is someone else. So those
  // rows look among the customers without an external id alone (none, when every customer came from files
  // with ids); comparing them with every customer born that day costs a heap fetch per customer of that
  // birth date, which at a million customers is most of the import's matching time.
  const nameBirthDate = (withExt: boolean) => `
    SELECT s.line, array_agg(DISTINCT c.id) AS ids
    FROM import_stage s
    JOIN customers c ON c.organization_id = $1 AND c.birth_date = s.birth_date AND ${LIVE}${withExt ? ' AND c.external_id IS NULL' : ''}
    WHERE s.outcome IS NULL AND s.ext IS ${withExt ? 'NOT NULL' : 'NULL'} AND s.family_key IS NOT NULL AND s.given_key IS NOT NULL
      AND strpos(' ' || c.search_keys || ' ', ' ' || s.family_key || ' ') > 0
      AND strpos(' ' || c.search_keys || ' ', ' ' || s.given_key || ' ') > 0
    GROUP BY s.line`;
  found += (await client.query(applyCandidates('name_birth_date', nameBirthDate(true)), [organizationId])).rowCount ?? 0;
  found += (await client.query(applyCandidates('name_birth_date', nameBirthDate(false)), [organizationId])).rowCount ?? 0;

  // Two rows of the file that match one customer: the first one updates it, the others are rejected —
  // in this chunk, and against the customers earlier chunks of the file created or updated.
  if (found > 0) {
    await client.query(`
      UPDATE import_stage s SET outcome = 'rejected', reason = 'same_customer', detail = m.line::text
      FROM import_matched m WHERE m.customer_id = s.customer_id AND s.outcome = 'matched'`);
    await client.query(`
      UPDATE import_stage s SET outcome = 'rejected', reason = 'same_customer', detail = d.first::text
      FROM (SELECT line, min(line) OVER (PARTITION BY customer_id) AS first FROM import_stage WHERE outcome = 'matched') d
      WHERE d.line = s.line AND d.first <> s.line`);
  }
  // Everything else is a new customer, if it has a name to show.
  await client.query(`
    UPDATE import_stage SET
      outcome = CASE WHEN display_name IS NULL THEN 'rejected' ELSE 'created' END,
      reason = CASE WHEN display_name IS NULL THEN 'no_name' END,
      customer_id = CASE WHEN display_name IS NULL THEN NULL ELSE id END
    WHERE outcome IS NULL`);
  return found;
}

export interface MatchedNames {
  line: number; kind: 'person' | 'company'; company_name: string | null; display_name: string;
  family_name: string | null; given_names: string | null; patronymic: string | null; family_name_latin: string | null; given_names_latin: string | null;
}

export type UpdateMode = 'fill_empty' | 'overwrite';

/** The value a matched customer's field gets: its own unless empty, or the file's unless empty. */
export function merged(mode: UpdateMode, file: string, stored: string): string {
  return mode === 'overwrite' ? `COALESCE(${file}, ${stored})` : `COALESCE(${stored}, ${file})`;
}

/** The names a matched customer will have after the import, for Node to compute its display name and keys. */
export async function matchedNames(client: PoolClient, organizationId: string, mode: UpdateMode, from: number, to: number): Promise<MatchedNames[]> {
  const { rows } = await client.query<MatchedNames>(`
    SELECT s.line, c.kind, c.company_name, c.display_name,
      ${merged(mode, 's.family', 'c.family_name')} AS family_name, ${merged(mode, 's.given', 'c.given_names')} AS given_names,
      ${merged(mode, 's.patronymic', 'c.patronymic')} AS patronymic, ${merged(mode, 's.family_latin', 'c.family_name_latin')} AS family_name_latin,
      ${merged(mode, 's.given_latin', 'c.given_names_latin')} AS given_names_latin
    FROM import_stage s JOIN customers c ON c.organization_id = $1 AND c.id = s.customer_id
    WHERE s.outcome = 'matched' AND s.line >= $2 AND s.line < $3`, [organizationId, from, to]);
  return rows;
}

export async function setMatchedKeys(client: PoolClient, lines: number[], displayNames: string[], searchKeys: string[]): Promise<void> {
  await client.query(`
    UPDATE import_stage s SET display_name = v.d, search_keys = v.k
    FROM unnest($1::int[], $2::text[], $3::text[]) AS v(line, d, k) WHERE s.line = v.line`, [lines, displayNames, searchKeys]);
}
