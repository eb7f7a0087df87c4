//! `token import`: rows of a CSV file (with a header row) or of a JSON Lines file, one token
//! each, issued all or none through the bulk pipeline of [`super::issue`]. This file only reads
//! rows; every rule is `token new`'s own, applied by the pipeline.
//!
//! Reading streams: one row at a time, never the whole file. An empty CSV field and a JSON
//! `null` both mean "not given"; blank lines are skipped; a UTF-8 byte order mark at the start
//! (as spreadsheets write) is ignored. Pass codes read from the file go into [`Secret`]s at
//! once; the line buffers they passed through are reused, and the JSON one wiped, as we go.

use super::issue::{self, Expiry, IssueRequest, PassCodeInput, Rows, Sink, Totals};
use super::Env;
use crate::domain::secret::Secret;
use crate::error::{Error, Result};
use crate::store::Store;
use std::io::{BufRead, BufReader, Read};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;

/// The columns a row may carry, in the order the help lists them.
pub const COLUMNS: [&str; 8] = [
    "identifier",
    "pass_code",
    "authentication_code",
    "name",
    "classification",
    "account",
    "participant",
    "expires_at",
];

/// A JSON Lines line longer than this is refused rather than read into memory.
const MAX_LINE: usize = 1 << 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    Csv,
    Jsonl,
}

impl InputFormat {
    /// The format a file name says: `.csv`, or `.jsonl` / `.ndjson`.
    pub fn from_name(name: &str) -> Option<InputFormat> {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".csv") {
            Some(InputFormat::Csv)
        } else if lower.ends_with(".jsonl") || lower.ends_with(".ndjson") {
            Some(InputFormat::Jsonl)
        } else {
            None
        }
    }
}

/// Issues one token per row read from `input`; `source` names it in errors and the audit log,
/// beside the SHA-256 of its bytes, computed as they are read.
pub fn import(
    store: &mut Store,
    env: &Env,
    input: Box<dyn Read + Send>,
    format: InputFormat,
    source: &str,
    bulk: &issue::Bulk,
    sink: &mut dyn Sink,
) -> Result<Totals> {
    let digest = issue::InputDigest::default();
    let rows = rows(digest.reading(input), format);
    issue::issue_rows(store, env, rows, source, &digest, bulk, sink)
}

/// The rows of `input`, each with its line number.
pub fn rows(input: Box<dyn Read + Send>, format: InputFormat) -> Rows {
    match format {
        InputFormat::Csv => Box::new(CsvRows::new(input)),
        InputFormat::Jsonl => Box::new(JsonRows {
            input: BufReader::with_capacity(64 * 1024, input),
            line: 0,
            buf: Vec::new(),
            done: false,
        }),
    }
}

/// Collects the values of one row, by column index into [`COLUMNS`].
#[derive(Default)]
struct Fields {
    values: [Option<String>; 8],
}

impl Fields {
    fn into_row(mut self, line: u64) -> Result<IssueRequest> {
        let mut take = |i: usize| self.values[i].take();
        let identifier = take(0);
        let pass_code = take(1).map(Secret::new);
        let auth_code = take(2).map(Secret::new);
        let name = take(3);
        let classification = take(4);
        let account = take(5);
        let participant = take(6);
        let expires = match take(7) {
            None => Expiry::Default,
            Some(text) => {
                let at: jiff::Timestamp = text.parse().map_err(|_| {
                    Error::invalid(format!(
                        "expires_at \"{text}\" is not an RFC 3339 time such as 2030-01-31T00:00:00Z"
                    ))
                })?;
                Expiry::At(at.as_second())
            }
        };
        Ok(IssueRequest {
            line,
            identifier,
            pass_code: pass_code.map_or(PassCodeInput::Absent, PassCodeInput::Given),
            auth_code,
            name,
            classification,
            account,
            participant,
            expires,
            skip_verification: false,
        })
    }
}

fn unknown_column(name: &str) -> Error {
    Error::invalid(format!(
        "unknown column \"{name}\"; the columns are {}",
        COLUMNS.join(", ")
    ))
}

