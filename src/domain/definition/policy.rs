//! The policy a definition sets, table by table (`[number]`, `[pass_code]`, …): each table's
//! type, every key's default, and the helpers that give `identifier.pattern` one meaning for
//! validation and matching alike. Plain types: nothing here reads a definition file, so every
//! module that needs a policy (identifiers, pass codes, codes, messages) can import this one
//! without importing the parser.

use crate::domain::duration::Duration;
use serde::{Deserialize, Deserializer};

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
    pub usage: UsagePolicy,
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
    /// With `[communication.on_expiry_warning]` enabled, `token expire` queues one warning per
    /// token once its `expires_at` is this close (issue #15).
    pub warn_before: Option<Duration>, // none
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

/// `[usage]` (issue #15): how much a token may be used.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct UsagePolicy {
    /// Successful `auth`s per token per UTC day; beyond it `auth` is refused.
    pub daily_limit: Option<DailyLimit>, // none
}

/// A `usage.daily_limit`: a whole number of at least 1. Read by a deserializer of its own, so
/// that zero, a negative number, a fraction or a quoted number is refused with a sentence about
/// the limit (and, as every serde error, the key's line and column) rather than a Rust type name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DailyLimit(u32);

impl DailyLimit {
    pub fn new(limit: u32) -> Option<DailyLimit> {
        (limit >= 1).then_some(DailyLimit(limit))
    }

    pub fn get(self) -> u32 {
        self.0
    }
}

impl<'de> Deserialize<'de> for DailyLimit {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        const HOW: &str = "give a whole number of at least 1 (successful auths per token per UTC \
                           day), or leave the key out for no limit";
        impl serde::de::Visitor<'_> for Visitor {
            type Value = DailyLimit;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a whole number of at least 1")
            }

            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<DailyLimit, E> {
                u32::try_from(v)
                    .ok()
                    .and_then(DailyLimit::new)
                    .ok_or_else(|| match v {
                        0 => E::custom(format!("0 would refuse every auth; {HOW}")),
                        v if v < 0 => E::custom(format!("{v} is negative; {HOW}")),
                        v => E::custom(format!("{v} is more than 4294967295; {HOW}")),
                    })
            }

            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<DailyLimit, E> {
                match i64::try_from(v) {
                    Ok(v) => self.visit_i64(v),
                    Err(_) => Err(E::custom(format!("{v} is more than 4294967295; {HOW}"))),
                }
            }

            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<DailyLimit, E> {
                Err(E::custom(format!("{v} is not a whole number; {HOW}")))
            }

            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<DailyLimit, E> {
                Err(E::custom(format!(
                    "{v:?} is text, not a number; write it without quotes, a whole number of at \
                     least 1 (successful auths per token per UTC day)"
                )))
            }
        }
        d.deserialize_any(Visitor)
    }
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
    #[serde(deserialize_with = "on_expiry_warning")]
    pub on_expiry_warning: MessageTemplate,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MessageTemplate {
    pub enabled: bool,    // false
    pub media: Media,     // email
    pub subject: String,  // a sensible default per event
    pub template: String, // a sensible default per event, using the seeds' tags
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
            warn_before: None,
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
            on_expiry_warning: MessageTemplate::on_expiry_warning(),
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

impl MessageTemplate {
    /// The default warning `token expire` queues when a token's expiry comes within
    /// `expiry.warn_before`.
    pub fn on_expiry_warning() -> Self {
        MessageTemplate {
            enabled: false,
            media: Media::Email,
            subject: "Your access token #access_token.number expires soon".to_string(),
            template: "Hello,\n\
                       \n\
                       your access token #access_token.number expires on \
                       #access_token.expires_at_human (#access_token.expires_at).\n\
                       \n\
                       After that it stops working; contact us if you still need it.\n"
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

fn on_expiry_warning<'de, D: Deserializer<'de>>(d: D) -> Result<MessageTemplate, D::Error> {
    Ok(PartialMessage::deserialize(d)?.over(MessageTemplate::on_expiry_warning()))
}

/// The one line of a regex error that says what is wrong, without the caret diagram.
pub(crate) fn regex_reason(error: &regex::Error) -> String {
    let text = error.to_string();
    text.lines()
        .find_map(|line| line.trim().strip_prefix("error: "))
        .map_or_else(
            || text.split_whitespace().collect::<Vec<_>>().join(" "),
            str::to_string,
        )
}

/// Whether `text` matches `pattern` in full: anchored around a non-capturing group, so that
/// "a|b" means "exactly a or exactly b". Definition validation compiles the same form (with
/// `text` None), so what it accepts is what runs. Compiled once per thread and pattern: a bulk
/// import checks every row against it.
pub fn full_match(pattern: &str, text: Option<&str>) -> std::result::Result<bool, regex::Error> {
    thread_local! {
        static COMPILED: std::cell::RefCell<Option<(String, regex::Regex)>> =
            const { std::cell::RefCell::new(None) };
    }
    COMPILED.with(|cell| {
        let mut cell = cell.borrow_mut();
        if cell.as_ref().is_none_or(|(p, _)| p != pattern) {
            let re = regex::Regex::new(&format!("^(?:{pattern})$"))?;
            *cell = Some((pattern.to_string(), re));
        }
        Ok(match (cell.as_ref(), text) {
            (Some((_, re)), Some(text)) => re.is_match(text),
            _ => true,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_match_in_full_and_are_validated_as_they_run() {
        assert_eq!(full_match("a|bc", Some("bc")), Ok(true));
        assert_eq!(full_match("a|bc", Some("abc")), Ok(false));
        assert_eq!(full_match("[0-9]{3}", Some("1234")), Ok(false));
        // A trailing verbose-mode comment would swallow the anchor: refused up front.
        assert!(full_match("(?x)[a-z]+ # lower", None).is_err());
        assert_eq!(full_match("(?x)[a-z]+", Some("abc")), Ok(true));
    }
}
