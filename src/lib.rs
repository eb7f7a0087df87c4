//! tokenadm: administer CRM access tokens on a local SQLite database.
//!
//! Layers point one way: `cli` → `ops` → `store` → `domain`, and `cli` → `output` → `domain`.
//! Only `store` speaks SQL; only `main` exits the process.

pub mod cli;
pub mod delivery;
pub mod domain;
pub mod error;
pub mod ops;
pub mod output;
pub mod store;

pub use error::{Error, Kind, Result};
