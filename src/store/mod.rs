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
    AccountQueries, AppKeyQueries, AuditFilter, AuditQueries, AuthQueries, AuthRow, BulkQueries,
    CheckRow, DefinitionQueries, Expired, FailureCount, LifecycleQueries, MetaQueries, NewAppKey,
    NewToken, OrphanRule, OutboxQueries, OutboxSummary, ScratchKind, StoredDefinition, TokenFilter,
    TokenQueries, TokenSort, VerificationCode, WarnRule, AUDIT_BATCH, GENESIS, SYSTEM_ACTOR,
};
pub use sqlite::SCHEMA_VERSION;

use crate::error::{Error, Result};
use std::path::Path;

/// One body of [`Store::write_group`].
pub type GroupBody<'f, T> = Box<dyn FnOnce(&dyn Tx) -> Result<T> + 'f>;

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

    /// Runs every `f` of `fs` in one write transaction, each as if in a transaction of its
    /// own: an `f` that fails has its changes undone and its error in its slot of the answer,
    /// the others commit, all with one commit (group commit: one transaction, one WAL append
    /// for the logins that arrived together, issue #13). `Err` only when the transaction
    /// itself could not begin or commit; then nothing of it is kept. The write guarantee of
    /// [`Store::write`] holds for the group.
    pub fn write_group<T>(&mut self, fs: Vec<GroupBody<'_, T>>) -> Result<Vec<Result<T>>> {
        type Step<'s> = Box<dyn FnMut(&dyn Tx) -> Result<()> + 's>;
        let mut outs: Vec<Option<T>> = fs.iter().map(|_| None).collect();
        let mut bodies: Vec<Step> = fs
            .into_iter()
            .zip(outs.iter_mut())
            .map(|(f, out)| {
                let mut f = Some(f);
                Box::new(move |tx: &dyn Tx| {
                    let f = f
                        .take()
                        .ok_or_else(|| Error::internal("a transaction body was run twice"))?;
                    *out = Some(f(tx)?);
                    Ok(())
                }) as Step
            })
            .collect();
        let mut refs: Vec<Body> = bodies.iter_mut().map(|b| &mut **b as Body).collect();
        let outcomes = self.engine.write_group(&mut refs)?;
        drop(refs);
        drop(bodies);
        Ok(outcomes
            .into_iter()
            .zip(outs)
            .map(|(outcome, out)| {
                outcome.and_then(|()| {
                    out.ok_or_else(|| Error::internal("a transaction body did not run"))
                })
            })
            .collect())
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::token::AuditEvent;

    fn entry(tx: &dyn Tx, subject: &str) -> Result<()> {
        tx.audit(
            2000,
            "tester",
            &AuditEvent {
                action: "test.group",
                token: None,
                subject: Some(subject),
                detail: serde_json::json!({}),
            },
        )
    }

    #[test]
    fn a_group_commits_once_and_a_failing_body_undoes_only_itself() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("t.db"), 1000).unwrap();
        let bodies: Vec<GroupBody<&str>> = vec![
            Box::new(|tx| entry(tx, "first").map(|()| "one")),
            Box::new(|tx| {
                entry(tx, "undone")?;
                Err(Error::conflict("this body fails after writing"))
            }),
            Box::new(|tx| entry(tx, "third").map(|()| "three")),
        ];
        let out = store.write_group(bodies).unwrap();
        assert_eq!(out[0].as_ref().unwrap(), &"one");
        assert_eq!(out[1].as_ref().unwrap_err().kind, crate::Kind::Conflict);
        assert_eq!(out[2].as_ref().unwrap(), &"three");
        let entries = store
            .read(|tx| tx.list_audit(&AuditFilter::default()))
            .unwrap();
        let subjects: Vec<Option<String>> = entries.iter().map(|e| e.subject.clone()).collect();
        assert_eq!(
            subjects,
            [
                Some("default".into()),
                Some("first".into()),
                Some("third".into())
            ]
        );
        // The chain holds across the undone body, and the recorded head is the last entry.
        for pair in entries.windows(2) {
            assert_eq!(pair[1].prev_hash, pair[0].hash);
            assert_eq!(pair[1].id, pair[0].id + 1);
        }
        let (head, recorded) = store
            .read(|tx| Ok((tx.audit_head()?, tx.recorded_audit_head()?)))
            .unwrap();
        assert_eq!(Some(head), recorded);
    }

    #[test]
    fn an_empty_group_commits_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("t.db"), 1000).unwrap();
        let out = store.write_group::<()>(Vec::new()).unwrap();
        assert!(out.is_empty());
    }
}
