-- SAFE: VALIDATE CONSTRAINT scans under SHARE UPDATE EXCLUSIVE: reads and writes go on.
-- Then SET NOT NULL uses the validated CHECK and skips the scan (PostgreSQL 12+).
SET lock_timeout = '2s';
ALTER TABLE orders VALIDATE CONSTRAINT orders_currency_not_null;
ALTER TABLE orders ALTER COLUMN currency SET NOT NULL;
ALTER TABLE orders DROP CONSTRAINT orders_currency_not_null;
