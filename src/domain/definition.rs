//! Access token definitions: the TOML model (CONTRACT.md, "Definitions"), every key's default,
//! semantic validation with line and column, and classifications that override the definition
//! key by key (CRM.COM R10).

use crate::domain::duration::Duration;
use std::collections::BTreeMap;

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

/// Every setting that decides how a token is issued and used.
#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    pub number: NumberPolicy,
    pub authentication_code: AuthCodePolicy,
    pub identifier: IdentifierPolicy,
    pub pass_code: PassCodePolicy,
    pub automation: Automation,
    pub verification: VerificationPolicy,
    pub expiry: ExpiryPolicy,
    pub session: SessionPolicy,
    pub lockout: LockoutPolicy,
    pub communication: Communication,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NumberPolicy {
    pub prefix: String, // "AT"
    pub digits: u32,    // 10
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alphabet {
    Base62,
    Base32,
    Hex,
    Digits,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AuthCodePolicy {
    pub prefix: String,         // "atk_"
    pub length: u32,            // 32, after the prefix, checksum included
    pub alphabet: Alphabet,     // base62
    pub checksum: bool,         // true: the last 6 characters are a checksum
    pub allow_custom: bool,     // true
    pub min_custom_length: u32, // 20
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdentifierGenerate {
    None,
    Number,
    Id,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdentifierFormat {
    Email,
    Phone,
    Number,
    FreeText,
    Regex,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IdentifierPolicy {
    pub generate: IdentifierGenerate, // none
    pub format: IdentifierFormat,     // email
    pub pattern: Option<String>,      // required when format = regex; a full-match regex
    pub required: bool,               // false
    pub min_length: u32,              // 0
    pub min_lowercase: u32,           // 0
    pub min_digits: u32,              // 0
    pub min_special: u32,             // 0
}

#[derive(Debug, Clone, PartialEq)]
pub struct PassCodePolicy {
    pub min_length: u32,         // 10
    pub max_length: u32,         // 128
    pub min_lowercase: u32,      // 0
    pub min_uppercase: u32,      // 0
    pub min_digits: u32,         // 0
    pub min_special: u32,        // 0
    pub forbid_identifier: bool, // true
    pub generate_length: u32,    // 16
    pub hash: HashParams,
}

/// Argon2id cost parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HashParams {
    pub memory_kib: u32,  // 19456
    pub iterations: u32,  // 2
    pub parallelism: u32, // 1
}

#[derive(Debug, Clone, PartialEq)]
pub struct Automation {
    pub allow_without_identifier: bool,      // true
    pub generate_pass_code: bool,            // false
    pub orphans_not_effective: bool,         // true
    pub max_tokens_per_account: Option<u32>, // none
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum VerifyFor {
    Direct,
    Account,
    Participant,
}

#[derive(Debug, Clone, PartialEq)]
pub struct VerificationPolicy {
    pub required_for: Vec<VerifyFor>, // empty
    pub code_length: u32,             // 6
    pub code_alphabet: Alphabet,      // digits
    pub valid_for: Duration,          // 24h
    pub max_attempts: u32,            // 5
}

#[derive(Debug, Clone, PartialEq)]
pub struct ExpiryPolicy {
    pub default_ttl: Option<Duration>, // none
    pub orphan_grace: Duration,        // 0s
}

#[derive(Debug, Clone, PartialEq)]
pub struct SessionPolicy {
    pub ttl: Duration,  // 2h
    pub issuer: String, // "tokenadm"
}

#[derive(Debug, Clone, PartialEq)]
pub struct LockoutPolicy {
    pub max_failures: u32, // 10
    pub window: Duration,  // 15m
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Media {
    Email,
    Sms,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Communication {
    pub on_create: MessageTemplate,
    pub on_reset: MessageTemplate,
    pub on_verification: MessageTemplate,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MessageTemplate {
    pub enabled: bool,    // false
    pub media: Media,     // email
    pub subject: String,  // a sensible default per event
    pub template: String, // a sensible default per event, using the seeds' tags
}
