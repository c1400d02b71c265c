-- Loyalty core: programs (versioned configuration), cards, the points ledger (accounts, immutable
-- transfers, lots), idempotent checkout operations, refunds, tier and club history, SMS codes, one-time
-- QR tokens and webhooks. See docs/ledger.md for the model.
--
-- Ledger rows (transfers, lots) carry no foreign keys on purpose: they are written only by the ledger
-- writer in one statement per operation, and a foreign key check on a hot system account row per
-- transfer would serialize every till on that row. Their integrity is checked by
-- GET /api/loyalty/programs/{id}/ledger-check and by the property, concurrency and crash tests.

CREATE TABLE loyalty_programs (
  id               uuid PRIMARY KEY,
  organization_id  uuid NOT NULL REFERENCES organizations(id),
  name             text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  version          integer NOT NULL CHECK (version >= 1),   -- bumped on every configuration change
  config           jsonb NOT NULL,                          -- the current ProgramConfig (domain/program.ts)
  card_scheme      text NOT NULL CHECK (card_scheme IN ('ean13', 'luhn')),
  card_prefix      text NOT NULL CHECK (card_prefix ~ '^[0-9]{0,12}$'),
  card_length      integer NOT NULL CHECK (card_length BETWEEN 8 AND 19),
  next_card_serial bigint NOT NULL DEFAULT 1 CHECK (next_card_serial >= 0),
  is_default       boolean NOT NULL DEFAULT false,
  archived_at      timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (organization_id, id)
);
CREATE UNIQUE INDEX loyalty_programs_one_default ON loyalty_programs (organization_id) WHERE is_default;

-- Every configuration a program ever had: a receipt names the version it was calculated with.
CREATE TABLE loyalty_program_versions (
  organization_id  uuid NOT NULL,
  program_id       uuid NOT NULL,
  version          integer NOT NULL,
  config           jsonb NOT NULL,
  created_at       timestamptz NOT NULL,
  created_by       uuid,
  PRIMARY KEY (program_id, version),
  FOREIGN KEY (organization_id, program_id) REFERENCES loyalty_programs (organization_id, id)
);

