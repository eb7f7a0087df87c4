//! The server's log lines (issue #13): one JSON object per line on stderr, an access-log line
//! per request and the server's start and drain.

use super::text::is_unsafe;
use serde_json::Value;

/// Writes `v` as one line of JSON on stderr. The caller builds the object from fields it
/// chose, so nothing it did not name (a header, a body) can reach the log. Characters
/// [`super::escape`] would show as `\u{…}` are written as JSON's own `\uXXXX` escapes instead,
/// so the line stays one line, safe on a terminal, and valid JSON.
pub fn json_line(v: &Value) {
    use std::io::Write as _;
    let mut line = safe_json(v);
    line.push('\n');
    // A closed stderr is no reason to fail a request: there is nobody left to tell.
    let _ = std::io::stderr().write_all(line.as_bytes());
}

/// `v` as compact JSON with every character [`is_unsafe`] names as a `\uXXXX` escape.
fn safe_json(v: &Value) -> String {
    use std::fmt::Write as _;
    let text = v.to_string();
    let mut line = String::with_capacity(text.len() + 1);
    for c in text.chars() {
        if is_unsafe(c) {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                let _ = write!(line, "\\u{unit:04x}");
            }
        } else {
            line.push(c);
        }
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_lines_escape_what_the_terminal_must_not_see_and_stay_json() {
        let v = serde_json::json!({ "key": "a\u{202e}b\u{1b}c" });
        assert!(v.to_string().contains('\u{202e}'));
        let line = safe_json(&v);
        assert!(!line.chars().any(is_unsafe), "{line}");
        assert!(line.contains("\\u202e"), "{line}");
        let back: Value = serde_json::from_str(&line).unwrap();
        assert_eq!(back, v);
    }
}
