//! Message templates: the `#table.field` tags of CRM.COM communication templates (seeds, "Using
//! the Verification code"), which tags exist, which of them carry a secret, and rendering. A tag
//! is `#` followed by exactly `[a-z_]+.[a-z_]+`, so punctuation after it (`#access_token.number.`
//! at the end of a sentence) stays text; anything else after a `#` is literal text. Pure: the
//! caller supplies the values, and leaves out the secrets its command did not make or receive;
//! a line that would show such a secret is left out.

use std::collections::BTreeMap;

/// Every tag a template may use, without the leading `#`.
pub const KNOWN_TAGS: &[&str] = &[
    "access_token.number",
    "access_token.name",
    "access_token.identifier",
    "access_token.pass_code",
    "access_token.authentication_code",
    "access_token.verification_code",
    "access_token.state",
    "access_token.expires_at",
    // The same instant as people read it (issue #15): `Tuesday 14 November 2023, 22:13 UTC`.
    "access_token.expires_at_human",
    "access_token.classification",
    "access_token.verification_expires_at",
    "accounts_receivable.id",
    "accounts_receivable.name",
    "accounts_receivable.email",
    "accounts_receivable.phone",
    "rewards_participant.id",
    "rewards_participant.name",
    "rewards_participant.email",
    "rewards_participant.phone",
];

/// The tags whose value is a secret: they render only in the message queued by the command that
/// made the secret, and a delivered message's body is erased because of them.
pub const SECRET_TAGS: &[&str] = &[
    "access_token.pass_code",
    "access_token.authentication_code",
    "access_token.verification_code",
];

pub fn is_known(tag: &str) -> bool {
    KNOWN_TAGS.contains(&tag)
}

pub fn is_secret(tag: &str) -> bool {
    SECRET_TAGS.contains(&tag)
}

/// Every tag in `template`, in order: the byte offset of its `#` and the tag without the `#`.
/// Tags that are not in [`KNOWN_TAGS`] are included, so that validation can name them.
pub fn tags(template: &str) -> Vec<(usize, &str)> {
    let bytes = template.as_bytes();
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(hash) = bytes[at..].iter().position(|b| *b == b'#').map(|p| at + p) {
        match tag_end(bytes, hash + 1) {
            Some(end) => {
                // Every byte of a tag is ASCII, so both ends are char boundaries.
                found.push((hash, &template[hash + 1..end]));
                at = end;
            }
            None => at = hash + 1,
        }
    }
    found
}

/// The tags of `template` that are not in [`KNOWN_TAGS`], with the byte offset of their `#`.
pub fn unknown_tags(template: &str) -> Vec<(usize, &str)> {
    tags(template)
        .into_iter()
        .filter(|(_, tag)| !is_known(tag))
        .collect()
}

/// Whether `template` uses a tag whose value is a secret.
pub fn uses_secret(template: &str) -> bool {
    tags(template).iter().any(|(_, tag)| is_secret(tag))
}

/// `template` with every known tag replaced by its value in `values` (keyed by the tag without
/// `#`; a missing value renders as nothing) and everything else, unknown tags included, as is.
/// A secret tag never renders empty: a line holding one whose secret is not in `values` (the
/// command did not make or receive it) is left out of the message whole (issue #11, item 6).
pub fn render(template: &str, values: &BTreeMap<&str, String>) -> String {
    render_with(template, values, |out, _, value| out.push_str(value))
}

