//! What every transport shares: the message it sends, the [`Transport`] trait, the
//! [`SendError`] it fails with, and the RFC 5322 form of an email, so that the SMTP and
//! command transports send the same bytes.

use crate::domain::definition::Media;
use lettre::message::header::ContentType;
use lettre::message::Mailbox;
use std::fmt;

/// One message to send. The body may hold a secret (a generated pass code), so `Debug`
/// shows only its length.
#[derive(Clone, PartialEq, Eq)]
pub struct OutgoingMessage {
    pub media: Media,
    /// An email address for email, a phone number for SMS.
    pub recipient: String,
    /// Email only; SMS ignores it.
    pub subject: String,
    pub body: String,
    /// Email only: the `Message-ID` (with its angle brackets), the same on every attempt at the
    /// same message so a receiver can drop a duplicate (issue #11, item 7); None makes one up.
    pub message_id: Option<String>,
}

impl fmt::Debug for OutgoingMessage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OutgoingMessage")
            .field("media", &self.media)
            .field("recipient", &self.recipient)
            .field("subject", &self.subject)
            .field("body", &format_args!("<{} bytes>", self.body.len()))
            .finish()
    }
}

/// Why a message was not sent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct SendError {
    /// True when retrying cannot help this message (recipient refused, invalid address):
    /// the outbox marks it failed at once. False for everything else, which is retried with
    /// backoff: a server that is down or slow, a 4xx reply, a missing program, and problems
    /// of the deployment rather than the message (TLS, login), which an operator fixes.
    pub permanent: bool,
    /// One sentence for `outbox list`/`show`; never a password or the message body.
    pub message: String,
}

impl SendError {
    pub fn permanent(message: impl Into<String>) -> Self {
        SendError {
            permanent: true,
            message: message.into(),
        }
    }

    pub fn transient(message: impl Into<String>) -> Self {
        SendError {
            permanent: false,
            message: message.into(),
        }
    }
}

/// Something that can send a message. Implementations are blocking and bounded by the
/// configured timeout.
pub trait Transport {
    fn send(&self, msg: &OutgoingMessage) -> Result<(), SendError>;
}

/// The RFC 5322 form of an email message: `From`, `To`, `Subject`, `Date`, `Message-ID` and
/// a UTF-8 text/plain body (lettre picks a transfer encoding that survives 7-bit relays).
/// Shared by the SMTP and command transports so both send the same bytes.
pub fn build_email(from: &Mailbox, msg: &OutgoingMessage) -> Result<lettre::Message, SendError> {
    let to: Mailbox = msg.recipient.trim().parse().map_err(|_| {
        SendError::permanent(format!("\"{}\" is not an email address", msg.recipient))
    })?;
    lettre::Message::builder()
        .from(from.clone())
        .to(to)
        .subject(msg.subject.as_str())
        // lettre adds Date itself but Message-ID only when asked; receiving servers and spam
        // filters expect one, and a receiver drops a duplicate by it after a retried send.
        .message_id(msg.message_id.clone())
        .header(ContentType::TEXT_PLAIN)
        .body(msg.body.clone())
        .map_err(|e| {
            SendError::permanent(format!("cannot build the email to {}: {e}", msg.recipient))
        })
}

pub(super) fn media_name(media: Media) -> &'static str {
    match media {
        Media::Email => "email",
        Media::Sms => "SMS",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn email(recipient: &str) -> OutgoingMessage {
        OutgoingMessage {
            media: Media::Email,
            recipient: recipient.into(),
            subject: "Grüße".into(),
            body: "pass code: s3cret-value\n".into(),
            message_id: None,
        }
    }

    #[test]
    fn debug_hides_the_body() {
        let debug = format!("{:?}", email("a@b.example"));
        assert!(!debug.contains("s3cret"), "{debug}");
        assert!(debug.contains("a@b.example"), "{debug}");
    }

    #[test]
    fn a_bad_recipient_is_permanent() {
        let from: Mailbox = "crm@example.com".parse().unwrap();
        let err = build_email(&from, &email("not an address")).unwrap_err();
        assert!(err.permanent);
        assert!(
            err.message.contains("not an email address"),
            "{}",
            err.message
        );
    }

    #[test]
    fn the_email_is_utf8_text() {
        let from: Mailbox = "CRM <crm@example.com>".parse().unwrap();
        let raw = String::from_utf8(
            build_email(&from, &email("a@b.example"))
                .unwrap()
                .formatted(),
        )
        .unwrap();
        assert!(raw.contains("From: CRM <crm@example.com>"), "{raw}");
        assert!(raw.contains("To: a@b.example"), "{raw}");
        assert!(
            raw.contains("Content-Type: text/plain; charset=utf-8"),
            "{raw}"
        );
        assert!(raw.contains("Subject: =?utf-8?"), "{raw}");
        assert!(raw.contains("Message-ID: <"), "{raw}");
        assert!(raw.contains("Date: "), "{raw}");
        let mut fixed = email("a@b.example");
        fixed.message_id = Some("<outbox-7.00ff@tokenadm>".into());
        let raw = String::from_utf8(build_email(&from, &fixed).unwrap().formatted()).unwrap();
        assert!(
            raw.contains("Message-ID: <outbox-7.00ff@tokenadm>\r\n"),
            "{raw}"
        );
    }
}
