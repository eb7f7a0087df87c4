//! `auth` (issue #6): a third party proves it holds a token's authentication code, or its
//! identifier and pass code, and gets the token (or a session for it) back.
//!
//! What the caller learns is one bit: granted, or [`DENIED`]. Which check failed goes to the
//! audit log only (`token.auth_failed` with a `reason`), so the answer cannot be used to find
//! out which identifiers or codes exist, or that a guessed pass code was right for a locked
//! token. For the same reason an unknown identifier costs the argon2 work a known one does.
//!
//! Order of the checks, once the token is known: locked out (the secret is not considered, and
//! the attempt does not count), wrong pass code (counts toward the lockout), not effective,
//! expired, over the daily limit (issue #15), granted. Only a wrong secret counts: a refusal for the token's state or expiry is
//! not a guess (whoever made it holds the secret), and an authentication code cannot be wrong
//! for a known token, since the code is how the token is found.
//!
//! Argon2 (verifying, re-hashing) runs before the write transaction; the transaction re-reads
//! the token, and if its pass-code hash changed in between (a reset), the attempt is made again
//! against the new one. Failed attempts are committed even though the command then fails, the
//! way `verification::verify` commits wrong codes, so the lockout count is exact however many
//! `auth` processes run at once: each reads and writes the count inside `BEGIN IMMEDIATE`.
//!
//! The daily limit (`[usage] daily_limit`) counts successful `auth`s per token per UTC day. The
//! count is read with the token under the write lock and raised by the same UPDATE that records
//! the success (`record_auth_success`), so it is exact however many run at once and costs no
//! write of its own; a refusal over the limit writes only its audit entry.

use super::definitions;
use super::rules::policy_for_token;
use super::session::{self, Session, SessionRequest};
use super::Env;
use crate::domain::codes;
use crate::domain::definition::{HashParams, LockoutPolicy, Policy};
use crate::domain::identifier;
use crate::domain::passcode;
use crate::domain::secret::Secret;
use crate::domain::time::{rfc3339, utc_day, DAY};
use crate::domain::token::{State, Token};
use crate::error::{Error, Result};
use crate::store::{AuthRow, FailureCount, Store, Tx};
use serde_json::{json, Value};

/// The one message every refused `auth` gets, whatever the reason.
pub const DENIED: &str =
    "authentication failed; the audit log records why (tokenadm audit --action token.auth_failed)";

/// How many times a pass code is verified again when its hash changes under us.
const ATTEMPTS: usize = 3;

/// What the caller presents.
#[derive(Debug)]
pub enum Credential {
    AuthCode(Secret),
    PassCode {
        identifier: String,
        pass_code: Secret,
    },
}

/// A granted `auth`: the token as it is now (with `last_used_at`), and the session if asked for.
#[derive(Debug)]
pub struct Granted {
    pub token: Token,
    pub session: Option<Session>,
    /// The token's `usage.daily_limit`, where its policy sets one.
    pub daily_limit: Option<u32>,
}

/// A refusal is committed (audit entry, failure count) and then reported as [`DENIED`].
#[derive(Debug)]
pub enum Authenticated {
    Granted(Box<Granted>),
    Denied(Denial),
}

/// A refused attempt: the one error every refusal gets, and, for a front door that must tell
/// a lockout or the daily limit apart (the Web API answers them 429 with `Retry-After`), why
/// and until when.
#[derive(Debug)]
pub struct Denial {
    pub error: Error,
    pub reason: Refusal,
    /// Set when the refusal ends at a known instant: a lockout's end, the next UTC day for
    /// the daily limit.
    pub until: Option<i64>,
}

/// Why an attempt was refused, as the audit log names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    UnknownIdentifier,
    UnknownCode,
    /// A code with the definition's prefix whose checksum is wrong: a typo, or guessing.
    MalformedCode,
    WrongPassCode,
    NotEffective,
    Expired,
    LockedOut,
    /// The token had its `usage.daily_limit` of successful `auth`s today (UTC).
    DailyLimit,
}

impl Refusal {
    pub fn as_str(self) -> &'static str {
        match self {
            Refusal::UnknownIdentifier => "unknown_identifier",
            Refusal::UnknownCode => "unknown_code",
            Refusal::MalformedCode => "malformed_code",
            Refusal::WrongPassCode => "wrong_pass_code",
            Refusal::NotEffective => "not_effective",
            Refusal::Expired => "expired",
            Refusal::LockedOut => "locked_out",
            Refusal::DailyLimit => "daily_limit",
        }
    }
}

