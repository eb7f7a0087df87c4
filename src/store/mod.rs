//! The store seam. ops reaches the database only through [`Store`] and the query traits of
//! [`queries`] (one per table), seen as `&dyn Tx`; which engine is below is decided once, when
//! the store is opened ([`Location`]), and is the engine's business from there on: SQLite
//! (`sqlite/`, a file, the default) or PostgreSQL (`postgres/`, a `postgres://` URL, issue
//! #14). Whatever an engine tunes (checkpoints, index rebuilds, scratch files, COPY) hides
//! behind methods named for what ops wants (`purge_erased`, `bulk_check`, `write_bulk`).
//!
//! SQL lives below this module only.

mod engine;
mod filter;
mod postgres;
mod queries;
mod schema;
mod sqlite;
pub mod transfer;

pub use engine::{Body, Engine, Tx};
pub use postgres::{PgOptions, DEFAULT_LOCK_TIMEOUT};
pub use queries::{
    AccountQueries, AppKeyQueries, AuditFilter, AuditQueries, AuthQueries, AuthRow, BulkQueries,
    CheckRow, DefinitionQueries, Expired, FailureCount, LifecycleQueries, MetaQueries, NewAppKey,
    NewToken, OrphanRule, OutboxQueries, OutboxSummary, ScratchKind, StoredDefinition, TokenFilter,
    TokenQueries, TokenSort, VerificationCode, WarnRule, AUDIT_BATCH, GENESIS, SYSTEM_ACTOR,
};
pub use sqlite::SCHEMA_VERSION;

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

// One version number for both engines: version N is the same schema on each.
const _: () = assert!(sqlite::SCHEMA_VERSION == postgres::SCHEMA_VERSION);

/// Where a database is: a SQLite file, or a PostgreSQL database named by a libpq-style URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    Sqlite(PathBuf),
    Postgres(String),
}

