//! The rules a definition must meet beyond its types: ranges, consistency between keys,
//! authentication-code entropy, argon2 costs, identifier patterns and template tags. Run on the
//! definition's own policy and on every classification's merged policy; each error names the
//! full key path (`classifications.gold.pass_code.min_length`) and points at the key in the text.

use super::locate::Source;
use super::policy::{
    full_match, regex_reason, AuthCodePolicy, Automation, Communication, ExpiryPolicy,
    IdentifierFormat, IdentifierGenerate, IdentifierPolicy, LockoutPolicy, MessageTemplate,
    NumberPolicy, PassCodePolicy, Policy, SessionPolicy, VerificationPolicy,
};
use super::{Definition, DefinitionError};
use crate::domain::message::Event;
use crate::domain::{template, text};

type Checked = Result<(), DefinitionError>;

/// Bits of entropy the random part of a generated authentication code must carry at least.
const MIN_CODE_BITS: f64 = 80.0;
/// Characters at the end of a code that are its checksum (contract, "Definitions").
const CHECKSUM_CHARS: u32 = 6;
const MAX_SESSION_TTL_SECS: i64 = 30 * 86_400;

pub(super) fn definition(def: &Definition, source: &Source) -> Checked {
    name(def, source)?;
    policy(
        &Scope {
            source,
            class: None,
        },
        &def.base,
    )?;
    for (class, policy_of_class) in &def.classifications {
        classification_name(class, source)?;
        policy(
            &Scope {
                source,
                class: Some(class),
            },
            policy_of_class,
        )?;
    }
    Ok(())
}

fn name(def: &Definition, source: &Source) -> Checked {
    let at = |message: String| source.error_at_key(&["name"], message);
    if def.name.is_empty() {
        return Err(at(
            "name is empty; give the definition a name of letters, digits, `_`, `.` or `-`"
                .to_string(),
        ));
    }
    if !def
        .name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
    {
        return Err(at(format!(
            "name ({:?}) may contain only letters, digits, `_`, `.` and `-`",
            def.name
        )));
    }
    if def.name.chars().count() > 64 {
        return Err(at(format!(
            "name ({:?}) is {} characters long; the longest allowed is 64",
            def.name,
            def.name.chars().count()
        )));
    }
    if let Some(why) = text::too_many_chars(&def.description, text::DESCRIPTION_MAX_CHARS) {
        return Err(source.error_at_key(&["description"], format!("description {why}")));
    }
    let code = &def.alternative_code;
    if code.is_empty()
        || code.chars().count() > 64
        || !code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
    {
        return Err(source.error_at_key(
            &["alternative_code"],
            format!(
                "alternative_code ({code:?}) must be 1 to 64 letters, digits, `_`, `.` or `-`; \
                 leave it out to use the name's initials"
            ),
        ));
    }
    Ok(())
}

fn classification_name(class: &str, source: &Source) -> Checked {
    if class.is_empty()
        || !class
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-'))
    {
        return Err(source.error_at_key(
            &["classifications", class],
            format!(
                "classification name {class:?} may contain only letters, digits, `_` and `-`, \
                 and may not be empty"
            ),
        ));
    }
    Ok(())
}

/// Whose policy is being checked: the definition's own, or a classification's.
struct Scope<'a> {
    source: &'a Source<'a>,
    class: Option<&'a str>,
}

impl Scope<'_> {
    /// The full key path of `key` (`pass_code.min_length`) as a user reads it.
    fn name(&self, key: &str) -> String {
        match self.class {
            None => key.to_string(),
            Some(class) => format!("classifications.{class}.{key}"),
        }
    }

    fn path<'k>(&'k self, key: &'k str) -> Vec<&'k str> {
        let mut path = Vec::new();
        if let Some(class) = self.class {
            path.extend(["classifications", class]);
        }
        path.extend(key.split('.'));
        path
    }

    /// An error at the first of `keys` written in this scope. A classification is valid
    /// whenever the base is and it sets nothing, so one of the keys it sets is the culprit.
    fn fail(&self, keys: &[&str], message: String) -> DefinitionError {
        let paths: Vec<Vec<&str>> = keys.iter().map(|key| self.path(key)).collect();
        self.source.error_at_keys(&paths, message)
    }

    fn ensure(&self, ok: bool, keys: &[&str], message: impl FnOnce() -> String) -> Checked {
        if ok {
            Ok(())
        } else {
            Err(self.fail(keys, message()))
        }
    }
}

