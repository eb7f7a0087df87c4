//! Step 3 of issuing a token: `make_ready` makes its row and audit detail without the
//! database, and `insert_ready` writes them inside the write transaction with the verification
//! code and on-create message the definition asks for.

use super::check::{message_secrets, Generated, Given, Staged};
use super::policies::Policies;
use crate::domain::identifier;
use crate::domain::message::Event;
use crate::domain::token::{format_number, State, Token};
use crate::error::{Error, Result};
use crate::ops::messages::{self, Queued};
use crate::ops::rules::{cap_account, check_cap};
use crate::ops::verification;
use crate::ops::Env;
use crate::store::{NewToken, Tx};
use serde::Serialize;

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
}

/// The row `insert_many` writes for a staged token.
pub(super) fn new_token(
    policies: &Policies,
    env: &Env,
    id: i64,
    number: String,
    s: &Staged,
) -> NewToken {
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
pub(super) fn token_of(new: &NewToken) -> Token {
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

pub(super) fn number_of(policies: &Policies, s: &Staged, id: i64) -> Result<String> {
    let p = &policies.policy(s.class).number;
    format_number(&p.prefix, p.digits, id)
}

/// One token for [`make_ready`].
pub(crate) struct ToInsert {
    pub(super) id: i64,
    pub(super) staged: Staged,
    /// The secrets generated for it, where a message needs them.
    pub(super) generated: Generated,
    /// The secrets the row gave, where a message needs them.
    pub(super) given: Given,
    /// Its import line, for errors.
    pub(super) line: Option<u64>,
}

/// A token ready for the write transaction: its row and the detail of its own audit entry, if
/// it gets one, made without the database (in the bulk pipeline, on another thread than the
/// writer's).
pub(crate) struct Ready {
    pub(super) new: NewToken,
    /// None for a token of a bulk issuance, which records its batch as one entry instead.
    pub(super) detail: Option<String>,
    pub(super) line: Option<u64>,
    pub(super) class: usize,
    pub(super) generated: Generated,
    pub(super) given: Given,
}

/// The first half of step 3: everything about a token's row, and about its own audit entry when
/// `own_entry` (`token new` of one token; a bulk issuance records its batch as one entry
/// instead, see `pipeline/writing.rs`), that needs no database.
pub(super) fn make_ready(
    policies: &Policies,
    env: &Env,
    r: ToInsert,
    own_entry: bool,
) -> Result<Ready> {
    let s = &r.staged;
    let new = new_token(policies, env, r.id, number_of(policies, s, r.id)?, s);
    let detail = own_entry.then(|| create_detail(&new, s)).transpose()?;
    Ok(Ready {
        new,
        detail,
        line: r.line,
        class: s.class,
        generated: r.generated,
        given: r.given,
    })
}

/// What a token's own `token.create` entry records.
fn create_detail(new: &NewToken, s: &Staged) -> Result<String> {
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
    };
    serde_json::to_string(&detail)
        .map_err(|e| Error::internal(format!("cannot encode an audit entry: {e}")))
}

/// Step 3, inside the write transaction: the rows (in multi-row statements), the audit entry of
/// each that has its own, and the verification code and on-create message the definition asks
/// for. Returns the messages queued for each token. `locate` puts a token's line into an error
/// about it.
pub(super) fn insert_ready(
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
        .filter_map(|r| {
            let detail = r.detail.as_deref()?;
            Some((Some(r.new.number.as_str()), None, detail))
        })
        .collect();
    if !entries.is_empty() {
        tx.audit_many(env.now, &env.actor, "token.create", &entries)?;
    }
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
        // Both messages carry every secret this command made or received (issue #11, item 6).
        let made = message_secrets(&r.generated, &r.given, None);
        let mut code = None;
        if pending {
            let (c, q) = verification::issue_code(tx, env, policy, &token, &made)
                .map_err(|e| locate(r.line, e))?;
            code = Some(c);
            queued.push(q);
        }
        queued.push(messages::queue(
            tx,
            env,
            policy,
            Event::OnCreate,
            &token,
            &message_secrets(&r.generated, &r.given, code.as_ref()),
            false,
        )?);
        queued.retain(|q| q != &Queued::Disabled);
        all.push(queued);
    }
    Ok(all)
}
