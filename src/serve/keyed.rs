//! What became of a request's application key: the one answer the login routes and the
//! committing thread of grouped logins share.

/// What became of a request's application key, and of its work when the key was good.
pub enum KeyCheck<T> {
    /// Malformed, unknown or revoked: all three get the same answer.
    Refused,
    /// Over its per-key rate: the seconds to wait, and the key's name.
    Limited(u64, String),
    /// A live key within its rate: its name, and what the work gave.
    Done(String, T),
}