/// Authenticates `credential`; with `session`, a granted attempt also mints a session token
/// (with the claims the request adds).
pub fn authenticate(
    store: &mut Store,
    env: &Env,
    credential: &Credential,
    session: Option<&SessionRequest>,
) -> Result<Authenticated> {
    match credential {
        Credential::AuthCode(code) => by_auth_code(store, env, code, session),
        Credential::PassCode {
            identifier,
            pass_code,
        } => by_pass_code(store, env, identifier, pass_code, session),
    }
}

fn by_auth_code(
    store: &mut Store,
    env: &Env,
    code: &Secret,
    session: Option<&SessionRequest>,
) -> Result<Authenticated> {
    store.write(|tx| by_auth_code_in(tx, env, code, session))
}

/// The whole of an authentication-code `auth`, inside a write transaction the caller opened:
/// it needs no work before the transaction (no argon2), so `tokenadm serve` runs the ones that
/// arrive together in one transaction (`Store::write_group`, issue #13). The same checks, writes
/// and audit entries as [`authenticate`] with [`Credential::AuthCode`].
pub fn by_auth_code_in(
    tx: &dyn Tx,
    env: &Env,
    code: &Secret,
    session: Option<&SessionRequest>,
) -> Result<Authenticated> {
    // The lookup is by SHA-256 digest: an index probe whose timing says nothing about the code.
    // It comes first: a code some token holds is that token's, whatever a checksum rule of the
    // active definition says (a classification or an older version may issue codes without one).
    let digest = codes::code_digest(code.expose());
    let found = tx.auth_row_by_any_auth_digest(&digest, env.now)?;
    let Some((row, previous)) = found else {
        // Held by no token. One that looks generated but fails its checksum was mistyped
        // (or guessed): the same answer, with the reason in the audit log.
        let active = definitions::active(tx)?;
        let policy = &active.definition.base.authentication_code;
        let reason = match codes::validate_presented_code(code.expose(), policy) {
            Ok(()) => Refusal::UnknownCode,
            Err(_) => Refusal::MalformedCode,
        };
        return refuse(tx, env, None, reason, json!({}));
    };
    let via = if previous {
        "previous_authentication_code"
    } else {
        "authentication_code"
    };
    decide(tx, env, &row, true, via, None, session)
}

/// What a read snapshot says about an identifier, before argon2 runs.
enum Snapshot {
    /// No token holds the identifier: the parameters to spend a dummy verify under, and whether
    /// the identifier is well-formed for the active definition.
    Unknown(HashParams, bool),
    Known(Box<(AuthRow, Policy)>),
}

fn by_pass_code(
    store: &mut Store,
    env: &Env,
    id: &str,
    pass: &Secret,
    session: Option<&SessionRequest>,
) -> Result<Authenticated> {
    for _ in 0..ATTEMPTS {
        let snapshot = store.read(|tx| {
            let found = super::find::holding_identifier(tx, id)?;
            let row = match found {
                Some(t) => tx.auth_row(t.id)?,
                None => None,
            };
            match row {
                Some(row) => {
                    let policy = policy_for_token(tx, &row.token)?;
                    Ok(Snapshot::Known(Box::new((row, policy))))
                }
                None => {
                    let policy = definitions::active(tx)?.definition.base;
                    let well_formed = identifier::validate(id, &policy.identifier).is_ok();
                    Ok(Snapshot::Unknown(policy.pass_code.hash, well_formed))
                }
            }
        })?;
        let (row, policy) = match snapshot {
            Snapshot::Unknown(params, well_formed) => {
                passcode::dummy_verify(pass.expose(), params);
                // People type their pass code into the identifier field: what is not even a
                // well-formed identifier stays out of the audit log, which is not for secrets.
                let detail = if well_formed {
                    json!({ "identifier": id })
                } else {
                    json!({ "identifier": null, "withheld": "not a well-formed identifier" })
                };
                return store.write(|tx| refuse(tx, env, None, Refusal::UnknownIdentifier, detail));
            }
            Snapshot::Known(known) => *known,
        };

        let pass_ok = match &row.pass_hash {
            Some(phc) => passcode::verify(pass.expose(), phc),
            None => {
                passcode::dummy_verify(pass.expose(), policy.pass_code.hash);
                false
            }
        };
        // Re-hash now, outside the lock, if this attempt will probably be granted and the
        // stored hash is weaker than the token's definition asks for today.
        let wanted = policy.pass_code.hash;
        let rehash = match &row.pass_hash {
            Some(old)
                if pass_ok
                    && grantable(&row.token, env.now)
                    && !over_daily_limit(&row.token, &policy, env.now)
                    && passcode::weaker_than(old, wanted) =>
            {
                Some((old.clone(), passcode::hash(pass.expose(), wanted)?))
            }
            _ => None,
        };

        let outcome = store.write(|tx| {
            let Some(now_row) = tx.auth_row(row.token.id)? else {
                // Deleted since the snapshot: as if it had never been there.
                return refuse(
                    tx,
                    env,
                    None,
                    Refusal::UnknownIdentifier,
                    json!({ "identifier": id }),
                )
                .map(Some);
            };
            if now_row.pass_hash != row.pass_hash {
                return Ok(None);
            }
            decide(
                tx,
                env,
                &now_row,
                pass_ok,
                "pass_code",
                rehash.as_ref().map(|(o, n)| (o.as_str(), n.as_str())),
                session,
            )
            .map(Some)
        })?;
        if let Some(outcome) = outcome {
            return Ok(outcome);
        }
    }
    Err(Error::internal(
        "the token's pass code kept changing while authenticating; try again",
    ))
}

