// Purchase history from a business's old system, written through loyalty's importPurchases (loyalty owns
// purchases): idempotent by the receipt reference, no points, one transaction for the whole file on
// loyalty's side. Here: read and check every row, group rows into receipts, find each receipt's customer,
// and report. Rows that cannot be imported are reported and the rest are written; a receipt with one bad
// row is rejected whole, since a receipt without one of its lines would have the wrong total.
//
// Loyalty commits the purchases in its own transaction, then the report is written: if writing the report
// fails, running the import again finds every purchase already there and reports them as skipped.

import { getOrganization, type Actor } from '../../tenancy/index.js';
import { importPurchases, type ImportPurchaseRow } from '../../loyalty/index.js';
import { phoneNormalizer, type CountryCode } from '../contacts.js';
import type { RowProblem } from './customer-rows.js';
import { IssueCollector, writeIssues } from './issues.js';
import { dateOrderState } from './mapping.js';
import type { ColumnAnalysis } from './analyze.js';
import { resolveCustomers } from './purchase-customers.js';
import { purchaseMappingSchema } from './purchase-mapping.js';
import { ContentIds, mapPurchaseRow, type PurchaseRow } from './purchase-rows.js';
import { actorOfSession, ProgressReporter, type ImportRuntime, type RunOptions } from './run-context.js';
import { inImportTransaction, sourceOf } from './run-customers.js';
import { readDataRows } from './source.js';
import type { SessionRow } from './store.js';
import { divRound } from '../../../platform/money.js';

export interface PurchaseImportReport {
  kind: 'purchases';
  rows: number;
  purchases: number;
  created: number;
  skipped: number;
  rejected: number;
  matchedBy: { externalId: number; phone: number; email: number; card: number };
  rejectedBy: Record<string, number>;
  warnings: number;
  warningsBy: Record<string, number>;
  seconds: number;
}

interface Receipt { id: string; rows: PurchaseRow[]; cells: Map<number, string[]>; problem: RowProblem | null }

const MAX_LINES = 1000;

/** The receipt-level fields must be the same on every row of a receipt (empty cells aside). */
function conflictOf(a: PurchaseRow, b: PurchaseRow): string | null {
  if (a.occurredAt.getTime() !== b.occurredAt.getTime()) return 'date';
  if (a.amount !== null && b.amount !== null && a.amount !== b.amount) return 'amount';
  if (JSON.stringify(a.customer) !== JSON.stringify(b.customer)) return 'customer';
  return null;
}

function toPurchase(receipt: Receipt, customerId: string): ImportPurchaseRow {
  const first = receipt.rows[0] as PurchaseRow;
  const items = receipt.rows.flatMap((r) => (r.item ? [r.item] : []));
  const lines = items.map((l) => {
    // The line's base amount exactly as loyalty computes it (price × quantity in thousandths, rounded).
    const base = divRound(l.unitPrice * Math.round(l.quantity * 1000), 1000);
    const paid = l.paid ?? base;
    return { sku: l.sku, productGroup: l.productGroup, quantity: l.quantity, unitPrice: l.unitPrice, paid, discount: Math.max(0, base - paid) };
  });
  const paid = receipt.rows.find((r) => r.amount !== null)?.amount ?? lines.reduce((sum, l) => sum + l.paid, 0);
  const discount = receipt.rows.find((r) => r.discount !== null)?.discount ?? undefined;
  const cost = receipt.rows.find((r) => r.cost !== null)?.cost ?? undefined;
  return {
    externalId: receipt.id, customerId, occurredAt: first.occurredAt, paid,
    ...(discount !== undefined && { discount }), ...(cost !== undefined && { cost }), ...(lines.length > 0 && { lines }),
  };
}

