// The ceiling of the customer import benchmark: PostgreSQL's own COPY of the rows the import wrote, into
// the same tables. copyOut reads them (customers, customer_contacts, customer_profile_changes of the
// imported organization) with COPY (SELECT …) TO STDOUT, rewritten for a second organization on the way:
// its id, its owner as the history's staff, and new ids. copyIn loads them with COPY … FROM STDIN in that
// order (contacts and history reference their customer), so every index, foreign key and trigger of the
// real tables does its work; the caller rolls the transaction back.
//
// New ids keep their order and their neighbours: a UUIDv7 of these years starts with '0', and the copy's
// starts with '1' instead, so the indexes see the import's insertion pattern (an id that already started
// with '1' would collide with itself and fail the COPY loudly, not skew it).
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { PoolClient } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';

const TABLES = ['customers', 'customer_contacts', 'customer_profile_changes'] as const;

export interface CopiedRows {
  table: (typeof TABLES)[number];
  columns: string;
  text: Buffer[];
  bytes: number;
  rows: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/u;
const shifted = (column: string) => `('1' || substr(${column}::text, 2))::uuid`;

export async function copyOut(client: PoolClient, from: string, to: { organizationId: string; staffId: string }): Promise<CopiedRows[]> {
  for (const id of [from, to.organizationId, to.staffId]) if (!UUID.test(id)) throw new Error(`not a uuid: ${id}`);
  // Every column, as the table has them; only the organization, the ids and the staff change.
  const rewrite: Readonly<Record<string, string>> = {
    id: shifted('id'), customer_id: shifted('customer_id'), organization_id: `'${to.organizationId}'::uuid`,
    staff_id: `CASE WHEN staff_id IS NOT NULL THEN '${to.staffId}'::uuid END`,
  };
  const out: CopiedRows[] = [];
  for (const table of TABLES) {
    const { rows: cols } = await client.query<{ name: string }>(
      `SELECT quote_ident(attname) AS name FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`, [table]);
    const names = cols.map((c) => c.name);
    const select = names.map((n) => rewrite[n] ?? n).join(', ');
    const text: Buffer[] = [];
    let bytes = 0;
    let rows = 0;
    // In id order, which is the order the import wrote them in (ids are drawn line by line).
    const sql = `COPY (SELECT ${select} FROM ${table} WHERE organization_id = '${from}' ORDER BY id) TO STDOUT`;
    for await (const piece of client.query(copyTo(sql)) as AsyncIterable<Buffer>) {
      text.push(piece);
      bytes += piece.length;
      for (let i = piece.indexOf(10); i >= 0; i = piece.indexOf(10, i + 1)) rows++; // a newline in a value is written as \n
    }
    out.push({ table, columns: names.join(', '), text, bytes, rows });
  }
  return out;
}

/** COPYs the rows in, table by table, inside the caller's transaction; seconds per table. */
export async function copyIn(client: PoolClient, copied: CopiedRows[]): Promise<Record<string, number>> {
  const seconds: Record<string, number> = {};
  for (const c of copied) {
    const t = performance.now();
    await pipeline(Readable.from(c.text), client.query(copyFrom(`COPY ${c.table} (${c.columns}) FROM STDIN`)));
    seconds[c.table] = (performance.now() - t) / 1000;
  }
  return seconds;
}
