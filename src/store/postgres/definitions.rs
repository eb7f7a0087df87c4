//! Stored definitions: every applied version of every definition, and which one is active.

use super::tx::{get, instant, PgTx};
use crate::error::{Error, Result};
use crate::store::queries::{DefinitionQueries, MetaQueries, StoredDefinition};
use postgres::Row;

const ACTIVE: &str = "active_definition";

const COLS: &str = "name, version, toml, created_at, created_by";

fn row(r: &Row) -> Result<StoredDefinition> {
    let name: String = get(r, 0)?;
    let version: i64 = get(r, 1)?;
    let what = || format!("definition {name} version {version}");
    Ok(StoredDefinition {
        toml: get(r, 2)?,
        created_at: instant(r, 3, &what)?,
        created_by: get(r, 4)?,
        name,
        version,
    })
}

impl DefinitionQueries for PgTx<'_> {
    fn latest_definition(&self, name: &str) -> Result<Option<StoredDefinition>> {
        self.query_opt(
            &format!(
                "SELECT {COLS} FROM definitions WHERE name = $1 ORDER BY version DESC LIMIT 1"
            ),
            &[&name],
        )?
        .map(|r| row(&r))
        .transpose()
    }

    fn definition_version(&self, name: &str, version: i64) -> Result<Option<StoredDefinition>> {
        self.query_opt(
            &format!("SELECT {COLS} FROM definitions WHERE name = $1 AND version = $2"),
            &[&name, &version],
        )?
        .map(|r| row(&r))
        .transpose()
    }

    fn definition_history(&self, name: &str) -> Result<Vec<StoredDefinition>> {
        self.query(
            &format!("SELECT {COLS} FROM definitions WHERE name = $1 ORDER BY version"),
            &[&name],
        )?
        .iter()
        .map(row)
        .collect()
    }

    fn definitions_latest(&self) -> Result<Vec<StoredDefinition>> {
        self.query(
            &format!(
                "SELECT {COLS} FROM definitions d WHERE version =
                   (SELECT max(version) FROM definitions WHERE name = d.name) ORDER BY name"
            ),
            &[],
        )?
        .iter()
        .map(row)
        .collect()
    }

    fn insert_definition(&self, d: &StoredDefinition) -> Result<()> {
        self.execute(
            &format!("INSERT INTO definitions ({COLS}) VALUES ($1, $2, $3, $4, $5)"),
            &[&d.name, &d.version, &d.toml, &d.created_at, &d.created_by],
        )
        .map(drop)
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
