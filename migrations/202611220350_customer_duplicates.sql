-- Likely duplicates proposed by the background job, and merges (recorded so they can be undone).
CREATE TABLE customer_duplicates (
  id              uuid PRIMARY KEY,
  organization_id uuid NOT NULL,
  customer_a      uuid NOT NULL,
  customer_b      uuid NOT NULL,
  score           integer NOT NULL CHECK (score BETWEEN 0 AND 100),
  reasons         jsonb NOT NULL,                  -- [{"kind": "phone"|"email"|"document"|"name_birth_date", …}]
  status          text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'dismissed', 'merged')),
  found_at        timestamptz NOT NULL,
  decided_at      timestamptz,
  decided_by      uuid,
  UNIQUE (organization_id, id),
  UNIQUE (organization_id, customer_a, customer_b),
  CHECK (customer_a < customer_b),
  FOREIGN KEY (organization_id, customer_a) REFERENCES customers (organization_id, id),
  FOREIGN KEY (organization_id, customer_b) REFERENCES customers (organization_id, id)
);
CREATE INDEX customer_duplicates_open ON customer_duplicates (organization_id, status, score DESC);
CREATE INDEX customer_duplicates_b ON customer_duplicates (organization_id, customer_b);

-- How far the duplicate job has looked, per organization: customers changed after (scanned_until,
-- scanned_id) are checked next. A full pass is started again every week (full_scan_started_at), which
-- also catches rows a long transaction committed with a time older than the mark.
CREATE TABLE customer_duplicate_scans (
  organization_id      uuid PRIMARY KEY REFERENCES organizations(id),
  scanned_until        timestamptz NOT NULL,
  scanned_id           uuid NOT NULL,
  full_scan_started_at timestamptz NOT NULL
);

CREATE TABLE customer_merges (
  id              uuid PRIMARY KEY,
  organization_id uuid NOT NULL,
  survivor_id     uuid NOT NULL,
  loser_id        uuid NOT NULL,
  staff_id        uuid,
  at              timestamptz NOT NULL,
  choices         jsonb NOT NULL,   -- {"field": "survivor" | "loser"}
  before          jsonb,            -- both rows as they were, for undo; null once a customer is erased
  after           jsonb,            -- the survivor's fields the merge wrote
  moved           jsonb NOT NULL,   -- {"table": [ids moved from loser to survivor]}
  handlers        jsonb NOT NULL,   -- {"handler name": undo data} of other modules
  undone_at       timestamptz,
  undone_by       uuid,
  UNIQUE (organization_id, id),
  FOREIGN KEY (organization_id, survivor_id) REFERENCES customers (organization_id, id),
  FOREIGN KEY (organization_id, loser_id) REFERENCES customers (organization_id, id)
);
CREATE INDEX customer_merges_survivor ON customer_merges (organization_id, survivor_id, at DESC);
CREATE INDEX customer_merges_loser ON customer_merges (organization_id, loser_id, at DESC);
