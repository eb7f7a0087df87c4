-- Schema version 1 on PostgreSQL: the same tables, columns and indexes as SQLite's version 1
-- (src/store/sqlite/migrations/001_initial.sql), in PostgreSQL's types. Timestamps are UTC
-- Unix seconds (BIGINT), digests BYTEA, flags BOOLEAN. Every text column is COLLATE "C", so
-- that ORDER BY and keyset pagination (`number > $1`) compare bytes as SQLite's BINARY does,
-- whatever collation the database was created with.

CREATE TABLE schema_version (
    version BIGINT NOT NULL
);
INSERT INTO schema_version (version) VALUES (0);

CREATE TABLE meta (
    key   TEXT COLLATE "C" PRIMARY KEY,
    value BYTEA NOT NULL
);

-- Monotonic counters that are never decremented: token numbers are never reused, not after a
-- delete, because the counter, not MAX(id), hands them out.
CREATE TABLE counters (
    name  TEXT COLLATE "C" PRIMARY KEY,
    value BIGINT NOT NULL
);
INSERT INTO counters (name, value) VALUES ('token_number', 0);

CREATE TABLE definitions (
    name       TEXT COLLATE "C" NOT NULL,
    version    BIGINT NOT NULL,
    toml       TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    created_by TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (name, version)
);

CREATE TABLE accounts (
    id         TEXT COLLATE "C" PRIMARY KEY,
    name       TEXT COLLATE "C" NOT NULL,
    email      TEXT COLLATE "C",
    phone      TEXT COLLATE "C",
    created_at BIGINT NOT NULL,
    created_by TEXT COLLATE "C" NOT NULL,
    updated_at BIGINT NOT NULL,
    updated_by TEXT COLLATE "C" NOT NULL
);

CREATE TABLE participants (
    id         TEXT COLLATE "C" PRIMARY KEY,
    account_id TEXT COLLATE "C" NOT NULL REFERENCES accounts (id),
    name       TEXT COLLATE "C",
    email      TEXT COLLATE "C",
    phone      TEXT COLLATE "C",
    created_at BIGINT NOT NULL,
    created_by TEXT COLLATE "C" NOT NULL,
    updated_at BIGINT NOT NULL,
    updated_by TEXT COLLATE "C" NOT NULL
);
CREATE INDEX participants_account ON participants (account_id);

-- Token ids come from the token_number counter (as on SQLite), so they are plain BIGINTs.
CREATE TABLE tokens (
    id                      BIGINT PRIMARY KEY,
    number                  TEXT COLLATE "C" NOT NULL UNIQUE,
    name                    TEXT COLLATE "C",
    identifier              TEXT COLLATE "C",
    identifier_key          TEXT COLLATE "C",
    classification          TEXT COLLATE "C",
    state                   TEXT COLLATE "C" NOT NULL
        CHECK (state IN ('effective', 'not_effective', 'pending_verification')),
    pass_hash               TEXT COLLATE "C",
    auth_digest             BYTEA NOT NULL,
    auth_hint               TEXT COLLATE "C" NOT NULL,
    -- A rotated-out code that still works until prev_auth_until (the rotation grace period).
    prev_auth_digest        BYTEA,
    prev_auth_until         BIGINT,
    account_id              TEXT COLLATE "C" REFERENCES accounts (id),
    participant_id          TEXT COLLATE "C" REFERENCES participants (id),
    -- Orphan detection: a token that was linked once and has no link left.
    ever_linked             BOOLEAN NOT NULL DEFAULT false,
    unlinked_at             BIGINT,
    expires_at              BIGINT,
    verified_at             BIGINT,
    last_used_at            BIGINT,
    verification_digest     BYTEA,
    verification_expires_at BIGINT,
    verification_attempts   BIGINT NOT NULL DEFAULT 0,
    failed_auth_count       BIGINT NOT NULL DEFAULT 0,
    failed_auth_since       BIGINT,
    locked_until            BIGINT,
    definition              TEXT COLLATE "C" NOT NULL,
    definition_version      BIGINT NOT NULL,
    created_at              BIGINT NOT NULL,
    created_by              TEXT COLLATE "C" NOT NULL,
    updated_at              BIGINT NOT NULL,
    updated_by              TEXT COLLATE "C" NOT NULL,
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
    WHERE ever_linked AND account_id IS NULL AND participant_id IS NULL;
CREATE INDEX tokens_verification_due ON tokens (state, verification_expires_at)
    WHERE state = 'pending_verification';

-- Audit ids are the chain's (the hash covers them), written explicitly; the identity column
-- is BY DEFAULT so that they can be.
CREATE TABLE audit (
    id        BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    at        BIGINT NOT NULL,
    actor     TEXT COLLATE "C" NOT NULL,
    action    TEXT COLLATE "C" NOT NULL,
    token     TEXT COLLATE "C",
    subject   TEXT COLLATE "C",
    detail    TEXT NOT NULL,
    prev_hash TEXT COLLATE "C" NOT NULL,
    hash      TEXT COLLATE "C" NOT NULL
);
CREATE INDEX audit_token ON audit (token, id) WHERE token IS NOT NULL;
CREATE INDEX audit_action ON audit (action, id);
CREATE INDEX audit_at ON audit (at);

CREATE TABLE outbox (
    id              BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    token           TEXT COLLATE "C",
    event           TEXT COLLATE "C" NOT NULL,
    media           TEXT COLLATE "C" NOT NULL CHECK (media IN ('email', 'sms')),
    recipient       TEXT COLLATE "C" NOT NULL,
    subject         TEXT NOT NULL,
    -- Erased (NULL) once sent, so no secret stays at rest (but see README, "PostgreSQL":
    -- the old row version stays in the table file and the WAL until VACUUM and checkpoints).
    body            TEXT,
    status          TEXT COLLATE "C" NOT NULL
        CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
    attempts        BIGINT NOT NULL DEFAULT 0,
    last_error      TEXT,
    next_attempt_at BIGINT NOT NULL,
    claimed_by      TEXT COLLATE "C",
    claimed_until   BIGINT,
    created_at      BIGINT NOT NULL,
    sent_at         BIGINT
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_token ON outbox (token) WHERE token IS NOT NULL;
