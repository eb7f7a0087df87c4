-- Schema version 9: a message whose code was superseded, or whose token left
-- pending_verification or was deleted, is `cancelled` (issue #11), not `failed`. SQLite cannot
-- change a CHECK constraint in place: the table is built again with the same rows.
CREATE TABLE outbox_new (
    id              INTEGER PRIMARY KEY,
    token           TEXT,
    event           TEXT NOT NULL,
    media           TEXT NOT NULL CHECK (media IN ('email', 'sms')),
    recipient       TEXT NOT NULL,
    subject         TEXT NOT NULL,
    -- Erased (NULL) once sent or cancelled, so no secret stays at rest.
    body            TEXT,
    status          TEXT NOT NULL
        CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'cancelled')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT,
    next_attempt_at INTEGER NOT NULL,
    claimed_by      TEXT,
    claimed_until   INTEGER,
    created_at      INTEGER NOT NULL,
    sent_at         INTEGER
);
INSERT INTO outbox_new SELECT id, token, event, media, recipient, subject, body, status, attempts,
    last_error, next_attempt_at, claimed_by, claimed_until, created_at, sent_at FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_token ON outbox (token) WHERE token IS NOT NULL;
