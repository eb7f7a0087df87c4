//! What ops may ask of a transaction, one trait per table, and the plain records they take and
//! give. Nothing here names an engine: an implementation turns these into its own SQL (and its
//! own tuning) and its errors into [`crate::error::Error`]s. Every method runs inside the
//! transaction that [`super::Store::write`] or [`super::Store::read`] opened, so what a write
//! reads is what it changes (see the write guarantee on [`super::Store::write`]).

use crate::domain::app_key::AppKey;
use crate::domain::definition::Media;
use crate::domain::message::{Message, MessageStatus, NewMessage};
use crate::domain::token::{
    audit_hash, Account, AuditEntry, AuditEvent, Participant, State, Token, TokenRange,
};
use crate::error::Result;

/// The hash an empty audit log chains from.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The meta key of the audit log's recorded head (`id:hash` of its last entry).
pub(super) const AUDIT_HEAD: &str = "audit_head";

/// The recorded head as both engines store it, `id:hash`; anything else is a broken log.
pub(super) fn parse_audit_head(value: &[u8]) -> Result<(i64, String)> {
    let text = String::from_utf8_lossy(value);
    text.split_once(':')
        .and_then(|(id, hash)| Some((id.parse().ok()?, hash.to_string())))
        .ok_or_else(|| {
            crate::error::Error::conflict(format!(
                "the audit log is broken: its recorded head \"{text}\" is not an id and a hash"
            ))
        })
}

/// The actor recorded for what tokenadm does by itself.
pub const SYSTEM_ACTOR: &str = "tokenadm";

/// A token about to be inserted, with its secrets already hashed.
#[derive(Debug, Clone)]
pub struct NewToken {
    pub id: i64,
    pub number: String,
    pub name: Option<String>,
    pub identifier: Option<String>,
    pub identifier_key: Option<String>,
    pub classification: Option<String>,
    pub state: State,
    pub pass_hash: Option<String>,
    pub auth_digest: [u8; 32],
    pub auth_hint: String,
    pub account: Option<String>,
    pub participant: Option<String>,
    pub expires_at: Option<i64>,
    pub verification_digest: Option<[u8; 32]>,
    pub verification_expires_at: Option<i64>,
    pub definition: String,
    pub definition_version: i64,
    pub now: i64,
    pub actor: String,
}

#[derive(Debug, Clone, Default)]
pub struct TokenFilter {
    pub states: Vec<State>,
    pub account: Option<String>,
    pub participant: Option<String>,
    pub classification: Option<String>,
    /// Orphans that `orphan_rules` (the expiry job's) say are due; none without rules.
    pub orphaned: bool,
    pub orphan_rules: Vec<OrphanRule>,
    /// Tokens (not yet not_effective) whose expires_at is at or before this instant, and
    /// pending ones whose verification code lapses by then.
    pub expiring_by: Option<i64>,
    /// Case-insensitive substring of the number, name or identifier.
    pub search: Option<String>,
    /// Only tokens created at or after this instant.
    pub created_since: Option<i64>,
    pub after: Option<String>,
    pub limit: Option<u32>,
    /// The order of the list; keyset pagination (`after`) goes with `Number` only.
    pub sort: TokenSort,
}

/// How `list_tokens` orders what it finds; ties go by number.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum TokenSort {
    /// By number (the order they were issued in).
    #[default]
    Number,
    /// Oldest first.
    Created,
    /// Soonest expiry first; tokens that never expire last.
    Expires,
    /// Most recently used first; never used last.
    LastUsed,
}

/// A token with what authenticating it needs: its pass-code hash and its lockout counters.
#[derive(Debug, Clone)]
pub struct AuthRow {
    pub token: Token,
    pub pass_hash: Option<String>,
    pub failed_auth_count: i64,
    pub failed_auth_since: Option<i64>,
}

/// The lockout columns after a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FailureCount {
    pub count: i64,
    pub since: Option<i64>,
    pub locked_until: Option<i64>,
}

