//! Consumer application keys (issue #13): `tokenadm app-key new | list | show | revoke`, and
//! the check `tokenadm serve` makes of the key each request presents. A key is generated here,
//! handed back once to be printed, and stored as its digest; every change is audited. The
//! server looks the key up on every request (one index probe), so a revoke made by another
//! process stops the key at its next request.

use super::Env;
use crate::domain::app_key::{self, AppKey};
use crate::domain::secret::Secret;
use crate::domain::time::rfc3339;
use crate::error::{Error, Result};
use crate::store::{NewAppKey, Store, Tx};
use serde_json::json;

/// Makes a key named `name`; returns it with the key itself, which is never retrievable again.
pub fn create(store: &mut Store, env: &Env, name: &str) -> Result<(AppKey, Secret)> {
    app_key::validate_name(name)?;
    let key = app_key::generate();
    let new = NewAppKey {
        name: name.to_string(),
        digest: app_key::digest(key.expose()),
        hint: app_key::hint(key.expose()),
        now: env.now,
        actor: env.actor.clone(),
    };
    let stored = store.write(|tx| {
        let stored = tx.insert_app_key(&new)?;
        env.audit(
            tx,
            "app_key.create",
            None,
            Some(&stored.name),
            json!({ "key_hint": stored.hint }),
        )?;
        Ok(stored)
    })?;
    Ok((stored, key))
}

/// The key named `name`, live or revoked.
pub fn show(tx: &dyn Tx, name: &str) -> Result<AppKey> {
    tx.app_key_by_name(name)?.ok_or_else(|| {
        Error::not_found(format!(
            "no application key is named {name:?}; see tokenadm app-key list"
        ))
    })
}

/// Revokes the key named `name`: from its next request on, the server refuses it.
pub fn revoke(store: &mut Store, env: &Env, name: &str) -> Result<AppKey> {
    store.write(|tx| {
        let key = show(tx, name)?;
        if let Some(at) = key.revoked_at {
            return Err(Error::conflict(format!(
                "application key {name:?} was revoked already, at {}",
                rfc3339(at)
            )));
        }
        tx.revoke_app_key(key.id, env.now, &env.actor)?;
        env.audit(
            tx,
            "app_key.revoke",
            None,
            Some(&key.name),
            json!({ "key_hint": key.hint }),
        )?;
        show(tx, name)
    })
}

/// The live key a request presents, or None for a key that is malformed, unknown or revoked
/// (the caller answers all three alike). A malformed key costs no query.
pub fn resolve(tx: &dyn Tx, presented: &str) -> Result<Option<AppKey>> {
    if !app_key::well_formed(presented) {
        return Ok(None);
    }
    Ok(tx
        .app_key_by_digest(&app_key::digest(presented))?
        .filter(|k| !k.is_revoked()))
}
