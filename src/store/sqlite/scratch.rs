//! Scratch tables for one bulk issuance (issue #7): the identifiers and custom authentication
//! codes seen so far in the input, with the line each came from, and how many rows name each
//! account. They find duplicates within a file exactly and with flat memory: SQLite keeps them
//! in a temporary file of its own (deleted when the connection closes, even after a crash)
//! instead of in a hash set that grows with the input.
//!
//! They live in the connection's TEMP schema, so writing them takes no lock on the database:
//! [`SqliteStore::scratch`] reads the database as of its start and writes only here.

use super::engine::SqliteStore;
use super::tx::{db, SqliteTx};
use crate::error::Result;
use crate::store::engine::{Body, Engine};
use crate::store::queries::{BulkQueries, ScratchKind};
use rusqlite::{params, OptionalExtension};

impl SqliteStore {
    /// Creates empty scratch tables. Temporary storage moves to a file from here on (the
    /// connection otherwise keeps it in memory, which is right for small things).
    pub(super) fn open_scratch(&mut self) -> Result<()> {
        self.conn
            .execute_batch(
                "PRAGMA temp_store = FILE;
                 DROP TABLE IF EXISTS temp.scratch_keys;
                 DROP TABLE IF EXISTS temp.scratch_accounts;
                 CREATE TEMP TABLE scratch_keys (
                     kind INTEGER NOT NULL,
                     key  BLOB NOT NULL,
                     line INTEGER NOT NULL,
                     PRIMARY KEY (kind, key)
                 ) WITHOUT ROWID;
                 CREATE TEMP TABLE scratch_accounts (
                     account TEXT PRIMARY KEY,
                     n       INTEGER NOT NULL
                 ) WITHOUT ROWID;",
            )
            .map_err(db)
    }

    /// Drops the scratch tables and their file. Temporary storage stays on file for the rest
    /// of the bulk work: SQLite's sorter also uses it, when `SqliteTx::rebuild_digest_index` builds an
    /// index of a million rows, and in memory that would be a million rows' worth.
    pub(super) fn close_scratch(&mut self) -> Result<()> {
        self.conn
            .execute_batch(
                "DROP TABLE IF EXISTS temp.scratch_keys;
                 DROP TABLE IF EXISTS temp.scratch_accounts;",
            )
            .map_err(db)
    }

    /// Runs `body` in one write transaction, like [`Engine::write`], but leaves the write-ahead
    /// log for [`Store::checkpoint`] to copy into the database instead of copying it as part of
    /// the commit: after a bulk insert that is the whole new data written a second time, and
    /// the caller has other work (printing the records) to do meanwhile.
    pub(super) fn write_deferring_checkpoint(&mut self, body: Body) -> Result<()> {
        self.conn
            .execute_batch("PRAGMA wal_autocheckpoint = 0")
            .map_err(db)?;
        let value = Engine::write(self, body);
        if value.is_err() {
            // The write's own error is the one to report; SQLite checkpoints at the next
            // commit anyway if this fails.
            let _ = self.conn.execute_batch("PRAGMA wal_autocheckpoint = 1000");
        }
        value
    }

    /// Copies the write-ahead log into the database (as far as readers allow; the rest is
    /// left for a later commit, as SQLite's own automatic checkpoint does) and turns the
    /// automatic checkpoint back on.
    pub(super) fn checkpoint(&mut self) -> Result<()> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))
            .map_err(db)?;
        self.conn
            .execute_batch("PRAGMA wal_autocheckpoint = 1000")
            .map_err(db)
    }
}

impl BulkQueries for SqliteTx<'_> {
    fn begin_bulk_insert(&self, adding: u64) -> Result<()> {
        let bulk = self.drop_digest_index_for(adding)?;
        *self.bulk_rebuild.borrow_mut() = Some(bulk);
        Ok(())
    }

    fn finish_bulk_insert(&self) -> Result<()> {
        match self.bulk_rebuild.borrow_mut().take() {
            Some(bulk) => self.rebuild_digest_index(bulk),
            None => Ok(()),
        }
    }

    fn scratch_claim(&self, kind: ScratchKind, key: &[u8], line: u64) -> Result<Option<u64>> {
        let inserted = self
            .tx
            .prepare_cached(
                "INSERT INTO temp.scratch_keys (kind, key, line) VALUES (?1, ?2, ?3)
                 ON CONFLICT DO NOTHING",
            )
            .and_then(|mut s| s.execute(params![kind as i64, key, line as i64]))
            .map_err(db)?;
        if inserted == 1 {
            return Ok(None);
        }
        self.tx
            .prepare_cached("SELECT line FROM temp.scratch_keys WHERE kind = ?1 AND key = ?2")
            .and_then(|mut s| {
                s.query_row(params![kind as i64, key], |r| r.get::<_, i64>(0))
                    .optional()
            })
            .map(|l| l.map(|l| l as u64))
            .map_err(db)
    }

    fn scratch_count_account(&self, account: &str) -> Result<i64> {
        self.tx
            .prepare_cached(
                "INSERT INTO temp.scratch_accounts (account, n) VALUES (?1, 1)
                 ON CONFLICT (account) DO UPDATE SET n = n + 1 RETURNING n - 1",
            )
            .and_then(|mut s| s.query_row([account], |r| r.get(0)))
            .map_err(db)
    }
}

#[cfg(test)]
mod tests {
    use super::super::engine::SqliteStore as Store;
    use super::*;

    #[test]
    fn finds_repeats_and_counts_without_the_write_lock() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let mut store = Store::open(&path, 0).unwrap();
        store.open_scratch().unwrap();
        // Another connection holds the write lock the whole time.
        let other = rusqlite::Connection::open(&path).unwrap();
        other.execute_batch("BEGIN IMMEDIATE").unwrap();
        store.conn.busy_timeout(std::time::Duration::ZERO).unwrap();
        let repeats = store
            .scratch(|tx| {
                assert_eq!(tx.scratch_claim(ScratchKind::Identifier, b"a", 2)?, None);
                assert_eq!(tx.scratch_claim(ScratchKind::AuthCode, b"a", 3)?, None);
                assert_eq!(tx.scratch_count_account("AR-1")?, 0);
                assert_eq!(tx.scratch_count_account("AR-1")?, 1);
                tx.scratch_claim(ScratchKind::Identifier, b"a", 9)
            })
            .unwrap();
        assert_eq!(repeats, Some(2));
        // Committed: a later transaction still sees the keys.
        let again = store
            .scratch(|tx| tx.scratch_claim(ScratchKind::AuthCode, b"a", 10))
            .unwrap();
        assert_eq!(again, Some(3));
        other.execute_batch("ROLLBACK").unwrap();
        store.close_scratch().unwrap();
        store.open_scratch().unwrap();
        let fresh = store
            .scratch(|tx| tx.scratch_claim(ScratchKind::Identifier, b"a", 1))
            .unwrap();
        assert_eq!(fresh, None);
        store.close_scratch().unwrap();
    }
}