impl Location {
    /// `postgres://…` and `postgresql://…` are PostgreSQL; anything else is a SQLite path.
    pub fn parse(text: &Path) -> Location {
        match text.to_str() {
            Some(url) if postgres::is_url(url) => Location::Postgres(url.to_string()),
            _ => Location::Sqlite(text.to_path_buf()),
        }
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self, Location::Postgres(_))
    }

    /// For people: the path, or the URL without its password.
    pub fn display(&self) -> String {
        match self {
            Location::Sqlite(p) => p.display().to_string(),
            Location::Postgres(url) => postgres::redact(url),
        }
    }

    /// Whether the location carries a password (a PostgreSQL URL's user info or `password=`).
    pub fn carries_password(&self) -> bool {
        match self {
            Location::Sqlite(_) => false,
            Location::Postgres(url) => postgres::redact(url) != *url,
        }
    }
}

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

    /// Opens the database at `location`, whichever engine it is, and brings its schema up to
    /// date. `options` only matter to PostgreSQL.
    pub fn connect(location: &Location, options: PgOptions, now: i64) -> Result<Store> {
        match location {
            Location::Sqlite(path) => Store::open(path, now),
            Location::Postgres(url) => Ok(Store {
                engine: Box::new(postgres::PgStore::open(url, options, now)?),
            }),
        }
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

    /// Copies every row of this database into `target`, which must hold nothing but what
    /// opening it wrote; returns how many rows of each table went over.
    pub fn copy_into(&mut self, target: &mut Store) -> Result<transfer::Copied> {
        let source = &mut self.engine;
        target.engine.import(&mut |sink| source.export(sink))
    }

    /// Whether `location` can take a `db copy`: no SQLite file there yet, or a PostgreSQL
    /// database without tables. Opens nothing it would have to create.
    pub fn is_vacant(location: &Location) -> Result<bool> {
        match location {
            Location::Sqlite(path) => Ok(!path.exists()),
            Location::Postgres(url) => postgres::is_vacant(url),
        }
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

    /// A fresh database on each engine: SQLite in a temporary folder, and PostgreSQL too when
    /// `TOKENADM_TEST_PG` names a server (a database of its own, dropped afterwards).
    fn on_each_engine(test: impl Fn(&mut Store)) {
        let dir = tempfile::tempdir().unwrap();
        test(&mut Store::open(&dir.path().join("t.db"), 1000).unwrap());
        let Some(admin) = std::env::var("TOKENADM_TEST_PG")
            .ok()
            .filter(|u| !u.is_empty())
        else {
            return;
        };
        let name = format!("tokenadm_unit_{:016x}", rand::random::<u64>());
        let mut server = ::postgres::Client::connect(&admin, ::postgres::NoTls).unwrap();
        server
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .unwrap();
        let (base, query) = admin.split_once('?').unwrap_or((&admin, ""));
        let (scheme, rest) = base.split_once("://").unwrap();
        let authority = rest.split('/').next().unwrap_or_default();
        let url = format!("{scheme}://{authority}/{name}?{query}");
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let mut store =
                Store::connect(&Location::Postgres(url), PgOptions::default(), 1000).unwrap();
            test(&mut store);
        }));
        let _ = server.batch_execute(&format!("DROP DATABASE {name} WITH (FORCE)"));
        if let Err(panic) = outcome {
            std::panic::resume_unwind(panic);
        }
    }

    #[test]
    fn a_group_commits_once_and_a_failing_body_undoes_only_itself() {
        on_each_engine(|store| {
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
        });
    }

    /// A body whose statement the database refused (a broken constraint) is undone alone: on
    /// PostgreSQL the transaction takes statements again after its savepoint's rollback.
    #[test]
    fn a_body_refused_by_the_database_undoes_only_itself() {
        on_each_engine(|store| {
            let bodies: Vec<GroupBody<()>> = vec![
                Box::new(|tx| entry(tx, "before")),
                Box::new(|tx| {
                    entry(tx, "undone")?;
                    let account = crate::domain::token::Account {
                        id: "A-1".into(),
                        name: "Twice".into(),
                        email: None,
                        phone: None,
                        created_at: 2000,
                        created_by: "tester".into(),
                        updated_at: 2000,
                        updated_by: "tester".into(),
                    };
                    tx.insert_account(&account)?;
                    tx.insert_account(&account)
                }),
                Box::new(|tx| entry(tx, "after")),
            ];
            let out = store.write_group(bodies).unwrap();
            assert!(
                out[0].is_ok() && out[1].is_err() && out[2].is_ok(),
                "{out:?}"
            );
            let accounts = store.read(|tx| tx.list_accounts()).unwrap();
            assert!(accounts.is_empty(), "{accounts:?}");
            let subjects: Vec<Option<String>> = store
                .read(|tx| tx.list_audit(&AuditFilter::default()))
                .unwrap()
                .into_iter()
                .map(|e| e.subject)
                .collect();
            assert_eq!(
                subjects,
                [
                    Some("default".into()),
                    Some("before".into()),
                    Some("after".into())
                ]
            );
        });
    }

    /// More bodies than a PostgreSQL transaction keeps savepoints for: every outcome still in
    /// its slot, the chain unbroken across the transactions the group took.
    #[test]
    fn a_large_group_keeps_every_outcome_and_the_chain() {
        on_each_engine(|store| {
            let names: Vec<String> = (0..150).map(|i| format!("body {i}")).collect();
            let bodies: Vec<GroupBody<usize>> = names
                .iter()
                .enumerate()
                .map(|(i, name)| -> GroupBody<usize> {
                    Box::new(move |tx| {
                        entry(tx, name)?;
                        if i == 70 {
                            return Err(Error::conflict("the 71st fails"));
                        }
                        Ok(i)
                    })
                })
                .collect();
            let out = store.write_group(bodies).unwrap();
            assert_eq!(out.len(), 150);
            for (i, o) in out.iter().enumerate() {
                match o {
                    Ok(v) => assert_eq!(*v, i),
                    Err(e) => assert_eq!((i, e.kind), (70, crate::Kind::Conflict)),
                }
            }
            let entries = store
                .read(|tx| tx.list_audit(&AuditFilter::default()))
                .unwrap();
            assert_eq!(entries.len(), 1 + 149);
            for pair in entries.windows(2) {
                assert_eq!(pair[1].prev_hash, pair[0].hash);
            }
            let (head, recorded) = store
                .read(|tx| Ok((tx.audit_head()?, tx.recorded_audit_head()?)))
                .unwrap();
            assert_eq!(Some(head), recorded);
        });
    }

    #[test]
    fn an_empty_group_commits_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("t.db"), 1000).unwrap();
        let out = store.write_group::<()>(Vec::new()).unwrap();
        assert!(out.is_empty());
    }
}
