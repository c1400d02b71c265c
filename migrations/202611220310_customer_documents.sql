-- Identity documents, encrypted at rest (AES-256-GCM). Only the document type, the last four characters
-- of the number (what a cashier is shown: "•••• 4567") and keyed hashes (HMAC-SHA256) of the number and of
-- series + number are stored in the clear; the hashes let a number typed at the desk find its owner
-- without decrypting anything. The key lives outside the database (CUSTOMER_DOCUMENTS_KEY or a key file
-- in DATA_DIR); `key_id` names the key a row was written with.
CREATE TABLE customer_documents (
  id              uuid PRIMARY KEY,
  organization_id uuid NOT NULL,
  customer_id     uuid NOT NULL,
  type            text NOT NULL CHECK (type IN ('passport', 'foreign_passport', 'national_id', 'residence_permit', 'driving_licence', 'visa', 'birth_certificate', 'other')),
  number_tail     text NOT NULL CHECK (length(number_tail) BETWEEN 1 AND 4),
  number_hmac     bytea NOT NULL,
  full_hmac       bytea NOT NULL,
  key_id          text NOT NULL,
  payload         bytea NOT NULL,    -- 12-byte nonce ‖ ciphertext ‖ 16-byte tag of the JSON fields
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL,
  UNIQUE (organization_id, id),
  FOREIGN KEY (organization_id, customer_id) REFERENCES customers (organization_id, id)
);
CREATE INDEX customer_documents_customer ON customer_documents (organization_id, customer_id);
CREATE INDEX customer_documents_number ON customer_documents (organization_id, number_hmac);
CREATE INDEX customer_documents_full ON customer_documents (organization_id, full_hmac);

-- Which key the documents of this database were encrypted with (its id, never the key): a node started
-- with a different key refuses to start instead of writing rows nobody can read together.
CREATE TABLE customer_documents_key (
  singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  key_id     text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
