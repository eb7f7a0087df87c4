//! Delivering the outbox (issue #5): send the messages that are due through the configured
//! transports, record how each attempt went, erase the body of what was sent.
//!
//! Sending happens outside any write transaction, so the database is never locked while an
//! SMTP server thinks. A run
//! 1. takes a snapshot of the ids that are due (a read),
//! 2. claims them in small batches (one short `BEGIN IMMEDIATE` each: pending → `sending`,
//!    with an owner id unique to the run and a lease long enough to send the batch),
//! 3. sends each claimed message and records the outcome in one short write per message:
//!    `sent` (body erased), `pending` again after a backoff, or `failed` for good.
//!
//! The claim is a conditional UPDATE inside an immediate transaction, so however many runs
//! overlap (cron and a command's own delivery), each message is claimed by one of them; the
//! outcome is recorded only by the run that holds the claim. A run that dies mid-way leaves its
//! messages `sending` until the lease runs out, then any run takes them again: delivery is at
//! least once, and exactly once unless a process dies between the send and its record.
//!
//! Each run attempts a message at most once: it works from the snapshot, so a message that
//! fails and is due again at once (`backoff = "0s"`) waits for the next run.

use super::Env;
use crate::delivery::{DeliveryConfig, OutgoingMessage, Transports};
use crate::domain::definition::Media;
use crate::domain::message::{self, Message, MessageStatus};
use crate::domain::seal::{OpenError, SealKey};
use crate::error::Result;
use crate::store::{Store, Tx};
use rand::RngCore;
use serde_json::json;
use zeroize::{Zeroize, Zeroizing};

/// Messages claimed per write transaction.
const BATCH: usize = 10;
/// Slack on top of the time a batch may take, for start-up and the writes in between.
const LEASE_SLACK_SECS: i64 = 60;

const ALL_MEDIA: [Media; 2] = [Media::Email, Media::Sms];

/// What a run did.
#[derive(Debug, Default)]
pub struct Report {
    /// Every message attempted, as recorded after the attempt (body dropped), oldest first.
    pub attempted: Vec<Message>,
    /// Media whose messages wait because no transport is configured for them.
    pub waiting: Vec<Waiting>,
    /// Messages that were sent although this run's claim on them had run out (another run may
    /// have taken them over and sent them too); the lease or the timeout is too short.
    pub lease_lost: Vec<i64>,
    /// Messages left pending, not attempted, because their secrets are sealed with an outbox
    /// key this host does not have (issue #11, item 5): their ids, and why, in one sentence.
    pub held: Vec<(i64, String)>,
}

impl Report {
    pub fn sent(&self) -> usize {
        self.count(MessageStatus::Sent)
    }

    pub fn count(&self, status: MessageStatus) -> usize {
        self.attempted.iter().filter(|m| m.status == status).count()
    }
}

/// Pending messages of one medium that no transport can send.
#[derive(Debug, Clone, PartialEq)]
pub struct Waiting {
    pub media: Media,
    pub count: i64,
    /// Names the setting to add, and the config file.
    pub reason: String,
}

/// The ids of the messages one command queued: one transaction under the write lock, so they
/// are consecutive (first, last), however many.
pub type IdRange = (i64, i64);

