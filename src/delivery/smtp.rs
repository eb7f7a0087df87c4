//! Email over SMTP with lettre's blocking client: one connection per message (no pool, so a
//! server that comes back is used at once), plain, STARTTLS-required or implicit TLS as the
//! URL says, optional login, and the configured timeout on connect and on every read and
//! write. lettre's errors are mapped to [`SendError`]s that name the server.

use super::config::{SmtpSecurity, SmtpUrl};
use super::transport::{build_email, media_name, OutgoingMessage, SendError, Transport};
use crate::domain::definition::Media;
use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::response::Category;
use lettre::SmtpTransport;
use std::time::Duration;

/// Sends email through one SMTP server.
pub struct SmtpSender {
    /// The URL without credentials, for error messages.
    endpoint: String,
    from: Mailbox,
    timeout: Duration,
    /// Err when lettre could not set up TLS for this host; reported on every send (as a
    /// transient failure, since fixing the config makes it work) rather than at start-up,
    /// so that commands which do not send mail are not affected.
    transport: Result<SmtpTransport, String>,
}

impl SmtpSender {
    pub fn new(url: &SmtpUrl, from: Mailbox, timeout: Duration) -> Self {
        let builder = match url.security {
            SmtpSecurity::Plain => Ok(SmtpTransport::builder_dangerous(url.host.as_str())),
            SmtpSecurity::StartTls => SmtpTransport::starttls_relay(&url.host),
            SmtpSecurity::Tls => SmtpTransport::relay(&url.host),
        };
        let transport = builder
            .map(|b| {
                let b = b.port(url.port).timeout(Some(timeout));
                match &url.credentials {
                    Some(c) => b.credentials(Credentials::new(
                        c.user.clone(),
                        c.expose_password().to_string(),
                    )),
                    None => b,
                }
                .build()
            })
            .map_err(|e| format!("cannot set up TLS for SMTP server {url}: {e}"));
        SmtpSender {
            endpoint: url.to_string(),
            from,
            timeout,
            transport,
        }
    }
}

impl Transport for SmtpSender {
    fn send(&self, msg: &OutgoingMessage) -> Result<(), SendError> {
        if msg.media != Media::Email {
            return Err(SendError::permanent(format!(
                "the SMTP transport cannot send {} messages",
                media_name(msg.media)
            )));
        }
        let transport = self
            .transport
            .as_ref()
            .map_err(|reason| SendError::transient(reason.clone()))?;
        let email = build_email(&self.from, msg)?;
        // lettre ends DATA with "\r\n.\r\n" whatever the message ends with, so a message
        // that already ends in CRLF (every one whose body ends in a newline) would arrive
        // with an extra empty line. Sending it without its final CRLF makes the received
        // message byte-for-byte the formatted one.
        let raw = email.formatted();
        let raw = raw.strip_suffix(b"\r\n").unwrap_or(&raw);
        lettre::Transport::send_raw(transport, email.envelope(), raw)
            .map(drop)
            .map_err(|e| classify(&self.endpoint, &msg.recipient, self.timeout, &e))
    }
}

/// A 5xx reply is permanent, except replies in the x3x range (530 "authentication
/// required", 534/535 authentication failed, 538 encryption required): those concern the
/// deployment's credentials or TLS, not this message, and must not fail every queued message
/// for good while an operator fixes the password.
fn classify(
    endpoint: &str,
    recipient: &str,
    timeout: Duration,
    err: &lettre::transport::smtp::Error,
) -> SendError {
    let Some(code) = err.status() else {
        let message = if timed_out(err) {
            format!(
                "SMTP server {endpoint} did not answer within the timeout of {}s ({err})",
                timeout.as_secs()
            )
        } else {
            format!("cannot deliver through SMTP server {endpoint}: {err}")
        };
        return SendError::transient(message);
    };
    // lettre's Display says "permanent error (550): …"; the server's own words read better
    // and do not contradict our own idea of what is permanent.
    let reply = match std::error::Error::source(err) {
        Some(text) => format!("{code} {text}"),
        None => code.to_string(),
    };
    if code.category == Category::Unspecified3 {
        return SendError::transient(format!(
            "SMTP server {endpoint} did not accept the login or connection security: {reply}; check the credentials and tls setting of [delivery] email"
        ));
    }
    if err.is_permanent() {
        SendError::permanent(format!(
            "SMTP server {endpoint} refused the email to {recipient}: {reply}"
        ))
    } else {
        SendError::transient(format!(
            "SMTP server {endpoint} deferred the email to {recipient}: {reply}"
        ))
    }
}

/// A socket timeout shows up as TimedOut or, for reads on Linux, as WouldBlock (EAGAIN);
/// lettre's `is_timeout` only knows the first.
fn timed_out(err: &lettre::transport::smtp::Error) -> bool {
    let mut source = std::error::Error::source(err);
    while let Some(e) = source {
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            return matches!(
                io.kind(),
                std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock
            );
        }
        source = e.source();
    }
    false
}
