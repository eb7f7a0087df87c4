//! The one integration test binary: every command through the built `tokenadm`, against
//! temporary databases. One module per command family; `support` holds `TestEnv`.

mod audit;
mod auth;
mod check;
mod database;
mod definition;
mod delivery;
mod docs;
mod entities;
mod expire;
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
