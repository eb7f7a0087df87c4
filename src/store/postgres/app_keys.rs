//! Consumer application keys (issue #13), as `sqlite/app_keys.rs`: the `app_keys` table, found
//! by name or by the SHA-256 digest of the key (both unique indexes).

use super::tx::{get, PgTx};
use crate::domain::app_key::AppKey;
use crate::error::{Error, Result};
use crate::store::queries::{AppKeyQueries, NewAppKey};
use postgres::Row;

const COLS: &str = "id, name, hint, created_at, created_by, revoked_at, revoked_by";

fn row(r: &Row) -> Result<AppKey> {
    Ok(AppKey {
        id: get(r, 0)?,
        name: get(r, 1)?,
        hint: get(r, 2)?,
        created_at: get(r, 3)?,
        created_by: get(r, 4)?,
        revoked_at: get(r, 5)?,
        revoked_by: get(r, 6)?,
    })
}

impl AppKeyQueries for PgTx<'_> {
    fn insert_app_key(&self, k: &NewAppKey) -> Result<AppKey> {
        if self.app_key_by_name(&k.name)?.is_some() {
            return Err(Error::conflict(format!(
                "an application key named {:?} exists already (names are never reused, not even after a revoke); choose another --name",
                k.name
            )));
        }
        row(&self.query_one(
            &format!(
                "INSERT INTO app_keys (name, digest, hint, created_at, created_by)
                 VALUES ($1, $2, $3, $4, $5) RETURNING {COLS}"
            ),
            &[&k.name, &&k.digest[..], &k.hint, &k.now, &k.actor],
        )?)
    }

    fn app_key_by_name(&self, name: &str) -> Result<Option<AppKey>> {
        self.query_opt(
            &format!("SELECT {COLS} FROM app_keys WHERE name = $1"),
            &[&name],
        )?
        .map(|r| row(&r))
        .transpose()
    }

    fn app_key_by_digest(&self, digest: &[u8; 32]) -> Result<Option<AppKey>> {
        self.query_opt(
            &format!("SELECT {COLS} FROM app_keys WHERE digest = $1"),
            &[&&digest[..]],
        )?
        .map(|r| row(&r))
        .transpose()
    }

    fn list_app_keys(&self) -> Result<Vec<AppKey>> {
        self.query(&format!("SELECT {COLS} FROM app_keys ORDER BY id"), &[])?
            .iter()
            .map(row)
            .collect()
    }

    fn revoke_app_key(&self, id: i64, now: i64, actor: &str) -> Result<bool> {
        self.execute(
            "UPDATE app_keys SET revoked_at = $2, revoked_by = $3
             WHERE id = $1 AND revoked_at IS NULL",
            &[&id, &now, &actor],
        )
        .map(|n| n == 1)
    }
}