fn read_error(e: impl std::fmt::Display) -> Error {
    Error::internal(format!("cannot read the input: {e}"))
}

/// What `CsvRows` needs to know about the bytes under the CSV reader: how many it handed over,
/// and whether the last of them (at the end of the input) is a line break.
#[derive(Default)]
struct Tail {
    total: AtomicU64,
    at_end: AtomicBool,
    ends_with_newline: AtomicBool,
}

struct Counted {
    input: Box<dyn Read + Send>,
    tail: Arc<Tail>,
}

impl Read for Counted {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.input.read(buf)?;
        if n == 0 {
            self.tail.at_end.store(true, Ordering::Relaxed);
        } else {
            self.tail.total.fetch_add(n as u64, Ordering::Relaxed);
            self.tail
                .ends_with_newline
                .store(buf[n - 1] == b'\n', Ordering::Relaxed);
        }
        Ok(n)
    }
}

struct CsvRows {
    reader: csv::Reader<Counted>,
    tail: Arc<Tail>,
    /// For each CSV column, its index in `COLUMNS`; `None` until the header is read.
    columns: Option<Vec<usize>>,
    record: csv::ByteRecord,
    done: bool,
}

impl CsvRows {
    fn new(input: Box<dyn Read + Send>) -> CsvRows {
        let tail = Arc::new(Tail::default());
        let input = Counted {
            input,
            tail: tail.clone(),
        };
        CsvRows {
            tail,
            // Records end at "\n" only, so the reader always stands just past a record's line
            // break (see `first_line`); the "\r" of a CRLF line is stripped from its last field.
            reader: csv::ReaderBuilder::new()
                .has_headers(true)
                .flexible(false)
                .terminator(csv::Terminator::Any(b'\n'))
                .from_reader(input),
            columns: None,
            record: csv::ByteRecord::new(),
            done: false,
        }
    }

    fn header(&mut self) -> Result<Vec<usize>> {
        let header = self.reader.byte_headers().map_err(csv_error)?.clone();
        if header.len() == 1 && header.get(0).is_some_and(|h| h.is_empty() || h == b"\r") {
            // An empty file (or one of blank lines): no columns, and so no rows.
            return Ok(Vec::new());
        }
        let mut columns = Vec::with_capacity(header.len());
        for (i, raw) in header.iter().enumerate() {
            let raw = if i == 0 {
                raw.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(raw)
            } else {
                raw
            };
            let name = std::str::from_utf8(raw)
                .map_err(|_| Error::invalid("the header row is not valid UTF-8"))?
                .trim();
            let index = COLUMNS
                .iter()
                .position(|c| *c == name)
                .ok_or_else(|| unknown_column(name))?;
            if columns.contains(&index) {
                return Err(Error::invalid(format!(
                    "column \"{name}\" appears twice in the header row"
                )));
            }
            columns.push(index);
        }
        Ok(columns)
    }
}

impl CsvRows {
    /// The line the record just read begins on. The record's own position counts from where
    /// the reader started looking, before the blank lines it skipped, so count back from where
    /// the record ended instead: the reader stands just past its "\n" (or at the end of the
    /// input, if the last line has none), and quoted fields may hold line breaks of their own.
    fn first_line(&self) -> u64 {
        let end = self.reader.position();
        let unterminated = self.tail.at_end.load(Ordering::Relaxed)
            && end.byte() == self.tail.total.load(Ordering::Relaxed)
            && !self.tail.ends_with_newline.load(Ordering::Relaxed);
        let last = if unterminated {
            end.line()
        } else {
            end.line().saturating_sub(1)
        };
        let inner: usize = self
            .record
            .iter()
            .map(|f| f.iter().filter(|&&b| b == b'\n').count())
            .sum();
        last.saturating_sub(inner as u64).max(1)
    }
}

fn csv_error(e: csv::Error) -> Error {
    match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => Error::invalid(format!(
            "the row has {len} fields but the header row has {expected_len}"
        )),
        csv::ErrorKind::Io(io) => read_error(io),
        _ => Error::invalid(format!("the row cannot be read as CSV: {e}")),
    }
}

