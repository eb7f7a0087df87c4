//! The SQLite engine (`engine.rs`): the queries of [`crate::store::queries`] implemented on
//! [`tx::SqliteTx`], one file per table.

mod accounts;
mod app_keys;
mod audit;
mod auth;
mod definitions;
mod engine;
mod lifecycle;
mod meta;
mod migrations;
mod outbox;
#[cfg(test)]
mod plans;
mod scratch;
mod tokens;
mod tx;

pub use engine::SqliteStore;
pub use migrations::SCHEMA_VERSION;
