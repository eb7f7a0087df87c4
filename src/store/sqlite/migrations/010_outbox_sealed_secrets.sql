-- Schema version 10: the secrets of a waiting message are sealed (issue #11, item 5). The body
-- keeps a placeholder where each secret goes; `secrets` holds them encrypted under a key kept
-- outside the database (the outbox key file), and is erased with the body.
ALTER TABLE outbox ADD COLUMN secrets BLOB;
-- Bodies queued before this version hold their secrets in the clear: they are sent as they
-- are, and erased as before.
