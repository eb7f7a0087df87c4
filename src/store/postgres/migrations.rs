//! Schema versions, kept in the one-row table `schema_version`, with the same numbers as the
//! SQLite engine's (`sqlite/migrations.rs` has the history): version N is the same tables,
//! columns and indexes on both engines, so `db copy` and a newer tokenadm treat them alike.
//! A branch that adds a version writes its PostgreSQL file here too, with the same number.
//!
//! Migrations run in one transaction under the write lock (`pg_advisory_xact_lock` on
//! the write lock's key), so two hosts starting a new version at once never both migrate, and
//! a writer never sees half a migration. A database written by a newer tokenadm is refused
//! (exit 5) rather than misread; a database that holds tables of something else is left alone.

use super::tx::{begin_write, db_error, get, stored_key, Conn, PgTx};
use crate::domain::identifier;
use crate::domain::token::AuditEvent;
use crate::error::{Error, Result};
use crate::store::queries::{AuditQueries, SYSTEM_ACTOR};
use crate::store::schema;
use std::collections::HashMap;
use std::time::Duration;

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

/// What opening found: whether it created the schema, and what people should be told
/// (identifier clashes found by the schema-8 migration).
pub(super) struct Migrated {
    pub created: bool,
    pub notices: Vec<String>,
}

/// Brings the schema up to date.
pub(super) fn migrate(
    conn: &mut Conn,
    location: &str,
    timeout: Duration,
    may_create: bool,
    now: i64,
) -> Result<Migrated> {
    // The common case is one query and nothing else. A database without the table (a new
    // one) fails it, outside any transaction, which is harmless.
    // The simple protocol: one round trip, where an unnamed prepared statement takes three.
    if let Ok(messages) = conn
        .client
        .simple_query("SELECT version FROM schema_version")
    {
        let version = messages.iter().find_map(|m| match m {
            postgres::SimpleQueryMessage::Row(r) => r.get(0)?.parse::<i64>().ok(),
            _ => None,
        });
        if let Some(version) = version {
            if version == SCHEMA_VERSION {
                return Ok(Migrated {
                    created: false,
                    notices: Vec::new(),
                });
            }
            schema::check_not_newer(version, SCHEMA_VERSION, location)?;
        }
    }
    let mut created = false;
    let mut notices = Vec::new();
    conn.client
        .batch_execute(&begin_write(timeout))
        .map_err(|e| {
            // BEGIN may have run before the lock wait failed: end that transaction too.
            let _ = conn.client.batch_execute("ROLLBACK");
            db_error(e, timeout)
        })?;
    let outcome = (|| -> Result<()> {
        let tx = PgTx::new(conn, timeout);
        let version = current_version(&tx)?;
        schema::check_not_newer(version, SCHEMA_VERSION, location)?;
        if version == 0 {
            let foreign = tx.query_one(
                "SELECT count(*) FROM pg_catalog.pg_class c
                 JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f')",
                &[],
            )?;
            if get::<i64>(&foreign, 0)? > 0 {
                return Err(Error::internal(format!(
                    "{location} is a PostgreSQL database but not a tokenadm one (it has tables of its own); pass --db with another database"
                )));
            }
            if !may_create {
                return Err(Error::not_found(format!(
                    "no database at {location}; pass --db with the right URL, or create one with tokenadm init"
                )));
            }
        }
        let mut clashes = Vec::new();
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
            let failed =
                |e: Error| Error::internal(format!("schema migration {} failed: {e}", i + 1));
            tx.batch(sql).map_err(failed)?;
            if i + 1 == SKELETON_KEYS {
                clashes = rekey_identifiers(&tx).map_err(failed)?;
            }
        }
        tx.execute("UPDATE schema_version SET version = $1", &[&SCHEMA_VERSION])?;
        if version == 0 {
            schema::seed(&tx, now, SCHEMA_VERSION)?;
            created = true;
        }
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
        match tx.finish()? {
            Some(head) => tx.batch(&head),
            None => Ok(()),
        }
    })();
    let end = if outcome.is_ok() {
        "COMMIT"
    } else {
        "ROLLBACK"
    };
    let ended = conn.client.batch_execute(end);
    outcome?;
    ended.map_err(|e| db_error(e, timeout))?;
    Ok(Migrated { created, notices })
}

/// Two live tokens whose identifiers have one skeleton: the newer one (`number`) keeps its
/// exact key, the older one (`holder`) the skeleton (as on SQLite).
struct Clash {
    number: String,
    identifier: String,
    holder: String,
    holder_identifier: String,
}

/// Writes every token's identifier key as its skeleton and creates the unique index on live
/// keys again; a live token whose key an older live token already has keeps its exact key
/// instead, and is reported (`sqlite/migrations.rs` has the same).
fn rekey_identifiers(tx: &PgTx) -> Result<Vec<Clash>> {
    let rows = tx.query(
        "SELECT id, number, identifier, state <> 'not_effective' FROM tokens
         WHERE identifier IS NOT NULL ORDER BY id",
        &[],
    )?;
    let mut live: HashMap<String, (String, String)> = HashMap::new();
    let mut clashes = Vec::new();
    for r in &rows {
        let (id, number, ident, is_live): (i64, String, String, bool) =
            (get(r, 0)?, get(r, 1)?, get(r, 2)?, get(r, 3)?);
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
        tx.execute(
            "UPDATE tokens SET identifier_key = $1 WHERE id = $2",
            &[&stored_key(&key), &id],
        )?;
    }
    tx.batch(
        "CREATE UNIQUE INDEX tokens_identifier_live ON tokens (identifier_key)
             WHERE identifier_key IS NOT NULL AND state <> 'not_effective'",
    )?;
    Ok(clashes)
}

/// The version under the lock: 0 for a database without the table.
fn current_version(tx: &PgTx) -> Result<i64> {
    let exists = tx.query_one("SELECT to_regclass('schema_version') IS NOT NULL", &[])?;
    if !get::<bool>(&exists, 0)? {
        return Ok(0);
    }
    let r = tx.query_opt("SELECT version FROM schema_version", &[])?;
    r.map(|r| get(&r, 0)).transpose().map(|v| v.unwrap_or(0))
}
