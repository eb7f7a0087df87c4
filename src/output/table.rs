//! Tables that fit (issue #12, item 3). A list is a fixed set of columns (the record type's
//! `LIST_COLUMNS`, or `--columns`) laid out to the terminal's width: columns separated by two
//! spaces, no borders, a header of the JSON names in capitals. Identifiers of things (numbers,
//! ids, codes, states, instants) are never cut and never wrapped; free text (names, email
//! addresses, descriptions, errors) is cut to fit with `…`. Where even that cannot fit, the
//! last columns of the default set are left out, and a note says which; but a last column
//! that is what a row is about (an audit entry's summary) goes on a line of its own under each
//! row instead. A single record is a list of `field  value` lines; its free text wraps under
//! itself.
//!
//! The width is `COLUMNS` when set (an override that pipes and tests use), else the
//! terminal's; output that goes to no terminal is laid out at its natural width, nothing cut.
//! Every cell is one line (control and invisible characters shown escaped, `\u{a}`, as
//! `text::escape` writes them), and laying one out
//! costs time linear in its length, however long (a cell is measured at most as far as the
//! widest column could need).

use unicode_width::UnicodeWidthChar;

/// Two spaces between columns.
const GAP: usize = 2;
/// A column of free text is cut no narrower than this (or its header, or its widest cell): the
/// first one of a list (the identifier, the name: what people look for) wider than the rest.
const MIN_FIRST_TEXT: usize = 16;
const MIN_TEXT: usize = 10;

/// How a column behaves when the table is too wide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// Never cut, never wrapped: numbers, ids, codes, states, instants, counts.
    Atom,
    /// Cut with `…` in a list; wrapped in a record.
    Text,
}

/// The kind of a column, by its JSON name: free text is named here, everything else is an
/// identifier of some sort and is never cut.
pub(super) fn kind_of(column: &str) -> Kind {
    const TEXT: &[&str] = &[
        "name",
        "identifier",
        "description",
        "email",
        "phone",
        "account",
        "participant",
        "classification",
        "subject",
        "recipient",
        "summary",
        "last_error",
        "error",
        "reason",
        "actor",
        "created_by",
        "updated_by",
        "definition",
        "body",
        "detail",
        "message",
        "transports",
    ];
    if TEXT.contains(&column) {
        Kind::Text
    } else {
        Kind::Atom
    }
}

/// The characters a cell shows: control characters escaped, so a cell is one line and nothing
/// reaches the terminal raw.
fn shown_chars(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars().flat_map(|c| {
        let (escaped, plain) = if super::text::is_unsafe(c) {
            (Some(c.escape_unicode()), None)
        } else {
            (None, Some(c))
        };
        escaped.into_iter().flatten().chain(plain)
    })
}

fn char_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// The display width of a cell, counted no further than `cap`.
fn width_upto(text: &str, cap: usize) -> usize {
    let mut w = 0;
    for c in shown_chars(text) {
        w += char_width(c);
        if w >= cap {
            return w;
        }
    }
    w
}

/// The cell cut to `width` columns (with `…` when cut), and the width it takes.
fn fit(text: &str, width: usize, kind: Kind) -> (String, usize) {
    let mut out = String::new();
    let mut w = 0;
    let mut chars = shown_chars(text).peekable();
    while let Some(c) = chars.next() {
        let cw = char_width(c);
        if kind == Kind::Text && w + cw > width.saturating_sub(1) {
            // Does the rest fit exactly in what is left?
            let rest_fits = w + cw <= width && chars.peek().is_none();
            if rest_fits {
                out.push(c);
                w += cw;
            } else {
                out.push('…');
                w += 1;
            }
            return (out, w);
        }
        out.push(c);
        w += cw;
    }
    (out, w)
}

/// A column of a list: its JSON name and kind.
pub(super) struct Column {
    pub name: String,
    pub kind: Kind,
}

impl Column {
    pub fn new(name: &str) -> Column {
        Column {
            name: name.to_string(),
            kind: kind_of(name),
        }
    }

    fn header(&self) -> String {
        self.name.to_uppercase()
    }
}

/// A laid-out list, and the columns left out to make it fit.
pub(super) struct Laid {
    pub text: String,
    pub dropped: Vec<String>,
}

