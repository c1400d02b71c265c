-- What happened between the business and the customer. A complaint is an interaction with an owner who
-- keeps it until it is resolved, and a reason from the organization's editable list so reasons can be
-- counted; every hand-over of a complaint is recorded with its reason.
CREATE TABLE customer_complaint_reasons (
  id              uuid PRIMARY KEY,
  organization_id uuid NOT NULL REFERENCES organizations(id),
  key             text NOT NULL CHECK (key ~ '^[a-z][a-z0-9_]{0,62}$'),  -- default reasons have a known key the web app translates
  label           text NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
  position        integer NOT NULL DEFAULT 0,
  archived        boolean NOT NULL DEFAULT false,
  created_at      timestamptz NOT NULL,
  UNIQUE (organization_id, id),
  UNIQUE (organization_id, key)
);

CREATE TABLE customer_interactions (
  id               uuid PRIMARY KEY,
  organization_id  uuid NOT NULL,
  customer_id      uuid NOT NULL,
  kind             text NOT NULL CHECK (kind IN ('call', 'message', 'meeting', 'letter', 'contract', 'complaint', 'return', 'cancellation', 'note')),
  occurred_at      timestamptz NOT NULL,
  staff_id         uuid,
  channel          text CHECK (channel IN ('phone', 'email', 'sms', 'messenger', 'in_person', 'post', 'web', 'other')),
  direction        text CHECK (direction IN ('inbound', 'outbound')),
  text             text CHECK (length(text) <= 20000),   -- null after the customer is erased
  attachment_ref   text CHECK (length(attachment_ref) <= 1000),
  -- complaints only
  complaint_status text CHECK (complaint_status IN ('open', 'resolved')),
  owner_staff_id   uuid,
  reason_id        uuid,
  resolution       text CHECK (length(resolution) <= 20000),
  resolved_at      timestamptz,
  resolved_by      uuid,
  created_at       timestamptz NOT NULL,
  created_by       uuid,
  UNIQUE (organization_id, id),
  CHECK ((kind = 'complaint') = (complaint_status IS NOT NULL AND owner_staff_id IS NOT NULL AND reason_id IS NOT NULL)),
  CHECK ((complaint_status = 'resolved') = (resolved_at IS NOT NULL)),
  FOREIGN KEY (organization_id, customer_id) REFERENCES customers (organization_id, id),
  FOREIGN KEY (organization_id, staff_id) REFERENCES staff (organization_id, id),
  FOREIGN KEY (organization_id, owner_staff_id) REFERENCES staff (organization_id, id),
  FOREIGN KEY (organization_id, reason_id) REFERENCES customer_complaint_reasons (organization_id, id)
);
CREATE INDEX customer_interactions_customer ON customer_interactions (organization_id, customer_id, occurred_at DESC, id DESC);
CREATE INDEX customer_interactions_complaints ON customer_interactions (organization_id, complaint_status, owner_staff_id) WHERE kind = 'complaint';
CREATE INDEX customer_interactions_complaint_time ON customer_interactions (organization_id, occurred_at) WHERE kind = 'complaint';

CREATE TABLE customer_complaint_handovers (
  id              uuid PRIMARY KEY,
  organization_id uuid NOT NULL,
  interaction_id  uuid NOT NULL,
  from_staff_id   uuid NOT NULL,
  to_staff_id     uuid NOT NULL,
  reason          text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
  by_staff_id     uuid,
  at              timestamptz NOT NULL,
  UNIQUE (organization_id, id),
  FOREIGN KEY (organization_id, interaction_id) REFERENCES customer_interactions (organization_id, id),
  FOREIGN KEY (organization_id, to_staff_id) REFERENCES staff (organization_id, id)
);
CREATE INDEX customer_complaint_handovers_interaction ON customer_complaint_handovers (organization_id, interaction_id, at);
