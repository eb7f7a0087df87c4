//! The use cases. Each takes the store, who and when (`Env`) and plain values, and returns
//! records; none prints, prompts or reads the environment. Expensive work (argon2) happens
//! before the write transaction opens, so the database lock is held for milliseconds.

pub mod app_keys;
pub mod audit;
pub mod authenticate;
pub mod definitions;
pub mod deliver;
pub mod entities;
pub mod expire;
pub mod find;
pub mod import;
pub mod issue;
pub mod lifecycle;
pub mod messages;
pub mod session;
pub mod verification;

/// Who is acting, and the one instant this invocation runs at (read once, passed down).
#[derive(Debug, Clone)]
pub struct Env {
    pub now: i64,
    pub actor: String,
}
