//! What happens to a token after it is issued: state changes through the transition table,
//! links, deletion, pass-code resets and authentication-code rotation.

use super::find;
use super::messages::{self, MessageSecrets, Queued};
use super::rules::{check_can_be_effective, ensure_room, policy_for_token};
use super::Env;
use crate::domain::duration::Duration;
use crate::domain::message::Event;
use crate::domain::secret::Secret;
use crate::domain::time::rfc3339;
use crate::domain::token::{State, Token, Transition};
use crate::domain::{codes, passcode, text};
use crate::error::{Error, Result};
use crate::store::{Store, Tx};
use serde_json::json;

/// The result of `set-state`.
pub struct StateChange {
    pub token: Token,
    pub changed: bool,
}

pub fn set_state(
    store: &mut Store,
    env: &Env,
    number: &str,
    to: State,
    reason: Option<&str>,
    force: bool,
) -> Result<StateChange> {
    if let Some(why) = reason.and_then(|r| text::too_many_chars(r, text::REASON_MAX_CHARS)) {
        return Err(Error::invalid(format!("the --reason {why}")));
    }
    store.write(|tx| {
        let token = find::by_number(tx, number)?;
        // The number as stored, whatever case it was given in (issue #12).
        let number: &str = &token.number.clone();
        let from = token.state;
        match from.transition(to) {
            // Setting a locked-out token effective again is how support staff lift the lock.
            Transition::Same
                if to == State::Effective && token.locked_until.is_some_and(|u| u > env.now) =>
            {
                tx.set_token_state(token.id, to, env.now, &env.actor)?;
                env.audit(
                    tx,
                    "token.unlock",
                    Some(number),
                    None,
                    json!({
                        "locked_until": token.locked_until.map(rfc3339),
                        "reason": reason,
                    }),
                )?;
                return Ok(StateChange { token: find::by_number(tx, number)?, changed: true });
            }
            Transition::Same => return Ok(StateChange { token, changed: false }),
            Transition::Allowed => {}
            Transition::NeedsForce if force => {}
            Transition::NeedsForce => {
                return Err(Error::conflict(format!(
                    "token {number} is pending_verification; it becomes effective through tokenadm verify, or pass --force"
                )))
            }
            Transition::Forbidden => {
                return Err(Error::conflict(format!(
                    "token {number} cannot go from {from} to {to}; only verification or issuance puts a token in pending_verification"
                )))
            }
        }
        if to == State::Effective {
            check_can_be_effective(tx, env, &token)?;
        }
        tx.set_token_state(token.id, to, env.now, &env.actor)?;
        if from == State::PendingVerification {
            tx.clear_verification(token.id)?;
            // Its code is void: the message carrying it must not go out (issue #11, item 7).
            tx.cancel_pending_messages(
                number,
                Some(Event::OnVerification.as_str()),
                "the token left pending_verification",
            )?;
        }
        if to == State::NotEffective {
            tx.cancel_pending_messages(number, None, "the token was set not_effective")?;
        }
        env.audit(
            tx,
            "token.set_state",
            Some(number),
            None,
            json!({
                "from": from.as_str(),
                "to": to.as_str(),
                "reason": reason,
                "forced": force && from.transition(to) == Transition::NeedsForce,
            }),
        )?;
        Ok(StateChange { token: find::by_number(tx, number)?, changed: true })
    })
}

pub fn delete(store: &mut Store, env: &Env, number: &str) -> Result<Token> {
    store.write(|tx| {
        let token = find::by_number(tx, number)?;
        // The number as stored, whatever case it was given in (issue #12).
        let number: &str = &token.number.clone();
        tx.delete_token(token.id)?;
        tx.cancel_pending_messages(number, None, "the token was deleted")?;
        env.audit(
            tx,
            "token.delete",
            Some(number),
            None,
            json!({
                // So that `audit --token` still finds the batch that created it (ops::audit).
                "id": token.id,
                "state": token.state.as_str(),
                "identifier": token.identifier,
                "account": token.account,
                "participant": token.participant,
            }),
        )?;
        Ok(token)
    })
}

