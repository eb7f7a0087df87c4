//! Issuing tokens: one from `token new`, or many from `--count`. Everything that can be decided
//! and computed without the database (identifier rules, pass-code policy, argon2, code
//! generation) happens first, in parallel for many tokens; then one write transaction checks
//! what needs the database (links, caps, uniqueness), hands out numbers and inserts.

use super::definitions::{self, Active};
use super::messages::{self, MessageSecrets, Queued};
use super::verification;
use super::Env;
use crate::domain::definition::{Policy, VerifyFor};
use crate::domain::duration::Duration;
use crate::domain::message::Event;
use crate::domain::secret::Secret;
use crate::domain::token::{format_number, AuditEvent, State, Token};
use crate::domain::{codes, identifier, passcode};
use crate::error::{Error, Result};
use crate::store::{NewToken, Store, Tx};
use rayon::prelude::*;
use serde_json::json;

/// Where the pass code of a new token comes from.
#[derive(Debug)]
pub enum PassCodeInput {
    /// None given: generated when the definition's automation says so and an identifier needs one.
    Absent,
    Given(Secret),
    Generate,
}

#[derive(Debug)]
pub struct IssueRequest {
    pub identifier: Option<String>,
    pub pass_code: PassCodeInput,
    pub auth_code: Option<Secret>,
    pub name: Option<String>,
    pub classification: Option<String>,
    pub account: Option<String>,
    pub participant: Option<String>,
    pub expires_in: Option<Duration>,
    pub skip_verification: bool,
}

/// A token just issued, with the secrets generated for it (shown once, then gone).
#[derive(Debug)]
pub struct Issued {
    pub token: Token,
    pub auth_code: Option<Secret>,
    pub pass_code: Option<Secret>,
    /// The messages the issuance queued (or could not, for want of a recipient).
    pub messages: Vec<Queued>,
}

/// A token ready to insert: secrets hashed, nothing decided that needs the database.
struct Prepared {
    identifier: Option<String>,
    identifier_key: Option<String>,
    pass_hash: Option<String>,
    pass_source: &'static str,
    auth_digest: [u8; 32],
    auth_hint: String,
    auth_source: &'static str,
    auth_code: Option<Secret>,
    pass_code: Option<Secret>,
}

pub fn issue(store: &mut Store, env: &Env, req: IssueRequest) -> Result<Issued> {
    let mut issued = issue_n(store, env, req, 1)?;
    issued
        .pop()
        .ok_or_else(|| Error::internal("no token was issued"))
}

