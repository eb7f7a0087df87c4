-- Schema version 4: only tokens that have an expiry are in the (state, expires_at) index. Most
-- tokens have none, and every insert into the index is work a bulk import pays per token; the
-- lookups that use it (`expires_at <= ?`) only ever want tokens that have one.
DROP INDEX tokens_state_expires;
CREATE INDEX tokens_state_expires ON tokens (state, expires_at) WHERE expires_at IS NOT NULL;
