//! Free text from users and its bounds (CONTRACT.md, "Rules"; issue #11, item 2): names (a
//! token's `--name`, account and participant names, app-key names) are 1 to 200 characters
//! without control characters; a definition's description at most 2,000 characters; a
//! message's subject at most 200; its template at most 64 KiB; a reason for the audit log as
//! much as a description. The checks run wherever such
//! text enters: flags, import rows and definitions.
//!
//! `shown` is how an error names a piece of text: quoted and cut, so a 5 MB field does not
//! become a 5 MB error line (control characters are escaped where the line is printed).

use crate::error::{Error, Result};

pub const NAME_MAX_CHARS: usize = 200;
pub const DESCRIPTION_MAX_CHARS: usize = 2_000;
/// A reason given for a change (`token set-state --reason`) goes into the audit log for good:
/// as long as a description may be.
pub const REASON_MAX_CHARS: usize = DESCRIPTION_MAX_CHARS;
pub const SUBJECT_MAX_CHARS: usize = 200;
pub const TEMPLATE_MAX_BYTES: usize = 64 * 1024;

/// How many characters of an offending text an error quotes.
const SHOWN_CHARS: usize = 40;

/// `text` quoted for an error: its first characters, `…` when there is more.
pub fn shown(text: &str) -> String {
    let mut chars = text.char_indices();
    match chars.nth(SHOWN_CHARS) {
        Some((end, _)) => format!("\"{}…\"", &text[..end]),
        None => format!("\"{text}\""),
    }
}

/// The number of characters of `text`, counting no further than `limit + 1`: enough to say
/// whether it is over the limit without walking a 5 MB field to its end.
fn count_up_to(text: &str, limit: usize) -> usize {
    text.chars().take(limit + 1).count()
}

/// A name: 1 to 200 characters, not only whitespace, without control characters. `what` says
/// whose name it is in the error ("name", "account name").
pub fn check_name(what: &str, name: &str) -> Result<()> {
    if name.trim().is_empty() {
        return Err(Error::invalid(format!(
            "the {what} is empty; give 1 to {NAME_MAX_CHARS} characters"
        )));
    }
    if count_up_to(name, NAME_MAX_CHARS) > NAME_MAX_CHARS {
        return Err(Error::invalid(format!(
            "the {what} {} is {} characters long; at most {NAME_MAX_CHARS} are allowed",
            shown(name),
            name.chars().count()
        )));
    }
    if name.chars().any(char::is_control) {
        return Err(Error::invalid(format!(
            "the {what} {} contains a control character; names are text without control characters",
            shown(name)
        )));
    }
    Ok(())
}

/// Why `text` is longer than `max` characters, if it is.
pub fn too_many_chars(text: &str, max: usize) -> Option<String> {
    (count_up_to(text, max) > max).then(|| {
        format!(
            "is {} characters long; at most {max} are allowed",
            text.chars().count()
        )
    })
}

/// Why `text` is larger than `max` bytes, if it is.
pub fn too_many_bytes(text: &str, max: usize) -> Option<String> {
    (text.len() > max).then(|| {
        format!(
            "is {} bytes long; at most {max} ({} KiB) are allowed",
            text.len(),
            max / 1024
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_bounded_printable_text() {
        assert!(check_name("name", "Front desk").is_ok());
        assert!(check_name("name", &"é".repeat(200)).is_ok());
        let e = check_name("name", &"x".repeat(201)).unwrap_err();
        assert_eq!(e.kind, crate::Kind::Invalid);
        assert!(e.message.contains("201 characters"), "{}", e.message);
        assert!(e.message.len() < 150, "{}", e.message);
        assert!(check_name("name", "  ").is_err());
        assert!(check_name("name", "").is_err());
        assert!(check_name("name", "a\u{1b}[2J").is_err());
        assert!(check_name("name", "a\nb").is_err());
    }

    #[test]
    fn shown_cuts_long_text() {
        assert_eq!(shown("abc"), "\"abc\"");
        assert_eq!(shown(&"y".repeat(40)), format!("\"{}\"", "y".repeat(40)));
        assert_eq!(shown(&"y".repeat(41)), format!("\"{}…\"", "y".repeat(40)));
    }

    #[test]
    fn limits_say_why() {
        assert_eq!(too_many_chars("abc", 3), None);
        assert!(too_many_chars("abcd", 3).unwrap().contains("4 characters"));
        assert_eq!(too_many_bytes("abc", 3), None);
        assert!(too_many_bytes(&"a".repeat(70_000), TEMPLATE_MAX_BYTES).is_some());
    }
}
