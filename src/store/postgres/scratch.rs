//! Scratch tables for one bulk issuance (issue #7), as `sqlite/scratch.rs`: the identifiers and
//! custom authentication codes seen so far in the input, with their lines, and the rows per
//! account. TEMP tables: private to this session, dropped with it (even after a crash), and
//! written inside the read-only snapshot of the engine's `bulk_check` without the
//! write lock. The bulk insert itself needs no preparation on PostgreSQL: tokens go in by COPY
//! with every index in place (dropping one would lock readers out of the table).

use super::engine::PgStore;
use super::tx::{db_error, get, PgTx};
use crate::error::Result;
use crate::store::queries::{BulkQueries, ScratchKind};

impl PgStore {
    pub(super) fn open_scratch(&mut self) -> Result<()> {
        let timeout = self.options.lock_timeout;
        self.conn
            .client
            .batch_execute(
                "DROP TABLE IF EXISTS pg_temp.scratch_keys, pg_temp.scratch_accounts;
                 CREATE TEMP TABLE scratch_keys (
                     kind SMALLINT NOT NULL,
                     key  BYTEA NOT NULL,
                     line BIGINT NOT NULL,
                     PRIMARY KEY (kind, key)
                 );
                 CREATE TEMP TABLE scratch_accounts (
                     account TEXT COLLATE \"C\" PRIMARY KEY,
                     n       BIGINT NOT NULL
                 );",
            )
            .map_err(|e| db_error(e, timeout))?;
        // The statements prepared against the tables of an earlier bulk check are stale.
        self.conn
            .statements
            .retain(|sql, _| !sql.contains("scratch_"));
        Ok(())
    }

    pub(super) fn close_scratch(&mut self) -> Result<()> {
        let timeout = self.options.lock_timeout;
        self.conn
            .client
            .batch_execute("DROP TABLE IF EXISTS pg_temp.scratch_keys, pg_temp.scratch_accounts")
            .map_err(|e| db_error(e, timeout))
    }
}

impl BulkQueries for PgTx<'_> {
    fn scratch_claim(&self, kind: ScratchKind, key: &[u8], line: u64) -> Result<Option<u64>> {
        // One round trip: the insert, or (when the key is there already) the earlier line. The
        // outer SELECT reads the snapshot before the insert, so it finds only an earlier row.
        let r = self.query_opt(
            "WITH ins AS (
                 INSERT INTO scratch_keys (kind, key, line) VALUES ($1, $2, $3)
                 ON CONFLICT DO NOTHING RETURNING 1
             )
             SELECT line FROM scratch_keys
             WHERE kind = $1 AND key = $2 AND NOT EXISTS (SELECT 1 FROM ins)",
            &[&(kind as i16), &key, &(line as i64)],
        )?;
        r.map(|r| get::<i64>(&r, 0).map(|l| l as u64)).transpose()
    }

    fn scratch_count_account(&self, account: &str) -> Result<i64> {
        let r = self.query_one(
            "INSERT INTO scratch_accounts (account, n) VALUES ($1, 1)
             ON CONFLICT (account) DO UPDATE SET n = scratch_accounts.n + 1 RETURNING n - 1",
            &[&account],
        )?;
        get(&r, 0)
    }

    /// Nothing to prepare: see the module's comment.
    fn begin_bulk_insert(&self, _adding: u64) -> Result<()> {
        Ok(())
    }

    /// The audit entries still buffered go in now, so a failure is the bulk write's.
    fn finish_bulk_insert(&self) -> Result<()> {
        self.flush_audit()
    }

    /// About 1 MB of COPY text per call: the statement's own cost (a round trip, opening the
    /// table and its indexes) and its savepoint's vanish beside 4096 rows (a 1M import went
    /// from 11.6 s at 128 rows to 8.4 s; 8192 rows were no faster and took 50 MiB instead of
    /// 32), and a batch that breaks a constraint is still small enough to insert again one
    /// row at a time to find the row. Each batch's savepoint is a subtransaction: past 64 of
    /// them (an import of more than 262,144 tokens) PostgreSQL's per-process cache of their
    /// ids overflows, and until the import commits, other sessions that meet its rows look
    /// their status up in pg_subtrans, a little slower. Locating a broken row from COPY's
    /// error instead of a savepoint would lift that; it is not done.
    fn insert_batch_rows(&self) -> usize {
        4096
    }
}
