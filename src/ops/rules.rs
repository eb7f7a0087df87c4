//! The token rules that issuance, the life cycle and verification share: the policy that
//! governs a token after issuance, links that must exist and agree, the account cap, and what a
//! token must satisfy to become effective. Each reads through the caller's transaction.

use super::definitions;
use super::Env;
use crate::domain::definition::Policy;
use crate::domain::time::rfc3339;
use crate::domain::token::{State, Token};
use crate::error::{Error, Result};
use crate::store::Tx;

/// The rules that follow a token after issuance: its definition's latest version (so policy
/// changes apply to resets and rotations), with its classification; a classification the
/// latest version dropped falls back to the version the token was issued under.
pub fn policy_for_token(tx: &dyn Tx, token: &Token) -> Result<Policy> {
    let latest = tx.latest_definition(&token.definition)?;
    if let Some(stored) = latest {
        if let Ok(def) = definitions::parse_stored_text(&stored.toml) {
            if let Some(p) = def.policy(token.classification.as_deref()) {
                return Ok(p.clone());
            }
        }
    }
    let def = definitions::version(tx, &token.definition, token.definition_version)?;
    def.policy(token.classification.as_deref())
        .cloned()
        .ok_or_else(|| {
            Error::not_found(format!(
                "classification \"{}\" of token {} is not defined in definition \"{}\"",
                token.classification.as_deref().unwrap_or_default(),
                token.number,
                token.definition
            ))
        })
}

/// Links must exist and agree with each other.
pub(crate) fn check_links(
    tx: &dyn Tx,
    account: Option<&str>,
    participant: Option<&str>,
) -> Result<()> {
    if let Some(p) = participant {
        let found = tx.participant(p)?.ok_or_else(|| {
            Error::not_found(format!(
                "participant \"{p}\" does not exist; add it with tokenadm participant add"
            ))
        })?;
        if let Some(a) = account {
            if found.account != a {
                return Err(Error::invalid(format!(
                    "participant \"{p}\" belongs to account \"{}\", not \"{a}\"",
                    found.account
                )));
            }
        }
    }
    if let Some(a) = account {
        if tx.account(a)?.is_none() {
            return Err(Error::not_found(format!(
                "account \"{a}\" does not exist; add it with tokenadm account add"
            )));
        }
    }
    Ok(())
}

/// The account whose `max_tokens_per_account` a token counts against: its own, or else its
/// participant's (messages treat that as the token's account too).
pub(crate) fn cap_account(
    tx: &dyn Tx,
    account: Option<&str>,
    participant: Option<&str>,
) -> Result<Option<String>> {
    if let Some(a) = account {
        return Ok(Some(a.to_string()));
    }
    match participant {
        Some(p) => Ok(tx.participant(p)?.map(|p| p.account)),
        None => Ok(None),
    }
}

/// The account's token cap: `earlier` tokens of this run already counted against it (not yet
/// in the database), `adding` more now. New tokens are never not_effective, so all count.
pub(crate) fn check_cap(
    tx: &dyn Tx,
    policy: &Policy,
    account: &str,
    earlier: i64,
    adding: i64,
) -> Result<()> {
    let Some(cap) = policy.automation.max_tokens_per_account else {
        return Ok(());
    };
    let live = tx.live_tokens_of_account(account)?;
    if live + earlier + adding > i64::from(cap) {
        let this_run = if earlier > 0 {
            format!(" and this command adds {}", earlier + adding)
        } else {
            String::new()
        };
        return Err(Error::conflict(format!(
            "account \"{account}\" already holds {live} tokens{this_run}; the definition allows at most {cap} (automation.max_tokens_per_account)"
        )));
    }
    Ok(())
}

/// Making a token effective again re-checks what issuing checked.
pub(crate) fn check_can_be_effective(tx: &dyn Tx, env: &Env, token: &Token) -> Result<()> {
    if let Some(exp) = token.expires_at.filter(|e| *e <= env.now) {
        return Err(Error::conflict(format!(
            "token {} expired at {}; an expired token cannot become effective",
            token.number,
            rfc3339(exp)
        )));
    }
    ensure_identifier_free(tx, token)?;
    // A pending_verification token already counts among the live ones; only a not_effective
    // one comes back into the count.
    match cap_account(tx, token.account.as_deref(), token.participant.as_deref())? {
        Some(account) if token.state == State::NotEffective => ensure_room(tx, token, &account),
        _ => Ok(()),
    }
}

/// The token's identifier is not held by another live token.
fn ensure_identifier_free(tx: &dyn Tx, token: &Token) -> Result<()> {
    if let Some(id) = &token.identifier {
        let key = crate::domain::identifier::key(id);
        if let Some(holder) = tx.live_identifier_holder(&key, Some(token.id))? {
            return Err(Error::conflict(format!(
                "identifier \"{id}\" is now held by token {holder}; token {} cannot become effective",
                token.number
            )));
        }
    }
    Ok(())
}

/// `token` is about to count against `account`'s `max_tokens_per_account`: there must be room
/// for one more.
pub(crate) fn ensure_room(tx: &dyn Tx, token: &Token, account: &str) -> Result<()> {
    check_cap(tx, &policy_for_token(tx, token)?, account, 0, 1)
}
