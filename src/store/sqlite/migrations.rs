//! Schema versions, kept in `PRAGMA user_version`.
//!
//! History:
//! - 1: meta, counters, definitions, accounts, participants, tokens, audit, outbox.
//! - 2: an index on tokens (state, number), for `token list --state` in number order.
//! - 3: the audit log's head (`id:hash` of its last entry) in meta, recorded by every
//!   transaction that appends, so `audit verify` notices entries cut from the end.
//! - 4: the (state, expires_at) index becomes partial (`expires_at IS NOT NULL`): most tokens
//!   have no expiry, and a bulk import no longer pays an index insert for each of them.
//! - 5, 6: reserved (added by other branches).
//! - 7: audit entries that record a bulk issuance name the ids of its tokens (first, last) in
//!   two columns, indexed, so that `audit --token NUMBER` finds the one entry of the batch that
//!   created a token; a batch no longer writes one entry per token. Derived from the entry's
//!   detail, which the hash covers: the chain is unchanged.
//!
//! Migrations are append-only: a fresh database runs the same chain as an old one. They run in
//! one immediate transaction, so two first invocations racing on a new file cannot both migrate.
//! A database written by a newer tokenadm is refused (exit 5) rather than misread.

use super::tx::{db, SqliteTx};
use crate::domain::definition::DEFAULT_TOML;
use crate::domain::token::AuditEvent;
use crate::error::{Error, Result};
use crate::store::queries::{AuditQueries, DefinitionQueries, StoredDefinition, SYSTEM_ACTOR};
use rusqlite::{Connection, TransactionBehavior};
use std::path::Path;

const MIGRATIONS: &[&str] = &[
    include_str!("migrations/001_initial.sql"),
    include_str!("migrations/002_state_number_index.sql"),
    include_str!("migrations/003_audit_head.sql"),
    include_str!("migrations/004_partial_expiry_index.sql"),
    include_str!("migrations/005_reserved.sql"),
    include_str!("migrations/006_reserved.sql"),
    include_str!("migrations/007_audit_batches.sql"),
];

pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

fn user_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
}

pub fn migrate(conn: &mut Connection, path: &Path, now: i64) -> Result<()> {
    // The common case is one pragma read and nothing else.
    let version = user_version(conn).map_err(db)?;
    if version == SCHEMA_VERSION {
        return Ok(());
    }
    check_not_newer(version, path)?;
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(db)?;
    let version = user_version(&tx).map_err(db)?;
    check_not_newer(version, path)?;
    if version == 0 {
        let foreign: i64 = tx
            .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
            .map_err(db)?;
        if foreign > 0 {
            return Err(Error::internal(format!(
                "{} is an SQLite database but not a tokenadm one; pass --db with another path",
                path.display()
            )));
        }
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        tx.execute_batch(sql)
            .map_err(|e| Error::internal(format!("schema migration {} failed: {e}", i + 1)))?;
    }
    tx.pragma_update(None, "user_version", SCHEMA_VERSION)
        .map_err(db)?;
    let tx = SqliteTx::new(tx);
    if version == 0 {
        seed(&tx, now)?;
    }
    tx.commit()
}

/// A new database starts with the built-in `default` definition, active, so that the first
/// command of a newcomer needs no set-up.
fn seed(tx: &SqliteTx, now: i64) -> Result<()> {
    tx.insert_definition(&StoredDefinition {
        name: "default".into(),
        version: 1,
        toml: DEFAULT_TOML.into(),
        created_at: now,
        created_by: SYSTEM_ACTOR.into(),
    })?;
    tx.set_active_definition("default")?;
    tx.audit(
        now,
        SYSTEM_ACTOR,
        &AuditEvent {
            action: "database.create",
            token: None,
            subject: Some("default"),
            detail: serde_json::json!({ "schema_version": SCHEMA_VERSION, "active_definition": "default" }),
        },
    )
}

fn check_not_newer(version: i64, path: &Path) -> Result<()> {
    if version > SCHEMA_VERSION {
        return Err(Error::conflict(format!(
            "{} has schema version {version}, newer than this tokenadm understands ({SCHEMA_VERSION}); upgrade tokenadm",
            path.display()
        )));
    }
    Ok(())
}
