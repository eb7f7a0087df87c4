//! Access token definitions: the TOML model (CONTRACT.md, "Definitions"), every key's default,
//! semantic validation with line and column, and classifications that override the definition
//! key by key (CRM.COM R10).

mod locate;
mod validate;
pub(crate) use validate::regex_reason;

use crate::domain::duration::Duration;
use serde::{Deserialize, Deserializer};
use std::collections::BTreeMap;

/// Each classification's policy: its tables laid over the definition's own tables as written,
/// then read like any policy, so the keys neither sets take their defaults.
fn classification_policies(
    text: &str,
    source: &locate::Source,
) -> Result<BTreeMap<String, Policy>, DefinitionError> {
    let mut base: toml::Table = toml::from_str(text).map_err(|e| source.serde_error(&e))?;
    let overlays = match base.remove("classifications") {
        Some(toml::Value::Table(overlays)) => overlays,
        _ => toml::Table::new(),
    };
    for key in TOP_LEVEL_KEYS {
        base.remove(key);
    }
    let mut policies = BTreeMap::new();
    for (class, overlay) in overlays {
        let toml::Value::Table(overlay) = overlay else {
            continue;
        };
        // Each part was read on its own already, so this fails only if merging broke
        // something; say so at the classification rather than panic.
        let policy = toml::Value::Table(merge(base.clone(), overlay))
            .try_into::<Policy>()
            .map_err(|e| {
                let message = format!(
                    "classification {class:?} does not combine with the definition's own \
                     tables: {}",
                    e.message()
                );
                source.error_at_key(&["classifications", &class], message)
            })?;
        policies.insert(class, policy);
    }
    Ok(policies)
}

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