-- Accounts of the double-entry ledger. Customer accounts: spendable and pending; system accounts per
-- program: issued (the liability's source, always ≤ 0), redeemed, expired, taken_back.
CREATE TABLE loyalty_accounts (
  id               uuid PRIMARY KEY,
  organization_id  uuid NOT NULL,
  program_id       uuid NOT NULL,
  customer_id      uuid,
  kind             text NOT NULL CHECK (kind IN ('spendable', 'pending', 'issued', 'redeemed', 'expired', 'taken_back')),
  created_at       timestamptz NOT NULL DEFAULT now(),
  CHECK ((customer_id IS NULL) = (kind IN ('issued', 'redeemed', 'expired', 'taken_back'))),
  UNIQUE NULLS NOT DISTINCT (program_id, customer_id, kind),
  UNIQUE (organization_id, id),
  FOREIGN KEY (organization_id, program_id) REFERENCES loyalty_programs (organization_id, id),
  FOREIGN KEY (organization_id, customer_id) REFERENCES customers (organization_id, id)
);

-- A customer in a program. spendable / pending / debt are caches of the transfers (the ledger-check
-- and the property test prove they equal the sums); `rev` is bumped by every ledger write, which
-- writes only if `rev` is still what it read (see ledger-store.ts), so two tills cannot spend the
-- same points.
CREATE TABLE loyalty_members (
  organization_id      uuid NOT NULL,
  program_id           uuid NOT NULL,
  customer_id          uuid NOT NULL,
  spendable_account_id uuid NOT NULL,
  pending_account_id   uuid NOT NULL,
  tier                 text,
  tier_since           timestamptz,
  club_member          boolean NOT NULL DEFAULT false,
  club_since           timestamptz,
  spendable            bigint NOT NULL DEFAULT 0,                 -- spendable account balance (< 0 while a refund debt is open)
  pending              bigint NOT NULL DEFAULT 0 CHECK (pending >= 0),
  debt                 bigint NOT NULL DEFAULT 0 CHECK (debt >= 0), -- the lot-less part of the spendable account, negated
  next_due_at          timestamptz,                               -- earliest unlock or expiry among its lots with points
  rev                  bigint NOT NULL DEFAULT 0,
  evaluated_on         date,                                      -- last daily tier/club evaluation (organization's local date)
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organization_id, program_id, customer_id),
  FOREIGN KEY (organization_id, program_id) REFERENCES loyalty_programs (organization_id, id),
  FOREIGN KEY (organization_id, customer_id) REFERENCES customers (organization_id, id)
) WITH (fillfactor = 80); -- every operation updates the row: room on the page keeps those updates in place (HOT)
CREATE INDEX loyalty_members_due ON loyalty_members (next_due_at) WHERE next_due_at IS NOT NULL;
CREATE INDEX loyalty_members_customer ON loyalty_members (organization_id, customer_id);

-- Lots: every accrual, return and positive adjustment is a lot with its own unlock and expiry time.
-- remaining / pending are caches of the lot's transfer parts.
CREATE TABLE loyalty_lots (
  organization_id  uuid NOT NULL,
  id               text NOT NULL,
  program_id       uuid NOT NULL,
  customer_id      uuid NOT NULL,
  unlock_at        timestamptz,
  expires_at       timestamptz,
  remaining        bigint NOT NULL CHECK (remaining >= 0),
  pending          boolean NOT NULL,
  operation_id     text NOT NULL,
  expiry_notified_at timestamptz,
  created_at       timestamptz NOT NULL,
  PRIMARY KEY (organization_id, id)
);
CREATE INDEX loyalty_lots_customer ON loyalty_lots (organization_id, program_id, customer_id) WHERE remaining > 0;
CREATE INDEX loyalty_lots_expiring ON loyalty_lots (expires_at) WHERE remaining > 0 AND expiry_notified_at IS NULL;

-- Transfers: immutable. The id is derived from the cause (`receipt:<id>:spend:<lot>` …), so a retry
-- cannot apply one twice; corrections are new transfers.
CREATE TABLE loyalty_transfers (
  organization_id   uuid NOT NULL,
  id                text NOT NULL,
  program_id        uuid NOT NULL,
  customer_id       uuid,
  debit_account_id  uuid NOT NULL,
  credit_account_id uuid NOT NULL,
  amount            bigint NOT NULL CHECK (amount > 0),
  kind              text NOT NULL CHECK (kind IN ('accrue', 'unlock', 'spend', 'return', 'take_back', 'expire', 'adjust', 'settle_debt', 'debt_repaid')),
  operation_id      text NOT NULL,
  lot_id            text,
  purchase_id       uuid,
  created_at        timestamptz NOT NULL,
  CHECK (debit_account_id <> credit_account_id),
  PRIMARY KEY (organization_id, id)
);
CREATE INDEX loyalty_transfers_customer ON loyalty_transfers (organization_id, customer_id, created_at);

CREATE FUNCTION loyalty_transfers_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'loyalty transfers are immutable: write a reversing transfer instead';
END $$;
CREATE TRIGGER loyalty_transfers_no_change BEFORE UPDATE OR DELETE ON loyalty_transfers
  FOR EACH STATEMENT EXECUTE FUNCTION loyalty_transfers_immutable();

-- Idempotency of checkout operations: the first answer per (organization, kind, client id), with the
-- hash of the request that produced it. The same id and body returns it unchanged; another body is a 409.
CREATE TABLE loyalty_operations (
  organization_id  uuid NOT NULL,
  kind             text NOT NULL CHECK (kind IN ('confirm', 'refund', 'cancel', 'adjust')),
  id               text NOT NULL CHECK (length(id) BETWEEN 1 AND 100),
  request_hash     text NOT NULL,
  response         json NOT NULL,          -- json, not jsonb: the stored answer is returned byte for byte
  program_id       uuid,
  customer_id      uuid,
  purchase_id      uuid,
  created_at       timestamptz NOT NULL,
  PRIMARY KEY (organization_id, kind, id)
);

-- Purchases (owned by loyalty, see 202611220150_purchases.sql): what the checkout adds.
ALTER TABLE purchases
  ADD COLUMN program_id uuid,
  ADD COLUMN program_version integer,
  ADD COLUMN card_id uuid,
  ADD COLUMN accumulation_amount bigint CHECK (accumulation_amount >= 0), -- null for imports: `paid` counts
  ADD COLUMN refunded_accumulation bigint NOT NULL DEFAULT 0 CHECK (refunded_accumulation >= 0),
  ADD COLUMN earned_lot_id text,
  ADD COLUMN result jsonb,                  -- the whole ReceiptResult: refunds are computed from it
  ADD COLUMN staff_id uuid,
  ADD COLUMN api_key_id uuid;
CREATE INDEX purchases_card ON purchases (organization_id, card_id) WHERE card_id IS NOT NULL;

ALTER TABLE purchase_lines
  ADD COLUMN promotion_discount bigint NOT NULL DEFAULT 0 CHECK (promotion_discount >= 0),
  ADD COLUMN points_spent bigint NOT NULL DEFAULT 0 CHECK (points_spent >= 0),
  ADD COLUMN points_money bigint NOT NULL DEFAULT 0 CHECK (points_money >= 0),
  ADD COLUMN points_earned bigint NOT NULL DEFAULT 0 CHECK (points_earned >= 0),
  ADD COLUMN refunded_paid bigint NOT NULL DEFAULT 0 CHECK (refunded_paid >= 0);

-- Refunds and cancels of confirmed receipts, with what each gave back and took back.
CREATE TABLE loyalty_refunds (
  id                  uuid PRIMARY KEY,
  organization_id     uuid NOT NULL,
  kind                text NOT NULL CHECK (kind IN ('refund', 'cancel')),
  operation_id        text NOT NULL,
  purchase_id         uuid NOT NULL,
  program_id          uuid,
  customer_id         uuid,
  occurred_at         timestamptz NOT NULL,
  purchase_occurred_at timestamptz NOT NULL,
  money_gross         bigint NOT NULL,
  money_deduction     bigint NOT NULL,
  money_returned      bigint NOT NULL,
  points_returned     bigint NOT NULL,
  points_taken_back   bigint NOT NULL,
  negative_balance    bigint NOT NULL,
  forgiven            bigint NOT NULL,
  accumulation_amount bigint NOT NULL,
  accumulation_count  integer NOT NULL,
  plan                jsonb NOT NULL,
  created_at          timestamptz NOT NULL,
  UNIQUE (organization_id, id),
  FOREIGN KEY (organization_id, purchase_id) REFERENCES purchases (organization_id, id)
);
CREATE INDEX loyalty_refunds_customer ON loyalty_refunds (organization_id, customer_id, occurred_at);
CREATE INDEX loyalty_refunds_purchase ON loyalty_refunds (organization_id, purchase_id);

-- Cards: numbers with a check digit, unique per organization.
CREATE TABLE loyalty_card_batches (
  id               uuid PRIMARY KEY,
  organization_id  uuid NOT NULL,
  program_id       uuid NOT NULL,
  tier             text NOT NULL,
  count            integer NOT NULL CHECK (count BETWEEN 1 AND 100000),
  first_number     text NOT NULL,
  last_number      text NOT NULL,
  created_by       uuid,
  created_at       timestamptz NOT NULL,
  UNIQUE (organization_id, id),
  FOREIGN KEY (organization_id, program_id) REFERENCES loyalty_programs (organization_id, id)
);

CREATE TABLE loyalty_cards (
  id               uuid PRIMARY KEY,
  organization_id  uuid NOT NULL,
  program_id       uuid NOT NULL,
  number           text NOT NULL CHECK (number ~ '^[0-9]{8,19}$'),
  kind             text NOT NULL CHECK (kind IN ('personal', 'bearer')),
  tier             text NOT NULL,
  customer_id      uuid,
  status           text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'blocked', 'replaced')),
  replaced_by      uuid,
  batch_id         uuid,
  block_reason     text,
  issued_at        timestamptz NOT NULL,
  bound_at         timestamptz,
  created_by       uuid,
  CHECK (kind = 'bearer' OR customer_id IS NOT NULL),
  CHECK ((status = 'replaced') = (replaced_by IS NOT NULL)),
  UNIQUE (organization_id, number),
  UNIQUE (organization_id, id),
  FOREIGN KEY (organization_id, program_id) REFERENCES loyalty_programs (organization_id, id),
  FOREIGN KEY (organization_id, customer_id) REFERENCES customers (organization_id, id),
  FOREIGN KEY (organization_id, batch_id) REFERENCES loyalty_card_batches (organization_id, id)
);
CREATE INDEX loyalty_cards_customer ON loyalty_cards (organization_id, customer_id) WHERE customer_id IS NOT NULL;
CREATE INDEX loyalty_cards_batch ON loyalty_cards (organization_id, batch_id, number) WHERE batch_id IS NOT NULL;

