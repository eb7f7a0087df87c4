//! Pure types and rules: no I/O, no clock, no SQL.

pub mod app_key;
pub mod chars;
pub mod codes;
pub mod definition;
pub mod duration;
pub mod finding;
pub mod identifier;
pub mod message;
pub mod passcode;
mod random;
pub mod seal;
pub mod secret;
pub mod session;
pub mod template;
pub mod text;
pub mod time;
pub mod token;
