SET lock_timeout = '2s';
ALTER TABLE orders
    DROP CONSTRAINT IF EXISTS orders_currency_not_null,
    DROP COLUMN IF EXISTS currency;