/// A token's verification code as stored: digest, expiry, wrong attempts so far.
#[derive(Debug, Clone)]
pub struct VerificationCode {
    pub digest: Option<Vec<u8>>,
    pub expires_at: Option<i64>,
    pub attempts: i64,
}

/// One token the expiry job changed (or would change).
#[derive(Debug, Clone, PartialEq)]
pub struct Expired {
    pub number: String,
    pub previous_state: State,
    pub reason: &'static str,
}

/// Which tokens an orphan rule applies to: one definition, and one classification of it or the
/// tokens without one.
#[derive(Debug, Clone)]
pub struct OrphanRule {
    pub definition: String,
    /// Only tokens issued under this version (a classification the latest version dropped
    /// keeps the policy of the version its tokens were issued under); None: any version.
    pub version: Option<i64>,
    pub classification: Option<String>,
    /// Tokens unlinked at or before this instant are past their grace.
    pub unlinked_by: i64,
}

/// Which tokens an expiry-warning rule applies to (issue #15): as [`OrphanRule`], one
/// definition and one classification of it (or none), optionally one version.
#[derive(Debug, Clone)]
pub struct WarnRule {
    pub definition: String,
    /// Only tokens issued under this version (a classification the latest version dropped
    /// keeps the policy of the version its tokens were issued under); None: any version.
    pub version: Option<i64>,
    pub classification: Option<String>,
    /// Tokens whose `expires_at` is at or before this instant (now + `warn_before`) are in the
    /// window.
    pub warn_by: i64,
}

/// A token as `definition check` reads it (issue #15): what a policy can still be checked
/// against after the fact, borrowed from the engine's row so that a million of them cost no
/// allocation each.
#[derive(Debug, Clone, Copy)]
pub struct CheckRow<'a> {
    pub id: i64,
    pub number: &'a str,
    pub identifier: Option<&'a str>,
    pub classification: Option<&'a str>,
    pub definition_version: i64,
    pub pass_hash: Option<&'a str>,
    pub expires_at: Option<i64>,
    pub created_at: i64,
    /// The account whose `max_tokens_per_account` the token counts against: its own, else its
    /// participant's.
    pub cap_account: Option<&'a str>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StoredDefinition {
    pub name: String,
    pub version: i64,
    pub toml: String,
    pub created_at: i64,
    pub created_by: String,
}

#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// Entries about this token (by number).
    pub token: Option<String>,
    /// With `token`: that token's id, so that the entry of the bulk issuance that created it
    /// (whose [`AuditEntry::token_ids`] hold the id) is listed too.
    pub token_id: Option<i64>,
    pub action: Option<String>,
    pub since: Option<i64>,
    /// Only entries at or before this instant.
    pub until: Option<i64>,
    /// Keep only the newest N entries (still printed oldest first).
    pub limit: Option<u32>,
}

/// What a bulk check's scratch key is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScratchKind {
    /// An identifier's case-insensitive key.
    Identifier = 0,
    /// A custom authentication code's digest.
    AuthCode = 1,
}

/// Audit entries chained per call of [`AuditQueries::append_audit`].
pub const AUDIT_BATCH: usize = 32;

