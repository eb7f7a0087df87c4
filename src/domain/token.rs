//! Tokens, their life cycle states, and the records that tokens link to.

use crate::error::{Error, Result};
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum State {
    Effective,
    NotEffective,
    PendingVerification,
}

impl State {
    pub const ALL: [State; 3] = [
        State::Effective,
        State::NotEffective,
        State::PendingVerification,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            State::Effective => "effective",
            State::NotEffective => "not_effective",
            State::PendingVerification => "pending_verification",
        }
    }
}

impl fmt::Display for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for State {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        State::ALL.into_iter().find(|st| st.as_str() == s).ok_or_else(|| {
            Error::invalid(format!(
                "\"{s}\" is not a state; the states are effective, not_effective and pending_verification"
            ))
        })
    }
}

/// What the transition table says about moving a token from one state to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transition {
    /// Already in that state: nothing to do.
    Same,
    Allowed,
    /// Allowed only with `--force` (and audited as forced).
    NeedsForce,
    Forbidden,
}

impl State {
    /// The life cycle's transition table, in one place (CONTRACT.md, "Rules"):
    /// effective ⇄ not_effective; pending_verification → not_effective;
    /// pending_verification → effective only forced (otherwise through `verify`).
    pub fn transition(self, to: State) -> Transition {
        use State::*;
        match (self, to) {
            (a, b) if a == b => Transition::Same,
            (Effective, NotEffective) | (NotEffective, Effective) => Transition::Allowed,
            (PendingVerification, NotEffective) => Transition::Allowed,
            (PendingVerification, Effective) => Transition::NeedsForce,
            (Effective, PendingVerification) | (NotEffective, PendingVerification) => {
                Transition::Forbidden
            }
            _ => Transition::Forbidden,
        }
    }
}

/// A token as every command shows it. Secret material (hashes, digests) is not part of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub id: i64,
    pub number: String,
    pub name: Option<String>,
    pub identifier: Option<String>,
    pub classification: Option<String>,
    pub state: State,
    pub has_pass_code: bool,
    pub auth_hint: String,
    pub account: Option<String>,
    pub participant: Option<String>,
    pub ever_linked: bool,
    pub unlinked_at: Option<i64>,
    pub expires_at: Option<i64>,
    pub verified_at: Option<i64>,
    pub last_used_at: Option<i64>,
    pub locked_until: Option<i64>,
    pub definition: String,
    pub definition_version: i64,
    pub created_at: i64,
    pub created_by: String,
    pub updated_at: i64,
    pub updated_by: String,
    /// The UTC day ([`crate::domain::time::utc_day`]) of the last successful `auth`, and how
    /// many there were on that day (issue #15). Read through [`Token::uses_today`].
    pub uses_day: Option<i64>,
    pub uses_count: i64,
}

impl Token {
    /// Linked once, linked to nothing now.
    pub fn is_orphaned(&self) -> bool {
        self.ever_linked && self.account.is_none() && self.participant.is_none()
    }

    /// Successful `auth`s since 00:00 UTC of the day `now` falls on: the stored count is for
    /// the day of the last one, so a count of another day is none today.
    pub fn uses_today(&self, now: i64) -> i64 {
        if self.uses_day == Some(crate::domain::time::utc_day(now)) {
            self.uses_count
        } else {
            0
        }
    }

    /// The end of the lock on `auth`, while it holds at `now`; a lock that ran out is none
    /// (the column keeps it until the next attempt clears it).
    pub fn locked_at(&self, now: i64) -> Option<i64> {
        self.locked_until.filter(|until| *until > now)
    }
}

/// Formats a token number: the definition's prefix and the sequence, zero-padded.
pub fn format_number(prefix: &str, digits: u32, seq: i64) -> Result<String> {
    if seq < 1 {
        return Err(Error::conflict(format!(
            "token number {seq} is below 1, which tokenadm never hands out; the database's token_number counter was changed outside tokenadm"
        )));
    }
    let width = digits as usize;
    let text = format!("{seq:0width$}");
    if text.len() > width {
        return Err(Error::conflict(format!(
            "token number {seq} does not fit in {digits} digits; raise number.digits in the definition"
        )));
    }
    Ok(format!("{prefix}{text}"))
}