fn policy(scope: &Scope, policy: &Policy) -> Checked {
    number(scope, &policy.number)?;
    authentication_code(scope, &policy.authentication_code)?;
    identifier(scope, &policy.identifier)?;
    pass_code(scope, &policy.pass_code)?;
    automation(scope, &policy.automation)?;
    verification(scope, &policy.verification)?;
    expiry(scope, &policy.expiry)?;
    session(scope, &policy.session)?;
    lockout(scope, &policy.lockout)?;
    communication(scope, &policy.communication)?;
    expiry_warning(scope, policy)
}

fn number(s: &Scope, p: &NumberPolicy) -> Checked {
    let prefix_ok = p.prefix.chars().count() <= 8
        && p.prefix
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-'));
    s.ensure(prefix_ok, &["number.prefix"], || {
        format!(
            "{} ({:?}) must be at most 8 letters, digits, `_` or `-`",
            s.name("number.prefix"),
            p.prefix
        )
    })?;
    s.ensure((4..=18).contains(&p.digits), &["number.digits"], || {
        format!(
            "{} ({}) must be from 4 to 18",
            s.name("number.digits"),
            p.digits
        )
    })
}

fn authentication_code(s: &Scope, p: &AuthCodePolicy) -> Checked {
    let prefix_ok =
        p.prefix.chars().count() <= 16 && p.prefix.chars().all(|c| c.is_ascii_graphic());
    s.ensure(prefix_ok, &["authentication_code.prefix"], || {
        format!(
            "{} ({:?}) must be at most 16 printable ASCII characters without spaces",
            s.name("authentication_code.prefix"),
            p.prefix
        )
    })?;
    s.ensure(p.length <= 128, &["authentication_code.length"], || {
        format!(
            "{} ({}) is longer than 128; make it at most 128",
            s.name("authentication_code.length"),
            p.length
        )
    })?;
    let checksum = if p.checksum { CHECKSUM_CHARS } else { 0 };
    let random = p.length.saturating_sub(checksum);
    let bits = f64::from(random) * p.alphabet.bits_per_char();
    s.ensure(
        bits >= MIN_CODE_BITS,
        &[
            "authentication_code.length",
            "authentication_code.alphabet",
            "authentication_code.checksum",
        ],
        || {
            // The bound is small and positive, so the cast cannot truncate.
            let needed = (MIN_CODE_BITS / p.alphabet.bits_per_char()).ceil() as u32 + checksum;
            let after_checksum = if p.checksum {
                " after the 6-character checksum"
            } else {
                ""
            };
            format!(
                "{} ({}) leaves {random} random characters of the {} alphabet{after_checksum}, \
                 {bits:.0} bits of entropy; at least 80 bits are needed, so make the length at \
                 least {needed}",
                s.name("authentication_code.length"),
                p.length,
                p.alphabet.as_str(),
            )
        },
    )?;
    s.ensure(
        (8..=256).contains(&p.min_custom_length),
        &["authentication_code.min_custom_length"],
        || {
            format!(
                "{} ({}) must be from 8 to 256",
                s.name("authentication_code.min_custom_length"),
                p.min_custom_length
            )
        },
    )
}

