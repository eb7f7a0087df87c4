//! The expiry job: orphans past their grace, tokens past `expires_at`, and pending tokens whose
//! verification code lapsed all become not_effective, in a few set-based statements, each
//! change audited with its reason. A second run finds nothing.
//!
//! Then the warnings (issue #15): every effective token whose `expires_at` has come within its
//! policy's `expiry.warn_before`, where `[communication.on_expiry_warning]` is enabled, gets one
//! message, in the same transaction. The store marks each token with the `expires_at` it was
//! warned for, so a token is warned once per expiry: never twice for the same one, and again
//! if its expiry changes.

use super::messages::{self, MessageSecrets, Prepared};
use super::Env;
use crate::domain::definition::{Definition, Policy};
use crate::domain::message::Event;
use crate::domain::time::rfc3339;
use crate::error::Result;
use crate::store::{Expired, OrphanRule, Store, Tx, WarnRule};
use serde_json::json;
use std::collections::HashSet;

/// What one run of the job did (or, dry, would do).
#[derive(Debug, Default)]
pub struct ExpiryRun {
    /// The tokens it set not_effective.
    pub expired: Vec<Expired>,
    /// The tokens it warned of their coming expiry, in number order.
    pub warned: Vec<Warned>,
}

/// One token whose expiry came within its warning window.
#[derive(Debug, Clone, PartialEq)]
pub struct Warned {
    pub number: String,
    pub expires_at: i64,
    pub outcome: Warning,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Warning {
    /// Queued as this outbox message (None in a dry run: it would be).
    Queued(Option<i64>),
    /// Nobody to send it to: the reason. The token still counts as warned for this expiry, so
    /// the nightly job does not say so again every night.
    NoRecipient(String),
}

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

/// The warning rules at `now`, each with the policy its tokens are warned under: per definition
/// and classification whose policy has `expiry.warn_before` and an enabled
/// `[communication.on_expiry_warning]`. As everywhere (`policy_for_token`), a token follows its
/// definition's latest version, or, for a classification that version dropped, the version it
/// was issued under; those are found in the definitions' history, not by reading tokens.
pub fn warn_rules(tx: &dyn Tx, now: i64) -> Result<Vec<(WarnRule, Policy)>> {
    let mut rules = Vec::new();
    let mut add = |definition: &str, version: Option<i64>, class: Option<&str>, policy: &Policy| {
        let Some(before) = policy.expiry.warn_before else {
            return;
        };
        if policy.communication.on_expiry_warning.enabled {
            rules.push((
                WarnRule {
                    definition: definition.to_string(),
                    version,
                    classification: class.map(str::to_string),
                    warn_by: now.saturating_add(before.as_secs()),
                },
                policy.clone(),
            ));
        }
    };
    for stored in tx.definitions_latest()? {
        // Through the parse cache: the expiry job reads every version of every definition.
        let Ok(latest) = super::definitions::parse_stored_text(&stored.toml) else {
            continue;
        };
        add(&stored.name, None, None, &latest.base);
        for (name, policy) in &latest.classifications {
            add(&stored.name, None, Some(name), policy);
        }
        for old in tx.definition_history(&stored.name)? {
            if old.version == stored.version {
                continue;
            }
            let Ok(def) = super::definitions::parse_stored_text(&old.toml) else {
                continue;
            };
            for (name, policy) in &def.classifications {
                if !latest.classifications.contains_key(name) {
                    add(&stored.name, Some(old.version), Some(name), policy);
                }
            }
        }
    }
    Ok(rules)
}

/// The warnings of one run, inside its transaction: with `apply`, queued (one message each,
/// audited) and marked; without, only prepared, to say what would be queued. `skip` holds the
/// tokens this run expires (a dry run has not changed their state).
fn warn(tx: &dyn Tx, env: &Env, apply: bool, skip: &HashSet<&str>) -> Result<Vec<Warned>> {
    let mut warned = Vec::new();
    for (rule, policy) in warn_rules(tx, env.now)? {
        for token in tx.expiry_warnings(std::slice::from_ref(&rule), env.now, apply)? {
            if skip.contains(token.number.as_str()) {
                continue;
            }
            let Some(expires_at) = token.expires_at else {
                continue;
            };
            let prepared = messages::prepare(
                tx,
                env,
                &policy,
                Event::OnExpiryWarning,
                &token,
                &MessageSecrets::default(),
                false,
            )?;
            let outcome = match prepared {
                Prepared::Message(message) if apply => {
                    Warning::Queued(Some(tx.queue_message(&message, env.now)?))
                }
                Prepared::Message(_) => Warning::Queued(None),
                Prepared::NoRecipient(why) => Warning::NoRecipient(why),
                // The rule holds only policies whose warning is enabled.
                Prepared::Disabled => continue,
            };
            if apply {
                let (message, reason) = match &outcome {
                    Warning::Queued(id) => (json!(id), None),
                    Warning::NoRecipient(why) => (json!(null), Some(why.as_str())),
                };
                let mut detail = json!({ "expires_at": rfc3339(expires_at), "message": message });
                if let Some(reason) = reason {
                    detail["not_queued"] = json!(reason);
                }
                env.audit(
                    tx,
                    "token.expiry_warning",
                    Some(&token.number),
                    None,
                    detail,
                )?;
            }
            warned.push(Warned {
                number: token.number,
                expires_at,
                outcome,
            });
        }
    }
    warned.sort_by(|a, b| a.number.cmp(&b.number));
    Ok(warned)
}

pub fn expire(store: &mut Store, env: &Env, dry_run: bool) -> Result<ExpiryRun> {
    let run = |tx: &dyn Tx| -> Result<ExpiryRun> {
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
        let skip: HashSet<&str> = changed.iter().map(|e| e.number.as_str()).collect();
        let warned = warn(tx, env, !dry_run, &skip)?;
        Ok(ExpiryRun {
            expired: changed,
            warned,
        })
    };
    if dry_run {
        store.read(run)
    } else {
        store.write(run)
    }
}