/// Lays out `rows` (one cell per column) under `columns`. `width`: the terminal's, or None for
/// no limit. With `may_drop`, the last columns go when even cut text cannot fit.
pub(super) fn list(
    columns: &[Column],
    rows: &[Vec<String>],
    width: Option<usize>,
    may_drop: bool,
) -> Laid {
    // A row's long text (an audit entry's summary), when the row cannot hold it, goes on a
    // line of its own under the row rather than being left out: it is what the row is about.
    let below = may_drop
        && columns.len() > 1
        && columns.last().is_some_and(|c| goes_below(&c.name))
        && widths_for(columns, rows, width).is_none_or(|w| {
            let natural = natural(columns, rows, width.unwrap_or(usize::MAX));
            let (given, wanted) = (w[w.len() - 1], natural[natural.len() - 1]);
            given < wanted && given < MIN_IN_ROW
        });
    let all = columns;
    let columns = if below {
        &columns[..columns.len() - 1]
    } else {
        columns
    };
    let mut count = columns.len();
    let mut dropped = Vec::new();
    let widths = loop {
        match widths_for(&columns[..count], rows, width) {
            Some(w) => break w,
            None if may_drop && count > 1 => {
                count -= 1;
                dropped.insert(0, columns[count].name.clone());
            }
            None => {
                // Too narrow for even the smallest cut: every column at its minimum.
                break minimums(&columns[..count], rows, width);
            }
        }
    };
    let columns = &columns[..count];
    let mut text = String::new();
    let header: Vec<String> = columns.iter().map(Column::header).collect();
    line(&mut text, columns, &header, &widths);
    let under = width.map_or(usize::MAX, |w| {
        w.saturating_sub(BELOW_INDENT.len()).max(MIN_TEXT)
    });
    for row in rows {
        line(&mut text, columns, &row[..count.min(row.len())], &widths);
        if below {
            match row.get(all.len() - 1) {
                Some(cell) if !cell.is_empty() && cell != "-" => {
                    text.push_str(BELOW_INDENT);
                    text.push_str(&fit(cell, under, Kind::Text).0);
                    text.push('\n');
                }
                _ => {}
            }
        }
    }
    Laid { text, dropped }
}

/// A row's long text cut narrower than this goes under the row (see [`goes_below`]).
const MIN_IN_ROW: usize = 30;

/// What the line of a row's long text starts with (see [`goes_below`]).
const BELOW_INDENT: &str = "    ";

/// The columns whose text is what a row is about, shown under the row when the row cannot hold
/// them (they are a list's last column): an audit entry's summary, a message's last error.
fn goes_below(column: &str) -> bool {
    matches!(column, "summary" | "last_error")
}

fn line(out: &mut String, columns: &[Column], cells: &[String], widths: &[usize]) {
    let start = out.len();
    for (i, (cell, column)) in cells.iter().zip(columns).enumerate() {
        if i > 0 {
            out.push_str(&" ".repeat(GAP));
        }
        let (shown, w) = fit(cell, widths[i], column.kind);
        out.push_str(&shown);
        if i + 1 < cells.len() {
            out.push_str(&" ".repeat(widths[i].saturating_sub(w)));
        }
    }
    let end = out.trim_end().len().max(start);
    out.truncate(end);
    out.push('\n');
}

/// The natural width of each column (header and cells), measured no wider than `cap`.
fn natural(columns: &[Column], rows: &[Vec<String>], cap: usize) -> Vec<usize> {
    columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let cap = if c.kind == Kind::Atom {
                usize::MAX
            } else {
                cap
            };
            rows.iter()
                .filter_map(|r| r.get(i))
                .map(|cell| width_upto(cell, cap))
                .chain(std::iter::once(c.header().len()))
                .max()
                .unwrap_or(0)
        })
        .collect()
}

/// The smallest width each text column is cut to (atoms: their natural width).
fn min_widths(columns: &[Column], natural: &[usize]) -> Vec<usize> {
    let first_text = columns.iter().position(|c| c.kind == Kind::Text);
    columns
        .iter()
        .zip(natural)
        .enumerate()
        .map(|(i, (c, n))| match c.kind {
            Kind::Atom => *n,
            Kind::Text => {
                let min = if Some(i) == first_text {
                    MIN_FIRST_TEXT
                } else {
                    MIN_TEXT
                };
                (*n).min(min.max(c.header().len()))
            }
        })
        .collect()
}

fn minimums(columns: &[Column], rows: &[Vec<String>], width: Option<usize>) -> Vec<usize> {
    let nat = natural(columns, rows, width.unwrap_or(usize::MAX));
    min_widths(columns, &nat)
}