/// Which record a link or unlink is about.
#[derive(Debug, Clone)]
pub enum LinkTarget {
    Account(String),
    Participant(String),
}

pub fn link(store: &mut Store, env: &Env, number: &str, target: &LinkTarget) -> Result<Token> {
    store.write(|tx| {
        let token = find::by_number(tx, number)?;
        // The number as stored, whatever case it was given in (issue #12).
        let number: &str = &token.number.clone();
        let (mut account, mut participant) = (token.account.clone(), token.participant.clone());
        match target {
            LinkTarget::Account(a) => {
                super::entities::account(tx, a)?;
                if let Some(current) = &token.account {
                    if current == a {
                        return Ok(token);
                    }
                    return Err(Error::conflict(format!(
                        "token {number} is linked to account \"{current}\"; unlink it first"
                    )));
                }
                if let Some(p) = &token.participant {
                    let part = super::entities::participant(tx, p)?;
                    if &part.account != a {
                        return Err(Error::invalid(format!(
                            "token {number}'s participant \"{p}\" belongs to account \"{}\", not \"{a}\"",
                            part.account
                        )));
                    }
                }
                // A token of one of the account's participants already counts against it.
                if token.participant.is_none() && token.state != State::NotEffective {
                    ensure_room(tx, &token, a)?;
                }
                account = Some(a.clone());
            }
            LinkTarget::Participant(p) => {
                let part = super::entities::participant(tx, p)?;
                if let Some(current) = &token.participant {
                    if current == p {
                        return Ok(token);
                    }
                    return Err(Error::conflict(format!(
                        "token {number} is linked to participant \"{current}\"; unlink it first"
                    )));
                }
                if let Some(a) = &token.account {
                    if &part.account != a {
                        return Err(Error::invalid(format!(
                            "participant \"{p}\" belongs to account \"{}\", not token {number}'s account \"{a}\"",
                            part.account
                        )));
                    }
                }
                // Linked to the participant alone, the token starts to count against the
                // participant's account.
                if token.account.is_none() && token.state != State::NotEffective {
                    ensure_room(tx, &token, &part.account)?;
                }
                participant = Some(p.clone());
            }
        }
        tx.set_token_links(token.id, account.as_deref(), participant.as_deref(), env.now, &env.actor)?;
        audit_link(tx, env, number, "token.link", target)?;
        find::by_number(tx, number)
    })
}

pub fn unlink(store: &mut Store, env: &Env, number: &str, target: &LinkTarget) -> Result<Token> {
    store.write(|tx| {
        let token = find::by_number(tx, number)?;
        // The number as stored, whatever case it was given in (issue #12).
        let number: &str = &token.number.clone();
        let (mut account, mut participant) = (token.account.clone(), token.participant.clone());
        match target {
            LinkTarget::Account(a) if token.account.as_deref() == Some(a) => account = None,
            LinkTarget::Participant(p) if token.participant.as_deref() == Some(p) => {
                participant = None
            }
            LinkTarget::Account(a) => {
                return Err(Error::conflict(format!(
                    "token {number} is not linked to account \"{a}\""
                )))
            }
            LinkTarget::Participant(p) => {
                return Err(Error::conflict(format!(
                    "token {number} is not linked to participant \"{p}\""
                )))
            }
        }
        tx.set_token_links(
            token.id,
            account.as_deref(),
            participant.as_deref(),
            env.now,
            &env.actor,
        )?;
        audit_link(tx, env, number, "token.unlink", target)?;
        find::by_number(tx, number)
    })
}

fn audit_link(
    tx: &dyn Tx,
    env: &Env,
    number: &str,
    action: &str,
    target: &LinkTarget,
) -> Result<()> {
    let detail = match target {
        LinkTarget::Account(a) => json!({ "account": a }),
        LinkTarget::Participant(p) => json!({ "participant": p }),
    };
    env.audit(tx, action, Some(number), None, detail)
}

/// How a token is named on the command line of `reset-passcode`.
#[derive(Debug, Clone)]
pub enum TokenRef {
    Number(String),
    Identifier(String),
}