pub trait TokenQueries {
    fn insert_token(&self, t: &NewToken) -> Result<()> {
        self.insert_tokens(&[t])
    }
    /// Inserts tokens, all or none of each call: a call that breaks a constraint inserts
    /// nothing, and its error names its first token (insert them one at a time to learn which
    /// one broke it).
    fn insert_tokens(&self, tokens: &[&NewToken]) -> Result<()>;
    fn token_by_number(&self, number: &str) -> Result<Option<Token>>;
    fn token_by_id(&self, id: i64) -> Result<Option<Token>>;
    /// The token holding an identifier: the live one if any, else the newest not_effective one.
    fn token_by_identifier_key(&self, key: &str) -> Result<Option<Token>>;
    /// The live token (not not_effective) holding an identifier, other than `except_id`.
    fn live_identifier_holder(&self, key: &str, except_id: Option<i64>) -> Result<Option<String>>;
    /// The token whose current authentication code has this digest.
    fn token_by_auth_digest(&self, digest: &[u8; 32]) -> Result<Option<Token>>;
    /// The number of the token with this id.
    fn token_number_of(&self, id: i64) -> Result<Option<String>>;
    /// Whether some token's current authentication code has this digest.
    fn auth_digest_in_use(&self, digest: &[u8; 32]) -> Result<bool>;
    /// Tokens of an account that count against `max_tokens_per_account`: those linked to it,
    /// and those linked only to one of its participants (they belong to it as much).
    fn live_tokens_of_account(&self, account: &str) -> Result<i64>;
    /// A page of tokens in number order, keyset-paginated by `after`.
    fn list_tokens(&self, f: &TokenFilter) -> Result<Vec<Token>>;
    /// Walks every token of `definition` that is not not_effective, in id order, handing each
    /// to `visit` as the engine reads it: memory stays flat however many there are.
    fn each_live_token_of(
        &self,
        definition: &str,
        visit: &mut dyn FnMut(&CheckRow<'_>) -> Result<()>,
    ) -> Result<()>;
    /// The accounts holding more than `cap` tokens that count against
    /// `max_tokens_per_account` (as [`TokenQueries::live_tokens_of_account`] counts them),
    /// with how many each holds.
    fn accounts_over(&self, cap: i64) -> Result<Vec<(String, i64)>>;
    /// How many tokens `list_tokens` would give without its limit (`tokenadm status`). The
    /// default counts the list; an engine counts in the database instead.
    fn count_tokens(&self, f: &TokenFilter) -> Result<i64> {
        let all = TokenFilter {
            limit: None,
            ..f.clone()
        };
        Ok(self.list_tokens(&all)?.len() as i64)
    }
}

/// Bulk issuance (`token import`, `token new --count`): the checks of the input against a
/// snapshot with scratch keys of its own, then one write of all its rows.
pub trait BulkQueries {
    /// Records that `key` appears at `line`; if it appeared before, returns that earlier line
    /// and records nothing. Only inside [`super::Store::bulk_check`].
    fn scratch_claim(&self, kind: ScratchKind, key: &[u8], line: u64) -> Result<Option<u64>>;
    /// Counts one more row for `account`; returns how many came before it. Only inside
    /// [`super::Store::bulk_check`].
    fn scratch_count_account(&self, account: &str) -> Result<i64>;
    /// Says that `adding` tokens are about to be inserted in this transaction, so the engine
    /// can prepare the table for them; [`BulkQueries::finish_bulk_insert`] must follow before
    /// the transaction commits.
    fn begin_bulk_insert(&self, adding: u64) -> Result<()>;
    /// Ends what [`BulkQueries::begin_bulk_insert`] began; a conflict found only now (an
    /// authentication code taken meanwhile) is an error.
    fn finish_bulk_insert(&self) -> Result<()>;
    /// How many tokens the bulk writer hands to one [`TokenQueries::insert_tokens`] call. A
    /// call is a statement or a few, each with a fixed cost beside its rows: SQLite's is small
    /// (a multi-row INSERT's worth suits it), a PostgreSQL COPY's is a round trip and more.
    fn insert_batch_rows(&self) -> usize {
        128
    }
}

/// What `auth` reads and writes on a token: the secret material and lockout columns in one
/// row, the failure count and lock as decided by `ops::authenticate`, the success mark and a
/// compare-and-set re-hash of the pass code.
pub trait AuthQueries {
    fn auth_row(&self, id: i64) -> Result<Option<AuthRow>>;
    /// The auth row of the token whose current authentication code has this digest, or whose
    /// previous one does and is still in its rotation grace at `now` (then `true`).
    fn auth_row_by_any_auth_digest(
        &self,
        digest: &[u8; 32],
        now: i64,
    ) -> Result<Option<(AuthRow, bool)>>;
    /// Writes the lockout counters of a failed attempt (decided by the caller).
    fn set_auth_failures(&self, id: i64, f: FailureCount) -> Result<()>;
    /// A successful `auth`: the token was used now, one more use counts for the UTC day of
    /// `now` (the first of a new day starts the count again), and its failure count starts
    /// again, all in the one statement `auth` writes. Not a change of the record's content, so
    /// `updated_at`/`updated_by` stay as they are.
    fn record_auth_success(&self, id: i64, now: i64) -> Result<()>;
    /// Replaces the pass-code hash by a stronger one of the same pass code, only if it is still
    /// `old` (a reset that slipped in between wins). Returns whether it was replaced.
    fn rehash_pass(&self, id: i64, old: &str, new: &str) -> Result<bool>;
}

/// Changes to existing tokens: state, links, secrets, verification codes, and the set-based
/// passes of the expiry job.
pub trait LifecycleQueries {
    /// The (definition, version, classification) of the classified tokens that are orphans
    /// now, whatever their grace: where the expiry job needs the policy of a version.
    fn orphan_classifications(&self) -> Result<Vec<(String, i64, String)>>;
    fn set_token_state(&self, id: i64, state: State, now: i64, actor: &str) -> Result<()>;
    fn delete_token(&self, id: i64) -> Result<()>;
    /// Sets the links; a token left with none is an orphan from `now`.
    fn set_token_links(
        &self,
        id: i64,
        account: Option<&str>,
        participant: Option<&str>,
        now: i64,
        actor: &str,
    ) -> Result<()>;
    fn set_pass_hash(&self, id: i64, hash: &str, now: i64, actor: &str) -> Result<()>;
    /// A new authentication code; the old one keeps working until `old_until` (if any).
    fn rotate_auth(
        &self,
        id: i64,
        digest: &[u8; 32],
        hint: &str,
        old_until: Option<i64>,
        now: i64,
        actor: &str,
    ) -> Result<()>;
    /// The token whose previous code (still in its rotation grace) has this digest.
    fn token_id_by_prev_auth_digest(&self, digest: &[u8; 32], now: i64) -> Result<Option<i64>>;
    fn verification_code(&self, id: i64) -> Result<VerificationCode>;
    /// A fresh verification code (attempts start again).
    fn set_verification_code(
        &self,
        id: i64,
        digest: &[u8; 32],
        expires_at: i64,
        now: i64,
        actor: &str,
    ) -> Result<()>;
    /// Counts a wrong attempt; at `max` the code is dead (its digest erased).
    fn count_wrong_verification(&self, id: i64, max: i64) -> Result<i64>;
    fn mark_verified(&self, id: i64, now: i64, actor: &str) -> Result<()>;
    /// Forced out of pending: the code is void.
    fn clear_verification(&self, id: i64) -> Result<()>;
    /// Unlinks every token of an account (`column_account`) or of a participant: they may
    /// become orphans. Returns the numbers of the tokens that were unlinked.
    fn unlink_all(
        &self,
        column_account: bool,
        id: &str,
        now: i64,
        actor: &str,
    ) -> Result<Vec<String>>;
    /// The expiry job, as set-based passes (orphans per rule, past `expires_at`, lapsed
    /// verification), each reporting and changing the same set. With `apply` false it only
    /// reports what it would change.
    fn expire_tokens(
        &self,
        orphan_rules: &[OrphanRule],
        now: i64,
        actor: &str,
        apply: bool,
    ) -> Result<Vec<Expired>>;
    /// The expiry job's warnings (issue #15): the effective tokens, per rule, whose
    /// `expires_at` is after `now` and within the rule's window and that were not warned for
    /// that very `expires_at` yet. With `apply`, each is marked warned for its `expires_at` in
    /// the same pass (one set-based statement per rule), so no run warns it again until its
    /// expiry changes. In number order.
    fn expiry_warnings(&self, rules: &[WarnRule], now: i64, apply: bool) -> Result<Vec<Token>>;
}

/// Every applied version of every definition, and which one is active.
pub trait DefinitionQueries {
    fn latest_definition(&self, name: &str) -> Result<Option<StoredDefinition>>;
    fn definition_version(&self, name: &str, version: i64) -> Result<Option<StoredDefinition>>;
    /// Every version of one definition, oldest first.
    fn definition_history(&self, name: &str) -> Result<Vec<StoredDefinition>>;
    /// The latest version of every definition, by name.
    fn definitions_latest(&self) -> Result<Vec<StoredDefinition>>;
    fn insert_definition(&self, d: &StoredDefinition) -> Result<()>;
    fn active_definition_name(&self) -> Result<String>;
    fn set_active_definition(&self, name: &str) -> Result<()>;
}

/// Accounts (Accounts Receivable) and participants (Rewards Participants).
pub trait AccountQueries {
    fn insert_account(&self, a: &Account) -> Result<()>;
    fn account(&self, id: &str) -> Result<Option<Account>>;
    fn list_accounts(&self) -> Result<Vec<Account>>;
    /// Updates an account's contact details; returns whether anything changed.
    fn update_account(&self, a: &Account) -> Result<bool>;
    fn delete_account(&self, id: &str) -> Result<()>;
    fn insert_participant(&self, p: &Participant) -> Result<()>;
    fn participant(&self, id: &str) -> Result<Option<Participant>>;
    fn list_participants(&self, account: Option<&str>) -> Result<Vec<Participant>>;
    fn delete_participant(&self, id: &str) -> Result<()>;
}

/// The audit log: append-only, each entry chained to the previous one by hash. The chain is
/// made here, once for every engine; an engine only stores the entries and keeps the head.
///
/// A bulk issuance is one entry whose detail names the ids of the tokens it created
/// ([`TokenRange::of_detail`]); the entries made here carry that range in
/// [`AuditEntry::token_ids`], which an engine stores beside the entry, indexed, and reads back:
/// [`AuditFilter::token_id`] finds the one batch whose range holds an id with an index seek,
/// not a scan (batches never overlap: their ids come from a counter that never goes back).
pub trait AuditQueries {
    /// The id and hash of the last entry (`(0, GENESIS)` for an empty log), read under the
    /// write lock. An engine may keep it for the rest of the transaction once read or written,
    /// so a transaction that appends a million entries reads it once.
    fn audit_head(&self) -> Result<(i64, String)>;
    /// Stores entries already chained to the head (at most [`AUDIT_BATCH`] of them), with
    /// their [`AuditEntry::token_ids`], and records the new head when the transaction commits.
    fn append_audit(&self, entries: &[AuditEntry]) -> Result<()>;
    /// The id and hash of the last entry as the last transaction that appended recorded them;
    /// `None` for a log nothing was ever appended to.
    fn recorded_audit_head(&self) -> Result<Option<(i64, String)>>;
    /// The entries `f` selects, oldest first. With [`AuditFilter::token`], those naming that
    /// token, and with [`AuditFilter::token_id`] also the batch entry whose range holds it.
    fn list_audit(&self, f: &AuditFilter) -> Result<Vec<AuditEntry>>;
    /// Walks the whole log in order, handing each entry to `visit` without loading them all.
    fn each_audit(&self, visit: &mut dyn FnMut(AuditEntry) -> Result<()>) -> Result<()>;

