-- Schema version 2: `token list --state S` pages in number order; without this index SQLite
-- sorts every token in the state to show the first page (1M effective tokens: a full sort).
CREATE INDEX tokens_state_number ON tokens (state, number);
