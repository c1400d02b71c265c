// What loyalty plugs into the customer base (customers/hooks.ts): finding customers by card number (search
// and the purchase-history import), purchases and refunds on the customer's timeline, the loyalty part
// of a privacy export and erasure, and moving cards, purchases and points when two profiles are merged
// (customer-merge.ts).
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { scoped, type TenantScope } from '../../platform/db/tenant.js';
import { currencyDigits } from '../../platform/money.js';
import type { ServiceContext } from '../../platform/context.js';
import { registerCustomerDataHandler, registerCustomerLookup, registerCustomerMergeHandler, registerTimelineSource, type TimelineEntry } from '../customers/index.js';
import { loyaltyMergeHandler, type MergeEnv } from './customer-merge.js';
import { normalizeCardNumber } from './domain/index.js';

const money = (minor: number, currency: string) => {
  const digits = currencyDigits(currency);
  return new Intl.NumberFormat('en', { style: 'currency', currency }).format(minor / 10 ** digits);
};

async function findByCard(db: Db, scope: TenantScope, query: string): Promise<string[]> {
  const number = normalizeCardNumber(query.trim());
  if (!/^\d{8,19}$/.test(number)) return [];
  const rows = await scoped(db, scope).selectFrom('loyalty_cards').select('customer_id').where('number', '=', number).where('customer_id', 'is not', null).execute();
  return rows.map((r) => r.customer_id!);
}

/** Masked card numbers beside each customer in search answers: "card ••••0015" (and "blocked"). */
async function describeCards(db: Db, scope: TenantScope, customerIds: string[]): Promise<Map<string, string[]>> {
  const rows = await scoped(db, scope).selectFrom('loyalty_cards').select(['customer_id', 'number', 'status'])
    .where('customer_id', 'in', customerIds).where('status', '<>', 'replaced').orderBy('issued_at').execute();
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.customer_id!, [...(out.get(r.customer_id!) ?? []), `card ••••${r.number.slice(-4)}${r.status === 'blocked' ? ' (blocked)' : ''}`]);
  return out;
}

async function timelineEntries(db: Db, scope: TenantScope, customerId: string, options: { before: { at: Date; id: string } | null; limit: number }): Promise<TimelineEntry[]> {
  const before = options.before ?? { at: new Date('9999-01-01T00:00:00Z'), id: '' };
  const { rows } = await sql<{ id: string; at: Date; type: string; currency: string; paid: number; discount: number; points_earned: number; points_spent: number; staff_id: string | null; external_id: string; status: string; money_returned: number | null }>`
    SELECT * FROM (
      SELECT 'purchase:' || p.id AS id, p.occurred_at AS at, 'purchase' AS type, p.currency, p.paid, p.discount, p.points_earned, p.points_spent, p.staff_id,
             p.external_id, p.status, NULL::bigint AS money_returned
      FROM purchases p WHERE p.organization_id = ${scope.organizationId} AND p.customer_id = ${customerId}
      UNION ALL
      SELECT 'refund:' || r.id, r.occurred_at, r.kind, p.currency, p.paid, p.discount, r.points_taken_back, r.points_returned, NULL::uuid,
             p.external_id, p.status, r.money_returned
      FROM loyalty_refunds r JOIN purchases p ON p.organization_id = r.organization_id AND p.id = r.purchase_id
      WHERE r.organization_id = ${scope.organizationId} AND r.customer_id = ${customerId}
    ) e WHERE (e.at, e.id) < (${before.at}, ${before.id}) ORDER BY e.at DESC, e.id DESC LIMIT ${options.limit}`.execute(db);
  return rows.map((r) => {
    const at = new Date(r.at);
    if (r.type === 'purchase') {
      const points = [r.points_earned > 0 ? `+${r.points_earned} points` : '', r.points_spent > 0 ? `${r.points_spent} points spent` : ''].filter(Boolean).join(', ');
      return {
        id: r.id, at, source: 'loyalty.purchases', type: 'purchase', staffId: r.staff_id,
        summary: `Purchase ${money(Number(r.paid), r.currency)}${r.discount > 0 ? `, discount ${money(Number(r.discount), r.currency)}` : ''}${points ? `, ${points}` : ''}`,
        data: { receiptId: r.external_id, paid: Number(r.paid), discount: Number(r.discount), pointsEarned: Number(r.points_earned), pointsSpent: Number(r.points_spent), status: r.status, currency: r.currency },
      };
    }
    return {
      id: r.id, at, source: 'loyalty.purchases', type: r.type, staffId: r.staff_id,
      summary: `${r.type === 'cancel' ? 'Cancelled' : 'Refund of'} receipt ${r.external_id}: ${money(Number(r.money_returned ?? 0), r.currency)} returned`,
      data: { receiptId: r.external_id, moneyReturned: Number(r.money_returned ?? 0), pointsTakenBack: Number(r.points_earned), pointsReturned: Number(r.points_spent), currency: r.currency },
    };
  });
}

async function exportCustomer(db: Db, scope: TenantScope, customerId: string) {
  const s = scoped(db, scope);
  const [cards, memberships, purchases, history] = await Promise.all([
    s.selectFrom('loyalty_cards').select(['number', 'kind', 'tier', 'status', 'issued_at', 'bound_at']).where('customer_id', '=', customerId).execute(),
    s.selectFrom('loyalty_members').select(['program_id', 'tier', 'tier_since', 'club_member', 'spendable', 'pending', 'created_at']).where('customer_id', '=', customerId).execute(),
    s.selectFrom('purchases').select(['external_id', 'source', 'occurred_at', 'currency', 'subtotal', 'discount', 'paid', 'points_earned', 'points_spent', 'status']).where('customer_id', '=', customerId).orderBy('occurred_at').execute(),
    s.selectFrom('loyalty_member_history').select(['kind', 'from_value', 'to_value', 'reason', 'at']).where('customer_id', '=', customerId).orderBy('at').execute(),
  ]);
  return { cards, memberships, purchases, history };
}

/**
 * Erasure: the phone numbers kept with SMS codes and the page links go; the customer's cards stop
 * working. Purchases and ledger entries stay (they carry no personal data and the totals need them).
 */
async function eraseCustomer(tx: Db, scope: TenantScope, customerId: string) {
  const s = scoped(tx, scope);
  await s.deleteFrom('loyalty_sms_challenges').where('customer_id', '=', customerId).execute();
  await s.deleteFrom('loyalty_qr_tokens').where('customer_id', '=', customerId).execute();
  await s.deleteFrom('loyalty_customer_links').where('customer_id', '=', customerId).execute();
  await s.updateTable('loyalty_cards', { status: 'blocked', block_reason: 'customer erased' }).where('customer_id', '=', customerId).where('status', '=', 'active').execute();
}

/**
 * Called once per app (registration is by name, so a second call replaces the entries). The merge handler
 * takes its clock and ids from the app's context.
 */
export function registerLoyaltyCustomerHooks(ctx: ServiceContext): void {
  const env: MergeEnv = ctx;
  registerCustomerLookup({ name: 'loyalty.cards', find: findByCard, describe: describeCards });
  registerTimelineSource({ name: 'loyalty.purchases', entries: timelineEntries });
  registerCustomerDataHandler({ name: 'loyalty', export: exportCustomer, erase: eraseCustomer });
  registerCustomerMergeHandler(loyaltyMergeHandler(env));
}