    /// Appends one entry, chained to the last one, inside the change's own transaction.
    fn audit(&self, now: i64, actor: &str, event: &AuditEvent) -> Result<()> {
        self.audit_json(
            now,
            actor,
            event.action,
            event.token,
            event.subject,
            &event.detail.to_string(),
        )
    }

    /// [`AuditQueries::audit`] with the detail already encoded as a JSON object, for bulk
    /// issuance, which serializes a struct straight to text instead of building a `Value`.
    fn audit_json(
        &self,
        now: i64,
        actor: &str,
        action: &str,
        token: Option<&str>,
        subject: Option<&str>,
        detail: &str,
    ) -> Result<()> {
        self.audit_many(now, actor, action, &[(token, subject, detail)])
    }

    /// Appends one entry per `(token, subject, detail)`, in order and chained. An entry whose
    /// detail names a batch's token ids carries them in [`AuditEntry::token_ids`].
    fn audit_many(
        &self,
        now: i64,
        actor: &str,
        action: &str,
        entries: &[(Option<&str>, Option<&str>, &str)],
    ) -> Result<()> {
        let (mut last_id, mut prev) = self.audit_head()?;
        for batch in entries.chunks(AUDIT_BATCH) {
            let mut rows = Vec::with_capacity(batch.len());
            for (token, subject, detail) in batch {
                let mut e = AuditEntry {
                    id: last_id + 1,
                    at: now,
                    actor: actor.to_string(),
                    action: action.to_string(),
                    token: token.map(str::to_string),
                    subject: subject.map(str::to_string),
                    detail: detail.to_string(),
                    prev_hash: prev,
                    hash: String::new(),
                    token_ids: TokenRange::of_detail(detail),
                };
                e.hash = audit_hash(&e);
                last_id = e.id;
                prev = e.hash.clone();
                rows.push(e);
            }
            self.append_audit(&rows)?;
        }
        Ok(())
    }
}

/// The outbox: messages queued in the same transaction as the change that caused them, claimed
/// by `outbox deliver` so that two runs never send one message twice.
pub trait OutboxQueries {
    fn queue_message(&self, m: &NewMessage, now: i64) -> Result<i64>;
    fn message(&self, id: i64) -> Result<Option<Message>>;
    fn list_messages(
        &self,
        status: Option<MessageStatus>,
        token: Option<&str>,
    ) -> Result<Vec<Message>>;
    /// Claims up to `limit` messages that are due (pending and due, or sending with an expired
    /// lease), marking them `sending` until `lease_until`. Only messages whose id is in `only`
    /// are claimed when it is given.
    fn claim_messages(
        &self,
        now: i64,
        lease_until: i64,
        owner: &str,
        limit: i64,
        only: Option<&[i64]>,
    ) -> Result<Vec<Message>>;
    /// Sent: the body and its sealed secrets are erased, the metadata stays.
    fn mark_sent(&self, id: i64, owner: &str, now: i64) -> Result<bool>;
    /// Gives up the messages still waiting for a token that was deleted or is no longer
    /// effective: they would hand out secrets of a token that cannot be used, and their bodies
    /// are erased as a sent message's are. Returns how many.
    fn cancel_pending_messages(&self, token: &str, event: Option<&str>, why: &str)
        -> Result<usize>;
    /// [`OutboxQueries::cancel_pending_messages`] for every token that is not_effective, in one
    /// statement: the expiry job may change thousands of tokens, and few messages are pending.
    fn cancel_messages_of_ineffective_tokens(&self, why: &str) -> Result<usize>;
    /// A failed attempt: pending again at `retry_at`, or failed for good when it is None (its
    /// body erased then, as a sent one's: it may hold a secret, and no run sends it again).
    fn mark_attempt_failed(
        &self,
        id: i64,
        owner: &str,
        error: &str,
        retry_at: Option<i64>,
    ) -> Result<()>;
    /// A claimed message that this run cannot send and that must not count as an attempt (the
    /// key that opens its sealed secrets is not on this host): pending again as it was, with
    /// `why` as its last error.
    fn release_message(&self, id: i64, owner: &str, why: &str) -> Result<()>;
    /// The ids of the messages that are due at `now` (pending and due, or claimed by a run
    /// whose lease ran out), of the given media, optionally only among `only`, oldest first.
    /// `outbox deliver` takes this snapshot once, then claims its ids in small batches, so a
    /// run attempts each message at most once even when a failure makes it due again at once.
    fn due_message_ids(
        &self,
        now: i64,
        media: &[Media],
        only: Option<(i64, i64)>,
    ) -> Result<Vec<i64>>;
    /// Pending messages of a medium: all of them, or those with ids in `only` (first, last).
    fn pending_count(&self, media: Media, only: Option<(i64, i64)>) -> Result<i64>;
    /// The largest message id so far (0 for none): what a command queues comes after it.
    fn last_message_id(&self) -> Result<i64>;
    /// How many messages are in each status (statuses with none left out), and when the
    /// oldest pending one was queued (`tokenadm status`). The default reads the list; an
    /// engine counts in the database instead.
    fn outbox_summary(&self) -> Result<OutboxSummary> {
        let mut s = OutboxSummary::default();
        for m in self.list_messages(None, None)? {
            match s.counts.iter_mut().find(|(st, _)| *st == m.status) {
                Some((_, n)) => *n += 1,
                None => s.counts.push((m.status, 1)),
            }
            if m.status == MessageStatus::Pending {
                s.oldest_pending = Some(
                    s.oldest_pending
                        .map_or(m.created_at, |o| o.min(m.created_at)),
                );
            }
        }
        Ok(s)
    }
}

/// The outbox at a glance, for `tokenadm status`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OutboxSummary {
    pub counts: Vec<(MessageStatus, i64)>,
    /// When the oldest pending message was queued.
    pub oldest_pending: Option<i64>,
}

