//! Where things are in a definition's TOML text: byte spans from toml_edit's span-keeping parse
//! turned into the 1-based line and column every definition error carries, the key path at an
//! offset (so serde's messages can name the key), and the place of a key path. A key left out
//! (it has its default) is reported at its nearest enclosing table, or at line 1, column 1.

use super::DefinitionError;
use std::ops::Range;
use toml_edit::{Document, Item};

pub(super) struct Source<'a> {
    text: &'a str,
    doc: Document<&'a str>,
}

impl<'a> Source<'a> {
    /// Parses the text for its spans; a syntax error is reported here, at its place.
    pub(super) fn parse(text: &'a str) -> Result<Self, DefinitionError> {
        match Document::parse(text) {
            Ok(doc) => Ok(Source { text, doc }),
            Err(error) => {
                let offset = error.span().map_or(0, |span| span.start);
                let (line, column) = position(text, offset);
                Err(DefinitionError {
                    line,
                    column,
                    message: format!("the TOML is not well-formed: {}", one_line(error.message())),
                })
            }
        }
    }

    pub(super) fn error_at(&self, offset: usize, message: String) -> DefinitionError {
        let (line, column) = position(self.text, offset);
        DefinitionError {
            line,
            column,
            message,
        }
    }

    /// An error at the first of `paths` that is written in the text, else at the nearest
    /// written ancestor of the first one.
    pub(super) fn error_at_keys(&self, paths: &[Vec<&str>], message: String) -> DefinitionError {
        let offset = paths
            .iter()
            .find_map(|path| self.key_span(path))
            .or_else(|| paths.first().and_then(|path| self.nearest_span(path)))
            .map_or(0, |span| span.start);
        self.error_at(offset, message)
    }

    pub(super) fn error_at_key(&self, path: &[&str], message: String) -> DefinitionError {
        self.error_at_keys(&[path.to_vec()], message)
    }

    pub(super) fn has_key(&self, path: &[&str]) -> bool {
        self.lookup(path).is_some()
    }

    /// The text of the value at `path` as written (quotes included) and where it starts.
    pub(super) fn value_text(&self, path: &[&str]) -> Option<(usize, &'a str)> {
        let span = self.lookup(path)?.1.span()?;
        Some((span.start, self.text.get(span)?))
    }

    /// A serde error from `toml::from_str` on the same text, at its place, naming the key.
    pub(super) fn serde_error(&self, error: &toml::de::Error) -> DefinitionError {
        let offset = error.span().map_or(0, |span| span.start);
        let message = one_line(error.message());
        let message = match self.path_at(offset) {
            Some(path) => match message
                .strip_prefix("unknown field ")
                .and_then(|rest| rest.split_once(", expected "))
            {
                Some((_, expected)) => format!(
                    "`{path}` is not a known key (expected {expected}); remove it or correct its \
                     spelling"
                ),
                None => format!("`{path}`: {}", plain_types(&message)),
            },
            None => plain_types(&message),
        };
        self.error_at(offset, message)
    }

    fn lookup(&self, path: &[&str]) -> Option<(Option<Range<usize>>, &Item)> {
        let mut item = self.doc.as_item();
        let mut key_span = None;
        for segment in path {
            let (key, next) = item.as_table_like()?.get_key_value(segment)?;
            key_span = key.span();
            item = next;
        }
        Some((key_span, item))
    }

    fn key_span(&self, path: &[&str]) -> Option<Range<usize>> {
        let (key, item) = self.lookup(path)?;
        key.or_else(|| item.span())
    }

    /// The span of the deepest written ancestor of `path` (a `[table]` header or dotted key).
    fn nearest_span(&self, path: &[&str]) -> Option<Range<usize>> {
        (1..path.len())
            .rev()
            .find_map(|depth| self.key_span(&path[..depth]))
    }

    /// The dotted path of the innermost key whose key or value contains `offset`.
    fn path_at(&self, offset: usize) -> Option<String> {
        fn walk(item: &Item, offset: usize, path: &mut Vec<String>) -> bool {
            let Some(table) = item.as_table_like() else {
                return false;
            };
            for (name, _) in table.iter() {
                let Some((key, child)) = table.get_key_value(name) else {
                    continue;
                };
                path.push(name.to_string());
                if walk(child, offset, path) {
                    return true;
                }
                let on_key = key.span().is_some_and(|s| s.contains(&offset));
                let in_value = !child.is_table()
                    && child
                        .span()
                        .is_some_and(|s| s.contains(&offset) || s.end == offset);
                if on_key || in_value {
                    return true;
                }
                path.pop();
            }
            false
        }
        let mut path = Vec::new();
        walk(self.doc.as_item(), offset, &mut path).then(|| path.join("."))
    }
}

/// The 1-based line and column (counted in characters) of a byte offset.
pub(super) fn position(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

fn one_line(message: &str) -> String {
    message.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Serde's Rust type names in words a definition's author knows.
fn plain_types(message: &str) -> String {
    let mut text = [
        (
            "expected u32",
            "expected a whole number from 0 to 4294967295",
        ),
        ("expected a boolean", "expected true or false"),
        ("expected a sequence", "expected an array"),
        ("expected a map", "expected a table"),
        ("invalid value: integer", "out of range: integer"),
        ("unknown variant", "unknown value"),
    ]
    .iter()
    .fold(message.to_string(), |text, (from, to)| {
        text.replace(from, to)
    });
    // `expected struct PassCodePolicy`: the name of one of our types means a table.
    if let Some(at) = text.find("struct ") {
        let name_len = text[at + 7..]
            .find(|c: char| !c.is_ascii_alphanumeric() && c != '_')
            .unwrap_or(text.len() - at - 7);
        text.replace_range(at..at + 7 + name_len, "a table");
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_and_count_characters() {
        let text = "a = 1\nné = \"x\"\n";
        assert_eq!(position(text, 0), (1, 1));
        assert_eq!(position(text, 6), (2, 1));
        // `=` after the two-byte `é`.
        assert_eq!(position(text, text.find('=').unwrap()), (1, 3));
        assert_eq!(position(text, text.rfind('=').unwrap()), (2, 4));
        assert_eq!(position(text, 10_000), (3, 1));
    }
}