/// Sends what is due: every due message (`only` None, `outbox deliver`), or only those of
/// `only` (the messages a command just queued). `env.now` is the run's start: what is due
/// then is attempted. `clock` gives the current time for leases and for the times recorded
/// after each attempt, since sending takes real time.
pub fn deliver(
    store: &mut Store,
    env: &Env,
    clock: &dyn Fn() -> i64,
    config: &DeliveryConfig,
    transports: &Transports,
    only: Option<IdRange>,
) -> Result<Report> {
    let mut report = Report::default();
    let sendable: Vec<Media> = ALL_MEDIA
        .into_iter()
        .filter(|m| transports.for_media(*m).is_some())
        .collect();
    let (due, waiting) = store.read(|tx| {
        let due = tx.due_message_ids(env.now, &sendable, only)?;
        let mut waiting = Vec::new();
        for media in ALL_MEDIA {
            let Some(reason) = transports.unconfigured_reason(media) else {
                continue;
            };
            let count = tx.pending_count(media, only)?;
            if count > 0 {
                waiting.push(Waiting {
                    media,
                    count,
                    reason,
                });
            }
        }
        Ok((due, waiting))
    })?;
    report.waiting = waiting;

    let owner = format!("{}-{:016x}", std::process::id(), rand::rng().next_u64());
    // Looked up when the first message with sealed secrets comes, once per run.
    let mut key = None;
    // One attempt may take the timeout more than once (connect, then each SMTP reply).
    let per_message = config.timeout.as_secs().max(1) * 2;
    for batch in due.chunks(BATCH) {
        let lease_until = clock() + per_message * batch.len() as i64 + LEASE_SLACK_SECS;
        let (claimed, domain) = store.write(|tx| {
            let claimed = tx.claim_messages(
                env.now,
                lease_until,
                &owner,
                batch.len() as i64,
                Some(batch),
            )?;
            Ok((claimed, message_id_domain(tx)?))
        })?;
        for mut message in claimed {
            let body = match open_body(&mut key, env, &mut message) {
                Opened::Body(body) => Ok(body),
                Opened::Damaged(why) => Err(crate::delivery::SendError::permanent(why)),
                Opened::Hold(why) => {
                    store.write(|tx| tx.release_message(message.id, &owner, &why))?;
                    report.held.push((message.id, why));
                    continue;
                }
            };
            let message_id = format!("<outbox-{}.{domain}@tokenadm>", message.id);
            let attempted = attempt(
                store, env, clock, config, transports, &owner, message, body, message_id,
            )?;
            if attempted.1 {
                report.lease_lost.push(attempted.0.id);
            }
            report.attempted.push(attempted.0);
        }
    }
    if report.sent() + report.count(MessageStatus::Failed) > 0 {
        // The erased bodies (sent, or failed for good: no later run sends them, and they may
        // hold a secret) are gone from the pages; make sure no older image of them stays in
        // the write-ahead log either.
        store.purge_erased()?;
    }
    Ok(report)
}

/// The part of every `Message-ID` that is this database's own: 16 hex digits derived from a
/// random per-database value, so two databases never give two messages one id, and every
/// attempt at a message gives it the same one (`<outbox-ID.HEX@tokenadm>`).
fn message_id_domain(tx: &dyn Tx) -> Result<String> {
    use sha2::{Digest, Sha256};
    let value = zeroize::Zeroizing::new(tx.key("message_id")?);
    let digest = Sha256::new()
        .chain_update(b"tokenadm Message-ID\0")
        .chain_update(value.as_slice())
        .finalize();
    Ok(crate::domain::token::hex(&digest[..8]))
}

/// What a claimed message's body is, ready to send.
enum Opened {
    Body(Zeroizing<String>),
    /// Its secrets are sealed with a key this host does not have: it stays pending.
    Hold(String),
    /// Its sealed secrets do not open with the right key: changed since it was queued.
    Damaged(String),
}

/// The body of `message` with its sealed secrets in place (taking the body out of it), using
/// the outbox key looked up once into `key`.
fn open_body(
    key: &mut Option<std::result::Result<SealKey, String>>,
    env: &Env,
    message: &mut Message,
) -> Opened {
    let body = Zeroizing::new(message.body.take().unwrap_or_default());
    let Some(sealed) = &message.secrets else {
        return Opened::Body(body);
    };
    let key = key.get_or_insert_with(|| {
        let Some(source) = &env.outbox_key else {
            return Err("the secrets are sealed with the outbox key, and this front door has none".into());
        };
        match source.for_opening() {
            Ok(Some(k)) => Ok(k),
            Ok(None) => Err(format!(
                "the secrets are sealed with the outbox key, which this host does not have (no key file at {}); copy the key file there from the host that queued the messages, or name it in [outbox] key_file of the config file",
                source.location()
            )),
            Err(e) => Err(e.message),
        }
    });
    let key = match key {
        Ok(k) => k,
        Err(why) => return Opened::Hold(why.clone()),
    };
    match message::open_secrets(key, message.media, &message.recipient, &body, sealed) {
        Ok(opened) => Opened::Body(opened),
        Err(OpenError::OtherKey(id)) => Opened::Hold(format!(
            "the secrets are sealed with another outbox key (id {}) than this host's (id {}{}); use the key file of the host that queued the messages",
            crate::domain::token::hex(&id),
            key.id_hex(),
            env.outbox_key
                .as_ref()
                .map(|s| format!(", at {}", s.location()))
                .unwrap_or_default()
        )),
        Err(OpenError::Damaged) => Opened::Damaged(
            "its sealed secrets do not open: the message was changed after it was queued, so it is not sent".into(),
        ),
    }
}

