//! The contract's field names for every record type, in one place.

use super::render::Render;
use crate::domain::app_key::AppKey;
use crate::domain::finding::Finding;
use crate::domain::message::{Message, MessageStatus};
use crate::domain::secret::Secret;
use crate::domain::time::{rfc3339, rfc3339_opt};
use crate::domain::token::{Account, AuditEntry, Participant, Token};
use serde_json::{json, Map, Value};

fn obj(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

/// Secrets a command generated, printed once with the record that carries them.
#[derive(Debug, Default)]
pub struct ShownSecrets {
    pub authentication_code: Option<String>,
    pub pass_code: Option<String>,
}

impl ShownSecrets {
    pub fn is_empty(&self) -> bool {
        self.authentication_code.is_none() && self.pass_code.is_none()
    }
}

impl Drop for ShownSecrets {
    fn drop(&mut self) {
        use zeroize::Zeroize;
        self.authentication_code.zeroize();
        self.pass_code.zeroize();
    }
}

/// A token as the contract prints it, with the secrets that were just generated, if any.
pub struct TokenView<'a> {
    pub token: &'a Token,
    pub secrets: Option<&'a ShownSecrets>,
    /// The instant the record is shown at: `uses_today` counts the UTC day it falls on, and
    /// `locked_until` shows only a lock still holding then.
    pub now: i64,
    /// The token's `usage.daily_limit`, shown after `uses_today` where the command knows it
    /// (`token show`, `token list`, `auth`) and the policy sets one.
    pub daily_limit: Option<u32>,
}

impl<'a> TokenView<'a> {
    /// The record of `token` at `now`, without secrets or a daily limit.
    pub fn new(token: &'a Token, now: i64) -> Self {
        TokenView {
            token,
            secrets: None,
            now,
            daily_limit: None,
        }
    }
}

