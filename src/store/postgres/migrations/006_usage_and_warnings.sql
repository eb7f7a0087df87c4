-- Schema version 6 (as SQLite's, issue #15): daily usage counts and expiry warnings, as columns
-- of the token's own row. Adding a column with a constant default rewrites nothing.

-- The UTC day (Unix seconds / 86400) of the last successful auth, and how many there were on
-- that day.
ALTER TABLE tokens ADD COLUMN uses_day BIGINT;
ALTER TABLE tokens ADD COLUMN uses_today BIGINT NOT NULL DEFAULT 0;

-- The expires_at the last expiry warning was queued for.
ALTER TABLE tokens ADD COLUMN warned_expires_at BIGINT;