/// [`render`], with each secret written by `put_secret(out, tag, value)` instead of as is: the
/// outbox writes a placeholder there and keeps the secret sealed (issue #11, item 5).
pub fn render_with(
    template: &str,
    values: &BTreeMap<&str, String>,
    mut put_secret: impl FnMut(&mut String, &'static str, &str),
) -> String {
    let mut out = String::with_capacity(template.len());
    for line in template.split_inclusive('\n') {
        let found = tags(line);
        let unfilled = found
            .iter()
            .any(|(_, tag)| is_secret(tag) && !values.contains_key(tag));
        if unfilled {
            continue;
        }
        let mut copied = 0;
        for (hash, tag) in found {
            let Some(known) = KNOWN_TAGS.iter().find(|k| **k == tag) else {
                continue;
            };
            out.push_str(&line[copied..hash]);
            if let Some(value) = values.get(tag) {
                if is_secret(tag) {
                    put_secret(&mut out, known, value);
                } else {
                    out.push_str(value);
                }
            }
            copied = hash + 1 + tag.len();
        }
        out.push_str(&line[copied..]);
    }
    out
}

/// The end of a tag body `[a-z_]+\.[a-z_]+` starting at `start`, if one starts there. Exactly one
/// dot, so a dot that ends a sentence is never taken into the tag.
fn tag_end(bytes: &[u8], start: usize) -> Option<usize> {
    let word = |from: usize| {
        let len = bytes
            .get(from..)?
            .iter()
            .take_while(|b| b.is_ascii_lowercase() || **b == b'_')
            .count();
        (len > 0).then_some(from + len)
    };
    let table_end = word(start)?;
    if bytes.get(table_end) != Some(&b'.') {
        return None;
    }
    word(table_end + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn values() -> BTreeMap<&'static str, String> {
        BTreeMap::from([
            ("access_token.number", "AT0000000042".to_string()),
            ("access_token.verification_code", "123456".to_string()),
        ])
    }

    #[test]
    fn scans_tags_with_offsets() {
        let text = "Token #access_token.number, code #access_token.verification_code";
        assert_eq!(
            tags(text),
            vec![
                (6, "access_token.number"),
                (33, "access_token.verification_code")
            ]
        );
    }

    #[test]
    fn a_dot_that_ends_a_sentence_is_not_part_of_the_tag() {
        assert_eq!(
            tags("Your token is #access_token.number."),
            vec![(14, "access_token.number")]
        );
        assert_eq!(
            render("Your token is #access_token.number.", &values()),
            "Your token is AT0000000042."
        );
        assert_eq!(
            render("#access_token.number.#access_token.number", &values()),
            "AT0000000042.AT0000000042"
        );
    }

    #[test]
    fn lone_hashes_and_numbers_are_text() {
        for text in [
            "#",
            "# 1",
            "#123",
            "room #5.",
            "a#b",
            "#access_token",
            "#.x",
            "#a.",
        ] {
            assert!(tags(text).is_empty(), "{text}");
            assert_eq!(render(text, &values()), text);
        }
        assert_eq!(render("##access_token.number", &values()), "#AT0000000042");
    }

    #[test]
    fn a_line_whose_secret_is_missing_is_left_out_whole() {
        let text = "Number: #access_token.number\nPass code: #access_token.pass_code\nCode: #access_token.verification_code\nBye";
        assert_eq!(
            render(text, &values()),
            "Number: AT0000000042\nCode: 123456\nBye"
        );
        // The last line, without a newline of its own.
        assert_eq!(
            render("A\nPass code: #access_token.pass_code", &values()),
            "A\n"
        );
        let mut secrets = Vec::new();
        let masked = render_with(text, &values(), |out, tag, value| {
            secrets.push((out.len(), tag, value.to_string()));
            out.push_str("***");
        });
        assert_eq!(masked, "Number: AT0000000042\nCode: ***\nBye");
        assert_eq!(
            secrets,
            vec![(27, "access_token.verification_code", "123456".to_string())]
        );
    }

    #[test]
    fn renders_missing_values_as_nothing_and_keeps_unknown_tags() {
        assert_eq!(render("id=#access_token.identifier;", &values()), "id=;");
        assert_eq!(
            render("#access_token.colour #access_token.number", &values()),
            "#access_token.colour AT0000000042"
        );
    }

    #[test]
    fn a_misspelt_tag_is_reported_whole() {
        assert_eq!(
            unknown_tags("a #access_token.numbers b #access_token.number"),
            vec![(2, "access_token.numbers")]
        );
    }

    #[test]
    fn knows_the_secret_tags() {
        assert!(SECRET_TAGS.iter().all(|tag| is_known(tag)));
        assert!(uses_secret("code: #access_token.pass_code"));
        assert!(!uses_secret("token #access_token.number"));
    }

    #[test]
    fn keeps_multibyte_text_intact() {
        assert_eq!(
            render("né #access_token.number → ✓", &values()),
            "né AT0000000042 → ✓"
        );
    }

    proptest! {
        #[test]
        fn scanning_and_rendering_never_panic(text in "\\PC*") {
            let found = tags(&text);
            for (hash, tag) in &found {
                prop_assert_eq!(&text[*hash + 1..*hash + 1 + tag.len()], *tag);
            }
            let _ = render(&text, &values());
        }

        #[test]
        fn text_without_known_tags_renders_unchanged(text in "[a-z_.# ]{0,40}") {
            prop_assume!(tags(&text).iter().all(|(_, tag)| !is_known(tag)));
            prop_assert_eq!(render(&text, &values()), text);
        }
    }
}
