// The duplicate scan saves each batch's proposals in one statement (or a few), not one at a time: the
// proposals are the same as the one-at-a-time save made (pairs, scores, reasons, status), on a base with
// phone, e-mail, document and name + birth-date duplicates, and a re-scan keeps dismissed pairs dismissed
// and merged pairs merged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pairsFor, propose, scanOrganization } from '../../src/modules/customers/duplicates/scan.js';
import { duplicateScore, orderedPair, type Evidence } from '../../src/modules/customers/domain/duplicates.js';
import type { ServiceContext } from '../../src/platform/context.js';
import { sql, type Db } from '../../src/platform/db/database.js';
import { createTenant, createTestApp, type Tenant, type TestApp } from '../support/app.js';

const NOW = '2026-05-01T10:00:00Z';
/** Two batches and a bit (2 000 customers each). */
const CUSTOMERS = 4500;

let t: TestApp;
let a: Tenant;
const cid = (n: number) => `00000000-0000-7000-a000-${n.toString(16).padStart(12, '0')}`;

/** The save as it was, one statement per pair: the reference the set-wise save must match. */
async function proposeOneByOne(db: Db, ctx: ServiceContext, organizationId: string, found: Array<{ a: string; b: string; evidence: Evidence }>): Promise<number> {
  const byPair = new Map<string, { a: string; b: string; evidence: Evidence[] }>();
  for (const f of found) {
    const [x, y] = orderedPair(f.a, f.b);
    const entry = byPair.get(`${x}:${y}`) ?? byPair.set(`${x}:${y}`, { a: x, b: y, evidence: [] }).get(`${x}:${y}`)!;
    if (!entry.evidence.some((e) => e.kind === f.evidence.kind)) entry.evidence.push(f.evidence);
  }
  const now = ctx.clock.now();
  for (const p of byPair.values()) {
    p.evidence.sort((x, y) => x.kind.localeCompare(y.kind));
    await sql`
      INSERT INTO customer_duplicates (id, organization_id, customer_a, customer_b, score, reasons, status, found_at)
      VALUES (${ctx.ids.next()}, ${organizationId}, ${p.a}, ${p.b}, ${duplicateScore(p.evidence)}, ${JSON.stringify(p.evidence)}::jsonb, 'open', ${now})
      ON CONFLICT (organization_id, customer_a, customer_b) DO UPDATE SET score = EXCLUDED.score, reasons = EXCLUDED.reasons
      WHERE customer_duplicates.status = 'open'`.execute(db);
  }
  return byPair.size;
}

interface Saved { customer_a: string; customer_b: string; score: number; reasons: string; status: string; found_at: Date }
async function saved(): Promise<Saved[]> {
  const { rows } = await t.db.pool.query(`SELECT customer_a, customer_b, score, reasons::text AS reasons, status, found_at FROM customer_duplicates WHERE organization_id = $1 ORDER BY customer_a, customer_b`, [a.organizationId]);
  return rows as Saved[];
}
const clear = () => t.db.pool.query('DELETE FROM customer_duplicates WHERE organization_id = $1', [a.organizationId]);
async function batches(): Promise<string[][]> {
  const { rows } = await t.db.pool.query(`SELECT id FROM customers WHERE organization_id = $1 AND merged_into_id IS NULL AND erased_at IS NULL ORDER BY updated_at, id`, [a.organizationId]);
  const ids = rows.map((r: { id: string }) => r.id);
  return Array.from({ length: Math.ceil(ids.length / 2000) }, (_, i) => ids.slice(i * 2000, (i + 1) * 2000));
}

