-- SAFE: the recipe done right. A short lock_timeout so the ALTER gives up instead of
-- queueing every query behind it; a constant default is instant since PostgreSQL 11;
-- the CHECK is added NOT VALID (no scan) and validated in the next migration.
-- One ALTER TABLE statement: the brief ACCESS EXCLUSIVE lock is taken once.
SET lock_timeout = '2s';
ALTER TABLE orders
    ADD COLUMN currency text DEFAULT 'EUR',
    ADD CONSTRAINT orders_currency_not_null CHECK (currency IS NOT NULL) NOT VALID;
