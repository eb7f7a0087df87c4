//! Pass codes: the definition's policy (`[pass_code]`), generation that always meets it, and
//! argon2id hashing to PHC strings, including the parameter comparison that decides when a
//! stored hash is re-hashed after a successful `auth` (`hashing`, with argon2's reused
//! working memory in `memory`).
//!
//! The character classes the policy counts are those of [`crate::domain::chars`], shared with
//! identifier rules so both read the same way.

mod hashing;
mod memory;

pub use crate::domain::chars::ClassCounts;
pub use hashing::{dummy_verify, hash, params_of, verify, weaker_than};

use crate::domain::chars::count_of;
use crate::domain::definition::policy::PassCodePolicy;
use crate::domain::random;
use crate::domain::secret::Secret;
use crate::error::{Error, Result};
use rand::CryptoRng;

/// Identifiers shorter than this are not looked for inside a pass code: a two-letter identifier
/// would forbid half the dictionary and protects nothing.
const MIN_FORBIDDEN_IDENTIFIER: usize = 3;

/// Checks `pass` against the policy; the error names the first rule it breaks, never the pass
/// code.
pub fn check_policy(pass: &str, identifier: Option<&str>, policy: &PassCodePolicy) -> Result<()> {
    let n = ClassCounts::of(pass);
    if n.control > 0 {
        return Err(Error::invalid(
            "pass code contains a control character; use printable characters only",
        ));
    }
    let minimum = |have: usize, need: u32, singular: &str, plural: &str, key: &str| {
        if have < need as usize {
            Err(Error::invalid(format!(
                "pass code has {}; the policy needs at least {need} (pass_code.{key})",
                count_of(have, singular, plural)
            )))
        } else {
            Ok(())
        }
    };
    if n.chars < policy.min_length as usize {
        return Err(Error::invalid(format!(
            "pass code is {}; the policy needs at least {} (pass_code.min_length)",
            count_of(n.chars, "character", "characters"),
            policy.min_length
        )));
    }
    if n.chars > policy.max_length as usize {
        return Err(Error::invalid(format!(
            "pass code is {}; the policy allows at most {} (pass_code.max_length)",
            count_of(n.chars, "character", "characters"),
            policy.max_length
        )));
    }
    minimum(
        n.lowercase,
        policy.min_lowercase,
        "lowercase letter",
        "lowercase letters",
        "min_lowercase",
    )?;
    minimum(
        n.uppercase,
        policy.min_uppercase,
        "uppercase letter",
        "uppercase letters",
        "min_uppercase",
    )?;
    minimum(n.digits, policy.min_digits, "digit", "digits", "min_digits")?;
    minimum(
        n.special,
        policy.min_special,
        "special character",
        "special characters",
        "min_special",
    )?;
    if policy.forbid_identifier {
        if let Some(id) = identifier {
            if id.chars().count() >= MIN_FORBIDDEN_IDENTIFIER
                && pass.to_lowercase().contains(&id.to_lowercase())
            {
                return Err(Error::invalid(
                    "pass code contains the identifier, which the policy forbids \
                     (pass_code.forbid_identifier)",
                ));
            }
        }
    }
    Ok(())
}

// Look-alikes (l, 1, I, o, O, 0) are left out: generated pass codes are read off a screen or a
// message and typed. The specials are safe unquoted in a POSIX shell word and in URLs' userinfo
// after percent-encoding, and are only used when the policy asks for specials, so codes stay
// double-click selectable otherwise.
const LOWER: &[u8] = b"abcdefghijkmnpqrstuvwxyz";
const UPPER: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ";
const DIGITS: &[u8] = b"23456789";
const SPECIAL: &[u8] = b"-_.~!@#%^*+=";

/// A new pass code that meets the policy, without knowledge of the identifier (see
/// [`generate_for`]).
pub fn generate(policy: &PassCodePolicy) -> Secret {
    generate_for(policy, None)
}

/// A new pass code that meets the policy, including `forbid_identifier` for this identifier.
///
/// The length is `generate_length`, moved into `min_length..=max_length` if outside it, and
/// raised to the sum of the minimum counts if that is larger (a policy whose counts exceed
/// `max_length` cannot be met; definition validation refuses it). The required characters of
/// each class are placed first, the rest drawn from all classes in use, then all shuffled.
pub fn generate_for(policy: &PassCodePolicy, identifier: Option<&str>) -> Secret {
    generate_for_with(policy, identifier, &mut rand::rng())
}

/// [`generate_for`] drawing from `rng`: the same generator gives the same pass code, which is
/// what lets a bulk import re-create a generated pass code from its per-import key to print it
/// after the commit instead of keeping it (ops::issue).
pub fn generate_for_with<R: CryptoRng + ?Sized>(
    policy: &PassCodePolicy,
    identifier: Option<&str>,
    rng: &mut R,
) -> Secret {
    let mut candidate = generate_with(policy, rng);
    // A random code contains a given identifier of 3+ characters with chance well under 1e-3, so
    // this almost never turns twice; the bound only guards against a degenerate policy.
    for _ in 0..1000 {
        if check_policy(candidate.expose(), identifier, policy).is_ok()
            || check_policy(candidate.expose(), None, policy).is_err()
        {
            // Either good, or a policy no code can meet, where retrying cannot help.
            break;
        }
        candidate = generate_with(policy, rng);
    }
    candidate
}

