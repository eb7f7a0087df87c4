-- Schema version 10 (as SQLite's): the secrets of a waiting message are sealed (issue #11,
-- item 5); `secrets` holds them encrypted under a key kept outside the database, and is erased
-- with the body. IF NOT EXISTS: SQLite's 9 rebuilds the outbox without the column, so running
-- 9 and 10 again leaves the same table on both engines.
ALTER TABLE outbox ADD COLUMN IF NOT EXISTS secrets BYTEA;
