//! Identifiers (the user name of a token): validation against the definition's `[identifier]`
//! policy, the case-insensitive key that uniqueness is decided on, generation for
//! `identifier.generate`, and the helpers that pick a message recipient from an identifier.
//!
//! Character classes for `min_lowercase`, `min_digits` and `min_special` are the ones pass codes
//! use (see [`crate::domain::chars`]), so a definition's counts mean the same in both tables.

// Lives with the `[identifier]` policy, so that definition validation compiles a pattern
// exactly as identifiers are matched against it, without importing this module.
pub use crate::domain::definition::policy::full_match;

use crate::domain::chars::{count_of, ClassCounts};
use crate::domain::definition::policy::{
    regex_reason, IdentifierFormat, IdentifierGenerate, IdentifierPolicy,
};
use crate::domain::random;
use crate::error::{Error, Result};
use rand::CryptoRng;
use unicode_normalization::UnicodeNormalization;

/// Identifiers are shown in lists and messages and indexed; a bound keeps them sensible.
pub const MAX_LEN: usize = 256;

/// The length of a generated identifier unless the policy asks for more.
const GENERATED_LEN: usize = 12;

/// The identifier as it appears in a message: quoted, control characters escaped, and cut short
/// so a 10 kB paste does not become a 10 kB error line.
fn quoted(identifier: &str) -> String {
    const SHOWN: usize = 64;
    if identifier.chars().count() > SHOWN {
        let head: String = identifier.chars().take(SHOWN).collect();
        format!("{:?}", format!("{head}…"))
    } else {
        format!("{identifier:?}")
    }
}

fn format_name(format: IdentifierFormat) -> &'static str {
    match format {
        IdentifierFormat::Email => "email",
        IdentifierFormat::Phone => "phone",
        IdentifierFormat::Number => "number",
        IdentifierFormat::FreeText => "free_text",
        IdentifierFormat::Regex => "regex",
    }
}

/// An identifier as it is checked and stored: NFKC-normalized (CONTRACT.md, "Rules"), so the
/// fullwidth `ａｌｉｃｅ` is `alice` and a ligature its letters.
pub fn normalize(identifier: &str) -> String {
    identifier.nfkc().collect()
}

/// Bidirectional controls: they reorder what is shown, so `al\u{202e}ice` reads as something else.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Invisible characters: Unicode's default-ignorable code points (zero-width space and joiners,
/// soft hyphen, variation selectors, fillers), which UTS #39 drops from a skeleton: exactly
/// the characters whose skeleton is empty.
fn is_invisible(c: char) -> bool {
    let mut buf = [0u8; 4];
    let empty = unicode_security::skeleton(c.encode_utf8(&mut buf))
        .next()
        .is_none();
    empty
}

/// Checks an identifier against the policy; the error names the identifier and the rule. The
/// identifier is checked as given: callers pass it through [`normalize`] first.
pub fn validate(identifier: &str, policy: &IdentifierPolicy) -> Result<()> {
    let q = quoted(identifier);
    if identifier.is_empty() {
        return Err(Error::invalid("the identifier is empty"));
    }
    if let Some(c) = identifier.chars().find(|c| is_bidi_control(*c)) {
        return Err(Error::invalid(format!(
            "identifier {q} contains the bidirectional control character U+{:04X}, which changes how it reads; type it without",
            u32::from(c)
        )));
    }
    if let Some(c) = identifier
        .chars()
        .find(|c| !c.is_control() && is_invisible(*c))
    {
        return Err(Error::invalid(format!(
            "identifier {q} contains the invisible character U+{:04X}; type it without",
            u32::from(c)
        )));
    }
    let n = ClassCounts::of(identifier);
    if n.chars > MAX_LEN {
        return Err(Error::invalid(format!(
            "identifier {q} is {}; at most {MAX_LEN} are allowed",
            count_of(n.chars, "character", "characters")
        )));
    }
    if n.control > 0 {
        return Err(Error::invalid(format!(
            "identifier {q} contains a control character"
        )));
    }
    if identifier.starts_with(char::is_whitespace) || identifier.ends_with(char::is_whitespace) {
        return Err(Error::invalid(format!(
            "identifier {q} begins or ends with whitespace"
        )));
    }
    check_format(identifier, &q, policy)?;
    if n.chars < policy.min_length as usize {
        return Err(Error::invalid(format!(
            "identifier {q} is {}; the policy needs at least {} (identifier.min_length)",
            count_of(n.chars, "character", "characters"),
            policy.min_length
        )));
    }
    let minimum = |have: usize, need: u32, singular: &str, plural: &str, key: &str| {
        if have < need as usize {
            Err(Error::invalid(format!(
                "identifier {q} has {}; the policy needs at least {need} (identifier.{key})",
                count_of(have, singular, plural)
            )))
        } else {
            Ok(())
        }
    };
    minimum(
        n.lowercase,
        policy.min_lowercase,
        "lowercase letter",
        "lowercase letters",
        "min_lowercase",
    )?;
    minimum(n.digits, policy.min_digits, "digit", "digits", "min_digits")?;
    minimum(
        n.special,
        policy.min_special,
        "special character",
        "special characters",
        "min_special",
    )?;
    Ok(())
}

