-- Schema version 9 (as SQLite's): a message whose code was superseded, or whose token left
-- pending_verification or was deleted, is `cancelled` (issue #11), not `failed`. PostgreSQL
-- changes the CHECK constraint in place (SQLite rebuilds the table).
ALTER TABLE outbox DROP CONSTRAINT outbox_status_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_status_check
    CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'cancelled'));
