-- Customer contacts: two index entries per phone and e-mail that no query needed (docs/benchmarks.md,
-- "Customer import": storing contacts is the largest part of an import).
--
-- By customer: every read of a customer's contacts is under its organization (`scoped()`, merges, the
-- privacy erasure, the cascade from customers through the (organization_id, customer_id) key), and the
-- unique key (organization_id, customer_id, kind, value) answers those with the same prefix.
DROP INDEX IF EXISTS customer_contacts_customer;

-- (organization_id, id): a tenant-pair key no foreign key references (nothing points at a contact); the
-- primary key already makes the id unique. A table that comes to reference contacts adds it back.
ALTER TABLE customer_contacts DROP CONSTRAINT IF EXISTS customer_contacts_organization_id_id_key;
