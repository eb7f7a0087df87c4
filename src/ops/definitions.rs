//! Applying, activating and reading definitions. Every apply of a changed definition is a new
//! version; old versions stay readable because tokens record the version they were issued under.

use super::Env;
use crate::domain::definition::Definition;
use crate::error::{Error, Result};
use crate::store::{Store, StoredDefinition, Tx};

/// The active definition, parsed once for the whole invocation.
#[derive(Debug, Clone)]
pub struct Active {
    pub stored: StoredDefinition,
    pub definition: Definition,
}

/// Parses a definition from a file or standard input; `source` names it in errors.
pub fn parse(text: &str, source: &str) -> Result<Definition> {
    Definition::parse(text).map_err(|e| Error::invalid(format!("{source}: {e}")))
}

fn parse_stored(stored: &StoredDefinition) -> Result<Definition> {
    parse_stored_text(&stored.toml)
        .map(|d| Definition::clone(&d))
        .map_err(|e| {
            Error::internal(format!(
            "stored definition {} version {} no longer validates: {e}; apply a corrected version",
            stored.name, stored.version
        ))
        })
}

/// Stored definitions parsed so far in this process, by their text, at most this many.
const PARSED_CAP: usize = 64;

/// Parses the TOML of a stored definition, once per process for each text. A stored version
/// never changes, and `tokenadm serve` reads the token's definition on every login, inside the
/// write transaction: parsing and validating it there each time was most of an
/// authentication-code login's time (issue #13). Keyed by the text itself, so two databases
/// with different definitions of the same name and version never share an entry.
pub(crate) fn parse_stored_text(
    toml: &str,
) -> std::result::Result<std::sync::Arc<Definition>, crate::domain::definition::DefinitionError> {
    use std::collections::HashMap;
    use std::sync::{Arc, Mutex, OnceLock};
    static PARSED: OnceLock<Mutex<HashMap<String, Arc<Definition>>>> = OnceLock::new();
    let cache = PARSED.get_or_init(|| Mutex::new(HashMap::new()));
    if let Some(d) = cache.lock().ok().and_then(|c| c.get(toml).cloned()) {
        return Ok(d);
    }
    let parsed = Arc::new(Definition::parse(toml)?);
    if let Ok(mut c) = cache.lock() {
        if c.len() >= PARSED_CAP {
            c.clear();
        }
        c.insert(toml.to_string(), Arc::clone(&parsed));
    }
    Ok(parsed)
}

pub fn active(tx: &dyn Tx) -> Result<Active> {
    let name = tx.active_definition_name()?;
    let stored = tx
        .latest_definition(&name)?
        .ok_or_else(|| Error::internal(format!("the active definition \"{name}\" is missing")))?;
    let definition = parse_stored(&stored)?;
    Ok(Active { stored, definition })
}

/// The definition (and version) a token was issued under, for rules that follow the token.
pub fn version(tx: &dyn Tx, name: &str, version: i64) -> Result<Definition> {
    let stored = tx.definition_version(name, version)?.ok_or_else(|| {
        Error::not_found(format!("definition \"{name}\" has no version {version}"))
    })?;
    parse_stored(&stored)
}

pub fn show(tx: &dyn Tx, name: Option<&str>, version: Option<i64>) -> Result<StoredDefinition> {
    let name = match name {
        Some(n) => n.to_string(),
        None => tx.active_definition_name()?,
    };
    let found = match version {
        Some(v) => tx.definition_version(&name, v)?,
        None => tx.latest_definition(&name)?,
    };
    found.ok_or_else(|| match version {
        Some(v) if tx.latest_definition(&name).ok().flatten().is_some() => {
            Error::not_found(format!(
                "definition \"{name}\" has no version {v}; see tokenadm definition history {name}"
            ))
        }
        _ => Error::not_found(format!(
            "definition \"{name}\" does not exist; see tokenadm definition list"
        )),
    })
}

/// What `apply` did.
pub struct Applied {
    pub stored: StoredDefinition,
    pub changed: bool,
}

pub fn apply(store: &mut Store, env: &Env, text: &str, source: &str) -> Result<Applied> {
    let definition = parse(text, source)?;
    store.write(|tx| apply_in(tx, env, &definition, text))
}

pub fn apply_in(tx: &dyn Tx, env: &Env, definition: &Definition, text: &str) -> Result<Applied> {
    let latest = tx.latest_definition(&definition.name)?;
    if let Some(latest) = &latest {
        if parse_stored(latest).ok().as_ref() == Some(definition) {
            return Ok(Applied {
                stored: latest.clone(),
                changed: false,
            });
        }
    }
    let stored = StoredDefinition {
        name: definition.name.clone(),
        version: latest.map_or(1, |l| l.version + 1),
        toml: text.to_string(),
        created_at: env.now,
        created_by: env.actor.clone(),
    };
    tx.insert_definition(&stored)?;
    env.audit(
        tx,
        "definition.apply",
        None,
        Some(&stored.name),
        serde_json::json!({ "version": stored.version }),
    )?;
    Ok(Applied {
        stored,
        changed: true,
    })
}

/// Stores a definition and makes it the active one, in one transaction (`definition apply
/// --activate`, `init --definition`): either both happen or neither. Returns what `apply` did
/// and whether the active definition changed.
pub fn apply_and_activate(
    store: &mut Store,
    env: &Env,
    text: &str,
    source: &str,
) -> Result<(Applied, bool)> {
    let definition = parse(text, source)?;
    store.write(|tx| {
        let applied = apply_in(tx, env, &definition, text)?;
        let (_, activated) = activate_in(tx, env, &applied.stored.name)?;
        Ok((applied, activated))
    })
}

pub fn activate(store: &mut Store, env: &Env, name: &str) -> Result<(StoredDefinition, bool)> {
    store.write(|tx| activate_in(tx, env, name))
}

pub fn activate_in(tx: &dyn Tx, env: &Env, name: &str) -> Result<(StoredDefinition, bool)> {
    let stored = tx.latest_definition(name)?.ok_or_else(|| {
        Error::not_found(format!(
            "definition \"{name}\" does not exist; apply it first with tokenadm definition apply FILE"
        ))
    })?;
    if tx.active_definition_name()? == name {
        return Ok((stored, false));
    }
    tx.set_active_definition(name)?;
    env.audit(
        tx,
        "definition.activate",
        None,
        Some(name),
        serde_json::json!({ "version": stored.version }),
    )?;
    Ok((stored, true))
}

pub fn history(tx: &dyn Tx, name: &str) -> Result<Vec<StoredDefinition>> {
    let rows = tx.definition_history(name)?;
    if rows.is_empty() {
        return Err(Error::not_found(format!(
            "definition \"{name}\" does not exist; see tokenadm definition list"
        )));
    }
    Ok(rows)
}

/// A definition's description, for listings; a stored text that no longer parses shows none.
pub fn description(stored: &StoredDefinition) -> String {
    Definition::parse(&stored.toml)
        .map(|d| d.description)
        .unwrap_or_default()
}
