// The duplicate job: proposes pairs of profiles that are likely one person — same phone, same e-mail,
// same document, or a similar name with the same birth date — with a score and the reasons. It looks at
// the customers changed since its mark, a batch at a time, so a run stays short at any base size.
import type { ServiceContext } from '../../../platform/context.js';
import { sql, type Db } from '../../../platform/db/database.js';
import type { TenantScope } from '../../../platform/db/tenant.js';
import { duplicateScore, orderedPair, type Evidence } from '../domain/duplicates.js';
import '../tables.js';

const BATCH = 2000;
/**
 * A scan asked for by staff looks at up to 1 000 000 changed customers (0.15 s a batch on a base of 100 000
 * here; the candidate queries still hash the organization's contacts and customers, so a batch costs more
 * on a larger base).
 */
export const MANUAL_SCAN_MAX_BATCHES = 500;
/** A phone or e-mail shared by more profiles than this is a switchboard or a placeholder, not evidence. */
const MAX_SHARED = 10;
/** Names at least this similar (pg_trgm similarity of the search keys) with the same birth date are proposed. */
export const NAME_SIMILARITY = 0.5;
const FULL_SCAN_EVERY_MS = 7 * 86_400_000;
/** Rows changed in the last minutes are left for the next run, so a transaction still open is not skipped. */
const SETTLE_MS = 2 * 60_000;

/** One piece of evidence that two profiles are one person, as the candidate queries find it. */
export interface Found { a: string; b: string; evidence: Evidence }

/** The pairs the batch's customers are in, with the evidence (exported for the tests of the save). */
export async function pairsFor(db: Db, scope: TenantScope, ids: string[]): Promise<Found[]> {
  const org = scope.organizationId;
  const live = (alias: string) => sql`EXISTS (SELECT 1 FROM customers x WHERE x.id = ${sql.ref(alias)} AND x.organization_id = ${org} AND x.merged_into_id IS NULL AND x.erased_at IS NULL)`;
  const contacts = await sql<{ a: string; b: string; kind: 'phone' | 'email'; shared: number }>`
    WITH mine AS (
      SELECT customer_id, kind, CASE WHEN kind = 'email' THEN lower(value) ELSE value END AS v
      FROM customer_contacts WHERE organization_id = ${org} AND customer_id = ANY(${ids}::uuid[]) AND kind IN ('phone', 'email')
    ), other AS (
      SELECT m.customer_id AS a, c.customer_id AS b, m.kind, m.v
      FROM mine m JOIN customer_contacts c ON c.organization_id = ${org} AND c.kind = 'phone' AND m.kind = 'phone' AND c.value = m.v
      UNION ALL
      SELECT m.customer_id, c.customer_id, m.kind, m.v
      FROM mine m JOIN customer_contacts c ON c.organization_id = ${org} AND c.kind = 'email' AND m.kind = 'email' AND lower(c.value) = m.v
    )
    SELECT a, b, kind, count(*) OVER (PARTITION BY a, kind, v)::int AS shared FROM other o WHERE a <> b AND ${live('o.b')}`.execute(db);
  const documents = await sql<{ a: string; b: string }>`
    SELECT DISTINCT m.customer_id AS a, d.customer_id AS b
    FROM customer_documents m JOIN customer_documents d ON d.organization_id = m.organization_id AND (d.number_hmac = m.number_hmac OR d.full_hmac = m.full_hmac)
    WHERE m.organization_id = ${org} AND m.customer_id = ANY(${ids}::uuid[]) AND d.customer_id <> m.customer_id AND ${live('d.customer_id')}`.execute(db);
  const names = await sql<{ a: string; b: string; s: number }>`
    SELECT m.id AS a, c.id AS b, similarity(m.search_keys, c.search_keys) AS s
    FROM customers m JOIN customers c ON c.organization_id = m.organization_id AND c.birth_date = m.birth_date AND c.id <> m.id
    WHERE m.organization_id = ${org} AND m.id = ANY(${ids}::uuid[]) AND m.birth_date IS NOT NULL AND m.search_keys <> ''
      AND c.merged_into_id IS NULL AND c.erased_at IS NULL AND similarity(m.search_keys, c.search_keys) >= ${NAME_SIMILARITY}`.execute(db);
  return [
    ...contacts.rows.filter((r) => r.shared <= MAX_SHARED).map((r) => ({ a: r.a, b: r.b, evidence: { kind: r.kind } })),
    ...documents.rows.map((r) => ({ a: r.a, b: r.b, evidence: { kind: 'document' as const } })),
    ...names.rows.map((r) => ({ a: r.a, b: r.b, evidence: { kind: 'name_birth_date' as const, similarity: Math.round(Number(r.s) * 100) / 100 } })),
  ];
}

