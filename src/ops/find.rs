//! Finding tokens: by number, identifier or authentication code (each one index lookup), and
//! filtered lists in number order with keyset pagination.

use super::definitions;
use crate::domain::codes;
use crate::domain::identifier;
use crate::domain::secret::Secret;
use crate::domain::token::Token;
use crate::error::{Error, Result};
use crate::store::{TokenFilter, Tx};

pub fn by_number(tx: &Tx, number: &str) -> Result<Token> {
    tx.token_by_number(number)?.ok_or_else(|| {
        // Quoted, so that an empty or blank number reads as one.
        Error::not_found(format!(
            "token {number:?} does not exist; see tokenadm token list"
        ))
    })
}

pub fn by_identifier(tx: &Tx, id: &str) -> Result<Token> {
    tx.token_by_identifier_key(&identifier::key(id))?
        .ok_or_else(|| Error::not_found(format!("no token has identifier \"{id}\"")))
}

/// A code that carries the active definition's prefix must pass its checksum before the
/// database is asked: a typo is reported as a typo, and costs no lookup. A code rotated out
/// but still in its grace period finds its token too.
pub fn by_auth_code(tx: &Tx, code: &Secret, now: i64) -> Result<Token> {
    let active = definitions::active(tx)?;
    codes::validate_presented_code(code.expose(), &active.definition.base.authentication_code)?;
    let digest = codes::code_digest(code.expose());
    if let Some(t) = tx.token_by_auth_digest(&digest)? {
        return Ok(t);
    }
    let previous = match tx.token_id_by_prev_auth_digest(&digest, now)? {
        Some(id) => tx.token_by_id(id)?,
        None => None,
    };
    previous.ok_or_else(|| {
        Error::not_found(format!(
            "no token has the authentication code ending in {}",
            codes::hint(code.expose())
        ))
    })
}

/// `--orphaned` lists the orphans the next `token expire` sets not_effective, by the same
/// rules; `now` is the instant they are judged at.
pub fn list(tx: &Tx, filter: &TokenFilter, now: i64) -> Result<Vec<Token>> {
    if filter.orphaned {
        let filter = TokenFilter {
            orphan_rules: super::expire::orphan_rules(tx, now)?,
            ..filter.clone()
        };
        return tx.list_tokens(&filter);
    }
    tx.list_tokens(filter)
}
