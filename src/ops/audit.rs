//! Reading the audit log and checking its hash chain.

use crate::domain::token::audit_hash;
use crate::error::{Error, Result};
use crate::store::{Tx, GENESIS};

/// What `audit verify` found.
#[derive(Debug, Clone, PartialEq)]
pub struct ChainReport {
    pub entries: i64,
    pub last_hash: String,
}

/// Walks the log in order: each entry must hash to its stored hash and chain to the previous
/// entry's hash, with no gap in ids. An entry edited, inserted or removed breaks the chain.
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