fn identifier(s: &Scope, p: &IdentifierPolicy) -> Checked {
    let format = p.format.as_str();
    match (&p.pattern, p.format) {
        (None, IdentifierFormat::Regex) => {
            return Err(s.fail(
                &["identifier.format"],
                format!(
                    "{} is \"regex\" but {} is missing; add the pattern identifiers must match",
                    s.name("identifier.format"),
                    s.name("identifier.pattern")
                ),
            ))
        }
        (Some(pattern), IdentifierFormat::Regex) => {
            if let Err(error) = full_match(pattern, None) {
                return Err(s.fail(
                    &["identifier.pattern"],
                    format!(
                        "{} ({pattern:?}) is not a valid regular expression: {}",
                        s.name("identifier.pattern"),
                        regex_reason(&error)
                    ),
                ));
            }
        }
        (Some(pattern), _) => {
            return Err(s.fail(
                &["identifier.pattern"],
                format!(
                    "{} ({pattern:?}) is set but {} is {format:?}; remove the pattern or set \
                     format = \"regex\"",
                    s.name("identifier.pattern"),
                    s.name("identifier.format")
                ),
            ))
        }
        (None, _) => {}
    }
    let generate_ok = match p.generate {
        IdentifierGenerate::None => true,
        IdentifierGenerate::Number => matches!(
            p.format,
            IdentifierFormat::Number | IdentifierFormat::FreeText
        ),
        IdentifierGenerate::Id => p.format == IdentifierFormat::FreeText,
    };
    s.ensure(
        generate_ok,
        &["identifier.generate", "identifier.format"],
        || {
            let needs = if p.generate == IdentifierGenerate::Number {
                "\"number\" or \"free_text\""
            } else {
                "\"free_text\""
            };
            format!(
                "{} ({:?}) cannot produce identifiers of {} {format:?}; set format to {needs}",
                s.name("identifier.generate"),
                p.generate.as_str(),
                s.name("identifier.format")
            )
        },
    )?;
    s.ensure(p.min_length <= 256, &["identifier.min_length"], || {
        format!(
            "{} ({}) is greater than 256; make it at most 256",
            s.name("identifier.min_length"),
            p.min_length
        )
    })?;
    let counts = u64::from(p.min_lowercase) + u64::from(p.min_digits) + u64::from(p.min_special);
    s.ensure(
        counts <= 256,
        &[
            "identifier.min_lowercase",
            "identifier.min_digits",
            "identifier.min_special",
        ],
        || {
            format!(
                "{} + min_digits + min_special ({counts}) is greater than 256; lower them",
                s.name("identifier.min_lowercase")
            )
        },
    )
}

