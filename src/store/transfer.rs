//! `db copy` (issue #14): a whole database from one store to another of either engine, as
//! rows of plain cells. Both engines have the same tables and columns at the same schema
//! version, so a table is named once here with every column, in an order that keeps the
//! foreign keys satisfied while the rows go in; each engine reads and writes them in its own
//! types (PostgreSQL's booleans are SQLite's 0 and 1, its BYTEA SQLite's BLOB).
//!
//! Nothing is left behind: definitions and their versions, tokens with every column (hashes,
//! digests, counters, lockouts), accounts, participants, the outbox (bodies still pending stay
//! encrypted, as they are), the audit log with its chain and its recorded head, the counters
//! and the meta keys (the session key among them, so sessions stay valid).

use crate::error::Result;

/// One value of a copied row.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Null,
    Int(i64),
    Bool(bool),
    Text(String),
    Blob(Vec<u8>),
}

/// A table and its columns, as both engines name them.
#[derive(Debug)]
pub struct Table {
    pub name: &'static str,
    pub columns: &'static [&'static str],
}

/// Every table, parents before children.
pub const TABLES: &[Table] = &[
    Table {
        name: "meta",
        columns: &["key", "value"],
    },
    Table {
        name: "counters",
        columns: &["name", "value"],
    },
    Table {
        name: "definitions",
        columns: &["name", "version", "toml", "created_at", "created_by"],
    },
    Table {
        name: "accounts",
        columns: &[
            "id",
            "name",
            "email",
            "phone",
            "created_at",
            "created_by",
            "updated_at",
            "updated_by",
        ],
    },
    Table {
        name: "participants",
        columns: &[
            "id",
            "account_id",
            "name",
            "email",
            "phone",
            "created_at",
            "created_by",
            "updated_at",
            "updated_by",
        ],
    },
    Table {
        name: "tokens",
        columns: &[
            "id",
            "number",
            "name",
            "identifier",
            "identifier_key",
            "classification",
            "state",
            "pass_hash",
            "auth_digest",
            "auth_hint",
            "prev_auth_digest",
            "prev_auth_until",
            "account_id",
            "participant_id",
            "ever_linked",
            "unlinked_at",
            "expires_at",
            "verified_at",
            "last_used_at",
            "verification_digest",
            "verification_expires_at",
            "verification_attempts",
            "failed_auth_count",
            "failed_auth_since",
            "locked_until",
            "definition",
            "definition_version",
            "created_at",
            "created_by",
            "updated_at",
            "updated_by",
            "uses_day",
            "uses_today",
            "warned_expires_at",
        ],
    },
    Table {
        name: "audit",
        columns: &[
            "id",
            "at",
            "actor",
            "action",
            "token",
            "subject",
            "detail",
            "prev_hash",
            "hash",
            "first_token_id",
            "last_token_id",
        ],
    },
    Table {
        name: "app_keys",
        columns: &[
            "id",
            "name",
            "digest",
            "hint",
            "created_at",
            "created_by",
            "revoked_at",
            "revoked_by",
        ],
    },
    Table {
        name: "outbox",
        columns: &[
            "id",
            "token",
            "event",
            "media",
            "recipient",
            "subject",
            "body",
            "status",
            "attempts",
            "last_error",
            "next_attempt_at",
            "claimed_by",
            "claimed_until",
            "created_at",
            "sent_at",
            "secrets",
        ],
    },
];

/// Rows handed over at a time: memory stays flat whatever the size of the database.
pub const BATCH: usize = 5_000;

/// Receives the rows of one table, a batch at a time, tables in [`TABLES`]' order.
pub type Sink<'a> = &'a mut dyn FnMut(&Table, Vec<Vec<Cell>>) -> Result<()>;

/// Hands every row of the source to a sink: what the target's import runs.
pub type Source<'a> = &'a mut dyn FnMut(Sink) -> Result<()>;

/// How many rows of each table were copied.
pub type Copied = Vec<(&'static str, u64)>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_once_and_parents_first() {
        let names: Vec<&str> = TABLES.iter().map(|t| t.name).collect();
        let pos = |n: &str| names.iter().position(|x| *x == n).unwrap();
        assert!(pos("accounts") < pos("participants"));
        assert!(pos("participants") < pos("tokens"));
        assert!(pos("definitions") < pos("tokens"));
        let mut sorted = names.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), names.len());
    }
}