impl Render for TokenView<'_> {
    fn to_json(&self) -> Map<String, Value> {
        let t = self.token;
        let mut m = obj(json!({
            "number": t.number,
            "name": t.name,
            "identifier": t.identifier,
            "classification": t.classification,
            "state": t.state.as_str(),
            "has_pass_code": t.has_pass_code,
            "authentication_code_hint": t.auth_hint,
            "account": t.account,
            "participant": t.participant,
            "expires_at": rfc3339_opt(t.expires_at),
            "verified_at": rfc3339_opt(t.verified_at),
            "last_used_at": rfc3339_opt(t.last_used_at),
            "uses_today": t.uses_today(self.now),
            "locked_until": rfc3339_opt(t.locked_at(self.now)),
            "definition": t.definition,
            "definition_version": t.definition_version,
            "created_at": rfc3339(t.created_at),
            "created_by": t.created_by,
            "updated_at": rfc3339(t.updated_at),
            "updated_by": t.updated_by,
        }));
        if let Some(limit) = self.daily_limit {
            // Right after the count it bounds; a map keeps its insertion order.
            let mut ordered = Map::new();
            for (k, v) in std::mem::take(&mut m) {
                let after_uses = k == "uses_today";
                ordered.insert(k, v);
                if after_uses {
                    ordered.insert("daily_limit".into(), json!(limit));
                }
            }
            m = ordered;
        }
        if let Some(s) = self.secrets.filter(|s| !s.is_empty()) {
            let mut sm = Map::new();
            if let Some(c) = &s.authentication_code {
                sm.insert("authentication_code".into(), Value::String(c.clone()));
            }
            if let Some(p) = &s.pass_code {
                sm.insert("pass_code".into(), Value::String(p.clone()));
            }
            m.insert("secrets".into(), Value::Object(sm));
        }
        m
    }

    fn csv_cells(&self, columns: &[String]) -> Option<Vec<String>> {
        let t = self.token;
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        let time = |v: Option<i64>| v.map(rfc3339).unwrap_or_default();
        let secret = |pick: fn(&ShownSecrets) -> &Option<String>| {
            self.secrets
                .and_then(|s| pick(s).clone())
                .unwrap_or_default()
        };
        columns
            .iter()
            .map(|c| {
                Some(match c.as_str() {
                    "number" => t.number.clone(),
                    "name" => text(&t.name),
                    "identifier" => text(&t.identifier),
                    "classification" => text(&t.classification),
                    "state" => t.state.as_str().to_string(),
                    "has_pass_code" => t.has_pass_code.to_string(),
                    "authentication_code_hint" => t.auth_hint.clone(),
                    "account" => text(&t.account),
                    "participant" => text(&t.participant),
                    "expires_at" => time(t.expires_at),
                    "verified_at" => time(t.verified_at),
                    "last_used_at" => time(t.last_used_at),
                    "uses_today" => t.uses_today(self.now).to_string(),
                    "daily_limit" => self.daily_limit.map(|l| l.to_string()).unwrap_or_default(),
                    "locked_until" => time(t.locked_at(self.now)),
                    "definition" => t.definition.clone(),
                    "definition_version" => t.definition_version.to_string(),
                    "created_at" => rfc3339(t.created_at),
                    "created_by" => t.created_by.clone(),
                    "updated_at" => rfc3339(t.updated_at),
                    "updated_by" => t.updated_by.clone(),
                    "secrets.authentication_code" => secret(|s| &s.authentication_code),
                    "secrets.pass_code" => secret(|s| &s.pass_code),
                    _ => return None,
                })
            })
            .collect()
    }

    // A fixed set that fits 80 columns; at narrower widths the last ones go first (issue #12).
    const LIST_COLUMNS: &'static [&'static str] = &[
        "number",
        "identifier",
        "state",
        "expires_at",
        "account",
        "name",
    ];
    /// The contract's fields. `daily_limit`, not one of them, is a column only where a record
    /// carries it (after the contract's, as `secrets.*` are).
    const FIELDS: &'static [&'static str] = &[
        "number",
        "name",
        "identifier",
        "classification",
        "state",
        "has_pass_code",
        "authentication_code_hint",
        "account",
        "participant",
        "expires_at",
        "verified_at",
        "last_used_at",
        "uses_today",
        "locked_until",
        "definition",
        "definition_version",
        "created_at",
        "created_by",
        "updated_at",
        "updated_by",
    ];
}

impl Render for Account {
    fn to_json(&self) -> Map<String, Value> {
        obj(json!({
            "id": self.id,
            "name": self.name,
            "email": self.email,
            "phone": self.phone,
            "created_at": rfc3339(self.created_at),
            "created_by": self.created_by,
            "updated_at": rfc3339(self.updated_at),
            "updated_by": self.updated_by,
        }))
    }
    const LIST_COLUMNS: &'static [&'static str] = &["id", "name", "email", "phone"];
    const FIELDS: &'static [&'static str] = &[
        "id",
        "name",
        "email",
        "phone",
        "created_at",
        "created_by",
        "updated_at",
        "updated_by",
    ];
}

impl Render for Participant {
    fn to_json(&self) -> Map<String, Value> {
        obj(json!({
            "id": self.id,
            "account": self.account,
            "name": self.name,
            "email": self.email,
            "phone": self.phone,
            "created_at": rfc3339(self.created_at),
            "created_by": self.created_by,
            "updated_at": rfc3339(self.updated_at),
            "updated_by": self.updated_by,
        }))
    }
    const LIST_COLUMNS: &'static [&'static str] = &["id", "account", "name", "email", "phone"];
    const FIELDS: &'static [&'static str] = &[
        "id",
        "account",
        "name",
        "email",
        "phone",
        "created_at",
        "created_by",
        "updated_at",
        "updated_by",
    ];
}

