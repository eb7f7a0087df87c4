//! The SQLite engine: `SqliteStore::open` creates the database file (mode 0600) and its
//! folder, sets WAL, foreign keys and a busy timeout, and runs the schema migrations; `write`
//! runs one `BEGIN IMMEDIATE` transaction so a command's change, its audit entry and its outbox
//! message commit together or not at all.

use super::migrations;
use super::tx::{db, SqliteTx};
use crate::error::{Error, Result};
use crate::store::engine::{Body, Engine};
use crate::store::transfer::{Copied, Sink, Source};
use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use std::collections::HashMap;
use std::fs;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock, Weak};
use std::time::Duration as StdDuration;

/// How long a command waits for another invocation's write lock before giving up.
const BUSY_TIMEOUT: StdDuration = StdDuration::from_secs(30);

pub struct SqliteStore {
    pub(super) conn: Connection,
    pub(super) path: PathBuf,
    created: bool,
    /// What opening the database found that people should be told (migration reports).
    notices: Vec<String>,
    /// The turn of this process's writers to the same database file (see [`writers_of`]).
    writers: Arc<Mutex<()>>,
}

/// One lock per database file for the write transactions of this process. A process with
/// several connections to one database (`tokenadm serve`'s workers) queues its writers here,
/// each woken the moment the one before commits, instead of in SQLite's busy handler, which
/// sleeps 1, 2, 5, … up to 100 ms between tries: under load that sleep was the tail of every
/// login's latency, and the time a hashing worker sat idle (issue #13). Writers of other
/// processes still wait on the busy timeout.
fn writers_of(path: &Path) -> Arc<Mutex<()>> {
    static WRITERS: OnceLock<Mutex<HashMap<PathBuf, Weak<Mutex<()>>>>> = OnceLock::new();
    let key = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let registry = WRITERS.get_or_init(|| Mutex::new(HashMap::new()));
    let mut map = registry
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(live) = map.get(&key).and_then(Weak::upgrade) {
        return live;
    }
    map.retain(|_, w| w.strong_count() > 0);
    let fresh = Arc::new(Mutex::new(()));
    map.insert(key, Arc::downgrade(&fresh));
    fresh
}

impl SqliteStore {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    pub fn open(path: &Path, now: i64) -> Result<SqliteStore> {
        let created = !path.exists() && create_file(path)?;
        // No SQLITE_OPEN_URI: --db is a path, which is what `exists` and `create_file` saw.
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)
            .map_err(|e| open_error(path, &e.to_string()))?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(db)?;
        // The first statement that reads the file is where "not a database" surfaces.
        // secure_delete: an erased message body (it may hold a pass code) is overwritten in the
        // file, not left behind in a free page.
        conn.execute_batch(
            "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY;
             PRAGMA secure_delete = ON;",
        )
        .map_err(|e| open_error(path, &e.to_string()))?;
        wal_mode(&conn).map_err(|e| open_error(path, &e.to_string()))?;
        let mut store = SqliteStore {
            conn,
            path: path.to_path_buf(),
            created,
            notices: Vec::new(),
            writers: writers_of(path),
        };
        store.notices = migrations::migrate(&mut store.conn, path, now)?;
        Ok(store)
    }

    /// Runs `body` in a transaction of the given kind and commits it; any error rolls it back.
    fn commit_with(&mut self, behavior: TransactionBehavior, body: Body) -> Result<()> {
        let tx = self.conn.transaction_with_behavior(behavior).map_err(db)?;
        let tx = SqliteTx::new(tx);
        body(&tx)?;
        tx.commit()
    }
}

/// The store's transactions with the engine's own transaction type, for the tests of this
/// engine (which look at the SQL it runs). The same names as [`crate::store::Store`]'s, so a
/// test reads as ops code does.
#[cfg(test)]
impl SqliteStore {
    fn run<T>(
        &mut self,
        behavior: TransactionBehavior,
        commit: bool,
        f: impl FnOnce(&SqliteTx) -> Result<T>,
    ) -> Result<T> {
        let tx = self.conn.transaction_with_behavior(behavior).map_err(db)?;
        let tx = SqliteTx::new(tx);
        let value = f(&tx)?;
        if commit {
            tx.commit()?;
        } else {
            tx.tx.finish().map_err(db)?;
        }
        Ok(value)
    }

    pub(super) fn write<T>(&mut self, f: impl FnOnce(&SqliteTx) -> Result<T>) -> Result<T> {
        self.run(TransactionBehavior::Immediate, true, f)
    }

    pub(super) fn read<T>(&mut self, f: impl FnOnce(&SqliteTx) -> Result<T>) -> Result<T> {
        self.run(TransactionBehavior::Deferred, false, f)
    }