/// Sends one claimed message and records the outcome; returns the message as recorded and
/// whether the claim had been lost by the time the send was recorded.
#[allow(clippy::too_many_arguments)]
fn attempt(
    store: &mut Store,
    env: &Env,
    clock: &dyn Fn() -> i64,
    config: &DeliveryConfig,
    transports: &Transports,
    owner: &str,
    mut message: Message,
    body: std::result::Result<Zeroizing<String>, crate::delivery::SendError>,
    message_id: String,
) -> Result<(Message, bool)> {
    let (body, opened) = match body {
        Ok(b) => (b.to_string(), Ok(())),
        Err(e) => (String::new(), Err(e)),
    };
    let outgoing = OutgoingMessage {
        media: message.media,
        recipient: message.recipient.clone(),
        subject: message.subject.clone(),
        body,
        message_id: Some(message_id),
    };
    let result = match (opened, transports.for_media(message.media)) {
        (Err(e), _) => Err(e),
        (Ok(()), Some(t)) => t.send(&outgoing),
        // Not claimed without a transport; kept total for a caller that swaps transports.
        (Ok(()), None) => Err(crate::delivery::SendError::transient(
            transports
                .unconfigured_reason(message.media)
                .unwrap_or_else(|| "no transport is configured".into()),
        )),
    };
    // The body may hold a secret; do not leave it in freed memory.
    let OutgoingMessage { mut body, .. } = outgoing;
    body.zeroize();
    let now = clock();
    // The outcome is recorded at the time the attempt ended, not at the run's start.
    let at = Env { now, ..env.clone() };
    message.attempts += 1;
    let audit_detail = |m: &Message, extra: serde_json::Value| {
        let mut d = json!({
            "id": m.id,
            "event": m.event,
            "media": m.media.as_str(),
            "recipient": m.recipient,
            "attempts": m.attempts,
        });
        if let (Some(d), Some(e)) = (d.as_object_mut(), extra.as_object()) {
            d.extend(e.clone());
        }
        d
    };
    match result {
        Ok(()) => {
            let held = store.write(|tx| {
                let held = tx.mark_sent(message.id, owner, now)?;
                if held {
                    at.audit(
                        tx,
                        "outbox.sent",
                        message.token.as_deref(),
                        None,
                        audit_detail(&message, json!({})),
                    )?;
                }
                Ok(held)
            })?;
            message.status = MessageStatus::Sent;
            message.sent_at = Some(now);
            message.last_error = None;
            Ok((message, !held))
        }
        Err(e) => {
            let attempts = u32::try_from(message.attempts).unwrap_or(u32::MAX);
            let retry_at = (!e.permanent && attempts < config.max_attempts)
                .then(|| now + config.retry_delay(attempts).as_secs());
            store.write(|tx| {
                tx.mark_attempt_failed(message.id, owner, &e.message, retry_at)?;
                if retry_at.is_none() {
                    at.audit(
                        tx,
                        "outbox.failed",
                        message.token.as_deref(),
                        None,
                        audit_detail(
                            &message,
                            json!({ "error": e.message, "permanent": e.permanent }),
                        ),
                    )?;
                }
                Ok(())
            })?;
            message.last_error = Some(e.message);
            match retry_at {
                Some(at) => {
                    message.status = MessageStatus::Pending;
                    message.next_attempt_at = at;
                }
                None => message.status = MessageStatus::Failed,
            }
            Ok((message, false))
        }
    }
}

/// One outbox message, for `outbox show`.
pub fn message(tx: &dyn crate::store::Tx, id: i64) -> Result<Message> {
    tx.message(id)?.ok_or_else(|| {
        crate::error::Error::not_found(format!(
            "outbox message {id} does not exist; list the messages with tokenadm outbox list"
        ))
    })
}