impl Render for AuditEntry {
    fn to_json(&self) -> Map<String, Value> {
        let detail: Value =
            serde_json::from_str(&self.detail).unwrap_or(Value::String(self.detail.clone()));
        obj(json!({
            "id": self.id,
            "at": rfc3339(self.at),
            "actor": self.actor,
            "action": self.action,
            "token": self.token,
            "subject": self.subject,
            "detail": detail,
            "hash": self.hash,
        }))
    }
    /// One line per entry: the subject and detail as a short summary (issue #12: 28 detail.*
    /// columns, mostly empty, made audit 532 characters wide).
    const LIST_COLUMNS: &'static [&'static str] =
        &["id", "at", "actor", "action", "token", "summary"];
    /// The same columns for every query: the detail is one column of JSON.
    const FIELDS: &'static [&'static str] = &[
        "id", "at", "actor", "action", "token", "subject", "detail", "hash",
    ];

    fn table_extras(obj: &mut Map<String, Value>) {
        let summary = audit_summary(
            obj.get("subject").and_then(Value::as_str),
            obj.get("detail").unwrap_or(&Value::Null),
        );
        obj.insert("summary".into(), Value::String(summary));
    }
}

/// An audit entry's subject and detail in one line: `AR-1, name: Zed Ltd`, `effective →
/// not_effective, reason: left the company`; `-` when there is nothing to say.
fn audit_summary(subject: Option<&str>, detail: &Value) -> String {
    let mut parts: Vec<String> = subject.map(str::to_string).into_iter().collect();
    match detail {
        Value::Object(d) => {
            let text = |v: &Value| match v {
                Value::String(s) => s.clone(),
                Value::Bool(true) => "yes".into(),
                Value::Bool(false) => "no".into(),
                Value::Array(items) if items.iter().all(Value::is_string) => items
                    .iter()
                    .filter_map(Value::as_str)
                    .collect::<Vec<_>>()
                    .join(" "),
                other => other.to_string(),
            };
            let (from, to) = (d.get("from"), d.get("to"));
            if let (Some(f), Some(t)) = (from, to) {
                parts.push(format!("{} → {}", text(f), text(t)));
            } else if let Some(t) = to {
                parts.push(format!("→ {}", text(t)));
            }
            for (k, v) in d {
                if v.is_null() || k == "from" || k == "to" {
                    continue;
                }
                // Instants are stored as seconds; say them as the rest of the table does.
                let value = match v.as_i64() {
                    Some(t) if k.ends_with("_at") || k.ends_with("until") => rfc3339(t),
                    _ => text(v),
                };
                parts.push(format!("{}: {value}", k.replace('_', " ")));
            }
        }
        Value::Null => {}
        Value::String(s) if s.is_empty() => {}
        Value::String(s) => parts.push(s.clone()),
        other => parts.push(other.to_string()),
    }
    if parts.is_empty() {
        "-".into()
    } else {
        parts.join(", ")
    }
}

/// One row of `definition list` or `definition history`.
pub struct DefinitionRow {
    pub name: String,
    pub version: i64,
    pub active: bool,
    pub description: String,
    pub created_at: i64,
    pub created_by: String,
}

impl Render for DefinitionRow {
    fn to_json(&self) -> Map<String, Value> {
        obj(json!({
            "name": self.name,
            "version": self.version,
            "active": self.active,
            "description": self.description,
            "created_at": rfc3339(self.created_at),
            "created_by": self.created_by,
        }))
    }
    const LIST_COLUMNS: &'static [&'static str] = &[
        "name",
        "version",
        "active",
        "created_at",
        "created_by",
        "description",
    ];
    const FIELDS: &'static [&'static str] = &[
        "name",
        "version",
        "active",
        "description",
        "created_at",
        "created_by",
    ];
}

/// A short result: what a command did, for commands whose output is not a stored record.
pub struct Outcome(pub Map<String, Value>);

impl Outcome {
    pub fn new(v: Value) -> Self {
        Outcome(obj(v))
    }
}

impl Render for Outcome {
    fn to_json(&self) -> Map<String, Value> {
        self.0.clone()
    }
    const LIST_COLUMNS: &'static [&'static str] = &[];
    const FIELDS: &'static [&'static str] = &[];
}

