//! Everything tokenadm prints. `--format table|json|csv` is decided here once for every record
//! type: a record type only says how it looks as JSON (the contract's field names live in
//! `records.rs`) and which fields a list table shows. Notes go to stderr and vanish under `-q`.

mod progress;
mod records;
mod stream;
mod text;

pub use crate::domain::time::{rfc3339, rfc3339_opt};
pub use progress::Bar;
pub use records::*;
pub use stream::RecordStream;
pub use text::{cell, cut, escape, is_unsafe};

use crate::error::{Error, Result};
use comfy_table::{presets, Cell, ContentArrangement, Table};
use serde_json::{Map, Value};
use std::io::{self, IsTerminal, Write};

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
}

#[derive(Debug, Clone)]
pub struct Output {
    format: Format,
    quiet: bool,
}

impl Output {
    pub fn new(format: Format, quiet: bool) -> Self {
        Output { format, quiet }
    }

    pub fn format(&self) -> Format {
        self.format
    }

    pub fn quiet(&self) -> bool {
        self.quiet
    }

    /// A line for people on stderr: progress, warnings, "nothing changed". Silent under -q.
    pub fn note(&self, message: impl AsRef<str>) {
        if !self.quiet {
            stderr_line(message.as_ref());
        }
    }

    /// A warning is printed even under -q: something failed that did not fail the command.
    pub fn warn(&self, message: impl AsRef<str>) {
        stderr_line(&format!("warning: {}", message.as_ref()));
    }

    pub fn record<R: Render>(&self, record: &R) -> Result<()> {
        let obj = record.to_json();
        let text = match self.format {
            Format::Json => json_text(&Value::Object(obj))?,
            Format::Csv => csv_text(R::FIELDS, std::slice::from_ref(&obj))?,
            Format::Table => detail_table(&obj),
        };
        emit(&text)
    }

    pub fn list<R: Render>(&self, records: &[R]) -> Result<()> {
        let objs: Vec<Map<String, Value>> = records.iter().map(Render::to_json).collect();
        let text = match self.format {
            Format::Json => {
                json_text(&Value::Array(objs.into_iter().map(Value::Object).collect()))?
            }
            Format::Csv => csv_text(R::FIELDS, &objs)?,
            Format::Table => {
                if objs.is_empty() {
                    self.note("no records");
                    return Ok(());
                }
                list_table(R::LIST_COLUMNS, &objs)
            }
        };
        emit(&text)
    }

    /// A progress display on stderr for long work; it shows nothing under -q or on a pipe.
    pub fn progress(&self) -> Bar {
        Bar::new(self.quiet)
    }

    /// Plain text for stdout (a TOML file, a session token).
    pub fn text(&self, text: &str) -> Result<()> {
        emit(text)
    }
}

fn emit(text: &str) -> Result<()> {
    let mut out = io::stdout().lock();
    let r = out.write_all(text.as_bytes()).and_then(|_| {
        if text.ends_with('\n') {
            Ok(())
        } else {
            out.write_all(b"\n")
        }
    });
    r.and_then(|_| out.flush()).map_err(write_error)
}

fn write_error(e: io::Error) -> Error {
    if e.kind() == io::ErrorKind::BrokenPipe {
        Error::broken_pipe().with_source(e)
    } else {
        Error::internal(format!("cannot write to standard output: {e}")).with_source(e)
    }
}

fn json_text(v: &Value) -> Result<String> {
    serde_json::to_string_pretty(v).map_err(|e| Error::internal(format!("cannot encode JSON: {e}")))
}

/// One object as an element of a pretty-printed array: what `json_text` of the array would
/// print for it, without the separating comma.
fn json_element(obj: &Map<String, Value>) -> Result<String> {
    let text = serde_json::to_string_pretty(obj)
        .map_err(|e| Error::internal(format!("cannot encode JSON: {e}")))?;
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str("  ");
        out.push_str(line);
    }
    Ok(out)
}

/// Nested objects (`secrets`) become dotted columns: `secrets.pass_code`.
fn flatten(obj: &Map<String, Value>) -> Vec<(String, &Value)> {
    let mut out = Vec::new();
    for (k, v) in obj {
        match v {
            Value::Object(inner) => {
                for (ik, iv) in inner {
                    out.push((format!("{k}.{ik}"), iv));
                }
            }
            _ => out.push((k.clone(), v)),
        }
    }
    out
}

fn scalar(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(scalar).collect::<Vec<_>>().join(" "),
        other => other.to_string(),
    }
}