#[derive(Debug, Clone, PartialEq)]
pub struct Account {
    pub id: String,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub created_at: i64,
    pub created_by: String,
    pub updated_at: i64,
    pub updated_by: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Participant {
    pub id: String,
    pub account: String,
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub created_at: i64,
    pub created_by: String,
    pub updated_at: i64,
    pub updated_by: String,
}

/// One audit log entry as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditEntry {
    pub id: i64,
    pub at: i64,
    pub actor: String,
    pub action: String,
    pub token: Option<String>,
    pub subject: Option<String>,
    pub detail: String,
    pub prev_hash: String,
    pub hash: String,
    /// The tokens a bulk issuance created, for the one entry that records the batch: the range
    /// its detail names (see [`TokenRange::of_detail`]), kept beside it by the store so that
    /// `audit --token` finds it. Derived data: the hash covers the detail, not this.
    pub token_ids: Option<TokenRange>,
}

/// The ids of the tokens one bulk issuance created, first and last (both included): its
/// tokens get consecutive ids, so the range names every one of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TokenRange {
    pub first: i64,
    pub last: i64,
}

impl TokenRange {
    /// The key of an audit entry's detail that names a batch's range.
    pub const KEY: &'static str = "token_ids";

    /// The range an audit entry's detail names under [`TokenRange::KEY`]
    /// (`"token_ids": {"first": 1, "last": 1000}`), if any. Written entries keep it beside the
    /// detail, and `audit verify` checks that the two still agree.
    pub fn of_detail(detail: &str) -> Option<TokenRange> {
        // Most entries are not a batch's: no parse for them.
        if !detail.contains("\"token_ids\"") {
            return None;
        }
        #[derive(serde::Deserialize)]
        struct Batch {
            token_ids: Option<TokenRange>,
        }
        serde_json::from_str::<Batch>(detail).ok()?.token_ids
    }

    pub fn contains(&self, id: i64) -> bool {
        (self.first..=self.last).contains(&id)
    }
}

/// An audit entry about to be written; the store chains it to the previous one.
#[derive(Debug, Clone)]
pub struct AuditEvent<'a> {
    pub action: &'a str,
    pub token: Option<&'a str>,
    pub subject: Option<&'a str>,
    /// A JSON object with the reason and the changed fields; never a secret.
    pub detail: serde_json::Value,
}

/// The hash that chains an entry to the one before it: over every field of the entry,
/// including the previous entry's hash (the entry's own `hash` field is ignored). Version 2
/// (issue #11, item 4): it starts with a version tag, and an absent token or subject (NULL) is
/// a tag byte of its own, so it can no longer be mistaken for a NUL character, as in
/// [`audit_hash_v1`].
pub fn audit_hash(e: &AuditEntry) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    let text = |h: &mut Sha256, part: &str| {
        h.update((part.len() as u64).to_be_bytes());
        h.update(part.as_bytes());
    };
    h.update(b"tokenadm-audit-v2\0");
    text(&mut h, &e.prev_hash);
    h.update(e.id.to_be_bytes());
    h.update(e.at.to_be_bytes());
    text(&mut h, &e.actor);
    text(&mut h, &e.action);
    for optional in [&e.token, &e.subject] {
        match optional {
            None => h.update([0u8]),
            Some(v) => {
                h.update([1u8]);
                text(&mut h, v);
            }
        }
    }
    text(&mut h, &e.detail);
    hex(&h.finalize())
}

/// The hash of the entries written before version 2: a NULL token or subject was hashed as a
/// NUL character, so the two could be swapped unnoticed. Still accepted for those entries (by
/// `audit verify`), never written.
pub fn audit_hash_v1(e: &AuditEntry) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    // Length-prefix every field so that no two different entries serialize alike.
    for part in [
        e.prev_hash.as_str(),
        &e.id.to_string(),
        &e.at.to_string(),
        &e.actor,
        &e.action,
        e.token.as_deref().unwrap_or("\u{0}"),
        e.subject.as_deref().unwrap_or("\u{0}"),
        &e.detail,
    ] {
        h.update((part.len() as u64).to_be_bytes());
        h.update(part.as_bytes());
    }
    hex(&h.finalize())
}