/// What `auth --session` prints: the token's number, the session token (a secret: a table
/// shows it in a block of its own, never wrapped) and when it expires.
pub struct SessionView(pub Outcome);

impl Render for SessionView {
    fn to_json(&self) -> Map<String, Value> {
        self.0 .0.clone()
    }
    const LIST_COLUMNS: &'static [&'static str] = &["number", "expires_at"];
    const FIELDS: &'static [&'static str] = &["number", "session_token", "expires_at"];
    const SECRET_FIELDS: &'static [&'static str] = &["session_token"];
}

/// What `tokenadm status` prints: one record whose nested objects (tokens by state, the
/// outbox by status, the audit head, the transports) are dotted fields in a table and in CSV.
pub struct StatusView(pub Map<String, Value>);

impl StatusView {
    pub fn new(v: Value) -> Self {
        StatusView(obj(v))
    }
}

impl Render for StatusView {
    fn to_json(&self) -> Map<String, Value> {
        self.0.clone()
    }
    const LIST_COLUMNS: &'static [&'static str] = &[];
    const FIELDS: &'static [&'static str] = &[
        "database",
        "schema_version",
        "active_definition",
        "definition_version",
        "tokens.effective",
        "tokens.not_effective",
        "tokens.pending_verification",
        "orphans_due",
        "expired_due",
        "expiring_within_7d",
        "outbox.pending",
        "outbox.sending",
        "outbox.sent",
        "outbox.failed",
        "outbox.cancelled",
        "oldest_pending_at",
        "oldest_pending_age",
        "audit_head.id",
        "audit_head.hash",
        "delivery.config_file",
        "delivery.email",
        "delivery.email_from",
        "delivery.sms",
    ];
    const SECRET_FIELDS: &'static [&'static str] = &[];
    const CSV_NESTED: &'static [&'static str] = &["tokens", "outbox", "audit_head", "delivery"];

    /// The head's hash as `git log` shortens one (JSON and CSV have it whole), so the table
    /// fits 60 columns.
    fn table_extras(obj: &mut Map<String, Value>) {
        if let Some(Value::String(hash)) = obj.get_mut("audit_head").and_then(|h| h.get_mut("hash"))
        {
            if hash.len() > 16 {
                *hash = format!("{}…", hash.chars().take(16).collect::<String>());
            }
        }
    }
}

/// One token `token expire` changed (or, with --dry-run, would change).
pub struct ExpiredView(pub Map<String, Value>);

impl ExpiredView {
    pub fn new(v: Value) -> Self {
        ExpiredView(obj(v))
    }
}

impl Render for ExpiredView {
    fn to_json(&self) -> Map<String, Value> {
        self.0.clone()
    }
    // Named, so that a CSV of nothing to expire still has its header row.
    const LIST_COLUMNS: &'static [&'static str] =
        &["number", "previous_state", "state", "reason", "applied"];
    const FIELDS: &'static [&'static str] = Self::LIST_COLUMNS;
}

/// One finding of `definition check` (issue #15): a token, and one way it breaks the current
/// version of its definition or classification.
pub struct FindingView<'a>(pub &'a Finding);

impl Render for FindingView<'_> {
    fn to_json(&self) -> Map<String, Value> {
        let f = self.0;
        obj(json!({
            "number": f.number,
            "definition": f.definition,
            "definition_version": f.definition_version,
            "classification": f.classification,
            "reason": f.reason.as_str(),
            "detail": f.detail,
        }))
    }

    fn csv_cells(&self, columns: &[String]) -> Option<Vec<String>> {
        let f = self.0;
        columns
            .iter()
            .map(|c| {
                Some(match c.as_str() {
                    "number" => f.number.clone(),
                    "definition" => f.definition.clone(),
                    "definition_version" => f.definition_version.to_string(),
                    "classification" => f.classification.clone().unwrap_or_default(),
                    "reason" => f.reason.as_str().to_string(),
                    "detail" => f.detail.clone(),
                    _ => return None,
                })
            })
            .collect()
    }

    const LIST_COLUMNS: &'static [&'static str] = &["number", "classification", "reason", "detail"];
    const FIELDS: &'static [&'static str] = &[
        "number",
        "definition",
        "definition_version",
        "classification",
        "reason",
        "detail",
    ];
}

