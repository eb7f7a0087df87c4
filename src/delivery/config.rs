//! The `[delivery]` table of the config file (`--config`, default
//! `$XDG_CONFIG_HOME/tokenadm/config.toml`): which transport carries email and SMS, and how
//! patiently. Parsing validates everything a transport will need (URL scheme, sender mailbox,
//! command, durations) so that a mistake is reported once, with the file's line and column,
//! instead of as a failed message on every `outbox deliver`. Nothing here ever shows an SMTP
//! password: not in errors, not in `Debug`.
//!
//! This file holds the settings and reads the file; each transport's own settings are parsed
//! and checked beside it, in `smtp` (the `email` URL and its login) and `command`
//! (`email_command`, `sms_command`).
//!
//! ```toml
//! [delivery]
//! email = "smtp://user:pass@mail.example.com:587?tls=starttls"   # or smtp://, smtps://
//! email_from = "CRM <crm@example.com>"
//! # email_command = ["/usr/sbin/sendmail", "-i"]                 # instead of email
//! sms_command = "/usr/local/bin/send-sms"
//! timeout = "10s"
//! max_attempts = 5
//! backoff = "1m"
//! ```

mod command;
mod smtp;

pub use command::CommandSpec;
pub use smtp::{SmtpCredentials, SmtpSecurity, SmtpUrl, ENV_SMTP_PASSWORD, ENV_SMTP_USER};

use crate::domain::duration::Duration;
use crate::{Error, Result};
use lettre::message::Mailbox;
use serde::de::{self, Deserializer};
use serde::Deserialize;
use smtp::UrlParts;
use std::path::{Path, PathBuf};
use toml::Spanned;

const DEFAULT_TIMEOUT_SECS: i64 = 10;
const DEFAULT_MAX_ATTEMPTS: u32 = 5;
const DEFAULT_BACKOFF_SECS: i64 = 60;
/// The longest wait between two attempts, however many failures came before: a message
/// should not sit for weeks because the mail server was down over a weekend.
const MAX_RETRY_DELAY_SECS: i64 = 86_400;

/// Delivery settings. `Default` is "nothing configured": every message stays pending.
#[derive(Debug, Clone, PartialEq)]
pub struct DeliveryConfig {
    /// The file these settings came from (or would have come from, when it does not exist);
    /// named in hints such as "set [delivery] email in …".
    pub source: PathBuf,
    /// SMTP server for email.
    pub email: Option<SmtpUrl>,
    /// The `From` of every email; present whenever an email transport is configured.
    pub email_from: Option<Mailbox>,
    /// A program that sends email instead of SMTP (exclusive with `email`).
    pub email_command: Option<CommandSpec>,
    /// A program that sends SMS.
    pub sms_command: Option<CommandSpec>,
    /// How long one attempt (SMTP dialogue or command run) may take.
    pub timeout: Duration,
    /// Attempts before a transiently failing message is given up on.
    pub max_attempts: u32,
    /// The wait after the first failure; it doubles with every further failure.
    pub backoff: Duration,
}

impl Default for DeliveryConfig {
    fn default() -> Self {
        DeliveryConfig {
            source: PathBuf::new(),
            email: None,
            email_from: None,
            email_command: None,
            sms_command: None,
            timeout: Duration::from_secs(DEFAULT_TIMEOUT_SECS),
            max_attempts: DEFAULT_MAX_ATTEMPTS,
            backoff: Duration::from_secs(DEFAULT_BACKOFF_SECS),
        }
    }
}

impl DeliveryConfig {
    /// The per-attempt timeout as the standard library wants it.
    pub fn timeout_std(&self) -> std::time::Duration {
        std::time::Duration::from_secs(self.timeout.as_secs().max(0).unsigned_abs())
    }

    /// How long to wait before the next attempt after `failures` failed ones: `backoff`,
    /// doubled for every failure after the first, capped at a day (or at `backoff` itself
    /// when that is longer). Zero failures means "now".
    pub fn retry_delay(&self, failures: u32) -> Duration {
        if failures == 0 {
            return Duration::ZERO;
        }
        let base = self.backoff.as_secs();
        let cap = MAX_RETRY_DELAY_SECS.max(base);
        let factor = 1i64.checked_shl(failures - 1).filter(|f| *f > 0);
        let secs = factor
            .and_then(|f| base.checked_mul(f))
            .map_or(cap, |s| s.min(cap));
        Duration::from_secs(secs)
    }
}