/** Pairs saved per statement: a batch's pairs go in one statement or a few. */
const SAVE_CHUNK = 5000;

/**
 * Inserts or refreshes the proposals, set-wise (one statement per chunk of pairs); a dismissed or merged
 * pair keeps its decision. The pairs go in (customer_a, customer_b) order, so two scans of one
 * organization at once (the job and a scan asked for by staff) take the rows' locks in the same order.
 */
export async function propose(db: Db, ctx: ServiceContext, scope: TenantScope, found: Found[]): Promise<number> {
  const byPair = new Map<string, { a: string; b: string; evidence: Evidence[] }>();
  for (const f of found) {
    const [a, b] = orderedPair(f.a, f.b);
    const entry = byPair.get(`${a}:${b}`) ?? byPair.set(`${a}:${b}`, { a, b, evidence: [] }).get(`${a}:${b}`)!;
    if (!entry.evidence.some((e) => e.kind === f.evidence.kind)) entry.evidence.push(f.evidence);
  }
  const now = ctx.clock.now();
  // Ids are taken in the order the pairs were found, as when they were saved one at a time.
  const rows = [...byPair.values()]
    .map((p) => {
      p.evidence.sort((x, y) => x.kind.localeCompare(y.kind));
      return { id: ctx.ids.next(), a: p.a, b: p.b, score: duplicateScore(p.evidence), reasons: p.evidence };
    })
    .sort((x, y) => (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : x.b > y.b ? 1 : 0));
  for (let i = 0; i < rows.length; i += SAVE_CHUNK) {
    await sql`
      INSERT INTO customer_duplicates (id, organization_id, customer_a, customer_b, score, reasons, status, found_at)
      SELECT p.id, ${scope.organizationId}, p.a, p.b, p.score, p.reasons, 'open', ${now}
      FROM jsonb_to_recordset(${JSON.stringify(rows.slice(i, i + SAVE_CHUNK))}::jsonb) AS p(id uuid, a uuid, b uuid, score int, reasons jsonb)
      ORDER BY p.a, p.b
      ON CONFLICT (organization_id, customer_a, customer_b) DO UPDATE SET score = EXCLUDED.score, reasons = EXCLUDED.reasons
      WHERE customer_duplicates.status = 'open'`.execute(db);
  }
  return byPair.size;
}

/** Organizations that have customers, by a skip scan over the organization index (no tenancy table read). */
async function organizationsWithCustomers(db: Db): Promise<string[]> {
  const rows = await sql<{ organization_id: string }>`
    WITH RECURSIVE orgs AS (
      (SELECT organization_id FROM customers ORDER BY organization_id LIMIT 1)
      UNION ALL
      SELECT (SELECT c.organization_id FROM customers c WHERE c.organization_id > o.organization_id ORDER BY c.organization_id LIMIT 1)
      FROM orgs o WHERE o.organization_id IS NOT NULL
    ) SELECT organization_id FROM orgs WHERE organization_id IS NOT NULL`.execute(db);
  return rows.rows.map((r) => r.organization_id);
}

/**
 * Scans one organization's customers changed since the mark, at most `maxBatches` batches; returns how
 * many customers were looked at and how many pairs were proposed or refreshed.
 */