CREATE TABLE loyalty_card_events (
  id               uuid PRIMARY KEY,
  organization_id  uuid NOT NULL,
  card_id          uuid NOT NULL,
  kind             text NOT NULL CHECK (kind IN ('issued', 'bound', 'blocked', 'unblocked', 'replaced', 'replacement_of')),
  details          jsonb NOT NULL DEFAULT '{}',
  staff_id         uuid,
  at               timestamptz NOT NULL,
  FOREIGN KEY (organization_id, card_id) REFERENCES loyalty_cards (organization_id, id)
);
CREATE INDEX loyalty_card_events_card ON loyalty_card_events (organization_id, card_id, at);

-- Tier and club history of a customer in a program.
CREATE TABLE loyalty_member_history (
  id               uuid PRIMARY KEY,
  organization_id  uuid NOT NULL,
  program_id       uuid NOT NULL,
  customer_id      uuid NOT NULL,
  kind             text NOT NULL CHECK (kind IN ('tier', 'club')),
  from_value       text,
  to_value         text,
  reason           text NOT NULL,
  details          jsonb NOT NULL DEFAULT '{}',
  staff_id         uuid,
  at               timestamptz NOT NULL
);
CREATE INDEX loyalty_member_history_customer ON loyalty_member_history (organization_id, customer_id, at);

