//! Issuing tokens: one from `token new`, many from `token new --count N` or `token import`.
//! Every token, however it arrives, goes through the same three steps, so an import row is
//! validated exactly as `token new` validates its flags:
//!
//! 1. `check`: the rules that need no database and no hashing (classification, identifier
//!    format or generation, pass-code policy, custom authentication code, expiry), deciding
//!    which secrets to generate;
//! 2. `prepare`: generate those secrets and hash them (argon2 for pass codes, SHA-256 for
//!    authentication codes), still without the database;
//! 3. `make_ready` and `insert_ready`: a number, the row and its audit detail, then inside
//!    the write transaction the row, its audit entry, its verification code and its message.
//!
//! One token (`issue`) runs them in a row: the argon2 hash happens before `BEGIN IMMEDIATE`, so
//! the write lock is held for milliseconds. Many tokens run through the streaming pipeline in
//! `pipeline`, whose header explains how it keeps memory flat, the lock short and the output
//! all-or-nothing.

mod pipeline;
mod spool;

pub use pipeline::{Expiry, Phase, Progress, Row, Rows, Sink, Totals};

use super::definitions::{self, Active};
use super::messages::{self, MessageSecrets, Queued};
use super::verification;
use super::Env;
use crate::domain::definition::{Policy, VerifyFor};
use crate::domain::duration::Duration;
use crate::domain::message::Event;
use crate::domain::secret::Secret;
use crate::domain::token::{format_number, State, Token};
use crate::domain::{codes, identifier, passcode};
use crate::error::{Error, Result};
use crate::store::{NewToken, Store, Tx};
use rand::CryptoRng;
use serde::Serialize;

/// Where the pass code of a new token comes from.
#[derive(Debug, Clone)]
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
    /// The messages the issuance queued (or could not, for want of a recipient). Empty for
    /// tokens handed to a streaming [`Sink`], which keeps nothing per token.
    pub messages: Vec<Queued>,
}

pub fn issue(store: &mut Store, env: &Env, req: IssueRequest) -> Result<Issued> {
    let policies = Policies::load(store)?;
    let checked = check(&policies, Row::from_request(req, 0), env.now)?;
    let policy = policies.policy(checked.class);
    let (staged, generated) = prepare(policy, checked, &mut rand::rng(), &mut rand::rng())?;
    store.write(|tx| {
        policies.still_active(tx)?;
        check_links(tx, staged.account.as_deref(), staged.participant.as_deref())?;
        let id = tx.next_counter("token_number", 1)?;
        let row = ToInsert {
            id,
            staged,
            generated,
            line: None,
        };
        let ready = make_ready(&policies, env, row)?;
        let mut queued = insert_ready(tx, env, &policies, std::slice::from_ref(&ready), &|_, e| e)?;
        Ok(Issued {
            token: token_of(&ready.new),
            auth_code: ready.generated.auth_code,
            pass_code: ready.generated.pass_code,
            messages: queued.pop().unwrap_or_default(),
        })
    })
}

/// How a bulk issuance reports its progress, and where it spools its staged rows (a private
/// folder of the caller's choice, on a disk with room for the input's hashes).
pub struct Bulk<'a> {
    pub progress: &'a dyn Progress,
    pub spool_dir: &'a std::path::Path,
}

/// Issues `count` tokens from one request through the bulk pipeline, handing them to `sink`
/// after the commit, in number order.
pub fn issue_many(
    store: &mut Store,
    env: &Env,
    req: IssueRequest,
    count: u32,
    bulk: &Bulk,
    sink: &mut dyn Sink,
) -> Result<Totals> {
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
    // Every row is the request itself (which, for more than one, carries no secret).
    let template = Row::from_request(req, 0);
    let rows = (1..=u64::from(count)).map(move |n| {
        let mut row = template.clone();
        row.line = n;
        (n, Ok(row))
    });
    let options = pipeline::Options {
        source: None,
        progress: bulk.progress,
        total: Some(u64::from(count)),
        spool_dir: bulk.spool_dir,
    };
    pipeline::run(store, env, Box::new(rows), &options, sink)
}

