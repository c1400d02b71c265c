-- Custom fields the owner defines, grouped into questionnaires (the card application form, a travel
-- agency's visa form per destination). A field is a fact about the customer: when two questionnaires
-- share a field they share its value.
CREATE TABLE customer_fields (
  id              uuid PRIMARY KEY,
  organization_id uuid NOT NULL REFERENCES organizations(id),
  key             text NOT NULL CHECK (key ~ '^[a-z][a-z0-9_]{0,62}$'),
  label           text NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
  type            text NOT NULL CHECK (type IN ('text', 'number', 'date', 'choice', 'multi_choice')),
  options         jsonb NOT NULL DEFAULT '[]',   -- the choices of choice / multi_choice
  archived        boolean NOT NULL DEFAULT false,
  created_at      timestamptz NOT NULL,
  UNIQUE (organization_id, id),
  UNIQUE (organization_id, key)
);

CREATE TABLE customer_questionnaires (
  id              uuid PRIMARY KEY,
  organization_id uuid NOT NULL REFERENCES organizations(id),
  name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  description     text CHECK (length(description) <= 2000),
  archived        boolean NOT NULL DEFAULT false,
  created_at      timestamptz NOT NULL,
  UNIQUE (organization_id, id),
  UNIQUE (organization_id, name)
);

CREATE TABLE customer_questionnaire_fields (
  organization_id  uuid NOT NULL,
  questionnaire_id uuid NOT NULL,
  field_id         uuid NOT NULL,
  position         integer NOT NULL,
  required         boolean NOT NULL DEFAULT false,
  PRIMARY KEY (questionnaire_id, field_id),
  FOREIGN KEY (organization_id, questionnaire_id) REFERENCES customer_questionnaires (organization_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organization_id, field_id) REFERENCES customer_fields (organization_id, id)
);

CREATE TABLE customer_field_values (
  id              uuid PRIMARY KEY,
  organization_id uuid NOT NULL,
  customer_id     uuid NOT NULL,
  field_id        uuid NOT NULL,
  value           jsonb NOT NULL,
  updated_at      timestamptz NOT NULL,
  updated_by      uuid,
  UNIQUE (organization_id, id),
  UNIQUE (organization_id, customer_id, field_id),
  FOREIGN KEY (organization_id, customer_id) REFERENCES customers (organization_id, id),
  FOREIGN KEY (organization_id, field_id) REFERENCES customer_fields (organization_id, id)
);
