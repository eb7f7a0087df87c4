//! argon2id hashing of pass codes to PHC strings, verification against them, and the parameter
//! comparison that decides when a stored hash is re-hashed after a successful `auth`.

use super::memory::with_memory;
use crate::domain::definition::policy::HashParams;
use crate::error::{Error, Result};
use argon2::password_hash::{self, PasswordHash, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use rand::RngCore;

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

    const FAST: HashParams = HashParams {
        memory_kib: 256,
        iterations: 1,
        parallelism: 1,
    };

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
}
