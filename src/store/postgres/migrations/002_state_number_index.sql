-- Schema version 2 (as SQLite's): `token list --state S` pages in number order.
CREATE INDEX tokens_state_number ON tokens (state, number);
