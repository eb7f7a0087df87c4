//! Everything tokenadm prints. `--format table|json|csv` is decided here once for every record
//! type: a record type only says how it looks as JSON (the contract's field names live in
//! `records.rs`) and which fields a list table shows. Notes go to stderr and vanish under `-q`.
//! Tables are laid out by `table.rs` (to the terminal's width, free text cut with `…`); the
//! output goes to standard output or, with `--output FILE`, to a file made for it (`sink.rs`).

mod log;
mod progress;
mod records;
mod render;
mod sink;
mod stream;
mod table;
mod text;
mod writer;

pub use crate::domain::time::{rfc3339, rfc3339_opt};
pub use log::json_line;
pub use progress::Bar;
pub use records::*;
pub use render::{Format, Render};
pub use stream::RecordStream;
pub use text::{cell, cut, escape, is_unsafe};
pub use writer::{stderr_line, Output, CELL_MAX};
