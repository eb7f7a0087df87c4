-- Schema version 7 (as SQLite's, issue #16): a bulk issuance is one audit entry for its whole
-- batch; these two columns hold the range of token ids its detail names, so that
-- `audit --token NUMBER` finds the batch that created a token with one seek of this index.
ALTER TABLE audit ADD COLUMN first_token_id BIGINT;
ALTER TABLE audit ADD COLUMN last_token_id BIGINT;
CREATE INDEX audit_token_ids ON audit (last_token_id, first_token_id)
    WHERE last_token_id IS NOT NULL;
