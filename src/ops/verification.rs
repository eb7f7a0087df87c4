//! Verification codes: generated when a token starts pending, stored only as a keyed digest
//! with its expiry, checked by `verify` with a bounded number of wrong attempts, and renewed by
//! `resend-code`. Wrong attempts are committed even though the command fails, so the limit
//! holds however many `verify` processes run at once (each counts inside `BEGIN IMMEDIATE`).

use super::find;
use super::messages::{self, MessageSecrets, Queued};
use super::rules::{check_can_be_effective, policy_for_token};
use super::Env;
use crate::domain::codes;
use crate::domain::definition::Policy;
use crate::domain::message::Event;
use crate::domain::secret::{ct_eq, Secret};
use crate::domain::time::rfc3339;
use crate::domain::token::{State, Token};
use crate::error::{Error, Result};
use crate::store::{Store, Tx};
use serde_json::json;

const KEY: &str = "verification";

/// Gives a pending token a fresh code and queues the message that carries it, with the other
/// secrets the command made or received (`token new`: its pass code and authentication code).
/// Returns the code too, for the command's other messages.
pub fn issue_code(
    tx: &dyn Tx,
    env: &Env,
    policy: &Policy,
    token: &Token,
    made: &MessageSecrets,
) -> Result<(Secret, Queued)> {
    let v = &policy.verification;
    let code = codes::generate_verification_code(v.code_length, v.code_alphabet);
    let key = tx.key(KEY)?;
    let digest = codes::verification_digest(&key, &token.number, code.expose());
    tx.set_verification_code(
        token.id,
        &digest,
        env.now + v.valid_for.as_secs(),
        env.now,
        &env.actor,
    )?;
    let secrets = MessageSecrets {
        verification_code: Some(code.expose()),
        ..*made
    };
    let queued = messages::queue(
        tx,
        env,
        policy,
        Event::OnVerification,
        token,
        &secrets,
        true,
    )?;
    Ok((code, queued))
}

/// What `verify` found; a denial is committed (the attempt counts) and then reported.
pub enum Verified {
    Verified(Box<Token>),
    Denied(Error),
}

pub fn verify(store: &mut Store, env: &Env, number: &str, code: &Secret) -> Result<Verified> {
    store.write(|tx| {
        let token = find::by_number(tx, number)?;
        // The number as stored, whatever case it was given in (issue #12).
        let number: &str = &token.number.clone();
        if token.state != State::PendingVerification {
            return Err(Error::conflict(format!(
                "token {number} is {}, not pending_verification; there is nothing to verify",
                token.state
            )));
        }
        let policy = policy_for_token(tx, &token)?;
        let max = i64::from(policy.verification.max_attempts);
        let stored = tx.verification_code(token.id)?;
        let deny = |action: &str, reason: &str, detail: serde_json::Value| -> Result<()> {
            let detail = json!({ "reason": reason, "detail": detail });
            env.audit(tx, action, Some(number), None, detail)
        };
        let Some(digest) = stored.digest.filter(|_| stored.attempts < max) else {
            deny("token.verify_failed", "attempts_exhausted", json!({ "attempts": stored.attempts }))?;
            return Ok(Verified::Denied(Error::denied(format!(
                "token {number}'s verification code is spent after {} wrong attempts; issue a new one with tokenadm token resend-code {number}",
                stored.attempts
            ))));
        };
        if let Some(exp) = stored.expires_at.filter(|e| *e <= env.now) {
            deny("token.verify_failed", "expired", json!({ "expired_at": exp }))?;
            return Ok(Verified::Denied(Error::denied(format!(
                "token {number}'s verification code expired at {}; issue a new one with tokenadm token resend-code {number}",
                rfc3339(exp)
            ))));
        }
        let key = tx.key(KEY)?;
        let presented = codes::verification_digest(&key, number, code.expose().trim());
        if !ct_eq(&presented, &digest) {
            let attempts = tx.count_wrong_verification(token.id, max)?;
            deny("token.verify_failed", "wrong_code", json!({ "attempts": attempts }))?;
            let left = (max - attempts).max(0);
            let tail = if left == 0 {
                format!("no attempts are left; issue a new code with tokenadm token resend-code {number}")
            } else {
                format!("{left} attempt{} left", if left == 1 { "" } else { "s" })
            };
            return Ok(Verified::Denied(Error::denied(format!(
                "wrong verification code for token {number}; {tail}"
            ))));
        }
        // What every way to effective re-checks: the identifier still free, the token not expired.
        check_can_be_effective(tx, env, &token)?;
        tx.mark_verified(token.id, env.now, &env.actor)?;
        tx.cancel_pending_messages(
            number,
            Some(Event::OnVerification.as_str()),
            "the token was verified",
        )?;
        env.audit(tx, "token.verify", Some(number), None, json!({ "to": "effective" }))?;
        Ok(Verified::Verified(Box::new(find::by_number(tx, number)?)))
    })
}

pub fn resend(store: &mut Store, env: &Env, number: &str) -> Result<(Token, Queued)> {
    store.write(|tx| {
        let token = find::by_number(tx, number)?;
        // The number as stored, whatever case it was given in (issue #12).
        let number: &str = &token.number.clone();
        if token.state != State::PendingVerification {
            return Err(Error::conflict(format!(
                "token {number} is {}; only pending_verification tokens get a new verification code",
                token.state
            )));
        }
        let policy = policy_for_token(tx, &token)?;
        // The old code stops working: its message, if still waiting, must not go out.
        tx.cancel_pending_messages(
            number,
            Some(Event::OnVerification.as_str()),
            "its verification code was superseded by tokenadm token resend-code",
        )?;
        let (_, queued) = issue_code(tx, env, &policy, &token, &MessageSecrets::default())?;
        env.audit(tx, "token.resend_code", Some(number), None, json!({}))?;
        Ok((find::by_number(tx, number)?, queued))
    })
}
