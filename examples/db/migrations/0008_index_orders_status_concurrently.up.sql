-- SAFE: built CONCURRENTLY, alone in its file (golang-migrate sends a file as one
-- query; a single statement runs outside a transaction block, as CONCURRENTLY needs).
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_status_idx ON orders (status);