/// `email_from`: a mailbox, checked when the file is read.
struct FromMailbox(Mailbox);

impl<'de> Deserialize<'de> for FromMailbox {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse::<Mailbox>().map(FromMailbox).map_err(|_| {
            de::Error::custom(format!(
                "`email_from` \"{text}\" is not a mailbox; write crm@example.com or \"CRM <crm@example.com>\""
            ))
        })
    }
}

/// The file as written; `deny_unknown_fields` at both levels so a misspelt key or table is an
/// error with its position, not a setting silently ignored.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    delivery: RawDelivery,
    /// Read by [`crate::config`].
    #[serde(default, rename = "outbox")]
    _outbox: Option<de::IgnoredAny>,
    /// Read by [`crate::config`] (issue #13).
    #[serde(default, rename = "serve")]
    _serve: Option<de::IgnoredAny>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawDelivery {
    email: Option<Spanned<UrlParts>>,
    email_from: Option<FromMailbox>,
    email_command: Option<Spanned<CommandSpec>>,
    sms_command: Option<CommandSpec>,
    timeout: Option<Spanned<Duration>>,
    max_attempts: Option<Spanned<u32>>,
    backoff: Option<Duration>,
}

/// Reads the config file. A missing file means "no delivery configured", unless the user
/// named it explicitly (`--config` / `TOKENADM_CONFIG`), in which case a typo in the path
/// must not silently disable delivery.
pub fn load(path: &Path, explicit: bool) -> Result<DeliveryConfig> {
    match read(path, explicit)? {
        Some(text) => parse(&text, path, |name| std::env::var(name).ok()),
        None => Ok(DeliveryConfig {
            source: path.to_path_buf(),
            ..DeliveryConfig::default()
        }),
    }
}

