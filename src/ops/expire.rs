//! The expiry job: orphans past their grace, tokens past `expires_at`, and pending tokens whose
//! verification code lapsed all become not_effective, in a few set-based statements, each
//! change audited with its reason. A second run finds nothing.

use super::Env;
use crate::domain::definition::{Definition, Policy};
use crate::error::Result;
use crate::store::{Expired, OrphanRule, Store, Tx};
use serde_json::json;

/// Which orphans the job sets not_effective at `now`: per definition and classification where
/// `orphans_not_effective` is on, those unlinked longer ago than its `orphan_grace`. As for
/// every other rule (`policy_for_token`), a token's policy is its definition's latest version's,
/// or, for a classification that version dropped, the one of the version it was issued under.
pub fn orphan_rules(tx: &dyn Tx, now: i64) -> Result<Vec<OrphanRule>> {
    let mut rules = Vec::new();
    let mut add = |definition: &str, version: Option<i64>, class: Option<&str>, policy: &Policy| {
        if policy.automation.orphans_not_effective {
            rules.push(OrphanRule {
                definition: definition.to_string(),
                version,
                classification: class.map(str::to_string),
                unlinked_by: now - policy.expiry.orphan_grace.as_secs(),
            });
        }
    };
    let mut latest = std::collections::HashMap::new();
    for stored in tx.definitions_latest()? {
        let Ok(def) = Definition::parse(&stored.toml) else {
            continue;
        };
        add(&stored.name, None, None, &def.base);
        for (name, policy) in &def.classifications {
            add(&stored.name, None, Some(name), policy);
        }
        latest.insert(stored.name.clone(), def);
    }
    for (definition, version, class) in tx.orphan_classifications()? {
        if latest
            .get(&definition)
            .is_some_and(|d| d.classifications.contains_key(&class))
        {
            continue;
        }
        let Some(stored) = tx.definition_version(&definition, version)? else {
            continue;
        };
        if let Some(policy) = Definition::parse(&stored.toml)
            .ok()
            .and_then(|d| d.classifications.get(&class).cloned())
        {
            add(&definition, Some(version), Some(&class), &policy);
        }
    }
    Ok(rules)
}

pub fn expire(store: &mut Store, env: &Env, dry_run: bool) -> Result<Vec<Expired>> {
    let run = |tx: &dyn Tx| -> Result<Vec<Expired>> {
        let rules = orphan_rules(tx, env.now)?;
        let changed = tx.expire_tokens(&rules, env.now, &env.actor, !dry_run)?;
        if !dry_run && !changed.is_empty() {
            tx.cancel_messages_of_ineffective_tokens("the token expired")?;
        }
        if !dry_run {
            for e in &changed {
                env.audit(
                    tx,
                    "token.expire",
                    Some(&e.number),
                    None,
                    json!({
                        "from": e.previous_state.as_str(),
                        "to": "not_effective",
                        "reason": e.reason,
                    }),
                )?;
            }
        }
        Ok(changed)
    };
    if dry_run {
        store.read(run)
    } else {
        store.write(run)
    }
}
