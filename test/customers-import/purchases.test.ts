// Purchase history from an old system, through loyalty's importPurchases: customers found by external
// id, phone, e-mail or a "customer" column holding any of them; rows of one receipt become one purchase
// with its lines; bad rows are rejected with their lines; running the file again imports nothing twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tenant, TestApp } from '../support/app.js';
import { russianImportTenant, type ImportApi } from './support.js';

let t: TestApp;
let tenant: Tenant;
let api: ImportApi;
const id: Record<string, string> = {};

beforeAll(async () => {
  ({ t, tenant, api } = await russianImportTenant());
  const add = async (key: string, body: object) => { id[key] = (await api.call('POST', '/api/customers', body, 201)).json().id; };
  await add('anna', { familyName: 'Иванова', givenNames: 'Анна', externalId: 'C-1', phones: ['+7 916 400-00-01'] });
  await add('boris', { familyName: 'Борисов', givenNames: 'Борис', emails: ['boris@example.com'] });
  await add('vera', { familyName: 'Верина', givenNames: 'Вера', phones: ['+7 916 400-00-03'] });
});
afterAll(() => t.close());

const FILE = [
  'Чек;Клиент;Дата;Сумма;Артикул;Группа;Кол-во;Цена',
  'R-1;C-1;15.01.2025 14:30;1 500,00;SKU-1;Кофе;2;500,00', // 2: a receipt of two lines, customer by external id
  'R-1;C-1;15.01.2025 14:30;1 500,00;SKU-2;Выпечка;1;500,00', // 3
  'R-2;boris@example.com;16.01.2025;250;SKU-1;Кофе;0,5;500', // 4: by e-mail, half a kilo
  'R-3;8 (916) 400-00-03;17.01.2025 09:05;99,90;;;;', // 5: by phone, no lines
  'R-4;C-404;18.01.2025;100;;;;', // 6: nobody
  'R-5;C-1;31.02.2025;100;;;;', // 7: no such day
  'R-6;C-1;19.01.2025;-50;;;;', // 8: a refund is not a purchase
  'R-7;C-1;20.01.2025;300;SKU-3;;1;300', // 9: a receipt whose rows disagree on the date…
  'R-7;C-1;21.01.2025;300;SKU-4;;1;300', // 10: …is rejected whole
].join('\r\n') + '\r\n';

