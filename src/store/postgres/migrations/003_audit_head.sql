-- Schema version 3 (as SQLite's): the audit log's head (the id and hash of its last entry),
-- which every transaction that appends to the log records in meta, so that `audit verify`
-- notices entries removed from the end of the log.
INSERT INTO meta (key, value)
SELECT 'audit_head', convert_to(id || ':' || hash, 'UTF8') FROM audit ORDER BY id DESC LIMIT 1
ON CONFLICT (key) DO UPDATE SET value = excluded.value;
