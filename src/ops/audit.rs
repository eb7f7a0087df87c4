//! Reading the audit log and checking its hash chain.

use crate::domain::token::{audit_hash, audit_hash_v1, AuditEntry, TokenRange};
use crate::error::{Error, Result};
use crate::store::{AuditFilter, Tx, GENESIS};

/// The entries `filter` selects, oldest first. With a token, its own entries and the entry that
/// created it, whichever kind that is: its `token.create` (one token, or any token of a database
/// written before schema 7), or the one entry of the bulk issuance (`token import`, `token new
/// --count`) whose range of ids holds it.
pub fn list(tx: &dyn Tx, filter: &AuditFilter) -> Result<Vec<AuditEntry>> {
    let Some(number) = &filter.token else {
        return tx.list_audit(filter);
    };
    let (number, found) = token_id(tx, number)?;
    tx.list_audit(&AuditFilter {
        token_id: filter.token_id.or(found),
        token: Some(number),
        ..filter.clone()
    })
}

/// The number as the log writes it, and the id of the token with it: from the token itself
/// (found in any letter case, as `token show` finds it), or for a deleted one from the entry
/// that recorded its deletion (`"id"` in its detail).
fn token_id(tx: &dyn Tx, number: &str) -> Result<(String, Option<i64>)> {
    match super::find::by_number(tx, number) {
        Ok(token) => return Ok((token.number, Some(token.id))),
        Err(e) if e.kind == crate::Kind::NotFound => {}
        Err(e) => return Err(e),
    }
    // A deleted one as typed, else in capitals, as numbers are usually issued.
    for spelt in [number.to_string(), number.to_ascii_uppercase()] {
        let deleted = tx.list_audit(&AuditFilter {
            token: Some(spelt.clone()),
            action: Some("token.delete".into()),
            limit: Some(1),
            ..Default::default()
        })?;
        let id = deleted.first().and_then(|e| {
            serde_json::from_str::<serde_json::Value>(&e.detail)
                .ok()?
                .get("id")?
                .as_i64()
        });
        if id.is_some() {
            return Ok((spelt, id));
        }
    }
    Ok((number.to_string(), None))
}

/// What `audit verify` found.
#[derive(Debug, Clone, PartialEq)]
pub struct ChainReport {
    pub entries: i64,
    pub last_hash: String,
}

/// An entry an admin kept elsewhere (`audit head`), to check the log against
/// (`audit verify --anchor ID:HASH`).
#[derive(Debug, Clone, PartialEq)]
pub struct Anchor {
    pub id: i64,
    pub hash: String,
}

impl Anchor {
    /// `ID:HASH`, as `audit head` prints them.
    pub fn parse(text: &str) -> Result<Anchor> {
        let parsed = text.split_once(':').and_then(|(id, hash)| {
            let id: i64 = id.trim().parse().ok().filter(|id| *id > 0)?;
            let hash = hash.trim().to_ascii_lowercase();
            (hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
                .then_some(Anchor { id, hash })
        });
        parsed.ok_or_else(|| {
            Error::usage(format!(
                "--anchor \"{text}\" is not ID:HASH; give what tokenadm audit head printed, e.g. 42:3f1c…"
            ))
        })
    }
}

/// The last entry of the log: what an admin keeps where the database's writers cannot reach.
pub fn head(tx: &dyn Tx) -> Result<Anchor> {
    let (id, hash) = tx.audit_head()?;
    if id == 0 {
        return Err(Error::conflict(
            "the audit log is broken: it is empty, but every database starts with an entry",
        ));
    }
    Ok(Anchor { id, hash })
}

/// Whether `e` hashes to its stored hash: in version 2, or, before the first version-2 entry,
/// in version 1 (whose NULL and NUL look alike, so a lone NUL, which tokenadm never writes,
/// is refused there).
fn hashes_right(e: &AuditEntry, v2_seen: &mut bool) -> bool {
    if audit_hash(e) == e.hash {
        *v2_seen = true;
        return true;
    }
    let lone_nul = |v: &Option<String>| v.as_deref() == Some("\u{0}");
    !*v2_seen && !lone_nul(&e.token) && !lone_nul(&e.subject) && audit_hash_v1(e) == e.hash
}

/// Walks the log in order: each entry must hash to its stored hash and chain to the previous
/// entry's hash, with no gap in ids, and a batch's entry be indexed by the range its content
/// names. An entry edited, inserted or removed breaks the chain; so do an empty log, a missing
/// head record, and (with `anchor`) an entry that no longer has the hash an admin kept.
pub fn verify(tx: &dyn Tx, anchor: Option<&Anchor>) -> Result<ChainReport> {
    let mut prev = GENESIS.to_string();
    let mut expected_id = 1;
    let mut count = 0;
    let mut v2_seen = false;
    let mut anchored = false;
    tx.each_audit(&mut |e| {
        if e.id != expected_id {
            return Err(Error::conflict(format!(
                "the audit log is broken: entry {expected_id} is missing (the next entry is {})",
                e.id
            )));
        }
        if e.prev_hash != prev {
            return Err(Error::conflict(format!(
                "the audit log is broken at entry {}: it does not chain to the entry before it",
                e.id
            )));
        }
        if !hashes_right(&e, &mut v2_seen) {
            return Err(Error::conflict(format!(
                "the audit log is broken at entry {}: its content does not match its hash (edited?)",
                e.id
            )));
        }
        // The range a batch's entry is found by is derived from its detail, which the hash
        // covers: they must still agree (an entry of no batch has neither).
        if e.token_ids != TokenRange::of_detail(&e.detail) {
            return Err(Error::conflict(format!(
                "the audit log is broken at entry {}: the token ids it is indexed by do not match its content (edited?)",
                e.id
            )));
        }
        if let Some(a) = anchor.filter(|a| a.id == e.id) {
            if a.hash != e.hash {
                return Err(Error::conflict(format!(
                    "the audit log is broken at entry {}: it no longer has the hash kept as its anchor (the log was rewritten)",
                    e.id
                )));
            }
            anchored = true;
        }
        prev = e.hash;
        expected_id += 1;
        count += 1;
        Ok(())
    })?;
    // The chain cannot show entries cut from its end: nothing comes after them to break. The
    // head recorded by the last append can; a log with entries and no head lost both, and an
    // empty one lost everything (every database starts with an entry).
    let Some((id, hash)) = tx.recorded_audit_head()? else {
        return Err(Error::conflict(if count == 0 {
            "the audit log is broken: it is empty, but every database starts with an entry"
        } else {
            "the audit log is broken: its head record is missing (entries cut from its end with it?)"
        }));
    };
    if id > count {
        return Err(Error::conflict(format!(
            "the audit log is broken: it ends at entry {count}, but entries up to {id} were written (removed from its end?)"
        )));
    }
    if id < count {
        return Err(Error::conflict(format!(
            "the audit log is broken: entries after {id} were not written by tokenadm"
        )));
    }
    if hash != prev {
        return Err(Error::conflict(format!(
            "the audit log is broken at entry {id}: it is not the entry that was written last"
        )));
    }
    if let Some(a) = anchor.filter(|_| !anchored) {
        return Err(Error::conflict(format!(
            "the audit log is broken: entry {} of the anchor is gone (the log ends at entry {count})",
            a.id
        )));
    }
    Ok(ChainReport {
        entries: count,
        last_hash: prev,
    })
}
