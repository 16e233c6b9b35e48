-- UNSAFE: NOT NULL without a default fails as soon as orders has a row,
-- and SET NOT NULL scans the whole table under ACCESS EXCLUSIVE.
ALTER TABLE orders ADD COLUMN status text NOT NULL;
ALTER TABLE users ALTER COLUMN legacy_name SET NOT NULL;
