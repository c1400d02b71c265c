// Analytics SQL. Analytics is a read model over the purchase facts: it reads loyalty's `purchases` table
// (and customers' tags, managers and names) directly with SQL, the one sanctioned cross-module read
// (docs/decisions/analytics-reads-purchases.md) — going through loyalty's service row by row would make
// a report over ten million purchases impossible. It never writes to those tables.
//
// Every query starts from `purchaseConditions`, which always puts the organization first: no query here
// can be built without the tenant scope. The history scan runs as COPY … TO STDOUT (it streams millions
// of aggregated rows, and COPY takes no bind parameters), so its values are inlined as literals: uuids and
// time zones are validated before they get here, everything else goes through escapeLiteral.
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { Db } from '../../platform/db/database.js';
import { scoped, type TenantScope } from '../../platform/db/tenant.js';
import { readCopyText } from './copy-text.js';
import type { KeyIndex } from './key-index.js';
import type { BucketPlan } from './domain/buckets.js';
import './tables.js';
import { isUuid } from '../../platform/ids.js';

export interface PurchaseFilter {
  /** Instants bounding the rows read: [from, to). */
  from: Date;
  to: Date;
  outletId: string | null;
  tag: string | null;
  currency: string;
}

function uuidLiteral(id: string): string {
  if (!isUuid(id)) throw new RangeError(`not a uuid: ${id}`);
  return `'${id}'`;
}
const literal = (client: pg.ClientBase, value: string) => client.escapeLiteral(value);

/** WHERE conditions on purchases p: the organization first, then period, status, currency, outlet, tag. */
function purchaseConditions(client: pg.ClientBase, scope: TenantScope, f: PurchaseFilter): string {
  const parts = [
    `p.organization_id = ${uuidLiteral(scope.organizationId)}`,
    `p.occurred_at >= ${literal(client, f.from.toISOString())}`,
    `p.occurred_at < ${literal(client, f.to.toISOString())}`,
    // A cancelled sale did not happen and a fully refunded one was undone: neither is a purchase.
    `p.status IN ('confirmed', 'partially_refunded')`,
    `p.currency = ${literal(client, f.currency)}`,
  ];
  if (f.outletId) parts.push(`p.outlet_id = ${uuidLiteral(f.outletId)}`);
  if (f.tag !== null) parts.push(`p.customer_id IN (SELECT c.id FROM customers c WHERE c.organization_id = ${uuidLiteral(scope.organizationId)} AND c.tags @> ARRAY[${literal(client, f.tag)}]::text[])`);
  return parts.join(' AND ');
}

/** Settings for the report transaction: enough memory for the hash tables, and no JIT (its compile time buys nothing here). */
export const REPORT_SESSION = ["SET LOCAL work_mem = '256MB'", 'SET LOCAL jit = off'];

/**
 * Around each chunk of the history scan: read the chunk's rows by a bitmap scan of the (organization,
 * time) index. A chunk is a small share of the table, but the planner, seeing one organization own
 * most rows, would otherwise scan the whole table for every chunk, or walk the index in time order
 * with a random heap access per row.
 */
const SCAN_ON = ['SET LOCAL enable_seqscan = off', 'SET LOCAL enable_indexscan = off'];
const SCAN_OFF = ['SET LOCAL enable_seqscan = on', 'SET LOCAL enable_indexscan = on'];

// The grouping sets of the history scan and their GROUPING(…) numbers over GROUPING_COLUMNS (a bit per
// column, 1 = not grouped by it, first column highest), computed rather than written by hand.
const GROUPING_COLUMNS = ['customer_id', 'bucket', 'member', 'dow'] as const;
type GroupingColumn = (typeof GROUPING_COLUMNS)[number];
export function groupingNumber(grouped: readonly GroupingColumn[]): number {
  return GROUPING_COLUMNS.reduce((n, c) => n * 2 + (grouped.includes(c) ? 0 : 1), 0);
}
/** Per customer and bucket: purchase days, revenue, receipts. */
export const SET_CUSTOMER = groupingNumber(['customer_id', 'bucket']);
/** Per bucket, members' and anonymous sales: the program economics. */
export const SET_MEMBER = groupingNumber(['bucket', 'member']);
/** Per bucket and ISO weekday: seasonality. */
export const SET_WEEKDAY = groupingNumber(['bucket', 'dow']);

/** Columns of a history scan row, in COPY order. */
export const HISTORY_COLUMNS = ['g', 'customer_id', 'bucket', 'member', 'dow', 'days', 'first_day', 'first_net', 'revenue', 'receipts',
  'subtotal', 'discount', 'points_money', 'points_earned', 'points_spent', 'costed_revenue', 'cost'] as const;