    pub(super) fn scratch<T>(&mut self, f: impl FnOnce(&SqliteTx) -> Result<T>) -> Result<T> {
        self.run(TransactionBehavior::Deferred, true, f)
    }
}

impl Engine for SqliteStore {
    /// `BEGIN IMMEDIATE`: the write lock is taken at the start, so concurrent writers queue on
    /// the busy timeout instead of failing at commit, and everything read is read under it.
    fn write(&mut self, body: Body) -> Result<()> {
        let writers = Arc::clone(&self.writers);
        // A writer that panicked left nothing half-done behind the lock (its transaction
        // rolled back when dropped), so a poisoned lock is as good as a free one.
        let _turn = writers
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        self.commit_with(TransactionBehavior::Immediate, body)
    }

    /// One `BEGIN IMMEDIATE` for the group, a savepoint per body, one commit.
    fn write_group(&mut self, bodies: &mut [Body]) -> Result<Vec<Result<()>>> {
        let writers = Arc::clone(&self.writers);
        let _turn = writers
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(db)?;
        let tx = SqliteTx::new(tx);
        let mut outcomes = Vec::with_capacity(bodies.len());
        for body in bodies.iter_mut() {
            outcomes.push(tx.in_savepoint(&mut **body)?);
        }
        tx.commit()?;
        Ok(outcomes)
    }

    fn read(&mut self, body: Body) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Deferred)
            .map_err(db)?;
        let tx = SqliteTx::new(tx);
        body(&tx)?;
        tx.tx.finish().map_err(db)
    }

    fn created(&self) -> bool {
        self.created
    }

    fn location(&self) -> String {
        self.path.display().to_string()
    }

    fn take_notices(&mut self) -> Vec<String> {
        std::mem::take(&mut self.notices)
    }

    /// Copies the WAL into the database and truncates it to nothing, so that page images of
    /// erased secrets (a sent message's body) do not linger in the `-wal` file
    /// (`secure_delete` already overwrites them in the database file itself).
    fn purge_erased(&mut self) -> Result<()> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .map_err(db)
    }

    fn begin_bulk_check(&mut self) -> Result<()> {
        self.open_scratch()
    }

    fn end_bulk_check(&mut self) -> Result<()> {
        self.close_scratch()
    }

    /// Reads a snapshot of the database and commits only its writes to the scratch tables
    /// (in the TEMP schema): it never takes the database's write lock.
    fn bulk_check(&mut self, body: Body) -> Result<()> {
        self.commit_with(TransactionBehavior::Deferred, body)
    }

    fn write_bulk(&mut self, body: Body) -> Result<()> {
        self.write_deferring_checkpoint(body)
    }

    fn settle_bulk(&mut self) -> Result<()> {
        self.checkpoint()
    }

    fn export(&mut self, sink: Sink) -> Result<()> {
        self.export_rows(sink)
    }

    fn import(&mut self, source: Source) -> Result<Copied> {
        self.import_rows(source)
    }
}

/// Creates the database file (and its folder); false when another invocation created it first
/// (two first runs at once), which is as good.
fn create_file(path: &Path) -> Result<bool> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .map_err(|e| {
                Error::internal(format!(
                    "cannot create the database folder {}: {e}; pass --db with a writable path",
                    dir.display()
                ))
            })?;
    }
    // SQLite gives the -wal and -shm files the mode of the database file itself.
    match fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
    {
        Ok(_) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(Error::internal(format!(
            "cannot create the database {}: {e}",
            path.display()
        ))),
    }
}

/// Puts the file in WAL mode. Several first runs at once on a new file (cron jobs started
/// together) race to convert it, and SQLite answers the loser `SQLITE_BUSY` at once, without
/// its busy handler; the loser tries again until the busy timeout, by which time the winner
/// has converted the file and there is nothing left to do.
fn wal_mode(conn: &Connection) -> rusqlite::Result<()> {
    let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
    loop {
        let attempt = conn
            .query_row("PRAGMA journal_mode", [], |r| r.get::<_, String>(0))
            .and_then(|mode| {
                if mode.eq_ignore_ascii_case("wal") {
                    Ok(())
                } else {
                    conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))
                }
            });
        match attempt {
            Err(rusqlite::Error::SqliteFailure(f, _))
                if f.code == rusqlite::ErrorCode::DatabaseBusy
                    && std::time::Instant::now() < deadline =>
            {
                std::thread::sleep(StdDuration::from_millis(10));
            }
            other => return other,
        }
    }
}

fn open_error(path: &Path, cause: &str) -> Error {
    Error::internal(format!(
        "cannot open {} as a tokenadm database: {cause}",
        path.display()
    ))
}