fn pass_code(s: &Scope, p: &PassCodePolicy) -> Checked {
    let (min, max, generate) = (
        s.name("pass_code.min_length"),
        s.name("pass_code.max_length"),
        s.name("pass_code.generate_length"),
    );
    s.ensure(p.min_length >= 1, &["pass_code.min_length"], || {
        format!("{min} (0) must be at least 1")
    })?;
    s.ensure(p.max_length <= 1024, &["pass_code.max_length"], || {
        format!(
            "{max} ({}) is greater than 1024; make it at most 1024",
            p.max_length
        )
    })?;
    s.ensure(
        p.min_length <= p.max_length,
        &["pass_code.min_length", "pass_code.max_length"],
        || {
            format!(
                "{min} ({}) is greater than {max} ({}); make min_length at most max_length",
                p.min_length, p.max_length
            )
        },
    )?;
    s.ensure(
        p.min_length <= p.generate_length && p.generate_length <= p.max_length,
        &[
            "pass_code.generate_length",
            "pass_code.min_length",
            "pass_code.max_length",
        ],
        || {
            format!(
                "{generate} ({}) is outside {min} ({}) to {max} ({}); make generated pass codes \
                 a length the policy accepts",
                p.generate_length, p.min_length, p.max_length
            )
        },
    )?;
    let counts = u64::from(p.min_lowercase)
        + u64::from(p.min_uppercase)
        + u64::from(p.min_digits)
        + u64::from(p.min_special);
    let keys = [
        "pass_code.min_lowercase",
        "pass_code.min_uppercase",
        "pass_code.min_digits",
        "pass_code.min_special",
    ];
    let sum = || {
        format!(
            "{} + min_uppercase + min_digits + min_special ({counts})",
            s.name("pass_code.min_lowercase")
        )
    };
    s.ensure(counts <= u64::from(p.max_length), &keys, || {
        format!(
            "{} is greater than {max} ({}); no pass code could meet them, so lower the minimums",
            sum(),
            p.max_length
        )
    })?;
    s.ensure(counts <= u64::from(p.generate_length), &keys, || {
        format!(
            "{} is greater than {generate} ({}); generated pass codes could not meet them, so \
             lower the minimums or raise generate_length",
            sum(),
            p.generate_length
        )
    })?;

    let hash = &p.hash;
    s.ensure(
        (8..=4_194_304).contains(&hash.memory_kib),
        &["pass_code.hash.memory_kib"],
        || {
            format!(
                "{} ({}) must be from 8 to 4194304 (4 GiB); OWASP recommends at least 19456",
                s.name("pass_code.hash.memory_kib"),
                hash.memory_kib
            )
        },
    )?;
    s.ensure(
        (1..=100).contains(&hash.iterations),
        &["pass_code.hash.iterations"],
        || {
            format!(
                "{} ({}) must be from 1 to 100",
                s.name("pass_code.hash.iterations"),
                hash.iterations
            )
        },
    )?;
    s.ensure(
        (1..=64).contains(&hash.parallelism),
        &["pass_code.hash.parallelism"],
        || {
            format!(
                "{} ({}) must be from 1 to 64",
                s.name("pass_code.hash.parallelism"),
                hash.parallelism
            )
        },
    )?;
    // Argon2 needs 8 KiB of memory per lane.
    s.ensure(
        u64::from(hash.memory_kib) >= 8 * u64::from(hash.parallelism),
        &["pass_code.hash.memory_kib", "pass_code.hash.parallelism"],
        || {
            format!(
                "{} ({}) is less than 8 KiB per lane of {} ({}); raise memory_kib to at least {}",
                s.name("pass_code.hash.memory_kib"),
                hash.memory_kib,
                s.name("pass_code.hash.parallelism"),
                hash.parallelism,
                8 * hash.parallelism
            )
        },
    )
}

fn automation(s: &Scope, p: &Automation) -> Checked {
    s.ensure(
        p.max_tokens_per_account != Some(0),
        &["automation.max_tokens_per_account"],
        || {
            format!(
                "{} (0) must be at least 1; leave the key out for no limit",
                s.name("automation.max_tokens_per_account")
            )
        },
    )
}

fn verification(s: &Scope, p: &VerificationPolicy) -> Checked {
    s.ensure(
        (4..=32).contains(&p.code_length),
        &["verification.code_length"],
        || {
            format!(
                "{} ({}) must be from 4 to 32",
                s.name("verification.code_length"),
                p.code_length
            )
        },
    )?;
    s.ensure(
        (1..=100).contains(&p.max_attempts),
        &["verification.max_attempts"],
        || {
            format!(
                "{} ({}) must be from 1 to 100",
                s.name("verification.max_attempts"),
                p.max_attempts
            )
        },
    )?;
    s.ensure(!p.valid_for.is_zero(), &["verification.valid_for"], || {
        format!(
            "{} (\"0s\") must be longer than zero, such as \"24h\"",
            s.name("verification.valid_for")
        )
    })
}