export const COL = Object.fromEntries(HISTORY_COLUMNS.map((c, i) => [c, i])) as Record<(typeof HISTORY_COLUMNS)[number], number>;

/**
 * The local day of each purchase of a chunk: the chunk's first day plus the number of local midnights
 * (given as instants, computed by the caller with the time-zone rules) that passed before the sale. A
 * binary search over a few dozen constants costs a third of converting every timestamp with AT TIME ZONE.
 */
function dayExpression(firstDay: number, midnights: readonly Date[]): string {
  if (midnights.length === 0) return String(Math.trunc(firstDay));
  return `${Math.trunc(firstDay)} + width_bucket(p.occurred_at, ARRAY[${midnights.map((d) => `'${d.toISOString()}'`).join(',')}]::timestamptz[])`;
}

function historySql(client: pg.ClientBase, scope: TenantScope, f: PurchaseFilter, chunk: HistoryChunk, plan: BucketPlan): string {
  const starts = `ARRAY[${plan.starts.map((d) => String(Math.trunc(d))).join(',')}]::int[]`;
  // Per (customer, bucket): days with a purchase as bits (a bucket is ≤ 31 days, so day mod 32 is unique in
  // it), the first day and its smallest receipt's net amount packed as day·2^40 + net, revenue and receipts.
  // Per (bucket, member) the program economics, per (bucket, weekday) the seasonality. One pass.
  // The ISO weekday of day 0 (1970-01-01) is 4; SQL's % keeps the sign, so days before 1970 (negative
  // numbers, from an old or mistyped import) are brought back into 0…6 before the + 1.
  // The nested OFFSET 0 subqueries make PostgreSQL compute each local day once, not per use.
  const economics = (expr: string) => `CASE WHEN GROUPING(customer_id, member) = 2 THEN sum((${expr})::float8) END`;
  const days = (expr: string) => `CASE WHEN GROUPING(customer_id, bucket) = 0 THEN ${expr} END`;
  return `COPY (
    SELECT GROUPING(${GROUPING_COLUMNS.join(', ')}), customer_id, bucket, member::int, dow,
      ${days('bit_or(1 << (day & 31))')}, ${days('min(day)')}, ${days('min(day::bigint * 1099511627776 + greatest(net, 0)) % 1099511627776')},
      sum(net::float8), count(*),
      ${economics('subtotal')}, ${economics('discount')}, ${economics('points_money')}, ${economics('points_earned')}, ${economics('points_spent')},
      ${economics('CASE WHEN cost IS NOT NULL THEN net END')}, ${economics('cost')}
    FROM (
      SELECT d.*, width_bucket(d.day, ${starts}) AS bucket, ((d.day % 7 + 10) % 7) + 1 AS dow
      FROM (
        SELECT p.customer_id, p.customer_id IS NOT NULL AS member, p.paid - p.refunded_paid AS net,
          p.subtotal, p.discount, p.points_money, p.points_earned, p.points_spent, p.cost,
          ${dayExpression(chunk.firstDay, chunk.midnights)} AS day
        FROM purchases p
        WHERE ${purchaseConditions(client, scope, f)}
        OFFSET 0
      ) d OFFSET 0
    ) x
    GROUP BY GROUPING SETS ((customer_id, bucket), (bucket, member), (bucket, dow))
  ) TO STDOUT`;
}

/** Days of one scan: the first local day, and the instants of the local midnights after it up to the last. */
export interface HistoryChunk { firstDay: number; midnights: Date[] }

/** A history row: every field a number (customer_id as its KeyIndex number) or null. */
export type HistoryRow = (string | number | null)[];

