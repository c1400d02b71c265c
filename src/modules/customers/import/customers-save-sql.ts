// Writing one chunk of staged lines (customers-sql.ts matched them): new customers, their contacts, the
// changes to matched customers, and the audit rows of the profile timeline (customer_profile_changes,
// the same table the profile edits write, with the import session and line as the change's origin).
//
// An update never erases: an empty cell leaves the field as it is. Names, gender and birth date fill the
// customer's empty fields (updateMode 'fill_empty', the default: staff correct names by hand, an old
// file must not undo that) or replace them ('overwrite'); notes are appended unless already there; tags
// and contacts are added. A matched customer that neither a field nor a contact changes is "skipped".

import type { PoolClient } from 'pg';
import { isUniqueViolation } from '../../../platform/db/database.js';
import { merged, type UpdateMode } from './customers-sql.js';

export interface SaveContext {
  organizationId: string;
  sessionId: string;
  staffId: string | null;
  apiKeyId: string | null;
  now: Date;
  source: string;
  updateMode: UpdateMode;
}

export class ImportRaceError extends Error {}

/** The unique constraint on (organization_id, external_id) of customers (migrations/…_customers_core.sql). */
const EXTERNAL_ID_KEY = 'customers_organization_id_external_id_key';

/** Contacts of a staged row as (kind, value, id, first-of-its-kind); ids were drawn in Node, in this order. */
const CONTACTS_OF_ROW = `
  LATERAL (
    SELECT 'phone' AS kind, p.value, s.contact_ids[p.n::int] AS cid, p.n = 1 AS first FROM unnest(s.phones) WITH ORDINALITY AS p(value, n)
    UNION ALL
    SELECT 'email', e.value, s.contact_ids[cardinality(s.phones) + e.n::int], e.n = 1 FROM unnest(s.emails) WITH ORDINALITY AS e(value, n)
    UNION ALL
    SELECT 'address', s.address, s.contact_ids[cardinality(s.phones) + cardinality(s.emails) + 1], true WHERE s.address IS NOT NULL
  ) x`;

const FIELD_DIFFS: ReadonlyArray<readonly [string, string]> = [
  ['familyName', 'family_name'], ['givenNames', 'given_names'], ['patronymic', 'patronymic'], ['familyNameLatin', 'family_name_latin'],
  ['givenNamesLatin', 'given_names_latin'], ['gender', 'gender'], ['birthDate', 'birth_date'], ['notes', 'notes'], ['tags', 'tags'],
  ['externalId', 'external_id'],
];