fn expiry(s: &Scope, p: &ExpiryPolicy) -> Checked {
    s.ensure(
        p.default_ttl.is_none_or(|ttl| !ttl.is_zero()),
        &["expiry.default_ttl"],
        || {
            format!(
                "{} (\"0s\") would expire tokens as they are made; leave the key out for tokens \
                 that do not expire",
                s.name("expiry.default_ttl")
            )
        },
    )?;
    // A negative warn_before never gets here: a duration has no sign, and the parser says so.
    let Some(warn) = p.warn_before else {
        return Ok(());
    };
    s.ensure(!warn.is_zero(), &["expiry.warn_before"], || {
        format!(
            "{} (\"0s\") would warn only once the token has expired; give how long before \
             its expiry to warn, such as \"7d\", or leave the key out for no warnings",
            s.name("expiry.warn_before")
        )
    })?;
    match p.default_ttl {
        Some(ttl) => s.ensure(
            warn < ttl,
            &["expiry.warn_before", "expiry.default_ttl"],
            || {
                format!(
                    "{} (\"{warn}\") is not shorter than {} (\"{ttl}\"), a token's whole life, so \
                     every token would be warned as it is made; make warn_before shorter",
                    s.name("expiry.warn_before"),
                    s.name("expiry.default_ttl")
                )
            },
        ),
        None => Ok(()),
    }
}

/// `[communication.on_expiry_warning]` needs `expiry.warn_before` (that it carries no secret
/// tag is `message`'s rule, by the event's fillable secrets).
fn expiry_warning(s: &Scope, p: &Policy) -> Checked {
    let message = &p.communication.on_expiry_warning;
    s.ensure(
        !message.enabled || p.expiry.warn_before.is_some(),
        &[
            "communication.on_expiry_warning.enabled",
            "communication.on_expiry_warning",
        ],
        || {
            format!(
                "{} is enabled but {} is not set, so no warning would ever be queued; set \
                 warn_before (such as \"7d\") or enabled = false",
                s.name("communication.on_expiry_warning"),
                s.name("expiry.warn_before")
            )
        },
    )
}

fn session(s: &Scope, p: &SessionPolicy) -> Checked {
    s.ensure(
        !p.ttl.is_zero() && p.ttl.as_secs() <= MAX_SESSION_TTL_SECS,
        &["session.ttl"],
        || {
            format!(
                "{} (\"{}\") must be longer than zero and at most \"30d\"",
                s.name("session.ttl"),
                p.ttl
            )
        },
    )?;
    s.ensure(!p.issuer.trim().is_empty(), &["session.issuer"], || {
        format!(
            "{} is empty; name who issues session tokens, such as \"tokenadm\"",
            s.name("session.issuer")
        )
    })
}

fn lockout(s: &Scope, p: &LockoutPolicy) -> Checked {
    s.ensure(p.max_failures >= 1, &["lockout.max_failures"], || {
        format!("{} (0) must be at least 1", s.name("lockout.max_failures"))
    })?;
    s.ensure(!p.window.is_zero(), &["lockout.window"], || {
        format!(
            "{} (\"0s\") must be longer than zero, such as \"15m\"",
            s.name("lockout.window")
        )
    })
}

fn communication(s: &Scope, p: &Communication) -> Checked {
    for (event, message) in [
        (Event::OnCreate, &p.on_create),
        (Event::OnReset, &p.on_reset),
        (Event::OnVerification, &p.on_verification),
        (Event::OnExpiryWarning, &p.on_expiry_warning),
    ] {
        self::message(s, event, message)?;
    }
    Ok(())
}