/// Issues `count` tokens from one request, as if `token new` ran `count` times.
pub fn issue_n(store: &mut Store, env: &Env, req: IssueRequest, count: u32) -> Result<Vec<Issued>> {
    if count == 0 {
        return Err(Error::usage("--count must be at least 1"));
    }
    if count > 1
        && (req.identifier.is_some()
            || req.auth_code.is_some()
            || matches!(req.pass_code, PassCodeInput::Given(_)))
    {
        return Err(Error::usage(
            "--count issues tokens without a given identifier, pass code or authentication code; drop those or --count",
        ));
    }
    let active = store.read(definitions::active)?;
    let policy = policy_for(&active, req.classification.as_deref())?.clone();
    let verify = needs_verification(&policy, &req);
    let state = if verify {
        State::PendingVerification
    } else {
        State::Effective
    };

    let prepared: Vec<Prepared> = if count == 1 {
        vec![prepare(&policy, &req)?]
    } else {
        (0..count)
            .into_par_iter()
            .map(|_| prepare(&policy, &req))
            .collect::<Result<_>>()?
    };

    store.write(|tx| {
        // The definition may have changed while we hashed; issue under what is active now.
        let now_active = definitions::active(tx)?;
        if now_active.stored.version != active.stored.version
            || now_active.stored.name != active.stored.name
        {
            return Err(Error::conflict(
                "the active definition changed while issuing; run the command again",
            ));
        }
        check_links(tx, &policy, &req, count as i64, state)?;
        let first = tx.next_counter("token_number", count as i64)?;
        let expires_at = req
            .expires_in
            .or(policy.expiry.default_ttl)
            .map(|d| env.now + d.as_secs());
        let mut out = Vec::with_capacity(prepared.len());
        for (i, p) in prepared.into_iter().enumerate() {
            let id = first + i as i64;
            let number = format_number(&policy.number.prefix, policy.number.digits, id)?;
            if let Some(key) = &p.identifier_key {
                if let Some(holder) = tx.live_identifier_holder(key, None)? {
                    return Err(Error::conflict(format!(
                        "identifier \"{}\" is already held by token {holder}",
                        p.identifier.as_deref().unwrap_or_default()
                    )));
                }
            }
            let new = NewToken {
                id,
                number,
                name: req.name.clone(),
                identifier: p.identifier.clone(),
                identifier_key: p.identifier_key.clone(),
                classification: req.classification.clone(),
                state,
                pass_hash: p.pass_hash.clone(),
                auth_digest: p.auth_digest,
                auth_hint: p.auth_hint.clone(),
                account: req.account.clone(),
                participant: req.participant.clone(),
                expires_at,
                verification_digest: None,
                verification_expires_at: None,
                definition: active.stored.name.clone(),
                definition_version: active.stored.version,
                now: env.now,
                actor: env.actor.clone(),
            };
            tx.insert_token(&new)?;
            tx.audit(
                env.now,
                &env.actor,
                &AuditEvent {
                    action: "token.create",
                    token: Some(&new.number),
                    subject: None,
                    detail: json!({
                        "state": state.as_str(),
                        "identifier": new.identifier,
                        "classification": new.classification,
                        "account": new.account,
                        "participant": new.participant,
                        "expires_at": new.expires_at,
                        "definition": new.definition,
                        "definition_version": new.definition_version,
                        "pass_code": p.pass_source,
                        "authentication_code": p.auth_source,
                        "skip_verification": req.skip_verification,
                    }),
                },
            )?;
            let token = token_of(new);
            let mut queued = Vec::new();
            if state == State::PendingVerification {
                queued.push(verification::issue_code(tx, env, &policy, &token)?);
            }
            let secrets = MessageSecrets {
                pass_code: p.pass_code.as_ref().map(Secret::expose),
                authentication_code: p.auth_code.as_ref().map(Secret::expose),
                verification_code: None,
            };
            queued.push(messages::queue(
                tx,
                env.now,
                &policy,
                Event::OnCreate,
                &token,
                &secrets,
                false,
            )?);
            queued.retain(|q| q != &Queued::Disabled);
            out.push(Issued {
                token,
                auth_code: p.auth_code,
                pass_code: p.pass_code,
                messages: queued,
            });
        }
        Ok(out)
    })
}

pub fn policy_for<'a>(active: &'a Active, classification: Option<&str>) -> Result<&'a Policy> {
    active.definition.policy(classification).ok_or_else(|| {
        Error::not_found(format!(
            "classification \"{}\" is not defined in definition \"{}\"; add a [classifications.{}] table",
            classification.unwrap_or_default(),
            active.definition.name,
            classification.unwrap_or_default()
        ))
    })
}

