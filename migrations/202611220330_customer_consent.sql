-- Consent to be contacted, per channel. The history is append-only: each row says given or withdrawn,
-- when, how ("paper form", "web", "till", "import") and by whom. customer_consents caches the latest
-- event per channel (same transaction as the event; a test checks it always equals the history).
CREATE TABLE customer_consent_events (
  id              uuid PRIMARY KEY,
  organization_id uuid NOT NULL,
  customer_id     uuid NOT NULL,
  channel         text NOT NULL CHECK (channel IN ('email', 'sms', 'messenger', 'phone', 'post')),
  granted         boolean NOT NULL,
  at              timestamptz NOT NULL,          -- when the customer gave or withdrew it
  source          text NOT NULL CHECK (length(source) BETWEEN 1 AND 200),
  note            text CHECK (length(note) <= 2000),
  staff_id        uuid,
  api_key_id      uuid,
  recorded_at     timestamptz NOT NULL,
  UNIQUE (organization_id, id),
  FOREIGN KEY (organization_id, customer_id) REFERENCES customers (organization_id, id)
);
CREATE INDEX customer_consent_events_customer ON customer_consent_events (organization_id, customer_id, channel, at DESC, id DESC);

CREATE TABLE customer_consents (
  organization_id uuid NOT NULL,
  customer_id     uuid NOT NULL,
  channel         text NOT NULL CHECK (channel IN ('email', 'sms', 'messenger', 'phone', 'post')),
  granted         boolean NOT NULL,
  event_id        uuid NOT NULL REFERENCES customer_consent_events (id),
  at              timestamptz NOT NULL,
  PRIMARY KEY (organization_id, customer_id, channel),
  FOREIGN KEY (organization_id, customer_id) REFERENCES customers (organization_id, id)
);
