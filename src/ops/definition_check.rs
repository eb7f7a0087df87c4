//! `definition check` (issue #15): after an admin tightens a definition, which of its tokens
//! break the current (latest) version of their definition or classification, and how. One
//! finding per token and reason:
//!
//! - `identifier`: the identifier fails the format, pattern or minimums of `[identifier]`;
//! - `identifier_missing`: no identifier where `identifier.required` (or
//!   `automation.allow_without_identifier = false`) now asks for one;
//! - `hash_parameters`: the pass code is hashed more cheaply than `[pass_code.hash]` asks
//!   (not a fault of the token: it is re-hashed on its next successful `auth`);
//! - `expiry`: it expires later than `expiry.default_ttl` after its creation would have it, or
//!   never;
//! - `classification_dropped`: its classification is gone from the latest version (it keeps
//!   the rules of the version it was issued under, so nothing else is checked for it);
//! - `account_cap`: its account holds more tokens than `automation.max_tokens_per_account`.
//!
//! Pass codes and authentication codes are stored hashed, so their policy cannot be checked
//! after the fact. Tokens already not_effective are not checked: they are out of use, and
//! count against no cap.
//!
//! The tokens are walked with one cursor in a read transaction ([`TokenQueries::each_live_token_of`]):
//! nothing is held per token, so a million cost the memory of one, and the findings go to the
//! caller's sink as they are found. The accounts over a cap are asked for once, up front, by
//! the lowest cap any of the definition's policies sets.
//!
//! [`TokenQueries::each_live_token_of`]: crate::store::TokenQueries::each_live_token_of

use super::definitions;
use crate::domain::definition::{Definition, HashParams};
pub use crate::domain::finding::{Finding, Reason};
use crate::domain::identifier;
use crate::domain::passcode;
use crate::domain::time::rfc3339;
use crate::error::{Error, Result};
use crate::store::{CheckRow, Tx};
use std::collections::HashMap;

/// What a check looked at and found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub definition: String,
    /// The version checked against: the definition's latest.
    pub version: i64,
    /// Tokens checked (those not not_effective).
    pub checked: u64,
    /// Tokens with at least one finding.
    pub breaking: u64,
    pub findings: u64,
}

/// Checks every token of definition `name` (the active one for `None`) that is not
/// not_effective against the definition's latest version, handing each finding to `sink` as it
/// is found, in token order. An unknown definition is not found (exit 3).
pub fn check(
    tx: &dyn Tx,
    name: Option<&str>,
    sink: &mut dyn FnMut(Finding) -> Result<()>,
) -> Result<Summary> {
    let name = match name {
        Some(n) => n.to_string(),
        None => tx.active_definition_name()?,
    };
    let stored = tx.latest_definition(&name)?.ok_or_else(|| {
        Error::not_found(format!(
            "definition \"{name}\" does not exist; see tokenadm definition list"
        ))
    })?;
    let def = definitions::version(tx, &stored.name, stored.version)?;
    let lowest_cap = std::iter::once(&def.base)
        .chain(def.classifications.values())
        .filter_map(|p| p.automation.max_tokens_per_account)
        .min();
    let over: HashMap<String, i64> = match lowest_cap {
        Some(cap) => tx.accounts_over(i64::from(cap))?.into_iter().collect(),
        None => HashMap::new(),
    };
    let checker = Checker {
        def: &def,
        version: stored.version,
        over: &over,
    };
    let mut summary = Summary {
        definition: stored.name.clone(),
        version: stored.version,
        checked: 0,
        breaking: 0,
        findings: 0,
    };
    let mut hashes = HashMemo::default();
    tx.each_live_token_of(&stored.name, &mut |row| {
        summary.checked += 1;
        let mut found = 0;
        checker.token(row, &mut hashes, &mut |reason, detail| {
            found += 1;
            sink(Finding {
                number: row.number.to_string(),
                definition: checker.def.name.clone(),
                definition_version: row.definition_version,
                classification: row.classification.map(str::to_string),
                reason,
                detail,
            })
        })?;
        if found > 0 {
            summary.breaking += 1;
            summary.findings += found;
        }
        Ok(())
    })?;
    Ok(summary)
}

struct Checker<'a> {
    def: &'a Definition,
    version: i64,
    /// Accounts over the lowest cap, with the tokens each holds.
    over: &'a HashMap<String, i64>,
}

type Found<'f> = &'f mut dyn FnMut(Reason, String) -> Result<()>;

