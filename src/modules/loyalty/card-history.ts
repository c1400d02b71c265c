// A card's full history: its own events (issued, bound, blocked, replaced …) and the receipts and
// refunds made with it — including those of the cards it replaced, so a replacement card shows the
// history of the lost one.
import { sql } from 'kysely';
import type { ServiceContext } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { requirePermission, type Actor } from '../tenancy/index.js';

export interface CardHistoryEntry {
  at: string;
  kind: string;
  cardId: string;
  receiptId: string | null;
  details: Record<string, unknown>;
}

export async function cardHistory(ctx: ServiceContext, actor: Actor, id: string, limit: number): Promise<CardHistoryEntry[]> {
  requirePermission(actor, 'checkout.use');
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > 1000) throw new AppError('validation_failed', 'limit: must be 1..1000', { issues: [{ path: 'limit', message: 'must be 1..1000' }] });
  const org = actor.organizationId;
  const { rows } = await sql<{ at: Date; kind: string; card_id: string; receipt_id: string | null; details: Record<string, unknown> }>`
    WITH RECURSIVE chain AS (
      SELECT id FROM loyalty_cards WHERE organization_id = ${org} AND id = ${id}
      UNION
      SELECT c.id FROM loyalty_cards c JOIN chain ON c.replaced_by = chain.id WHERE c.organization_id = ${org}
    )
    SELECT e.at, e.kind, e.card_id, NULL::text AS receipt_id, e.details FROM loyalty_card_events e
      WHERE e.organization_id = ${org} AND e.card_id IN (SELECT id FROM chain)
    UNION ALL
    SELECT p.occurred_at, 'purchase', p.card_id, p.external_id,
      jsonb_build_object('purchaseId', p.id, 'subtotal', p.subtotal, 'discount', p.discount, 'paid', p.paid, 'pointsSpent', p.points_spent,
                         'pointsEarned', p.points_earned, 'status', p.status, 'outletId', p.outlet_id)
      FROM purchases p WHERE p.organization_id = ${org} AND p.card_id IN (SELECT id FROM chain)
    UNION ALL
    SELECT r.occurred_at, r.kind, p.card_id, p.external_id,
      jsonb_build_object('refundId', r.operation_id, 'moneyReturned', r.money_returned, 'pointsReturned', r.points_returned, 'pointsTakenBack', r.points_taken_back)
      FROM loyalty_refunds r JOIN purchases p ON p.organization_id = r.organization_id AND p.id = r.purchase_id
      WHERE r.organization_id = ${org} AND p.card_id IN (SELECT id FROM chain)
    ORDER BY 1 DESC, 2 LIMIT ${limit}`.execute(ctx.db);
  if (rows.length === 0) {
    const { rows: exists } = await sql`SELECT 1 FROM loyalty_cards WHERE organization_id = ${org} AND id = ${id}`.execute(ctx.db);
    if (exists.length === 0) throw notFound('card', { id });
  }
  return rows.map((r) => ({ at: new Date(r.at).toISOString(), kind: r.kind, cardId: r.card_id, receiptId: r.receipt_id, details: r.details }));
}