fn generate_with<R: CryptoRng + ?Sized>(policy: &PassCodePolicy, rng: &mut R) -> Secret {
    let required = [
        (LOWER, policy.min_lowercase as usize),
        (UPPER, policy.min_uppercase as usize),
        (DIGITS, policy.min_digits as usize),
        (SPECIAL, policy.min_special as usize),
    ];
    let required_total: usize = required.iter().map(|(_, n)| n).sum();
    let length = (policy.generate_length as usize)
        .max(policy.min_length as usize)
        .min(policy.max_length as usize)
        .max(required_total);

    let mut pool: Vec<u8> = [LOWER, UPPER, DIGITS].concat();
    if policy.min_special > 0 {
        pool.extend_from_slice(SPECIAL);
    }
    let mut bytes: Vec<u8> = Vec::with_capacity(length);
    for (set, n) in required {
        for _ in 0..n {
            bytes.push(random::pick(rng, set));
        }
    }
    while bytes.len() < length {
        bytes.push(random::pick(rng, &pool));
    }
    random::shuffle(rng, &mut bytes);
    let code: String = bytes.iter().map(|b| char::from(*b)).collect();
    zeroize::Zeroize::zeroize(&mut bytes);
    Secret::new(code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::definition::policy::HashParams;
    use crate::error::Kind;
    use proptest::prelude::*;
    use rand::rngs::StdRng;
    use rand::SeedableRng;

    const FAST: HashParams = HashParams {
        memory_kib: 256,
        iterations: 1,
        parallelism: 1,
    };

    fn policy() -> PassCodePolicy {
        PassCodePolicy {
            min_length: 10,
            max_length: 128,
            min_lowercase: 0,
            min_uppercase: 0,
            min_digits: 0,
            min_special: 0,
            forbid_identifier: true,
            generate_length: 16,
            hash: FAST,
        }
    }

    fn refused(pass: &str, identifier: Option<&str>, p: &PassCodePolicy) -> String {
        let err = check_policy(pass, identifier, p).unwrap_err();
        assert_eq!(err.kind, Kind::Invalid);
        assert!(!err.message.contains(pass), "{}", err.message);
        err.message
    }

    #[test]
    fn length_rules_count_characters_not_bytes() {
        let p = policy();
        assert_eq!(
            refused("abcdefg", None, &p),
            "pass code is 7 characters; the policy needs at least 10 (pass_code.min_length)"
        );
        assert_eq!(
            refused("Q", None, &p),
            "pass code is 1 character; the policy needs at least 10 (pass_code.min_length)"
        );
        // Ten characters, twenty bytes.
        assert!(check_policy("éééééééééé", None, &p).is_ok());
        let p = PassCodePolicy {
            max_length: 12,
            ..policy()
        };
        assert_eq!(
            refused("abcdefghijklm", None, &p),
            "pass code is 13 characters; the policy allows at most 12 (pass_code.max_length)"
        );
        assert!(check_policy("abcdefghijkl", None, &p).is_ok());
    }

    #[test]
    fn class_minimums() {
        let p = PassCodePolicy {
            min_lowercase: 2,
            min_uppercase: 2,
            min_digits: 2,
            min_special: 2,
            ..policy()
        };
        assert!(check_policy("abCD12-!xyz", None, &p).is_ok());
        assert!(check_policy("éèÉÈ٣٤€😀 pass", None, &p).is_ok());
        assert_eq!(
            refused("a-CD12-!XYZ", None, &p),
            "pass code has 1 lowercase letter; the policy needs at least 2 (pass_code.min_lowercase)"
        );
        assert_eq!(
            refused("abcD12-!xyz", None, &p),
            "pass code has 1 uppercase letter; the policy needs at least 2 (pass_code.min_uppercase)"
        );
        assert_eq!(
            refused("abCDx2-!xyz", None, &p),
            "pass code has 1 digit; the policy needs at least 2 (pass_code.min_digits)"
        );
        assert_eq!(
            refused("abCD12 xxyz", None, &p),
            "pass code has 0 special characters; the policy needs at least 2 (pass_code.min_special)"
        );
    }

    #[test]
    fn first_broken_rule_is_named() {
        let p = PassCodePolicy {
            min_digits: 1,
            min_special: 1,
            ..policy()
        };
        // Too short and without digits or specials: length comes first.
        assert!(refused("abc", None, &p).contains("pass_code.min_length"));
        assert!(refused("abcdefghijk", None, &p).contains("pass_code.min_digits"));
    }

    #[test]
    fn control_characters_are_refused() {
        let p = policy();
        assert_eq!(
            refused("abcdefghij\u{1b}k", None, &p),
            "pass code contains a control character; use printable characters only"
        );
        assert!(refused("abc\ndefghijk", None, &p).contains("control character"));
        assert!(check_policy("correct horse battery", None, &p).is_ok());
    }

    #[test]
    fn identifier_is_forbidden_case_insensitively() {
        let p = policy();
        assert_eq!(
            refused("xxAlice@Example.COMxx", Some("alice@example.com"), &p),
            "pass code contains the identifier, which the policy forbids (pass_code.forbid_identifier)"
        );
        assert!(refused("my-BOB-password", Some("bob"), &p).contains("forbid_identifier"));
        // Short identifiers are not looked for.
        assert!(check_policy("my-bo-password", Some("bo"), &p).is_ok());
        assert!(check_policy("my-bob-password", None, &p).is_ok());
        let allowed = PassCodePolicy {
            forbid_identifier: false,
            ..policy()
        };
        assert!(check_policy("my-bob-password", Some("bob"), &allowed).is_ok());
    }

    #[test]
    fn generated_code_has_the_length_and_classes() {
        let p = PassCodePolicy {
            min_lowercase: 3,
            min_uppercase: 3,
            min_digits: 3,
            min_special: 3,
            ..policy()
        };
        let code = generate(&p);
        assert_eq!(code.expose().chars().count(), 16);
        assert!(check_policy(code.expose(), None, &p).is_ok());

        let plain = generate(&policy());
        assert!(plain.expose().bytes().all(|b| b.is_ascii_alphanumeric()));
        assert!(!plain.expose().contains(['l', 'I', 'O', 'o', '0', '1']));
    }

    #[test]
    fn generated_length_respects_the_bounds() {
        let short = PassCodePolicy {
            generate_length: 4,
            ..policy()
        };
        assert_eq!(generate(&short).expose().len(), 10);
        let long = PassCodePolicy {
            generate_length: 200,
            ..policy()
        };
        assert_eq!(generate(&long).expose().len(), 128);
        let counts = PassCodePolicy {
            min_length: 1,
            generate_length: 4,
            min_digits: 5,
            min_uppercase: 5,
            ..policy()
        };
        assert_eq!(generate(&counts).expose().len(), 10);
    }

    #[test]
    fn generate_for_avoids_the_identifier() {
        // Three digits from eight: the plain generator makes "234" once in 512 tries, so 5000
        // tries exercise the retry about ten times.
        let p = PassCodePolicy {
            min_length: 3,
            generate_length: 3,
            max_length: 3,
            min_digits: 3,
            ..policy()
        };
        for _ in 0..5000 {
            let code = generate_for(&p, Some("234"));
            assert!(check_policy(code.expose(), Some("234"), &p).is_ok());
        }
    }

    #[test]
    fn generate_for_gives_up_on_an_impossible_policy() {
        let p = PassCodePolicy {
            max_length: 2,
            min_digits: 3,
            ..policy()
        };
        let code = generate_for(&p, Some("abc"));
        assert_eq!(code.expose().len(), 3);
    }

    #[test]
    fn generation_is_uniformish_over_the_pool() {
        let mut rng = StdRng::seed_from_u64(8);
        let p = PassCodePolicy {
            generate_length: 128,
            ..policy()
        };
        let code = generate_with(&p, &mut rng);
        let distinct: std::collections::BTreeSet<char> = code.expose().chars().collect();
        assert!(distinct.len() > 40, "{}", distinct.len());
    }

    fn valid_policy() -> impl Strategy<Value = PassCodePolicy> {
        (
            0u32..6,
            0u32..6,
            0u32..6,
            0u32..6,
            1u32..40,
            0u32..60,
            0u32..60,
        )
            .prop_map(
                |(lower, upper, digits, special, min_length, extra, generate_length)| {
                    let counts = lower + upper + digits + special;
                    let max_length = min_length.max(counts) + extra;
                    PassCodePolicy {
                        min_length,
                        max_length,
                        min_lowercase: lower,
                        min_uppercase: upper,
                        min_digits: digits,
                        min_special: special,
                        forbid_identifier: true,
                        generate_length,
                        hash: FAST,
                    }
                },
            )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn generated_codes_meet_any_valid_policy(
            p in valid_policy(),
            identifier in proptest::option::of("[a-z0-9@.]{0,12}"),
        ) {
            let code = generate_for(&p, identifier.as_deref());
            prop_assert!(
                check_policy(code.expose(), identifier.as_deref(), &p).is_ok(),
                "{:?}", check_policy(code.expose(), identifier.as_deref(), &p)
            );
        }

        #[test]
        fn messages_never_contain_the_pass_code(pass in "[ -~]{6,40}") {
            let p = PassCodePolicy { min_length: 50, ..policy() };
            let err = check_policy(&pass, None, &p).unwrap_err();
            prop_assert!(!err.message.contains(&pass));
        }
    }
}
