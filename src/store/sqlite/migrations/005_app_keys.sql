-- Schema version 5: consumer application keys for `tokenadm serve` (issue #13). Only the
-- SHA-256 digest of a key is kept, unique so the server finds a key with one index probe. A
-- name is never reused, not even after its key is revoked, so `app-key show NAME` and the audit
-- entries made under a key's name keep meaning one key.
CREATE TABLE IF NOT EXISTS app_keys (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    digest      BLOB NOT NULL UNIQUE CHECK (length(digest) = 32),
    hint        TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    created_by  TEXT NOT NULL,
    revoked_at  INTEGER,
    revoked_by  TEXT
);
