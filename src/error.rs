//! The library's error type, one variant per category of the contract's exit codes, so that
//! `main` alone maps an error to a process exit status. Messages are one sentence that names
//! the offending input; they never carry a secret.
//!
//! An error may keep the error that caused it (`with_source`): `Display` stays the message
//! alone (what `main` prints after `error: `), `std::error::Error::source` walks the causes,
//! and `report` renders the message with its causes on one line, for logs.

use std::error::Error as StdError;

/// The contract's error categories (CONTRACT.md, "Exit codes"), and the reader that went away.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Exit 2: a usage error, or a confirmation that could not be asked.
    Usage,
    /// Exit 3: a token, account, participant, definition or message that does not exist.
    NotFound,
    /// Exit 4: input that breaks a rule (format, policy, TOML, import row).
    Invalid,
    /// Exit 5: a duplicate, a forbidden transition, a database newer than the binary.
    Conflict,
    /// Exit 6: authentication or verification failed.
    Denied,
    /// Exit 1: I/O, database, anything unexpected.
    Internal,
    /// Exit 0: the reader of our output went away (`tokenadm token list | head`); nothing is
    /// left to say to it, so it is no failure.
    BrokenPipe,
}

impl Kind {
    /// The process exit status (CONTRACT.md, "Exit codes").
    pub fn exit_code(self) -> i32 {
        match self {
            Kind::BrokenPipe => 0,
            Kind::Internal => 1,
            Kind::Usage => 2,
            Kind::NotFound => 3,
            Kind::Invalid => 4,
            Kind::Conflict => 5,
            Kind::Denied => 6,
        }
    }

    /// The HTTP status of a Web API response (CONTRACT.md, "Web API": 400 for a malformed
    /// request, 401 for failed authentication). A client that closed its connection gets 499,
    /// the status access logs use for it (nothing reaches the client).
    pub fn http_status(self) -> u16 {
        match self {
            Kind::Usage => 400,
            Kind::NotFound => 404,
            Kind::Invalid => 400,
            Kind::Conflict => 409,
            Kind::Denied => 401,
            Kind::Internal => 500,
            Kind::BrokenPipe => 499,
        }
    }
}

/// An error's cause: any error that can cross threads.
pub type Source = Box<dyn StdError + Send + Sync + 'static>;

#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct Error {
    pub kind: Kind,
    pub message: String,
    #[source]
    source: Option<Source>,
    /// The same request may well succeed in a moment: the database was unreachable, or
    /// locked past the wait. The exit code is its kind's; `serve` answers 503 with
    /// `Retry-After` instead of 500, so a load balancer or client tries again.
    pub transient: bool,
}