/// Column widths that fit `width`, or None when even the narrowest cut does not.
fn widths_for(
    columns: &[Column],
    rows: &[Vec<String>],
    width: Option<usize>,
) -> Option<Vec<usize>> {
    let gaps = GAP * columns.len().saturating_sub(1);
    let Some(width) = width else {
        return Some(natural(columns, rows, usize::MAX));
    };
    let nat = natural(columns, rows, width);
    if nat.iter().sum::<usize>() + gaps <= width {
        return Some(nat);
    }
    let atoms: usize = columns
        .iter()
        .zip(&nat)
        .filter(|(c, _)| c.kind == Kind::Atom)
        .map(|(_, n)| n)
        .sum();
    let mins = min_widths(columns, &nat);
    let text: Vec<usize> = (0..columns.len())
        .filter(|i| columns[*i].kind == Kind::Text)
        .collect();
    let available = width.checked_sub(atoms + gaps)?;
    if text.iter().map(|i| mins[*i]).sum::<usize>() > available {
        return None;
    }
    // Share what is left among the text columns: the narrow ones get all they need, the wide
    // ones split the rest evenly (never below their minimum, which is known to fit).
    let mut widths = nat.clone();
    let mut order = text.clone();
    order.sort_by_key(|i| nat[*i]);
    let mut left = available;
    for (k, i) in order.iter().enumerate() {
        let share = left / (order.len() - k);
        let w = nat[*i].min(share.max(mins[*i]));
        widths[*i] = w;
        left = left.saturating_sub(w);
    }
    Some(widths)
}

/// A single record: `field  value` lines, the fields' names aligned. Free text longer than the
/// width wraps under itself; identifiers never wrap.
pub(super) fn record(fields: &[(String, String)], width: Option<usize>) -> String {
    let label = fields.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
    let value_width = width
        .map(|w| w.saturating_sub(label + GAP).max(MIN_FIRST_TEXT))
        .unwrap_or(usize::MAX);
    let indent = " ".repeat(label + GAP);
    let mut out = String::new();
    for (k, v) in fields {
        out.push_str(k);
        out.push_str(&" ".repeat(label - k.len() + GAP));
        match kind_of(k) {
            Kind::Atom => out.extend(shown_chars(v)),
            Kind::Text => wrap_into(&mut out, v, value_width, &indent),
        }
        let end = out.trim_end_matches(' ').len();
        out.truncate(end);
        out.push('\n');
    }
    out
}

/// Appends `text` wrapped at `width` columns, continuation lines after `indent`: breaks at the
/// last space of a line where there is one, else mid-word. One pass over the text.
fn wrap_into(out: &mut String, text: &str, width: usize, indent: &str) {
    let mut line = String::new();
    let mut line_w = 0;
    // Where the last space in `line` is, and the width up to it.
    let mut last_space: Option<(usize, usize)> = None;
    for c in shown_chars(text) {
        let cw = char_width(c);
        if c == ' ' && line_w + cw > width {
            // A space at the end of a full line is the break itself.
            out.push_str(line.trim_end());
            out.push('\n');
            out.push_str(indent);
            line.clear();
            line_w = 0;
            last_space = None;
            continue;
        }
        if line_w + cw > width && !line.is_empty() {
            match last_space {
                Some((at, w)) if at > 0 => {
                    let rest = line.split_off(at + 1);
                    out.push_str(line.trim_end());
                    out.push('\n');
                    out.push_str(indent);
                    line = rest;
                    line_w -= w + 1;
                }
                _ => {
                    out.push_str(&line);
                    out.push('\n');
                    out.push_str(indent);
                    line.clear();
                    line_w = 0;
                }
            }
            last_space = None;
        }
        if c == ' ' {
            last_space = Some((line.len(), line_w));
        }
        line.push(c);
        line_w += cw;
    }
    out.push_str(&line);
}

