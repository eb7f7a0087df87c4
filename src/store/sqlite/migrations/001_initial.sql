-- Schema version 1: the whole data model of tokenadm.
-- Timestamps are UTC Unix seconds (INTEGER): they compare and index cheaply; RFC 3339 is an
-- output concern. Secrets never appear here in the clear: pass codes are argon2id PHC strings,
-- authentication and verification codes are digests.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value BLOB NOT NULL
) WITHOUT ROWID;

-- Monotonic counters that are never decremented: token numbers are never reused, not after a
-- delete, because the counter, not MAX(id), hands them out.
CREATE TABLE counters (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO counters (name, value) VALUES ('token_number', 0);

CREATE TABLE definitions (
    name       TEXT NOT NULL,
    version    INTEGER NOT NULL,
    toml       TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    created_by TEXT NOT NULL,
    PRIMARY KEY (name, version)
) WITHOUT ROWID;

CREATE TABLE accounts (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    email      TEXT,
    phone      TEXT,
    created_at INTEGER NOT NULL,
    created_by TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    updated_by TEXT NOT NULL
);

CREATE TABLE participants (
    id         TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id),
    name       TEXT,
    email      TEXT,
    phone      TEXT,
    created_at INTEGER NOT NULL,
    created_by TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    updated_by TEXT NOT NULL
);
CREATE INDEX participants_account ON participants (account_id);

CREATE TABLE tokens (
    id                      INTEGER PRIMARY KEY,
    number                  TEXT NOT NULL UNIQUE,
    name                    TEXT,
    identifier              TEXT,
    identifier_key          TEXT,
    classification          TEXT,
    state                   TEXT NOT NULL
        CHECK (state IN ('effective', 'not_effective', 'pending_verification')),
    pass_hash               TEXT,
    auth_digest             BLOB NOT NULL,
    auth_hint               TEXT NOT NULL,
    -- A rotated-out code that still works until prev_auth_until (the rotation grace period).
    prev_auth_digest        BLOB,
    prev_auth_until         INTEGER,
    account_id              TEXT REFERENCES accounts (id),
    participant_id          TEXT REFERENCES participants (id),
    -- Orphan detection: a token that was linked once and has no link left.
    ever_linked             INTEGER NOT NULL DEFAULT 0,
    unlinked_at             INTEGER,
    expires_at              INTEGER,
    verified_at             INTEGER,
    last_used_at            INTEGER,
    verification_digest     BLOB,
    verification_expires_at INTEGER,
    verification_attempts   INTEGER NOT NULL DEFAULT 0,
    failed_auth_count       INTEGER NOT NULL DEFAULT 0,
    failed_auth_since       INTEGER,
    locked_until            INTEGER,
    definition              TEXT NOT NULL,
    definition_version      INTEGER NOT NULL,
    created_at              INTEGER NOT NULL,
    created_by              TEXT NOT NULL,
    updated_at              INTEGER NOT NULL,
    updated_by              TEXT NOT NULL,
    FOREIGN KEY (definition, definition_version) REFERENCES definitions (name, version)
);
-- Identifiers are unique, case-insensitively, among tokens that are not not_effective.
CREATE UNIQUE INDEX tokens_identifier_live ON tokens (identifier_key)
    WHERE identifier_key IS NOT NULL AND state <> 'not_effective';
CREATE INDEX tokens_identifier ON tokens (identifier_key) WHERE identifier_key IS NOT NULL;
CREATE UNIQUE INDEX tokens_auth_digest ON tokens (auth_digest);
CREATE INDEX tokens_prev_auth_digest ON tokens (prev_auth_digest) WHERE prev_auth_digest IS NOT NULL;
CREATE INDEX tokens_account ON tokens (account_id) WHERE account_id IS NOT NULL;
CREATE INDEX tokens_participant ON tokens (participant_id) WHERE participant_id IS NOT NULL;
CREATE INDEX tokens_state_expires ON tokens (state, expires_at);
CREATE INDEX tokens_orphans ON tokens (state, unlinked_at)
    WHERE ever_linked = 1 AND account_id IS NULL AND participant_id IS NULL;
CREATE INDEX tokens_verification_due ON tokens (state, verification_expires_at)
    WHERE state = 'pending_verification';

CREATE TABLE audit (
    id        INTEGER PRIMARY KEY,
    at        INTEGER NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    token     TEXT,
    subject   TEXT,
    detail    TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);
CREATE INDEX audit_token ON audit (token, id) WHERE token IS NOT NULL;
CREATE INDEX audit_action ON audit (action, id);
CREATE INDEX audit_at ON audit (at);

CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    token           TEXT,
    event           TEXT NOT NULL,
    media           TEXT NOT NULL CHECK (media IN ('email', 'sms')),
    recipient       TEXT NOT NULL,
    subject         TEXT NOT NULL,
    -- Erased (NULL) once sent, so no secret stays at rest.
    body            TEXT,
    status          TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT,
    next_attempt_at INTEGER NOT NULL,
    claimed_by      TEXT,
    claimed_until   INTEGER,
    created_at      INTEGER NOT NULL,
    sent_at         INTEGER
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_token ON outbox (token) WHERE token IS NOT NULL;