/// The rules that follow a token after issuance: its definition's latest version (so policy
/// changes apply to resets and rotations), with its classification; a classification the
/// latest version dropped falls back to the version the token was issued under.
pub fn policy_for_token(tx: &Tx, token: &Token) -> Result<Policy> {
    let latest = tx.latest_definition(&token.definition)?;
    if let Some(stored) = latest {
        if let Ok(def) = crate::domain::definition::Definition::parse(&stored.toml) {
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

fn needs_verification(policy: &Policy, req: &IssueRequest) -> bool {
    if req.skip_verification {
        return false;
    }
    let kind = if req.participant.is_some() {
        VerifyFor::Participant
    } else if req.account.is_some() {
        VerifyFor::Account
    } else {
        VerifyFor::Direct
    };
    policy.verification.required_for.contains(&kind)
}

fn prepare(policy: &Policy, req: &IssueRequest) -> Result<Prepared> {
    let identifier = match &req.identifier {
        Some(id) => {
            identifier::validate(id, &policy.identifier)?;
            Some(id.clone())
        }
        None => identifier::generate(&policy.identifier),
    };
    if identifier.is_none() {
        if policy.identifier.required {
            return Err(Error::invalid(
                "the definition requires an identifier (identifier.required = true); pass --identifier",
            ));
        }
        if !policy.automation.allow_without_identifier {
            return Err(Error::invalid(
                "the definition does not allow tokens without an identifier (automation.allow_without_identifier = false); pass --identifier",
            ));
        }
    }

    let generate = |id: &str| passcode::generate_for(&policy.pass_code, Some(id));
    // The pass code to hash, whether it was generated here (and must be shown), and how the
    // audit log should describe it.
    let (pass_code, generated_pass, pass_source): (Option<&str>, Option<Secret>, &'static str) =
        match (&identifier, &req.pass_code) {
            (None, PassCodeInput::Absent) => (None, None, "none"),
            (None, _) => {
                return Err(Error::invalid(
                    "a pass code needs an identifier; pass --identifier, or drop the pass code",
                ))
            }
            (Some(id), PassCodeInput::Given(p)) => {
                passcode::check_policy(p.expose(), Some(id), &policy.pass_code)?;
                (Some(p.expose()), None, "given")
            }
            (Some(id), PassCodeInput::Generate) => (None, Some(generate(id)), "generated"),
            (Some(id), PassCodeInput::Absent) if policy.automation.generate_pass_code => {
                (None, Some(generate(id)), "generated")
            }
            (Some(id), PassCodeInput::Absent) => {
                return Err(Error::invalid(format!(
                    "identifier \"{id}\" needs a pass code; pass --pass-code-stdin, --prompt or --generate-pass-code"
                )))
            }
        };
    let pass_hash = match pass_code.or(generated_pass.as_ref().map(Secret::expose)) {
        Some(p) => Some(passcode::hash(p, policy.pass_code.hash)?),
        None => None,
    };

    let (auth, auth_source, generated_auth) = match &req.auth_code {
        Some(code) => {
            codes::validate_custom_code(code.expose(), &policy.authentication_code)?;
            (Secret::new(code.expose().to_string()), "custom", false)
        }
        None => (
            codes::generate_auth_code(&policy.authentication_code, &mut rand::rng()),
            "generated",
            true,
        ),
    };
    Ok(Prepared {
        identifier_key: identifier.as_deref().map(identifier::key),
        identifier,
        pass_hash,
        pass_source,
        auth_digest: codes::code_digest(auth.expose()),
        auth_hint: codes::hint(auth.expose()),
        auth_source,
        auth_code: generated_auth.then_some(auth),
        pass_code: generated_pass,
    })
}

/// Links must exist, agree with each other, and respect the account's token cap.
fn check_links(
    tx: &Tx,
    policy: &Policy,
    req: &IssueRequest,
    adding: i64,
    state: State,
) -> Result<()> {
    if let Some(p) = &req.participant {
        let participant = tx.participant(p)?.ok_or_else(|| {
            Error::not_found(format!(
                "participant \"{p}\" does not exist; add it with tokenadm participant add"
            ))
        })?;
        if let Some(a) = &req.account {
            if &participant.account != a {
                return Err(Error::invalid(format!(
                    "participant \"{p}\" belongs to account \"{}\", not \"{a}\"",
                    participant.account
                )));
            }
        }
    }
    if let Some(a) = &req.account {
        if tx.account(a)?.is_none() {
            return Err(Error::not_found(format!(
                "account \"{a}\" does not exist; add it with tokenadm account add"
            )));
        }
        if let (Some(cap), true) = (
            policy.automation.max_tokens_per_account,
            state != State::NotEffective,
        ) {
            let live = tx.live_tokens_of_account(a)?;
            if live + adding > i64::from(cap) {
                return Err(Error::conflict(format!(
                    "account \"{a}\" already holds {live} tokens; the definition allows at most {cap} (automation.max_tokens_per_account)"
                )));
            }
        }
    }
    Ok(())
}

fn token_of(n: NewToken) -> Token {
    let ever_linked = n.account.is_some() || n.participant.is_some();
    Token {
        id: n.id,
        number: n.number,
        name: n.name,
        identifier: n.identifier,
        classification: n.classification,
        state: n.state,
        has_pass_code: n.pass_hash.is_some(),
        auth_hint: n.auth_hint,
        account: n.account,
        participant: n.participant,
        ever_linked,
        unlinked_at: None,
        expires_at: n.expires_at,
        verified_at: None,
        last_used_at: None,
        locked_until: None,
        definition: n.definition,
        definition_version: n.definition_version,
        created_at: n.now,
        created_by: n.actor.clone(),
        updated_at: n.now,
        updated_by: n.actor,
    }
}
