//! What `auth` reads and writes on a token (issue #6), as `sqlite/auth.rs`: the callers run
//! these inside one write transaction, under the write lock, so a read-modify-write of the
//! failure count is exact however many `auth` processes run at once, on any host.

use super::tokens::{row, COLS, N_COLS};
use super::tx::{get, PgTx};
use crate::error::Result;
use crate::store::queries::{AuthQueries, AuthRow, FailureCount};

impl AuthQueries for PgTx<'_> {
    fn auth_row(&self, id: i64) -> Result<Option<AuthRow>> {
        let Some(r) = self.query_opt(
            &format!(
                "SELECT {COLS}, pass_hash, failed_auth_count, failed_auth_since
                 FROM tokens WHERE id = $1"
            ),
            &[&id],
        )?
        else {
            return Ok(None);
        };
        Ok(Some(AuthRow {
            token: row(&r)?,
            pass_hash: get(&r, N_COLS)?,
            failed_auth_count: get(&r, N_COLS + 1)?,
            failed_auth_since: get(&r, N_COLS + 2)?,
        }))
    }

    /// One statement: the current code's token first, else a previous code's in its grace.
    fn auth_row_by_any_auth_digest(
        &self,
        digest: &[u8; 32],
        now: i64,
    ) -> Result<Option<(AuthRow, bool)>> {
        let Some(r) = self.query_opt(
            &format!(
                "SELECT {COLS}, pass_hash, failed_auth_count, failed_auth_since,
                        auth_digest <> $1
                 FROM tokens
                 WHERE auth_digest = $1 OR (prev_auth_digest = $1 AND prev_auth_until > $2)
                 ORDER BY auth_digest = $1 DESC
                 LIMIT 1"
            ),
            &[&&digest[..], &now],
        )?
        else {
            return Ok(None);
        };
        let row = AuthRow {
            token: row(&r)?,
            pass_hash: get(&r, N_COLS)?,
            failed_auth_count: get(&r, N_COLS + 1)?,
            failed_auth_since: get(&r, N_COLS + 2)?,
        };
        Ok(Some((row, get(&r, N_COLS + 3)?)))
    }

    fn set_auth_failures(&self, id: i64, f: FailureCount) -> Result<()> {
        self.execute(
            "UPDATE tokens SET failed_auth_count = $2, failed_auth_since = $3,
                locked_until = $4 WHERE id = $1",
            &[&id, &f.count, &f.since, &f.locked_until],
        )
        .map(drop)
    }

    fn record_auth_success(&self, id: i64, now: i64) -> Result<()> {
        self.execute(
            "UPDATE tokens SET last_used_at = $2,
                uses_today = CASE WHEN uses_day = $3 THEN uses_today + 1 ELSE 1 END,
                uses_day = $3,
                failed_auth_count = 0, failed_auth_since = NULL, locked_until = NULL
             WHERE id = $1",
            &[&id, &now, &crate::domain::time::utc_day(now)],
        )
        .map(drop)
    }

    fn rehash_pass(&self, id: i64, old: &str, new: &str) -> Result<bool> {
        self.execute(
            "UPDATE tokens SET pass_hash = $3 WHERE id = $1 AND pass_hash = $2",
            &[&id, &old, &new],
        )
        .map(|n| n == 1)
    }
}
