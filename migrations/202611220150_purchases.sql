-- Purchases: every sale we know of, from the checkout (confirmed receipts) or imported from a business's
-- old system. Owned by the loyalty module; the customer-base import writes imported history through
-- loyalty's service, and analytics reads it through loyalty's public query functions.
-- Amounts are integer minor units of the organization's currency.
CREATE TABLE purchases (
  id               uuid PRIMARY KEY,
  organization_id  uuid NOT NULL REFERENCES organizations(id),
  customer_id      uuid,                         -- null: an anonymous sale
  outlet_id        uuid,
  source           text NOT NULL CHECK (source IN ('checkout', 'import')),
  external_id      text NOT NULL,                -- the till's receipt id, or the old system's reference
  occurred_at      timestamptz NOT NULL,         -- when the sale happened (offline tills send it late)
  currency         char(3) NOT NULL,
  subtotal         bigint NOT NULL CHECK (subtotal >= 0),          -- before any discount
  discount         bigint NOT NULL DEFAULT 0 CHECK (discount >= 0), -- loyalty + promotion discounts
  points_spent     bigint NOT NULL DEFAULT 0 CHECK (points_spent >= 0),
  points_money     bigint NOT NULL DEFAULT 0 CHECK (points_money >= 0), -- money value of the points spent
  paid             bigint NOT NULL CHECK (paid >= 0),              -- money the customer paid
  cost             bigint CHECK (cost >= 0),                       -- cost of goods, when known
  points_earned    bigint NOT NULL DEFAULT 0 CHECK (points_earned >= 0),
  refunded_paid    bigint NOT NULL DEFAULT 0 CHECK (refunded_paid >= 0), -- money returned by refunds so far
  status           text NOT NULL DEFAULT 'confirmed' CHECK (status IN ('confirmed', 'partially_refunded', 'refunded', 'cancelled')),
  created_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (organization_id, id),
  UNIQUE (organization_id, source, external_id),
  FOREIGN KEY (organization_id, customer_id) REFERENCES customers (organization_id, id),
  FOREIGN KEY (organization_id, outlet_id) REFERENCES outlets (organization_id, id)
);
CREATE INDEX purchases_customer_time ON purchases (organization_id, customer_id, occurred_at);
CREATE INDEX purchases_org_time ON purchases (organization_id, occurred_at);

CREATE TABLE purchase_lines (
  purchase_id      uuid NOT NULL REFERENCES purchases(id) ON DELETE CASCADE,
  line_no          integer NOT NULL CHECK (line_no >= 0),
  organization_id  uuid NOT NULL,
  sku              text NOT NULL,
  product_group    text,
  quantity_milli   bigint NOT NULL CHECK (quantity_milli > 0),   -- 1 piece = 1000
  unit_price       bigint NOT NULL CHECK (unit_price >= 0),
  unit_cost        bigint CHECK (unit_cost >= 0),
  amount           bigint NOT NULL CHECK (amount >= 0),           -- unit_price × quantity, before discounts
  discount         bigint NOT NULL DEFAULT 0 CHECK (discount >= 0),
  paid             bigint NOT NULL CHECK (paid >= 0),
  refunded_quantity_milli bigint NOT NULL DEFAULT 0 CHECK (refunded_quantity_milli >= 0),
  PRIMARY KEY (purchase_id, line_no)
);
CREATE INDEX purchase_lines_org_group ON purchase_lines (organization_id, product_group);