fn csv_text(fields: &[&str], objs: &[Map<String, Value>]) -> Result<String> {
    let mut header: Vec<String> = fields.iter().map(|s| s.to_string()).collect();
    // Columns beyond the record type's own (generated secrets) come from the records.
    for obj in objs {
        for (k, _) in flatten(obj) {
            if !header.contains(&k) {
                header.push(k);
            }
        }
    }
    let mut w = csv::Writer::from_writer(Vec::new());
    let err = |e: csv::Error| Error::internal(format!("cannot encode CSV: {e}"));
    w.write_record(&header).map_err(err)?;
    for obj in objs {
        csv_row(&mut w, &header, &flatten(obj))?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| Error::internal(format!("cannot encode CSV: {e}")))?;
    String::from_utf8(bytes).map_err(|e| Error::internal(format!("cannot encode CSV: {e}")))
}

/// One CSV row: the flattened record's values in `header`'s order, empty where it has none.
fn csv_row<W: Write>(
    w: &mut csv::Writer<W>,
    header: &[String],
    flat: &[(String, &Value)],
) -> Result<()> {
    let row = header.iter().map(|h| {
        flat.iter()
            .find(|(k, _)| k == h)
            .map(|(_, v)| scalar(v))
            .unwrap_or_default()
    });
    w.write_record(row)
        .map_err(|e| Error::internal(format!("cannot encode CSV: {e}")))
}

fn new_table() -> Table {
    let mut t = Table::new();
    t.load_preset(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    if !io::stdout().is_terminal() {
        // Piped tables keep plain ASCII so that grep and diff behave.
        t.load_preset(presets::ASCII_MARKDOWN);
    }
    t
}

/// The most characters of one field a table shows; longer fields end in `…` (issue #11: a
/// table of a 10 MB field took seconds, and no terminal shows that much of it anyway).
pub const CELL_MAX: usize = 500;

/// A value as a table cell: cut to [`CELL_MAX`] characters, control characters escaped.
fn display(v: &Value) -> String {
    match v {
        Value::Null => "-".to_string(),
        Value::Bool(true) => "yes".to_string(),
        Value::Bool(false) => "no".to_string(),
        Value::String(s) => cell(s, CELL_MAX),
        other => cell(&scalar(other), CELL_MAX),
    }
}

fn detail_table(obj: &Map<String, Value>) -> String {
    let mut t = new_table();
    t.set_header(vec!["field", "value"]);
    for (k, v) in flatten(obj) {
        t.add_row(vec![Cell::new(k.replace('_', " ")), Cell::new(display(v))]);
    }
    t.to_string()
}

fn list_table(columns: &[&str], objs: &[Map<String, Value>]) -> String {
    let mut cols: Vec<String> = columns.iter().map(|s| s.to_string()).collect();
    if cols.is_empty() {
        cols = objs
            .first()
            .map(|o| o.keys().cloned().collect())
            .unwrap_or_default();
    }
    for obj in objs {
        for (k, _) in flatten(obj) {
            if k.contains('.') && !cols.contains(&k) {
                cols.push(k);
            }
        }
    }
    let mut t = new_table();
    t.set_header(cols.iter().map(|c| c.replace('_', " ")).collect::<Vec<_>>());
    for obj in objs {
        let flat = flatten(obj);
        t.add_row(
            cols.iter()
                .map(|c| {
                    flat.iter()
                        .find(|(k, _)| k == c)
                        .map(|(_, v)| display(v))
                        .unwrap_or_else(|| "-".into())
                })
                .collect::<Vec<_>>(),
        );
    }
    t.to_string()
}

/// One line on stderr, with any user text in it escaped ([`escape`]), so it stays one line and
/// no control sequence reaches the terminal. Unlike `eprintln!`, a stderr whose reader has gone
/// (a closed pipe) is not a panic: there is nobody left to tell.
pub fn stderr_line(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{}", escape(line));
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::error::Error as _;

    #[test]
    fn write_errors_keep_the_io_error_and_their_message() {
        let e = write_error(io::Error::from(io::ErrorKind::BrokenPipe));
        assert!(e.is_broken_pipe());
        let source = e.source().and_then(|s| s.downcast_ref::<io::Error>());
        assert_eq!(source.map(io::Error::kind), Some(io::ErrorKind::BrokenPipe));

        let e = write_error(io::Error::other("disk full"));
        assert!(!e.is_broken_pipe());
        assert_eq!(e.kind, crate::Kind::Internal);
        assert_eq!(e.to_string(), "cannot write to standard output: disk full");
        assert_eq!(e.report(), "cannot write to standard output: disk full");
        assert!(e.source().is_some());
    }
}