export const analyticsStore = {
  /**
   * The earliest purchase day (local day number) of the organization (and outlet), or null. Only the
   * indexed columns are used, so this is one index probe; a cancelled first sale only makes the
   * history scan start a little early.
   */
  async firstPurchaseDay(client: pg.ClientBase, scope: TenantScope, timeZone: string, f: PurchaseFilter): Promise<number | null> {
    const params: unknown[] = [scope.organizationId, timeZone, f.to];
    const outlet = f.outletId ? ` AND p.outlet_id = $${params.push(f.outletId)}` : '';
    const { rows } = await client.query<{ day: number | null }>(
      `SELECT ((min(p.occurred_at) AT TIME ZONE $2)::date - DATE '1970-01-01') AS day FROM purchases p WHERE p.organization_id = $1 AND p.occurred_at < $3${outlet}`, params);
    return rows[0]?.day ?? null;
  },

  /** Streams the aggregated history of [f.from, f.to) to `row`, customer ids as their numbers in `customers`. */
  async scanHistory(client: pg.ClientBase, scope: TenantScope, f: PurchaseFilter, chunk: HistoryChunk, plan: BucketPlan, customers: KeyIndex, row: (values: HistoryRow) => void): Promise<number> {
    for (const statement of SCAN_ON) await client.query(statement);
    const stream = client.query(copyTo(historySql(client, scope, f, chunk, plan)));
    const rows = await readCopyText(stream, HISTORY_COLUMNS.map((c) => (c === 'customer_id' ? 'key' : 'number')), row, [customers]);
    for (const statement of SCAN_OFF) await client.query(statement);
    return rows;
  },

  /**
   * Per outlet: its revenue in the period (anonymous sales included) and the customers with the most
   * revenue there — the `top` largest and everyone at or above `minShare` percent.
   */
  async outletShares(client: pg.ClientBase, scope: TenantScope, f: PurchaseFilter, top: number, minShare: number) {
    for (const statement of SCAN_ON) await client.query(statement);
    const { rows } = await client.query<{ outlet_id: string | null; customer_id: string | null; revenue: number; total: number }>(`
      WITH oc AS MATERIALIZED (
        SELECT p.outlet_id, p.customer_id, sum((p.paid - p.refunded_paid)::float8) AS revenue
        FROM purchases p WHERE ${purchaseConditions(client, scope, f)}
        GROUP BY p.outlet_id, p.customer_id
      ), totals AS (
        SELECT outlet_id, sum(revenue) AS total FROM oc GROUP BY outlet_id
      ), ranked AS (
        -- One sort (by outlet, then revenue) for the ranks; the totals come from a hash join, not a second window.
        SELECT oc.*, row_number() OVER (PARTITION BY outlet_id ORDER BY customer_id IS NULL, revenue DESC, customer_id) AS rank FROM oc
      )
      SELECT r.outlet_id, r.customer_id, r.revenue, t.total FROM ranked r JOIN totals t ON t.outlet_id IS NOT DISTINCT FROM r.outlet_id
      WHERE r.customer_id IS NULL OR r.rank <= $1 OR r.revenue * 100 >= t.total * $2`, [top, minShare]);
    for (const statement of SCAN_OFF) await client.query(statement);
    return rows;
  },

  /**
   * The points ledger (loyalty's double-entry transfers, read by account kind), per local month up to the
   * end of the period: points issued to customers (net of negative adjustments), spent (net of points
   * returned by refunds), expired and taken back, and the net change of all customer accounts — whose
   * sum over all months is the points outstanding. Plus the money value of a point as redeemed at the
   * till (purchases' points_money / points_spent over all history). Null when loyalty's ledger tables do
   * not exist in this database.
   */
  async ledger(client: pg.ClientBase, scope: TenantScope, timeZone: string, f: PurchaseFilter) {
    const exists = await client.query<{ ok: boolean }>("SELECT to_regclass('loyalty_transfers') IS NOT NULL AND to_regclass('loyalty_accounts') IS NOT NULL AS ok");
    if (!exists.rows[0]?.ok) return null;
    const params: unknown[] = [scope.organizationId, timeZone, f.to];
    const tag = f.tag === null ? '' : ` AND t.customer_id IN (SELECT c.id FROM customers c WHERE c.organization_id = $1 AND c.tags @> ARRAY[$${params.push(f.tag)}]::text[])`;
    const flow = (kind: string) => `coalesce(sum(t.amount) FILTER (WHERE c.kind = '${kind}'), 0) - coalesce(sum(t.amount) FILTER (WHERE d.kind = '${kind}'), 0)`;
    const { rows } = await client.query<{ month: number; issued: number; spent: number; expired: number; taken_back: number; customer_net: number }>(`
      SELECT (extract(year FROM t.created_at AT TIME ZONE $2) * 12 + extract(month FROM t.created_at AT TIME ZONE $2) - 1)::int AS month,
        (${flow('issued')}) * -1 AS issued, ${flow('redeemed')} AS spent, ${flow('expired')} AS expired, ${flow('taken_back')} AS taken_back,
        coalesce(sum(t.amount) FILTER (WHERE c.customer_id IS NOT NULL), 0) - coalesce(sum(t.amount) FILTER (WHERE d.customer_id IS NOT NULL), 0) AS customer_net
      FROM loyalty_transfers t
      JOIN loyalty_accounts d ON d.organization_id = t.organization_id AND d.id = t.debit_account_id
      JOIN loyalty_accounts c ON c.organization_id = t.organization_id AND c.id = t.credit_account_id
      WHERE t.organization_id = $1 AND t.created_at < $3${tag}
      GROUP BY 1 ORDER BY 1`, params);
    const value = await client.query<{ money: number | null; points: number | null }>(
      `SELECT sum(p.points_money)::float8 AS money, sum(p.points_spent)::float8 AS points FROM purchases p
       WHERE p.organization_id = $1 AND p.occurred_at < $2 AND p.points_spent > 0 AND p.status <> 'cancelled'`, [scope.organizationId, f.to]);
    const v = value.rows[0];
    return {
      months: rows.map((r) => ({ month: r.month, issued: Number(r.issued), spent: Number(r.spent), expired: Number(r.expired), takenBack: Number(r.taken_back), customerNet: Number(r.customer_net) })),
      pointValue: v?.points ? (v.money ?? 0) / v.points : null,
    };
  },

  /**
   * The discount of the period's sales split by what gave it, per month: `monthStarts` are the instants
   * the period's months begin (local midnights), and each row's `month` is the index of its month in them.
   * Loyalty keeps the ReceiptResult of a checkout receipt in `purchases.result` (whole, or in its compact
   * form, which keeps these two fields where they were): per line the mechanic that won
   * (`lines[].applied.mechanic`: tier, cumulative or club) with the amount it took off, and the till's
   * own promotion (`lines[].promotionDiscount`, as mechanic 'promotion'). Receipts with a discount but no
   * stored lines (imports) come back once per month with mechanic null, their discount and count. Only
   * discounted receipts are read, and only their JSON is opened; each receipt's lines are summed per
   * mechanic first, so `receipts` counts receipts. (One pass; the month by width_bucket over instants
   * costs a third of converting every timestamp to local time.)
   */
  async discountsByMechanic(client: pg.ClientBase, scope: TenantScope, f: PurchaseFilter, monthStarts: readonly Date[]) {
    if (monthStarts.length === 0) return [];
    const month = `width_bucket(p.occurred_at, ARRAY[${monthStarts.map((d) => `'${d.toISOString()}'`).join(',')}]::timestamptz[]) - 1`;
    for (const statement of SCAN_ON) await client.query(statement);
    const { rows } = await client.query<{ month: number; mechanic: string | null; discount: number; receipts: number }>(`
      WITH s AS MATERIALIZED (
        SELECT ${month} AS month, p.discount, CASE WHEN jsonb_typeof(p.result -> 'lines') = 'array' THEN p.result -> 'lines' END AS lines
        FROM purchases p WHERE ${purchaseConditions(client, scope, f)} AND p.discount > 0
      )
      SELECT month, NULL::text AS mechanic, sum(discount)::float8 AS discount, count(*)::int AS receipts FROM s WHERE lines IS NULL GROUP BY month
      UNION ALL
      SELECT s.month, x.mechanic, sum(x.amount)::float8, count(*)::int
      FROM s CROSS JOIN LATERAL (
        SELECT m.mechanic, sum(m.amount) AS amount FROM (
          SELECT l -> 'applied' ->> 'mechanic' AS mechanic, (l -> 'applied' ->> 'amount')::numeric AS amount FROM jsonb_array_elements(s.lines) l
          UNION ALL
          SELECT 'promotion', (l ->> 'promotionDiscount')::numeric FROM jsonb_array_elements(s.lines) l
        ) m WHERE m.mechanic IS NOT NULL AND m.amount > 0 GROUP BY m.mechanic
      ) x
      WHERE s.lines IS NOT NULL
      GROUP BY s.month, x.mechanic`);
    for (const statement of SCAN_OFF) await client.query(statement);
    return rows;
  },

  /** Managers of the organization's customers who have one. */
  async customerManagers(client: pg.ClientBase, scope: TenantScope): Promise<Map<string, string>> {
    const { rows } = await client.query<{ id: string; manager_id: string }>(
      'SELECT id, manager_id FROM customers WHERE organization_id = $1 AND manager_id IS NOT NULL', [scope.organizationId]);
    return new Map(rows.map((r) => [r.id, r.manager_id]));
  },

  async customerNames(client: pg.ClientBase, scope: TenantScope, ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const { rows } = await client.query<{ id: string; display_name: string }>(
      'SELECT id, display_name FROM customers WHERE organization_id = $1 AND id = ANY($2::uuid[])', [scope.organizationId, ids]);
    return new Map(rows.map((r) => [r.id, r.display_name]));
  },

  settings: async (db: Db, scope: TenantScope): Promise<unknown> =>
    (await scoped(db, scope).selectFrom('analytics_settings').select('settings').executeTakeFirst())?.settings ?? {},

  saveSettings: (db: Db, scope: TenantScope, settings: unknown, at: Date, by: string | null) =>
    scoped(db, scope).insertInto('analytics_settings', { settings: JSON.stringify(settings), updated_at: at, updated_by: by })
      .onConflict((oc) => oc.column('organization_id').doUpdateSet({ settings: JSON.stringify(settings), updated_at: at, updated_by: by }))
      .execute(),
};
