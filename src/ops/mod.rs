//! The use cases. Each takes the store, who and when (`Env`) and plain values, and returns
//! records; none prints, prompts or reads the environment. Expensive work (argon2) happens
//! before the write transaction opens, so the database lock is held for milliseconds.

pub mod app_keys;
pub mod audit;
pub mod authenticate;
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