/// An outbox message as `outbox list` prints it: its metadata, never its body.
pub struct MessageView<'a> {
    pub message: &'a Message,
    /// `outbox show` adds the body (null once sent).
    pub with_body: bool,
}

impl Render for MessageView<'_> {
    fn to_json(&self) -> Map<String, Value> {
        let m = self.message;
        // The next attempt means something only while the message still waits.
        let next = matches!(m.status, MessageStatus::Pending | MessageStatus::Sending)
            .then_some(m.next_attempt_at);
        let mut o = obj(json!({
            "id": m.id,
            "token": m.token,
            "event": m.event,
            "media": m.media.as_str(),
            "recipient": m.recipient,
            "subject": m.subject,
            "status": m.status.as_str(),
            "attempts": m.attempts,
            "last_error": m.last_error,
            "next_attempt_at": rfc3339_opt(next),
            "created_at": rfc3339(m.created_at),
            "sent_at": rfc3339_opt(m.sent_at),
        }));
        if self.with_body {
            o.insert("body".into(), json!(m.body));
        }
        o
    }
    const LIST_COLUMNS: &'static [&'static str] = &[
        "id",
        "token",
        "status",
        "event",
        "media",
        "recipient",
        "attempts",
        "next_attempt_at",
        "last_error",
    ];
    const FIELDS: &'static [&'static str] = &[
        "id",
        "token",
        "event",
        "media",
        "recipient",
        "subject",
        "status",
        "attempts",
        "last_error",
        "next_attempt_at",
        "created_at",
        "sent_at",
    ];
}

/// One message that `outbox deliver` (or a command's own delivery) attempted, as recorded
/// after the attempt: `sent`, `pending` (retried at `next_attempt_at`) or `failed`.
pub struct DeliveryView<'a>(pub &'a Message);

impl Render for DeliveryView<'_> {
    fn to_json(&self) -> Map<String, Value> {
        let m = self.0;
        let next = (m.status == MessageStatus::Pending).then_some(m.next_attempt_at);
        obj(json!({
            "id": m.id,
            "token": m.token,
            "event": m.event,
            "media": m.media.as_str(),
            "recipient": m.recipient,
            "status": m.status.as_str(),
            "attempts": m.attempts,
            "error": m.last_error,
            "next_attempt_at": rfc3339_opt(next),
        }))
    }
    const LIST_COLUMNS: &'static [&'static str] = &[
        "id",
        "token",
        "status",
        "media",
        "recipient",
        "attempts",
        "error",
    ];
    const FIELDS: &'static [&'static str] = &[
        "id",
        "token",
        "event",
        "media",
        "recipient",
        "status",
        "attempts",
        "error",
        "next_attempt_at",
    ];
}

/// A consumer application key (issue #13), with the key itself only in the output of the
/// command that made it (`secrets.key`).
pub struct AppKeyView<'a> {
    pub key: &'a AppKey,
    pub secret: Option<&'a Secret>,
}