describe('purchase history', () => {
  it('is grouped into receipts, matched to customers and written through loyalty, with the rest reported', async () => {
    const session = await api.upload(Buffer.from(FILE, 'utf8'), { kind: 'purchases', fileName: 'history.csv' });
    expect(session).toMatchObject({ kind: 'purchases', rowsTotal: 9, mappedPreview: [] });
    expect(session.suggestedMapping).toEqual({
      kind: 'purchases', dateOrder: null, phoneCountry: null,
      columns: [
        { column: 0, field: 'receiptId' }, { column: 1, field: 'customer' }, { column: 2, field: 'date' }, { column: 3, field: 'amount' },
        { column: 4, field: 'sku' }, { column: 5, field: 'productGroup' }, { column: 6, field: 'quantity' }, { column: 7, field: 'unitPrice' },
      ],
    });
    const wrongKind = await api.call('PUT', `/api/imports/${session.id}/mapping`, { kind: 'customers', columns: [] }, 400);
    expect(wrongKind.json().error).toMatchObject({ code: 'validation_failed', details: { issues: [{ path: 'kind' }] } });
    await api.call('PUT', `/api/imports/${session.id}/mapping`, session.suggestedMapping, 200);
    const done = await api.run(session.id);
    expect(done.report).toEqual({
      kind: 'purchases', rows: 9, purchases: 3, created: 3, skipped: 0, rejected: 5,
      matchedBy: { externalId: 1, phone: 1, email: 1, card: 0 },
      rejectedBy: { customer_not_found: 1, not_a_date: 1, negative_amount: 1, receipt_conflict: 2 },
      warnings: 0, warningsBy: {}, seconds: expect.any(Number),
    });
    const { rows } = await t.db.pool.query(`SELECT p.external_id, p.customer_id, p.source, p.paid, p.occurred_at, p.points_earned,
        (SELECT json_agg(json_build_object('sku', l.sku, 'group', l.product_group, 'qty', l.quantity_milli, 'price', l.unit_price, 'paid', l.paid) ORDER BY l.line_no) FROM purchase_lines l WHERE l.purchase_id = p.id) AS lines
      FROM purchases p WHERE p.organization_id = $1 ORDER BY p.external_id`, [tenant.organizationId]);
    expect(rows).toEqual([
      { external_id: 'R-1', customer_id: id.anna, source: 'import', paid: 150000, occurred_at: new Date('2025-01-15T11:30:00Z'), points_earned: 0,
        lines: [{ sku: 'SKU-1', group: 'Кофе', qty: 2000, price: 50000, paid: 100000 }, { sku: 'SKU-2', group: 'Выпечка', qty: 1000, price: 50000, paid: 50000 }] },
      { external_id: 'R-2', customer_id: id.boris, source: 'import', paid: 25000, occurred_at: new Date('2025-01-16T09:00:00Z'), points_earned: 0,
        lines: [{ sku: 'SKU-1', group: 'Кофе', qty: 500, price: 50000, paid: 25000 }] },
      { external_id: 'R-3', customer_id: id.vera, source: 'import', paid: 9990, occurred_at: new Date('2025-01-17T06:05:00Z'), points_earned: 0, lines: null },
    ]);
    const issues = (await api.call('GET', `/api/imports/${done.id}/issues`, undefined, 200)).json();
    expect(issues.items.map((i: { line: number; problems: Array<{ reason: string }> }) => [i.line, i.problems.map((p) => p.reason)])).toEqual([
      [6, ['customer_not_found']], [7, ['not_a_date']], [8, ['negative_amount']], [9, ['receipt_conflict']], [10, ['receipt_conflict']],
    ]);
  });

  it('skips on a second run what was imported before', async () => {
    const session = await api.upload(Buffer.from(FILE, 'utf8'), { kind: 'purchases' });
    await api.call('PUT', `/api/imports/${session.id}/mapping`, session.suggestedMapping, 200);
    const done = await api.run(session.id);
    expect(done.report).toMatchObject({ purchases: 3, created: 0, skipped: 3, rejected: 5 });
    const { rows } = await t.db.pool.query('SELECT count(*)::int AS n FROM purchases WHERE organization_id = $1', [tenant.organizationId]);
    expect(rows[0].n).toBe(3);
  });

  it('gives rows without a receipt column a reference from their content, so a re-run is idempotent too', async () => {
    const file = 'Телефон;Дата;Сумма\r\n+7 916 400-00-01;01.02.2025;100\r\n+7 916 400-00-01;01.02.2025;100\r\n+7 916 400-00-01;02.02.2025;200\r\n';
    const first = await api.upload(Buffer.from(file, 'utf8'), { kind: 'purchases' });
    expect(first.suggestedMapping.columns.map((c) => c.field)).toEqual(['customerPhone', 'date', 'amount']);
    const mapped = await api.call('PUT', `/api/imports/${first.id}/mapping`, first.suggestedMapping, 200);
    expect(mapped.json().problems).toContainEqual(expect.objectContaining({ code: 'no_receipt_id', severity: 'warning' }));
    expect((await api.run(first.id)).report).toMatchObject({ purchases: 3, created: 3 });
    const again = await api.upload(Buffer.from(file, 'utf8'), { kind: 'purchases' });
    await api.call('PUT', `/api/imports/${again.id}/mapping`, again.suggestedMapping, 200);
    expect((await api.run(again.id)).report).toMatchObject({ purchases: 3, created: 0, skipped: 3 });
  });
});
