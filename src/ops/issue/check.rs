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
    /// The secrets the row gave (pass code, custom authentication code), sealed under the bulk
    /// pipeline's per-run key for the messages that carry them; None where no message may need
    /// them, and for `token new` of one token, which keeps them in memory as [`Given`].
    pub(super) sealed_given: Option<Vec<u8>>,
}

/// The secrets `prepare` generated, to be shown once (and put in the on-create message).
#[derive(Default)]
pub(crate) struct Generated {
    pub(super) pass_code: Option<Secret>,
    pub(super) auth_code: Option<Secret>,
}

/// The secrets the row gave rather than had generated (a pass code, a custom authentication
/// code): never printed, but carried by the messages the command queues, as the contract's
/// "made or received" asks (issue #11, item 6).
#[derive(Default)]
pub(crate) struct Given {
    pub(super) pass_code: Option<Secret>,
    pub(super) auth_code: Option<Secret>,
}

impl Given {
    /// The form the bulk pipeline seals: for each secret a presence byte, then a 32-bit length
    /// and the UTF-8 bytes.
    pub(super) fn encode(&self) -> zeroize::Zeroizing<Vec<u8>> {
        let mut out = zeroize::Zeroizing::new(Vec::new());
        for secret in [&self.pass_code, &self.auth_code] {
            match secret {
                None => out.push(0),
                Some(s) => {
                    out.push(1);
                    let bytes = s.expose().as_bytes();
                    out.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
                    out.extend_from_slice(bytes);
                }
            }
        }
        out
    }

    pub(super) fn decode(mut bytes: &[u8]) -> Option<Given> {
        let mut next = || -> Option<Option<Secret>> {
            let (&present, rest) = bytes.split_first()?;
            bytes = rest;
            if present == 0 {
                return Some(None);
            }
            let len = u32::from_le_bytes(bytes.get(..4)?.try_into().ok()?) as usize;
            let text = std::str::from_utf8(bytes.get(4..4 + len)?).ok()?;
            let secret = Secret::new(text.to_string());
            bytes = &bytes[4 + len..];
            Some(Some(secret))
        };
        Some(Given {
            pass_code: next()?,
            auth_code: next()?,
        })
    }

    pub(super) fn is_empty(&self) -> bool {
        self.pass_code.is_none() && self.auth_code.is_none()
    }
}

/// The secrets a new token's messages carry: each generated one, else the one given, and the
/// verification code when the token starts pending.
pub(super) fn message_secrets<'a>(
    generated: &'a Generated,
    given: &'a Given,
    verification_code: Option<&'a Secret>,
) -> MessageSecrets<'a> {
    MessageSecrets {
        pass_code: generated
            .pass_code
            .as_ref()
            .or(given.pass_code.as_ref())
            .map(Secret::expose),
        authentication_code: generated
            .auth_code
            .as_ref()
            .or(given.auth_code.as_ref())
            .map(Secret::expose),
        verification_code: verification_code.map(Secret::expose),
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

/// Where a request came from, so that an error says how to fix it there: `token new`'s flags,
/// or an import file's columns and the definition's keys (issue #12: a row error used to
/// advise `--pass-code-stdin`, which no import row has).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Said {
    Flags,
    Columns,
}

impl Said {
    fn fix(self, flags: &str, columns: &str) -> String {
        match self {
            Said::Flags => flags.to_string(),
            Said::Columns => columns.to_string(),
        }
    }
}

/// Step 1: every rule that needs neither the database nor a hash. Cheap, so a bad row is
/// refused before any argon2 work is spent on it.
pub(crate) fn check(
    policies: &Policies,
    row: IssueRequest,
    now: i64,
    said: Said,
) -> Result<Checked> {
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
            return Err(Error::invalid(format!(
                "the definition requires an identifier (identifier.required = true); {}",
                said.fix("pass --identifier", "fill the identifier column")
            )));
        }
        if !policy.automation.allow_without_identifier {
            return Err(Error::invalid(format!(
                "the definition does not allow tokens without an identifier (automation.allow_without_identifier = false); {}",
                said.fix("pass --identifier", "fill the identifier column")
            )));
        }
    }
    let pass = match (&identifier, row.pass_code) {
        (None, PassCodeInput::Absent) => PassPlan::None,
        (None, _) => {
            return Err(Error::invalid(format!(
                "a pass code needs an identifier; {}",
                said.fix(
                    "pass --identifier, or drop the pass code",
                    "fill the identifier column, or leave pass_code empty"
                )
            )))
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
                "identifier \"{id}\" needs a pass code; {}",
                said.fix(
                    "pass --pass-code-stdin, --prompt or --generate-pass-code",
                    "fill the pass_code column, or set automation.generate_pass_code = true in the definition to have one generated"
                )
            )))
        }
    };
    if let Some(code) = &row.auth_code {
        if said == Said::Columns && !policy.authentication_code.allow_custom {
            return Err(Error::invalid(
                "this definition does not allow custom authentication codes (authentication_code.allow_custom = false); leave the authentication_code column empty to have one generated",
            ));
        }
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
/// make the same secrets again to print them after the commit. The secrets the row gave come
/// back as [`Given`], for its messages.
pub(crate) fn prepare<P, A>(
    policy: &Policy,
    c: Checked,
    pass_rng: &mut P,
    auth_rng: &mut A,
) -> Result<(Staged, Generated, Given)>
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
        sealed_given: None,
    };
    let given = Given {
        pass_code: match c.pass {
            PassPlan::Given(p) if staged.identifier.is_some() => Some(p),
            _ => None,
        },
        auth_code: c.custom_auth,
    };
    Ok((staged, generated, given))
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
