//! The per-run key the pipeline draws generated secrets from: stage 1 hashes them, stage 2
//! puts them in the messages that carry them, and stage 3 makes the very same ones again to
//! print them, so they are never stored (see the pipeline's header).

use crate::error::Result;
use crate::ops::issue::check::{prepare, regenerate, Checked, Generated, Staged};
use crate::ops::issue::policies::Policies;
use hmac::{Hmac, Mac};
use rand::rngs::StdRng;
use rand::{RngCore, SeedableRng};
use sha2::Sha256;

const PASS: u8 = 1;
const AUTH: u8 = 2;

/// The per-run key that generated secrets are drawn from, so that they can be made again
/// after the commit instead of being kept (see the module header). It lives in memory only.
pub(super) struct RunKey {
    mac: Hmac<Sha256>,
}

impl RunKey {
    pub(super) fn new() -> RunKey {
        // A 32-byte key zero-padded to the 64-byte block is exactly HMAC's own key handling,
        // and lets the infallible fixed-size constructor apply.
        let mut key = [0u8; 64];
        rand::rng().fill_bytes(&mut key[..32]);
        let mac = <Hmac<Sha256> as hmac::digest::KeyInit>::new(&key.into());
        zeroize::Zeroize::zeroize(&mut key);
        RunKey { mac }
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
        let (staged, _generated) = prepare(
            policy,
            c,
            &mut self.rng(seq, PASS),
            &mut self.rng(seq, AUTH),
        )?;
        Ok(staged)
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
}
