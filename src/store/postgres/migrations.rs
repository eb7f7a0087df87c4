//! Schema versions, kept in the one-row table `schema_version`, with the same numbers as the
//! SQLite engine's (`sqlite/migrations.rs` has the history): version N is the same tables,
//! columns and indexes on both engines, so `db copy` and a newer tokenadm treat them alike.
//!
//! Migrations run in one transaction under the write lock (`pg_advisory_xact_lock` on
//! [`super::WRITE_LOCK`]), so two hosts starting a new version at once never both migrate, and
//! a writer never sees half a migration. A database written by a newer tokenadm is refused
//! (exit 5) rather than misread; a database that holds tables of something else is left alone.

use super::{get, PgStore, PgTx};
use crate::domain::definition::DEFAULT_TOML;
use crate::domain::token::AuditEvent;
use crate::error::{Error, Result};
use crate::store::{AuditQueries, DefinitionQueries, StoredDefinition, SYSTEM_ACTOR};

const MIGRATIONS: &[&str] = &[
    include_str!("migrations/001_initial.sql"),
    include_str!("migrations/002_state_number_index.sql"),
    include_str!("migrations/003_audit_head.sql"),
    include_str!("migrations/004_partial_expiry_index.sql"),
];

pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Brings the schema up to date; true when it created it (the database was empty).
pub(super) fn migrate(store: &mut PgStore, now: i64) -> Result<bool> {
    // The common case is one query and nothing else. A database without the table (a new
    // one) fails it, outside any transaction, which is harmless.
    if let Ok(rows) = store
        .conn
        .client
        .query("SELECT version FROM schema_version", &[])
    {
        if let Some(version) = rows.first().and_then(|r| r.try_get::<_, i64>(0).ok()) {
            if version == SCHEMA_VERSION {
                return Ok(false);
            }
            check_not_newer(version, &store.location)?;
        }
    }
    let location = store.location.clone();
    let mut created = false;
    let begin = store.begin_write();
    let timeout = store.options.lock_timeout;
    store
        .conn
        .client
        .batch_execute(&begin)
        .map_err(|e| super::db_error(e, timeout))?;
    let outcome = (|| -> Result<()> {
        let tx = PgTx::new(&mut store.conn, timeout);
        let version = current_version(&tx)?;
        check_not_newer(version, &location)?;
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
        }
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
            tx.batch(sql)
                .map_err(|e| Error::internal(format!("schema migration {} failed: {e}", i + 1)))?;
        }
        tx.execute("UPDATE schema_version SET version = $1", &[&SCHEMA_VERSION])?;
        if version == 0 {
            seed(&tx, now)?;
            created = true;
        }
        tx.finish()
    })();
    let end = if outcome.is_ok() {
        "COMMIT"
    } else {
        "ROLLBACK"
    };
    let ended = store.conn.client.batch_execute(end);
    outcome?;
    ended.map_err(|e| super::db_error(e, timeout))?;
    Ok(created)
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

/// A new database starts with the built-in `default` definition, active (as on SQLite).
fn seed(tx: &PgTx, now: i64) -> Result<()> {
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

fn check_not_newer(version: i64, location: &str) -> Result<()> {
    if version > SCHEMA_VERSION {
        return Err(Error::conflict(format!(
            "{location} has schema version {version}, newer than this tokenadm understands ({SCHEMA_VERSION}); upgrade tokenadm"
        )));
    }
    Ok(())
}
