//! The one output: records in the chosen format to standard output (or an `--output` file),
//! notes to stderr, and the JSON/CSV/table encodings they share with the streamed lists.

use super::progress::Bar;
use super::render::{Format, Render};
use super::sink::{self, OutputFile, Sink};
use super::table;
use super::text::{cell, escape};
use crate::error::{Error, Result};
use serde_json::{Map, Value};
use std::io::{self, IsTerminal, Write};
use std::path::Path;
use std::sync::Arc;

#[derive(Debug, Clone)]
pub struct Output {
    pub(super) format: Format,
    pub(super) quiet: bool,
    pub(super) sink: Sink,
    /// `--columns`: the list columns chosen, by JSON name.
    pub(super) columns: Option<Vec<String>>,
}

impl Output {
    pub fn new(format: Format, quiet: bool) -> Self {
        Output {
            format,
            quiet,
            sink: Sink::Stdout,
            columns: None,
        }
    }

    /// `--columns a,b,c`: the columns of the lists this command prints, in table and CSV.
    pub fn set_columns(&mut self, columns: Option<Vec<String>>) -> Result<()> {
        if let Some(c) = &columns {
            if self.format == Format::Json {
                return Err(Error::usage(
                    "--columns chooses the columns of a table or CSV; JSON has every field (pick them with jq), so drop --columns or --format json",
                ));
            }
            if c.is_empty() || c.iter().any(|n| n.trim().is_empty()) {
                return Err(Error::usage(
                    "--columns needs column names separated by commas, e.g. --columns number,state",
                ));
            }
        }
        self.columns = columns;
        Ok(())
    }

    /// The width tables are laid out to: `COLUMNS`, else the terminal's, else none.
    pub(super) fn width(&self) -> Option<usize> {
        table::width(matches!(self.sink, Sink::Stdout) && io::stdout().is_terminal())
    }

    /// The columns of a list of `R` in the current format: `--columns` (checked against the
    /// record type's fields, exit 2 for one it does not have), else the type's own.
    fn layout<R: Render>(&self) -> Result<Layout> {
        let (columns, chosen) = match &self.columns {
            Some(chosen) => {
                let known: Vec<&str> = R::LIST_COLUMNS
                    .iter()
                    .chain(R::FIELDS)
                    .copied()
                    .filter(|c| !R::SECRET_FIELDS.contains(c))
                    .fold(Vec::new(), |mut v, c| {
                        if !v.contains(&c) {
                            v.push(c);
                        }
                        v
                    });
                let mut columns = Vec::new();
                for name in chosen {
                    let name = name.trim().to_lowercase();
                    match known.iter().find(|k| **k == name) {
                        Some(k) => columns.push(k.to_string()),
                        None => {
                            return Err(Error::usage(format!(
                                "--columns: there is no column \"{name}\" here; choose from {}",
                                known.join(", ")
                            )))
                        }
                    }
                }
                (columns, true)
            }
            None => {
                let own = match self.format {
                    Format::Table => R::LIST_COLUMNS,
                    _ => R::FIELDS,
                };
                (own.iter().map(|c| c.to_string()).collect(), false)
            }
        };
        Ok(Layout {
            columns,
            chosen,
            secret_fields: R::SECRET_FIELDS,
            width: self.width(),
        })
    }

    /// Says which default columns a table left out to fit the width.
    pub(super) fn note_dropped(&self, dropped: &[String], width: Option<usize>) {
        if dropped.is_empty() {
            return;
        }
        self.note(format!(
            "left out to fit {} columns: {} (see --columns)",
            width.unwrap_or_default(),
            dropped.join(", "),
        ));
    }

    /// `--output FILE`: from here on the output goes to FILE, created now (mode 0600, never
    /// over an existing file) so that a bad name fails the command before it changes anything.
    /// A command that generates secrets calls this first.
    pub fn to_file(&mut self, path: Option<&Path>) -> Result<()> {
        if let Some(path) = path {
            self.sink = Sink::File(Arc::new(OutputFile::create(path)?));
        }
        Ok(())
    }

