//! Schema versions, kept in `PRAGMA user_version`.
//!
//! History:
//! - 1: meta, counters, definitions, accounts, participants, tokens, audit, outbox.
//! - 2: an index on tokens (state, number), for `token list --state` in number order.
//! - 3: the audit log's head (`id:hash` of its last entry) in meta, recorded by every
//!   transaction that appends, so `audit verify` notices entries cut from the end.
//! - 4: the (state, expires_at) index becomes partial (`expires_at IS NOT NULL`): most tokens
//!   have no expiry, and a bulk import no longer pays an index insert for each of them.
//! - 5: `app_keys`, the consumer application keys of `tokenadm serve` (name, SHA-256 digest,
//!   hint, created and revoked), for `tokenadm app-key` (issue #13).
//! - 6: tokens get `uses_day` and `uses_today` (successful `auth`s on the day of the last one,
//!   for `[usage] daily_limit`) and `warned_expires_at` (the expiry the last expiry warning was
//!   for, so `token expire` warns once per expiry) (issue #15).
//! - 7: audit entries that record a bulk issuance name the ids of its tokens (first, last) in
//!   two columns, indexed, so that `audit --token NUMBER` finds the one entry of the batch that
//!   created a token; a batch no longer writes one entry per token. Derived from the entry's
//!   detail, which the hash covers: the chain is unchanged (issue #16).
//! - 8: identifier keys become Unicode TS #39 confusable skeletons (issue #11): written by
//!   [`rekey_identifiers`], which reports the live tokens whose identifiers now read the same.
//! - 9: the outbox's status may be `cancelled` (the table is rebuilt for its CHECK).
//! - 10: the outbox's `secrets`: a waiting message's secrets, sealed under the outbox key kept
//!   outside the database; its body holds placeholders (issue #11, item 5).
//! - 11: nothing on SQLite; on PostgreSQL a token's definition version is checked once per
//!   statement (a trigger over the inserted rows) instead of once per row (issue #14).
//!
//! Migrations are append-only: a fresh database runs the same chain as an old one. They run in
//! one immediate transaction, so two first invocations racing on a new file cannot both migrate.
//! A database written by a newer tokenadm is refused (exit 5) rather than misread.

use super::tx::{db, SqliteTx};
use crate::domain::identifier;
use crate::domain::token::AuditEvent;
use crate::error::{Error, Result};
use crate::store::queries::{AuditQueries, SYSTEM_ACTOR};
use crate::store::schema;
use rusqlite::{Connection, TransactionBehavior};
use std::collections::HashMap;
use std::path::Path;

const MIGRATIONS: &[&str] = &[
    include_str!("migrations/001_initial.sql"),
    include_str!("migrations/002_state_number_index.sql"),
    include_str!("migrations/003_audit_head.sql"),
    include_str!("migrations/004_partial_expiry_index.sql"),
    include_str!("migrations/005_app_keys.sql"),
    include_str!("migrations/006_usage_and_warnings.sql"),
    include_str!("migrations/007_audit_batches.sql"),
    include_str!("migrations/008_identifier_skeleton_keys.sql"),
    include_str!("migrations/009_outbox_cancelled.sql"),
    include_str!("migrations/010_outbox_sealed_secrets.sql"),
    include_str!("migrations/011_definition_check_per_statement.sql"),
];

/// The version whose migration rewrites identifier keys as skeletons.
const SKELETON_KEYS: usize = 8;

pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

fn user_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
}

/// Brings the schema up to date; returns what people should be told about it (identifier
/// clashes found by the schema-8 migration).
pub fn migrate(conn: &mut Connection, path: &Path, now: i64) -> Result<Vec<String>> {
    // The common case is one pragma read and nothing else.
    let version = user_version(conn).map_err(db)?;
    if version == SCHEMA_VERSION {
        return Ok(Vec::new());
    }
    schema::check_not_newer(version, SCHEMA_VERSION, &path.display().to_string())?;
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(db)?;
    let version = user_version(&tx).map_err(db)?;
    schema::check_not_newer(version, SCHEMA_VERSION, &path.display().to_string())?;
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
    let mut clashes = Vec::new();
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        tx.execute_batch(sql)
            .map_err(|e| Error::internal(format!("schema migration {} failed: {e}", i + 1)))?;
        if i + 1 == SKELETON_KEYS {
            clashes = rekey_identifiers(&tx)
                .map_err(|e| Error::internal(format!("schema migration {} failed: {e}", i + 1)))?;
        }
    }
    tx.pragma_update(None, "user_version", SCHEMA_VERSION)
        .map_err(db)?;
    let tx = SqliteTx::new(tx);
    if version == 0 {
        schema::seed(&tx, now, SCHEMA_VERSION)?;
    }
    let mut notices = Vec::new();
    for c in &clashes {
        tx.audit(
            now,
            SYSTEM_ACTOR,
            &AuditEvent {
                action: "identifier.clash",
                token: Some(&c.number),
                subject: Some(&c.holder),
                detail: serde_json::json!({
                    "identifier": c.identifier,
                    "reads_like": c.holder_identifier,
                    "held_by": c.holder,
                    "reason": "schema migration 8: identifiers are unique by how they read",
                }),
            },
        )?;
        notices.push(format!(
            "identifier \"{}\" of token {} reads the same as \"{}\" of token {}; both stay effective, but set one not_effective (tokenadm token set-state {} not_effective) so that no two live tokens look alike",
            c.identifier, c.number, c.holder_identifier, c.holder, c.number
        ));
    }
    tx.commit()?;
    Ok(notices)
}

/// Two live tokens whose identifiers have one skeleton: the newer one (`number`) keeps its
/// exact key ([`identifier::exact_key`]), the older one (`holder`) the skeleton.
struct Clash {
    number: String,
    identifier: String,
    holder: String,
    holder_identifier: String,
}

/// Writes every token's identifier key as its skeleton ([`identifier::key`]) and creates the
/// unique index on live keys again. A live token whose key an older live token already has
/// keeps its exact key instead, and is reported: the migration changes no state by itself.
fn rekey_identifiers(tx: &rusqlite::Transaction) -> rusqlite::Result<Vec<Clash>> {
    let mut rows: Vec<(i64, String, String, bool)> = Vec::new();
    {
        let mut stmt = tx.prepare(
            "SELECT id, number, identifier, state <> 'not_effective' FROM tokens
             WHERE identifier IS NOT NULL ORDER BY id",
        )?;
        let mut q = stmt.query([])?;
        while let Some(r) = q.next()? {
            rows.push((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?));
        }
    }
    let mut live: HashMap<String, (String, String)> = HashMap::new();
    let mut clashes = Vec::new();
    let mut update = tx.prepare("UPDATE tokens SET identifier_key = ?1 WHERE id = ?2")?;
    for (id, number, ident, is_live) in rows {
        let mut key = identifier::key(&ident);
        if is_live {
            match live.get(&key) {
                Some((holder, holder_identifier)) => {
                    clashes.push(Clash {
                        number: number.clone(),
                        identifier: ident.clone(),
                        holder: holder.clone(),
                        holder_identifier: holder_identifier.clone(),
                    });
                    key = identifier::exact_key(&ident);
                }
                None => {
                    live.insert(key.clone(), (number, ident));
                }
            }
        }
        update.execute(rusqlite::params![key, id])?;
    }
    tx.execute_batch(
        "CREATE UNIQUE INDEX tokens_identifier_live ON tokens (identifier_key)
             WHERE identifier_key IS NOT NULL AND state <> 'not_effective';",
    )?;
    Ok(clashes)
}
