//! Steps 1 and 2 of issuing a token: `check` applies every rule that needs neither the
//! database nor a hash, `prepare` generates the secrets the row lacks and hashes them into a
//! [`Staged`] token (nothing in the clear), and `regenerate` makes those secrets again.

use super::policies::Policies;
use super::request::{Expiry, IssueRequest, PassCodeInput};
use crate::domain::definition::{Policy, VerifyFor};
use crate::domain::secret::Secret;
use crate::domain::token::State;
use crate::domain::{codes, identifier, passcode};
use crate::error::{Error, Result};
use crate::ops::messages::MessageSecrets;
use rand::CryptoRng;

/// How the pass code of a checked row is to be had.
enum PassPlan {
    None,
    Given(Secret),
    Generate,
}

/// A row that passed every rule that needs neither the database nor hashing.
pub(crate) struct Checked {
    pub(super) line: u64,
    pub(super) class: usize,
    pub(super) identifier: Option<String>,
    pass: PassPlan,
    /// A custom authentication code; `None` has one generated.
    pub(super) custom_auth: Option<Secret>,
    pub(super) name: Option<String>,
    pub(super) account: Option<String>,
    pub(super) participant: Option<String>,
    pub(super) expires_at: Option<i64>,
    pub(super) state: State,
    pub(super) skip_verification: bool,
}

/// Where a token's pass code came from, as the audit log records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PassSource {
    None,
    Given,
    Generated,
}

impl PassSource {
    pub(super) fn as_str(self) -> &'static str {
        match self {
            PassSource::None => "none",
            PassSource::Given => "given",
            PassSource::Generated => "generated",
        }
    }
}

/// A token ready to insert: validated, secrets hashed, nothing in the clear. This is what the
/// bulk pipeline spools to disk between hashing and the write transaction.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Staged {
    pub(super) line: u64,
    pub(super) class: usize,
    pub(super) state: State,
    pub(super) identifier: Option<String>,
    pub(super) name: Option<String>,
    pub(super) account: Option<String>,
    pub(super) participant: Option<String>,
    pub(super) expires_at: Option<i64>,
    pub(super) pass_hash: Option<String>,
    pub(super) pass_source: PassSource,
    pub(super) auth_digest: [u8; 32],
    pub(super) auth_hint: String,
    /// False for a custom code.
    pub(super) auth_generated: bool,
    pub(super) skip_verification: bool,
}

/// The secrets `prepare` generated, to be shown once (and put in the on-create message).
#[derive(Default)]
pub(crate) struct Generated {
    pub(super) pass_code: Option<Secret>,
    pub(super) auth_code: Option<Secret>,
}

impl Generated {
    pub(super) fn message_secrets(&self) -> MessageSecrets<'_> {
        MessageSecrets {
            pass_code: self.pass_code.as_ref().map(Secret::expose),
            authentication_code: self.auth_code.as_ref().map(Secret::expose),
            verification_code: None,
        }
    }
}

fn needs_verification(policy: &Policy, row: &IssueRequest) -> bool {
    if row.skip_verification {
        return false;
    }
    let kind = if row.participant.is_some() {
        VerifyFor::Participant
    } else if row.account.is_some() {
        VerifyFor::Account
    } else {
        VerifyFor::Direct
    };
    policy.verification.required_for.contains(&kind)
}