    /// Once the command has run: with `--output`, a note naming the file; after a failure, the
    /// file is removed again when nothing was written to it (a failed command leaves nothing).
    pub fn finish(&self, succeeded: bool) {
        let Sink::File(f) = &self.sink else {
            return;
        };
        if succeeded {
            self.note(format!(
                "wrote the output to {} (mode 0600){}",
                f.path.display(),
                if f.holds_secrets() {
                    "; the secrets in it are shown nowhere else and cannot be retrieved later"
                } else {
                    ""
                }
            ));
        } else if f.written() == 0 {
            let _ = std::fs::remove_file(&f.path);
        }
    }

    /// After a command printed secrets it generated: says they are shown only this once, and
    /// where (`above` only when they are on the terminal), and warns when standard output is
    /// a file that others can read (`> out.csv`), pointing to `--output` (issue #12).
    pub fn secrets_shown(&self, what: &str) {
        match &self.sink {
            // The one note naming the file says it, once the command is done.
            Sink::File(f) => f.mark_secrets(),
            Sink::Stdout if io::stdout().is_terminal() => self.note(format!(
                "{what} above are shown once and cannot be retrieved later"
            )),
            Sink::Stdout => {
                match sink::stdout_file_readable_by_others() {
                    Some((name, mode)) => self.warn(format!(
                    "{what} went to standard output, {}, which others can read (mode {mode:04o}); \
                     pass --output FILE instead, which is created mode 0600",
                    name.map_or("a file".to_string(), |n| format!("the file {}", n.display()))
                )),
                    None => self.note(format!(
                        "{what} were written once to standard output and cannot be retrieved later"
                    )),
                }
            }
        }
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
            Format::Csv => {
                let fields: Vec<String> = R::FIELDS.iter().map(|c| c.to_string()).collect();
                csv_text(&fields, false, R::CSV_NESTED, std::slice::from_ref(&obj))?
            }
            Format::Table => {
                let mut obj = obj;
                R::table_extras(&mut obj);
                record_table(&obj, R::SECRET_FIELDS, self.width())
            }
        };
        self.emit(&text)
    }

    pub fn list<R: Render>(&self, records: &[R]) -> Result<()> {
        let layout = self.layout::<R>()?;
        let mut objs: Vec<Map<String, Value>> = records.iter().map(Render::to_json).collect();
        let text = match self.format {
            Format::Json => {
                json_text(&Value::Array(objs.into_iter().map(Value::Object).collect()))?
            }
            Format::Csv => csv_text(&layout.columns, layout.chosen, R::CSV_NESTED, &objs)?,
            Format::Table => {
                if objs.is_empty() {
                    self.note("no records");
                    return Ok(());
                }
                objs.iter_mut().for_each(R::table_extras);
                let (text, dropped) = list_table(&layout, &objs);
                self.note_dropped(&dropped, layout.width);
                text
            }
        };
        self.emit(&text)
    }

    /// The report of what a command did (a summary such as `init`'s or `account import`'s
    /// counts, not a record a script asked for): printed like a record, and not at all under
    /// -q, where the exit status says it went well (issue #12: a nightly `-q` job prints
    /// nothing unless something is wrong).
    pub fn report<R: Render>(&self, record: &R) -> Result<()> {
        if self.quiet {
            return Ok(());
        }
        self.record(record)
    }

    /// [`Output::report`] for a list of what a command did (`token expire`'s changes,
    /// `outbox deliver`'s attempts).
    pub fn report_list<R: Render>(&self, records: &[R]) -> Result<()> {
        if self.quiet {
            return Ok(());
        }
        self.list(records)
    }

    /// A progress display on stderr for long work; it shows nothing under -q or on a pipe.
    pub fn progress(&self) -> Bar {
        Bar::new(self.quiet)
    }

    /// Plain text for stdout (a TOML file, a session token).
    pub fn text(&self, text: &str) -> Result<()> {
        self.emit(text)
    }

    fn emit(&self, text: &str) -> Result<()> {
        let mut out = self.sink.writer();
        let r = out.write_all(text.as_bytes()).and_then(|_| {
            if text.ends_with('\n') {
                Ok(())
            } else {
                out.write_all(b"\n")
            }
        });
        r.and_then(|_| out.flush()).map_err(write_error)
    }
}

