//! Authentication codes and verification codes: generation, the offline checksum, the rules for
//! codes a user presents or supplies, and the digests the store keeps instead of the codes.
//!
//! # The checksum (fixed: `tokenadm check` and every issued token depend on it)
//!
//! When a definition has `authentication_code.checksum = true`, the last 6 characters of a code
//! are a checksum over everything before them, prefix included, so a mistyped or truncated code
//! is refused without touching the database (as GitHub's tokens do). With `A` the alphabet's
//! characters in the order of [`Alphabet::chars`] and `n = |A|`:
//!
//! 1. `h` = SHA-256 of the bytes of the code before its last 6 characters;
//! 2. `v` = the first 8 bytes of `h` read as a big-endian `u64`, modulo `n^6`;
//! 3. the checksum is `v` written as 6 base-`n` digits of `A`, most significant first.
//!
//! A random change passes by chance with probability `n^-6` (about 1.8e-11 for base62, 1e-6 for
//! digits). The checksum protects against accidents only; it is no authenticator, and anyone can
//! compute it.

use crate::domain::definition::policy::{Alphabet, AuthCodePolicy};
use crate::domain::random;
use crate::domain::secret::Secret;
use crate::error::{Error, Result};
use hmac::digest::KeyInit;
use hmac::{Hmac, Mac};
use rand::CryptoRng;
use sha2::{Digest, Sha256};

/// The length of the checksum tail.
pub const CHECKSUM_LEN: usize = 6;

/// Custom codes are stored by digest, but a bound keeps stdin from feeding us megabytes.
pub const MAX_CUSTOM_LEN: usize = 256;

const BASE62: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const BASE32: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const HEX: &[u8] = b"0123456789abcdef";
const DIGITS: &[u8] = b"0123456789";

/// The order `check_any` tries, which is also the contract's order of the alphabet names.
const ALL_ALPHABETS: [Alphabet; 4] = [
    Alphabet::Base62,
    Alphabet::Base32,
    Alphabet::Hex,
    Alphabet::Digits,
];

impl Alphabet {
    /// The characters, in the order that gives each its digit value in the checksum.
    pub fn chars(self) -> &'static [u8] {
        match self {
            Alphabet::Base62 => BASE62,
            Alphabet::Base32 => BASE32,
            Alphabet::Hex => HEX,
            Alphabet::Digits => DIGITS,
        }
    }

    fn contains(self, byte: u8) -> bool {
        self.chars().contains(&byte)
    }
}

/// The 6-character checksum of `body` in `alphabet`.
fn checksum(body: &[u8], alphabet: Alphabet) -> [u8; CHECKSUM_LEN] {
    let chars = alphabet.chars();
    let n = chars.len() as u64;
    let digest = Sha256::digest(body);
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    let mut v = u64::from_be_bytes(first) % n.pow(CHECKSUM_LEN as u32);
    let mut out = [0u8; CHECKSUM_LEN];
    for slot in out.iter_mut().rev() {
        *slot = chars[(v % n) as usize];
        v /= n;
    }
    out
}

/// A new authentication code: the policy's prefix, then `length` characters of its alphabet,
/// the last 6 of them the checksum when `checksum` is on.
///
/// With the checksum on, at least one random character is kept even when `length` is 6 or less,
/// so two codes are never equal by construction; definition validation is what should insist on
/// a length that carries enough entropy (22 base62 characters is about 128 bits).
pub fn generate_auth_code<R: CryptoRng + ?Sized>(policy: &AuthCodePolicy, rng: &mut R) -> Secret {
    let length = policy.length as usize;
    let random_len = if policy.checksum {
        length.saturating_sub(CHECKSUM_LEN).max(1)
    } else {
        length
    };
    let chars = policy.alphabet.chars();
    // Sized once up front so the plaintext is never copied by a reallocation and left behind.
    let mut code = String::with_capacity(policy.prefix.len() + random_len + CHECKSUM_LEN);
    code.push_str(&policy.prefix);
    for _ in 0..random_len {
        code.push(char::from(random::pick(rng, chars)));
    }
    if policy.checksum {
        let tail = checksum(code.as_bytes(), policy.alphabet);
        for b in tail {
            code.push(char::from(b));
        }
    }
    Secret::new(code)
}

