//! Access token definitions: the TOML model (CONTRACT.md, "Definitions"), every key's default,
//! semantic validation with line and column, and classifications that override the definition
//! key by key (CRM.COM R10).
//!
//! This module holds the parsed [`Definition`] and re-exports the policy types; the rest lives
//! in one file each, none of which imports a module that imports it:
//!
//! - [`policy`]: every table's type and default, and the identifier-pattern helpers;
//! - `parse`: [`Definition::parse`], from TOML text to a validated definition;
//! - `classify`: each classification's policy, its tables laid over the definition's own;
//! - `locate`: line and column of a key or value in the text, for errors;
//! - `validate`: the rules beyond the types.

mod classify;
mod locate;
mod parse;
pub mod policy;
mod validate;

pub use policy::{
    Alphabet, AuthCodePolicy, Automation, Communication, DailyLimit, ExpiryPolicy, HashParams,
    IdentifierFormat, IdentifierGenerate, IdentifierPolicy, LockoutPolicy, Media, MessageTemplate,
    NumberPolicy, PassCodePolicy, Policy, SessionPolicy, UsagePolicy, VerificationPolicy,
    VerifyFor,
};

use std::collections::BTreeMap;

/// The built-in `default` definition with every key written out at its default value: what
/// `definition show default` prints and what users copy to start their own.
pub const DEFAULT_TOML: &str = include_str!("definition/default.toml");

/// A parsed and validated definition.
#[derive(Debug, Clone, PartialEq)]
pub struct Definition {
    pub name: String,
    /// Defaults to the initials of the name's words, upper-cased.
    pub alternative_code: String,
    pub description: String,
    /// The definition's own settings.
    pub base: Policy,
    /// Each classification's settings: the base with the classification's keys laid over it.
    pub classifications: BTreeMap<String, Policy>,
}

/// Why a definition was refused, with the 1-based line and column (in characters) of the
/// offending key or value in the TOML text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}, column {column}: {message}")]
pub struct DefinitionError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl From<DefinitionError> for crate::error::Error {
    fn from(error: DefinitionError) -> Self {
        crate::error::Error::invalid(error.to_string())
    }
}

impl Definition {
    /// The policy for tokens of `classification`: the definition's own for `None`, `None` for a
    /// classification the definition does not have.
    pub fn policy(&self, classification: Option<&str>) -> Option<&Policy> {
        match classification {
            None => Some(&self.base),
            Some(name) => self.classifications.get(name),
        }
    }
}

/// The built-in `default` definition: exactly what [`DEFAULT_TOML`] says (a unit test holds the
/// two together), built without parsing so that it cannot fail.
pub fn builtin_default() -> Definition {
    Definition {
        name: "default".to_string(),
        alternative_code: "D".to_string(),
        description: "Built-in definition: authentication codes, optional email identifiers with \
                      pass codes, no verification, no messages."
            .to_string(),
        base: Policy::default(),
        classifications: BTreeMap::new(),
    }
}

/// What the tests of this module and its submodules share.
#[cfg(test)]
mod testing {
    use super::{Definition, DefinitionError};

    pub(super) fn reject(text: &str) -> DefinitionError {
        match Definition::parse(text) {
            Ok(def) => panic!("accepted {text:?} as {def:?}"),
            Err(error) => error,
        }
    }

    /// Asserts the error's place and that its message names `key`.
    pub(super) fn rejects_at(text: &str, line: usize, column: usize, key: &str) -> DefinitionError {
        let error = reject(text);
        assert!(
            error.message.contains(key),
            "message {:?} does not name {key}",
            error.message
        );
        assert_eq!(
            (error.line, error.column),
            (line, column),
            "wrong place for {error}"
        );
        error
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_toml_is_the_builtin_default() {
        let parsed = Definition::parse(DEFAULT_TOML).unwrap();
        assert_eq!(parsed, builtin_default());
        assert_eq!(parsed.policy(None), Some(&Policy::default()));
    }

    #[test]
    fn builtin_default_hashes_at_owasp_strength() {
        let hash = builtin_default().base.pass_code.hash;
        assert_eq!(
            (hash.memory_kib, hash.iterations, hash.parallelism),
            (19456, 2, 1)
        );
    }

    #[test]
    fn builtin_default_has_the_contract_defaults() {
        let def = builtin_default();
        let p = &def.base;
        assert_eq!(
            (def.name.as_str(), def.alternative_code.as_str()),
            ("default", "D")
        );
        assert_eq!((p.number.prefix.as_str(), p.number.digits), ("AT", 10));
        assert_eq!(p.authentication_code.prefix, "atk_");
        assert_eq!(p.authentication_code.length, 32);
        assert_eq!(p.authentication_code.alphabet, Alphabet::Base62);
        assert!(p.authentication_code.checksum && p.authentication_code.allow_custom);
        assert_eq!(p.authentication_code.min_custom_length, 20);
        assert_eq!(p.identifier.format, IdentifierFormat::Email);
        assert_eq!(p.identifier.generate, IdentifierGenerate::None);
        assert_eq!((p.pass_code.min_length, p.pass_code.max_length), (10, 128));
        assert_eq!(p.pass_code.generate_length, 16);
        assert!(p.automation.allow_without_identifier && p.automation.orphans_not_effective);
        assert!(!p.automation.generate_pass_code);
        assert_eq!(p.automation.max_tokens_per_account, None);
        assert!(p.verification.required_for.is_empty());
        assert_eq!(p.verification.valid_for.as_secs(), 86_400);
        assert_eq!(p.expiry.default_ttl, None);
        assert_eq!(p.session.ttl.as_secs(), 7200);
        assert_eq!(p.lockout.window.as_secs(), 900);
        for message in [
            &p.communication.on_create,
            &p.communication.on_reset,
            &p.communication.on_verification,
        ] {
            assert!(!message.enabled);
            assert_eq!(message.media, Media::Email);
        }
        assert!(p
            .communication
            .on_verification
            .template
            .contains("#access_token.verification_code"));
        assert!(p
            .communication
            .on_reset
            .template
            .contains("#access_token.pass_code"));
        assert!(p
            .communication
            .on_create
            .template
            .contains("#access_token.authentication_code"));
    }
}
