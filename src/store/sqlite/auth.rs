//! What `auth` reads and writes on a token (issue #6): the secret material and lockout columns
//! in one row, the failure count and lock as decided by `ops::authenticate`, the success mark
//! (`last_used_at`, counters cleared) and a compare-and-set re-hash of the pass code. The
//! callers run these inside one `BEGIN IMMEDIATE` transaction, so a read-modify-write of the
//! failure count is exact however many `auth` processes run at once.

use super::tokens::{row, COLS};
use super::tx::{db, SqliteTx};
use crate::domain::time::utc_day;
use crate::error::Result;
use crate::store::queries::{AuthQueries, AuthRow, FailureCount, LifecycleQueries};
use rusqlite::{params, OptionalExtension};

impl AuthQueries for SqliteTx<'_> {
    fn auth_row(&self, id: i64) -> Result<Option<AuthRow>> {
        self.tx
            .prepare_cached(&format!(
                "SELECT {COLS}, pass_hash, failed_auth_count, failed_auth_since
                 FROM tokens WHERE id = ?1"
            ))
            .and_then(|mut s| {
                s.query_row([id], |r| {
                    let n = COLS.split(',').count();
                    Ok(AuthRow {
                        token: row(r)?,
                        pass_hash: r.get(n)?,
                        failed_auth_count: r.get(n + 1)?,
                        failed_auth_since: r.get(n + 2)?,
                    })
                })
                .optional()
            })
            .map_err(db)
    }

    /// The current code's token first (an index probe), else a previous code's in its grace.
    fn auth_row_by_any_auth_digest(
        &self,
        digest: &[u8; 32],
        now: i64,
    ) -> Result<Option<(AuthRow, bool)>> {
        let current: Option<i64> = self
            .tx
            .prepare_cached("SELECT id FROM tokens WHERE auth_digest = ?1")
            .and_then(|mut s| s.query_row([&digest[..]], |r| r.get(0)).optional())
            .map_err(db)?;
        let found = match current {
            Some(id) => Some((id, false)),
            None => self
                .token_id_by_prev_auth_digest(digest, now)?
                .map(|id| (id, true)),
        };
        match found {
            Some((id, previous)) => Ok(self.auth_row(id)?.map(|row| (row, previous))),
            None => Ok(None),
        }
    }

    fn set_auth_failures(&self, id: i64, f: FailureCount) -> Result<()> {
        self.tx
            .prepare_cached(
                "UPDATE tokens SET failed_auth_count = ?2, failed_auth_since = ?3,
                    locked_until = ?4 WHERE id = ?1",
            )
            .and_then(|mut s| s.execute(params![id, f.count, f.since, f.locked_until]))
            .map(drop)
            .map_err(db)
    }

    /// One statement: the day's count rides on the UPDATE that records the success.
    fn record_auth_success(&self, id: i64, now: i64) -> Result<()> {
        self.tx
            .prepare_cached(
                "UPDATE tokens SET last_used_at = ?2,
                    uses_today = CASE WHEN uses_day = ?3 THEN uses_today + 1 ELSE 1 END,
                    uses_day = ?3,
                    failed_auth_count = 0, failed_auth_since = NULL, locked_until = NULL
                 WHERE id = ?1",
            )
            .and_then(|mut s| s.execute(params![id, now, utc_day(now)]))
            .map(drop)
            .map_err(db)
    }

    fn rehash_pass(&self, id: i64, old: &str, new: &str) -> Result<bool> {
        self.tx
            .prepare_cached("UPDATE tokens SET pass_hash = ?3 WHERE id = ?1 AND pass_hash = ?2")
            .and_then(|mut s| s.execute(params![id, old, new]))
            .map(|n| n == 1)
            .map_err(db)
    }
}
