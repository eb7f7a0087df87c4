//! Finding tokens: by number, identifier or authentication code (each one index lookup), and
//! filtered lists in number order with keyset pagination.

use super::definitions;
use super::rules::policy_for_token;
use crate::domain::codes;
use crate::domain::identifier;
use crate::domain::secret::Secret;
use crate::domain::token::Token;
use crate::error::{Error, Result};
use crate::store::{TokenFilter, Tx};
use std::collections::HashMap;

/// The token with this number, whatever its case (`at0000000042`): numbers are stored as
/// their definition's prefix wrote them, so the lookup tries the number as given, then in
/// capitals, then in small letters: up to three index probes, never a scan.
pub fn by_number(tx: &dyn Tx, number: &str) -> Result<Token> {
    let mut found = tx.token_by_number(number)?;
    for spelt in [number.to_ascii_uppercase(), number.to_ascii_lowercase()] {
        if found.is_some() {
            break;
        }
        if spelt != number {
            found = tx.token_by_number(&spelt)?;
        }
    }
    found.ok_or_else(|| {
        // Quoted, so that an empty or blank number reads as one.
        Error::not_found(format!(
            "token {number:?} does not exist; see tokenadm token list"
        ))
    })
}

pub fn by_identifier(tx: &dyn Tx, id: &str) -> Result<Token> {
    holding_identifier(tx, id)?
        .ok_or_else(|| Error::not_found(format!("no token has identifier \"{id}\"")))
}

/// The token holding `id`: by its key (the confusable skeleton), one index lookup. When the
/// token found has another spelling, a token that kept its exact key after a clash in the
/// schema-8 migration ([`identifier::exact_key`]) may be the one meant, and is asked for too.
pub fn holding_identifier(tx: &dyn Tx, id: &str) -> Result<Option<Token>> {
    let found = tx.token_by_identifier_key(&identifier::key(id))?;
    let exact = identifier::normalize(id).to_lowercase();
    let same = |t: &Token| {
        t.identifier
            .as_deref()
            .is_some_and(|i| identifier::normalize(i).to_lowercase() == exact)
    };
    if found.as_ref().is_some_and(same) {
        return Ok(found);
    }
    match tx.token_by_identifier_key(&identifier::exact_key(id))? {
        Some(t) => Ok(Some(t)),
        None => Ok(found),
    }
}

/// The token holding `code`, or a code rotated out but still in its grace period. A code no
/// token holds that looks generated but fails its checksum is reported as mistyped (exit 4),
/// which says more than "no token has it"; the checksum is asked only then, so that a token
/// whose code was issued without one (a classification, an older version) is still found.
pub fn by_auth_code(tx: &dyn Tx, code: &Secret, now: i64) -> Result<Token> {
    let digest = codes::code_digest(code.expose());
    if let Some(t) = tx.token_by_auth_digest(&digest)? {
        return Ok(t);
    }
    if let Some(t) = match tx.token_id_by_prev_auth_digest(&digest, now)? {
        Some(id) => tx.token_by_id(id)?,
        None => None,
    } {
        return Ok(t);
    }
    let active = definitions::active(tx)?;
    codes::validate_presented_code(code.expose(), &active.definition.base.authentication_code)?;
    Err(Error::not_found(format!(
        "no token has the authentication code ending in {}",
        codes::hint(code.expose())
    )))
}

/// `--orphaned` lists the orphans the next `token expire` sets not_effective, by the same
/// rules; `now` is the instant they are judged at.
pub fn list(tx: &dyn Tx, filter: &TokenFilter, now: i64) -> Result<Vec<Token>> {
    if filter.orphaned {
        let filter = TokenFilter {
            orphan_rules: super::expire::orphan_rules(tx, now)?,
            ..filter.clone()
        };
        return tx.list_tokens(&filter);
    }
    tx.list_tokens(filter)
}

/// The `usage.daily_limit` of each token's policy (issue #15), as `policy_for_token` finds it,
/// each (definition, version, classification) read once however many tokens share it. A token
/// whose policy cannot be read shows none: a list is not the place to fail on it.
pub fn daily_limits(tx: &dyn Tx, tokens: &[Token]) -> Vec<Option<u32>> {
    let mut seen: HashMap<(&str, i64, Option<&str>), Option<u32>> = HashMap::new();
    tokens
        .iter()
        .map(|t| {
            let key = (
                t.definition.as_str(),
                t.definition_version,
                t.classification.as_deref(),
            );
            *seen.entry(key).or_insert_with(|| {
                policy_for_token(tx, t)
                    .ok()
                    .and_then(|p| p.usage.daily_limit)
                    .map(|l| l.get())
            })
        })
        .collect()
}
