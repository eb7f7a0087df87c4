//! The library's error type, one variant per category of the contract's exit codes, so that
//! `main` alone maps an error to a process exit status. Messages are one sentence that names
//! the offending input; they never carry a secret.

/// The contract's error categories (CONTRACT.md, "Exit codes").
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
}

impl Kind {
    pub fn exit_code(self) -> i32 {
        match self {
            Kind::Internal => 1,
            Kind::Usage => 2,
            Kind::NotFound => 3,
            Kind::Invalid => 4,
            Kind::Conflict => 5,
            Kind::Denied => 6,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct Error {
    pub kind: Kind,
    pub message: String,
}

impl Error {
    pub fn new(kind: Kind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
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

    /// The reader of our output went away (`tokenadm token list | head`): nothing is left to
    /// say to it, and `main` treats it as success.
    pub fn broken_pipe() -> Self {
        Self::new(Kind::Internal, BROKEN_PIPE)
    }

    pub fn is_broken_pipe(&self) -> bool {
        self.kind == Kind::Internal && self.message == BROKEN_PIPE
    }
}

const BROKEN_PIPE: &str = "broken pipe";

pub type Result<T, E = Error> = std::result::Result<T, E>;
