-- UNSAFE: dropping a column destroys its data; the down can bring the column
-- back but not what was in it. Needs an explicit irreversible annotation.
ALTER TABLE users DROP COLUMN legacy_name;
