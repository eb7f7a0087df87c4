//! `tokenadm status` (issue #12, item 6): the database at a glance, for the support desk and
//! for monitoring. One read transaction; every figure is a count the database makes.

use super::{definitions, expire};
use crate::domain::token::State;
use crate::error::Result;
use crate::store::{OutboxSummary, TokenFilter, Tx};

/// How far ahead `expiring_soon` looks.
pub const EXPIRING_WITHIN_SECS: i64 = 7 * 86_400;

#[derive(Debug, Clone)]
pub struct Status {
    pub active_definition: String,
    pub definition_version: i64,
    /// Every state, with how many tokens are in it.
    pub tokens: Vec<(State, i64)>,
    /// Orphans the next `token expire` sets not_effective.
    pub orphans_due: i64,
    /// Tokens past their expiry (or pending ones whose code lapsed) that the next `token
    /// expire` sets not_effective.
    pub expired_due: i64,
    /// Tokens (not yet not_effective) that expire within the next 7 days, and pending ones
    /// whose verification code lapses by then (what `token list --expiring-within 7d` lists,
    /// less what is due already).
    pub expiring_soon: i64,
    pub outbox: OutboxSummary,
    /// The id and hash of the audit log's last entry.
    pub audit_head: (i64, String),
}

pub fn status(tx: &dyn Tx, now: i64) -> Result<Status> {
    let active = definitions::active(tx)?;
    let mut tokens = Vec::new();
    for state in State::ALL {
        let n = tx.count_tokens(&TokenFilter {
            states: vec![state],
            ..Default::default()
        })?;
        tokens.push((state, n));
    }
    let orphans_due = tx.count_tokens(&TokenFilter {
        orphaned: true,
        orphan_rules: expire::orphan_rules(tx, now)?,
        ..Default::default()
    })?;
    let expiring_by = |by: i64| {
        tx.count_tokens(&TokenFilter {
            expiring_by: Some(by),
            ..Default::default()
        })
    };
    let expired_due = expiring_by(now)?;
    let expiring_soon = expiring_by(now + EXPIRING_WITHIN_SECS)? - expired_due;
    Ok(Status {
        active_definition: active.stored.name,
        definition_version: active.stored.version,
        tokens,
        orphans_due,
        expired_due,
        expiring_soon,
        outbox: tx.outbox_summary()?,
        audit_head: tx.audit_head()?,
    })
}