pub(super) fn write_error(e: io::Error) -> Error {
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
pub(super) fn json_element(obj: &Map<String, Value>) -> Result<String> {
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

/// The nested objects named in `nested` (`secrets`) become dotted columns:
/// `secrets.pass_code`; any other value, nested or not, is one column.
pub(super) fn flatten<'a>(
    obj: &'a Map<String, Value>,
    nested: &[&str],
) -> Vec<(String, &'a Value)> {
    let mut out = Vec::new();
    for (k, v) in obj {
        match v {
            Value::Object(inner) if nested.contains(&k.as_str()) => {
                for (ik, iv) in inner {
                    out.push((format!("{k}.{ik}"), iv));
                }
            }
            _ => out.push((k.clone(), v)),
        }
    }
    out
}

/// A value as one CSV cell: text as is, null empty, a list of plain values space-separated,
/// an object (an audit entry's detail) as compact JSON.
pub(super) fn scalar(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) if items.iter().all(|i| !i.is_object() && !i.is_array()) => {
            items.iter().map(scalar).collect::<Vec<_>>().join(" ")
        }
        other => other.to_string(),
    }
}

/// CSV: `fields` (or the chosen columns), then any dotted columns the records carry beyond them
/// (generated secrets), unless the columns were chosen.
fn csv_text(
    fields: &[String],
    chosen: bool,
    nested: &[&str],
    objs: &[Map<String, Value>],
) -> Result<String> {
    let mut header: Vec<String> = fields.to_vec();
    if !chosen {
        for obj in objs {
            for (k, _) in flatten(obj, nested) {
                if !header.contains(&k) {
                    header.push(k);
                }
            }
        }
    }
    let mut w = csv::Writer::from_writer(Vec::new());
    let err = |e: csv::Error| Error::internal(format!("cannot encode CSV: {e}"));
    w.write_record(&header).map_err(err)?;
    for obj in objs {
        csv_row(&mut w, &header, &flatten(obj, nested))?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| Error::internal(format!("cannot encode CSV: {e}")))?;
    String::from_utf8(bytes).map_err(|e| Error::internal(format!("cannot encode CSV: {e}")))
}

/// One CSV row: the flattened record's values in `header`'s order, empty where it has none.
pub(super) fn csv_row<W: Write>(
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

/// The most characters of one field a table shows; longer fields end in `…` (issue #11: a
/// table of a 10 MB field took seconds, and no terminal shows that much of it anyway).
pub const CELL_MAX: usize = 500;

/// A value as a table shows it: `-` for nothing, yes/no, lists space-separated; cut to
/// [`CELL_MAX`] characters, control characters escaped.
fn display(v: &Value) -> String {
    match v {
        Value::Null => "-".to_string(),
        Value::Bool(true) => "yes".to_string(),
        Value::Bool(false) => "no".to_string(),
        Value::String(s) if s.is_empty() => "-".to_string(),
        Value::String(s) => cell(s, CELL_MAX),
        other => cell(&scalar(other), CELL_MAX),
    }
}

/// Nested objects of a single record (other than its secrets) as dotted fields, for the
/// `field  value` view: `tokens.effective  12`.
fn record_fields(obj: &Map<String, Value>) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (k, v) in obj {
        match v {
            Value::Object(inner) if !inner.is_empty() => {
                for (ik, iv) in inner {
                    match iv {
                        Value::Object(deeper) if !deeper.is_empty() => {
                            for (dk, dv) in deeper {
                                out.push((format!("{k}.{ik}.{dk}"), display(dv)));
                            }
                        }
                        _ => out.push((format!("{k}.{ik}"), display(iv))),
                    }
                }
            }
            _ => out.push((k.clone(), display(v))),
        }
    }
    out
}

/// How a list table is laid out: which columns, whether they were chosen (`--columns`: never
/// left out), the secret fields for the block under it, the width.
#[derive(Debug, Clone)]
pub(crate) struct Layout {
    pub(super) columns: Vec<String>,
    pub(super) chosen: bool,
    pub(super) secret_fields: &'static [&'static str],
    pub(super) width: Option<usize>,
}

/// Secrets by name, in the order the record gives them.
type Secrets = Vec<(String, String)>;