/** Writes staged lines [from, to); `matched`: whether any of them found an existing customer (else that half is skipped). */
export async function saveChunk(client: PoolClient, ctx: SaveContext, from: number, to: number, matched = true): Promise<void> {
  const org = ctx.organizationId;
  // New customers. The external ids were looked up at matching; one taken since then by someone else
  // (a customer added by hand while the import ran) makes the whole import fail rather than skip a row.
  // Plain inserts, no ON CONFLICT: a conflict can only be that race, and the unique index reports it
  // (speculative insertion would cost every row an extra index probe and WAL record for nothing).
  try {
    await client.query(`
      INSERT INTO customers (id, organization_id, kind, family_name, given_names, patronymic, family_name_latin, given_names_latin,
        display_name, gender, birth_date, notes, tags, external_id, search_keys, source, created_at, updated_at)
      SELECT id, $1, 'person', family, given, patronymic, family_latin, given_latin, display_name, gender, birth_date, notes, tags, ext,
        search_keys, $4, $5, $5
      FROM import_stage WHERE outcome = 'created' AND line >= $2 AND line < $3 ORDER BY line`, [org, from, to, ctx.source, ctx.now]);
  } catch (e) {
    if (isUniqueViolation(e, EXTERNAL_ID_KEY)) throw new ImportRaceError('A customer with one of the file\'s external ids was added while the import ran; run the import again');
    throw e;
  }
  // A new customer's contacts are new too (mapRow lists a phone or an e-mail once per row).
  await client.query(`
    INSERT INTO customer_contacts (id, organization_id, customer_id, kind, value, is_primary, created_at)
    SELECT x.cid, $1, s.customer_id, x.kind, x.value, x.first, $4
    FROM import_stage s, ${CONTACTS_OF_ROW}
    WHERE s.outcome = 'created' AND s.line >= $2 AND s.line < $3`, [org, from, to, ctx.now]);
  await client.query(`
    INSERT INTO customer_profile_changes (id, organization_id, customer_id, action, changes, staff_id, api_key_id, at)
    SELECT audit_id, $1, customer_id, 'created', jsonb_build_object('import', jsonb_build_object('from', null, 'to', jsonb_build_object('session', $4::text, 'line', line))), $5, $6, $7
    FROM import_stage WHERE outcome = 'created' AND line >= $2 AND line < $3`, [org, from, to, ctx.sessionId, ctx.staffId, ctx.apiKeyId, ctx.now]);

  if (!matched) return;
  // Matched customers: contacts they do not have yet (a contact's first of its kind becomes primary only
  // when the customer has no primary one of that kind), then the fields.
  await client.query('TRUNCATE import_added');
  await client.query(`
    WITH added AS (
      INSERT INTO customer_contacts (id, organization_id, customer_id, kind, value, is_primary, created_at)
      SELECT x.cid, $1, s.customer_id, x.kind, x.value,
        x.first AND NOT EXISTS (SELECT 1 FROM customer_contacts p WHERE p.organization_id = $1 AND p.customer_id = s.customer_id AND p.kind = x.kind AND p.is_primary),
        $4
      FROM import_stage s, ${CONTACTS_OF_ROW}
      WHERE s.outcome = 'matched' AND s.line >= $2 AND s.line < $3
        AND NOT EXISTS (SELECT 1 FROM customer_contacts o WHERE o.organization_id = $1 AND o.customer_id = s.customer_id AND o.kind = x.kind
          AND (o.value = x.value OR (x.kind = 'email' AND lower(o.value) = lower(x.value))))
      ON CONFLICT (organization_id, customer_id, kind, value) DO NOTHING
      RETURNING customer_id, kind, value)
    INSERT INTO import_added SELECT customer_id, kind, value FROM added`, [org, from, to, ctx.now]);

  const m = ctx.updateMode;
  const newValues = {
    family_name: merged(m, 's.family', 'old.family_name'), given_names: merged(m, 's.given', 'old.given_names'),
    patronymic: merged(m, 's.patronymic', 'old.patronymic'), family_name_latin: merged(m, 's.family_latin', 'old.family_name_latin'),
    given_names_latin: merged(m, 's.given_latin', 'old.given_names_latin'), gender: merged(m, 's.gender', 'old.gender'),
    birth_date: merged(m, 's.birth_date', 'old.birth_date'),
    notes: `CASE WHEN s.notes IS NULL THEN old.notes WHEN old.notes IS NULL THEN s.notes WHEN strpos(old.notes, s.notes) > 0 THEN old.notes ELSE old.notes || E'\\n' || s.notes END`,
    tags: 'old.tags || ARRAY(SELECT t FROM unnest(s.tags) AS t WHERE NOT t = ANY(old.tags))',
    external_id: `CASE WHEN old.external_id IS NULL AND s.rule <> 'external_id' THEN s.ext ELSE old.external_id END`,
  } as const;
  const columns = Object.keys(newValues) as Array<keyof typeof newValues>;
  // Display name and search keys follow the names; they alone (a newer key algorithm) do not make an update.
  const changed = `(${columns.map((c) => newValues[c]).join(', ')}) IS DISTINCT FROM (${columns.map((c) => `old.${c}`).join(', ')})`;
  const diffs = FIELD_DIFFS.map(([name, column]) => `('${name}', CASE WHEN c.${column} IS DISTINCT FROM old.${column} THEN jsonb_build_object('from', to_jsonb(old.${column}), 'to', to_jsonb(c.${column})) END)`);
  await client.query(`
    WITH upd AS (
      UPDATE customers c SET ${columns.map((col) => `${col} = ${newValues[col]}`).join(', ')},
        display_name = s.display_name, search_keys = s.search_keys, updated_at = $4
      FROM import_stage s, customers old
      WHERE c.organization_id = $1 AND c.id = s.customer_id AND old.organization_id = $1 AND old.id = c.id
        AND s.outcome = 'matched' AND s.line >= $2 AND s.line < $3
        AND (${changed} OR EXISTS (SELECT 1 FROM import_added a WHERE a.customer_id = c.id))
      RETURNING c.id, s.line, s.audit_id, (
        SELECT COALESCE(jsonb_object_agg(d.k, d.v), '{}') FROM (VALUES ${diffs.join(', ')}) AS d(k, v) WHERE d.v IS NOT NULL) AS diff),
    marked AS (UPDATE import_stage st SET outcome = 'updated' FROM upd WHERE st.line = upd.line)
    INSERT INTO customer_profile_changes (id, organization_id, customer_id, action, changes, staff_id, api_key_id, at)
    SELECT upd.audit_id, $1, upd.id, 'updated',
      upd.diff
        || COALESCE((SELECT jsonb_object_agg(CASE a.kind WHEN 'address' THEN 'addressesAdded' ELSE a.kind || 'sAdded' END, jsonb_build_object('from', null, 'to', a.vals))
                     FROM (SELECT kind, jsonb_agg(value ORDER BY value) AS vals FROM import_added WHERE customer_id = upd.id GROUP BY kind) a), '{}')
        || jsonb_build_object('import', jsonb_build_object('from', null, 'to', jsonb_build_object('session', $5::text, 'line', upd.line))),
      $6, $7, $4
    FROM upd`, [org, from, to, ctx.now, ctx.sessionId, ctx.staffId, ctx.apiKeyId]);
  await client.query(`UPDATE import_stage SET outcome = 'skipped' WHERE outcome = 'matched' AND line >= $1 AND line < $2`, [from, to]);
}

export interface StageCount { outcome: string; rule: string | null; reason: string | null; n: number }

export async function stageCounts(client: PoolClient): Promise<StageCount[]> {
  const { rows } = await client.query<StageCount>('SELECT outcome, rule, reason, count(*)::int AS n FROM import_stage GROUP BY 1, 2, 3 ORDER BY 1, 2, 3');
  return rows;
}

export async function stageRejections(client: PoolClient): Promise<Array<{ line: number; reason: string; detail: string | null }>> {
  const { rows } = await client.query<{ line: number; reason: string; detail: string | null }>(`SELECT line, reason, detail FROM import_stage WHERE outcome = 'rejected' ORDER BY line`);
  return rows;
}
