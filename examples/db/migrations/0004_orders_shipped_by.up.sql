-- UNSAFE: the foreign key is validated at once, holding locks on orders and users
-- while every existing row is checked. No down migration was written either.
ALTER TABLE orders ADD COLUMN shipped_by bigint;
ALTER TABLE orders ADD CONSTRAINT orders_shipped_by_fkey FOREIGN KEY (shipped_by) REFERENCES users (id);
