-- The customer base, core: people and companies, their contacts, and the organization's country
-- (the default for reading local phone numbers such as "8 (916) 123-45-67").
ALTER TABLE organizations ADD COLUMN country char(2) CHECK (country ~ '^[A-Z]{2}$');

CREATE TABLE customers (
  id                 uuid PRIMARY KEY,
  organization_id    uuid NOT NULL REFERENCES organizations(id),
  kind               text NOT NULL DEFAULT 'person' CHECK (kind IN ('person', 'company')),
  -- names as the customer writes them (any script) and as in the passport (Latin, ICAO 9303)
  family_name        text,
  given_names        text,
  patronymic         text,
  family_name_latin  text,
  given_names_latin  text,
  company_name       text,
  display_name       text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 300),
  gender             text CHECK (gender IN ('female', 'male', 'other')),
  birth_date         date,
  preferred_language text,
  preferred_channel  text CHECK (preferred_channel IN ('email', 'sms', 'messenger', 'phone', 'post')),
  manager_id         uuid,
  source             text,
  notes              text,
  tags               text[] NOT NULL DEFAULT '{}',
  external_id        text,
  -- every name form folded to lowercase Latin and native script, space-separated, for trigram search
  search_keys        text NOT NULL DEFAULT '',
  erased_at          timestamptz,
  merged_into_id     uuid,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  UNIQUE (organization_id, id),
  UNIQUE (organization_id, external_id),
  FOREIGN KEY (organization_id, manager_id) REFERENCES staff (organization_id, id),
  FOREIGN KEY (organization_id, merged_into_id) REFERENCES customers (organization_id, id)
);
CREATE INDEX customers_search_keys ON customers USING gin (search_keys gin_trgm_ops);
CREATE INDEX customers_org_family ON customers (organization_id, lower(family_name));
CREATE INDEX customers_org_birth ON customers (organization_id, birth_date);
CREATE INDEX customers_org_created ON customers (organization_id, created_at DESC, id DESC);

CREATE TABLE customer_contacts (
  id              uuid PRIMARY KEY,
  organization_id uuid NOT NULL,
  customer_id     uuid NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('phone', 'email', 'messenger', 'address')),
  -- normalized: E.164 for phones, lowercase for e-mail; `raw` keeps what was typed
  value           text NOT NULL CHECK (length(value) BETWEEN 1 AND 500),
  raw             text,
  label           text,
  is_primary      boolean NOT NULL DEFAULT false,
  created_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (organization_id, id),
  UNIQUE (organization_id, customer_id, kind, value),
  FOREIGN KEY (organization_id, customer_id) REFERENCES customers (organization_id, id) ON DELETE CASCADE
);
CREATE INDEX customer_contacts_lookup ON customer_contacts (organization_id, kind, value);
CREATE INDEX customer_contacts_customer ON customer_contacts (customer_id);
