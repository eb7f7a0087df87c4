//! What every record type says about itself so that it prints in every format (`--format`).

use serde_json::{Map, Value};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
}

/// A type that can be printed in every format.
pub trait Render {
    /// The record as a JSON object, with the contract's field names, in the contract's order.
    fn to_json(&self) -> Map<String, Value>;
    /// The fields a list table shows, by JSON name (a single record shows all of them).
    const LIST_COLUMNS: &'static [&'static str];
    /// Every CSV column, for the header of an empty list.
    const FIELDS: &'static [&'static str];
    /// The record's CSV cells for `columns` (JSON names, dotted for nested values), exactly as
    /// its JSON gives them, for a type that can say them without building the JSON: streamed
    /// output of a million records otherwise spends its time on maps (issue #7). `None` (the
    /// default, or an unknown column) goes through `to_json`.
    fn csv_cells(&self, _columns: &[String]) -> Option<Vec<String>> {
        None
    }
    /// Fields (JSON names) that hold secrets the command just made. A table shows them as a
    /// block of their own under the record, one per line, never wrapped or cut, so they can be
    /// copied whole (issue #12); a nested object (`secrets`) gives each of its keys.
    const SECRET_FIELDS: &'static [&'static str] = &["secrets"];
    /// Nested objects whose keys become dotted CSV columns (`secrets.pass_code`); any other
    /// nested value is one column of JSON (an audit entry's `detail`), so a CSV has the same
    /// columns whatever its records hold.
    const CSV_NESTED: &'static [&'static str] = &["secrets"];
    /// What a table shows differently from the JSON, made from it: columns the JSON does not
    /// have (`audit`'s one-line summary of the detail), a long hash shortened.
    fn table_extras(_obj: &mut Map<String, Value>) {}
}
