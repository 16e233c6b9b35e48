SET lock_timeout = '2s';
ALTER TABLE users ALTER COLUMN legacy_name DROP NOT NULL;
ALTER TABLE orders DROP COLUMN status;
