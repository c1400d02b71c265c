// Loyalty tables as Kysely sees them (migrations/202611220150_purchases.sql, 202611220200_loyalty.sql).
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json = ColumnType<unknown, string, string>;

export interface ProgramsTable {
  id: string;
  organization_id: string;
  name: string;
  version: number;
  config: Json;
  card_scheme: 'ean13' | 'luhn';
  card_prefix: string;
  card_length: number;
  next_card_serial: Generated<number>;
  is_default: Generated<boolean>;
  archived_at: Date | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProgramVersionsTable {
  organization_id: string;
  program_id: string;
  version: number;
  config: Json;
  created_at: Timestamp;
  created_by: string | null;
}

export type AccountKind = 'spendable' | 'pending' | 'issued' | 'redeemed' | 'expired' | 'taken_back';

export interface AccountsTable {
  id: string;
  organization_id: string;
  program_id: string;
  customer_id: string | null;
  kind: AccountKind;
  created_at: CreatedAt;
}

export interface MembersTable {
  organization_id: string;
  program_id: string;
  customer_id: string;
  spendable_account_id: string;
  pending_account_id: string;
  tier: string | null;
  tier_since: Date | null;
  club_member: Generated<boolean>;
  club_since: Date | null;
  spendable: Generated<number>;
  pending: Generated<number>;
  debt: Generated<number>;
  next_due_at: Date | null;
  rev: Generated<number>;
  evaluated_on: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface LotsTable {
  organization_id: string;
  id: string;
  program_id: string;
  customer_id: string;
  unlock_at: Date | null;
  expires_at: Date | null;
  remaining: number;
  pending: boolean;
  operation_id: string;
  expiry_notified_at: Date | null;
  created_at: Timestamp;
}

export interface TransfersTable {
  organization_id: string;
  id: string;
  program_id: string;
  customer_id: string | null;
  debit_account_id: string;
  credit_account_id: string;
  amount: number;
  kind: string;
  operation_id: string;
  lot_id: string | null;
  purchase_id: string | null;
  created_at: Timestamp;
}

export type OperationKind = 'confirm' | 'refund' | 'cancel' | 'adjust';

export interface OperationsTable {
  organization_id: string;
  kind: OperationKind;
  id: string;
  request_hash: string;
  response: Json;
  program_id: string | null;
  customer_id: string | null;
  purchase_id: string | null;
  created_at: Timestamp;
}

export type PurchaseStatus = 'confirmed' | 'partially_refunded' | 'refunded' | 'cancelled';

export interface PurchasesTable {
  id: string;
  organization_id: string;
  customer_id: string | null;
  outlet_id: string | null;
  source: 'checkout' | 'import';
  external_id: string;
  occurred_at: Timestamp;
  currency: string;
  subtotal: number;
  discount: Generated<number>;
  points_spent: Generated<number>;
  points_money: Generated<number>;
  paid: number;
  cost: number | null;
  points_earned: Generated<number>;
  refunded_paid: Generated<number>;
  status: Generated<PurchaseStatus>;
  created_at: CreatedAt;
  program_id: string | null;
  program_version: number | null;
  card_id: string | null;
  accumulation_amount: number | null;
  refunded_accumulation: Generated<number>;
  earned_lot_id: string | null;
  result: ColumnType<unknown, string | null | undefined, string | null>;
  staff_id: string | null;
  api_key_id: string | null;
}

export interface PurchaseLinesTable {
  purchase_id: string;
  line_no: number;
  organization_id: string;
  sku: string;
  product_group: string | null;
  quantity_milli: number;
  unit_price: number;
  unit_cost: number | null;
  amount: number;
  discount: Generated<number>;
  paid: number;
  refunded_quantity_milli: Generated<number>;
  promotion_discount: Generated<number>;
  points_spent: Generated<number>;
  points_money: Generated<number>;
  points_earned: Generated<number>;
  refunded_paid: Generated<number>;
}

export interface RefundsTable {
  id: string;
  organization_id: string;
  kind: 'refund' | 'cancel';
  operation_id: string;
  purchase_id: string;
  program_id: string | null;
  customer_id: string | null;
  occurred_at: Timestamp;
  purchase_occurred_at: Timestamp;
  money_gross: number;
  money_deduction: number;
  money_returned: number;
  points_returned: number;
  points_taken_back: number;
  negative_balance: number;
  forgiven: number;
  accumulation_amount: number;
  accumulation_count: number;
  plan: Json;
  created_at: Timestamp;
}

export interface CardBatchesTable {
  id: string;
  organization_id: string;
  program_id: string;
  tier: string;
  count: number;
  first_number: string;
  last_number: string;
  created_by: string | null;
  created_at: Timestamp;
}

export type CardStatus = 'active' | 'blocked' | 'replaced';
export type CardKind = 'personal' | 'bearer';

export interface CardsTable {
  id: string;
  organization_id: string;
  program_id: string;
  number: string;
  kind: CardKind;
  tier: string;
  customer_id: string | null;
  status: Generated<CardStatus>;
  replaced_by: string | null;
  batch_id: string | null;
  block_reason: string | null;
  issued_at: Timestamp;
  bound_at: Date | null;
  created_by: string | null;
}

export type CardEventKind = 'issued' | 'bound' | 'blocked' | 'unblocked' | 'replaced' | 'replacement_of';

export interface CardEventsTable {
  id: string;
  organization_id: string;
  card_id: string;
  kind: CardEventKind;
  details: Json;
  staff_id: string | null;
  at: Timestamp;
}

export interface MemberHistoryTable {
  id: string;
  organization_id: string;
  program_id: string;
  customer_id: string;
  kind: 'tier' | 'club';
  from_value: string | null;
  to_value: string | null;
  reason: string;
  details: Json;
  staff_id: string | null;
  at: Timestamp;
}

export interface ClubProposalsTable {
  id: string;
  organization_id: string;
  program_id: string;
  customer_id: string;
  action: 'join' | 'leave';
  status: 'pending' | 'approved' | 'rejected' | 'applied';
  reason: string;
  measured: number;
  required: number;
  window_start: Timestamp;
  window_end: Timestamp;
  created_at: Timestamp;
  decided_at: Date | null;
  decided_by: string | null;
}

export interface SmsChallengesTable {
  id: string;
  organization_id: string;
  customer_id: string;
  purpose: 'spend_points' | 'phone_discount';
  phone: string;
  code_hash: string;
  attempts: Generated<number>;
  max_attempts: number;
  expires_at: Timestamp;
  verified_at: Date | null;
  consumed_at: Date | null;
  consumed_by: string | null;
  created_at: Timestamp;
}

export interface CustomerLinksTable {
  id: string;
  organization_id: string;
  program_id: string;
  customer_id: string;
  token_hash: string;
  created_at: Timestamp;
  revoked_at: Date | null;
}

export interface QrTokensTable {
  token_hash: string;
  organization_id: string;
  program_id: string;
  customer_id: string;
  expires_at: Timestamp;
  used_at: Date | null;
  created_at: Timestamp;
}

export interface WebhookEndpointsTable {
  id: string;
  organization_id: string;
  url: string;
  secret: string;
  events: string[];
  active: Generated<boolean>;
  created_by: string | null;
  created_at: Timestamp;
}

export interface WebhookDeliveriesTable {
  id: string;
  organization_id: string;
  endpoint_id: string;
  event: string;
  payload: Json;
  status: Generated<'pending' | 'delivered' | 'failed'>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  last_status: number | null;
  last_error: string | null;
  created_at: Timestamp;
  delivered_at: Date | null;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    loyalty_programs: ProgramsTable;
    loyalty_program_versions: ProgramVersionsTable;
    loyalty_accounts: AccountsTable;
    loyalty_members: MembersTable;
    loyalty_lots: LotsTable;
    loyalty_transfers: TransfersTable;
    loyalty_operations: OperationsTable;
    purchases: PurchasesTable;
    purchase_lines: PurchaseLinesTable;
    loyalty_refunds: RefundsTable;
    loyalty_card_batches: CardBatchesTable;
    loyalty_cards: CardsTable;
    loyalty_card_events: CardEventsTable;
    loyalty_member_history: MemberHistoryTable;
    loyalty_club_proposals: ClubProposalsTable;
    loyalty_sms_challenges: SmsChallengesTable;
    loyalty_customer_links: CustomerLinksTable;
    loyalty_qr_tokens: QrTokensTable;
    loyalty_webhook_endpoints: WebhookEndpointsTable;
    loyalty_webhook_deliveries: WebhookDeliveriesTable;
  }
}
