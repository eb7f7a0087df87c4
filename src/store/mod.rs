//! The store seam. ops reaches the database only through [`Store`] and the query traits of
//! [`queries`] (one per table), seen as `&dyn Tx`; which engine is below is decided once, when
//! the store is opened, and is the engine's business from there on. SQLite (`sqlite/`) is the
//! one engine today; whatever an engine tunes (checkpoints, index rebuilds, scratch files)
//! hides behind methods named for what ops wants (`purge_erased`, `bulk_check`, `write_bulk`).
//!
//! SQL lives below this module only.

mod engine;
mod queries;
mod sqlite;

pub use engine::{Body, Engine, Tx};
pub use queries::{
    AccountQueries, AuditFilter, AuditQueries, AuthQueries, AuthRow, BulkQueries, CheckRow,
    DefinitionQueries, Expired, FailureCount, LifecycleQueries, MetaQueries, NewToken, OrphanRule,
    OutboxQueries, OutboxSummary, ScratchKind, StoredDefinition, TokenFilter, TokenQueries,
    TokenSort, VerificationCode, WarnRule, AUDIT_BATCH, GENESIS, SYSTEM_ACTOR,
};
pub use sqlite::SCHEMA_VERSION;

use crate::error::{Error, Result};
use std::path::Path;

/// The database, opened and migrated. Every command reads and writes through `write` and
/// `read`; nothing else reaches the engine.
pub struct Store {
    engine: Box<dyn Engine>,
}

impl Store {
    /// Opens (creating if needed) the SQLite database at `path` and brings its schema up to
    /// date.
    pub fn open(path: &Path, now: i64) -> Result<Store> {
        Ok(Store {
            engine: Box::new(sqlite::SqliteStore::open(path, now)?),
        })
    }

    /// True when this invocation created the database.
    pub fn created(&self) -> bool {
        self.engine.created()
    }

    /// Where the database is, for people.
    pub fn location(&self) -> String {
        self.engine.location()
    }

    /// See [`Engine::take_notices`].
    pub fn take_notices(&mut self) -> Vec<String> {
        self.engine.take_notices()
    }

    /// Runs `f` in one write transaction and commits it; any error rolls everything back, so a
    /// command's change, its audit entry and its outbox message commit together or not at all.
    ///
    /// **The write guarantee, on every engine:** a write transaction is serialized against
    /// every other write transaction on the same database, from any process or host: it waits
    /// for the one before to end, and no other writer starts until it ends (on SQLite,
    /// `BEGIN IMMEDIATE` with a busy timeout). So what it reads is still true when it writes:
    /// lockout and verification attempt counts, account caps, the number counters and the
    /// audit chain's head are read and written under it, and stay exact however many
    /// invocations run at once (tests/integration/concurrency.rs shows it). A writer that
    /// cannot get its turn within the engine's lock timeout fails with exit 1 and changes
    /// nothing. `f` runs exactly once: an engine never retries it.
    pub fn write<T>(&mut self, f: impl FnOnce(&dyn Tx) -> Result<T>) -> Result<T> {
        once(f, |body| self.engine.write(body))
    }

    /// Runs `f` in one read transaction: a consistent snapshot, no write lock; it never waits
    /// for a writer.
    pub fn read<T>(&mut self, f: impl FnOnce(&dyn Tx) -> Result<T>) -> Result<T> {
        once(f, |body| self.engine.read(body))
    }

    /// See [`Engine::purge_erased`].
    pub fn purge_erased(&mut self) -> Result<()> {
        self.engine.purge_erased()
    }

    /// See [`Engine::begin_bulk_check`].
    pub fn begin_bulk_check(&mut self) -> Result<()> {
        self.engine.begin_bulk_check()
    }

    /// See [`Engine::end_bulk_check`].
    pub fn end_bulk_check(&mut self) -> Result<()> {
        self.engine.end_bulk_check()
    }

    /// See [`Engine::bulk_check`].
    pub fn bulk_check<T>(&mut self, f: impl FnOnce(&dyn Tx) -> Result<T>) -> Result<T> {
        once(f, |body| self.engine.bulk_check(body))
    }

    /// See [`Engine::write_bulk`]; the same guarantee as [`Store::write`].
    pub fn write_bulk<T>(&mut self, f: impl FnOnce(&dyn Tx) -> Result<T>) -> Result<T> {
        once(f, |body| self.engine.write_bulk(body))
    }

    /// See [`Engine::settle_bulk`].
    pub fn settle_bulk(&mut self) -> Result<()> {
        self.engine.settle_bulk()
    }
}

/// Runs a `FnOnce` with a typed result through an engine method that takes the `FnMut` an
/// object-safe trait can name.
fn once<T>(
    f: impl FnOnce(&dyn Tx) -> Result<T>,
    engine: impl FnOnce(Body) -> Result<()>,
) -> Result<T> {
    let mut f = Some(f);
    let mut out = None;
    engine(&mut |tx: &dyn Tx| {
        let f = f
            .take()
            .ok_or_else(|| Error::internal("a transaction body was run twice"))?;
        out = Some(f(tx)?);
        Ok(())
    })?;
    out.ok_or_else(|| Error::internal("a transaction body did not run"))
}