beforeAll(async () => {
  t = await createTestApp({ now: NOW });
  a = await createTenant(t, { name: 'Duplicates saved set-wise' });
  const q = (text: string, params: unknown[]) => t.db.pool.query(text, params);
  const id = (p: string) => `('${p}' || lpad(to_hex(n), 12, '0'))::uuid`;
  // n % 10: 0–1 share a phone, 2–3 an e-mail (other case), 4–5 a document number and a phone, 6–7 a
  // birth date and nearly the same name, 8–9 a phone and an e-mail (two reasons each, found in an order
  // the save sorts). The first 12 also share a switchboard
  // phone (more than 10 profiles: not evidence).
  const name = (e: string) => `(translate(substr(md5((${e})::text), 1, 7), '0123456789', 'ghijklmnop') || ' ' || translate(substr(md5((${e})::text), 9, 6), '0123456789', 'qrstuvwxyz'))`;
  await q(`INSERT INTO customers (id, organization_id, family_name, display_name, search_keys, birth_date, created_at, updated_at)
    SELECT ${id('00000000-0000-7000-a000-')}, $1, k, k, k, bd, $2::timestamptz - interval '1 minute', $2::timestamptz - interval '1 minute'
    FROM (SELECT n, CASE WHEN n % 10 = 7 THEN ${name('n - 1')} || 'x' ELSE ${name('n')} END AS k,
      date '1950-01-01' + ((CASE WHEN n % 10 = 7 THEN n - 1 ELSE n END) * 7919 % 25000) AS bd
      FROM generate_series(0, $3 - 1) n) s`, [a.organizationId, NOW, CUSTOMERS]);
  await q(`INSERT INTO customer_contacts (id, organization_id, customer_id, kind, value, is_primary)
    SELECT ${id('00000000-0000-7000-b000-')}, $1, ${id('00000000-0000-7000-a000-')}, 'phone',
      '+3725' || lpad((CASE WHEN n % 10 IN (1, 5, 9) THEN n - 1 ELSE n END)::text, 7, '0'), true
    FROM generate_series(0, $2 - 1) n`, [a.organizationId, CUSTOMERS]);
  await q(`INSERT INTO customer_contacts (id, organization_id, customer_id, kind, value, is_primary)
    SELECT ${id('00000000-0000-7000-c000-')}, $1, ${id('00000000-0000-7000-a000-')}, 'email',
      CASE WHEN n % 10 IN (3, 9) THEN 'Person' || (n - 1) || '@Example.com' ELSE 'person' || n || '@example.com' END, false
    FROM generate_series(0, $2 - 1) n`, [a.organizationId, CUSTOMERS]);
  await q(`INSERT INTO customer_contacts (id, organization_id, customer_id, kind, value, is_primary)
    SELECT ${id('00000000-0000-7000-e000-')}, $1, ${id('00000000-0000-7000-a000-')}, 'phone', '+37200000000', false
    FROM generate_series(0, 11) n`, [a.organizationId]);
  await q(`INSERT INTO customer_documents (id, organization_id, customer_id, type, number_tail, number_hmac, full_hmac, key_id, payload, created_at, updated_at)
    SELECT ${id('00000000-0000-7000-d000-')}, $1, ${id('00000000-0000-7000-a000-')}, 'passport', '1234',
      decode(md5((CASE WHEN n % 10 = 5 THEN n - 1 ELSE n END) || 'number'), 'hex'), decode(md5(n || 'full'), 'hex'), 'k1', '\\x00', $2, $2
    FROM generate_series(0, $3 - 1) n WHERE n % 10 IN (4, 5)`, [a.organizationId, NOW, CUSTOMERS]);
  await q('ANALYZE customers, customer_contacts, customer_documents', []);
});
afterAll(() => t.close());

