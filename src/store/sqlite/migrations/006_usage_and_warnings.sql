-- Schema version 6 (issue #15): daily usage counts and expiry warnings, as columns of the
-- token's own row, so that `auth` counts a use in the one UPDATE that records its success and
-- `token expire` marks a warning in the statement that finds it due. Adding a column with a
-- constant default rewrites nothing, however many tokens there are.

-- The UTC day (Unix seconds / 86400) of the last successful auth, and how many there were on
-- that day; a count of an earlier day is no use today.
ALTER TABLE tokens ADD COLUMN uses_day INTEGER;
ALTER TABLE tokens ADD COLUMN uses_today INTEGER NOT NULL DEFAULT 0;

-- The expires_at the last expiry warning was queued for: a token is warned once per expiry,
-- and again only when its expires_at changes.
ALTER TABLE tokens ADD COLUMN warned_expires_at INTEGER;