export interface ScanOptions {
  maxBatches?: number;
  settleMs?: number;
  persist?: boolean;
  /** Called before the first batch and after each one, with the customers looked at and how many there are to look at. */
  onProgress?: (scanned: number, total: number) => Promise<void>;
}

export async function scanOrganization(ctx: ServiceContext, scope: TenantScope, options: ScanOptions = {}): Promise<{ scanned: number; proposed: number }> {
  const now = ctx.clock.now();
  const until = new Date(now.getTime() - (options.settleMs ?? SETTLE_MS));
  const mark = await ctx.db.selectFrom('customer_duplicate_scans').selectAll().where('organization_id', '=', scope.organizationId).executeTakeFirst();
  const restart = !mark || now.getTime() - new Date(mark.full_scan_started_at).getTime() > FULL_SCAN_EVERY_MS;
  let after = restart ? { at: new Date(0), id: '00000000-0000-0000-0000-000000000000' } : { at: new Date(mark.scanned_until), id: mark.scanned_id };
  const fullScanStartedAt = restart ? now : new Date(mark.full_scan_started_at);
  const maxBatches = options.maxBatches ?? 20;
  let scanned = 0;
  let proposed = 0;
  let total = 0;
  if (options.onProgress) {
    // Counted once up front (tens of milliseconds at 100 000 changed rows), so the bar moves evenly.
    const counted = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM customers
      WHERE organization_id = ${scope.organizationId} AND (updated_at, id) > (${after.at}, ${after.id}::uuid) AND updated_at <= ${until}`.execute(ctx.db);
    total = Math.min(counted.rows[0]?.n ?? 0, maxBatches * BATCH);
    await options.onProgress(0, total);
  }
  for (let i = 0; i < maxBatches; i++) {
    const batch = await sql<{ id: string; updated_at: Date; live: boolean }>`
      SELECT id, updated_at, (merged_into_id IS NULL AND erased_at IS NULL) AS live FROM customers
      WHERE organization_id = ${scope.organizationId} AND (updated_at, id) > (${after.at}, ${after.id}::uuid) AND updated_at <= ${until}
      ORDER BY updated_at, id LIMIT ${BATCH}`.execute(ctx.db);
    if (batch.rows.length === 0) break;
    const ids = batch.rows.filter((r) => r.live).map((r) => r.id);
    if (ids.length) proposed += await propose(ctx.db, ctx, scope, await pairsFor(ctx.db, scope, ids));
    scanned += batch.rows.length;
    const last = batch.rows[batch.rows.length - 1]!;
    after = { at: last.updated_at, id: last.id };
    // Rows changed while the scan runs may push past the first count; the bar never goes beyond its end.
    if (options.onProgress) await options.onProgress(scanned, Math.max(total, scanned));
    if (batch.rows.length < BATCH) break;
  }
  // A scan asked for by staff looks up to this moment but leaves the job's mark alone: rows of a
  // transaction still open now must still be seen by the job later.
  if (options.persist === false) return { scanned, proposed };
  await sql`
    INSERT INTO customer_duplicate_scans (organization_id, scanned_until, scanned_id, full_scan_started_at)
    VALUES (${scope.organizationId}, ${after.at}, ${after.id}::uuid, ${fullScanStartedAt})
    ON CONFLICT (organization_id) DO UPDATE SET scanned_until = EXCLUDED.scanned_until, scanned_id = EXCLUDED.scanned_id, full_scan_started_at = EXCLUDED.full_scan_started_at`.execute(ctx.db);
  return { scanned, proposed };
}

export async function scanAllOrganizations(ctx: ServiceContext): Promise<{ organizations: number; scanned: number; proposed: number }> {
  const totals = { organizations: 0, scanned: 0, proposed: 0 };
  for (const organizationId of await organizationsWithCustomers(ctx.db)) {
    const r = await scanOrganization(ctx, { organizationId });
    totals.organizations++;
    totals.scanned += r.scanned;
    totals.proposed += r.proposed;
  }
  return totals;
}
