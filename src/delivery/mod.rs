//! Message transports: how an outbox message leaves the machine. One small trait,
//! [`Transport`], with two implementations chosen by the `[delivery]` table of the config
//! file: SMTP through lettre ([`smtp`]) and an external program ([`command`]). This module
//! knows addresses, subjects and bodies, never tokens: deciding what to send, recording
//! attempts and backing off belong to `ops::deliver`.
//!
//! Failures come in two kinds (see [`SendError::permanent`]): a *permanent* one can never
//! succeed for this message (a recipient refused with a 5xx reply, an address that does not
//! parse), so the message goes straight to `failed` without further attempts; a *transient*
//! one (server down, timeout, a 4xx reply, a TLS or login problem that an operator can fix)
//! is retried on later runs with backoff until `max_attempts`.

pub mod command;
pub mod config;
pub mod smtp;
mod transport;

pub use config::{load, CommandSpec, DeliveryConfig, SmtpCredentials, SmtpSecurity, SmtpUrl};
pub use transport::{build_email, OutgoingMessage, SendError, Transport};

use crate::domain::definition::Media;
use std::fmt;

type BoxedTransport = Box<dyn Transport + Send + Sync>;

/// The transport for each medium, or why there is none.
pub struct Transports {
    email: Result<BoxedTransport, String>,
    sms: Result<BoxedTransport, String>,
}

impl fmt::Debug for Transports {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = |t: &Result<BoxedTransport, String>| match t {
            Ok(_) => "configured".to_string(),
            Err(reason) => reason.clone(),
        };
        f.debug_struct("Transports")
            .field("email", &state(&self.email))
            .field("sms", &state(&self.sms))
            .finish()
    }
}

impl Transports {
    /// Builds the transports the config describes. Never fails: the config was validated
    /// when it was loaded, and anything that can still go wrong (a TLS setup error, a
    /// missing program) surfaces as a transient [`SendError`] on `send`, where it is
    /// recorded against the message and retried once the operator has fixed it.
    pub fn from_config(cfg: &DeliveryConfig) -> Transports {
        let file = if cfg.source.as_os_str().is_empty() {
            "the config file (--config)".to_string()
        } else {
            cfg.source.display().to_string()
        };
        let timeout = cfg.timeout_std();
        let email: Result<BoxedTransport, String> =
            match (&cfg.email, &cfg.email_command, &cfg.email_from) {
                (Some(url), _, Some(from)) => {
                    Ok(Box::new(smtp::SmtpSender::new(url, from.clone(), timeout)))
                }
                (None, Some(spec), Some(from)) => Ok(Box::new(command::CommandTransport::email(
                    spec.clone(),
                    from.clone(),
                    timeout,
                ))),
                (Some(_), _, None) | (None, Some(_), None) => Err(format!(
                    "email delivery is not configured: [delivery] email_from is missing in {file}"
                )),
                (None, None, _) => Err(format!(
                    "no email transport is configured: set [delivery] email (an smtp:// URL) and email_from, or email_command, in {file}"
                )),
            };
        let sms: Result<BoxedTransport, String> = match &cfg.sms_command {
            Some(spec) => Ok(Box::new(command::CommandTransport::sms(
                spec.clone(),
                timeout,
            ))),
            None => Err(format!(
                "no SMS transport is configured: set [delivery] sms_command in {file}"
            )),
        };
        Transports { email, sms }
    }

    pub fn for_media(&self, media: Media) -> Option<&dyn Transport> {
        let slot = match media {
            Media::Email => &self.email,
            Media::Sms => &self.sms,
        };
        match slot {
            Ok(t) => Some(t.as_ref()),
            Err(_) => None,
        }
    }

    /// Why messages of this medium stay pending, for `outbox list`; `None` when a transport
    /// is configured.
    pub fn unconfigured_reason(&self, media: Media) -> Option<String> {
        let slot = match media {
            Media::Email => &self.email,
            Media::Sms => &self.sms,
        };
        slot.as_ref().err().cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn nothing_configured_says_why_and_where() {
        let cfg = config::parse(
            "",
            Path::new("/home/u/.config/tokenadm/config.toml"),
            |_| None,
        )
        .unwrap();
        let t = Transports::from_config(&cfg);
        assert!(t.for_media(Media::Email).is_none());
        assert!(t.for_media(Media::Sms).is_none());
        let reason = t.unconfigured_reason(Media::Email).unwrap();
        assert!(reason.contains("email_command"), "{reason}");
        assert!(
            reason.contains("/home/u/.config/tokenadm/config.toml"),
            "{reason}"
        );
        let reason = t.unconfigured_reason(Media::Sms).unwrap();
        assert!(reason.contains("sms_command"), "{reason}");
    }

    #[test]
    fn configured_media_have_a_transport() {
        let cfg = config::parse(
            "[delivery]\nemail = \"smtp://127.0.0.1:2525\"\nemail_from = \"a@b.example\"\nsms_command = \"/bin/true\"\n",
            Path::new("c.toml"),
            |_| None,
        )
        .unwrap();
        let t = Transports::from_config(&cfg);
        assert!(t.for_media(Media::Email).is_some());
        assert!(t.for_media(Media::Sms).is_some());
        assert_eq!(t.unconfigured_reason(Media::Email), None);
        assert_eq!(t.unconfigured_reason(Media::Sms), None);
    }
}