impl Checker<'_> {
    fn token(&self, row: &CheckRow<'_>, hashes: &mut HashMemo, found: Found) -> Result<()> {
        let Some(policy) = self.def.policy(row.classification) else {
            let class = row.classification.unwrap_or_default();
            return found(
                Reason::ClassificationDropped,
                format!(
                    "classification \"{class}\" is not in version {} of definition \"{}\"; the \
                     token keeps the rules of version {}, which it was issued under",
                    self.version, self.def.name, row.definition_version
                ),
            );
        };
        let key = |k: &str| match row.classification {
            Some(class) => format!("classifications.{class}.{k}"),
            None => k.to_string(),
        };
        match row.identifier {
            Some(id) => {
                if let Err(e) = identifier::validate(id, &policy.identifier) {
                    found(Reason::Identifier, e.message)?;
                }
            }
            None if policy.identifier.required => found(
                Reason::IdentifierMissing,
                format!(
                    "the token has no identifier, and {} is true",
                    key("identifier.required")
                ),
            )?,
            None if !policy.automation.allow_without_identifier => found(
                Reason::IdentifierMissing,
                format!(
                    "the token has no identifier, and {} is false",
                    key("automation.allow_without_identifier")
                ),
            )?,
            None => {}
        }
        if let Some(phc) = row.pass_hash {
            let wanted = policy.pass_code.hash;
            if hashes.weaker(phc, wanted) {
                let have = match passcode::params_of(phc) {
                    Some(p) => format!("hashed with {}", params(p)),
                    None => "hashed with another algorithm than argon2id".to_string(),
                };
                found(
                    Reason::HashParameters,
                    format!(
                        "its pass code is {have}, weaker than the {} that {} asks for; it is \
                         re-hashed on its next successful auth",
                        params(wanted),
                        key("pass_code.hash")
                    ),
                )?;
            }
        }
        if let Some(ttl) = policy.expiry.default_ttl {
            let by = row.created_at.saturating_add(ttl.as_secs());
            let ttl_key = key("expiry.default_ttl");
            match row.expires_at {
                None => found(
                    Reason::Expiry,
                    format!(
                        "it never expires, but {ttl_key} (\"{ttl}\") would have it expire by {}",
                        rfc3339(by)
                    ),
                )?,
                Some(at) if at > by => found(
                    Reason::Expiry,
                    format!(
                        "it expires at {}, later than {ttl_key} (\"{ttl}\") after its creation \
                         allows ({})",
                        rfc3339(at),
                        rfc3339(by)
                    ),
                )?,
                Some(_) => {}
            }
        }
        if let (Some(cap), Some(account)) =
            (policy.automation.max_tokens_per_account, row.cap_account)
        {
            if let Some(held) = self.over.get(account).filter(|n| **n > i64::from(cap)) {
                found(
                    Reason::AccountCap,
                    format!(
                        "account \"{account}\" holds {held} tokens, more than {} ({cap}) allows",
                        key("automation.max_tokens_per_account")
                    ),
                )?;
            }
        }
        Ok(())
    }
}

fn params(p: HashParams) -> String {
    format!("m={},t={},p={}", p.memory_kib, p.iterations, p.parallelism)
}

/// The last answer of [`passcode::weaker_than`], by the hash's parameter part
/// (`$argon2id$v=19$m=…,t=…,p=…`): the tokens of a definition mostly share their parameters, so
/// a million PHC strings cost a string comparison each instead of a parse.
#[derive(Default)]
struct HashMemo {
    last: Option<(String, HashParams, bool)>,
}

impl HashMemo {
    fn weaker(&mut self, phc: &str, wanted: HashParams) -> bool {
        let prefix = phc_params_part(phc);
        if let (Some(prefix), Some((p, w, answer))) = (prefix, &self.last) {
            if p == prefix && *w == wanted {
                return *answer;
            }
        }
        let answer = passcode::weaker_than(phc, wanted);
        if let Some(prefix) = prefix {
            self.last = Some((prefix.to_string(), wanted, answer));
        }
        answer
    }
}

/// `$argon2id$v=19$m=19456,t=2,p=1` of a PHC string: everything before its salt.
fn phc_params_part(phc: &str) -> Option<&str> {
    let salt = phc.match_indices('$').nth(3)?.0;
    Some(&phc[..salt])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_parameter_part_of_a_phc_string() {
        assert_eq!(
            phc_params_part("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA"),
            Some("$argon2id$v=19$m=19456,t=2,p=1")
        );
        assert_eq!(phc_params_part("not a hash"), None);
    }

    #[test]
    fn the_memo_answers_as_weaker_than_does() {
        let strong = passcode::hash(
            "a fine pass code",
            HashParams {
                memory_kib: 64,
                iterations: 2,
                parallelism: 1,
            },
        )
        .unwrap();
        let mut memo = HashMemo::default();
        for wanted in [
            HashParams {
                memory_kib: 64,
                iterations: 2,
                parallelism: 1,
            },
            HashParams {
                memory_kib: 128,
                iterations: 2,
                parallelism: 1,
            },
            HashParams {
                memory_kib: 64,
                iterations: 2,
                parallelism: 1,
            },
        ] {
            for _ in 0..2 {
                assert_eq!(
                    memo.weaker(&strong, wanted),
                    passcode::weaker_than(&strong, wanted)
                );
            }
        }
        assert!(memo.weaker("$bcrypt$whatever", HashParams::default()));
    }
}
