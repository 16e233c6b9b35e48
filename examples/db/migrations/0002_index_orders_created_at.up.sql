-- Dashboards sort recent orders by date.
-- UNSAFE: a plain CREATE INDEX holds a SHARE lock on orders for the whole build,
-- so every checkout (INSERT INTO orders) waits until it finishes.
CREATE INDEX orders_created_at_idx ON orders (created_at);