/// Whether the last 6 characters of `code` are the checksum, in `alphabet`, of what precedes
/// them. A code needs at least one character before the checksum.
pub fn checksum_ok(code: &str, alphabet: Alphabet) -> bool {
    let bytes = code.as_bytes();
    if bytes.len() <= CHECKSUM_LEN {
        return false;
    }
    let (body, tail) = bytes.split_at(bytes.len() - CHECKSUM_LEN);
    if !tail.iter().all(|b| alphabet.contains(*b)) {
        return false;
    }
    // Not secret: anyone can compute a checksum, so a plain comparison is fine.
    checksum(body, alphabet) == tail
}

/// The alphabet in which `code`'s checksum is valid, if any: what the offline `tokenadm check`
/// uses, having neither a database nor a definition.
pub fn check_any(code: &str) -> Option<Alphabet> {
    ALL_ALPHABETS
        .into_iter()
        .find(|alphabet| checksum_ok(code, *alphabet))
}

/// Refuses, before any lookup, a presented code that claims to be generated (it begins with the
/// generated prefix) but fails its checksum.
///
/// The checksum is accepted in any alphabet, not only the policy's: a definition may have
/// changed its alphabet since older tokens were issued, and those must keep working. That costs
/// a factor four on an already negligible chance of letting a typo through to the lookup, which
/// refuses it anyway. With an empty prefix and custom codes allowed, a generated code cannot be
/// told from a custom one, so nothing is checked.
pub fn validate_presented_code(code: &str, policy: &AuthCodePolicy) -> Result<()> {
    if !policy.checksum || (policy.prefix.is_empty() && policy.allow_custom) {
        return Ok(());
    }
    if !code.starts_with(&policy.prefix) {
        return Ok(());
    }
    if checksum_ok(code, policy.alphabet) || check_any(code).is_some() {
        return Ok(());
    }
    Err(Error::invalid(format!(
        "authentication code \"{}\" fails its checksum; it was mistyped or truncated",
        hint(code)
    )))
}

/// The rules for a code supplied with `--auth-code-stdin` at issuance. Messages name the rule,
/// never the code.
pub fn validate_custom_code(code: &str, policy: &AuthCodePolicy) -> Result<()> {
    if !policy.allow_custom {
        return Err(Error::invalid(
            "this definition does not allow custom authentication codes \
             (authentication_code.allow_custom = false); omit --auth-code-stdin to have one generated",
        ));
    }
    if let Some(bad) = code.chars().find(|c| !c.is_ascii_graphic()) {
        let what = if bad.is_whitespace() {
            "whitespace"
        } else {
            "a character that is not printable ASCII"
        };
        return Err(Error::invalid(format!(
            "the custom authentication code contains {what}; use the characters ! to ~ only"
        )));
    }
    // Printable ASCII from here on, so bytes are characters.
    let len = code.len();
    let min = policy.min_custom_length as usize;
    if len < min {
        return Err(Error::invalid(format!(
            "the custom authentication code is {}; the policy needs at least {min} \
             (authentication_code.min_custom_length)",
            characters(len)
        )));
    }
    if len > MAX_CUSTOM_LEN {
        return Err(Error::invalid(format!(
            "the custom authentication code is {}; at most {MAX_CUSTOM_LEN} are allowed",
            characters(len)
        )));
    }
    if !policy.prefix.is_empty() && code.starts_with(&policy.prefix) {
        return Err(Error::invalid(format!(
            "the custom authentication code begins with {:?}, the prefix of generated codes \
             (authentication_code.prefix); choose a code that does not",
            policy.prefix
        )));
    }
    Ok(())
}

fn characters(n: usize) -> String {
    if n == 1 {
        "1 character".to_string()
    } else {
        format!("{n} characters")
    }
}

/// The SHA-256 of an authentication code, which the store indexes and compares instead of the
/// code. No salt and no slow hash: generated codes carry well over 128 bits of entropy and custom
/// ones at least `min_custom_length` characters, so the digest cannot be reversed by guessing,
/// and an unsalted digest is what lets a lookup by code be a single index probe.
pub fn code_digest(code: &str) -> [u8; 32] {
    Sha256::digest(code.as_bytes()).into()
}

