//! The use cases. Each takes the store, who and when (`Env`) and plain values, and returns
//! records; none prints, prompts or reads the environment. Expensive work (argon2) happens
//! before the write transaction opens, so the database lock is held for milliseconds.

pub mod app_keys;
pub mod audit;
pub mod authenticate;
pub mod definition_check;
pub mod definitions;
pub mod deliver;
pub mod entities;
pub mod expire;
pub mod find;
pub mod import;
pub mod issue;
pub mod lifecycle;
pub mod messages;
pub mod rules;
pub mod session;
pub mod status;
pub mod verification;

use crate::domain::token::AuditEvent;
use crate::error::Result;
use crate::store::Tx;
use serde_json::Value;

/// Who is acting, and the one instant this invocation runs at (read once, passed down).
#[derive(Debug, Clone)]
pub struct Env {
    pub now: i64,
    pub actor: String,
    /// Where the outbox key comes from, for a command that queues or sends a message with a
    /// secret in it; the front door sets it once it has read the config file. None: such a
    /// message cannot be queued (the command fails, changing nothing).
    pub outbox_key: Option<std::sync::Arc<dyn OutboxKey>>,
}

/// The key that seals the secrets of waiting messages (issue #11, item 5), kept outside the
/// database (the front door's key file), so a copy of the database alone reveals no secret.
/// ops asks for it only when it seals or opens a message's secrets.
pub trait OutboxKey: std::fmt::Debug + Send + Sync {
    /// The key, created where it is kept if there is none yet (first use).
    fn for_sealing(&self) -> Result<crate::domain::seal::SealKey>;
    /// The key if this host has it, never creating one: a new key would open nothing.
    fn for_opening(&self) -> Result<Option<crate::domain::seal::SealKey>>;
    /// Where the key is kept, as a user would look for it (a file's path).
    fn location(&self) -> String;
}

impl Env {
    /// An Env with no outbox key (tests, and front doors that queue no message).
    pub fn new(now: i64, actor: impl Into<String>) -> Env {
        Env {
            now,
            actor: actor.into(),
            outbox_key: None,
        }
    }

    /// The outbox key for sealing a message's secrets.
    pub fn sealing_key(&self) -> Result<crate::domain::seal::SealKey> {
        match &self.outbox_key {
            Some(k) => k.for_sealing(),
            None => Err(crate::error::Error::internal(
                "no outbox key is available to seal a message's secrets with; this front door does not set one",
            )),
        }
    }
}

impl Env {
    /// Appends an entry to the audit log inside `tx`, by this actor at this instant: `action`
    /// about the token numbered `token` and/or the record `subject`, with `detail` (a JSON
    /// object, never a secret).
    pub fn audit(
        &self,
        tx: &dyn Tx,
        action: &str,
        token: Option<&str>,
        subject: Option<&str>,
        detail: Value,
    ) -> Result<()> {
        let event = AuditEvent {
            action,
            token,
            subject,
            detail,
        };
        tx.audit(self.now, &self.actor, &event)
    }
}
