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
mod database;
mod definition;
mod delivery;
mod docs;
mod entities;
mod expire;
mod hardening;
mod import;
mod lifecycle;
mod messages;
mod outbox;
mod secrets_at_rest;
mod session;
mod smtp_server;
mod snapshots;
mod support;
mod terminal;
mod token_find;
mod token_new;
mod verification;