/// The text of the config file; None when it does not exist and was not named explicitly.
pub fn read(path: &Path, explicit: bool) -> Result<Option<String>> {
    match std::fs::read(path) {
        Ok(bytes) => String::from_utf8(bytes).map(Some).map_err(|_| {
            Error::invalid(format!(
                "config file {} is not UTF-8 text; save it as UTF-8",
                path.display()
            ))
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !explicit => Ok(None),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(Error::not_found(format!(
            "config file {} does not exist; create it or pass a different --config",
            path.display()
        ))),
        Err(e) => Err(Error::internal(format!(
            "cannot read config file {}: {e}",
            path.display()
        ))),
    }
}

/// Parses the text of a config file. `env` looks up environment variables; a parameter so
/// tests need not touch the process environment.
pub fn parse(
    text: &str,
    path: &Path,
    env: impl Fn(&str) -> Option<String>,
) -> Result<DeliveryConfig> {
    let at = |span: Option<std::ops::Range<usize>>, message: &str| {
        config_error(path, text, span.map(|s| s.start), message)
    };
    let raw: RawFile = toml::from_str(text).map_err(|e| at(e.span(), e.message()))?;
    let raw = raw.delivery;

    if let (Some(_), Some(cmd)) = (&raw.email, &raw.email_command) {
        return Err(at(
            Some(cmd.span()),
            "`email` (SMTP) and `email_command` are both set; keep one of them",
        ));
    }
    let email_from = raw.email_from.map(|m| m.0);
    let email_span = raw
        .email
        .as_ref()
        .map(Spanned::span)
        .or(raw.email_command.as_ref().map(Spanned::span));
    if let (Some(span), None) = (email_span, &email_from) {
        return Err(at(
            Some(span),
            "an email transport is set but `email_from` is missing; add email_from = \"crm@example.com\" to [delivery]",
        ));
    }

    let email = match raw.email {
        None => None,
        Some(spanned) => {
            let span = spanned.span();
            let url = smtp::resolve(spanned.into_inner(), &env).map_err(|m| at(Some(span), &m))?;
            Some(url)
        }
    };

    let defaults = DeliveryConfig::default();
    let timeout = match raw.timeout {
        Some(t) if t.get_ref().is_zero() => {
            return Err(at(Some(t.span()), "`timeout` must be at least 1s"))
        }
        Some(t) => t.into_inner(),
        None => defaults.timeout,
    };
    let max_attempts = match raw.max_attempts {
        Some(n) if *n.get_ref() == 0 => {
            return Err(at(Some(n.span()), "`max_attempts` must be at least 1"))
        }
        Some(n) => n.into_inner(),
        None => defaults.max_attempts,
    };

    Ok(DeliveryConfig {
        source: path.to_path_buf(),
        email,
        email_from,
        email_command: raw.email_command.map(Spanned::into_inner),
        sms_command: raw.sms_command,
        timeout,
        max_attempts,
        backoff: raw.backoff.unwrap_or(defaults.backoff),
    })
}

/// One sentence naming the file and, when known, the line and column (1-based, in
/// characters) of the offending value.
pub(crate) fn config_error(path: &Path, text: &str, offset: Option<usize>, message: &str) -> Error {
    let message = message.trim_end_matches('\n');
    match offset {
        Some(offset) => {
            let (line, column) = line_column(text, offset);
            Error::invalid(format!(
                "config file {}, line {line}, column {column}: {message}",
                path.display()
            ))
        }
        None => Error::invalid(format!("config file {}: {message}", path.display())),
    }
}

fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset.min(text.len())).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Kind;

    fn no_env(_: &str) -> Option<String> {
        None
    }

    fn parse_ok(text: &str) -> DeliveryConfig {
        parse(text, Path::new("/etc/t.toml"), no_env).unwrap()
    }

    fn parse_err(text: &str) -> Error {
        parse(text, Path::new("/etc/t.toml"), no_env).unwrap_err()
    }

    #[test]
    fn empty_file_and_empty_table_mean_nothing_configured() {
        for text in ["", "[delivery]\n"] {
            let cfg = parse_ok(text);
            assert_eq!(cfg.email, None);
            assert_eq!(cfg.email_command, None);
            assert_eq!(cfg.sms_command, None);
            assert_eq!(cfg.timeout.as_secs(), 10);
            assert_eq!(cfg.max_attempts, 5);
            assert_eq!(cfg.backoff.as_secs(), 60);
            assert_eq!(cfg.source, Path::new("/etc/t.toml"));
        }
    }

    #[test]
    fn every_key() {
        let cfg = parse_ok(
            r#"
[delivery]
email = "smtps://mail.example.com"
email_from = "CRM <crm@example.com>"
sms_command = ["/usr/local/bin/sms", "--from", "CRM"]
timeout = "30s"
max_attempts = 3
backoff = "5m"
"#,
        );
        let url = cfg.email.unwrap();
        assert_eq!(url.security, SmtpSecurity::Tls);
        assert_eq!(url.host, "mail.example.com");
        assert_eq!(url.port, 465);
        assert_eq!(url.credentials, None);
        assert_eq!(cfg.email_from.unwrap().email.to_string(), "crm@example.com");
        assert_eq!(
            cfg.sms_command,
            Some(CommandSpec {
                program: "/usr/local/bin/sms".into(),
                args: vec!["--from".into(), "CRM".into()],
            })
        );
        assert_eq!(cfg.timeout.as_secs(), 30);
        assert_eq!(cfg.max_attempts, 3);
        assert_eq!(cfg.backoff.as_secs(), 300);

        let cfg = parse_ok(
            "[delivery]\nemail_command = \"/opt/my mailer/send\"\nemail_from = \"a@b.example\"\n",
        );
        assert_eq!(
            cfg.email_command,
            Some(CommandSpec {
                program: "/opt/my mailer/send".into(),
                args: vec![],
            })
        );
    }

    #[test]
    fn bad_urls_are_refused_with_position() {
        let err = parse_err("[delivery]\nemail_from = \"a@b.example\"\nemail = \"http://x\"\n");
        assert_eq!(err.kind, Kind::Invalid);
        assert!(err.message.contains("/etc/t.toml"), "{}", err.message);
        assert!(err.message.contains("line 3, column 9"), "{}", err.message);
        assert!(
            err.message.contains("unsupported scheme `http`"),
            "{}",
            err.message
        );

        for (text, expect) in [
            ("smtp://h?tls=yes", "tls=yes"),
            ("smtps://h?tls=starttls", "smtps://"),
            ("smtp://h?foo=1", "unknown parameter `foo`"),
            ("smtp://h/path", "path"),
            ("smtp:///", "no host"),
            ("not a url", "not a URL"),
            ("smtp://u%zz:p@h", "hex digits"),
            ("smtp://u%+f:p@h", "hex digits"),
        ] {
            let err = text.parse::<SmtpUrl>().unwrap_err();
            assert!(err.contains(expect), "{text}: {err}");
        }
    }

    #[test]
    fn unknown_keys_and_tables_report_line_and_column() {
        let err = parse_err("[delivery]\nemail_from = \"a@b.example\"\n  emial = \"smtp://x\"\n");
        assert_eq!(err.kind, Kind::Invalid);
        assert!(err.message.contains("line 3, column 3"), "{}", err.message);
        assert!(
            err.message.contains("unknown field `emial`"),
            "{}",
            err.message
        );

        let err = parse_err("[delivry]\nemail = \"smtp://x\"\n");
        assert!(err.message.contains("line 1, column 2"), "{}", err.message);
        assert!(err.message.contains("delivry"), "{}", err.message);

        let err = parse_err("[delivery\n");
        assert!(err.message.contains("line 1"), "{}", err.message);
    }

    #[test]
    fn invalid_values() {
        for (text, expect) in [
            ("timeout = \"10\"", "not a duration"),
            ("timeout = \"0s\"", "at least 1s"),
            ("max_attempts = 0", "at least 1"),
            ("max_attempts = -1", "line 2"),
            ("backoff = \"soon\"", "not a duration"),
            ("sms_command = []", "names no program"),
            ("sms_command = 5", "program path"),
            ("email_from = \"not a mailbox\"", "not a mailbox"),
            ("email = \"smtp://h\"", "`email_from` is missing"),
            ("email_command = \"/bin/mail\"", "`email_from` is missing"),
            (
                "email = \"smtp://h\"\nemail_from = \"a@b.example\"\nemail_command = \"/x\"",
                "both set",
            ),
        ] {
            let err = parse_err(&format!("[delivery]\n{text}\n"));
            assert_eq!(err.kind, Kind::Invalid, "{text}");
            assert!(err.message.contains(expect), "{text}: {}", err.message);
            assert!(err.message.contains("line "), "{text}: {}", err.message);
        }
    }

    #[test]
    fn credentials_from_the_url_are_percent_decoded() {
        let cfg = parse_ok(
            "[delivery]\nemail = \"smtps://crm%40example.com:p%40ss%3Aw0rd@mail.example.com\"\nemail_from = \"crm@example.com\"\n",
        );
        let creds = cfg.email.unwrap().credentials.unwrap();
        assert_eq!(creds.user, "crm@example.com");
        assert_eq!(creds.expose_password(), "p@ss:w0rd");
    }

    #[test]
    fn credentials_from_the_environment_when_the_url_has_none() {
        let env = |name: &str| match name {
            ENV_SMTP_USER => Some("envuser".to_string()),
            ENV_SMTP_PASSWORD => Some("envpass".to_string()),
            _ => None,
        };
        let text = "[delivery]\nemail = \"smtp://mail.example.com?tls=starttls\"\nemail_from = \"a@b.example\"\n";
        let cfg = parse(text, Path::new("c.toml"), env).unwrap();
        let creds = cfg.email.unwrap().credentials.unwrap();
        assert_eq!(
            (creds.user.as_str(), creds.expose_password()),
            ("envuser", "envpass")
        );

        // The URL wins over the environment.
        let text =
            "[delivery]\nemail = \"smtps://u:p@mail.example.com\"\nemail_from = \"a@b.example\"\n";
        let creds = parse(text, Path::new("c.toml"), env)
            .unwrap()
            .email
            .unwrap()
            .credentials
            .unwrap();
        assert_eq!((creds.user.as_str(), creds.expose_password()), ("u", "p"));

        // A user in the URL, the password from the environment.
        let text =
            "[delivery]\nemail = \"smtps://u@mail.example.com\"\nemail_from = \"a@b.example\"\n";
        let creds = parse(text, Path::new("c.toml"), env)
            .unwrap()
            .email
            .unwrap()
            .credentials
            .unwrap();
        assert_eq!(
            (creds.user.as_str(), creds.expose_password()),
            ("u", "envpass")
        );

        // Half a login is an error, not an anonymous attempt.
        let err = parse_err(text);
        assert!(err.message.contains(ENV_SMTP_PASSWORD), "{}", err.message);
        let only_password = |name: &str| (name == ENV_SMTP_PASSWORD).then(|| "x".to_string());
        let text =
            "[delivery]\nemail = \"smtps://mail.example.com\"\nemail_from = \"a@b.example\"\n";
        let err = parse(text, Path::new("c.toml"), only_password).unwrap_err();
        assert!(err.message.contains(ENV_SMTP_USER), "{}", err.message);
    }

    #[test]
    fn credentials_over_plain_smtp_only_on_loopback() {
        let err = parse_err(
            "[delivery]\nemail = \"smtp://u:p@mail.example.com\"\nemail_from = \"a@b.example\"\n",
        );
        assert!(err.message.contains("clear text"), "{}", err.message);
        let cfg = parse_ok(
            "[delivery]\nemail = \"smtp://u:p@127.0.0.1:2525\"\nemail_from = \"a@b.example\"\n",
        );
        assert!(cfg.email.unwrap().credentials.is_some());
    }

    #[test]
    fn the_password_never_shows() {
        let text = "[delivery]\nemail = \"smtps://user:hunter2secret@mail.example.com\"\nemail_from = \"a@b.example\"\n";
        let cfg = parse_ok(text);
        let debug = format!("{cfg:?}");
        assert!(!debug.contains("hunter2secret"), "{debug}");
        assert!(debug.contains("<redacted>"), "{debug}");
        assert!(!cfg.email.unwrap().to_string().contains("hunter2secret"));

        // Nor in an error about the URL, wherever it is.
        for bad in [
            "smtps://user:hunter2secret@mail.example.com/x",
            "smtp://user:hunter2secret@mail.example.com",
            "ftp://user:hunter2secret@mail.example.com",
        ] {
            let err = parse_err(&format!(
                "[delivery]\nemail = \"{bad}\"\nemail_from = \"a@b.example\"\n"
            ));
            assert!(!err.message.contains("hunter2secret"), "{}", err.message);
        }
        let err = parse_err("[delivery]\nemail = \"smtps://user:hunter2secret@h\"\nbogus = 1\n");
        assert!(!err.message.contains("hunter2secret"), "{}", err.message);
    }

    #[test]
    fn load_missing_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        let cfg = load(&path, false).unwrap();
        assert_eq!(cfg.email, None);
        assert_eq!(cfg.source, path);
        let err = load(&path, true).unwrap_err();
        assert_eq!(err.kind, Kind::NotFound);
        assert!(err.message.contains("config.toml"), "{}", err.message);

        std::fs::write(&path, "[delivery]\nsms_command = \"/bin/true\"\n").unwrap();
        assert!(load(&path, true).unwrap().sms_command.is_some());
        std::fs::write(&path, b"\xff\xfe").unwrap();
        assert_eq!(load(&path, false).unwrap_err().kind, Kind::Invalid);
    }

    #[test]
    fn retry_delay_doubles_up_to_a_day() {
        let cfg = DeliveryConfig::default();
        let secs: Vec<i64> = (0..6).map(|n| cfg.retry_delay(n).as_secs()).collect();
        assert_eq!(secs, [0, 60, 120, 240, 480, 960]);
        assert_eq!(cfg.retry_delay(40).as_secs(), 86_400);
        assert_eq!(cfg.retry_delay(u32::MAX).as_secs(), 86_400);
        let slow = DeliveryConfig {
            backoff: Duration::from_secs(2 * 86_400),
            ..DeliveryConfig::default()
        };
        assert_eq!(slow.retry_delay(3).as_secs(), 2 * 86_400);
    }
}
