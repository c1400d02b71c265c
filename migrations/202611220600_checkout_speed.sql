-- Checkout speed (docs/benchmarks.md, "Checkout"): two things every confirmed receipt paid for and nobody used.
--
-- The purchase's organization key: every confirm took a KEY SHARE lock on the organization's row — one
-- row for every till of the business, so concurrent confirms turned its lock into multixacts — to check
-- what is already guaranteed: purchases are written only under the caller's tenant scope, and a purchase
-- with a customer or an outlet is still checked against the organization by the (organization_id,
-- customer_id) and (organization_id, outlet_id) keys. Organizations are never deleted.
ALTER TABLE purchases DROP CONSTRAINT IF EXISTS purchases_organization_id_fkey;

-- Purchase lines by product group: no query reads them that way (lines are read by purchase, through the
-- primary key; analytics reads `purchases`, never `purchase_lines`). One index entry less per receipt line;
-- a product-group report would add the index it needs with its query.
DROP INDEX IF EXISTS purchase_lines_org_group;
