-- Schema version 7: a bulk issuance (`token import`, `token new --count`) is one audit entry
-- for its whole batch, naming the ids of the tokens it created (`"token_ids": {"first", "last"}`
-- in its detail, which the chain's hash covers), instead of one entry per token. The two columns
-- hold the same range, derived from the detail when the entry is written (`audit verify` checks
-- that they still agree), so that `audit --token NUMBER` finds the batch that created a token
-- with one seek of this index: batches never overlap, so the first batch ending at or after the
-- token's id is the only one that can hold it. Entries written before stay as they are, with
-- these columns empty: their tokens keep one `token.create` entry each.
ALTER TABLE audit ADD COLUMN first_token_id INTEGER;
ALTER TABLE audit ADD COLUMN last_token_id INTEGER;
CREATE INDEX audit_token_ids ON audit (last_token_id, first_token_id)
    WHERE last_token_id IS NOT NULL;
