//! Small per-database values (the active definition's name, the database's own keys) and the
//! counters that never go back.

use super::tx::{get, PgTx};
use crate::error::Result;
use crate::store::queries::MetaQueries;

impl MetaQueries for PgTx<'_> {
    fn meta_get(&self, key: &str) -> Result<Option<Vec<u8>>> {
        self.query_opt("SELECT value FROM meta WHERE key = $1", &[&key])?
            .map(|r| get(&r, 0))
            .transpose()
    }

    fn meta_set(&self, key: &str, value: &[u8]) -> Result<()> {
        self.execute(
            "INSERT INTO meta (key, value) VALUES ($1, $2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            &[&key, &value],
        )
        .map(drop)
    }

    fn schema_version(&self) -> Result<i64> {
        get(
            &self.query_one("SELECT version FROM schema_version", &[])?,
            0,
        )
    }

    fn next_counter(&self, name: &str, n: i64) -> Result<i64> {
        let r = self.query_one(
            "UPDATE counters SET value = value + $2 WHERE name = $1 RETURNING value",
            &[&name, &n],
        )?;
        let last: i64 = get(&r, 0)?;
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
}