/// Step 1: every rule that needs neither the database nor a hash. Cheap, so a bad row is
/// refused before any argon2 work is spent on it.
pub(crate) fn check(policies: &Policies, row: IssueRequest, now: i64) -> Result<Checked> {
    if let Some(name) = &row.name {
        crate::domain::text::check_name("name", name)?;
    }
    let class = policies.index(row.classification.as_deref())?;
    let policy = policies.policy(class);
    let state = if needs_verification(policy, &row) {
        State::PendingVerification
    } else {
        State::Effective
    };
    let identifier = match row.identifier {
        Some(id) => {
            let id = identifier::normalize(&id);
            identifier::validate(&id, &policy.identifier)?;
            Some(id)
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
    let pass = match (&identifier, row.pass_code) {
        (None, PassCodeInput::Absent) => PassPlan::None,
        (None, _) => {
            return Err(Error::invalid(
                "a pass code needs an identifier; pass --identifier, or drop the pass code",
            ))
        }
        (Some(id), PassCodeInput::Given(p)) => {
            passcode::check_policy(p.expose(), Some(id), &policy.pass_code)?;
            PassPlan::Given(p)
        }
        (Some(_), PassCodeInput::Generate) => PassPlan::Generate,
        (Some(_), PassCodeInput::Absent) if policy.automation.generate_pass_code => {
            PassPlan::Generate
        }
        (Some(id), PassCodeInput::Absent) => {
            return Err(Error::invalid(format!(
                "identifier \"{id}\" needs a pass code; pass --pass-code-stdin, --prompt or --generate-pass-code"
            )))
        }
    };
    if let Some(code) = &row.auth_code {
        codes::validate_custom_code(code.expose(), &policy.authentication_code)?;
    }
    let expires_at = match row.expires {
        Expiry::At(at) if at <= now => {
            return Err(Error::invalid(format!(
                "expires_at {} is not in the future",
                crate::domain::time::rfc3339(at)
            )))
        }
        Expiry::At(at) => Some(at),
        Expiry::In(d) => Some(now + d.as_secs()),
        Expiry::Default => policy.expiry.default_ttl.map(|d| now + d.as_secs()),
    };
    Ok(Checked {
        line: row.line,
        class,
        identifier,
        pass,
        custom_auth: row.auth_code,
        name: row.name,
        account: row.account,
        participant: row.participant,
        expires_at,
        state,
        skip_verification: row.skip_verification,
    })
}

/// Step 2: generate the secrets the row lacks, from `pass_rng` and `auth_rng`, and hash. The
/// bulk pipeline passes generators derived from a per-run key and the row's position, so it can
/// make the same secrets again to print them after the commit.
pub(crate) fn prepare<P, A>(
    policy: &Policy,
    c: Checked,
    pass_rng: &mut P,
    auth_rng: &mut A,
) -> Result<(Staged, Generated)>
where
    P: CryptoRng + ?Sized,
    A: CryptoRng + ?Sized,
{
    let mut generated = Generated::default();
    let (pass_hash, pass_source) = match (&c.pass, &c.identifier) {
        (PassPlan::None, _) | (_, None) => (None, PassSource::None),
        (PassPlan::Given(p), Some(_)) => (
            Some(passcode::hash(p.expose(), policy.pass_code.hash)?),
            PassSource::Given,
        ),
        (PassPlan::Generate, Some(id)) => {
            let p = passcode::generate_for_with(&policy.pass_code, Some(id), pass_rng);
            let hash = passcode::hash(p.expose(), policy.pass_code.hash)?;
            generated.pass_code = Some(p);
            (Some(hash), PassSource::Generated)
        }
    };
    let (auth_digest, auth_hint, auth_generated) = match &c.custom_auth {
        Some(code) => (
            codes::code_digest(code.expose()),
            codes::hint(code.expose()),
            false,
        ),
        None => {
            let code = codes::generate_auth_code(&policy.authentication_code, auth_rng);
            let out = (
                codes::code_digest(code.expose()),
                codes::hint(code.expose()),
                true,
            );
            generated.auth_code = Some(code);
            out
        }
    };
    let staged = Staged {
        line: c.line,
        class: c.class,
        state: c.state,
        identifier: c.identifier,
        name: c.name,
        account: c.account,
        participant: c.participant,
        expires_at: c.expires_at,
        pass_hash,
        pass_source,
        auth_digest,
        auth_hint,
        auth_generated,
        skip_verification: c.skip_verification,
    };
    Ok((staged, generated))
}

/// Makes again the secrets `prepare` generated for `staged` from the same generators.
pub(crate) fn regenerate<P, A>(
    policy: &Policy,
    staged: &Staged,
    pass_rng: &mut P,
    auth_rng: &mut A,
) -> Generated
where
    P: CryptoRng + ?Sized,
    A: CryptoRng + ?Sized,
{
    Generated {
        pass_code: (staged.pass_source == PassSource::Generated).then(|| {
            passcode::generate_for_with(&policy.pass_code, staged.identifier.as_deref(), pass_rng)
        }),
        auth_code: staged
            .auth_generated
            .then(|| codes::generate_auth_code(&policy.authentication_code, auth_rng)),
    }
}
