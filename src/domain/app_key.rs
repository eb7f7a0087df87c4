//! Consumer application keys (issue #13): what an app or portal presents to `tokenadm serve` as
//! the HTTP Basic username. A key is made like an authentication code (the OS CSPRNG through
//! [`codes::generate_auth_code`], a fixed `tak_` prefix, 32 base62 characters whose last 6 are
//! the checksum), printed once, and kept only as its SHA-256 digest: a key carries about 155
//! bits of entropy, so an unsalted digest cannot be reversed by guessing and lets the server
//! find a key with one index probe. The checksum lets the server refuse a mistyped or made-up
//! key without touching the database.

use crate::domain::codes;
use crate::domain::definition::{Alphabet, AuthCodePolicy};
use crate::domain::secret::Secret;
use crate::error::{Error, Result};

/// What every key begins with, so a key found in a log or a repository is recognisable.
pub const PREFIX: &str = "tak_";
/// Characters after the prefix, the checksum's 6 included.
pub const LENGTH: u32 = 32;
/// The longest name a key may have (CONTRACT.md, "Rules": names are 1 to 200 characters).
pub const MAX_NAME_CHARS: usize = 200;

/// A key as the store keeps it: never the key itself.
#[derive(Debug, Clone, PartialEq)]
pub struct AppKey {
    pub id: i64,
    pub name: String,
    /// "…" and the last four characters of the key.
    pub hint: String,
    pub created_at: i64,
    pub created_by: String,
    pub revoked_at: Option<i64>,
    pub revoked_by: Option<String>,
}

impl AppKey {
    pub fn is_revoked(&self) -> bool {
        self.revoked_at.is_some()
    }
}

fn policy() -> AuthCodePolicy {
    AuthCodePolicy {
        prefix: PREFIX.to_string(),
        length: LENGTH,
        alphabet: Alphabet::Base62,
        checksum: true,
        allow_custom: false,
        min_custom_length: 0,
    }
}

/// A new key from the OS CSPRNG.
pub fn generate() -> Secret {
    codes::generate_auth_code(&policy(), &mut rand::rng())
}

/// Whether `key` has the shape of a key we make: the prefix, the length, and a checksum that
/// matches. Not secret (anyone can compute a checksum); it only spares the database the
/// lookups of keys that cannot exist.
pub fn well_formed(key: &str) -> bool {
    key.len() == PREFIX.len() + LENGTH as usize
        && key.starts_with(PREFIX)
        && codes::checksum_ok(key, Alphabet::Base62)
}

/// What the store keeps and looks a key up by.
pub fn digest(key: &str) -> [u8; 32] {
    codes::code_digest(key)
}

/// What may be shown of a key.
pub fn hint(key: &str) -> String {
    codes::hint(key)
}

/// A key's name: 1 to 200 characters, not blank, without control characters. It is the actor
/// of the audit entries the key's logins make.
pub fn validate_name(name: &str) -> Result<()> {
    // Counted no further than the limit, and quoted no longer than text::shown quotes: a
    // 10 MB name costs no more than a short one and is not echoed whole.
    let too_long = name.chars().nth(MAX_NAME_CHARS).is_some();
    if name.trim().is_empty() || too_long || name.chars().any(char::is_control) {
        let start: String = name.chars().take(40).collect();
        let more = if name.chars().nth(40).is_some() {
            "…"
        } else {
            ""
        };
        return Err(Error::invalid(format!(
            "application key name {start:?}{more} must be 1 to {MAX_NAME_CHARS} characters, not blank, without control characters"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_keys_are_well_formed_and_distinct() {
        let a = generate();
        let b = generate();
        assert!(a.expose().starts_with(PREFIX));
        assert_eq!(a.expose().len(), PREFIX.len() + LENGTH as usize);
        assert!(well_formed(a.expose()) && well_formed(b.expose()));
        assert_ne!(a.expose(), b.expose());
        assert_ne!(digest(a.expose()), digest(b.expose()));
    }

    #[test]
    fn a_mistyped_or_foreign_key_is_not_well_formed() {
        let key = generate();
        let k = key.expose();
        let mut typo: Vec<char> = k.chars().collect();
        let i = PREFIX.len() + 3;
        typo[i] = if typo[i] == 'a' { 'b' } else { 'a' };
        let typo: String = typo.into_iter().collect();
        assert!(!well_formed(&typo));
        assert!(!well_formed(&k[..k.len() - 1]));
        assert!(!well_formed("EE73C0AE64524371B5DDEFF5F7BB2192"));
        assert!(!well_formed(""));
        assert!(!well_formed(&format!("atk_{}", &k[PREFIX.len()..])));
    }

    #[test]
    fn names_are_checked() {
        assert!(validate_name("portal").is_ok());
        assert!(validate_name("Mobile app (iOS) ü").is_ok());
        assert!(validate_name(&"x".repeat(200)).is_ok());
        for bad in ["", "  ", "a\u{1b}[31m", "line\nbreak"] {
            let e = validate_name(bad).unwrap_err();
            assert_eq!(e.kind, crate::Kind::Invalid);
            assert!(!e.message.contains('\n') && !e.message.contains('\u{1b}'));
        }
        assert!(validate_name(&"x".repeat(201)).is_err());
        let huge = validate_name(&"x".repeat(10_000_000)).unwrap_err();
        assert!(huge.message.len() < 200, "{}", huge.message.len());
    }

    #[test]
    fn the_hint_is_the_last_four() {
        let key = generate();
        let h = hint(key.expose());
        assert_eq!(h.chars().count(), 5);
        assert!(key.expose().ends_with(&h[h.len() - 4..]));
    }
}
