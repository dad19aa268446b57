-- A product's per-customer purchase limit as the catalog shows it; NULL is no limit. The inventory processor
-- enforces it from its own state (ProductStocked.maxPerCustomer, PurchaseLimitSet), never from this column.
ALTER TABLE products ADD COLUMN max_per_customer INTEGER CHECK (max_per_customer >= 1);