fn message(s: &Scope, on: Event, message: &MessageTemplate) -> Checked {
    let event = on.as_str();
    for (field, value) in [
        ("subject", &message.subject),
        ("template", &message.template),
    ] {
        let key = format!("communication.{event}.{field}");
        let too_long = if field == "subject" {
            text::too_many_chars(value, text::SUBJECT_MAX_CHARS)
        } else {
            text::too_many_bytes(value, text::TEMPLATE_MAX_BYTES)
        };
        if let Some(why) = too_long {
            return Err(s.fail(&[key.as_str()], format!("{} {why}", s.name(&key))));
        }
        if field == "subject" && value.chars().any(char::is_control) {
            return Err(s.fail(
                &[key.as_str()],
                format!(
                    "{} contains a control character; a subject is one line of text",
                    s.name(&key)
                ),
            ));
        }
        if let Some((offset, tag)) = template::unknown_tags(value).first() {
            return Err(unknown_tag(s, &key, value, *offset, tag));
        }
        // A subject shows in notification previews and lists, and stays with the message's
        // metadata after its body (and the secret in it) is erased on delivery.
        if field == "subject" {
            if let Some((offset, tag)) = template::tags(value)
                .into_iter()
                .find(|(_, tag)| template::is_secret(tag))
            {
                let message = format!(
                    "{} uses the secret tag #{tag}; a secret may only be in the template (the body), which is erased once the message is sent",
                    s.name(&key)
                );
                return Err(tag_error(s, &key, value, offset, tag, message));
            }
        }
    }
    let key = format!("communication.{event}.template");
    // A secret tag renders only the secret of the command that queued the message; one that no
    // command of this event ever has would never render (issue #11, item 6).
    if let Some((offset, tag)) = template::tags(&message.template)
        .into_iter()
        .find(|(_, tag)| template::is_secret(tag) && !on.fillable_secrets().contains(tag))
    {
        let fillable = on.fillable_secrets();
        let carries = if fillable.is_empty() {
            // The expiry warning: `token expire` makes no secret (issue #15).
            "no secret at all".to_string()
        } else {
            fillable
                .iter()
                .map(|t| format!("#{t}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let text = format!(
            "{} uses the secret tag #{tag}, which no command that sends the {event} message has \
             (it can carry {carries}); remove the tag, or move it to the template of an event \
             whose command makes that secret",
            s.name(&key),
        );
        return Err(tag_error(s, &key, &message.template, offset, tag, text));
    }
    s.ensure(
        !message.enabled || !message.template.trim().is_empty(),
        &[key.as_str(), &format!("communication.{event}.enabled")],
        || {
            format!(
                "{} is empty while the message is enabled; write a template or set enabled = false",
                s.name(&key)
            )
        },
    )
}

/// An unknown tag, reported where it is written inside the string value. The raw text is
/// searched for the same occurrence of the tag; escapes rarely touch tags, and if one does the
/// error falls back to the start of the value.
fn unknown_tag(s: &Scope, key: &str, text: &str, offset: usize, tag: &str) -> DefinitionError {
    let hint = match closest_tag(tag) {
        Some(known) => format!("did you mean #{known}?"),
        None => format!("the known tags are #{}", template::KNOWN_TAGS.join(", #")),
    };
    let message = format!("{} uses the unknown tag #{tag}; {hint}", s.name(key));
    tag_error(s, key, text, offset, tag, message)
}

/// `message`, reported at the tag found at byte `offset` of the string value `text` of `key`.
fn tag_error(
    s: &Scope,
    key: &str,
    text: &str,
    offset: usize,
    tag: &str,
    message: String,
) -> DefinitionError {
    let path = s.path(key);
    let Some((start, raw)) = s.source.value_text(&path) else {
        return s.fail(&[key], message);
    };
    let occurrence = template::tags(text)
        .iter()
        .filter(|(at, found)| *found == tag && *at < offset)
        .count();
    let written = format!("#{tag}");
    let at = raw
        .match_indices(&written)
        .filter(|(i, _)| {
            // The same text followed by more tag characters is a different tag.
            !raw[i + written.len()..].starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
        })
        .nth(occurrence)
        .map_or(start, |(i, _)| start + i);
    s.source.error_at(at, message)
}

/// The known tag a misspelt one most likely meant: at most three edits away.
fn closest_tag(tag: &str) -> Option<&'static str> {
    template::KNOWN_TAGS
        .iter()
        .map(|known| (edit_distance(tag, known), *known))
        .filter(|(distance, _)| *distance <= 3)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, known)| known)
}

/// Levenshtein distance over bytes; tags are ASCII.
fn edit_distance(a: &str, b: &str) -> usize {
    let b = b.as_bytes();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.bytes().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitute = diagonal + usize::from(ca != *cb);
            diagonal = row[j + 1];
            row[j + 1] = substitute.min(row[j] + 1).min(diagonal + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests;
