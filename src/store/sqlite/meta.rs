//! Small per-database values: the active definition's name and the database's own keys.

use super::tx::{db, SqliteTx};
use crate::error::Result;
use crate::store::queries::MetaQueries;
use rusqlite::{params, OptionalExtension};

impl MetaQueries for SqliteTx<'_> {
    fn meta_get(&self, key: &str) -> Result<Option<Vec<u8>>> {
        self.tx
            .prepare_cached("SELECT value FROM meta WHERE key = ?1")
            .and_then(|mut s| s.query_row([key], |r| r.get(0)).optional())
            .map_err(db)
    }

    fn meta_set(&self, key: &str, value: &[u8]) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO meta (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            )
            .and_then(|mut s| s.execute(params![key, value]))
            .map(drop)
            .map_err(db)
    }

    fn next_counter(&self, name: &str, n: i64) -> Result<i64> {
        let last: i64 = self
            .tx
            .query_row(
                "UPDATE counters SET value = value + ?2 WHERE name = ?1 RETURNING value",
                params![name, n],
                |r| r.get(0),
            )
            .map_err(db)?;
        let first = last - n + 1;
        if first < 1 {
            // Counters start at 0 and only ever go up: this one was written by something else.
            return Err(crate::error::Error::conflict(format!(
                "the {name} counter in the database is at {}, below zero, which tokenadm never writes; the database was changed outside tokenadm",
                last - n
            )));
        }
        Ok(first)
    }

    fn schema_version(&self) -> Result<i64> {
        self.tx
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(db)
    }
}