impl Render for AppKeyView<'_> {
    fn to_json(&self) -> Map<String, Value> {
        let k = self.key;
        let mut m = obj(json!({
            "name": k.name,
            "state": if k.is_revoked() { "revoked" } else { "active" },
            "key_hint": k.hint,
            "created_at": rfc3339(k.created_at),
            "created_by": k.created_by,
            "revoked_at": rfc3339_opt(k.revoked_at),
            "revoked_by": k.revoked_by,
        }));
        if let Some(s) = self.secret {
            m.insert("secrets".into(), json!({ "key": s.expose() }));
        }
        m
    }
    const LIST_COLUMNS: &'static [&'static str] =
        &["name", "state", "key_hint", "created_at", "revoked_at"];
    const FIELDS: &'static [&'static str] = &[
        "name",
        "state",
        "key_hint",
        "created_at",
        "created_by",
        "revoked_at",
        "revoked_by",
    ];
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::token::State;

    fn token(n: i64) -> Token {
        Token {
            id: n,
            number: format!("AT{n:010}"),
            name: (n % 2 == 0).then(|| "a, \"quoted\" name".to_string()),
            identifier: Some("a@example.com".into()),
            classification: None,
            state: State::PendingVerification,
            has_pass_code: n % 2 == 1,
            auth_hint: "…abcd".into(),
            account: Some("AR-1".into()),
            participant: None,
            ever_linked: true,
            unlinked_at: None,
            expires_at: Some(1_900_000_000),
            verified_at: None,
            last_used_at: Some(1_800_000_000),
            locked_until: (n % 2 == 1).then_some(1_800_000_100),
            definition: "default".into(),
            definition_version: 3,
            created_at: 1_700_000_000,
            created_by: "alice".into(),
            updated_at: 1_700_000_001,
            updated_by: "bob".into(),
            uses_day: Some(1_800_000_000 / 86_400),
            uses_count: n,
        }
    }

    /// The fast CSV cells say exactly what the JSON says, for every column.
    #[test]
    fn csv_cells_match_the_json() {
        let secrets = [
            ShownSecrets::default(),
            ShownSecrets {
                authentication_code: Some("atk_x".into()),
                pass_code: None,
            },
            ShownSecrets {
                authentication_code: Some("atk_y".into()),
                pass_code: Some("pass".into()),
            },
        ];
        let mut columns: Vec<String> = TokenView::FIELDS.iter().map(|c| c.to_string()).collect();
        columns.push("daily_limit".into());
        columns.push("secrets.authentication_code".into());
        columns.push("secrets.pass_code".into());
        for (n, s) in secrets.iter().enumerate() {
            let t = &token(n as i64);
            // The day of its last use with the lock holding, a later day, with and without a
            // daily limit.
            let views = [1_800_000_000, 1_900_000_000].into_iter().flat_map(|now| {
                [None, Some(10)].into_iter().flat_map(move |daily_limit| {
                    [Some(s), None].into_iter().map(move |secrets| TokenView {
                        token: t,
                        secrets,
                        now,
                        daily_limit,
                    })
                })
            });
            for view in views {
                let obj = view.to_json();
                let flat = super::super::writer::flatten(&obj, &["secrets"]);
                let want: Vec<String> = columns
                    .iter()
                    .map(|c| {
                        flat.iter()
                            .find(|(k, _)| k == c)
                            .map(|(_, v)| super::super::writer::scalar(v))
                            .unwrap_or_default()
                    })
                    .collect();
                assert_eq!(view.csv_cells(&columns), Some(want));
            }
        }
        assert_eq!(
            TokenView::new(&token(1), 0).csv_cells(&["colour".to_string()]),
            None
        );
    }

    /// uses_today counts the day the record is shown on, the limit follows it where one is
    /// set, and locked_until shows a lock only while it holds.
    #[test]
    fn usage_and_lock_fields() {
        let t = token(3);
        let keys = |v: &TokenView| -> Vec<String> { v.to_json().keys().cloned().collect() };
        let same_day = TokenView {
            daily_limit: Some(10),
            ..TokenView::new(&t, 1_800_000_000)
        };
        let json = same_day.to_json();
        assert_eq!(json["uses_today"], 3);
        assert_eq!(json["daily_limit"], 10);
        assert_eq!(json["locked_until"], "2027-01-15T08:01:40Z");
        let k = keys(&same_day);
        let at = k.iter().position(|k| k == "uses_today").unwrap();
        assert_eq!(k[at + 1..at + 3], ["daily_limit", "locked_until"]);
        let next_day = TokenView::new(&t, 1_800_000_000 + 86_400);
        let json = next_day.to_json();
        assert_eq!(json["uses_today"], 0);
        assert!(json["locked_until"].is_null());
        assert!(!keys(&next_day).contains(&"daily_limit".to_string()));
    }
}