/// What may be shown of a code: "…" and its last four characters. A code of fewer than eight
/// characters shows at most half of itself, so a hint never gives most of a short code away.
pub fn hint(code: &str) -> String {
    let count = code.chars().count();
    let shown = 4.min(count / 2);
    let tail: String = code.chars().skip(count - shown).collect();
    format!("…{tail}")
}

/// A new verification code of `length` characters of `alphabet`, without checksum: it is sent
/// to the user and typed back within minutes.
pub fn generate_verification_code(length: u32, alphabet: Alphabet) -> Secret {
    generate_verification_code_with(length, alphabet, &mut rand::rng())
}

fn generate_verification_code_with<R: CryptoRng + ?Sized>(
    length: u32,
    alphabet: Alphabet,
    rng: &mut R,
) -> Secret {
    let chars = alphabet.chars();
    let mut code = String::with_capacity(length as usize);
    for _ in 0..length {
        code.push(char::from(random::pick(rng, chars)));
    }
    Secret::new(code)
}

/// What the store keeps of a verification code: HMAC-SHA256 under a per-database key, over the
/// token number, a NUL, and the code. A six-digit code behind a plain hash falls to a million
/// guesses; keyed, a leaked digest column alone reveals nothing. The number binds the digest to
/// its token, so equal codes of two tokens have unrelated digests; the NUL keeps the split
/// between number and code unambiguous.
pub fn verification_digest(key: &[u8], token_number: &str, code: &str) -> [u8; 32] {
    // RFC 2104's own key preparation (hash a long key, zero-pad to the block), done here so the
    // infallible fixed-size constructor applies; `new_from_slice` would do the same but returns a
    // `Result` whose error cannot happen.
    let mut block = [0u8; 64];
    if key.len() > block.len() {
        block[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        block[..key.len()].copy_from_slice(key);
    }
    let mut mac = <Hmac<Sha256> as KeyInit>::new(&block.into());
    mac.update(token_number.as_bytes());
    mac.update(&[0]);
    mac.update(code.as_bytes());
    mac.finalize().into_bytes().into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Kind;
    use proptest::prelude::*;
    use rand::rngs::StdRng;
    use rand::SeedableRng;

    fn policy(alphabet: Alphabet) -> AuthCodePolicy {
        AuthCodePolicy {
            prefix: "atk_".to_string(),
            length: 32,
            alphabet,
            checksum: true,
            allow_custom: true,
            min_custom_length: 20,
        }
    }

    fn alphabet_strategy() -> impl Strategy<Value = Alphabet> {
        prop_oneof![
            Just(Alphabet::Base62),
            Just(Alphabet::Base32),
            Just(Alphabet::Hex),
            Just(Alphabet::Digits),
        ]
    }

    #[test]
    fn alphabets_have_their_sizes_and_no_repeats() {
        for (alphabet, n) in [
            (Alphabet::Base62, 62),
            (Alphabet::Base32, 32),
            (Alphabet::Hex, 16),
            (Alphabet::Digits, 10),
        ] {
            let chars = alphabet.chars();
            assert_eq!(chars.len(), n);
            let mut sorted = chars.to_vec();
            sorted.sort_unstable();
            sorted.dedup();
            assert_eq!(sorted.len(), n);
        }
        assert_eq!(
            Alphabet::Base32.chars(),
            b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
        );
    }

    #[test]
    fn checksum_follows_the_documented_scheme() {
        // Recomputed by hand from the module header, independently of `checksum`.
        let body = b"atk_hello";
        let d = Sha256::digest(body);
        let v = u64::from_be_bytes([d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]]);
        let mut v = v % 10u64.pow(6);
        let mut expected = String::new();
        for _ in 0..6 {
            expected.insert(0, char::from(b'0' + (v % 10) as u8));
            v /= 10;
        }
        let code = format!("atk_hello{expected}");
        assert!(checksum_ok(&code, Alphabet::Digits));
        assert_eq!(
            checksum(body, Alphabet::Digits).to_vec(),
            expected.into_bytes()
        );
    }

    #[test]
    fn generated_code_has_prefix_length_and_alphabet() {
        let mut rng = StdRng::seed_from_u64(1);
        for alphabet in ALL_ALPHABETS {
            let p = policy(alphabet);
            let code = generate_auth_code(&p, &mut rng);
            let code = code.expose();
            assert!(code.starts_with("atk_"));
            assert_eq!(code.len(), 4 + 32);
            assert!(code[4..].bytes().all(|b| alphabet.contains(b)), "{code}");
            assert!(checksum_ok(code, alphabet));
            assert_eq!(check_any(code), Some(alphabet));
        }
    }

    #[test]
    fn generated_code_without_checksum_is_all_random() {
        let mut rng = StdRng::seed_from_u64(2);
        let p = AuthCodePolicy {
            prefix: String::new(),
            checksum: false,
            length: 40,
            ..policy(Alphabet::Hex)
        };
        let code = generate_auth_code(&p, &mut rng);
        assert_eq!(code.expose().len(), 40);
        assert!(code.expose().bytes().all(|b| HEX.contains(&b)));
    }

    #[test]
    fn tiny_length_with_checksum_still_has_a_random_character() {
        let mut rng = StdRng::seed_from_u64(3);
        let p = AuthCodePolicy {
            length: 3,
            ..policy(Alphabet::Base62)
        };
        let code = generate_auth_code(&p, &mut rng);
        assert_eq!(code.expose().len(), 4 + 1 + 6);
        assert!(checksum_ok(code.expose(), Alphabet::Base62));
    }

    #[test]
    fn generated_codes_differ() {
        let mut rng = rand::rng();
        let p = policy(Alphabet::Base62);
        let a = generate_auth_code(&p, &mut rng);
        let b = generate_auth_code(&p, &mut rng);
        assert_ne!(a.expose(), b.expose());
    }

    /// Every single-character substitution of a fixed-seed code, at every position (prefix,
    /// random part and checksum) and with every other character of the alphabet, is caught. For
    /// the checksum tail that holds by construction; elsewhere each substitution slips through
    /// with chance n^-6, so with a fixed seed this is a deterministic test, not a flaky one.
    #[test]
    fn every_single_substitution_fails_the_checksum() {
        for (seed, alphabet) in ALL_ALPHABETS.into_iter().enumerate() {
            let mut rng = StdRng::seed_from_u64(100 + seed as u64);
            let code = generate_auth_code(&policy(alphabet), &mut rng);
            let original = code.expose().as_bytes().to_vec();
            for i in 0..original.len() {
                let replacements: Vec<u8> = if i < 4 {
                    b"atk_xyzXYZ09-".to_vec()
                } else {
                    alphabet.chars().to_vec()
                };
                for c in replacements {
                    if c == original[i] {
                        continue;
                    }
                    let mut changed = original.clone();
                    changed[i] = c;
                    let changed = String::from_utf8(changed).unwrap();
                    assert!(
                        !checksum_ok(&changed, alphabet),
                        "{alphabet:?}: {changed} passed"
                    );
                    if alphabet != Alphabet::Digits {
                        // Digits has a 1e-6 chance per try; ~300 tries could legitimately hit.
                        assert_eq!(check_any(&changed), None, "{changed}");
                    }
                }
            }
        }
    }

    #[test]
    fn truncation_and_transposition_fail_the_checksum() {
        let mut rng = StdRng::seed_from_u64(9);
        let code = generate_auth_code(&policy(Alphabet::Base62), &mut rng);
        let code = code.expose();
        for cut in 1..code.len() {
            assert!(!checksum_ok(&code[..code.len() - cut], Alphabet::Base62));
        }
        let bytes = code.as_bytes();
        for i in 0..bytes.len() - 1 {
            if bytes[i] == bytes[i + 1] {
                continue;
            }
            let mut swapped = bytes.to_vec();
            swapped.swap(i, i + 1);
            assert!(!checksum_ok(
                std::str::from_utf8(&swapped).unwrap(),
                Alphabet::Base62
            ));
        }
    }

    #[test]
    fn checksum_ok_refuses_short_and_foreign_codes() {
        assert!(!checksum_ok("", Alphabet::Base62));
        assert!(!checksum_ok("abcdef", Alphabet::Base62));
        assert!(!checksum_ok("atk_é€ab", Alphabet::Base62));
        assert!(!checksum_ok("atk_abcdef!!!!!!", Alphabet::Base62));
        assert_eq!(check_any("not a code"), None);
        // A body of one character is enough.
        let tail = checksum(b"x", Alphabet::Hex);
        let code = format!("x{}", std::str::from_utf8(&tail).unwrap());
        assert!(checksum_ok(&code, Alphabet::Hex));
    }

    #[test]
    fn presented_code_with_prefix_must_pass_its_checksum() {
        let mut rng = StdRng::seed_from_u64(4);
        let p = policy(Alphabet::Base62);
        let code = generate_auth_code(&p, &mut rng);
        assert!(validate_presented_code(code.expose(), &p).is_ok());

        let mut typo = code.expose().to_string();
        typo.pop();
        typo.push('!');
        let err = validate_presented_code(&typo, &p).unwrap_err();
        assert_eq!(err.kind, Kind::Invalid);
        let last4: String = typo
            .chars()
            .rev()
            .take(4)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        assert_eq!(
            err.message,
            format!(
                "authentication code \"…{last4}\" fails its checksum; it was mistyped or truncated"
            )
        );
        assert!(!err.message.contains(&typo[4..20]));

        let truncated = &code.expose()[..20];
        assert_eq!(
            validate_presented_code(truncated, &p).unwrap_err().kind,
            Kind::Invalid
        );
    }

    #[test]
    fn presented_code_rules_that_do_not_apply() {
        let p = policy(Alphabet::Base62);
        // Without the prefix it may be a custom code: the lookup decides.
        assert!(validate_presented_code("my-own-custom-code-123", &p).is_ok());
        // Checksum off: nothing to check.
        let off = AuthCodePolicy {
            checksum: false,
            ..p.clone()
        };
        assert!(validate_presented_code("atk_garbage", &off).is_ok());
        // Empty prefix with custom codes allowed: generated and custom cannot be told apart.
        let bare = AuthCodePolicy {
            prefix: String::new(),
            ..p.clone()
        };
        assert!(validate_presented_code("garbage-garbage", &bare).is_ok());
        // Empty prefix without custom codes: every code is generated, so every code is checked.
        let strict = AuthCodePolicy {
            allow_custom: false,
            ..bare
        };
        assert_eq!(
            validate_presented_code("garbage-garbage", &strict)
                .unwrap_err()
                .kind,
            Kind::Invalid
        );
    }

    #[test]
    fn presented_code_survives_an_alphabet_change() {
        let mut rng = StdRng::seed_from_u64(5);
        let old = generate_auth_code(&policy(Alphabet::Hex), &mut rng);
        assert!(validate_presented_code(old.expose(), &policy(Alphabet::Base32)).is_ok());
    }

    #[test]
    fn custom_code_rules() {
        let p = policy(Alphabet::Base62);
        assert!(validate_custom_code("my-very-own-custom-code!", &p).is_ok());
        assert!(validate_custom_code(&"x".repeat(256), &p).is_ok());
        assert!(validate_custom_code(&"x".repeat(20), &p).is_ok());

        let cases: Vec<(AuthCodePolicy, String, &str)> = vec![
            (
                AuthCodePolicy {
                    allow_custom: false,
                    ..p.clone()
                },
                "my-very-own-custom-code!".to_string(),
                "(authentication_code.allow_custom = false)",
            ),
            (
                p.clone(),
                "too-short-secret".to_string(),
                "is 16 characters; the policy needs at least 20 (authentication_code.min_custom_length)",
            ),
            (p.clone(), "x".repeat(257), "is 257 characters; at most 256 are allowed"),
            (p.clone(), "has a space in it, sadly".to_string(), "contains whitespace"),
            (p.clone(), "tab\tseparated-secret-code".to_string(), "contains whitespace"),
            (
                p.clone(),
                "ünïcödé-is-not-ascii-here".to_string(),
                "not printable ASCII",
            ),
            (p.clone(), "ctrl\u{7}-character-inside-x".to_string(), "not printable ASCII"),
            (
                p.clone(),
                "atk_looks-like-a-generated-one".to_string(),
                "begins with \"atk_\", the prefix of generated codes (authentication_code.prefix)",
            ),
        ];
        for (policy, code, needle) in cases {
            let err = validate_custom_code(&code, &policy).unwrap_err();
            assert_eq!(err.kind, Kind::Invalid, "{code}");
            assert!(err.message.contains(needle), "{}", err.message);
            assert!(!err.message.contains(&code), "{}", err.message);
        }

        // With an empty prefix, anything of the right shape is fine.
        let bare = AuthCodePolicy {
            prefix: String::new(),
            ..p
        };
        assert!(validate_custom_code("atk_looks-like-a-generated-one", &bare).is_ok());
    }

    #[test]
    fn digest_is_sha256() {
        // SHA-256("abc"), FIPS 180-2 appendix B.1.
        let d = code_digest("abc");
        assert_eq!(d[..4], [0xba, 0x78, 0x16, 0xbf]);
        assert_eq!(d[28..], [0xf2, 0x00, 0x15, 0xad]);
    }

    #[test]
    fn hint_shows_the_last_four_only() {
        assert_eq!(hint("atk_abcdefgh9fQa"), "…9fQa");
        assert_eq!(hint("abcdefgh"), "…efgh");
        assert_eq!(hint("abcdef"), "…def");
        assert_eq!(hint("ab"), "…b");
        assert_eq!(hint(""), "…");
        assert_eq!(hint("xxxxéèêë"), "…éèêë");
    }

    #[test]
    fn verification_code_has_length_and_alphabet() {
        let code = generate_verification_code(6, Alphabet::Digits);
        assert_eq!(code.expose().len(), 6);
        assert!(code.expose().bytes().all(|b| b.is_ascii_digit()));
        let mut rng = StdRng::seed_from_u64(6);
        let code = generate_verification_code_with(8, Alphabet::Base32, &mut rng);
        assert_eq!(code.expose().len(), 8);
        assert!(code.expose().bytes().all(|b| BASE32.contains(&b)));
    }

    #[test]
    fn verification_digest_is_keyed_and_bound_to_the_number() {
        let d = verification_digest(b"key", "AT0000000001", "123456");
        assert_eq!(d, verification_digest(b"key", "AT0000000001", "123456"));
        assert_ne!(d, verification_digest(b"other", "AT0000000001", "123456"));
        assert_ne!(d, verification_digest(b"key", "AT0000000002", "123456"));
        assert_ne!(d, verification_digest(b"key", "AT0000000001", "123457"));
        // The separator keeps "AT1" + "23" apart from "AT12" + "3".
        assert_ne!(
            verification_digest(b"key", "AT1", "23"),
            verification_digest(b"key", "AT12", "3")
        );
        // The same as the hmac crate's slice constructor, for short, block-sized and long keys.
        for key in [b"Jefe".to_vec(), vec![7u8; 64], vec![9u8; 131]] {
            let d = verification_digest(&key, "AT0000000042", "654321");
            let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&key).unwrap();
            mac.update(b"AT0000000042\x00654321");
            assert_eq!(d.to_vec(), mac.finalize().into_bytes().to_vec());
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn generated_codes_pass_their_checksum(
            alphabet in alphabet_strategy(),
            prefix in "[a-z_]{0,6}",
            length in 7u32..64,
            seed in any::<u64>(),
        ) {
            let p = AuthCodePolicy { prefix: prefix.clone(), length, ..policy(alphabet) };
            let mut rng = StdRng::seed_from_u64(seed);
            let code = generate_auth_code(&p, &mut rng);
            let code = code.expose();
            prop_assert_eq!(code.len(), prefix.len() + length as usize);
            prop_assert!(checksum_ok(code, alphabet));
            prop_assert!(check_any(code).is_some());
            prop_assert!(validate_presented_code(code, &p).is_ok());
        }

        #[test]
        fn arbitrary_strings_rarely_pass(s in "[0-9A-Za-z_]{7,40}") {
            // 4 * 62^-6-ish for non-digit tails; allow the digit alphabet's 1e-6 by skipping it.
            let hit = [Alphabet::Base62, Alphabet::Base32, Alphabet::Hex]
                .into_iter()
                .any(|a| checksum_ok(&s, a));
            prop_assert!(!hit);
        }
    }
}
