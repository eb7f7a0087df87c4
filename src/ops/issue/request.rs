//! What issuance takes and gives back: one token to issue (the flags of `token new`, or one
//! row of an import file) and the token issued, with the secrets generated for it.

use crate::domain::duration::Duration;
use crate::domain::secret::Secret;
use crate::domain::token::Token;
use crate::error::Result;
use crate::ops::messages::Queued;
use sha2::{Digest, Sha256};
use std::io::Read;
use std::sync::{Arc, Mutex, PoisonError};

/// Where the pass code of a new token comes from.
#[derive(Debug, Clone)]
pub enum PassCodeInput {
    /// None given: generated when the definition's automation says so and an identifier needs one.
    Absent,
    Given(Secret),
    Generate,
}

/// One token to issue: the flags of `token new`, or one row of an import file.
#[derive(Debug, Clone)]
pub struct IssueRequest {
    /// The line of the import file (for errors and the audit log); the ordinal for `--count`;
    /// 0 for `token new` of one token.
    pub line: u64,
    pub identifier: Option<String>,
    pub pass_code: PassCodeInput,
    pub auth_code: Option<Secret>,
    pub name: Option<String>,
    pub classification: Option<String>,
    pub account: Option<String>,
    pub participant: Option<String>,
    pub expires: Expiry,
    pub skip_verification: bool,
}

/// How long a new token lives, as the row or request says.
#[derive(Debug, Clone, Copy)]
pub enum Expiry {
    /// The definition's `expiry.default_ttl`, if any.
    Default,
    /// From now (`--expires-in`).
    In(Duration),
    /// At this instant (an import's `expires_at`); must be in the future.
    At(i64),
}

/// The rows to issue, each with its line; a row that could not be read is an error at its line.
pub type Rows = Box<dyn Iterator<Item = (u64, Result<IssueRequest>)> + Send>;

/// The SHA-256 of an import's bytes, computed while its rows are read from them:
/// [`InputDigest::reading`] wraps the input, and [`InputDigest::hex`] is the digest of every byte
/// read through it, which is the whole input once its rows are exhausted. The import's audit
/// entry records it, so that the entry names exactly which content its tokens came from.
#[derive(Clone, Default)]
pub struct InputDigest(Arc<Mutex<Sha256>>);

impl InputDigest {
    /// `input`, hashed as it is read.
    pub fn reading(&self, input: Box<dyn Read + Send>) -> Box<dyn Read + Send> {
        Box::new(Digesting {
            input,
            digest: self.clone(),
        })
    }

    /// The SHA-256 of what was read so far, in lower-case hex (as `sha256sum` prints it).
    pub fn hex(&self) -> String {
        let state = self
            .0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        format!("{:x}", state.finalize())
    }
}

struct Digesting {
    input: Box<dyn Read + Send>,
    digest: InputDigest,
}

impl Read for Digesting {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.input.read(buf)?;
        self.digest
            .0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .update(&buf[..n]);
        Ok(n)
    }
}

/// A token just issued, with the secrets generated for it (shown once, then gone).
#[derive(Debug)]
pub struct Issued {
    pub token: Token,
    pub auth_code: Option<Secret>,
    pub pass_code: Option<Secret>,
    /// The messages the issuance queued (or could not, for want of a recipient). Empty for
    /// tokens handed to a streaming [`Sink`](super::Sink), which keeps nothing per token.
    pub messages: Vec<Queued>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the import's audit entry records: `sha256sum` of every byte read, however the
    /// reader splits its reads.
    #[test]
    fn the_digest_is_the_sha256_of_every_byte_read_through_it() {
        let content = b"name\ntoken 1\ntoken 2\n".repeat(1000);
        let digest = InputDigest::default();
        let mut input = digest.reading(Box::new(std::io::Cursor::new(content.clone())));
        let mut buf = [0u8; 7];
        while input.read(&mut buf).unwrap() > 0 {}
        assert_eq!(digest.hex(), format!("{:x}", Sha256::digest(&content)));
        assert_eq!(
            InputDigest::default().hex(),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
