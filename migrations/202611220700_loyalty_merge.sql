-- Loyalty's part of merging two customer profiles (docs/customers.md, docs/ledger.md "Merging customers").
--
-- Points never jump between customers inside one transfer: a transfer carries one customer and one lot.
-- A merge moves each open lot in two transfers through the program's `transit` account — loser's lot →
-- transit, transit → a new lot of the survivor with the same unlock and expiry — so every lot's parts and
-- every member's cache stay the sums of their own transfers, and transit is back at zero when the merge
-- (or its undo) commits. The kinds `merge` and `unmerge` mark those transfers.
ALTER TABLE loyalty_accounts DROP CONSTRAINT loyalty_accounts_kind_check;
ALTER TABLE loyalty_accounts DROP CONSTRAINT loyalty_accounts_check;
ALTER TABLE loyalty_accounts ADD CONSTRAINT loyalty_accounts_kind_check
  CHECK (kind IN ('spendable', 'pending', 'issued', 'redeemed', 'expired', 'taken_back', 'transit')) NOT VALID;
ALTER TABLE loyalty_accounts ADD CONSTRAINT loyalty_accounts_system_check
  CHECK ((customer_id IS NULL) = (kind IN ('issued', 'redeemed', 'expired', 'taken_back', 'transit'))) NOT VALID;
ALTER TABLE loyalty_accounts VALIDATE CONSTRAINT loyalty_accounts_kind_check;
ALTER TABLE loyalty_accounts VALIDATE CONSTRAINT loyalty_accounts_system_check;

ALTER TABLE loyalty_transfers DROP CONSTRAINT loyalty_transfers_kind_check;
ALTER TABLE loyalty_transfers ADD CONSTRAINT loyalty_transfers_kind_check
  CHECK (kind IN ('accrue', 'unlock', 'spend', 'return', 'take_back', 'expire', 'adjust', 'settle_debt', 'debt_repaid', 'merge', 'unmerge')) NOT VALID;
ALTER TABLE loyalty_transfers VALIDATE CONSTRAINT loyalty_transfers_kind_check;

-- What loyalty moved in each merge, so the undo moves back exactly that, and what the undo could not give
-- back. The id is the cause of the merge's transfers (`merge:<loser id>.<n>`, n counting the loser's
-- merges), so a retried merge writes the same transfer ids and can never apply twice.
CREATE TABLE loyalty_customer_merges (
  organization_id uuid NOT NULL REFERENCES organizations(id),
  id              text NOT NULL,
  loser_id        uuid NOT NULL,
  survivor_id     uuid NOT NULL,
  seq             integer NOT NULL CHECK (seq >= 1),
  merged_at       timestamptz NOT NULL,
  moved           jsonb NOT NULL,   -- row ids per table; per program: lots moved, debt moved, tier and club before/after
  undone_at       timestamptz,
  undo            jsonb,            -- per program: points given back, covered by the survivor, shortfall and its policy
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, loser_id, seq),
  FOREIGN KEY (organization_id, loser_id) REFERENCES customers (organization_id, id),
  FOREIGN KEY (organization_id, survivor_id) REFERENCES customers (organization_id, id)
);
-- A profile is merged away at most once at a time.
CREATE UNIQUE INDEX loyalty_customer_merges_live ON loyalty_customer_merges (organization_id, loser_id) WHERE undone_at IS NULL;
CREATE INDEX loyalty_customer_merges_survivor ON loyalty_customer_merges (organization_id, survivor_id);
