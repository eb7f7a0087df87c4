//! What the stages of a bulk issuance share: the run's options, how it reports progress and
//! totals, where its records go, and how a row's error names its line.

use crate::error::{Error, Result};
use crate::ops::issue::request::{InputDigest, Issued};
use std::path::Path;

/// Rows per chunk between the stages of stage 1, and records per chunk handed to the sink.
pub(super) const CHUNK: usize = 1024;

/// The stages of a bulk issuance, for a progress display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Reading, checking and hashing rows (no lock held).
    Checking,
    /// Inserting them in the write transaction.
    Writing,
    /// Handing the committed records to the sink.
    Printing,
}

/// Progress reports; called from several threads.
pub trait Progress: Sync {
    fn phase(&self, _phase: Phase, _total: Option<u64>) {}
    fn advance(&self, _n: u64) {}
    fn done(&self) {}
}

/// What a bulk issuance did; handed to the sink before the first record.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Totals {
    pub count: u64,
    /// Whether any record carries a generated authentication code, or pass code: the columns
    /// a CSV header needs before the first row.
    pub generated_auth_codes: bool,
    pub generated_pass_codes: bool,
    pub first: Option<String>,
    pub last: Option<String>,
    /// The ids of the messages the tokens queued (first, last), to deliver after the commit.
    pub messages: Option<(i64, i64)>,
}

/// Where the committed records go, in number order, a chunk at a time.
pub trait Sink {
    fn begin(&mut self, _totals: &Totals) -> Result<()> {
        Ok(())
    }
    fn records(&mut self, issued: Vec<Issued>) -> Result<()>;
}

pub(crate) struct Options<'a> {
    /// The import file's name; `None` for `--count`.
    pub source: Option<&'a str>,
    /// The SHA-256 of the import file's bytes, for its audit entry; `None` for `--count`.
    pub digest: Option<&'a InputDigest>,
    pub progress: &'a dyn Progress,
    /// The number of rows, when known in advance.
    pub total: Option<u64>,
    /// Where the spool of staged (hashed) rows is written: a private folder of the caller's
    /// choice, on a disk with room for the input's hashes.
    pub spool_dir: &'a Path,
}

/// "tokens.csv line 7: …", keeping the error's category (and so its exit code).
pub(super) fn locate(source: Option<&str>, line: u64, e: Error) -> Error {
    match source {
        Some(s) if !e.is_broken_pipe() => {
            // CONTRACT.md, "Exit codes": a malformed row, or one repeating an earlier row of
            // the file, is invalid input (4); otherwise a row exits as `token new` would for it
            // (a clash with the database: 5, an account that does not exist: 3).
            Error::new(e.kind, format!("{s} line {line}: {e}"))
        }
        _ => e,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_the_file_and_line_and_keep_their_kind() {
        use crate::error::Kind;
        let e = locate(Some("t.csv"), 7, Error::conflict("taken"));
        assert_eq!(e.kind, Kind::Conflict);
        assert_eq!(e.message, "t.csv line 7: taken");
        let e = locate(Some("t.csv"), 7, Error::not_found("no such account"));
        assert_eq!(e.kind, Kind::NotFound);
        let e = locate(Some("t.csv"), 7, Error::invalid("repeats line 2"));
        assert_eq!(e.kind, Kind::Invalid);
        let e = locate(Some("t.csv"), 7, Error::internal("disk full"));
        assert_eq!(e.kind, Kind::Internal);
        // `token new --count` has no file: its errors keep the category `token new` gives.
        let e = locate(None, 7, Error::conflict("x"));
        assert_eq!((e.kind, e.message.as_str()), (Kind::Conflict, "x"));
    }
}