pub fn resolve(tx: &dyn Tx, r: &TokenRef) -> Result<Token> {
    match r {
        TokenRef::Number(n) => find::by_number(tx, n),
        TokenRef::Identifier(id) => find::by_identifier(tx, id),
    }
}

/// The result of a reset: the token, the generated pass code if any, the message if queued.
pub struct Reset {
    pub token: Token,
    pub generated: Option<Secret>,
    pub message: Option<Queued>,
}

fn require_effective(token: &Token, what: &str) -> Result<()> {
    if token.state != State::Effective {
        return Err(Error::conflict(format!(
            "token {} is {}; only effective tokens can {what}",
            token.number, token.state
        )));
    }
    Ok(())
}

/// Resets the pass code: the given one (checked against the token's policy) or a generated one.
pub fn reset_passcode(
    store: &mut Store,
    env: &Env,
    which: &TokenRef,
    given: Option<Secret>,
    notify: bool,
) -> Result<Reset> {
    // Hashing happens before the write lock; the token is re-read inside the transaction.
    let (token, policy) = store.read(|tx| {
        let token = resolve(tx, which)?;
        let policy = policy_for_token(tx, &token)?;
        Ok((token, policy))
    })?;
    require_effective(&token, "have their pass code reset")?;
    let Some(identifier) = token.identifier.clone() else {
        return Err(Error::invalid(format!(
            "token {} has no identifier, so it has no pass code to reset; it authenticates by its code alone",
            token.number
        )));
    };
    let generated = match &given {
        Some(p) => {
            passcode::check_policy(p.expose(), Some(&identifier), &policy.pass_code)?;
            None
        }
        None => Some(passcode::generate_for(&policy.pass_code, Some(&identifier))),
    };
    let pass = given
        .as_ref()
        .or(generated.as_ref())
        .map(Secret::expose)
        .unwrap_or_default();
    let hash = passcode::hash(pass, policy.pass_code.hash)?;
    store
        .write(|tx| {
            let current = find::by_number(tx, &token.number)?;
            require_effective(&current, "have their pass code reset")?;
            tx.set_pass_hash(current.id, &hash, env.now, &env.actor)?;
            let message = if notify {
                let secrets = MessageSecrets {
                    pass_code: Some(pass),
                    ..Default::default()
                };
                Some(messages::queue(
                    tx,
                    env,
                    &policy,
                    Event::OnReset,
                    &current,
                    &secrets,
                    true,
                )?)
            } else {
                None
            };
            env.audit(
                tx,
                "token.reset_passcode",
                Some(&current.number),
                None,
                json!({ "generated": generated.is_some(), "notified": notify }),
            )?;
            Ok(Reset {
                token: find::by_number(tx, &current.number)?,
                generated: None,
                message,
            })
        })
        .map(|r| Reset { generated, ..r })
}

/// A new authentication code; the old one stops at once or when `grace` ends.
pub fn rotate(
    store: &mut Store,
    env: &Env,
    number: &str,
    grace: Option<Duration>,
) -> Result<(Token, Secret)> {
    store.write(|tx| {
        let token = find::by_number(tx, number)?;
        // The number as stored, whatever case it was given in (issue #12).
        let number: &str = &token.number.clone();
        require_effective(&token, "have their authentication code rotated")?;
        let policy = policy_for_token(tx, &token)?;
        let code = codes::generate_auth_code(&policy.authentication_code, &mut rand::rng());
        let until = grace
            .filter(|g| !g.is_zero())
            .map(|g| env.now + g.as_secs());
        tx.rotate_auth(
            token.id,
            &codes::code_digest(code.expose()),
            &codes::hint(code.expose()),
            until,
            env.now,
            &env.actor,
        )?;
        env.audit(
            tx,
            "token.rotate",
            Some(number),
            None,
            json!({ "grace": grace.map(|g| g.to_string()), "old_code_until": until }),
        )?;
        Ok((find::by_number(tx, number)?, code))
    })
}
