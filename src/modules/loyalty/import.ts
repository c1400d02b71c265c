// Imported purchase history (a business moving from its old system): written to `purchases` with
// source 'import', idempotent by the old system's reference, with no ledger effects. Imported
// purchases count towards accumulated totals (cumulative discounts, tiers, club), because a customer
// who moves with the business keeps the progress they made.
import { z } from 'zod';
import type { ServiceContext } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/database.js';
import { scoped } from '../../platform/db/tenant.js';
import { AppError } from '../../platform/errors.js';
import { requirePermission, type Actor } from '../tenancy/index.js';
import { lineBaseAmount } from './domain/index.js';
import { orgSettings } from './org.js';

const minor = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

const lineSchema = z.object({
  sku: z.string().min(1).max(200),
  productGroup: z.string().min(1).max(100).nullable().optional(),
  quantity: z.number().positive().max(1_000_000).optional(),
  unitPrice: minor,
  unitCost: minor.nullable().optional(),
  discount: minor.optional(),
  paid: minor.optional(),
});

export const importPurchaseSchema = z.object({
  externalId: z.string().trim().min(1).max(200),
  customerId: z.uuid(),
  outletId: z.uuid().nullable().optional(),
  occurredAt: z.union([z.date(), z.iso.datetime({ offset: true })]),
  paid: minor,
  subtotal: minor.optional(),
  discount: minor.optional(),
  cost: minor.nullable().optional(),
  lines: z.array(lineSchema).max(1000).optional(),
});

export type ImportPurchaseRow = z.input<typeof importPurchaseSchema>;

const CHUNK = 500;

function invalid(index: number, path: string, message: string): AppError {
  const at = `rows.${index}${path ? `.${path}` : ''}`;
  return new AppError('validation_failed', `${at}: ${message}`, { issues: [{ path: at, message }] });
}

/**
 * Inserts imported purchases in one transaction; rows whose externalId was imported before are
 * skipped (so an import can be re-run after a failure). Returns how many were inserted and skipped.
 */
export async function importPurchases(ctx: ServiceContext, actor: Actor, rows: ImportPurchaseRow[]): Promise<{ inserted: number; skipped: number }> {
  requirePermission(actor, 'customers.import');
  const parsed = rows.map((r, i) => {
    const out = importPurchaseSchema.safeParse(r);
    if (!out.success) {
      const issue = out.error.issues[0]!;
      throw invalid(i, issue.path.map(String).join('.'), issue.message);
    }
    return out.data;
  });
  const { currency } = await orgSettings(ctx, actor);
  const prepared = parsed.map((r, i) => {
    const subtotal = r.subtotal ?? r.paid + (r.discount ?? 0);
    const discount = r.discount ?? Math.max(0, subtotal - r.paid);
    const lines = (r.lines ?? []).map((l, n) => {
      const milli = Math.round((l.quantity ?? 1) * 1000);
      if (milli < 1 || Math.abs((l.quantity ?? 1) * 1000 - milli) > 1e-6) throw invalid(i, `lines.${n}.quantity`, 'must have at most 3 decimals');
      const amount = lineBaseAmount(l.unitPrice, milli);
      const lineDiscount = l.discount ?? 0;
      if (lineDiscount > amount) throw invalid(i, `lines.${n}.discount`, 'exceeds the line amount');
      return {
        line_no: n, sku: l.sku, product_group: l.productGroup ?? null, quantity_milli: milli, unit_price: l.unitPrice, unit_cost: l.unitCost ?? null,
        amount, discount: lineDiscount, paid: l.paid ?? amount - lineDiscount,
      };
    });
    return { id: ctx.ids.next(), row: r, subtotal, discount, lines };
  });
  try {
    return await inTransaction(ctx.db, async (tx) => {
      let inserted = 0;
      for (let start = 0; start < prepared.length; start += CHUNK) {
        const chunk = prepared.slice(start, start + CHUNK);
        const done = await scoped(tx, actor).insertInto('purchases', chunk.map((p) => ({
          id: p.id, customer_id: p.row.customerId, outlet_id: p.row.outletId ?? null, source: 'import' as const, external_id: p.row.externalId,
          occurred_at: new Date(p.row.occurredAt), currency, subtotal: p.subtotal, discount: p.discount, paid: p.row.paid, cost: p.row.cost ?? null,
          program_id: null, program_version: null, card_id: null, accumulation_amount: null, earned_lot_id: null, result: null, staff_id: actor.staffId, api_key_id: actor.apiKeyId,
        }))).onConflict((oc) => oc.columns(['organization_id', 'source', 'external_id']).doNothing()).returning('id').execute();
        const ids = new Set(done.map((d) => d.id));
        inserted += ids.size;
        const lines = chunk.filter((p) => ids.has(p.id)).flatMap((p) => p.lines.map((l) => ({ ...l, purchase_id: p.id })));
        for (let i = 0; i < lines.length; i += 2000) await scoped(tx, actor).insertInto('purchase_lines', lines.slice(i, i + 2000)).execute();
      }
      return { inserted, skipped: prepared.length - inserted };
    });
  } catch (e) {
    const err = e as { code?: string; constraint?: string };
    if (err.code === '23503') {
      const what = err.constraint?.includes('outlet') ? 'outlet' : 'customer';
      throw new AppError(`${what}_not_found`, `rows: a row names a ${what} that does not exist in this organization`, { field: what === 'outlet' ? 'outletId' : 'customerId' }, 'not_found');
    }
    throw e;
  }
}