/// Lower-case hex, without a `format!` per byte: bulk issuance hashes one audit entry per token.
pub(crate) fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(char::from(DIGITS[usize::from(b >> 4)]));
        s.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_parse_and_print() {
        for s in State::ALL {
            assert_eq!(s.as_str().parse::<State>().unwrap(), s);
        }
        let err = "active".parse::<State>().unwrap_err();
        assert!(err.message.contains("pending_verification"));
    }

    #[test]
    fn the_transition_table() {
        use State::*;
        use Transition::*;
        let table = [
            (Effective, Effective, Same),
            (Effective, NotEffective, Allowed),
            (Effective, PendingVerification, Forbidden),
            (NotEffective, Effective, Allowed),
            (NotEffective, NotEffective, Same),
            (NotEffective, PendingVerification, Forbidden),
            (PendingVerification, Effective, NeedsForce),
            (PendingVerification, NotEffective, Allowed),
            (PendingVerification, PendingVerification, Same),
        ];
        for (from, to, want) in table {
            assert_eq!(from.transition(to), want, "{from} -> {to}");
        }
    }

    #[test]
    fn numbers_are_padded_and_bounded() {
        assert_eq!(format_number("AT", 10, 42).unwrap(), "AT0000000042");
        assert!(format_number("AT", 2, 100).is_err());
    }

    #[test]
    fn hex_is_lower_case_and_padded() {
        let bytes = [0u8, 1, 15, 16, 171, 255];
        let want: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex(&bytes), want);
    }

    #[test]
    fn audit_hash_depends_on_every_field() {
        let e = AuditEntry {
            id: 1,
            at: 2,
            actor: "a".into(),
            action: "x".into(),
            token: Some("t".into()),
            subject: None,
            detail: "{}".into(),
            prev_hash: "p".into(),
            hash: String::new(),
            token_ids: None,
        };
        let base = audit_hash(&e);
        let moved = AuditEntry {
            token: None,
            subject: Some("t".into()),
            ..e.clone()
        };
        assert_ne!(base, audit_hash(&moved));
        assert_ne!(
            base,
            audit_hash(&AuditEntry {
                prev_hash: "q".into(),
                ..e.clone()
            })
        );
        assert_ne!(base, audit_hash(&AuditEntry { at: 3, ..e.clone() }));
        assert_eq!(
            base,
            audit_hash(&AuditEntry {
                hash: "ignored".into(),
                ..e.clone()
            })
        );
        // NULL and a NUL character are different entries now (they were one in version 1).
        let nul = AuditEntry {
            subject: Some("\u{0}".into()),
            ..e.clone()
        };
        assert_ne!(base, audit_hash(&nul));
        assert_eq!(audit_hash_v1(&e), audit_hash_v1(&nul));
        assert_ne!(audit_hash(&e), audit_hash_v1(&e));
        // The range is derived from the detail, which the hash covers.
        assert_eq!(
            base,
            audit_hash(&AuditEntry {
                token_ids: Some(TokenRange { first: 1, last: 2 }),
                ..e
            })
        );
    }

    #[test]
    fn a_batch_range_is_read_from_the_detail_only_where_it_names_one() {
        let range = TokenRange { first: 7, last: 9 };
        let detail = r#"{"tokens":3,"token_ids":{"first":7,"last":9},"input":{"count":3}}"#;
        assert_eq!(TokenRange::of_detail(detail), Some(range));
        assert!(range.contains(7) && range.contains(9) && !range.contains(10));
        for other in [
            r#"{"state":"effective"}"#,
            r#"{"reason":"\"token_ids\""}"#,
            r#"{"token_ids":"1-9"}"#,
            "not json",
        ] {
            assert_eq!(TokenRange::of_detail(other), None, "{other}");
        }
    }
}
