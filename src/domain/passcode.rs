//! Pass codes: the definition's policy (`[pass_code]`), generation that always meets it, and
//! argon2id hashing to PHC strings, including the parameter comparison that decides when a
//! stored hash is re-hashed after a successful `auth`.
//!
//! The character classes the policy counts are those of [`crate::domain::chars`], shared with
//! identifier rules so both read the same way.

pub use crate::domain::chars::ClassCounts;

use crate::domain::chars::count_of;
use crate::domain::definition::policy::{HashParams, PassCodePolicy};
use crate::domain::random;
use crate::domain::secret::Secret;
use crate::error::{Error, Result};
use argon2::password_hash::{self, PasswordHash, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use rand::{CryptoRng, RngCore};

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

fn argon2(params: HashParams) -> Result<Argon2<'static>> {
    let p = Params::new(
        params.memory_kib,
        params.iterations,
        params.parallelism,
        None,
    )
    .map_err(|e| {
        Error::invalid(format!(
            "argon2 parameters memory_kib = {}, iterations = {}, parallelism = {} are not \
             usable ({e}) (pass_code.hash)",
            params.memory_kib, params.iterations, params.parallelism
        ))
    })?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, p))
}

/// Runs `f` with argon2's working memory for `hasher`'s parameters (`memory_kib`, 19 MiB by
/// default), kept per thread and reused rather than allocated per hash: a bulk import hashes
/// thousands of pass codes on every core, and fresh allocations of that size cost page faults on
/// each hash and, in the allocator's per-thread arenas, hundreds of MiB of resident memory
/// (issue #7). The memory is backed by huge pages where the system allows it (see
/// [`advise_huge_pages`]).
fn with_memory<T>(hasher: &Argon2, f: impl FnOnce(&mut [argon2::Block]) -> T) -> T {
    thread_local! {
        static BLOCKS: std::cell::RefCell<Vec<argon2::Block>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    BLOCKS.with(|blocks| {
        let mut blocks = blocks.borrow_mut();
        let n = hasher.params().block_count();
        if blocks.len() > n {
            blocks.truncate(n);
            blocks.shrink_to_fit();
        }
        if blocks.capacity() < n {
            let mut fresh: Vec<argon2::Block> = Vec::with_capacity(n);
            advise_huge_pages(
                fresh.as_mut_ptr().cast(),
                n * std::mem::size_of::<argon2::Block>(),
            );
            *blocks = fresh;
        }
        blocks.resize(n, argon2::Block::default());
        f(&mut blocks[..])
    })
}

/// Asks Linux to back a fresh, untouched allocation with transparent huge pages (2 MiB) rather
/// than 4 KiB pages. Every `tokenadm auth` is a new process whose one argon2 run touches 19 MiB
/// for the first time: about 4,900 page faults with small pages. Measured here, `auth` took 49 ms
/// with small pages and 29 to 34 ms with huge pages (issue #7: `auth` within 5 ms of one hash and
/// the start-up floor, 25 + 3 ms). Only a hint: where transparent huge pages are off, or on other
/// systems, nothing changes.
#[cfg(target_os = "linux")]
fn advise_huge_pages(ptr: *mut u8, len: usize) {
    const PAGE: usize = 4096;
    let start = (ptr as usize).next_multiple_of(PAGE);
    let end = (ptr as usize + len) / PAGE * PAGE;
    if end > start {
        // SAFETY: [start, end) lies inside an allocation this thread owns and has not yet
        // written; MADV_HUGEPAGE only says how to back it and never changes its contents or
        // validity. A failure (EINVAL where huge pages are unsupported) is harmless.
        unsafe {
            libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_HUGEPAGE);
        }
    }
}

#[cfg(not(target_os = "linux"))]
fn advise_huge_pages(_ptr: *mut u8, _len: usize) {}

/// The argon2id PHC string of `pass` (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`) with a fresh
/// 16-byte salt.
pub fn hash(pass: &str, params: HashParams) -> Result<String> {
    let hasher = argon2(params)?;
    let mut salt = [0u8; 16];
    rand::rng().fill_bytes(&mut salt);
    let salt_string = SaltString::encode_b64(&salt)
        .map_err(|e| Error::internal(format!("could not encode an argon2 salt: {e}")))?;
    let failed = |e: &dyn std::fmt::Display| Error::internal(format!("argon2 hashing failed: {e}"));
    let len = hasher
        .params()
        .output_len()
        .unwrap_or(Params::DEFAULT_OUTPUT_LEN);
    let output = with_memory(&hasher, |blocks| {
        password_hash::Output::init_with(len, |out| {
            hasher
                .hash_password_into_with_memory(pass.as_bytes(), &salt, out, blocks)
                .map_err(|_| password_hash::Error::Crypto)
        })
    })
    .map_err(|e| failed(&e))?;
    let phc = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: password_hash::ParamsString::try_from(hasher.params()).map_err(|e| failed(&e))?,
        salt: Some(salt_string.as_salt()),
        hash: Some(output),
    };
    Ok(phc.to_string())
}

