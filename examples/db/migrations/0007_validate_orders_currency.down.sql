SET lock_timeout = '2s';
ALTER TABLE orders ALTER COLUMN currency DROP NOT NULL;