impl Iterator for CsvRows {
    type Item = (u64, Result<IssueRequest>);

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let columns = match &self.columns {
            Some(c) => c.clone(),
            None => match self.header() {
                Ok(c) => {
                    self.columns = Some(c.clone());
                    c
                }
                Err(e) => {
                    self.done = true;
                    return Some((1, Err(e)));
                }
            },
        };
        loop {
            let read = self.reader.read_byte_record(&mut self.record);
            let line = self.first_line();
            match read {
                Ok(false) => {
                    self.done = true;
                    return None;
                }
                Err(e) => {
                    self.done = true;
                    let line = e.position().map(csv::Position::line).unwrap_or(line);
                    return Some((line, Err(csv_error(e))));
                }
                Ok(true) if self.record.iter().all(|f| f.is_empty() || f == b"\r") => continue,
                Ok(true) => {
                    let mut fields = Fields::default();
                    let last = self.record.len().saturating_sub(1);
                    for (i, (value, &index)) in self.record.iter().zip(&columns).enumerate() {
                        let value = match value.strip_suffix(b"\r") {
                            Some(v) if i == last => v,
                            _ => value,
                        };
                        if value.is_empty() {
                            continue;
                        }
                        match std::str::from_utf8(value) {
                            Ok(v) => fields.values[index] = Some(v.to_string()),
                            Err(_) => {
                                self.done = true;
                                return Some((
                                    line,
                                    Err(Error::invalid(format!(
                                        "the value of column \"{}\" is not valid UTF-8",
                                        COLUMNS[index]
                                    ))),
                                ));
                            }
                        }
                    }
                    let row = fields.into_row(line);
                    self.done = row.is_err();
                    return Some((line, row));
                }
            }
        }
    }
}

struct JsonRows {
    input: BufReader<Box<dyn Read + Send>>,
    line: u64,
    buf: Vec<u8>,
    done: bool,
}

impl JsonRows {
    fn parse(&self, text: &str) -> Result<Option<IssueRequest>> {
        let text = if self.line == 1 {
            text.strip_prefix('\u{feff}').unwrap_or(text)
        } else {
            text
        };
        if text.trim().is_empty() {
            return Ok(None);
        }
        let value: serde_json::Value = serde_json::from_str(text)
            .map_err(|e| Error::invalid(format!("not a JSON value: {e}")))?;
        let serde_json::Value::Object(map) = value else {
            return Err(Error::invalid(
                "each line must be a JSON object such as {\"identifier\": \"a@example.com\"}",
            ));
        };
        let mut fields = Fields::default();
        for (key, value) in map {
            let index = COLUMNS
                .iter()
                .position(|c| *c == key)
                .ok_or_else(|| unknown_column(&key))?;
            match value {
                serde_json::Value::Null => {}
                serde_json::Value::String(s) => fields.values[index] = Some(s),
                _ => {
                    return Err(Error::invalid(format!(
                        "\"{key}\" must be a string or null"
                    )))
                }
            }
        }
        fields.into_row(self.line).map(Some)
    }
}