/// Every setting that decides how a token is issued and used.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
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

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct NumberPolicy {
    pub prefix: String, // "AT"
    pub digits: u32,    // 10
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Alphabet {
    Base62,
    Base32,
    Hex,
    Digits,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AuthCodePolicy {
    pub prefix: String,         // "atk_"
    pub length: u32,            // 32, after the prefix, checksum included
    pub alphabet: Alphabet,     // base62
    pub checksum: bool,         // true: the last 6 characters are a checksum
    pub allow_custom: bool,     // true
    pub min_custom_length: u32, // 20
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdentifierGenerate {
    None,
    Number,
    Id,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdentifierFormat {
    Email,
    Phone,
    Number,
    FreeText,
    Regex,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
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

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct HashParams {
    pub memory_kib: u32,  // 19456
    pub iterations: u32,  // 2
    pub parallelism: u32, // 1
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Automation {
    pub allow_without_identifier: bool,      // true
    pub generate_pass_code: bool,            // false
    pub orphans_not_effective: bool,         // true
    pub max_tokens_per_account: Option<u32>, // none
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VerifyFor {
    Direct,
    Account,
    Participant,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct VerificationPolicy {
    pub required_for: Vec<VerifyFor>, // empty
    pub code_length: u32,             // 6
    pub code_alphabet: Alphabet,      // digits
    pub valid_for: Duration,          // 24h
    pub max_attempts: u32,            // 5
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ExpiryPolicy {
    pub default_ttl: Option<Duration>, // none
    pub orphan_grace: Duration,        // 0s
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SessionPolicy {
    pub ttl: Duration,  // 2h
    pub issuer: String, // "tokenadm"
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LockoutPolicy {
    pub max_failures: u32, // 10
    pub window: Duration,  // 15m
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Media {
    Email,
    Sms,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Communication {
    #[serde(deserialize_with = "on_create")]
    pub on_create: MessageTemplate,
    #[serde(deserialize_with = "on_reset")]
    pub on_reset: MessageTemplate,
    #[serde(deserialize_with = "on_verification")]
    pub on_verification: MessageTemplate,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MessageTemplate {
    pub enabled: bool,    // false
    pub media: Media,     // email
    pub subject: String,  // a sensible default per event
    pub template: String, // a sensible default per event, using the seeds' tags
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

/// The top level of a definition file as written, for the type and unknown-key errors (with
/// their spans) that serde finds in one pass over the text. Each classification is read here
/// on its own only to check it; its effective policy comes from merging tables (see `parse`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    name: String,
    #[serde(default)]
    alternative_code: Option<String>,
    #[serde(default)]
    description: String,
    #[serde(default)]
    classifications: BTreeMap<String, Policy>,
    #[serde(default)]
    number: NumberPolicy,
    #[serde(default)]
    authentication_code: AuthCodePolicy,
    #[serde(default)]
    identifier: IdentifierPolicy,
    #[serde(default)]
    pass_code: PassCodePolicy,
    #[serde(default)]
    automation: Automation,
    #[serde(default)]
    verification: VerificationPolicy,
    #[serde(default)]
    expiry: ExpiryPolicy,
    #[serde(default)]
    session: SessionPolicy,
    #[serde(default)]
    lockout: LockoutPolicy,
    #[serde(default)]
    communication: Communication,
}

/// The top-level keys that are not policy tables.
const TOP_LEVEL_KEYS: [&str; 4] = ["name", "alternative_code", "description", "classifications"];

impl Definition {
    /// Parses and validates a definition. Every key but `name` is optional; a classification
    /// inherits every key it does not set from the definition's own tables.
    pub fn parse(text: &str) -> Result<Definition, DefinitionError> {
        let source = locate::Source::parse(text)?;
        if !source.has_key(&["name"]) {
            return Err(source.error_at(
                0,
                "the definition has no name; add a line such as `name = \"gold\"` at the top \
                 (name is the one required key)"
                    .to_string(),
            ));
        }
        let raw: RawFile = toml::from_str(text).map_err(|e| source.serde_error(&e))?;

        let classifications = if raw.classifications.is_empty() {
            BTreeMap::new()
        } else {
            classification_policies(text, &source)?
        };
        let alternative_code = raw.alternative_code.unwrap_or_else(|| initials(&raw.name));
        let definition = Definition {
            name: raw.name,
            alternative_code,
            description: raw.description,
            base: Policy {
                number: raw.number,
                authentication_code: raw.authentication_code,
                identifier: raw.identifier,
                pass_code: raw.pass_code,
                automation: raw.automation,
                verification: raw.verification,
                expiry: raw.expiry,
                session: raw.session,
                lockout: raw.lockout,
                communication: raw.communication,
            },
            classifications,
        };
        validate::definition(&definition, &source)?;
        Ok(definition)
    }

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

/// The initials of the name's words, upper-cased: `gold-members` gives `GM`.
fn initials(name: &str) -> String {
    let code: String = name
        .split(['-', '_', '.', ' '])
        .filter_map(|word| word.chars().next())
        .flat_map(char::to_uppercase)
        .collect();
    if code.is_empty() {
        name.to_uppercase()
    } else {
        code
    }
}

/// `overlay` laid over `base` key by key, tables merged recursively and any other value
/// replaced. A classification that chooses another identifier format without a pattern drops
/// the inherited pattern: a pattern belongs to the `regex` format it was written for, and TOML
/// has no way to unset a key.
fn merge(mut base: toml::Table, overlay: toml::Table) -> toml::Table {
    for (key, value) in overlay {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(inner)), toml::Value::Table(over)) => {
                if key == "identifier"
                    && over.contains_key("format")
                    && !over.contains_key("pattern")
                {
                    inner.remove("pattern");
                }
                let merged = merge(std::mem::take(inner), over);
                *inner = merged;
            }
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
    base
}

impl Alphabet {
    /// The spelling used in TOML.
    pub fn as_str(self) -> &'static str {
        match self {
            Alphabet::Base62 => "base62",
            Alphabet::Base32 => "base32",
            Alphabet::Hex => "hex",
            Alphabet::Digits => "digits",
        }
    }

    /// How many symbols the alphabet has.
    pub fn size(self) -> u32 {
        match self {
            Alphabet::Base62 => 62,
            Alphabet::Base32 => 32,
            Alphabet::Hex => 16,
            Alphabet::Digits => 10,
        }
    }

    /// Bits of entropy one random character carries.
    pub fn bits_per_char(self) -> f64 {
        f64::from(self.size()).log2()
    }
}

impl IdentifierGenerate {
    /// The spelling used in TOML.
    pub fn as_str(self) -> &'static str {
        match self {
            IdentifierGenerate::None => "none",
            IdentifierGenerate::Number => "number",
            IdentifierGenerate::Id => "id",
        }
    }
}

impl IdentifierFormat {
    /// The spelling used in TOML.
    pub fn as_str(self) -> &'static str {
        match self {
            IdentifierFormat::Email => "email",
            IdentifierFormat::Phone => "phone",
            IdentifierFormat::Number => "number",
            IdentifierFormat::FreeText => "free_text",
            IdentifierFormat::Regex => "regex",
        }
    }
}

impl VerifyFor {
    /// The spelling used in TOML.
    pub fn as_str(self) -> &'static str {
        match self {
            VerifyFor::Direct => "direct",
            VerifyFor::Account => "account",
            VerifyFor::Participant => "participant",
        }
    }
}

impl Media {
    /// The spelling used in TOML.
    pub fn as_str(self) -> &'static str {
        match self {
            Media::Email => "email",
            Media::Sms => "sms",
        }
    }
}

// The defaults below are the contract's ("Definitions (TOML)") and must say what DEFAULT_TOML
// says; `default_toml_is_the_builtin_default` holds them together.

impl Default for NumberPolicy {
    fn default() -> Self {
        NumberPolicy {
            prefix: "AT".to_string(),
            digits: 10,
        }
    }
}

impl Default for AuthCodePolicy {
    fn default() -> Self {
        AuthCodePolicy {
            prefix: "atk_".to_string(),
            length: 32,
            alphabet: Alphabet::Base62,
            checksum: true,
            allow_custom: true,
            min_custom_length: 20,
        }
    }
}

impl Default for IdentifierPolicy {
    fn default() -> Self {
        IdentifierPolicy {
            generate: IdentifierGenerate::None,
            format: IdentifierFormat::Email,
            pattern: None,
            required: false,
            min_length: 0,
            min_lowercase: 0,
            min_digits: 0,
            min_special: 0,
        }
    }
}

impl Default for PassCodePolicy {
    fn default() -> Self {
        PassCodePolicy {
            min_length: 10,
            max_length: 128,
            min_lowercase: 0,
            min_uppercase: 0,
            min_digits: 0,
            min_special: 0,
            forbid_identifier: true,
            generate_length: 16,
            hash: HashParams::default(),
        }
    }
}

impl Default for HashParams {
    /// OWASP's minimum for argon2id.
    fn default() -> Self {
        HashParams {
            memory_kib: 19456,
            iterations: 2,
            parallelism: 1,
        }
    }
}

impl Default for Automation {
    fn default() -> Self {
        Automation {
            allow_without_identifier: true,
            generate_pass_code: false,
            orphans_not_effective: true,
            max_tokens_per_account: None,
        }
    }
}

impl Default for VerificationPolicy {
    fn default() -> Self {
        VerificationPolicy {
            required_for: Vec::new(),
            code_length: 6,
            code_alphabet: Alphabet::Digits,
            valid_for: Duration::from_secs(24 * 3600),
            max_attempts: 5,
        }
    }
}

impl Default for ExpiryPolicy {
    fn default() -> Self {
        ExpiryPolicy {
            default_ttl: None,
            orphan_grace: Duration::ZERO,
        }
    }
}

impl Default for SessionPolicy {
    fn default() -> Self {
        SessionPolicy {
            ttl: Duration::from_secs(2 * 3600),
            issuer: "tokenadm".to_string(),
        }
    }
}

impl Default for LockoutPolicy {
    fn default() -> Self {
        LockoutPolicy {
            max_failures: 10,
            window: Duration::from_secs(15 * 60),
        }
    }
}

impl Default for Communication {
    fn default() -> Self {
        Communication {
            on_create: MessageTemplate::on_create(),
            on_reset: MessageTemplate::on_reset(),
            on_verification: MessageTemplate::on_verification(),
        }
    }
}

impl MessageTemplate {
    /// The default message sent when a token is issued.
    pub fn on_create() -> Self {
        MessageTemplate {
            enabled: false,
            media: Media::Email,
            subject: "Your access token #access_token.number".to_string(),
            template: "Hello,\n\
                       \n\
                       your access token #access_token.number is ready.\n\
                       \n\
                       Identifier: #access_token.identifier\n\
                       Pass code: #access_token.pass_code\n\
                       Authentication code: #access_token.authentication_code\n\
                       \n\
                       Keep these details to yourself; nobody from us will ever ask for them.\n"
                .to_string(),
        }
    }

    /// The default message sent when a pass code is reset.
    pub fn on_reset() -> Self {
        MessageTemplate {
            enabled: false,
            media: Media::Email,
            subject: "Your pass code was reset".to_string(),
            template: "Hello,\n\
                       \n\
                       the pass code of your access token #access_token.number was reset.\n\
                       \n\
                       New pass code: #access_token.pass_code\n\
                       \n\
                       If you did not ask for this, contact us at once.\n"
                .to_string(),
        }
    }

    /// The default message that carries a verification code.
    pub fn on_verification() -> Self {
        MessageTemplate {
            enabled: false,
            media: Media::Email,
            subject: "Your verification code".to_string(),
            template: "Your verification code for access token #access_token.number is \
                       #access_token.verification_code.\n\
                       It is valid until #access_token.verification_expires_at.\n"
                .to_string(),
        }
    }
}

/// A `[communication.on_*]` table as written: each event has its own defaults, so the keys it
/// leaves out are filled from that event's message, not from one shared `Default`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PartialMessage {
    enabled: Option<bool>,
    media: Option<Media>,
    subject: Option<String>,
    template: Option<String>,
}

impl PartialMessage {
    fn over(self, default: MessageTemplate) -> MessageTemplate {
        MessageTemplate {
            enabled: self.enabled.unwrap_or(default.enabled),
            media: self.media.unwrap_or(default.media),
            subject: self.subject.unwrap_or(default.subject),
            template: self.template.unwrap_or(default.template),
        }
    }
}

fn on_create<'de, D: Deserializer<'de>>(d: D) -> Result<MessageTemplate, D::Error> {
    Ok(PartialMessage::deserialize(d)?.over(MessageTemplate::on_create()))
}

fn on_reset<'de, D: Deserializer<'de>>(d: D) -> Result<MessageTemplate, D::Error> {
    Ok(PartialMessage::deserialize(d)?.over(MessageTemplate::on_reset()))
}

fn on_verification<'de, D: Deserializer<'de>>(d: D) -> Result<MessageTemplate, D::Error> {
    Ok(PartialMessage::deserialize(d)?.over(MessageTemplate::on_verification()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reject(text: &str) -> DefinitionError {
        match Definition::parse(text) {
            Ok(def) => panic!("accepted {text:?} as {def:?}"),
            Err(error) => error,
        }
    }

    /// Asserts the error's place and that its message names `key`.
    fn rejects_at(text: &str, line: usize, column: usize, key: &str) -> DefinitionError {
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

    #[test]
    fn the_name_alone_is_a_whole_definition() {
        let def = Definition::parse("name = \"x\"\n[pass_code]\n").unwrap();
        assert_eq!(def.base, Policy::default());
        assert_eq!(def.alternative_code, "X");
        assert_eq!(def.description, "");
        assert!(def.classifications.is_empty());
    }

    #[test]
    fn an_empty_file_lacks_only_its_name() {
        let error = rejects_at("", 1, 1, "name");
        assert!(error.message.contains("required"), "{error}");
        rejects_at("[pass_code]\nmin_length = 12\n", 1, 1, "name");
    }

    #[test]
    fn alternative_code_defaults_to_initials() {
        let def = Definition::parse("name = \"gold-members_club\"").unwrap();
        assert_eq!(def.alternative_code, "GMC");
        let def = Definition::parse("name = \"gold\"\nalternative_code = \"GLD\"").unwrap();
        assert_eq!(def.alternative_code, "GLD");
    }

    #[test]
    fn an_event_keeps_its_own_defaults_for_keys_it_leaves_out() {
        let def = Definition::parse(
            "name = \"x\"\n[communication.on_verification]\nenabled = true\nmedia = \"sms\"\n",
        )
        .unwrap();
        let message = &def.base.communication.on_verification;
        assert!(message.enabled);
        assert_eq!(message.media, Media::Sms);
        assert_eq!(
            message.template,
            MessageTemplate::on_verification().template
        );
        assert_eq!(
            def.base.communication.on_create,
            MessageTemplate::on_create()
        );
    }

    #[test]
    fn error_display_leads_with_the_place() {
        let error = reject("name = \"x\"\n[number]\ndigits = 2\n");
        assert_eq!(
            error.to_string(),
            "line 3, column 1: number.digits (2) must be from 4 to 18"
        );
        let error: crate::Error = error.into();
        assert_eq!(error.kind, crate::Kind::Invalid);
    }

    // Syntax, type and unknown-key errors: from the parser and serde, placed by their span.

    #[test]
    fn syntax_error_has_its_place() {
        rejects_at(
            "name = \"x\"\n[number\ndigits = 4\n",
            2,
            8,
            "not well-formed",
        );
        rejects_at("name = \"x\"\n\n  digits = = 4\n", 3, 12, "not well-formed");
    }

    #[test]
    fn unknown_key_in_a_table_has_its_place() {
        let error = rejects_at(
            "name = \"x\"\n[number]\ndigits = 10\n  prefx = \"AT\"\n",
            4,
            3,
            "`number.prefx` is not a known key",
        );
        assert!(error.message.contains("`prefix`"), "{error}");
        rejects_at(
            "name = \"x\"\ncolour = 1\n",
            2,
            1,
            "`colour` is not a known key",
        );
        rejects_at(
            "name = \"x\"\n[numbers]\n",
            2,
            2,
            "`numbers` is not a known key",
        );
        rejects_at(
            "name = \"x\"\n[pass_code.hash]\nmemory = 1\n",
            3,
            1,
            "`pass_code.hash.memory` is not a known key",
        );
        rejects_at(
            "name = \"x\"\n[communication.on_create]\nbody = \"\"\n",
            3,
            1,
            "`communication.on_create.body` is not a known key",
        );
    }

    #[test]
    fn unknown_key_in_a_classification_has_its_place() {
        rejects_at(
            "name = \"x\"\n\n[classifications.gold.pass_code]\nmin_length = 12\nmin_lenght = 14\n",
            5,
            1,
            "`classifications.gold.pass_code.min_lenght` is not a known key",
        );
        // A classification overrides policy tables, not the definition's name.
        rejects_at(
            "name = \"x\"\n[classifications.gold]\nname = \"y\"\n",
            3,
            1,
            "`classifications.gold.name` is not a known key",
        );
    }

    #[test]
    fn wrong_types_name_the_key_and_its_place() {
        rejects_at(
            "name = \"x\"\n[pass_code]\nmin_length = \"12\"\n",
            3,
            14,
            "`pass_code.min_length`: invalid type",
        );
        rejects_at(
            "name = \"x\"\n[authentication_code]\nalphabet = \"base64\"\n",
            3,
            12,
            "`authentication_code.alphabet`: unknown value `base64`",
        );
        rejects_at(
            "name = \"x\"\n[verification]\nrequired_for = [\"direct\", \"phone\"]\n",
            3,
            27,
            "`verification.required_for`: unknown value `phone`",
        );
        rejects_at(
            "name = \"x\"\n[lockout]\nwindow = \"15 minutes\"\n",
            3,
            10,
            "`lockout.window`: \"15 minutes\" is not a duration",
        );
        rejects_at("name = 7\n", 1, 8, "`name`: invalid type");
        rejects_at("name = \"x\"\nnumber = 3\n", 2, 10, "expected a table");
    }

    // Semantic rules, on the base and on classifications.

    #[test]
    fn name_rules() {
        rejects_at("name = \"\"\n", 1, 1, "name is empty");
        rejects_at("\nname = \"gold tier\"\n", 2, 1, "name (\"gold tier\")");
        rejects_at(&format!("name = \"{}\"\n", "a".repeat(65)), 1, 1, "64");
        rejects_at(
            "name = \"x\"\nalternative_code = \"A B\"",
            2,
            1,
            "alternative_code",
        );
        rejects_at(
            "name = \"x\"\n[classifications.\"gold tier\"]\n",
            2,
            18,
            "classification name \"gold tier\"",
        );
    }

    #[test]
    fn number_rules() {
        rejects_at(
            "name = \"x\"\n[number]\nprefix = \"A T\"\n",
            3,
            1,
            "number.prefix",
        );
        rejects_at(
            "name = \"x\"\n[number]\nprefix = \"ABCDEFGHI\"\n",
            3,
            1,
            "number.prefix",
        );
        rejects_at(
            "name = \"x\"\n[number]\ndigits = 19\n",
            3,
            1,
            "number.digits (19)",
        );
        Definition::parse("name = \"x\"\n[number]\nprefix = \"\"\ndigits = 18\n").unwrap();
    }

    #[test]
    fn authentication_code_rules() {
        rejects_at(
            "name = \"x\"\n[authentication_code]\nprefix = \"a b\"\n",
            3,
            1,
            "authentication_code.prefix",
        );
        // 19 base62 characters minus the checksum leave 13 * 5.95 = 77 bits.
        let error = rejects_at(
            "name = \"x\"\n[authentication_code]\nlength = 19\n",
            3,
            1,
            "authentication_code.length (19)",
        );
        assert!(error.message.contains("at least 20"), "{error}");
        Definition::parse("name = \"x\"\n[authentication_code]\nlength = 20\n").unwrap();
        Definition::parse("name = \"x\"\n[authentication_code]\nlength = 14\nchecksum = false\n")
            .unwrap();
        // 22 random digits carry 73 bits; the conflict is shown at the first key written.
        let error = rejects_at(
            "name = \"x\"\n[authentication_code]\nalphabet = \"digits\"\nlength = 28\n",
            4,
            1,
            "authentication_code.length (28) leaves 22 random characters of the digits alphabet",
        );
        assert!(error.message.contains("at least 31"), "{error}");
        Definition::parse("name = \"x\"\n[authentication_code]\nalphabet = \"hex\"\n").unwrap();
        rejects_at(
            "name = \"x\"\n[authentication_code]\nlength = 129\n",
            3,
            1,
            "128",
        );
        rejects_at(
            "name = \"x\"\n[authentication_code]\nmin_custom_length = 7\n",
            3,
            1,
            "authentication_code.min_custom_length (7)",
        );
    }

    #[test]
    fn identifier_rules() {
        rejects_at(
            "name = \"x\"\n[identifier]\nformat = \"regex\"\n",
            3,
            1,
            "identifier.pattern is missing",
        );
        let error = rejects_at(
            "name = \"x\"\n[identifier]\nformat = \"regex\"\npattern = \"^(AB[0-9]+$\"\n",
            4,
            1,
            "identifier.pattern (\"^(AB[0-9]+$\") is not a valid regular expression",
        );
        assert!(error.message.contains("unclosed group"), "{error}");
        assert!(!error.message.contains('\n'), "{error}");
        rejects_at(
            "name = \"x\"\n[identifier]\npattern = \"^a$\"\n",
            3,
            1,
            "remove the pattern",
        );
        rejects_at(
            "name = \"x\"\n[identifier]\ngenerate = \"number\"\n",
            3,
            1,
            "identifier.generate (\"number\")",
        );
        rejects_at(
            "name = \"x\"\n[identifier]\ngenerate = \"id\"\nformat = \"number\"\n",
            3,
            1,
            "identifier.generate (\"id\")",
        );
        Definition::parse(
            "name = \"x\"\n[identifier]\ngenerate = \"number\"\nformat = \"number\"\n",
        )
        .unwrap();
        Definition::parse(
            "name = \"x\"\n[identifier]\nformat = \"regex\"\npattern = \"^[A-Z]{2}[0-9]{6}$\"\n",
        )
        .unwrap();
        rejects_at(
            "name = \"x\"\n[identifier]\nmin_lowercase = 200\nmin_special = 100\n",
            3,
            1,
            "identifier.min_lowercase + min_digits + min_special (300)",
        );
    }

    #[test]
    fn pass_code_rules() {
        let error = rejects_at(
            "name = \"x\"\n[pass_code]\nmin_length = 20\nmax_length = 16\n",
            3,
            1,
            "pass_code.min_length (20) is greater than pass_code.max_length (16)",
        );
        assert!(error
            .message
            .ends_with("make min_length at most max_length"));
        // Only max_length is written, so that is where the conflict is shown.
        rejects_at(
            "name = \"x\"\n[pass_code]\nmax_length = 8\n",
            3,
            1,
            "pass_code.min_length (10) is greater than pass_code.max_length (8)",
        );
        rejects_at(
            "name = \"x\"\n[pass_code]\nmin_length = 0\n",
            3,
            1,
            "at least 1",
        );
        rejects_at(
            "name = \"x\"\n[pass_code]\nmax_length = 1025\n",
            3,
            1,
            "1024",
        );
        rejects_at(
            "name = \"x\"\n[pass_code]\ngenerate_length = 9\n",
            3,
            1,
            "pass_code.generate_length (9)",
        );
        rejects_at(
            "name = \"x\"\n[pass_code]\nmin_uppercase = 10\nmin_digits = 10\n",
            3,
            1,
            "(20) is greater than pass_code.generate_length (16); generated pass codes",
        );
    }

    #[test]
    fn hash_rules() {
        for (key, value, words) in [
            ("memory_kib", 7, "memory_kib (7)"),
            ("memory_kib", 4_194_305, "memory_kib (4194305)"),
            ("iterations", 0, "iterations (0)"),
            ("iterations", 101, "iterations (101)"),
            ("parallelism", 0, "parallelism (0)"),
            ("parallelism", 65, "parallelism (65)"),
        ] {
            rejects_at(
                &format!("name = \"x\"\n[pass_code.hash]\n{key} = {value}\n"),
                3,
                1,
                words,
            );
        }
        rejects_at(
            "name = \"x\"\n[pass_code.hash]\nmemory_kib = 64\nparallelism = 16\n",
            3,
            1,
            "8 KiB per lane",
        );
    }

    #[test]
    fn automation_verification_session_lockout_rules() {
        for (table, key, value, words) in [
            (
                "automation",
                "max_tokens_per_account",
                "0",
                "automation.max_tokens_per_account (0)",
            ),
            (
                "verification",
                "code_length",
                "3",
                "verification.code_length (3)",
            ),
            (
                "verification",
                "code_length",
                "33",
                "verification.code_length (33)",
            ),
            (
                "verification",
                "max_attempts",
                "0",
                "verification.max_attempts (0)",
            ),
            (
                "verification",
                "valid_for",
                "\"0s\"",
                "verification.valid_for",
            ),
            ("expiry", "default_ttl", "\"0d\"", "expiry.default_ttl"),
            ("session", "ttl", "\"0s\"", "session.ttl"),
            ("session", "ttl", "\"31d\"", "session.ttl (\"31d\")"),
            ("session", "issuer", "\" \"", "session.issuer is empty"),
            ("lockout", "max_failures", "0", "lockout.max_failures (0)"),
            ("lockout", "window", "\"0m\"", "lockout.window"),
        ] {
            rejects_at(
                &format!("name = \"x\"\n[{table}]\n{key} = {value}\n"),
                3,
                1,
                words,
            );
        }
        let def = Definition::parse(
            "name = \"x\"\n[automation]\nmax_tokens_per_account = 3\n\
             [verification]\nrequired_for = [\"account\", \"participant\"]\n\
             [expiry]\ndefault_ttl = \"365d\"\n[session]\nttl = \"30d\"\n",
        )
        .unwrap();
        assert_eq!(def.base.automation.max_tokens_per_account, Some(3));
        assert_eq!(
            def.base.verification.required_for,
            vec![VerifyFor::Account, VerifyFor::Participant]
        );
        assert_eq!(
            def.base.expiry.default_ttl,
            Some(Duration::from_secs(365 * 86_400))
        );
    }

    #[test]
    fn unknown_template_tag_is_placed_inside_the_string() {
        rejects_at(
            "name = \"x\"\n[communication.on_create]\nsubject = \"Token #access_token.nmber\"\n",
            3,
            18,
            "communication.on_create.subject uses the unknown tag #access_token.nmber; did you mean \
             #access_token.number?",
        );
        // In a multi-line string, on the line the tag is written on; the sentence-end dot of
        // the known tag before it is not part of that tag.
        rejects_at(
            "name = \"x\"\n[communication.on_reset]\ntemplate = \"\"\"\nHi #access_token.number.\n  Code: #access_token.passcode\n\"\"\"\n",
            5,
            9,
            "#access_token.passcode",
        );
        // The second occurrence is the one in error when the first is a longer, known tag.
        rejects_at(
            "name = \"x\"\n[communication.on_create]\nsubject = \"#access_token.name_x #access_token.name #access_token.name_x\"\n",
            3,
            12,
            "#access_token.name_x",
        );
        rejects_at(
            "name = \"x\"\n[communication.on_create]\nenabled = true\ntemplate = \" \"\n",
            4,
            1,
            "communication.on_create.template is empty",
        );
    }

    #[test]
    fn a_secret_tag_in_a_subject_is_refused_where_it_is_written() {
        rejects_at(
            "name = \"x\"\n[communication.on_verification]\nsubject = \"Code #access_token.verification_code\"\n",
            3,
            17,
            "communication.on_verification.subject uses the secret tag #access_token.verification_code",
        );
        rejects_at(
            "name = \"x\"\n[classifications.vip.communication.on_create]\nsubject = \"#access_token.number #access_token.pass_code\"\n",
            3,
            33,
            "#access_token.pass_code",
        );
        // In the body they belong.
        Definition::parse(
            "name = \"x\"\n[communication.on_create]\nsubject = \"Token #access_token.number\"\ntemplate = \"Code #access_token.authentication_code\"\n",
        )
        .unwrap();
    }

    // Classifications.

    const GOLD: &str = r#"name = "loyalty"

[pass_code]
max_length = 64

[pass_code.hash]
memory_kib = 65536

[classifications.gold.pass_code]
min_length = 14

[classifications.staff.identifier]
format = "phone"
"#;

    #[test]
    fn classification_overrides_key_by_key() {
        let def = Definition::parse(GOLD).unwrap();
        let gold = def.policy(Some("gold")).unwrap();
        assert_eq!(gold.pass_code.min_length, 14);
        assert_eq!(gold.pass_code.max_length, 64);
        assert_eq!(gold.pass_code.hash.memory_kib, 65536);
        assert_eq!(gold.pass_code.hash.iterations, 2);
        assert_eq!(gold.identifier, def.base.identifier);
        assert_eq!(def.base.pass_code.min_length, 10);

        let staff = def.policy(Some("staff")).unwrap();
        assert_eq!(staff.identifier.format, IdentifierFormat::Phone);
        assert_eq!(staff.pass_code, def.base.pass_code);
        assert_eq!(staff.communication, def.base.communication);
    }

    #[test]
    fn policy_of_an_unknown_classification_is_none() {
        let def = Definition::parse(GOLD).unwrap();
        assert!(def.policy(Some("nope")).is_none());
        assert_eq!(def.policy(None), Some(&def.base));
        assert_eq!(
            def.classifications.keys().collect::<Vec<_>>(),
            ["gold", "staff"]
        );
    }

    #[test]
    fn classification_messages_keep_their_event_defaults() {
        let def = Definition::parse(
            "name = \"x\"\n[communication.on_create]\nsubject = \"Hi\"\n\
             [classifications.gold.communication.on_create]\nenabled = true\n",
        )
        .unwrap();
        let message = &def.policy(Some("gold")).unwrap().communication.on_create;
        assert!(message.enabled);
        assert_eq!(message.subject, "Hi");
        assert_eq!(message.template, MessageTemplate::on_create().template);
    }

    #[test]
    fn a_classification_leaving_regex_drops_the_inherited_pattern() {
        let def = Definition::parse(
            "name = \"x\"\n[identifier]\nformat = \"regex\"\npattern = \"^[0-9]{8}$\"\n\
             [classifications.guest.identifier]\nformat = \"email\"\n",
        )
        .unwrap();
        let guest = def.policy(Some("guest")).unwrap();
        assert_eq!(guest.identifier.format, IdentifierFormat::Email);
        assert_eq!(guest.identifier.pattern, None);
        assert_eq!(def.base.identifier.pattern.as_deref(), Some("^[0-9]{8}$"));
    }

    #[test]
    fn classification_errors_name_the_classification_key() {
        // min_length from the classification against max_length from the base.
        let text = "name = \"x\"\n[pass_code]\nmax_length = 12\ngenerate_length = 12\n\n[classifications.gold.pass_code]\nmin_length = 14\n";
        rejects_at(
            text,
            7,
            1,
            "classifications.gold.pass_code.min_length (14) is greater than classifications.gold.pass_code.max_length (12)",
        );
        rejects_at(
            "name = \"x\"\n[classifications.gold.identifier]\nformat = \"regex\"\npattern = \"[\"\n",
            4,
            1,
            "classifications.gold.identifier.pattern",
        );
        rejects_at(
            "name = \"x\"\n[classifications.gold.communication.on_reset]\nsubject = \"#access_token.pin\"\n",
            3,
            12,
            "classifications.gold.communication.on_reset.subject uses the unknown tag",
        );
        // Inline tables and dotted keys are found as well as [table] headers.
        rejects_at(
            "name = \"x\"\n[classifications]\ngold.lockout = { window = \"0s\" }\n",
            3,
            18,
            "classifications.gold.lockout.window",
        );
    }

    #[test]
    fn a_classification_may_be_empty() {
        let def = Definition::parse("name = \"x\"\n[classifications.silver]\n").unwrap();
        assert_eq!(def.policy(Some("silver")), Some(&def.base));
    }

    proptest::proptest! {
        #[test]
        fn parsing_never_panics(text in "\\PC{0,200}") {
            let _ = Definition::parse(&text);
        }

        #[test]
        fn any_value_in_any_key_is_accepted_or_placed_in_the_text(
            table in "(number|pass_code|pass_code.hash|verification|session|communication.on_create)",
            key in "(prefix|digits|min_length|memory_kib|valid_for|ttl|subject|x)",
            value in "(-?[0-9]{1,12}|\"[ -~]{0,12}\"|true|\\[\\]|\\{\\})",
        ) {
            let text = format!("name = \"x\"\n[{table}]\n{key} = {value}\n");
            if let Err(error) = Definition::parse(&text) {
                proptest::prop_assert!(error.line >= 1 && error.line <= 4, "{}", error);
                proptest::prop_assert!(error.column >= 1, "{}", error);
            }
        }

        #[test]
        fn durations_never_panic(text in "\\PC{0,30}") {
            let _ = text.parse::<Duration>();
        }
    }
}
