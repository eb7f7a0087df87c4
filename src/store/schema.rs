//! What both engines' migrations share: the first contents of a new database, and the refusal
//! of a schema version no tokenadm of this age writes.

use super::queries::{AuditQueries, DefinitionQueries, StoredDefinition, SYSTEM_ACTOR};
use crate::domain::definition::DEFAULT_TOML;
use crate::domain::token::AuditEvent;
use crate::error::{Error, Result};

/// A new database starts with the built-in `default` definition, active, so that the first
/// command of a newcomer needs no set-up; `version` is the schema it was created at.
pub(super) fn seed<T>(tx: &T, now: i64, version: i64) -> Result<()>
where
    T: AuditQueries + DefinitionQueries + ?Sized,
{
    tx.insert_definition(&StoredDefinition {
        name: "default".into(),
        version: 1,
        toml: DEFAULT_TOML.into(),
        created_at: now,
        created_by: SYSTEM_ACTOR.into(),
    })?;
    tx.set_active_definition("default")?;
    tx.audit(
        now,
        SYSTEM_ACTOR,
        &AuditEvent {
            action: "database.create",
            token: None,
            subject: Some("default"),
            detail: serde_json::json!({ "schema_version": version, "active_definition": "default" }),
        },
    )
}

/// Refuses a database at `location` whose schema `version` is not one this tokenadm (writing
/// `current`) may read or migrate: negative (changed outside tokenadm) or newer (exit 5).
pub(super) fn check_not_newer(version: i64, current: i64, location: &str) -> Result<()> {
    if version < 0 {
        return Err(Error::conflict(format!(
            "{location} has schema version {version}, which no tokenadm writes; it was changed outside tokenadm, so it is left as it is"
        )));
    }
    if version > current {
        return Err(Error::conflict(format!(
            "{location} has schema version {version}, newer than this tokenadm understands ({current}); upgrade tokenadm"
        )));
    }
    Ok(())
}
