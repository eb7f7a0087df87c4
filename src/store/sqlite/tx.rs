//! One open SQLite transaction, on which the query traits are implemented (one file per
//! table), and the mapping of SQLite's errors to ours.

use crate::error::{Error, Result};
use crate::store::engine::Body;

/// What [`SqliteTx::drop_digest_index_for`] set aside, for
/// [`SqliteTx::rebuild_digest_index`] to restore.
#[derive(Debug)]
#[must_use = "rebuild_digest_index restores the index"]
pub(super) struct BulkInsert {
    pub(super) rebuild: Option<String>,
}

/// One open transaction, on which the query traits are implemented.
pub struct SqliteTx<'a> {
    pub(super) tx: rusqlite::Transaction<'a>,
    /// The id and hash of the last audit entry, once this transaction has read or written it:
    /// appending many entries (bulk issuance, expiry) then costs no query per entry. Only the
    /// methods of `audit.rs` may write the audit table, so the cache cannot go stale within a
    /// transaction (build one with `SqliteTx::new`).
    pub(super) audit_head: std::cell::RefCell<Option<(i64, String)>>,
    /// Whether this transaction appended to the audit log, so that its commit records the new
    /// head ([`SqliteTx::commit`]).
    pub(super) audit_appended: std::cell::Cell<bool>,
    /// What `begin_bulk_insert` set aside, for `finish_bulk_insert` to restore.
    pub(super) bulk_rebuild: std::cell::RefCell<Option<BulkInsert>>,
}

impl<'a> SqliteTx<'a> {
    pub(super) fn new(tx: rusqlite::Transaction<'a>) -> Self {
        SqliteTx {
            tx,
            audit_head: std::cell::RefCell::new(None),
            audit_appended: std::cell::Cell::new(false),
            bulk_rebuild: std::cell::RefCell::new(None),
        }
    }

    /// Runs `body` in a savepoint: its error rolls back its own changes only, and the audit
    /// head this transaction knows goes back with them (issue #13, group commit). The inner
    /// result is the body's; the outer one fails when the savepoint itself could not be kept
    /// or undone, or SQLite gave up the whole transaction (a full disk, an I/O error): the
    /// group must then stop, not commit what is left.
    pub(super) fn in_savepoint(&self, body: Body) -> Result<Result<()>> {
        let head = self.audit_head.borrow().clone();
        let appended = self.audit_appended.get();
        let run = |sql: &str| {
            self.tx
                .prepare_cached(sql)
                .and_then(|mut s| s.execute([]))
                .map(drop)
                .map_err(db)
        };
        run("SAVEPOINT grouped")?;
        match body(self) {
            Ok(()) => run("RELEASE grouped").map(Ok),
            Err(e) => {
                if self.tx.is_autocommit() {
                    return Err(e);
                }
                run("ROLLBACK TO grouped")?;
                run("RELEASE grouped")?;
                *self.audit_head.borrow_mut() = head;
                self.audit_appended.set(appended);
                Ok(Err(e))
            }
        }
    }

    /// Commits, recording the audit log's new head first if this transaction appended to it.
    pub(super) fn commit(self) -> Result<()> {
        if self.audit_appended.get() {
            self.record_audit_head()?;
        }
        self.tx.commit().map_err(db)
    }
}

/// A value in a row that tokenadm never writes (an instant out of any calendar's range): the
/// database was changed outside tokenadm. Raised while a row is read, it becomes a conflict
/// (exit 5) that names the row, instead of a raw number on the screen.
#[derive(Debug)]
pub(super) struct Untrue(pub(super) String);

impl std::fmt::Display for Untrue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Untrue {}

/// Column `i` of `r`, an instant in Unix seconds (or NULL): refused, naming `what` row, when
/// it is out of range.
pub(super) fn instant_opt(
    r: &rusqlite::Row,
    i: usize,
    what: &dyn Fn() -> String,
) -> rusqlite::Result<Option<i64>> {
    let v: Option<i64> = r.get(i)?;
    match v {
        Some(secs) if !crate::domain::time::in_range(secs) => {
            let column = r.as_ref().column_name(i).unwrap_or("a time column");
            Err(rusqlite::Error::FromSqlConversionFailure(
                i,
                rusqlite::types::Type::Integer,
                Box::new(Untrue(format!(
                    "{} has {column} = {secs}, which is no instant tokenadm writes; the database was changed outside tokenadm",
                    what()
                ))),
            ))
        }
        other => Ok(other),
    }
}

/// [`instant_opt`] for a column that is never NULL.
pub(super) fn instant(
    r: &rusqlite::Row,
    i: usize,
    what: &dyn Fn() -> String,
) -> rusqlite::Result<i64> {
    instant_opt(r, i, what)?.ok_or(rusqlite::Error::InvalidColumnType(
        i,
        "instant".into(),
        rusqlite::types::Type::Null,
    ))
}

/// Database errors that no rule explains: exit 1, with SQLite's own words.
pub(crate) fn db(e: rusqlite::Error) -> Error {
    match &e {
        rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::DatabaseBusy => {
            Error::internal(
                "the database stayed locked by another tokenadm for 30 seconds; try again",
            )
            .transient()
        }
        rusqlite::Error::FromSqlConversionFailure(_, _, inner) => {
            match inner.downcast_ref::<Untrue>() {
                Some(untrue) => Error::conflict(untrue.0.clone()),
                None => Error::internal(format!("database error: {e}")).with_source(e),
            }
        }
        _ => Error::internal(format!("database error: {e}")).with_source(e),
    }
}
