//! The one integration test binary: every command through the built `tokenadm`, against
//! temporary databases. One module per command family; `support` holds `TestEnv`.

mod audit;
mod check;
mod database;
mod definition;
mod docs;
mod entities;
mod import;
mod secrets_at_rest;
mod support;
mod token_find;
mod token_new;
