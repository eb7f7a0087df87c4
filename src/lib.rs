//! tokenadm: administer CRM access tokens on a local SQLite database.

pub mod delivery;
pub mod domain;
pub mod error;

pub use error::{Error, Kind, Result};
