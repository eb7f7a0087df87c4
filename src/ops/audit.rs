//! Reading the audit log and checking its hash chain.

use crate::domain::token::{audit_hash, AuditEntry, TokenRange};
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
    let token_id = match filter.token_id {
        Some(id) => Some(id),
        None => token_id(tx, number)?,
    };
    tx.list_audit(&AuditFilter {
        token_id,
        ..filter.clone()
    })
}

/// The id of the token with this number: from the token itself, or for a deleted one from the
/// entry that recorded its deletion (`"id"` in its detail).
fn token_id(tx: &dyn Tx, number: &str) -> Result<Option<i64>> {
    if let Some(token) = tx.token_by_number(number)? {
        return Ok(Some(token.id));
    }
    let deleted = tx.list_audit(&AuditFilter {
        token: Some(number.to_string()),
        action: Some("token.delete".into()),
        limit: Some(1),
        ..Default::default()
    })?;
    Ok(deleted.first().and_then(|e| {
        serde_json::from_str::<serde_json::Value>(&e.detail)
            .ok()?
            .get("id")?
            .as_i64()
    }))
}

/// What `audit verify` found.
#[derive(Debug, Clone, PartialEq)]
pub struct ChainReport {
    pub entries: i64,
    pub last_hash: String,
}

/// Walks the log in order: each entry must hash to its stored hash and chain to the previous
/// entry's hash, with no gap in ids, and a batch's entry be indexed by the range its content
/// names. An entry edited, inserted or removed breaks the chain.
pub fn verify(tx: &dyn Tx) -> Result<ChainReport> {
    let mut prev = GENESIS.to_string();
    let mut expected_id = 1;
    let mut count = 0;
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
        if audit_hash(&e) != e.hash {
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
        prev = e.hash;
        expected_id += 1;
        count += 1;
        Ok(())
    })?;
    // The chain cannot show entries cut from its end: nothing comes after them to break. The
    // head recorded by the last append can.
    if let Some((id, hash)) = tx.recorded_audit_head()? {
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
    }
    Ok(ChainReport {
        entries: count,
        last_hash: prev,
    })
}
