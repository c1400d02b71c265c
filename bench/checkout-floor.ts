// The floors of the checkout benchmark: what PostgreSQL alone costs for the rows a checkout request
// reads and writes, without any of Regulars' work — so the benchmark can tell "the database work a
// confirm must do" from "what our code adds on top of it". The write floor writes into a second
// organization, so the ledger check of the benchmark's own organization stays exact.
//   read_floor  — the one statement calculate sends (card, program, member, open lots, accumulation
//                 history: `readSnapshot`) for the benchmark's own cards, sent back as read, no rules engine;
//   write_floor — one statement writing the rows a (non-spending) confirm writes: the member row update
//                 (the gate), one points lot, one transfer, the purchase with its stored receipt, its five
//                 lines and the operation row with its stored answer — copied from a real confirm, with new
//                 ids per request, into the real tables with all their indexes, keys and triggers.
import type pg from 'pg';
import type { ServiceContext } from '../src/platform/context.js';
import { uuidV7Ids } from '../src/platform/ids.js';
import { createCustomer } from '../src/modules/customers/index.js';
import { exampleProgram } from '../src/modules/loyalty/domain/index.js';
import { issueCard } from '../src/modules/loyalty/cards.js';
import { confirmCheckout } from '../src/modules/loyalty/checkout-confirm.js';
import { adjustPoints } from '../src/modules/loyalty/customer-points.js';
import { readSnapshot } from '../src/modules/loyalty/ledger-store.js';
import { createProgram } from '../src/modules/loyalty/programs.js';
import { createOrganization, type Actor } from '../src/modules/tenancy/index.js';

const WRITE_FLOOR = `
  WITH gate AS (
    UPDATE loyalty_members SET rev = rev + 1, pending = pending + $3::bigint, updated_at = $4::timestamptz
    WHERE organization_id = $1 AND program_id = $2 AND customer_id = $5 RETURNING 1
  ), lot AS (
    INSERT INTO loyalty_lots SELECT r.* FROM gate, jsonb_populate_recordset(NULL::loyalty_lots, $6::jsonb) r
  ), transfer AS (
    INSERT INTO loyalty_transfers SELECT r.* FROM gate, jsonb_populate_recordset(NULL::loyalty_transfers, $7::jsonb) r
  ), purchase AS (
    INSERT INTO purchases SELECT r.* FROM gate, jsonb_populate_record(NULL::purchases, $8::jsonb) r RETURNING id
  ), lines AS (
    INSERT INTO purchase_lines SELECT r.* FROM purchase, jsonb_populate_recordset(NULL::purchase_lines, $9::jsonb) r
  ), op AS (
    INSERT INTO loyalty_operations SELECT r.* FROM gate, json_populate_record(NULL::loyalty_operations, $10::json) r
  )
  SELECT (SELECT count(*) FROM gate)::int AS applied`;

type Row = Record<string, unknown>;

export interface Floors {
  /** The read calculate does, for one of the floor organization's cards. */
  read(): Promise<string>;
  /** The rows of one confirm, written in one statement. */
  write(): Promise<number>;
}

/** Seeds the floor organization (its own program, customers, cards and points) and one real confirm to copy rows from. */
export async function prepareFloors(ctx: ServiceContext, pool: pg.Pool, customers: number, lines: unknown[], reads: { actor: Actor; cards: string[] }): Promise<Floors> {
  const org = await createOrganization(ctx, { name: 'Floor shop', currency: 'EUR', timeZone: 'Europe/Tallinn', owner: { email: 'owner@floor.example', name: 'Owner', password: 'bench password 123' } });
  const actor: Actor = { organizationId: org.organization.id, role: 'owner', staffId: org.owner.id, apiKeyId: null, outletId: null };
  const program = await createProgram(ctx, actor, { name: 'Floor', config: exampleProgram(), cardFormat: { scheme: 'ean13', prefix: '251', length: 13 } });
  const cards: string[] = [];
  const ids: string[] = [];
  for (let i = 0; i < customers; i++) {
    const c = await createCustomer(ctx, actor, { familyName: `Floor ${i}` });
    ids.push(c.id);
    cards.push((await issueCard(ctx, actor, { programId: program.id, customerId: c.id, tier: i % 5 === 0 ? 'gold' : 'simple' })).number);
    await adjustPoints(ctx, actor, c.id, { adjustmentId: `floor-seed-${i}`, amount: 2000, reason: 'benchmark seed' });
  }
  const sample = await confirmCheckout(ctx, actor, { receiptId: 'floor-template', customer: { cardNumber: cards[0]! }, lines: lines as never, pointsToSpend: 0 });
  const org1 = org.organization.id;
  const one = async (text: string, values: unknown[]) => (await pool.query<{ r: Row }>(text, values)).rows;
  const purchase = (await one('SELECT to_jsonb(p) AS r FROM purchases p WHERE organization_id = $1 AND id = $2', [org1, sample.purchaseId]))[0]!.r;
  const purchaseLines = (await one('SELECT to_jsonb(l) AS r FROM purchase_lines l WHERE purchase_id = $1 ORDER BY line_no', [sample.purchaseId])).map((x) => x.r);
  const lot = (await one(`SELECT to_jsonb(l) AS r FROM loyalty_lots l WHERE organization_id = $1 AND operation_id = 'receipt:floor-template'`, [org1]))[0]!.r;
  const transfers = (await one(`SELECT to_jsonb(t) AS r FROM loyalty_transfers t WHERE organization_id = $1 AND operation_id = 'receipt:floor-template'`, [org1])).map((x) => x.r);
  // json, not jsonb: the operation keeps its answer as the bytes it sent.
  const operation = (await one(`SELECT row_to_json(o)::text AS r FROM loyalty_operations o WHERE organization_id = $1 AND kind = 'confirm' AND id = 'floor-template'`, [org1]))[0]!.r as unknown as string;
  const points = Number(lot.remaining);
  let n = 0;
  const statementName = 'bench_write_floor';
  return {
    async read() {
      const card = reads.cards[n++ % reads.cards.length]!;
      return JSON.stringify(await readSnapshot(ctx.db, reads.actor, { cardNumber: card }));
    },
    async write() {
      const k = n++;
      const customerId = ids[k % ids.length]!;
      const receipt = `floor-${process.pid}-${k}`;
      const op = `receipt:${receipt}`;
      const purchaseId = uuidV7Ids.next();
      const now = new Date().toISOString();
      const lotRow = { ...lot, id: `${op}:earn`, operation_id: op, customer_id: customerId, created_at: now };
      const transferRows = transfers.map((t) => ({ ...t, id: `${op}:${String(t.kind)}`, operation_id: op, lot_id: `${op}:earn`, customer_id: customerId, purchase_id: purchaseId, created_at: now }));
      const purchaseRow = { ...purchase, id: purchaseId, external_id: receipt, customer_id: customerId, created_at: now };
      const lineRows = purchaseLines.map((l) => ({ ...l, purchase_id: purchaseId }));
      const operationRow = operation.replace('"id":"floor-template"', `"id":${JSON.stringify(receipt)}`).replace(`"customer_id":"${ids[0]}"`, `"customer_id":"${customerId}"`)
        .replace(`"purchase_id":"${sample.purchaseId}"`, `"purchase_id":"${purchaseId}"`);
      const { rows } = await pool.query<{ applied: number }>({
        name: statementName, text: WRITE_FLOOR,
        values: [org1, program.id, points, now, customerId, JSON.stringify([lotRow]), JSON.stringify(transferRows), JSON.stringify(purchaseRow), JSON.stringify(lineRows), operationRow],
      });
      return rows[0]!.applied;
    },
  };
}