impl Error {
    pub fn new(kind: Kind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
            source: None,
            transient: false,
        }
    }
    pub fn usage(message: impl Into<String>) -> Self {
        Self::new(Kind::Usage, message)
    }
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(Kind::NotFound, message)
    }
    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(Kind::Invalid, message)
    }
    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(Kind::Conflict, message)
    }
    pub fn denied(message: impl Into<String>) -> Self {
        Self::new(Kind::Denied, message)
    }
    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(Kind::Internal, message)
    }

    /// A copy with the same kind, message (its causes said in it, as [`Error::report`] says
    /// them) and transient mark, for one error that answers several requests (a group
    /// commit's); a cause is not something that can be copied.
    pub fn duplicate(&self) -> Error {
        Error {
            kind: self.kind,
            message: self.report(),
            source: None,
            transient: self.transient,
        }
    }

    /// Marks this error as [`Error::transient`].
    pub fn transient(mut self) -> Self {
        self.transient = true;
        self
    }

    /// Keeps `source` as the cause of this error (replacing any earlier one). The message is
    /// unchanged: it still says alone what `main` prints.
    pub fn with_source(mut self, source: impl Into<Source>) -> Self {
        self.source = Some(source.into());
        self
    }

    /// This error, then its causes, outermost first.
    pub fn chain(&self) -> impl Iterator<Item = &(dyn StdError + 'static)> {
        std::iter::successors(Some(self as &(dyn StdError + 'static)), |e| (*e).source())
    }

    /// The message and its causes on one line, `message: cause: cause`, for logs. A cause
    /// whose text is already said (as in `format!("cannot open {path}: {e}")`) is not
    /// repeated.
    pub fn report(&self) -> String {
        let mut line = self.message.clone();
        for cause in self.chain().skip(1) {
            let text = cause.to_string();
            if !text.is_empty() && !line.contains(&text) {
                line.push_str(": ");
                line.push_str(&text);
            }
        }
        line
    }

    /// The reader of our output went away (`tokenadm token list | head`): nothing is left to
    /// say to it, and `main` treats it as success.
    pub fn broken_pipe() -> Self {
        Self::new(Kind::BrokenPipe, "broken pipe")
    }

    pub fn is_broken_pipe(&self) -> bool {
        self.kind == Kind::BrokenPipe
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::io;

    const ALL: [Kind; 7] = [
        Kind::Usage,
        Kind::NotFound,
        Kind::Invalid,
        Kind::Conflict,
        Kind::Denied,
        Kind::Internal,
        Kind::BrokenPipe,
    ];

    /// The contract's table. The match is exhaustive: a new `Kind` fails to compile here until
    /// it is given its codes (and added to `ALL`).
    fn expected(kind: Kind) -> (i32, u16) {
        match kind {
            Kind::Usage => (2, 400),
            Kind::NotFound => (3, 404),
            Kind::Invalid => (4, 400),
            Kind::Conflict => (5, 409),
            Kind::Denied => (6, 401),
            Kind::Internal => (1, 500),
            Kind::BrokenPipe => (0, 499),
        }
    }

    #[test]
    fn every_kind_has_its_exit_code_and_http_status() {
        for kind in ALL {
            assert_eq!(
                (kind.exit_code(), kind.http_status()),
                expected(kind),
                "{kind:?}"
            );
        }
        let mut codes: Vec<i32> = ALL.iter().map(|k| k.exit_code()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), ALL.len(), "one exit code per kind");
    }

    #[test]
    fn display_is_the_message_alone_and_source_is_the_cause() {
        let cause = io::Error::new(io::ErrorKind::PermissionDenied, "permission denied");
        let e = Error::internal("cannot open tokens.db").with_source(cause);
        assert_eq!(e.to_string(), "cannot open tokens.db");
        assert_eq!(e.kind, Kind::Internal);
        let source = e.source().expect("a source");
        assert_eq!(source.to_string(), "permission denied");
        let io = source.downcast_ref::<io::Error>().expect("the io::Error");
        assert_eq!(io.kind(), io::ErrorKind::PermissionDenied);
        assert!(Error::internal("x").source().is_none());
    }

    #[test]
    fn chain_walks_from_the_error_through_its_causes() {
        let inner = Error::invalid("bad TOML").with_source(io::Error::other("line 3"));
        let outer = Error::conflict("cannot apply").with_source(inner);
        let texts: Vec<String> = outer.chain().map(|e| e.to_string()).collect();
        assert_eq!(texts, ["cannot apply", "bad TOML", "line 3"]);
        let inner = outer.source().unwrap().downcast_ref::<Error>().unwrap();
        assert_eq!(inner.kind, Kind::Invalid);
        assert_eq!(Error::denied("no").chain().count(), 1);
    }

    #[test]
    fn report_adds_the_causes_the_message_does_not_already_say() {
        let e = Error::internal("cannot open tokens.db").with_source(io::Error::other("disk full"));
        assert_eq!(e.report(), "cannot open tokens.db: disk full");
        let cause = io::Error::other("disk full");
        let e = Error::internal(format!("cannot open tokens.db: {cause}")).with_source(cause);
        assert_eq!(e.report(), "cannot open tokens.db: disk full");
        let e = Error::conflict("cannot apply")
            .with_source(Error::invalid("bad TOML").with_source(io::Error::other("line 3")));
        assert_eq!(e.report(), "cannot apply: bad TOML: line 3");
        assert_eq!(Error::usage("no such option").report(), "no such option");
    }

    #[test]
    fn with_source_takes_a_boxed_error_and_replaces_an_earlier_one() {
        let boxed: Source = Box::new(io::Error::other("first"));
        let e = Error::internal("x")
            .with_source(boxed)
            .with_source(io::Error::other("second"));
        assert_eq!(e.source().unwrap().to_string(), "second");
        assert_eq!(e.chain().count(), 2);
    }

    #[test]
    fn broken_pipe_is_its_own_kind_not_a_message() {
        let e = Error::broken_pipe();
        assert!(e.is_broken_pipe());
        assert_eq!(e.kind, Kind::BrokenPipe);
        assert_eq!(e.to_string(), "broken pipe");
        assert!(Error::broken_pipe()
            .with_source(io::Error::from(io::ErrorKind::BrokenPipe))
            .is_broken_pipe());
        // The text alone no longer makes one.
        assert!(!Error::internal("broken pipe").is_broken_pipe());
        assert!(!Error::internal("cannot write").is_broken_pipe());
    }

    #[test]
    fn errors_cross_threads_and_can_be_causes() {
        fn is_cause<E: StdError + Send + Sync + 'static>() {}
        is_cause::<Error>();
    }
}