export async function runPurchaseImport(runtime: ImportRuntime, session: SessionRow, options: RunOptions = {}): Promise<PurchaseImportReport> {
  const started = Date.now();
  const { ctx } = runtime;
  const actor: Actor = actorOfSession(session);
  const mapping = purchaseMappingSchema.parse(session.mapping);
  const organization = await getOrganization(ctx, actor);
  const rowOptions = {
    currency: organization.currency, timeZone: organization.timeZone, referenceYear: ctx.clock.now().getUTCFullYear(),
    dateOrder: dateOrderState(session.columns as ColumnAnalysis[], mapping.columns, mapping.dateOrder).effective ?? undefined,
    normalizePhone: phoneNormalizer(((mapping.phoneCountry ?? organization.country) ?? undefined) as CountryCode | undefined),
  };
  const source = sourceOf(runtime, session);
  const progress = new ProgressReporter(runtime, session, options);
  const collector = new IssueCollector();
  const receipts = new Map<string, Receipt>();
  const contentIds = new ContentIds();

  await progress.enter('reading');
  for await (const rows of readDataRows(source.bytes, source.settings)) {
    for (const { line, cells } of rows) {
      const mapped = mapPurchaseRow(line, cells, mapping, rowOptions);
      if ('problems' in mapped) {
        collector.reject(line, mapped.problems, cells);
        continue;
      }
      const id = mapped.row.receiptId ?? contentIds.next(cells);
      const receipt: Receipt = receipts.get(id) ?? { id, rows: [], cells: new Map(), problem: null };
      receipts.set(id, receipt);
      const conflict = receipt.rows[0] ? conflictOf(receipt.rows[0], mapped.row) : null;
      if (conflict) receipt.problem ??= { field: conflict, reason: 'receipt_conflict', value: `${id}: line ${receipt.rows[0]?.line} differs` };
      if (receipt.rows.length >= MAX_LINES) receipt.problem ??= { field: 'sku', reason: 'too_many_lines', value: `${id}: more than ${MAX_LINES} lines` };
      receipt.rows.push(mapped.row);
      receipt.cells.set(line, cells);
    }
    progress.rowsRead += rows.length;
    await progress.report();
  }

  await progress.enter('matching');
  const resolve = await resolveCustomers(ctx.db, actor, [...receipts.values()].map((r) => (r.rows[0] as PurchaseRow).customer));
  const purchases: ImportPurchaseRow[] = [];
  const matchedBy = { externalId: 0, phone: 0, email: 0, card: 0 };
  const rejectReceipt = (receipt: Receipt, problem: RowProblem) => {
    for (const [line, cells] of receipt.cells) collector.reject(line, [problem], cells);
  };
  for (const receipt of receipts.values()) {
    if (receipt.problem) {
      rejectReceipt(receipt, receipt.problem);
      continue;
    }
    const found = resolve((receipt.rows[0] as PurchaseRow).customer);
    if ('problem' in found) {
      const refs = (receipt.rows[0] as PurchaseRow).customer;
      rejectReceipt(receipt, { field: 'customer', reason: found.problem, value: Object.values(refs).filter(Boolean).join(' / ') });
      continue;
    }
    matchedBy[found.rule]++;
    purchases.push(toPurchase(receipt, found.customerId));
  }

  await progress.enter('saving');
  const written = purchases.length > 0 ? await importPurchases(ctx, actor, purchases) : { inserted: 0, skipped: 0 };
  progress.rowsSaved = progress.rowsRead - collector.rejected;
  const report: PurchaseImportReport = {
    kind: 'purchases', rows: progress.rowsRead, purchases: purchases.length, created: written.inserted, skipped: written.skipped,
    rejected: collector.rejected, matchedBy, rejectedBy: collector.rejectedBy, warnings: collector.warned, warningsBy: collector.warningsBy,
    seconds: Math.round((Date.now() - started) / 100) / 10,
  };
  await inImportTransaction(runtime, session.organization_id, async (client) => {
    await writeIssues(client, session.organization_id, session.id, collector.issues);
    await client.query(`UPDATE import_sessions SET status = 'done', phase = NULL, rows_read = $3, rows_saved = $4, report = $5, finished_at = $6, updated_at = $6 WHERE organization_id = $1 AND id = $2`,
      [session.organization_id, session.id, progress.rowsRead, progress.rowsSaved, JSON.stringify(report), ctx.clock.now()]);
  });
  return report;
}
