//! The per-run key the pipeline draws generated secrets from: stage 1 hashes them, stage 2
//! puts them in the messages that carry them, and stage 3 makes the very same ones again to
//! print them, so they are never stored (see the pipeline's header). The secrets a row gave
//! (a pass code, a custom authentication code) cannot be made again: where a message needs them
//! they are spooled sealed under a key drawn from the same per-run key, which never leaves
//! memory, so the spool still holds nothing readable (issue #11, item 6).

use crate::domain::definition::Policy;
use crate::domain::seal::SealKey;
use crate::domain::token::State;
use crate::error::{Error, Result};
use crate::ops::issue::check::{prepare, regenerate, Checked, Generated, Given, Staged};
use crate::ops::issue::policies::Policies;
use hmac::{Hmac, Mac};
use rand::rngs::StdRng;
use rand::{RngCore, SeedableRng};
use sha2::Sha256;

const PASS: u8 = 1;
const AUTH: u8 = 2;
const SEAL: u8 = 3;

/// The per-run key that generated secrets are drawn from, so that they can be made again
/// after the commit instead of being kept (see the module header). It lives in memory only.
pub(super) struct RunKey {
    mac: Hmac<Sha256>,
    seal: SealKey,
}

impl RunKey {
    pub(super) fn new() -> RunKey {
        // A 32-byte key zero-padded to the 64-byte block is exactly HMAC's own key handling,
        // and lets the infallible fixed-size constructor apply.
        let mut key = [0u8; 64];
        rand::rng().fill_bytes(&mut key[..32]);
        let mac = <Hmac<Sha256> as hmac::digest::KeyInit>::new(&key.into());
        zeroize::Zeroize::zeroize(&mut key);
        let mut seal = mac.clone();
        seal.update(&[SEAL]);
        let seal = SealKey::from_bytes(seal.finalize().into_bytes().into());
        RunKey { mac, seal }
    }

    /// Whether a message of the row may carry the secrets it gave: its on-create message, or the
    /// verification message of a token that starts pending.
    pub(super) fn messages_need_secrets(policy: &Policy, state: State) -> bool {
        policy.communication.on_create.enabled || state == State::PendingVerification
    }

    /// The generator for one secret (`what`) of the row at position `seq`.
    fn rng(&self, seq: u64, what: u8) -> StdRng {
        let mut mac = self.mac.clone();
        mac.update(&[what]);
        mac.update(&seq.to_be_bytes());
        StdRng::from_seed(mac.finalize().into_bytes().into())
    }

    pub(super) fn prepare(&self, policies: &Policies, seq: u64, c: Checked) -> Result<Staged> {
        let policy = policies.policy(c.class);
        let (mut staged, _generated, given) = prepare(
            policy,
            c,
            &mut self.rng(seq, PASS),
            &mut self.rng(seq, AUTH),
        )?;
        if !given.is_empty() && Self::messages_need_secrets(policy, staged.state) {
            staged.sealed_given = Some(self.seal.seal(&seq.to_be_bytes(), &given.encode()));
        }
        Ok(staged)
    }

    /// The secrets the row at `seq` gave, as [`RunKey::prepare`] sealed them.
    pub(super) fn given(&self, seq: u64, s: &Staged) -> Result<Given> {
        let Some(sealed) = &s.sealed_given else {
            return Ok(Given::default());
        };
        self.seal
            .open(&seq.to_be_bytes(), sealed)
            .ok()
            .and_then(|plain| Given::decode(&plain))
            .ok_or_else(|| Error::internal("the temporary file of staged tokens is corrupt"))
    }

    pub(super) fn regenerate(&self, policies: &Policies, seq: u64, s: &Staged) -> Generated {
        regenerate(
            policies.policy(s.class),
            s,
            &mut self.rng(seq, PASS),
            &mut self.rng(seq, AUTH),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_run_key_makes_the_same_generator_for_the_same_row_only() {
        let key = RunKey::new();
        let a = key.rng(7, AUTH).next_u64();
        assert_eq!(a, key.rng(7, AUTH).next_u64());
        assert_ne!(a, key.rng(8, AUTH).next_u64());
        assert_ne!(a, key.rng(7, PASS).next_u64());
        assert_ne!(a, RunKey::new().rng(7, AUTH).next_u64());
    }

    #[test]
    fn given_secrets_are_spooled_sealed_and_open_only_for_their_row() {
        use crate::domain::secret::Secret;
        let key = RunKey::new();
        let given = Given {
            pass_code: Some(Secret::new("Given-Pass-Code-1".into())),
            auth_code: Some(Secret::new("a-custom-code-12345678".into())),
        };
        let at = |seq: u64| seq.to_be_bytes();
        let sealed = key.seal.seal(&at(7), &given.encode());
        assert!(!sealed.windows(17).any(|w| w == b"Given-Pass-Code-1"));
        let opened = Given::decode(&key.seal.open(&at(7), &sealed).unwrap()).unwrap();
        assert_eq!(opened.pass_code.unwrap().expose(), "Given-Pass-Code-1");
        assert_eq!(opened.auth_code.unwrap().expose(), "a-custom-code-12345678");
        assert!(key.seal.open(&at(8), &sealed).is_err());
        assert!(RunKey::new().seal.open(&at(7), &sealed).is_err());
        assert!(Given::decode(&[1, 200, 0, 0, 0]).is_none());
    }
}