/// Whether `pass` matches the PHC string, with the algorithm, version and parameters the string
/// records (any argon2 variant). A PHC string that does not parse matches nothing. The final
/// comparison is constant time (password-hash's `Output` equality).
pub fn verify(pass: &str, phc: &str) -> bool {
    verify_phc(pass, phc).unwrap_or(false)
}

fn verify_phc(pass: &str, phc: &str) -> Option<bool> {
    let parsed = PasswordHash::new(phc).ok()?;
    let algorithm = Algorithm::try_from(parsed.algorithm).ok()?;
    let version = match parsed.version {
        Some(v) => Version::try_from(v).ok()?,
        None => Version::default(),
    };
    let expected = parsed.hash?;
    let params = Params::try_from(&parsed).ok()?;
    let mut salt = [0u8; 64];
    let salt = parsed.salt?.decode_b64(&mut salt).ok()?;
    let hasher = Argon2::new(algorithm, version, params);
    let computed = with_memory(&hasher, |blocks| {
        password_hash::Output::init_with(expected.len(), |out| {
            hasher
                .hash_password_into_with_memory(pass.as_bytes(), salt, out, blocks)
                .map_err(|_| password_hash::Error::Crypto)
        })
    })
    .ok()?;
    Some(computed == expected)
}

/// The cost parameters recorded in an argon2 PHC string (of any argon2 variant).
pub fn params_of(phc: &str) -> Option<HashParams> {
    let parsed = PasswordHash::new(phc).ok()?;
    if !parsed.algorithm.as_str().starts_with("argon2") {
        return None;
    }
    let p = Params::try_from(&parsed).ok()?;
    Some(HashParams {
        memory_kib: p.m_cost(),
        iterations: p.t_cost(),
        parallelism: p.p_cost(),
    })
}

/// Whether a stored hash should be redone under `wanted`: it is not argon2id version 19, does not
/// parse, or has any of memory, iterations or parallelism below the wanted value. A stronger
/// hash is kept: lowering a definition's cost should not silently weaken stored hashes.
pub fn weaker_than(phc: &str, wanted: HashParams) -> bool {
    let Ok(parsed) = PasswordHash::new(phc) else {
        return true;
    };
    if parsed.algorithm.as_str() != Algorithm::Argon2id.as_str()
        || parsed.version != Some(Version::V0x13.into())
    {
        return true;
    }
    match params_of(phc) {
        Some(have) => {
            have.memory_kib < wanted.memory_kib
                || have.iterations < wanted.iterations
                || have.parallelism < wanted.parallelism
        }
        None => true,
    }
}

/// Spends the work of one [`verify`] under `params` and discards the result, so that `auth` with
/// an unknown identifier takes as long as with a known one and does not reveal which identifiers
/// exist.
///
/// Unlike a verification against a dummy PHC string computed once per process (which would cost
/// a second hash on the first call, and every `tokenadm` process makes exactly one call), this
/// hashes `pass` directly under a fixed salt: the same single argon2 run a real verify makes.
pub fn dummy_verify(pass: &str, params: HashParams) {
    const DUMMY_SALT: &[u8; 16] = b"tokenadm-nobody!";
    let Ok(hasher) = argon2(params) else {
        return;
    };
    let mut out = [0u8; 32];
    // The result is meaningless; black_box keeps the optimizer from proving the work useless.
    let _ = std::hint::black_box(with_memory(&hasher, |blocks| {
        hasher.hash_password_into_with_memory(pass.as_bytes(), DUMMY_SALT, &mut out, blocks)
    }));
    std::hint::black_box(&out);
}

#[cfg(test)]
mod tests {
    use super::*;
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

    #[test]
    fn hash_is_an_argon2id_phc_string_with_the_parameters() {
        let phc = hash("correct horse battery", FAST).unwrap();
        assert!(phc.starts_with("$argon2id$v=19$m=256,t=1,p=1$"), "{phc}");
        let parts: Vec<&str> = phc.split('$').collect();
        assert_eq!(parts.len(), 6);
        // 16 bytes of salt in unpadded base64.
        assert_eq!(parts[4].len(), 22);
        assert_eq!(params_of(&phc), Some(FAST));
        // A fresh salt every time.
        assert_ne!(phc, hash("correct horse battery", FAST).unwrap());
    }

    #[test]
    fn verify_accepts_the_pass_code_only() {
        let phc = hash("correct horse battery", FAST).unwrap();
        assert!(verify("correct horse battery", &phc));
        assert!(!verify("correct horse batter", &phc));
        assert!(!verify("", &phc));
        assert!(!verify("correct horse battery", "not a phc string"));
        assert!(!verify("correct horse battery", ""));
    }

