-- Schema version 8: identifiers are unique by their Unicode TS #39 confusable skeleton (issue
-- #11), so `alice@example.com`, `аlice@example.com` (Cyrillic а) and fullwidth `ａｌｉｃｅ` can no
-- longer all be live. SQL cannot compute a skeleton: this drops the unique index, the migration
-- code (migrations.rs, `rekey_identifiers`) writes every token's new key, gives a token whose
-- key clashes with an older live token's its exact key instead (and reports the clash), and
-- creates the index again.
DROP INDEX tokens_identifier_live;
