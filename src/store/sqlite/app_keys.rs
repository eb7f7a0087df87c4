//! Consumer application keys (issue #13): the `app_keys` table, found by name or by the
//! SHA-256 digest of the key (both unique indexes).

use super::tx::{db, SqliteTx};
use crate::domain::app_key::AppKey;
use crate::error::{Error, Result};
use crate::store::queries::{AppKeyQueries, NewAppKey};
use rusqlite::{params, OptionalExtension};

const COLS: &str = "id, name, hint, created_at, created_by, revoked_at, revoked_by";

fn row(r: &rusqlite::Row) -> rusqlite::Result<AppKey> {
    Ok(AppKey {
        id: r.get(0)?,
        name: r.get(1)?,
        hint: r.get(2)?,
        created_at: r.get(3)?,
        created_by: r.get(4)?,
        revoked_at: r.get(5)?,
        revoked_by: r.get(6)?,
    })
}

impl AppKeyQueries for SqliteTx<'_> {
    fn insert_app_key(&self, k: &NewAppKey) -> Result<AppKey> {
        if self.app_key_by_name(&k.name)?.is_some() {
            return Err(Error::conflict(format!(
                "an application key named {:?} exists already (names are never reused, not even after a revoke); choose another --name",
                k.name
            )));
        }
        self.tx
            .prepare_cached(&format!(
                "INSERT INTO app_keys (name, digest, hint, created_at, created_by)
                 VALUES (?1, ?2, ?3, ?4, ?5) RETURNING {COLS}"
            ))
            .and_then(|mut s| {
                s.query_row(params![k.name, &k.digest[..], k.hint, k.now, k.actor], row)
            })
            .map_err(db)
    }

    fn app_key_by_name(&self, name: &str) -> Result<Option<AppKey>> {
        self.tx
            .prepare_cached(&format!("SELECT {COLS} FROM app_keys WHERE name = ?1"))
            .and_then(|mut s| s.query_row([name], row).optional())
            .map_err(db)
    }

    fn app_key_by_digest(&self, digest: &[u8; 32]) -> Result<Option<AppKey>> {
        self.tx
            .prepare_cached(&format!("SELECT {COLS} FROM app_keys WHERE digest = ?1"))
            .and_then(|mut s| s.query_row([&digest[..]], row).optional())
            .map_err(db)
    }

    fn list_app_keys(&self) -> Result<Vec<AppKey>> {
        self.tx
            .prepare_cached(&format!("SELECT {COLS} FROM app_keys ORDER BY id"))
            .and_then(|mut s| s.query_map([], row)?.collect())
            .map_err(db)
    }

    fn revoke_app_key(&self, id: i64, now: i64, actor: &str) -> Result<bool> {
        self.tx
            .prepare_cached(
                "UPDATE app_keys SET revoked_at = ?2, revoked_by = ?3
                 WHERE id = ?1 AND revoked_at IS NULL",
            )
            .and_then(|mut s| s.execute(params![id, now, actor]))
            .map(|n| n == 1)
            .map_err(db)
    }
}
