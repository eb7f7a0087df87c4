//! Stored definitions: every applied version of every definition, and which one is active.

use super::tx::{db, instant, SqliteTx};
use crate::error::{Error, Result};
use crate::store::queries::{DefinitionQueries, MetaQueries, StoredDefinition};
use rusqlite::{params, OptionalExtension};

const ACTIVE: &str = "active_definition";

fn row(r: &rusqlite::Row) -> rusqlite::Result<StoredDefinition> {
    let name: String = r.get(0)?;
    let version: i64 = r.get(1)?;
    let what = || format!("definition {name} version {version}");
    Ok(StoredDefinition {
        created_at: instant(r, 3, &what)?,
        toml: r.get(2)?,
        name,
        version,
        created_by: r.get(4)?,
    })
}

const COLS: &str = "name, version, toml, created_at, created_by";

impl DefinitionQueries for SqliteTx<'_> {
    fn latest_definition(&self, name: &str) -> Result<Option<StoredDefinition>> {
        self.tx
            .query_row(
                &format!(
                    "SELECT {COLS} FROM definitions WHERE name = ?1 ORDER BY version DESC LIMIT 1"
                ),
                [name],
                row,
            )
            .optional()
            .map_err(db)
    }

    fn definition_version(&self, name: &str, version: i64) -> Result<Option<StoredDefinition>> {
        self.tx
            .query_row(
                &format!("SELECT {COLS} FROM definitions WHERE name = ?1 AND version = ?2"),
                params![name, version],
                row,
            )
            .optional()
            .map_err(db)
    }

    fn definition_history(&self, name: &str) -> Result<Vec<StoredDefinition>> {
        let mut stmt = self
            .tx
            .prepare(&format!(
                "SELECT {COLS} FROM definitions WHERE name = ?1 ORDER BY version"
            ))
            .map_err(db)?;
        let rows = stmt.query_map([name], row).map_err(db)?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(db)
    }

    fn definitions_latest(&self) -> Result<Vec<StoredDefinition>> {
        let mut stmt = self
            .tx
            .prepare(&format!(
                "SELECT {COLS} FROM definitions d WHERE version =
                   (SELECT max(version) FROM definitions WHERE name = d.name) ORDER BY name"
            ))
            .map_err(db)?;
        let rows = stmt.query_map([], row).map_err(db)?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(db)
    }

    fn insert_definition(&self, d: &StoredDefinition) -> Result<()> {
        self.tx
            .execute(
                &format!("INSERT INTO definitions ({COLS}) VALUES (?1, ?2, ?3, ?4, ?5)"),
                params![d.name, d.version, d.toml, d.created_at, d.created_by],
            )
            .map(drop)
            .map_err(db)
    }

    fn active_definition_name(&self) -> Result<String> {
        let name = self.meta_get(ACTIVE)?.ok_or_else(|| {
            Error::internal("the database has no active definition; run tokenadm init")
        })?;
        String::from_utf8(name)
            .map_err(|_| Error::internal("the active definition name is not UTF-8"))
    }

    fn set_active_definition(&self, name: &str) -> Result<()> {
        self.meta_set(ACTIVE, name.as_bytes())
    }
}
