//! The one integration test binary (DESIGN.md: one binary, a module per area), so the crate
//! is linked once for all integration tests.

mod delivery;
mod smtp_server;
