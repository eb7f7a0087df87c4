//! Lists printed as their records arrive, for output too large to hold (bulk issuance, issue
//! #7): JSON as one array written element by element, CSV as a header and then rows, tables a
//! page at a time. The bytes are the same `Output::list` prints for the same records (a table
//! longer than a page repeats its header every page), so scripts cannot tell the difference.
//! Records are rendered in parallel, a chunk at a time, and written in order.

use super::render::{Format, Render};
use super::writer::{csv_row, flatten, json_element, list_table, write_error, Layout, Output};
use crate::error::{Error, Result};
use rayon::prelude::*;
use serde_json::{Map, Value};
use std::io::{BufWriter, Write};

/// Rows per table page.
const PAGE: usize = 1000;

pub struct RecordStream {
    format: Format,
    quiet: bool,
    out: BufWriter<Box<dyn Write>>,
    /// CSV: every column; table: the list columns.
    columns: Vec<String>,
    /// Table: how a page is laid out (its secrets are a block under it).
    layout: Layout,
    /// CSV: the nested objects that become dotted columns.
    csv_nested: &'static [&'static str],
    /// Table: the record type's table-only columns.
    table_extras: fn(&mut Map<String, Value>),
    /// Table: the columns left out to fit, said once.
    dropped_said: bool,
    output: Output,
    count: u64,
    /// JSON: the array's opening bracket is out.
    opened: bool,
    page: Vec<Map<String, Value>>,
}

impl Output {
    /// A list of `R` printed as it arrives. `extra_columns` are the dotted columns beyond the
    /// record type's own (`secrets.authentication_code`) that some records will carry: CSV
    /// needs its whole header before the first row.
    pub fn stream<R: Render>(&self, extra_columns: &[&str]) -> RecordStream {
        let mut columns: Vec<String>;
        match self.format {
            // A table's secrets are a block under it, whatever they are.
            Format::Table => columns = R::LIST_COLUMNS.iter().map(|c| c.to_string()).collect(),
            _ => {
                columns = R::FIELDS.iter().map(|c| c.to_string()).collect();
                columns.extend(extra_columns.iter().map(|c| c.to_string()));
            }
        }
        let layout = Layout {
            columns: columns.clone(),
            chosen: false,
            secret_fields: R::SECRET_FIELDS,
            width: self.width(),
        };
        RecordStream {
            format: self.format,
            quiet: self.quiet,
            out: BufWriter::with_capacity(128 * 1024, self.sink.writer()),
            columns,
            layout,
            csv_nested: R::CSV_NESTED,
            table_extras: R::table_extras,
            dropped_said: false,
            output: self.clone(),
            count: 0,
            opened: false,
            page: Vec::new(),
        }
    }
}

impl RecordStream {
    /// Prints `records` after those already printed.
    pub fn push_all<R: Render + Sync>(&mut self, records: &[R]) -> Result<()> {
        match self.format {
            Format::Json => {
                let parts = records
                    .par_chunks(256)
                    .map(|chunk| {
                        let mut text = String::new();
                        for r in chunk {
                            text.push_str(",\n");
                            text.push_str(&json_element(&r.to_json())?);
                        }
                        Ok(text)
                    })
                    .collect::<Result<Vec<String>>>()?;
                for part in parts.iter().filter(|p| !p.is_empty()) {
                    if self.opened {
                        self.write(part.as_bytes())?;
                    } else {
                        // The first element opens the array instead of following a comma.
                        self.opened = true;
                        self.write(b"[\n")?;
                        self.write(&part.as_bytes()[2..])?;
                    }
                }
                self.count += records.len() as u64;
            }
            Format::Csv => {
                if self.count == 0 {
                    self.header()?;
                }
                let columns = &self.columns;
                let nested = self.csv_nested;
                let parts = records
                    .par_chunks(256)
                    .map(|chunk| {
                        let mut w = csv::Writer::from_writer(Vec::new());
                        for r in chunk {
                            match r.csv_cells(columns) {
                                Some(cells) => w.write_record(&cells).map_err(|e| {
                                    Error::internal(format!("cannot encode CSV: {e}"))
                                })?,
                                None => csv_row(&mut w, columns, &flatten(&r.to_json(), nested))?,
                            }
                        }
                        w.into_inner()
                            .map_err(|e| Error::internal(format!("cannot encode CSV: {e}")))
                    })
                    .collect::<Result<Vec<Vec<u8>>>>()?;
                for part in parts {
                    self.write(&part)?;
                }
                self.count += records.len() as u64;
            }
            Format::Table => {
                for r in records {
                    let mut obj = r.to_json();
                    (self.table_extras)(&mut obj);
                    self.page.push(obj);
                    if self.page.len() == PAGE {
                        self.flush_page()?;
                    }
                }
                self.count += records.len() as u64;
            }
        }
        Ok(())
    }

    fn header(&mut self) -> Result<()> {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(&self.columns)
            .map_err(|e| Error::internal(format!("cannot encode CSV: {e}")))?;
        let bytes = w
            .into_inner()
            .map_err(|e| Error::internal(format!("cannot encode CSV: {e}")))?;
        self.write(&bytes)
    }

    fn flush_page(&mut self) -> Result<()> {
        if self.page.is_empty() {
            return Ok(());
        }
        let (text, dropped) = list_table(&self.layout, &self.page);
        if self.dropped_said {
            // A page after the first, a blank line apart.
            self.write(b"\n")?;
        } else {
            self.dropped_said = true;
            self.output.note_dropped(&dropped, self.layout.width);
        }
        self.page.clear();
        self.write(text.as_bytes())
    }

    fn write(&mut self, bytes: &[u8]) -> Result<()> {
        self.out.write_all(bytes).map_err(write_error)
    }

    /// Closes the list (the JSON array's bracket, the last table page) and flushes. Returns how
    /// many records were printed.
    pub fn finish(mut self) -> Result<u64> {
        match self.format {
            Format::Json if !self.opened => self.write(b"[]\n")?,
            Format::Json => self.write(b"\n]\n")?,
            Format::Csv if self.count == 0 => self.header()?,
            Format::Csv => {}
            Format::Table => {
                if self.count == 0 && !self.quiet {
                    super::writer::stderr_line("no records");
                }
                self.flush_page()?;
            }
        }
        self.out.flush().map_err(write_error)?;
        Ok(self.count)
    }
}
