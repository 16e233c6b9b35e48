SET lock_timeout = '2s';
DROP TABLE orders;
DROP TABLE users;