impl Iterator for JsonRows {
    type Item = (u64, Result<IssueRequest>);

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            self.buf.clear();
            self.line += 1;
            let read = (&mut self.input)
                .take(MAX_LINE as u64 + 1)
                .read_until(b'\n', &mut self.buf);
            let result = match read {
                Ok(0) => {
                    self.done = true;
                    return None;
                }
                Err(e) => Err(read_error(e)),
                Ok(_) if self.buf.len() > MAX_LINE => Err(Error::invalid(format!(
                    "the line is longer than {} MiB",
                    MAX_LINE >> 20
                ))),
                Ok(_) => match std::str::from_utf8(&self.buf) {
                    Err(_) => Err(Error::invalid("the line is not valid UTF-8")),
                    Ok(text) => self.parse(text),
                },
            };
            zeroize::Zeroize::zeroize(&mut self.buf);
            match result {
                Ok(None) => continue,
                Ok(Some(row)) => return Some((self.line, Ok(row))),
                Err(e) => {
                    self.done = true;
                    return Some((self.line, Err(e)));
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(format: InputFormat, text: &[u8]) -> Vec<(u64, Result<IssueRequest>)> {
        rows(Box::new(std::io::Cursor::new(text.to_vec())), format).collect()
    }

    #[test]
    fn formats_follow_the_file_name() {
        assert_eq!(InputFormat::from_name("a.CSV"), Some(InputFormat::Csv));
        assert_eq!(InputFormat::from_name("a.ndjson"), Some(InputFormat::Jsonl));
        assert_eq!(InputFormat::from_name("a.jsonl"), Some(InputFormat::Jsonl));
        assert_eq!(InputFormat::from_name("a.txt"), None);
    }

    #[test]
    fn csv_rows_carry_their_lines_and_skip_blank_ones() {
        let rows = read(
            InputFormat::Csv,
            b"\xEF\xBB\xBFname, identifier\nfirst,\n\n\"multi\nline\",a@example.com\n,\nlast,\n",
        );
        let lines: Vec<u64> = rows.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, [2, 4, 7]);
        let (_, row) = &rows[1];
        let row = row.as_ref().unwrap();
        assert_eq!(row.name.as_deref(), Some("multi\nline"));
        assert_eq!(row.identifier.as_deref(), Some("a@example.com"));
    }

    #[test]
    fn csv_lines_with_crlf_and_no_final_line_break() {
        let rows = read(InputFormat::Csv, b"name\r\n\r\na\r\nb");
        let lines: Vec<u64> = rows.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, [3, 4]);
        let rows = read(InputFormat::Csv, b"name\n\n\n\"x\ny\"\n\n");
        let lines: Vec<u64> = rows.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, [4]);
    }

    #[test]
    fn csv_quoted_fields_and_crlf() {
        let rows = read(
            InputFormat::Csv,
            b"identifier,name\r\n\"a@example.com\",\"x\"\r\nb@example.com,y\r\n",
        );
        let names: Vec<_> = rows
            .iter()
            .map(|(_, r)| r.as_ref().unwrap().name.clone().unwrap())
            .collect();
        assert_eq!(names, ["x", "y"]);
        let ids: Vec<_> = rows
            .iter()
            .map(|(_, r)| r.as_ref().unwrap().identifier.clone().unwrap())
            .collect();
        assert_eq!(ids, ["a@example.com", "b@example.com"]);
    }

    #[test]
    fn csv_errors() {
        let rows = read(InputFormat::Csv, b"name,colour\nx,y\n");
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].0, 1);
        let e = rows[0].1.as_ref().unwrap_err();
        assert!(e.message.contains("unknown column \"colour\""), "{e}");
        let rows = read(InputFormat::Csv, b"name\nx\ny,z\n");
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].0, 3);
        assert!(rows[1].1.is_err());
        let rows = read(InputFormat::Csv, b"name\nok\n\xff\xfe\n");
        assert_eq!(rows[1].0, 3);
        assert!(rows[1].1.as_ref().unwrap_err().message.contains("UTF-8"));
        assert!(read(InputFormat::Csv, b"").is_empty());
        assert!(read(InputFormat::Csv, b"name,identifier\n").is_empty());
    }

    #[test]
    fn json_lines() {
        let rows = read(
            InputFormat::Jsonl,
            b"{\"name\": \"a\", \"identifier\": null}\n\n  \n{\"expires_at\": \"2030-01-31T00:00:00Z\"}",
        );
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].0, 1);
        assert_eq!(rows[1].0, 4);
        let row = rows[1].1.as_ref().unwrap();
        assert!(matches!(row.expires, Expiry::At(1_896_048_000)));
        for (text, needle) in [
            (&b"{\"name\": 5}"[..], "string or null"),
            (b"[1]", "JSON object"),
            (b"{\"colour\": \"red\"}", "unknown column"),
            (b"{", "not a JSON value"),
            (b"\xff", "UTF-8"),
            (b"{\"expires_at\": \"tomorrow\"}", "RFC 3339"),
        ] {
            let rows = read(InputFormat::Jsonl, text);
            let e = rows[0].1.as_ref().unwrap_err();
            assert!(e.message.contains(needle), "{e}");
        }
    }
}
