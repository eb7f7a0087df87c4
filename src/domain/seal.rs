//! Sealing secrets: XChaCha20-Poly1305 (an AEAD) under a 32-byte key, with a random 24-byte
//! nonce per sealing, so a secret that must wait somewhere (a pending message's pass code, an
//! import row's given pass code between hashing and the write transaction) waits only
//! encrypted, and cannot be moved to another context (`aad`) without failing to open.
//!
//! A sealed value is `version (1) | key id (8) | nonce (24) | ciphertext and tag`. The key id
//! lets "sealed under another key" be told apart from "tampered with" in an error; it is a
//! hash of the key, which reveals nothing of it. Pure: the caller brings the key and the nonce's
//! randomness.

use chacha20poly1305::aead::{Aead, Payload};
use chacha20poly1305::{KeyInit, XChaCha20Poly1305, XNonce};
use rand::RngCore;
use sha2::{Digest, Sha256};
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

const VERSION: u8 = 1;
const KEY_ID: usize = 8;
const NONCE: usize = 24;
const HEADER: usize = 1 + KEY_ID + NONCE;
/// The bytes of a key.
pub const KEY_LEN: usize = 32;

/// A sealing key; zeroed on drop, never printed.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct SealKey([u8; KEY_LEN]);

impl std::fmt::Debug for SealKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SealKey({})", self.id_hex())
    }
}

/// Why a sealed value did not open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenError {
    /// Sealed under another key (its id is given).
    OtherKey([u8; KEY_ID]),
    /// Not a sealed value, or changed since it was sealed (or moved to another context).
    Damaged,
}

impl SealKey {
    pub fn from_bytes(bytes: [u8; KEY_LEN]) -> SealKey {
        SealKey(bytes)
    }

    /// A new random key.
    pub fn generate() -> SealKey {
        let mut key = [0u8; KEY_LEN];
        rand::rng().fill_bytes(&mut key);
        SealKey(key)
    }

    pub fn bytes(&self) -> &[u8; KEY_LEN] {
        &self.0
    }

    /// A short public name of the key: the first 8 bytes of a hash of it.
    pub fn id(&self) -> [u8; KEY_ID] {
        let digest = Sha256::new()
            .chain_update(b"tokenadm seal key id\0")
            .chain_update(self.0)
            .finalize();
        let mut id = [0u8; KEY_ID];
        id.copy_from_slice(&digest[..KEY_ID]);
        id
    }

    pub fn id_hex(&self) -> String {
        crate::domain::token::hex(&self.id())
    }

    /// `plaintext` sealed, bound to `aad`.
    pub fn seal(&self, aad: &[u8], plaintext: &[u8]) -> Vec<u8> {
        let mut nonce = [0u8; NONCE];
        rand::rng().fill_bytes(&mut nonce);
        let cipher = XChaCha20Poly1305::new((&self.0).into());
        // Encryption fails only for inputs of more than 256 GiB; a message is at most 64 KiB.
        let ciphertext = cipher
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: plaintext,
                    aad,
                },
            )
            .unwrap_or_default();
        let mut out = Vec::with_capacity(HEADER + ciphertext.len());
        out.push(VERSION);
        out.extend_from_slice(&self.id());
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&ciphertext);
        out
    }

    /// The plaintext of `sealed`, if it was sealed under this key with this `aad`.
    pub fn open(&self, aad: &[u8], sealed: &[u8]) -> Result<Zeroizing<Vec<u8>>, OpenError> {
        if sealed.len() < HEADER || sealed[0] != VERSION {
            return Err(OpenError::Damaged);
        }
        let mut id = [0u8; KEY_ID];
        id.copy_from_slice(&sealed[1..1 + KEY_ID]);
        if id != self.id() {
            return Err(OpenError::OtherKey(id));
        }
        let nonce = XNonce::from_slice(&sealed[1 + KEY_ID..HEADER]);
        let cipher = XChaCha20Poly1305::new((&self.0).into());
        cipher
            .decrypt(
                nonce,
                Payload {
                    msg: &sealed[HEADER..],
                    aad,
                },
            )
            .map(Zeroizing::new)
            .map_err(|_| OpenError::Damaged)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opens_what_it_sealed_and_nothing_else() {
        let key = SealKey::generate();
        let sealed = key.seal(b"ctx", b"pass code");
        assert_eq!(key.open(b"ctx", &sealed).unwrap().as_slice(), b"pass code");
        assert!(!sealed.windows(9).any(|w| w == b"pass code"));
        // Another context, a flipped bit, a cut, another key.
        assert_eq!(key.open(b"other", &sealed), Err(OpenError::Damaged));
        let mut flipped = sealed.clone();
        *flipped.last_mut().unwrap() ^= 1;
        assert_eq!(key.open(b"ctx", &flipped), Err(OpenError::Damaged));
        assert_eq!(key.open(b"ctx", &sealed[..10]), Err(OpenError::Damaged));
        let other = SealKey::generate();
        assert_eq!(
            other.open(b"ctx", &sealed),
            Err(OpenError::OtherKey(key.id()))
        );
        // A fresh nonce each time.
        assert_ne!(sealed, key.seal(b"ctx", b"pass code"));
    }

    #[test]
    fn debug_shows_only_the_id() {
        let key = SealKey::from_bytes([7; KEY_LEN]);
        let debug = format!("{key:?}");
        assert_eq!(debug, format!("SealKey({})", key.id_hex()));
        assert!(!debug.contains("0707"));
    }
}