/// Small per-database values (the active definition's name, the database's own keys) and the
/// counters that never go back.
pub trait MetaQueries {
    fn meta_get(&self, key: &str) -> Result<Option<Vec<u8>>>;
    fn meta_set(&self, key: &str, value: &[u8]) -> Result<()>;
    /// Hands out `n` consecutive values of a counter that never goes back; returns the first.
    fn next_counter(&self, name: &str, n: i64) -> Result<i64>;
    /// The schema version the database is at (what `serve`'s `/ready` compares with
    /// [`super::SCHEMA_VERSION`]).
    fn schema_version(&self) -> Result<i64>;

    /// A 256-bit key generated from the OS CSPRNG the first time it is asked for, then kept.
    fn key(&self, name: &str) -> Result<Vec<u8>> {
        let meta_key = format!("key.{name}");
        if let Some(k) = self.meta_get(&meta_key)? {
            return Ok(k);
        }
        let mut k = vec![0u8; 32];
        rand::Rng::fill(&mut rand::rng(), &mut k[..]);
        self.meta_set(&meta_key, &k)?;
        Ok(k)
    }
}

/// A consumer application key about to be stored: its digest, never the key.
#[derive(Debug, Clone)]
pub struct NewAppKey {
    pub name: String,
    pub digest: [u8; 32],
    pub hint: String,
    pub now: i64,
    pub actor: String,
}

/// Consumer application keys (issue #13): the keys apps present to `tokenadm serve`, kept as
/// digests. A name is never reused, revoked or not.
pub trait AppKeyQueries {
    /// Stores a new key; a name already taken (by a live or a revoked key) is a conflict.
    fn insert_app_key(&self, k: &NewAppKey) -> Result<AppKey>;
    fn app_key_by_name(&self, name: &str) -> Result<Option<AppKey>>;
    /// The key with this digest, revoked or not (the caller decides what a revoked key gets).
    fn app_key_by_digest(&self, digest: &[u8; 32]) -> Result<Option<AppKey>>;
    /// Every key, oldest first.
    fn list_app_keys(&self) -> Result<Vec<AppKey>>;
    /// Marks a live key revoked; false when it was revoked already.
    fn revoke_app_key(&self, id: i64, now: i64, actor: &str) -> Result<bool>;
}