/// Effective, unexpired and not locked out at `now` (the secret aside).
fn grantable(t: &Token, now: i64) -> bool {
    t.state == State::Effective
        && t.expires_at.is_none_or(|e| e > now)
        && t.locked_until.is_none_or(|u| u <= now)
}

/// Whether the token has had its daily limit of successful `auth`s on the UTC day of `now`.
fn over_daily_limit(t: &Token, policy: &Policy, now: i64) -> bool {
    policy
        .usage
        .daily_limit
        .is_some_and(|limit| t.uses_today(now) >= i64::from(limit.get()))
}

/// The checks on a known token, inside the write transaction, and what they lead to.
fn decide(
    tx: &dyn Tx,
    env: &Env,
    row: &AuthRow,
    secret_ok: bool,
    via: &str,
    rehash: Option<(&str, &str)>,
    session: Option<&SessionRequest>,
) -> Result<Authenticated> {
    let t = &row.token;
    let number = Some(t.number.as_str());
    if let Some(until) = t.locked_until.filter(|u| *u > env.now) {
        return refuse_until(
            tx,
            env,
            number,
            Refusal::LockedOut,
            json!({ "via": via, "locked_until": rfc3339(until) }),
            Some(until),
        );
    }
    let policy = policy_for_token(tx, t)?;
    if !secret_ok {
        let f = after_failure(
            row.failed_auth_count,
            row.failed_auth_since,
            &policy.lockout,
            env.now,
        );
        tx.set_auth_failures(t.id, f)?;
        return refuse(
            tx,
            env,
            number,
            Refusal::WrongPassCode,
            json!({
                "via": via,
                "failed_attempts": f.count,
                "max_failures": policy.lockout.max_failures,
                "locked_until": f.locked_until.map(rfc3339),
            }),
        );
    }
    if t.state != State::Effective {
        return refuse(
            tx,
            env,
            number,
            Refusal::NotEffective,
            json!({ "via": via, "state": t.state.as_str() }),
        );
    }
    if let Some(exp) = t.expires_at.filter(|e| *e <= env.now) {
        return refuse(
            tx,
            env,
            number,
            Refusal::Expired,
            json!({ "via": via, "expired_at": rfc3339(exp) }),
        );
    }
    if over_daily_limit(t, &policy, env.now) {
        let until = (utc_day(env.now) + 1) * DAY;
        return refuse_until(
            tx,
            env,
            number,
            Refusal::DailyLimit,
            json!({
                "via": via,
                "uses_today": t.uses_today(env.now),
                "daily_limit": policy.usage.daily_limit.map(|l| l.get()),
                "until": rfc3339(until),
            }),
            Some(until),
        );
    }

    tx.record_auth_success(t.id, env.now)?;
    let mut detail = json!({ "via": via });
    if let Some((old, new)) = rehash {
        if tx.rehash_pass(t.id, old, new)? {
            detail["rehashed"] = json!({ "from": params_text(old), "to": params_text(new) });
        }
    }
    let session = if let Some(request) = session {
        let s = session::mint(tx, env, t, &policy, request)?;
        detail["session"] = json!({ "jti": s.claims.jti, "expires_at": rfc3339(s.claims.exp) });
        Some(s)
    } else {
        None
    };
    env.audit(tx, "token.auth", number, None, detail)?;
    let token = tx
        .token_by_number(&t.number)?
        .ok_or_else(|| Error::internal(format!("token {} vanished", t.number)))?;
    Ok(Authenticated::Granted(Box::new(Granted {
        token,
        session,
        daily_limit: policy.usage.daily_limit.map(|l| l.get()),
    })))
}