/// The width to lay tables out to: `COLUMNS` when it is set to a number (the override), else
/// the terminal's when the output goes to one, else none.
pub(super) fn width(to_terminal: bool) -> Option<usize> {
    if let Some(cols) = std::env::var("COLUMNS")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|c| *c > 0)
    {
        return Some(cols);
    }
    if !to_terminal {
        return None;
    }
    terminal_size::terminal_size_of(std::io::stdout())
        .map(|(w, _)| usize::from(w.0))
        .filter(|w| *w > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cols(names: &[&str]) -> Vec<Column> {
        names.iter().map(|n| Column::new(n)).collect()
    }

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn text_is_cut_and_identifiers_are_not() {
        let columns = cols(&["number", "identifier", "state"]);
        let rows = vec![row(&[
            "AT0000000001",
            "a-very-long-identifier@example.com",
            "pending_verification",
        ])];
        let laid = list(&columns, &rows, Some(55), true);
        for l in laid.text.lines() {
            assert!(l.chars().count() <= 55, "{l:?}");
        }
        assert!(laid.text.contains("AT0000000001"));
        assert!(laid.text.contains("pending_verification"));
        assert!(laid.text.contains('…'), "{}", laid.text);
        assert!(laid.dropped.is_empty());
        // No width: nothing is cut.
        let laid = list(&columns, &rows, None, true);
        assert!(laid.text.contains("a-very-long-identifier@example.com"));
    }

    #[test]
    fn columns_that_cannot_fit_are_dropped_from_the_end() {
        let columns = cols(&["number", "state", "expires_at", "created_at"]);
        let rows = vec![row(&[
            "AT0000000001",
            "effective",
            "2030-01-01T00:00:00Z",
            "2026-01-01T00:00:00Z",
        ])];
        let laid = list(&columns, &rows, Some(50), true);
        assert_eq!(laid.dropped, vec!["created_at".to_string()]);
        assert!(laid.text.lines().all(|l| l.chars().count() <= 50));
        // Chosen columns are never dropped.
        let laid = list(&columns, &rows, Some(50), false);
        assert!(laid.dropped.is_empty());
        assert!(laid.text.contains("CREATED_AT"));
    }

    #[test]
    fn a_summary_that_would_be_cut_short_goes_under_its_row() {
        let columns = cols(&["id", "action", "summary"]);
        let rows = vec![
            row(&[
                "1",
                "token.set_state",
                "effective → not_effective, reason: left",
            ]),
            row(&["2", "token.delete", "-"]),
        ];
        // Room for the summary in the row: it stays there.
        let wide = list(&columns, &rows, Some(80), true);
        assert!(
            wide.text.starts_with("ID  ACTION           SUMMARY\n"),
            "{}",
            wide.text
        );
        // Not enough: under its row, indented, and nothing is said to be left out.
        let narrow = list(&columns, &rows, Some(50), true);
        assert_eq!(
            narrow.text,
            "ID  ACTION\n1   token.set_state\n    effective → not_effective, reason: left\n2   token.delete\n"
        );
        assert!(narrow.dropped.is_empty());
        // Columns the user chose stay as they are.
        let chosen = list(&columns, &rows, Some(50), false);
        assert!(
            chosen.text.starts_with("ID  ACTION           SUMMARY"),
            "{}",
            chosen.text
        );
    }

    #[test]
    fn cells_are_one_line() {
        let columns = cols(&["name"]);
        let rows = vec![row(&["two\nlines\x1b[31m"])];
        let laid = list(&columns, &rows, None, true);
        assert_eq!(laid.text, "NAME\ntwo\\u{a}lines\\u{1b}[31m\n");
    }

    #[test]
    fn wide_characters_count_twice() {
        let columns = cols(&["name", "id"]);
        let rows = vec![row(&["漢字漢字漢字漢字漢字漢字", "AR-1"])];
        let laid = list(&columns, &rows, Some(20), true);
        for l in laid.text.lines() {
            let w: usize = l.chars().map(char_width).sum();
            assert!(w <= 20, "{l:?}");
        }
    }

    #[test]
    fn records_wrap_text_under_itself() {
        let fields = vec![
            ("number".to_string(), "AT0000000001".to_string()),
            (
                "description".to_string(),
                "one two three four five six seven eight nine ten".to_string(),
            ),
        ];
        let text = record(&fields, Some(40));
        assert_eq!(
            text,
            "number       AT0000000001\n\
             description  one two three four five six\n             seven eight nine ten\n"
        );
    }

    /// Laying out a 10 MB cell is linear: measured and cut, not wrapped word by word.
    #[test]
    fn a_huge_cell_is_cheap() {
        let huge = "word ".repeat(2_000_000);
        let columns = cols(&["name", "description"]);
        let rows = vec![row(&["x", &huge])];
        let laid = list(&columns, &rows, Some(80), true);
        assert_eq!(laid.text.lines().count(), 2);
        let text = record(&[("description".to_string(), huge.clone())], Some(80));
        assert!(text.lines().count() > 100_000);
    }
}
