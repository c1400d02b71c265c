// The program's economics: revenue and margin from members against the rest, discounts by what gave
// them, and the points ledger (issued, spent, expired, liability).
import { z } from 'zod';
import { monthLabel } from '../domain/calendar.js';
import { pointsEconomics, purchaseEconomics, type EconomicsRow } from '../domain/economics.js';
import { note } from '../notes.js';
import { col, finite, type Measure, type Row } from './types.js';

const econColumns = [col('memberRevenue', 'Revenue from members', 'money'), col('otherRevenue', 'Revenue from non-members', 'money'), col('memberShare', 'Members\' share of revenue', 'share', true),
  col('memberMargin', 'Margin from members', 'money', true), col('otherMargin', 'Margin from non-members', 'money', true), col('memberMarginShare', 'Members\' margin share', 'share', true),
  col('otherMarginShare', 'Non-members\' margin share', 'share', true), col('discount', 'Discount given', 'money'), col('discountShare', 'Discount share of price', 'share', true),
  col('pointsMoney', 'Points spent (money)', 'money'), col('pointsEarned', 'Points earned on purchases', 'integer'), col('pointsSpent', 'Points spent on purchases', 'integer')];
const econRow = (r: EconomicsRow) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, k === 'month' ? monthLabel(v as number) : typeof v === 'number' ? finite(v) : v])) as Row;

const pointsColumns = [col('month', 'Month', 'month'), col('issued', 'Points issued', 'integer'), col('spent', 'Points spent', 'integer'), col('expired', 'Points expired', 'integer'),
  col('takenBack', 'Points taken back', 'integer'), col('breakage', 'Breakage %', 'percent', true)];

/** Order of the mechanics in the table: the loyalty mechanics, then the till's promotions, then the rest. */
const MECHANIC_ORDER = ['tier', 'cumulative', 'club', 'promotion', 'unattributed'];

/**
 * Period totals per mechanic. `rows` are per month and mechanic, mechanic null for discounted receipts
 * without stored lines (imports); `total` is the period's whole discount. What the lines do not account
 * for — those receipts, and any remainder of a receipt's discount — is `unattributed`, so the rows always
 * add up to the total. Amounts come back as whole minor units: the database sums arrive as float8, and a
 * fraction of a cent in a stored line must not show up as one in the table or the export.
 */
export function discountByMechanic(rows: readonly { mechanic: string | null; discount: number; receipts: number }[], total: number): { mechanic: string; discount: number; share: number | null; receipts: number }[] {
  const by = new Map<string, { mechanic: string; discount: number; receipts: number }>();
  let unrecorded = 0;
  for (const r of rows) {
    if (r.mechanic === null) { unrecorded += Number(r.receipts); continue; }
    const m = by.get(r.mechanic) ?? { mechanic: r.mechanic, discount: 0, receipts: 0 };
    m.discount += Number(r.discount);
    m.receipts += Number(r.receipts);
    by.set(r.mechanic, m);
  }
  let attributed = 0;
  for (const m of by.values()) {
    m.discount = Math.round(m.discount);
    attributed += m.discount;
  }
  const whole = Math.round(total);
  const rest = whole - attributed;
  if (rest !== 0 || unrecorded > 0) by.set('unattributed', { mechanic: 'unattributed', discount: rest, receipts: unrecorded });
  const rank = (m: string) => (MECHANIC_ORDER.includes(m) ? MECHANIC_ORDER.indexOf(m) : MECHANIC_ORDER.length);
  return [...by.values()].sort((p, q) => rank(p.mechanic) - rank(q.mechanic) || (p.mechanic < q.mechanic ? -1 : 1))
    .map((m) => ({ ...m, share: whole > 0 ? m.discount / whole : null }));
}

export const economicsMeasure: Measure = {
  name: 'economics',
  title: 'Program economics',
  tables: {
    months: [col('month', 'Month', 'month'), ...econColumns], points: pointsColumns,
    mechanics: [col('mechanic', 'Given by', 'text'), col('discount', 'Discount given', 'money'), col('share', 'Share of the discount', 'share', true), col('receipts', 'Receipts', 'integer')],
  },
  summary: z.object(Object.fromEntries(econColumns.map((c) => [c.key, c.nullable ? z.number().nullable() : z.number()]))).extend({
    ledgerAvailable: z.boolean(),
    discountByMechanic: z.record(z.string(), z.number()).describe('Discount given in the period by what gave it: tier, cumulative, club (loyalty mechanics), promotion (the till\'s own), unattributed (imported sales)'),
    points: z.object({ outstanding: z.number(), pointValue: z.number().nullable(), liability: z.number().nullable(), issued: z.number(), spent: z.number(), expired: z.number(), takenBack: z.number(), breakage: z.number().nullable() }).nullable(),
  }),
  async compute(s) {
    const h = await s.history();
    const { period } = s.input;
    const r = purchaseEconomics(h.economics, period.months);
    const { month: _month, ...total } = econRow(r.total);
    const ledger = await s.ledger();
    let points: Record<string, number | null> | null = null;
    let pointRows: Row[] = [];
    if (ledger) {
      const outstanding = ledger.months.reduce((sum, m) => sum + m.customerNet, 0);
      const inPeriod = period.months.map((month) => ledger.months.find((m) => m.month === month) ?? { month, issued: 0, spent: 0, expired: 0, takenBack: 0 });
      const p = pointsEconomics({ pointValue: ledger.pointValue, outstandingPoints: outstanding, months: inPeriod.map(({ month, issued, spent, expired, takenBack }) => ({ month, issued, spent, expired, takenBack })) });
      points = { outstanding, pointValue: finite(ledger.pointValue), liability: finite(p.liability), issued: p.total.issued, spent: p.total.spent, expired: p.total.expired, takenBack: p.total.takenBack, breakage: finite(p.total.breakage) };
      pointRows = p.months.map((m) => ({ month: monthLabel(m.month), issued: m.issued, spent: m.spent, expired: m.expired, takenBack: m.takenBack, breakage: finite(m.breakage) }));
    }
    const mechanics = discountByMechanic(await s.discountsByMechanic(), r.total.discount);
    return {
      summary: { ...total, ledgerAvailable: ledger !== null, points, discountByMechanic: Object.fromEntries(mechanics.map((m) => [m.mechanic, m.discount])) },
      tables: { months: r.months.map(econRow), points: pointRows, mechanics },
      notes: [note('economics_members'), note('economics_points'), note('economics_mechanics'), note('economics_messages_unavailable')],
    };
  },
};