    #[test]
    fn unusable_parameters_are_invalid() {
        let err = hash(
            "x",
            HashParams {
                memory_kib: 1,
                iterations: 1,
                parallelism: 1,
            },
        )
        .unwrap_err();
        assert_eq!(err.kind, Kind::Invalid);
        assert!(err.message.contains("memory_kib = 1"), "{}", err.message);
        assert!(!err.message.contains("\"x\""));
    }

    #[test]
    fn weaker_than_compares_each_parameter() {
        let phc = hash("pw", FAST).unwrap();
        assert!(!weaker_than(&phc, FAST));
        assert!(!weaker_than(
            &phc,
            HashParams {
                memory_kib: 128,
                ..FAST
            }
        ));
        assert!(weaker_than(
            &phc,
            HashParams {
                memory_kib: 512,
                ..FAST
            }
        ));
        assert!(weaker_than(
            &phc,
            HashParams {
                iterations: 2,
                ..FAST
            }
        ));
        assert!(weaker_than(
            &phc,
            HashParams {
                memory_kib: 512,
                parallelism: 2,
                ..FAST
            }
        ));
        assert!(weaker_than("garbage", FAST));
    }

    /// The hash made with reused memory is the PHC string argon2's own `hash_password` makes.
    #[test]
    fn hash_matches_the_crates_own_phc_string() {
        use argon2::password_hash::PasswordHasher;
        let phc = hash("a fine pass code", FAST).unwrap();
        let parsed = PasswordHash::new(&phc).unwrap();
        let salt = parsed.salt.unwrap();
        let theirs = argon2(FAST)
            .unwrap()
            .hash_password(b"a fine pass code", salt)
            .unwrap()
            .to_string();
        assert_eq!(phc, theirs);
        // Smaller parameters after larger ones on the same thread still hash correctly.
        let big = HashParams {
            memory_kib: 1024,
            ..FAST
        };
        assert!(verify("x", &hash("x", big).unwrap()));
        assert!(verify("y", &hash("y", FAST).unwrap()));
    }

    #[test]
    fn other_argon2_variants_are_weaker() {
        use argon2::password_hash::PasswordHasher;
        let p = Params::new(256, 1, 1, None).unwrap();
        let salt = SaltString::encode_b64(&[1u8; 16]).unwrap();
        let argon2i = Argon2::new(Algorithm::Argon2i, Version::V0x13, p.clone())
            .hash_password(b"pw", &salt)
            .unwrap()
            .to_string();
        assert!(argon2i.starts_with("$argon2i$"));
        assert_eq!(params_of(&argon2i), Some(FAST));
        assert!(verify("pw", &argon2i));
        assert!(weaker_than(&argon2i, FAST));

        let old = Argon2::new(Algorithm::Argon2id, Version::V0x10, p)
            .hash_password(b"pw", &salt)
            .unwrap()
            .to_string();
        assert!(weaker_than(&old, FAST));
    }

    #[test]
    fn verify_agrees_with_the_crates_own_verifier() {
        use argon2::password_hash::{PasswordHasher, PasswordVerifier};
        let salt = SaltString::encode_b64(&[7u8; 16]).unwrap();
        for algorithm in [Algorithm::Argon2d, Algorithm::Argon2i, Algorithm::Argon2id] {
            for version in [Version::V0x10, Version::V0x13] {
                for output in [16, 32, 64] {
                    let params = Params::new(256, 2, 2, Some(output)).unwrap();
                    let phc = Argon2::new(algorithm, version, params)
                        .hash_password(b"the pass code", &salt)
                        .unwrap()
                        .to_string();
                    let parsed = PasswordHash::new(&phc).unwrap();
                    for candidate in ["the pass code", "the pass codE", "", "the pass code "] {
                        let theirs = Argon2::default()
                            .verify_password(candidate.as_bytes(), &parsed)
                            .is_ok();
                        assert_eq!(verify(candidate, &phc), theirs, "{phc} {candidate:?}");
                        assert_eq!(theirs, candidate == "the pass code");
                    }
                }
            }
        }
        for broken in [
            "",
            "nonsense",
            "$argon2id$v=19$m=256,t=1,p=1$c2FsdHNhbHQ",
            "$argon2id$v=99$m=256,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
            "$argon2id$v=19$m=1,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
            "$pbkdf2-sha256$i=1000$c2FsdA$aGFzaA",
        ] {
            assert!(!verify("the pass code", broken), "{broken}");
        }
    }

    #[test]
    fn params_of_refuses_other_schemes() {
        assert_eq!(params_of("$pbkdf2-sha256$i=1000$c2FsdA$aGFzaA"), None);
        assert_eq!(params_of("nonsense"), None);
    }

    #[test]
    fn dummy_verify_runs_with_good_and_bad_parameters() {
        dummy_verify("anything", FAST);
        dummy_verify(
            "anything",
            HashParams {
                memory_kib: 0,
                iterations: 0,
                parallelism: 0,
            },
        );
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
