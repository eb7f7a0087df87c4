//! User text on its way to a terminal (issue #11, items 1 and 2). `escape` is the one function
//! every piece of text from a user goes through before it is printed for people: error lines,
//! notes and warnings (all of stderr passes `stderr_line`), table cells and confirmation
//! questions. It writes control characters, and the invisible characters that reorder or hide
//! text (bidirectional controls, zero-width space, line and paragraph separators), as `\u{1b}`,
//! so an error is always one line and no escape sequence reaches the terminal raw. JSON and CSV
//! output are data and keep the text exact (JSON escapes control characters itself).
//!
//! `cut` bounds a long field before a table lays it out: a table of a 10 MB description is
//! linear in the description, and shows its start with `…`.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Characters that are printed as `\u{…}` rather than raw.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}'              // Arabic letter mark
            | '\u{200b}'            // zero-width space
            | '\u{200e}' | '\u{200f}' // left-to-right and right-to-left marks
            | '\u{2028}' | '\u{2029}' // line and paragraph separators
            | '\u{202a}'..='\u{202e}' // bidirectional embeddings and overrides
            | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
            | '\u{2066}'..='\u{2069}' // bidirectional isolates
            | '\u{feff}'            // zero-width no-break space (BOM)
        )
}

/// `text` with every character of [`is_unsafe`] written as `\u{hex}`; borrowed when there is
/// none, which is nearly always.
pub fn escape(text: &str) -> Cow<'_, str> {
    let Some(first) = text.find(is_unsafe) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len() + 8);
    out.push_str(&text[..first]);
    for c in text[first..].chars() {
        if is_unsafe(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// At most `max_chars` characters of `text`: the text itself when it fits, else its first
/// `max_chars - 1` characters and `…` (`max_chars` is at least 1). Linear in `max_chars`, whatever the text's length.
pub fn cut(text: &str, max_chars: usize) -> Cow<'_, str> {
    if text.len() <= max_chars {
        // Never more characters than bytes.
        return Cow::Borrowed(text);
    }
    let keep = max_chars.saturating_sub(1);
    let mut ends = text.char_indices().map(|(i, _)| i);
    match ends.nth(keep) {
        // Exactly max_chars characters or fewer: it fits.
        Some(end) if text[end..].chars().nth(1).is_some() => {
            let mut out = String::with_capacity(end + 3);
            out.push_str(&text[..end]);
            out.push('…');
            Cow::Owned(out)
        }
        _ => Cow::Borrowed(text),
    }
}

/// `escape(cut(text))`: what a table cell shows of a field.
pub fn cell(text: &str, max_chars: usize) -> String {
    escape(&cut(text, max_chars)).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn escapes_controls_and_invisible_characters() {
        assert_eq!(escape("plain text é ✓"), "plain text é ✓");
        assert!(matches!(escape("plain"), Cow::Borrowed(_)));
        assert_eq!(escape("evil\nFAKE\u{1b}[2J"), "evil\\u{a}FAKE\\u{1b}[2J");
        assert_eq!(escape("a\tb\rc\u{7f}"), "a\\u{9}b\\u{d}c\\u{7f}");
        assert_eq!(escape("al\u{202e}ice"), "al\\u{202e}ice");
        assert_eq!(escape("a\u{200b}b\u{2028}c"), "a\\u{200b}b\\u{2028}c");
        assert_eq!(escape("\u{85}"), "\\u{85}");
    }

    #[test]
    fn cuts_long_text_with_an_ellipsis() {
        assert_eq!(cut("short", 10), "short");
        assert_eq!(cut("exactly10!", 10), "exactly10!");
        assert_eq!(cut("eleven chars", 10), "eleven ch…");
        assert_eq!(cut("ééééé", 5), "ééééé");
        assert_eq!(cut("éééééé", 5), "éééé…");
        assert_eq!(cut("", 0), "");
    }

    proptest! {
        #[test]
        fn escaped_text_has_no_unsafe_character(text in "\\PC{0,20}|[\\x00-\\x1f\\u{202a}-\\u{202e}a-z]{0,20}") {
            let e = escape(&text);
            prop_assert!(!e.contains(is_unsafe));
            prop_assert!(!e.contains('\n'));
        }

        #[test]
        fn cut_text_is_a_prefix_within_the_limit(text in "\\PC{0,30}", max in 1usize..20) {
            let c = cut(&text, max);
            prop_assert!(c.chars().count() <= max);
            if c.chars().count() < text.chars().count() {
                prop_assert!(c.ends_with('…'));
                prop_assert!(text.starts_with(c.trim_end_matches('…')));
            } else {
                prop_assert_eq!(c.as_ref(), text.as_str());
            }
        }
    }
}
