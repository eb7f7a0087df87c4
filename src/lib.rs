//! tokenadm: administer CRM access tokens on a local SQLite database.
//!
//! Layers point one way: `cli` → `app` → `ops` → `store` → `domain`, and `cli` → `output` →
//! `domain`; `serve` (the Web API) is a second front door beside `cli`, over the same `app`
//! and `ops`. `app` builds what every front door needs (config, store, transports, clock); only
//! `store` speaks SQL; only `main` exits the process.

pub mod app;
pub mod cli;
pub mod config;
pub mod delivery;
pub mod domain;
pub mod error;
pub mod keyfile;
pub mod ops;
pub mod output;
pub mod serve;
pub mod store;

pub use error::{Error, Kind, Result};