describe('saving the proposals of a batch set-wise', () => {
  it('saves the same proposals as one statement per pair, on phone, e-mail, document and name + birth-date duplicates', async () => {
    const scope = { organizationId: a.organizationId };
    const found = await Promise.all((await batches()).map((ids) => pairsFor(t.db.db, scope, ids)));
    expect(found.length).toBe(3);
    const counts: number[][] = [[], []];
    for (const f of found) counts[0]!.push(await proposeOneByOne(t.db.db, t.db.ctx, a.organizationId, f));
    const before = await saved();
    await clear();
    for (const f of found) counts[1]!.push(await propose(t.db.db, t.db.ctx, scope, f));
    const after = await saved();
    expect(counts[1]).toEqual(counts[0]);
    expect(after).toEqual(before);
    // The base has every kind of evidence, a pair with two reasons, and no switchboard pair.
    expect(after).toHaveLength(CUSTOMERS / 2);
    const kinds = new Set(after.map((p) => (JSON.parse(p.reasons) as Evidence[]).map((e) => e.kind).join('+')));
    expect([...kinds].sort()).toEqual(
      ['document+phone', 'email', 'email+phone', 'name_birth_date', 'phone']);
    expect(after.find((p) => p.customer_a === cid(0))).toMatchObject({ customer_b: cid(1), score: 70 });
    expect(after.find((p) => p.customer_a === cid(8))).toMatchObject({ customer_b: cid(9), score: 90, reasons: '[{"kind": "email"}, {"kind": "phone"}]' });
    expect(after.find((p) => p.customer_a === cid(4))).toMatchObject({ customer_b: cid(5), score: 99, reasons: '[{"kind": "document"}, {"kind": "phone"}]' });
    expect(after.some((p) => p.customer_a === cid(0) && p.customer_b === cid(2))).toBe(false);
    // Saving the same batches again refreshes them: nothing doubled, nothing changed.
    for (const f of found) await propose(t.db.db, t.db.ctx, scope, f);
    expect(await saved()).toEqual(before);
  });

  it('a re-scan keeps dismissed pairs dismissed and merged pairs merged, and refreshes the open ones', async () => {
    await clear();
    const scope = { organizationId: a.organizationId };
    expect(await scanOrganization(t.db.ctx, scope, { settleMs: 0, persist: false, maxBatches: 10 })).toEqual({ scanned: CUSTOMERS, proposed: CUSTOMERS / 2 });
    const first = await saved();
    const pool = t.db.pool;
    await pool.query(`UPDATE customer_duplicates SET status = 'dismissed', decided_at = $2 WHERE organization_id = $1 AND customer_a = $3`, [a.organizationId, NOW, cid(0)]);
    await pool.query(`UPDATE customer_duplicates SET status = 'merged', decided_at = $2 WHERE organization_id = $1 AND customer_a = $3`, [a.organizationId, NOW, cid(10)]);
    // New evidence for the dismissed, the merged and an open pair: each would now score higher.
    for (const [n, m] of [[0, 1], [10, 11], [20, 21]] as const) {
      await pool.query(`INSERT INTO customer_contacts (id, organization_id, customer_id, kind, value) VALUES (gen_random_uuid(), $1, $2, 'email', $4), (gen_random_uuid(), $1, $3, 'email', $4)`,
        [a.organizationId, cid(n), cid(m), `shared${n}@example.com`]);
    }
    expect(await scanOrganization(t.db.ctx, scope, { settleMs: 0, persist: false, maxBatches: 10 })).toEqual({ scanned: CUSTOMERS, proposed: CUSTOMERS / 2 });
    const second = await saved();
    expect(second).toHaveLength(first.length);
    const pair = (rows: Saved[], n: number) => rows.find((p) => p.customer_a === cid(n))!;
    expect(pair(second, 0)).toMatchObject({ status: 'dismissed', score: 70, reasons: '[{"kind": "phone"}]' });
    expect(pair(second, 10)).toMatchObject({ status: 'merged', score: 70, reasons: '[{"kind": "phone"}]' });
    expect(pair(second, 20)).toMatchObject({ status: 'open', score: 90, reasons: '[{"kind": "email"}, {"kind": "phone"}]' });
    const untouched = (rows: Saved[]) => rows.filter((p) => ![cid(0), cid(10), cid(20)].includes(p.customer_a));
    expect(untouched(second)).toEqual(untouched(first));
  });
});