-- The daily club evaluation's proposals, waiting for the owner unless the club approves automatically.
CREATE TABLE loyalty_club_proposals (
  id               uuid PRIMARY KEY,
  organization_id  uuid NOT NULL,
  program_id       uuid NOT NULL,
  customer_id      uuid NOT NULL,
  action           text NOT NULL CHECK (action IN ('join', 'leave')),
  status           text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'applied')),
  reason           text NOT NULL,
  measured         bigint NOT NULL,
  required         bigint NOT NULL,
  window_start     timestamptz NOT NULL,
  window_end       timestamptz NOT NULL,
  created_at       timestamptz NOT NULL,
  decided_at       timestamptz,
  decided_by       uuid
);
CREATE UNIQUE INDEX loyalty_club_proposals_open ON loyalty_club_proposals (organization_id, program_id, customer_id) WHERE status = 'pending';
CREATE INDEX loyalty_club_proposals_list ON loyalty_club_proposals (organization_id, status, created_at);

-- SMS codes: only a hash is kept; attempts are limited and codes expire.
CREATE TABLE loyalty_sms_challenges (
  id               uuid PRIMARY KEY,
  organization_id  uuid NOT NULL,
  customer_id      uuid NOT NULL,
  purpose          text NOT NULL CHECK (purpose IN ('spend_points', 'phone_discount')),
  phone            text NOT NULL,
  code_hash        text NOT NULL,
  attempts         integer NOT NULL DEFAULT 0,
  max_attempts     integer NOT NULL,
  expires_at       timestamptz NOT NULL,
  verified_at      timestamptz,
  consumed_at      timestamptz,
  consumed_by      text,
  created_at       timestamptz NOT NULL
);
CREATE INDEX loyalty_sms_challenges_customer ON loyalty_sms_challenges (organization_id, customer_id, created_at);

-- The customer's personal page link (long-lived secret) and the one-time QR tokens it hands out.
CREATE TABLE loyalty_customer_links (
  id               uuid PRIMARY KEY,
  organization_id  uuid NOT NULL,
  program_id       uuid NOT NULL,
  customer_id      uuid NOT NULL,
  token_hash       text NOT NULL UNIQUE,
  created_at       timestamptz NOT NULL,
  revoked_at       timestamptz
);
CREATE TABLE loyalty_qr_tokens (
  token_hash       text PRIMARY KEY,
  organization_id  uuid NOT NULL,
  program_id       uuid NOT NULL,
  customer_id      uuid NOT NULL,
  expires_at       timestamptz NOT NULL,
  used_at          timestamptz,
  created_at       timestamptz NOT NULL
);

-- Webhooks: signed (HMAC-SHA256 with the endpoint's secret) and retried through the job queue.
CREATE TABLE loyalty_webhook_endpoints (
  id               uuid PRIMARY KEY,
  organization_id  uuid NOT NULL REFERENCES organizations(id),
  url              text NOT NULL,
  secret           text NOT NULL,
  events           text[] NOT NULL,
  active           boolean NOT NULL DEFAULT true,
  created_by       uuid,
  created_at       timestamptz NOT NULL,
  UNIQUE (organization_id, id)
);
CREATE INDEX loyalty_webhook_endpoints_org ON loyalty_webhook_endpoints (organization_id) WHERE active;

CREATE TABLE loyalty_webhook_deliveries (
  id               uuid PRIMARY KEY,
  organization_id  uuid NOT NULL,
  endpoint_id      uuid NOT NULL,
  event            text NOT NULL,
  payload          json NOT NULL,
  status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts         integer NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL,
  last_status      integer,
  last_error       text,
  created_at       timestamptz NOT NULL,
  delivered_at     timestamptz,
  FOREIGN KEY (organization_id, endpoint_id) REFERENCES loyalty_webhook_endpoints (organization_id, id)
);
CREATE INDEX loyalty_webhook_deliveries_endpoint ON loyalty_webhook_deliveries (organization_id, endpoint_id, created_at DESC);
