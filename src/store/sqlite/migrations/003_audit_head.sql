-- Schema version 3: the audit log's head (the id and hash of its last entry), which every
-- transaction that appends to the log records in meta, so that `audit verify` notices entries
-- removed from the end of the log, where the hash chain alone has nothing after them to break.
INSERT OR REPLACE INTO meta (key, value)
SELECT 'audit_head', CAST(id || ':' || hash AS BLOB) FROM audit ORDER BY id DESC LIMIT 1;