/// Issues one token per row of `rows` (an import file), all or none. `source` names the file in
/// errors ("tokens.csv line 7: …") and in the audit log.
pub fn issue_rows(
    store: &mut Store,
    env: &Env,
    rows: Rows,
    source: &str,
    bulk: &Bulk,
    sink: &mut dyn Sink,
) -> Result<Totals> {
    let options = pipeline::Options {
        source: Some(source),
        progress: bulk.progress,
        total: None,
        spool_dir: bulk.spool_dir,
    };
    pipeline::run(store, env, rows, &options, sink)
}

fn unknown_classification(active: &Active, classification: Option<&str>) -> Error {
    Error::not_found(format!(
        "classification \"{}\" is not defined in definition \"{}\"; add a [classifications.{}] table",
        classification.unwrap_or_default(),
        active.definition.name,
        classification.unwrap_or_default()
    ))
}

/// The rules that follow a token after issuance: its definition's latest version (so policy
/// changes apply to resets and rotations), with its classification; a classification the
/// latest version dropped falls back to the version the token was issued under.
pub fn policy_for_token(tx: &dyn Tx, token: &Token) -> Result<Policy> {
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

/// The active definition, read and parsed once per invocation, with the policy of the
/// definition itself (index 0) and of each classification, so that a million rows cost one
/// parse and rows refer to their policy by index.
pub(crate) struct Policies {
    active: Active,
    /// `None` for the definition's own policy, then each classification by name.
    names: Vec<Option<String>>,
    policies: Vec<Policy>,
}

impl Policies {
    fn load(store: &mut Store) -> Result<Policies> {
        let active = store.read(definitions::active)?;
        let mut names = vec![None];
        let mut policies = vec![active.definition.base.clone()];
        for (name, policy) in &active.definition.classifications {
            names.push(Some(name.clone()));
            policies.push(policy.clone());
        }
        Ok(Policies {
            active,
            names,
            policies,
        })
    }

    fn index(&self, classification: Option<&str>) -> Result<usize> {
        self.names
            .iter()
            .position(|n| n.as_deref() == classification)
            .ok_or_else(|| unknown_classification(&self.active, classification))
    }

    fn policy(&self, class: usize) -> &Policy {
        &self.policies[class]
    }

    fn classification(&self, class: usize) -> Option<&str> {
        self.names[class].as_deref()
    }

    /// The definition may have changed while we hashed; issue under what is active now.
    fn still_active(&self, tx: &dyn Tx) -> Result<()> {
        let name = tx.active_definition_name()?;
        let latest = tx.latest_definition(&name)?;
        let same = latest.is_some_and(|l| {
            l.name == self.active.stored.name && l.version == self.active.stored.version
        });
        if same {
            Ok(())
        } else {
            Err(Error::conflict(
                "the active definition changed while issuing; run the command again",
            ))
        }
    }
}

/// How the pass code of a checked row is to be had.
enum PassPlan {
    None,
    Given(Secret),
    Generate,
}

/// A row that passed every rule that needs neither the database nor hashing.
pub(crate) struct Checked {
    line: u64,
    class: usize,
    identifier: Option<String>,
    pass: PassPlan,
    /// A custom authentication code; `None` has one generated.
    custom_auth: Option<Secret>,
    name: Option<String>,
    account: Option<String>,
    participant: Option<String>,
    expires_at: Option<i64>,
    state: State,
    skip_verification: bool,
}

/// Where a token's pass code came from, as the audit log records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PassSource {
    None,
    Given,
    Generated,
}

impl PassSource {
    fn as_str(self) -> &'static str {
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
    line: u64,
    class: usize,
    state: State,
    identifier: Option<String>,
    name: Option<String>,
    account: Option<String>,
    participant: Option<String>,
    expires_at: Option<i64>,
    pass_hash: Option<String>,
    pass_source: PassSource,
    auth_digest: [u8; 32],
    auth_hint: String,
    /// False for a custom code.
    auth_generated: bool,
    skip_verification: bool,
}