/// The record without its secret fields, and those fields (flattened) for the block under it.
fn split_secrets(
    obj: &Map<String, Value>,
    secret_fields: &[&str],
) -> (Map<String, Value>, Secrets) {
    let mut shown = Map::new();
    let mut secrets = Vec::new();
    for (k, v) in obj {
        if !secret_fields.contains(&k.as_str()) {
            shown.insert(k.clone(), v.clone());
            continue;
        }
        match v {
            Value::Object(inner) => {
                for (ik, iv) in inner {
                    secrets.push((ik.clone(), scalar(iv)));
                }
            }
            Value::Null => {}
            other => secrets.push((k.clone(), scalar(other))),
        }
    }
    (shown, secrets)
}

/// Generated secrets under a record: one per line, `name: value`, never wrapped or cut.
fn secret_block(secrets: &[(String, String)]) -> String {
    let mut out = String::new();
    if secrets.is_empty() {
        return out;
    }
    out.push_str("\nShown this once (store them now):\n");
    for (k, v) in secrets {
        out.push_str(k);
        out.push_str(": ");
        out.push_str(v);
        out.push('\n');
    }
    out
}

/// A single record as a table: `field  value` lines, then its secrets as a block.
fn record_table(obj: &Map<String, Value>, secret_fields: &[&str], width: Option<usize>) -> String {
    let (shown, secrets) = split_secrets(obj, secret_fields);
    let mut text = table::record(&record_fields(&shown), width);
    text.push_str(&secret_block(&secrets));
    text
}

/// A list as a table laid out to its width, then a block with one line per record that has
/// secrets: its first column (the number) and each secret, aligned, never wrapped or cut.
/// Returns the text and the default columns left out to fit.
pub(super) fn list_table(layout: &Layout, objs: &[Map<String, Value>]) -> (String, Vec<String>) {
    let mut names = layout.columns.clone();
    if names.is_empty() {
        // A record type without a default set (a command's outcome): every field it has.
        names = objs
            .first()
            .map(|o| {
                o.keys()
                    .filter(|k| !layout.secret_fields.contains(&k.as_str()))
                    .cloned()
                    .collect()
            })
            .unwrap_or_default();
    }
    let columns: Vec<table::Column> = names.iter().map(|n| table::Column::new(n)).collect();
    let mut secrets_of: Vec<(String, Secrets)> = Vec::new();
    let rows: Vec<Vec<String>> = objs
        .iter()
        .map(|obj| {
            let cells: Vec<String> = names
                .iter()
                .map(|c| obj.get(c).map(display).unwrap_or_else(|| "-".into()))
                .collect();
            let (_, secrets) = split_secrets(obj, layout.secret_fields);
            if !secrets.is_empty() {
                secrets_of.push((cells.first().cloned().unwrap_or_default(), secrets));
            }
            cells
        })
        .collect();
    let laid = table::list(&columns, &rows, layout.width, !layout.chosen);
    let mut text = laid.text;
    if !secrets_of.is_empty() {
        let mut secret_names: Vec<String> = Vec::new();
        for (_, secrets) in &secrets_of {
            for (k, _) in secrets {
                if !secret_names.contains(k) {
                    secret_names.push(k.clone());
                }
            }
        }
        let mut block = vec![std::iter::once(names.first().cloned().unwrap_or_default())
            .chain(secret_names.iter().cloned())
            .map(|h| h.to_uppercase())
            .collect::<Vec<_>>()];
        for (key, secrets) in &secrets_of {
            let mut row = vec![key.clone()];
            for n in &secret_names {
                row.push(
                    secrets
                        .iter()
                        .find(|(k, _)| k == n)
                        .map(|(_, v)| v.clone())
                        .unwrap_or_else(|| "-".into()),
                );
            }
            block.push(row);
        }
        text.push_str("\nShown this once (store them now):\n");
        text.push_str(&aligned(&block));
    }
    (text, laid.dropped)
}

/// Rows as plain columns separated by two spaces, padded to the widest cell, no borders, never
/// cut: the secrets block.
fn aligned(rows: &[Vec<String>]) -> String {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..cols)
        .map(|i| {
            rows.iter()
                .filter_map(|r| r.get(i))
                .map(|c| c.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            if i > 0 {
                line.push_str("  ");
            }
            line.push_str(cell);
            if i + 1 < row.len() {
                line.push_str(&" ".repeat(widths[i].saturating_sub(cell.chars().count())));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
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