/// Writes the refusal's audit entry; the caller returns it as `Ok` so that it commits.
fn refuse(
    tx: &dyn Tx,
    env: &Env,
    number: Option<&str>,
    reason: Refusal,
    detail: Value,
) -> Result<Authenticated> {
    refuse_until(tx, env, number, reason, detail, None)
}

/// [`refuse`] for a refusal that ends at `until` (a lockout, the daily limit).
fn refuse_until(
    tx: &dyn Tx,
    env: &Env,
    number: Option<&str>,
    reason: Refusal,
    mut detail: Value,
    until: Option<i64>,
) -> Result<Authenticated> {
    detail["reason"] = json!(reason.as_str());
    env.audit(tx, "token.auth_failed", number, None, detail)?;
    Ok(Authenticated::Denied(Denial {
        error: Error::denied(DENIED),
        reason,
        until,
    }))
}

/// The lockout counters after one more failed attempt at `now`: a window that has passed starts
/// again at this attempt; reaching `max_failures` within the window locks the token until the
/// window ends.
fn after_failure(
    count: i64,
    since: Option<i64>,
    lockout: &LockoutPolicy,
    now: i64,
) -> FailureCount {
    let window = lockout.window.as_secs();
    let (count, since) = match since {
        Some(s) if now < s.saturating_add(window) => (count + 1, s),
        _ => (1, now),
    };
    let locked_until = (count >= i64::from(lockout.max_failures)).then(|| since + window);
    FailureCount {
        count,
        since: Some(since),
        locked_until,
    }
}

/// `m=…,t=…,p=…` of a PHC string, for the audit log (cost parameters, never the hash).
fn params_text(phc: &str) -> Value {
    match passcode::params_of(phc) {
        Some(p) => json!(format!(
            "m={},t={},p={}",
            p.memory_kib, p.iterations, p.parallelism
        )),
        None => Value::Null,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::duration::Duration;

    fn lockout(max: u32, window: i64) -> LockoutPolicy {
        LockoutPolicy {
            max_failures: max,
            window: Duration::from_secs(window),
        }
    }

    #[test]
    fn failures_count_within_the_window_and_lock_at_the_maximum() {
        let l = lockout(3, 900);
        let f1 = after_failure(0, None, &l, 1000);
        assert_eq!((f1.count, f1.since, f1.locked_until), (1, Some(1000), None));
        let f2 = after_failure(f1.count, f1.since, &l, 1100);
        assert_eq!((f2.count, f2.since, f2.locked_until), (2, Some(1000), None));
        let f3 = after_failure(f2.count, f2.since, &l, 1899);
        assert_eq!(
            (f3.count, f3.since, f3.locked_until),
            (3, Some(1000), Some(1900))
        );
    }

    #[test]
    fn a_passed_window_starts_again() {
        let l = lockout(3, 900);
        let f = after_failure(2, Some(1000), &l, 1900);
        assert_eq!((f.count, f.since, f.locked_until), (1, Some(1900), None));
        // After a lock ran out, the next failure is the first of a new window.
        let f = after_failure(3, Some(1000), &l, 5000);
        assert_eq!((f.count, f.since, f.locked_until), (1, Some(5000), None));
    }

    #[test]
    fn one_allowed_failure_locks_at_once() {
        let f = after_failure(0, None, &lockout(1, 60), 10);
        assert_eq!(f.locked_until, Some(70));
    }

    #[test]
    fn grantable_needs_effective_unexpired_unlocked() {
        let t = Token {
            id: 1,
            number: "AT1".into(),
            name: None,
            identifier: None,
            classification: None,
            state: State::Effective,
            has_pass_code: false,
            auth_hint: "…abcd".into(),
            account: None,
            participant: None,
            ever_linked: false,
            unlinked_at: None,
            expires_at: Some(100),
            verified_at: None,
            last_used_at: None,
            locked_until: Some(50),
            definition: "d".into(),
            definition_version: 1,
            created_at: 0,
            created_by: "a".into(),
            updated_at: 0,
            updated_by: "a".into(),
            uses_day: None,
            uses_count: 0,
        };
        assert!(!grantable(&t, 49));
        assert!(grantable(&t, 50));
        assert!(!grantable(&t, 100));
        let pending = Token {
            state: State::PendingVerification,
            ..t
        };
        assert!(!grantable(&pending, 60));
    }
}
