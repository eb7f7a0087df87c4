//! Plaintext secrets (pass codes, authentication and verification codes) as a type of their own:
//! no `Display`, a redacted `Debug`, zeroed memory on drop, and one explicit `expose()` wherever
//! the plaintext is really needed, so a secret cannot reach a log line, an error message or SQL
//! by accident.

use subtle::ConstantTimeEq;
use zeroize::{Zeroize, ZeroizeOnDrop};

/// A plaintext secret. Clones are zeroed on drop too.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct Secret(String);

impl Secret {
    pub fn new(plaintext: String) -> Self {
        Secret(plaintext)
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// Equality whose running time does not depend on where the inputs first differ, for comparing
/// digests and codes an attacker can submit repeatedly. Lengths are not secret: unequal lengths
/// return `false` at once.
pub fn ct_eq(a: &[u8], b: &[u8]) -> bool {
    a.ct_eq(b).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_is_redacted() {
        let s = Secret::new("hunter2hunter2".to_string());
        assert_eq!(format!("{s:?}"), "Secret(***)");
        assert_eq!(format!("{:?}", Some(s.clone())), "Some(Secret(***))");
    }

    #[test]
    fn expose_returns_the_plaintext() {
        let s = Secret::new("abc".to_string());
        assert_eq!(s.expose(), "abc");
        assert_eq!(s.clone().expose(), "abc");
    }

    #[test]
    fn zeroize_clears_the_plaintext() {
        let mut s = Secret::new("abc".to_string());
        s.zeroize();
        assert_eq!(s.expose(), "");
    }

    #[test]
    fn ct_eq_compares_bytes() {
        assert!(ct_eq(b"abc", b"abc"));
        assert!(!ct_eq(b"abc", b"abd"));
        assert!(!ct_eq(b"abc", b"abcd"));
        assert!(ct_eq(b"", b""));
    }
}
