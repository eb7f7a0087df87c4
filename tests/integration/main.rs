//! The one integration test binary: every command through the built `tokenadm`, against
//! temporary databases. One module per command family; `support` holds `TestEnv`.

// A measuring or testing harness, not the product: a panic with a message is its error report,
// and its figures go to stdout.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr
)]
// It drives the binary from outside, so it reads the real clock as a user would.
#![allow(clippy::disallowed_methods)]

mod audit;
mod audit_batches;
mod auth;
mod check;
mod concurrency;
mod contrib;
mod copy;
mod database;
mod definition;
mod definition_check;
mod delivery;
mod docs;
mod engines;
mod entities;
mod expire;
mod expiry_warning;
mod fuzz;
mod hardening;
mod help;
mod import;
mod layout;
mod lifecycle;
mod messages;
mod outbox;
mod pick;
mod quiet;
mod secrets_at_rest;
mod secrets_out;
mod serve;
mod session;
mod small_things;
mod smtp_server;
mod snapshots;
mod status;
mod support;
mod tables;
mod terminal;
mod token_find;
mod token_new;
mod usage;
mod verification;
