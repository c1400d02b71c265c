-- The customer's file beyond names and contacts: preferences and hobbies, relationships (spouse,
-- children, a company's contact persons), occasions, and the audit of every profile edit.
ALTER TABLE customers
  ADD COLUMN preferences text,
  ADD COLUMN hobbies text[] NOT NULL DEFAULT '{}';

-- Filters of the customer list. Tags by GIN (any tag), manager by B-tree in list order.
CREATE INDEX customers_tags ON customers USING gin (tags);
CREATE INDEX customers_org_manager ON customers (organization_id, manager_id, created_at DESC, id DESC) WHERE manager_id IS NOT NULL;
CREATE INDEX customers_merged_into ON customers (organization_id, merged_into_id) WHERE merged_into_id IS NOT NULL;
CREATE INDEX customers_org_updated ON customers (organization_id, updated_at, id);
-- Phone by its last digits ("…4567"): a B-tree on the reversed number answers a suffix as a prefix.
-- E-mail local parts keep their case (see domain/email.ts); finding one ignores it.
CREATE INDEX customer_contacts_email_lower ON customer_contacts (organization_id, lower(value)) WHERE kind = 'email';
CREATE INDEX customer_contacts_tail ON customer_contacts (organization_id, kind, reverse(value) text_pattern_ops);

-- A relationship is kept once, from the customer who "has" it: a person has a spouse or a child, a
-- company has a contact person. The other side is another customer, or only a name (a child who is not
-- a customer of ours still has a name and a birthday).
CREATE TABLE customer_relations (
  id                  uuid PRIMARY KEY,
  organization_id     uuid NOT NULL,
  customer_id         uuid NOT NULL,
  kind                text NOT NULL CHECK (kind IN ('spouse', 'partner', 'child', 'parent', 'sibling', 'contact_person', 'other')),
  related_customer_id uuid,
  name                text CHECK (length(name) BETWEEN 1 AND 300),
  birth_date          date,
  role                text CHECK (length(role) <= 200),   -- a contact person's role in the company
  note                text CHECK (length(note) <= 2000),
  created_at          timestamptz NOT NULL,
  UNIQUE (organization_id, id),
  CHECK (related_customer_id IS NOT NULL OR name IS NOT NULL),
  CHECK (related_customer_id IS DISTINCT FROM customer_id),
  FOREIGN KEY (organization_id, customer_id) REFERENCES customers (organization_id, id),
  FOREIGN KEY (organization_id, related_customer_id) REFERENCES customers (organization_id, id)
);
CREATE INDEX customer_relations_customer ON customer_relations (organization_id, customer_id);
CREATE INDEX customer_relations_related ON customer_relations (organization_id, related_customer_id) WHERE related_customer_id IS NOT NULL;

-- Dates worth a greeting besides the birthday: a wedding anniversary, a name day, the day they joined.
-- The year is optional (people tell the day, not always the year).
CREATE TABLE customer_occasions (
  id              uuid PRIMARY KEY,
  organization_id uuid NOT NULL,
  customer_id     uuid NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('anniversary', 'name_day', 'other')),
  label           text CHECK (length(label) <= 200),
  month           smallint NOT NULL CHECK (month BETWEEN 1 AND 12),
  day             smallint NOT NULL CHECK (day BETWEEN 1 AND 31),
  year            smallint CHECK (year BETWEEN 1900 AND 2200),
  created_at      timestamptz NOT NULL,
  UNIQUE (organization_id, id),
  FOREIGN KEY (organization_id, customer_id) REFERENCES customers (organization_id, id)
);
CREATE INDEX customer_occasions_customer ON customer_occasions (organization_id, customer_id);
CREATE INDEX customer_occasions_day ON customer_occasions (organization_id, month, day);

-- Every change of a profile, field by field ({"field": {"from": …, "to": …}}), for the timeline and for
-- "who changed the phone?". Personal values in here are removed when the customer is erased.
CREATE TABLE customer_profile_changes (
  id              uuid PRIMARY KEY,
  organization_id uuid NOT NULL,
  customer_id     uuid NOT NULL,
  action          text NOT NULL CHECK (action IN ('created', 'updated', 'merged', 'merge_undone', 'erased')),
  changes         jsonb NOT NULL DEFAULT '{}',
  staff_id        uuid,
  api_key_id      uuid,
  at              timestamptz NOT NULL,
  UNIQUE (organization_id, id),
  FOREIGN KEY (organization_id, customer_id) REFERENCES customers (organization_id, id)
);
CREATE INDEX customer_profile_changes_customer ON customer_profile_changes (organization_id, customer_id, at DESC, id DESC);
