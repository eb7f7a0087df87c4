-- Schema version 4 (as SQLite's): only tokens that have an expiry are in the (state,
-- expires_at) index; the lookups that use it only ever want tokens that have one.
DROP INDEX tokens_state_expires;
CREATE INDEX tokens_state_expires ON tokens (state, expires_at) WHERE expires_at IS NOT NULL;