fn check_format(identifier: &str, q: &str, policy: &IdentifierPolicy) -> Result<()> {
    let rule = format!("(identifier.format = \"{}\")", format_name(policy.format));
    let (ok, what) = match policy.format {
        IdentifierFormat::Email => (looks_like_email(identifier), "an email address"),
        IdentifierFormat::Phone => (
            looks_like_phone(identifier),
            "a phone number (an optional + and 7 to 15 digits)",
        ),
        IdentifierFormat::Number => (
            identifier.bytes().all(|b| b.is_ascii_digit()),
            "a number (digits 0-9 only)",
        ),
        // Control characters and surrounding whitespace are already refused.
        IdentifierFormat::FreeText => (true, ""),
        IdentifierFormat::Regex => return check_pattern(identifier, q, policy),
    };
    if ok {
        Ok(())
    } else {
        Err(Error::invalid(format!(
            "identifier {q} is not {what} {rule}"
        )))
    }
}

fn check_pattern(identifier: &str, q: &str, policy: &IdentifierPolicy) -> Result<()> {
    let Some(pattern) = policy.pattern.as_deref() else {
        return Err(Error::invalid(
            "identifier.format = \"regex\" needs identifier.pattern, a regular expression that \
             identifiers must match in full",
        ));
    };
    let matched = full_match(pattern, Some(identifier)).map_err(|e| {
        Error::invalid(format!(
            "identifier.pattern {pattern:?} is not a valid regular expression: {}",
            regex_reason(&e)
        ))
    })?;
    if matched {
        Ok(())
    } else {
        Err(Error::invalid(format!(
            "identifier {q} does not match identifier.pattern {pattern:?} \
             (identifier.format = \"regex\")"
        )))
    }
}

/// An address of the shape `local@domain.tld`: one "@", a local part without whitespace, and a
/// domain of dot-separated labels of letters, digits and inner hyphens ending in an alphabetic
/// top-level label of two letters or more. Deliberately narrower than RFC 5321 (no quoted local
/// parts, no address literals): these are the addresses a CRM user types and a mail relay takes.
pub fn looks_like_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    if local.is_empty()
        || domain.contains('@')
        || local.chars().any(|c| c.is_whitespace() || c.is_control())
    {
        return false;
    }
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.len() < 2 {
        return false;
    }
    let label_ok = |l: &str| {
        !l.is_empty()
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    let tld = labels[labels.len() - 1];
    labels.iter().all(|l| label_ok(l))
        && tld.len() >= 2
        && tld.bytes().all(|b| b.is_ascii_alphabetic())
}

/// A phone number in E.164's shape: an optional "+", then 7 to 15 digits and nothing else (no
/// spaces, dashes or parentheses, so one number has one spelling and uniqueness holds).
pub fn looks_like_phone(s: &str) -> bool {
    let digits = s.strip_prefix('+').unwrap_or(s);
    (7..=15).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit())
}

/// The key on which identifiers are unique: the Unicode TS #39 confusable skeleton of the
/// NFKC-normalized, lowercased identifier, lowercased again (a skeleton maps `0` to `O`). Two
/// identifiers that read the same (`alice`, Cyrillic `аlice`, fullwidth `ａｌｉｃｅ`, `ALICE`)
/// have one key, so only one of them can be live. Nothing is trimmed, because validation
/// refuses surrounding whitespace in the first place.
pub fn key(identifier: &str) -> String {
    let lower = normalize(identifier).to_lowercase();
    unicode_security::skeleton(&lower)
        .collect::<String>()
        .to_lowercase()
}

