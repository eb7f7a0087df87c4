//! The expiry job: orphans past their grace, tokens past `expires_at`, and pending tokens whose
//! verification code lapsed all become not_effective, in a few set-based statements, each
//! change audited with its reason. A second run finds nothing.

use super::Env;
use crate::domain::definition::{Definition, Policy};
use crate::domain::token::AuditEvent;
use crate::error::Result;
use crate::store::{Expired, OrphanRule, Store, Tx};
use serde_json::json;

/// Which orphans the job sets not_effective at `now`: per definition and classification where
/// `orphans_not_effective` is on, those unlinked longer ago than its `orphan_grace`. The rules
/// come from each definition's latest version.
pub fn orphan_rules(tx: &Tx, now: i64) -> Result<Vec<OrphanRule>> {
    let mut rules = Vec::new();
    for stored in tx.definitions_latest()? {
        let Ok(def) = Definition::parse(&stored.toml) else {
            continue;
        };
        let mut add = |classification: Option<String>, policy: &Policy| {
            if policy.automation.orphans_not_effective {
                rules.push(OrphanRule {
                    definition: stored.name.clone(),
                    classification,
                    unlinked_by: now - policy.expiry.orphan_grace.as_secs(),
                });
            }
        };
        add(None, &def.base);
        for (name, policy) in &def.classifications {
            add(Some(name.clone()), policy);
        }
    }
    Ok(rules)
}

pub fn expire(store: &mut Store, env: &Env, dry_run: bool) -> Result<Vec<Expired>> {
    let run = |tx: &Tx| -> Result<Vec<Expired>> {
        let rules = orphan_rules(tx, env.now)?;
        let changed = tx.expire_tokens(&rules, env.now, &env.actor, !dry_run)?;
        if !dry_run {
            for e in &changed {
                tx.audit(
                    env.now,
                    &env.actor,
                    &AuditEvent {
                        action: "token.expire",
                        token: Some(&e.number),
                        subject: None,
                        detail: json!({
                            "from": e.previous_state.as_str(),
                            "to": "not_effective",
                            "reason": e.reason,
                        }),
                    },
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