/// The secrets `prepare` generated, to be shown once (and put in the on-create message).
#[derive(Default)]
pub(crate) struct Generated {
    pass_code: Option<Secret>,
    auth_code: Option<Secret>,
}

impl Generated {
    fn message_secrets(&self) -> MessageSecrets<'_> {
        MessageSecrets {
            pass_code: self.pass_code.as_ref().map(Secret::expose),
            authentication_code: self.auth_code.as_ref().map(Secret::expose),
            verification_code: None,
        }
    }
}

fn needs_verification(policy: &Policy, row: &Row) -> bool {
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
pub(crate) fn check(policies: &Policies, row: Row, now: i64) -> Result<Checked> {
    let class = policies.index(row.classification.as_deref())?;
    let policy = policies.policy(class);
    let state = if needs_verification(policy, &row) {
        State::PendingVerification
    } else {
        State::Effective
    };
    let identifier = match row.identifier {
        Some(id) => {
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

/// Links must exist and agree with each other.
fn check_links(tx: &dyn Tx, account: Option<&str>, participant: Option<&str>) -> Result<()> {
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

/// What the audit log records about a new token: never a secret, only where each came from.
#[derive(Serialize)]
struct CreateDetail<'a> {
    state: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    identifier: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    classification: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    account: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    participant: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    expires_at: Option<i64>,
    definition: &'a str,
    definition_version: i64,
    pass_code: &'a str,
    authentication_code: &'a str,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    skip_verification: bool,
    /// The line of the import file the token came from.
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<u64>,
}

/// The row `insert_many` writes for a staged token.
fn new_token(policies: &Policies, env: &Env, id: i64, number: String, s: &Staged) -> NewToken {
    NewToken {
        id,
        number,
        name: s.name.clone(),
        identifier: s.identifier.clone(),
        identifier_key: s.identifier.as_deref().map(identifier::key),
        classification: policies.classification(s.class).map(str::to_string),
        state: s.state,
        pass_hash: s.pass_hash.clone(),
        auth_digest: s.auth_digest,
        auth_hint: s.auth_hint.clone(),
        account: s.account.clone(),
        participant: s.participant.clone(),
        expires_at: s.expires_at,
        verification_digest: None,
        verification_expires_at: None,
        definition: policies.active.stored.name.clone(),
        definition_version: policies.active.stored.version,
        now: env.now,
        actor: env.actor.clone(),
    }
}

/// The token as the row just written reads back.
fn token_of(new: &NewToken) -> Token {
    Token {
        id: new.id,
        number: new.number.clone(),
        name: new.name.clone(),
        identifier: new.identifier.clone(),
        classification: new.classification.clone(),
        state: new.state,
        has_pass_code: new.pass_hash.is_some(),
        auth_hint: new.auth_hint.clone(),
        account: new.account.clone(),
        participant: new.participant.clone(),
        ever_linked: new.account.is_some() || new.participant.is_some(),
        unlinked_at: None,
        expires_at: new.expires_at,
        verified_at: None,
        last_used_at: None,
        locked_until: None,
        definition: new.definition.clone(),
        definition_version: new.definition_version,
        created_at: new.now,
        created_by: new.actor.clone(),
        updated_at: new.now,
        updated_by: new.actor.clone(),
        uses_day: None,
        uses_count: 0,
    }
}

fn number_of(policies: &Policies, s: &Staged, id: i64) -> Result<String> {
    let p = &policies.policy(s.class).number;
    format_number(&p.prefix, p.digits, id)
}

/// One token for [`make_ready`].
pub(crate) struct ToInsert {
    id: i64,
    staged: Staged,
    /// The secrets generated for it, where a message needs them.
    generated: Generated,
    /// Its import line, for the audit log and errors.
    line: Option<u64>,
}

/// A token ready for the write transaction: its row and its audit detail, made without the
/// database (in the bulk pipeline, on another thread than the writer's).
pub(crate) struct Ready {
    new: NewToken,
    detail: String,
    line: Option<u64>,
    class: usize,
    generated: Generated,
}

/// The first half of step 3: everything about a token's row and audit entry that needs no
/// database.
fn make_ready(policies: &Policies, env: &Env, r: ToInsert) -> Result<Ready> {
    let s = &r.staged;
    let new = new_token(policies, env, r.id, number_of(policies, s, r.id)?, s);
    let detail = CreateDetail {
        state: s.state.as_str(),
        identifier: new.identifier.as_deref(),
        classification: new.classification.as_deref(),
        account: new.account.as_deref(),
        participant: new.participant.as_deref(),
        expires_at: new.expires_at,
        definition: &new.definition,
        definition_version: new.definition_version,
        pass_code: s.pass_source.as_str(),
        authentication_code: if s.auth_generated {
            "generated"
        } else {
            "custom"
        },
        skip_verification: s.skip_verification,
        line: r.line,
    };
    let detail = serde_json::to_string(&detail)
        .map_err(|e| Error::internal(format!("cannot encode an audit entry: {e}")))?;
    Ok(Ready {
        new,
        detail,
        line: r.line,
        class: s.class,
        generated: r.generated,
    })
}

/// Step 3, inside the write transaction: the rows (in multi-row statements), one audit entry
/// each, and the verification code and on-create message the definition asks for. Returns the
/// messages queued for each token. `locate` puts a token's line into an error about it.
fn insert_ready(
    tx: &dyn Tx,
    env: &Env,
    policies: &Policies,
    rows: &[Ready],
    locate: &dyn Fn(Option<u64>, Error) -> Error,
) -> Result<Vec<Vec<Queued>>> {
    // Rows of this batch on the same account, not inserted yet when the next one is checked.
    let mut in_batch: std::collections::HashMap<String, i64> = std::collections::HashMap::new();
    for r in rows {
        let new = &r.new;
        if let (Some(key), Some(id)) = (&new.identifier_key, &new.identifier) {
            if let Some(holder) = tx.live_identifier_holder(key, None)? {
                return Err(locate(
                    r.line,
                    Error::conflict(format!(
                        "identifier \"{id}\" is already held by token {holder}"
                    )),
                ));
            }
        }
        let policy = policies.policy(r.class);
        if policy.automation.max_tokens_per_account.is_some() {
            let account = cap_account(tx, new.account.as_deref(), new.participant.as_deref())
                .map_err(|e| locate(r.line, e))?;
            if let Some(account) = account {
                // Exact under the lock: tokens of earlier batches count as live ones, and the
                // rows before this one in the batch are counted here.
                let earlier = in_batch.entry(account.clone()).or_insert(0);
                check_cap(tx, policy, &account, *earlier, 1).map_err(|e| locate(r.line, e))?;
                *earlier += 1;
            }
        }
    }
    let news: Vec<&NewToken> = rows.iter().map(|r| &r.new).collect();
    if let Err(e) = tx.insert_tokens(&news) {
        // The batch inserted nothing; one at a time, the first to fail is the culprit.
        for r in rows {
            tx.insert_token(&r.new).map_err(|e| locate(r.line, e))?;
        }
        return Err(e);
    }
    let entries: Vec<(Option<&str>, Option<&str>, &str)> = rows
        .iter()
        .map(|r| (Some(r.new.number.as_str()), None, r.detail.as_str()))
        .collect();
    tx.audit_many(env.now, &env.actor, "token.create", &entries)?;
    let mut all = Vec::with_capacity(rows.len());
    for r in rows {
        let policy = policies.policy(r.class);
        let pending = r.new.state == State::PendingVerification;
        if !pending && !policy.communication.on_create.enabled {
            all.push(Vec::new());
            continue;
        }
        let token = token_of(&r.new);
        let mut queued = Vec::new();
        if pending {
            queued.push(
                verification::issue_code(tx, env, policy, &token).map_err(|e| locate(r.line, e))?,
            );
        }
        queued.push(messages::queue(
            tx,
            env.now,
            policy,
            Event::OnCreate,
            &token,
            &r.generated.message_secrets(),
            false,
        )?);
        queued.retain(|q| q != &Queued::Disabled);
        all.push(queued);
    }
    Ok(all)
}
