// A 100 000-row file through the API and the job: counts, a few rows looked at closely, and the search
// finding an imported customer by a Latin spelling of a Cyrillic name. Two chunks of 50 000: the second
// is matched against the 50 000 customers the first wrote, inside the same transaction, which is where an
// import without fresh planner statistics turns quadratic (minutes instead of seconds: the test times out).
// How fast it is, is measured by `npm run bench:customers` (docs/benchmarks.md), not here: on two shared
// cores the wall time of this test varies fourfold with what else runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom, syntheticCsv, syntheticRow, SYNTHETIC_HEADER } from '../../src/modules/customers/import/__fixtures__/synthetic.js';
import type { Tenant, TestApp } from '../support/app.js';
import { russianImportTenant, suggested, type ImportApi } from './support.js';

const ROWS = 100_000;
let t: TestApp;
let tenant: Tenant;
let api: ImportApi;

beforeAll(async () => {
  ({ t, tenant, api } = await russianImportTenant());
});
afterAll(() => t.close());

describe('a 100 000-row file', () => {
  it('is imported whole, row for row, with the rejected ones reported', { timeout: 180_000 }, async () => {
    const session = await api.upload(syntheticCsv(ROWS), { fileName: 'big.csv' });
    expect(session).toMatchObject({ rowsTotal: ROWS, encoding: 'utf-8', delimiter: ';', header: [...SYNTHETIC_HEADER], dateOrder: { detected: 'dmy' } });
    expect(session.suggestedMapping.columns.map((c) => c.field)).toEqual(['externalId', 'familyName', 'givenName', 'patronymic', 'birthDate', 'phone', 'email', 'gender']);
    await api.map(session.id, suggested(session));
    const done = await api.run(session.id);
    const report = done.report as { created: number; rejected: number; rejectedBy: Record<string, number>; updated: number; skipped: number; rows: number };
    expect(report.rows).toBe(ROWS);
    expect(report.created + report.rejected).toBe(ROWS);
    expect(report.updated + report.skipped).toBe(0);
    // The generator writes a phone typo in one row of two hundred; nothing else is wrong with its rows.
    expect(Object.keys(report.rejectedBy).every((reason) => ['invalid_phone', 'too_short'].includes(reason))).toBe(true);
    expect(report.rejected).toBeGreaterThan(ROWS * 0.002);
    expect(report.rejected).toBeLessThan(ROWS * 0.01);
    const { rows: [count] } = await t.db.pool.query('SELECT count(*)::int AS n, count(DISTINCT external_id)::int AS ext FROM customers WHERE organization_id = $1', [tenant.organizationId]);
    expect(count).toEqual({ n: report.created, ext: report.created });
    const issues = (await api.call('GET', `/api/imports/${session.id}/issues?limit=1000`, undefined, 200)).json();
    expect(issues.items.length).toBe(Math.min(1000, report.rejected));

    // Row 1 and row 77 777 of the file, regenerated, against what was stored.
    const r = seededRandom(20261122);
    const rows: string[][] = [];
    for (let n = 1; n <= 77_777; n++) rows.push(syntheticRow(r, n));
    const rejectedLines = new Set<number>(issues.items.map((i: { line: number }) => i.line));
    for (const n of [1, 2, 3, 77_777]) {
      const cells = rows[n - 1] as string[];
      const { rows: [stored] } = await t.db.pool.query(`SELECT family_name, given_names, patronymic, birth_date, gender,
        (SELECT array_agg(value ORDER BY kind DESC) FROM customer_contacts cc WHERE cc.customer_id = c.id) AS contacts
        FROM customers c WHERE organization_id = $1 AND external_id = $2`, [tenant.organizationId, cells[0]]);
      if (rejectedLines.has(n + 1)) continue;
      expect(stored, `row ${n}: ${cells.join(';')}`).toMatchObject({ family_name: cells[1], given_names: cells[2], patronymic: cells[3] || null });
      if (cells[4]) expect(stored.birth_date).toBe(cells[4].split('.').reverse().join('-'));
      if (cells[6]) expect(stored.contacts).toContain(cells[6]);
    }
    const found = (await api.call('GET', `/api/customers/search?q=${encodeURIComponent('Shcherbakova')}&limit=5`, undefined, 200)).json();
    expect(found.items.length).toBeGreaterThan(0);
    expect(found.items[0].familyName).toMatch(/^(Щербакова|SHCHERBAKOVA)$/u);
  });
});
