//! Pure types and rules: no I/O, no clock, no SQL.

pub mod definition;
pub mod duration;
pub mod template;