/// The key of a token whose identifier clashed with an older live token's when keys became
/// skeletons (schema version 8): its own exact (normalized, lowercased) identifier behind a
/// NUL, which no typed identifier contains, so the two stay apart and each is still found by
/// its own identifier.
pub fn exact_key(identifier: &str) -> String {
    format!("\u{0}{}", normalize(identifier).to_lowercase())
}

/// A new identifier for `identifier.generate`, or `None` when the policy generates none. The
/// store still has to check it is unique (and draw again when not: 10^11 numbers and 36^12 ids
/// make that rare).
///
/// - `number`: 12 digits not starting with 0 (so it survives a spreadsheet as a number), or
///   `min_length`/`min_digits` digits when larger. A number cannot meet `min_lowercase` or
///   `min_special`; definition validation refuses those together.
/// - `id`: 12 characters of `a-z0-9`, or `min_length` when larger, or `min_lowercase +
///   min_digits` when larger still; the required letters and digits are placed first and the
///   whole shuffled. An id cannot meet `min_special`.
pub fn generate(policy: &IdentifierPolicy) -> Option<String> {
    generate_with(policy, &mut rand::rng())
}

fn generate_with<R: CryptoRng + ?Sized>(policy: &IdentifierPolicy, rng: &mut R) -> Option<String> {
    const DIGITS: &[u8] = b"0123456789";
    const LOWER: &[u8] = b"abcdefghijklmnopqrstuvwxyz";
    const ID_CHARS: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    let min_length = policy.min_length as usize;
    match policy.generate {
        IdentifierGenerate::None => None,
        IdentifierGenerate::Number => {
            let len = GENERATED_LEN
                .max(min_length)
                .max(policy.min_digits as usize);
            let mut s = String::with_capacity(len);
            s.push(char::from(random::pick(rng, &DIGITS[1..])));
            for _ in 1..len {
                s.push(char::from(random::pick(rng, DIGITS)));
            }
            Some(s)
        }
        IdentifierGenerate::Id => {
            let lower = policy.min_lowercase as usize;
            let digits = policy.min_digits as usize;
            let len = GENERATED_LEN.max(min_length).max(lower + digits);
            let mut bytes = Vec::with_capacity(len);
            bytes.extend((0..lower).map(|_| random::pick(rng, LOWER)));
            bytes.extend((0..digits).map(|_| random::pick(rng, DIGITS)));
            while bytes.len() < len {
                bytes.push(random::pick(rng, ID_CHARS));
            }
            random::shuffle(rng, &mut bytes);
            Some(bytes.into_iter().map(char::from).collect())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Kind;
    use proptest::prelude::*;
    use rand::rngs::StdRng;
    use rand::SeedableRng;

    fn policy(format: IdentifierFormat) -> IdentifierPolicy {
        IdentifierPolicy {
            generate: IdentifierGenerate::None,
            format,
            pattern: None,
            required: false,
            min_length: 0,
            min_lowercase: 0,
            min_digits: 0,
            min_special: 0,
        }
    }

    fn refused(identifier: &str, p: &IdentifierPolicy) -> String {
        let err = validate(identifier, p).unwrap_err();
        assert_eq!(err.kind, Kind::Invalid, "{}", err.message);
        err.message
    }

    #[test]
    fn general_rules() {
        let p = policy(IdentifierFormat::FreeText);
        assert_eq!(refused("", &p), "the identifier is empty");
        assert_eq!(
            refused(&"x".repeat(257), &p),
            format!(
                "identifier {:?} is 257 characters; at most 256 are allowed",
                format!("{}…", "x".repeat(64))
            )
        );
        assert!(validate(&"é".repeat(256), &p).is_ok());
        assert_eq!(
            refused("bob\u{7}", &p),
            "identifier \"bob\\u{7}\" contains a control character"
        );
        assert_eq!(
            refused(" bob", &p),
            "identifier \" bob\" begins or ends with whitespace"
        );
        assert!(refused("bob\u{a0}", &p).contains("begins or ends with whitespace"));
        assert!(validate("Bob the Builder", &p).is_ok());
        assert!(validate("漢字 ñ €", &p).is_ok());
    }

    #[test]
    fn email_format() {
        let p = policy(IdentifierFormat::Email);
        for ok in [
            "alice@example.com",
            "Alice.Smith+crm@mail.example.co.uk",
            "a@b-c.io",
            "x_y@123.example.org",
            "jörg@example.de",
        ] {
            assert!(validate(ok, &p).is_ok(), "{ok}");
            assert!(looks_like_email(ok), "{ok}");
        }
        assert_eq!(
            refused("bob@", &p),
            "identifier \"bob@\" is not an email address (identifier.format = \"email\")"
        );
        for bad in [
            "bob",
            "@example.com",
            "bob@example",
            "bob@@example.com",
            "bob@ex@ample.com",
            "b ob@example.com",
            "bob@-example.com",
            "bob@example-.com",
            "bob@exa_mple.com",
            "bob@example..com",
            "bob@.example.com",
            "bob@example.com.",
            "bob@example.c",
            "bob@example.c0m",
            "bob@exämple.com",
        ] {
            assert!(
                refused(bad, &p)
                    .ends_with("is not an email address (identifier.format = \"email\")"),
                "{bad}"
            );
            assert!(!looks_like_email(bad), "{bad}");
        }
    }

    #[test]
    fn phone_format() {
        let p = policy(IdentifierFormat::Phone);
        for ok in ["+35799123456", "1234567", "123456789012345", "+1234567"] {
            assert!(validate(ok, &p).is_ok(), "{ok}");
            assert!(looks_like_phone(ok));
        }
        assert_eq!(
            refused("+357 99 123456", &p),
            "identifier \"+357 99 123456\" is not a phone number (an optional + and 7 to 15 \
             digits) (identifier.format = \"phone\")"
        );
        for bad in [
            "123456",
            "1234567890123456",
            "++1234567",
            "12345-678",
            "+",
            "٣٣٣٣٣٣٣٣",
        ] {
            assert!(refused(bad, &p).contains("is not a phone number"), "{bad}");
            assert!(!looks_like_phone(bad), "{bad}");
        }
    }

    #[test]
    fn number_format() {
        let p = policy(IdentifierFormat::Number);
        assert!(validate("0042", &p).is_ok());
        assert_eq!(
            refused("42a", &p),
            "identifier \"42a\" is not a number (digits 0-9 only) (identifier.format = \"number\")"
        );
        assert!(refused("-42", &p).contains("not a number"));
        assert!(refused("٤٢", &p).contains("not a number"));
    }

    #[test]
    fn regex_format_matches_in_full() {
        let p = IdentifierPolicy {
            pattern: Some("[A-Z]{2}-[0-9]+|admin".to_string()),
            ..policy(IdentifierFormat::Regex)
        };
        assert!(validate("AB-123", &p).is_ok());
        assert!(validate("admin", &p).is_ok());
        assert_eq!(
            refused("xAB-123", &p),
            "identifier \"xAB-123\" does not match identifier.pattern \"[A-Z]{2}-[0-9]+|admin\" \
             (identifier.format = \"regex\")"
        );
        assert!(refused("AB-123x", &p).contains("does not match"));
        assert!(refused("administrator", &p).contains("does not match"));
    }

    #[test]
    fn regex_format_needs_a_valid_pattern() {
        let missing = policy(IdentifierFormat::Regex);
        assert!(refused("x", &missing)
            .starts_with("identifier.format = \"regex\" needs identifier.pattern"));
        let broken = IdentifierPolicy {
            pattern: Some("(ab".to_string()),
            ..policy(IdentifierFormat::Regex)
        };
        let message = refused("ab", &broken);
        assert!(
            message.starts_with("identifier.pattern \"(ab\" is not a valid regular expression: "),
            "{message}"
        );
        assert!(!message.contains('\n'), "{message}");
    }

    #[test]
    fn count_rules_follow_the_format() {
        let p = IdentifierPolicy {
            min_length: 8,
            min_lowercase: 2,
            min_digits: 2,
            min_special: 1,
            ..policy(IdentifierFormat::FreeText)
        };
        assert!(validate("ab12-xyz", &p).is_ok());
        assert_eq!(
            refused("ab12-xy", &p),
            "identifier \"ab12-xy\" is 7 characters; the policy needs at least 8 (identifier.min_length)"
        );
        assert_eq!(
            refused("aB12-XYZ", &p),
            "identifier \"aB12-XYZ\" has 1 lowercase letter; the policy needs at least 2 (identifier.min_lowercase)"
        );
        assert_eq!(
            refused("ab1x-xyz", &p),
            "identifier \"ab1x-xyz\" has 1 digit; the policy needs at least 2 (identifier.min_digits)"
        );
        assert_eq!(
            refused("ab12 xyz", &p),
            "identifier \"ab12 xyz\" has 0 special characters; the policy needs at least 1 (identifier.min_special)"
        );
        // The format is checked before the counts.
        let email = IdentifierPolicy {
            min_length: 50,
            ..policy(IdentifierFormat::Email)
        };
        assert!(refused("bob", &email).contains("not an email address"));
    }

    #[test]
    fn key_is_case_and_lookalike_insensitive() {
        assert_eq!(key("Alice@Example.COM"), key("alice@example.com"));
        assert_eq!(key("ÄÖÜ"), key("äöü"));
        assert_eq!(key("ΣΑΣ"), key("σας".to_uppercase().as_str()));
        let alice = key("alice@example.com");
        for lookalike in [
            "\u{430}lice@example.com",
            "ａｌｉｃｅ@example.com",
            "ALICE@EXAMPLE.COM",
        ] {
            assert_eq!(key(lookalike), alice, "{lookalike}");
        }
        assert_ne!(key("bob@example.com"), alice);
        assert_ne!(exact_key("alice@example.com"), alice);
    }

    #[test]
    fn normalizes_and_refuses_what_hides() {
        assert_eq!(normalize("ａｌｉｃｅ@example.com"), "alice@example.com");
        let p = policy(IdentifierFormat::FreeText);
        assert!(refused("al\u{202e}ice", &p).contains("U+202E"));
        assert!(refused("alice\u{200b}x", &p).contains("invisible character U+200B"));
        assert!(refused("a\u{ad}b", &p).contains("invisible"));
        assert!(validate("漢字 ñ €", &p).is_ok());
    }

    #[test]
    fn generate_none() {
        assert_eq!(generate(&policy(IdentifierFormat::Email)), None);
    }

    #[test]
    fn generate_number() {
        let p = IdentifierPolicy {
            generate: IdentifierGenerate::Number,
            ..policy(IdentifierFormat::Number)
        };
        let mut rng = StdRng::seed_from_u64(1);
        for _ in 0..200 {
            let id = generate_with(&p, &mut rng).unwrap();
            assert_eq!(id.len(), 12);
            assert!(id.bytes().all(|b| b.is_ascii_digit()));
            assert!(!id.starts_with('0'));
            assert!(validate(&id, &p).is_ok());
            // Twelve digits are a phone number's shape too.
            assert!(validate(&id, &policy(IdentifierFormat::Phone)).is_ok());
        }
        let long = IdentifierPolicy {
            min_length: 20,
            ..p
        };
        assert_eq!(generate(&long).unwrap().len(), 20);
    }

    #[test]
    fn generate_id() {
        let p = IdentifierPolicy {
            generate: IdentifierGenerate::Id,
            ..policy(IdentifierFormat::FreeText)
        };
        let id = generate(&p).unwrap();
        assert_eq!(id.len(), 12);
        assert!(id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()));
        assert_ne!(id, generate(&p).unwrap());
        let demanding = IdentifierPolicy {
            min_lowercase: 9,
            min_digits: 9,
            ..p
        };
        let id = generate(&demanding).unwrap();
        assert_eq!(id.len(), 18);
        assert!(validate(&id, &demanding).is_ok());
    }

    proptest! {
        #[test]
        fn generated_ids_pass_their_policy(
            min_length in 0u32..40,
            min_lowercase in 0u32..20,
            min_digits in 0u32..20,
            seed in any::<u64>(),
        ) {
            let p = IdentifierPolicy {
                generate: IdentifierGenerate::Id,
                min_length,
                min_lowercase,
                min_digits,
                ..policy(IdentifierFormat::FreeText)
            };
            let id = generate_with(&p, &mut StdRng::seed_from_u64(seed)).unwrap();
            prop_assert!(validate(&id, &p).is_ok());
            let number = IdentifierPolicy {
                generate: IdentifierGenerate::Number,
                min_lowercase: 0,
                format: IdentifierFormat::Number,
                ..p
            };
            let id = generate_with(&number, &mut StdRng::seed_from_u64(seed)).unwrap();
            prop_assert!(validate(&id, &number).is_ok());
        }

        #[test]
        fn key_is_the_same_for_the_normalized_identifier(s in "\\PC{1,20}") {
            prop_assert_eq!(key(&normalize(&s)), key(&s));
        }
    }
}
