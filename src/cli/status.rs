//! `tokenadm status` (issue #12, item 6): where the database is, its schema, the active
//! definition, tokens by state, what the next `token expire` will change and what expires soon,
//! the outbox by status with the age of its oldest pending message, the audit log's head, and
//! which transports the config file sets up (never a password: an SMTP URL without its user
//! information, a command's program without its arguments).

use super::ctx::Ctx;
use crate::delivery::DeliveryConfig;
use crate::error::Result;
use crate::ops::status;
use crate::output::{rfc3339, StatusView};
use crate::store::SCHEMA_VERSION;
use serde_json::{json, Map, Value};

/// Show the database at a glance: tokens by state, what is due, the outbox, the audit head
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  tokenadm status
  tokenadm status --format json | jq .outbox.pending
  tokenadm status --db /srv/crm/tokenadm.db")]
pub struct Args {}

pub fn run(_args: Args, ctx: &mut Ctx) -> Result<()> {
    // The config file first: a wrong --config is reported whatever the database holds.
    let delivery = delivery(&ctx.delivery()?.config.delivery);
    let now = ctx.env.now;
    let store = ctx.store()?;
    let database = store.location();
    let s = store.read(|tx| status::status(tx, now))?;
    let mut tokens = Map::new();
    for (state, n) in &s.tokens {
        tokens.insert(state.as_str().to_string(), json!(n));
    }
    let mut outbox = Map::new();
    for name in ["pending", "sending", "sent", "failed", "cancelled"] {
        outbox.insert(name.to_string(), json!(0));
    }
    for (st, n) in &s.outbox.counts {
        outbox.insert(st.as_str().to_string(), json!(n));
    }
    ctx.out.record(&StatusView::new(json!({
        "database": database,
        "schema_version": SCHEMA_VERSION,
        "active_definition": s.active_definition,
        "definition_version": s.definition_version,
        "tokens": tokens,
        "orphans_due": s.orphans_due,
        "expired_due": s.expired_due,
        "expiring_within_7d": s.expiring_soon,
        "outbox": outbox,
        "oldest_pending_at": s.outbox.oldest_pending.map(rfc3339),
        "oldest_pending_age": s.outbox.oldest_pending.map(|t| age(now - t)),
        "audit_head": { "id": s.audit_head.0, "hash": s.audit_head.1 },
        "delivery": delivery,
    })))
}

/// The transports the config file sets up, as people may see them.
fn delivery(d: &DeliveryConfig) -> Value {
    let file = (!d.source.as_os_str().is_empty() && d.source.exists())
        .then(|| d.source.display().to_string());
    let email = match (&d.email, &d.email_command) {
        (Some(url), _) => Some(url.to_string()),
        (None, Some(cmd)) => Some(format!("command {}", cmd.program)),
        (None, None) => None,
    };
    json!({
        "config_file": file,
        "email": email,
        "email_from": d.email_from.as_ref().map(|m| m.to_string()),
        "sms": d.sms_command.as_ref().map(|c| format!("command {}", c.program)),
    })
}

/// A wait as people say it: `45s`, `12m`, `3h 20m`, `2d 4h`.
fn age(secs: i64) -> String {
    let secs = secs.max(0);
    let (d, h, m) = (secs / 86_400, secs % 86_400 / 3_600, secs % 3_600 / 60);
    match (d, h, m) {
        (0, 0, 0) => format!("{secs}s"),
        (0, 0, m) => format!("{m}m"),
        (0, h, 0) => format!("{h}h"),
        (0, h, m) => format!("{h}h {m}m"),
        (d, 0, _) => format!("{d}d"),
        (d, h, _) => format!("{d}d {h}h"),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn ages_read_as_people_say_them() {
        for (secs, text) in [
            (0, "0s"),
            (45, "45s"),
            (60, "1m"),
            (12 * 60 + 5, "12m"),
            (3 * 3600, "3h"),
            (3 * 3600 + 20 * 60, "3h 20m"),
            (2 * 86_400, "2d"),
            (2 * 86_400 + 4 * 3600 + 59, "2d 4h"),
            (-5, "0s"),
        ] {
            assert_eq!(super::age(secs), text);
        }
    }
}
