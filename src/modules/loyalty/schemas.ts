// The loyalty API's request and response shapes: validated at the edge and published in the OpenAPI
// document (the cashier screen and the Cards & programs pages are generated from them).
import { z } from 'zod';
import { cardFormatSchema, programConfigSchema } from './program-schema.js';
import { WEBHOOK_EVENTS } from './webhooks.js';

export const minor = z.number().int().min(0).max(1e13).describe('integer minor units of the currency (cents, kopecks)');
const points = z.number().int();
const iso = z.string().describe('ISO 8601 date-time, UTC');
/** Client-chosen ids (receipt, refund, cancel, adjustment): no ':' so derived ledger ids stay unambiguous. */
export const clientId = z.string().regex(/^[A-Za-z0-9._\-/#]{1,100}$/, 'must be 1-100 characters: letters, digits and . _ - / #');

export const customerRefSchema = z.union([
  z.object({ cardNumber: z.string().trim().min(1).max(40).describe('as scanned or typed; spaces and dashes are ignored') }).strict(),
  z.object({ customerId: z.uuid() }).strict(),
  z.object({ phone: z.string().trim().min(3).max(50).describe('any format; the organization country is the default') }).strict(),
]).meta({ id: 'CheckoutCustomerRef', description: 'How the till names the customer: card number, customer id (e.g. after identify by QR) or phone.' });

export const lineInputSchema = z.object({
  sku: z.string().trim().min(1).max(200),
  productGroup: z.string().trim().min(1).max(100).nullable().optional(),
  quantity: z.number().positive().max(1_000_000).optional().describe('pieces, kg … with at most 3 decimals; default 1'),
  unitPrice: minor.describe('price of one whole unit'),
  unitCost: minor.nullable().optional().describe('cost of one unit, for the margin guard'),
  promotionDiscount: minor.optional().describe('a discount the till already gave on the whole line'),
}).meta({ id: 'ReceiptLineInput' });

export const calculateBodySchema = z.object({
  programId: z.uuid().optional().describe('default: the card\'s program, else the organization\'s default program'),
  customer: customerRefSchema.nullable().optional().describe('absent or null: an anonymous receipt'),
  lines: z.array(lineInputSchema).min(1).max(1000),
  pointsToSpend: z.number().int().min(0).max(1e12).optional().describe('points the customer wants to pay with; capped, with a warning, never refused'),
  occurredAt: z.iso.datetime({ offset: true }).optional().describe('the receipt\'s own time (offline tills); default now'),
}).meta({ id: 'CalculateRequest' });

export const confirmBodySchema = calculateBodySchema.extend({
  receiptId: clientId.describe('the till\'s receipt id: the idempotency key'),
  outletId: z.uuid().optional().describe('for staff sessions; an API key always uses its own outlet'),
  smsChallengeId: z.uuid().optional().describe('a verified SMS challenge when calculate said smsCodeRequired'),
}).meta({ id: 'ConfirmRequest' });

const mechanic = z.enum(['tier', 'cumulative', 'club']);

export const receiptViewSchema = z.object({
  lines: z.array(z.object({
    index: z.number().int(), sku: z.string(), productGroup: z.string().nullable(), quantity: z.number(), unitPrice: minor, baseAmount: minor, promotionDiscount: minor,
    discount: z.object({
      mechanic: mechanic.nullable(), bp: z.number().int(), amount: minor, uncappedAmount: minor,
      cappedBy: z.enum(['margin_floor', 'group_max_discount', 'promotion_not_combined', 'promotion_counted']).nullable(),
      reason: z.string().nullable().describe('tier_discount, cumulative_level, cumulative_kept_level, club_member'), params: z.record(z.string(), z.union([z.string(), z.number()])),
    }),
    candidates: z.array(z.object({ mechanic, bp: z.number().int(), amount: minor, priority: z.number().int(), reason: z.string() })),
    pointsSpent: points, pointsMoney: minor, paidAmount: minor, earnBp: z.number().int(), pointsEarned: points,
  })),
  totals: z.object({
    subtotal: minor, promotionTotal: minor, discountTotal: minor, pointsSpent: points, pointsMoney: minor, amountToPay: minor, pointsEarned: points, maxSpendablePoints: points,
  }),
  tier: z.string().nullable(),
  warnings: z.array(z.string()).describe('points_capped, points_rounded_to_step, below_min_balance, points_not_available, unknown_tier, no_customer, margin_guard_applied, no_earn_when_redeeming'),
  smsCodeRequired: z.boolean(),
}).meta({ id: 'ReceiptView' });

const customerBriefSchema = z.object({
  id: z.uuid().nullable(), cardId: z.uuid().nullable(), tier: z.string().nullable(), clubMember: z.boolean(), cumulativeBp: z.number().int(),
  points: z.object({ spendable: points, pending: points }).nullable(),
}).nullable().meta({ id: 'CheckoutCustomer' });

const checkoutWarnings = z.array(z.string()).describe('not_a_member_yet, debt_open, card_not_bound');

export const calculateAnswerSchema = z.object({
  programId: z.uuid(), programVersion: z.number().int(), customer: customerBriefSchema, receipt: receiptViewSchema, warnings: checkoutWarnings,
}).meta({ id: 'CalculateAnswer' });

export const confirmAnswerSchema = z.object({
  receiptId: z.string(), purchaseId: z.uuid(), status: z.literal('confirmed'), occurredAt: iso, programId: z.uuid(), programVersion: z.number().int(),
  customer: customerBriefSchema, receipt: receiptViewSchema,
  points: z.object({ earned: points, spent: points, earnedLot: z.object({ id: z.string(), unlockAt: iso, expiresAt: iso.nullable() }).nullable() }),
  warnings: checkoutWarnings,
}).meta({ id: 'ConfirmAnswer' });

export const identifyBodySchema = z.object({
  cardNumber: z.string().trim().min(1).max(40).optional(),
  phone: z.string().trim().min(3).max(50).optional(),
  qrToken: z.string().trim().min(8).max(100).optional().describe('the one-time code from the customer\'s page'),
  customerId: z.uuid().optional(),
  programId: z.uuid().optional(),
  bindToCustomerId: z.uuid().optional().describe('bind an unbound bearer card to this customer now'),
}).meta({ id: 'IdentifyRequest', description: 'Exactly one of cardNumber, phone, qrToken, customerId.' });

const threshold = { amountToGo: minor.nullable(), countToGo: z.number().int().nullable() };

export const identifyAnswerSchema = z.object({
  identifiedBy: z.enum(['card', 'phone', 'qr', 'customer_id']), programId: z.uuid(), programVersion: z.number().int(),
  card: z.object({ id: z.uuid(), number: z.string(), kind: z.enum(['personal', 'bearer']), tier: z.string(), status: z.enum(['active', 'blocked', 'replaced']) }).nullable(),
  customer: z.object({ id: z.uuid(), name: z.string(), birthDate: z.string().nullable() }).nullable(),
  tier: z.object({ code: z.string(), name: z.string(), discountBp: z.number().int(), earnBp: z.number().int() }).nullable(),
  discount: z.object({ mechanic, bp: z.number().int(), reason: z.string().nullable() }).nullable(),
  points: z.object({
    spendable: points, pending: points, minBalanceToRedeem: points, rate: z.object({ points: z.number().int(), minor: z.number().int() }),
    expiringSoon: z.object({ points, before: iso, firstExpiry: iso.nullable() }).nullable(),
  }).nullable(),
  cumulative: z.object({ bp: z.number().int(), amount: minor, count: z.number().int(), next: z.object({ bp: z.number().int(), ...threshold }).nullable() }).nullable(),
  nextTier: z.object({ code: z.string(), name: z.string(), ...threshold }).nullable(),
  club: z.object({ member: z.boolean() }).nullable(),
  warnings: z.array(z.string()).describe('not_a_member_yet, debt_open, card_not_bound, points_expiring_soon, below_min_balance'),
  greetings: z.array(z.string()).describe('birthday'),
}).meta({ id: 'IdentifyAnswer' });

export const refundBodySchema = z.object({
  refundId: clientId, receiptId: clientId,
  lines: z.array(z.object({ index: z.number().int().min(0), quantity: z.number().positive().max(1_000_000) })).min(1).max(1000),
}).meta({ id: 'RefundRequest' });
export const cancelBodySchema = z.object({ cancelId: clientId, receiptId: clientId }).meta({ id: 'CancelRequest' });

export const refundAnswerSchema = z.object({
  kind: z.enum(['refund', 'cancel']), id: z.string(), receiptId: z.string(), purchaseId: z.uuid(),
  receiptStatus: z.enum(['confirmed', 'partially_refunded', 'refunded', 'cancelled']), occurredAt: iso,
  money: z.object({ gross: minor, deduction: minor, toReturn: minor }),
  points: z.object({ returned: points, takenBack: points, shortfall: points, negativeBalance: points, coveredByMoney: points, forgiven: points }),
  lines: z.array(z.object({ index: z.number().int(), quantity: z.number(), refundedQuantity: z.number(), money: minor, pointsReturned: points, pointsTakenBack: points })),
  balance: z.object({ spendable: points, pending: points }).nullable(),
}).meta({ id: 'RefundAnswer' });

export const programSchema = z.object({
  id: z.uuid(), name: z.string(), version: z.number().int(), config: programConfigSchema, cardFormat: cardFormatSchema, isDefault: z.boolean(),
  archived: z.boolean(), createdAt: iso, updatedAt: iso,
}).meta({ id: 'LoyaltyProgram' });

export const cardSchema = z.object({
  id: z.uuid(), programId: z.uuid(), number: z.string(), kind: z.enum(['personal', 'bearer']), tier: z.string(), customerId: z.uuid().nullable(),
  status: z.enum(['active', 'blocked', 'replaced']), replacedBy: z.uuid().nullable(), batchId: z.uuid().nullable(), blockReason: z.string().nullable(),
  issuedAt: iso, boundAt: iso.nullable(),
}).meta({ id: 'Card' });

export const batchSchema = z.object({ id: z.uuid(), programId: z.uuid(), tier: z.string(), count: z.number().int(), firstNumber: z.string(), lastNumber: z.string(), createdAt: iso }).meta({ id: 'CardBatch' });

export const balanceSchema = z.object({
  customerId: z.uuid(), programId: z.uuid(), member: z.boolean(), tier: z.string().nullable(), clubMember: z.boolean(),
  spendable: points, pending: points, debt: points,
  lots: z.array(z.object({ id: z.string(), remaining: points, pending: z.boolean(), unlockAt: iso.nullable(), expiresAt: iso.nullable() })),
}).meta({ id: 'PointsBalance' });

export const historyItemSchema = z.object({
  id: z.string(), at: iso, kind: z.string(), amount: points, spendableChange: points, pendingChange: points, operationId: z.string(), lotId: z.string().nullable(), purchaseId: z.uuid().nullable(),
}).meta({ id: 'LedgerEntry' });

export const adjustBodySchema = z.object({
  adjustmentId: clientId, amount: z.number().int().min(-1e12).max(1e12).refine((v) => v !== 0, 'must not be 0'),
  reason: z.string().trim().min(3).max(500), expiresAt: z.iso.datetime({ offset: true }).nullable().optional(), programId: z.uuid().optional(),
}).meta({ id: 'PointsAdjustment' });

export const adjustAnswerSchema = z.object({
  adjustmentId: z.string(), customerId: z.uuid(), programId: z.uuid(), amount: points, reason: z.string(), expiresAt: z.string().nullable(),
  balance: z.object({ spendable: points, pending: points }), at: iso,
}).meta({ id: 'PointsAdjustmentAnswer' });

export const webhookEndpointSchema = z.object({ id: z.uuid(), url: z.string(), events: z.array(z.string()), active: z.boolean(), createdAt: iso }).meta({ id: 'WebhookEndpoint' });
export const webhookEventSchema = z.enum(WEBHOOK_EVENTS);

export const clubProposalSchema = z.object({
  id: z.uuid(), programId: z.uuid(), customerId: z.uuid(), action: z.enum(['join', 'leave']), status: z.enum(['pending', 'approved', 'rejected', 'applied']),
  reason: z.string(), measured: minor, required: minor, windowStart: iso, windowEnd: iso, createdAt: iso, decidedAt: iso.nullable(), decidedBy: z.uuid().nullable(),
}).meta({ id: 'ClubProposal' });

export const ledgerCheckSchema = z.object({
  ok: z.boolean(), problems: z.array(z.string()),
  totals: z.object({ issued: points, spendable: points, pending: points, redeemed: points, expired: points, takenBack: points, debt: points }),
  counts: z.object({ transfers: z.number().int(), lots: z.number().int(), members: z.number().int(), receipts: z.number().int() }),
}).meta({ id: 'LedgerCheck' });
