-- Version 11 changes PostgreSQL only: there, a token's definition version is checked once per
-- statement by a trigger instead of once per row by a foreign key, because the per-row check
-- was most of a bulk import's cost (postgres/migrations/011_definition_check_per_statement.sql).
-- SQLite's foreign key check is an index lookup inside the process and stays. The version
-- exists on both engines so that version N means the same schema on both.
SELECT 1;
