//! Messages in the outbox: what was queued for whom, and how its delivery went.

use crate::domain::definition::policy::Media;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageStatus {
    Pending,
    /// Claimed by a running `outbox deliver`; a claim that outlives its lease is pending again.
    Sending,
    Sent,
    Failed,
    /// Given up before it was sent: its code was superseded, or its token left
    /// pending_verification or was deleted. Its body is erased.
    Cancelled,
}

impl MessageStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            MessageStatus::Pending => "pending",
            MessageStatus::Sending => "sending",
            MessageStatus::Sent => "sent",
            MessageStatus::Failed => "failed",
            MessageStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            MessageStatus::Pending,
            MessageStatus::Sending,
            MessageStatus::Sent,
            MessageStatus::Failed,
            MessageStatus::Cancelled,
        ]
        .into_iter()
        .find(|m| m.as_str() == s)
    }
}

impl Media {
    pub fn parse(s: &str) -> Option<Self> {
        [Media::Email, Media::Sms]
            .into_iter()
            .find(|m| m.as_str() == s)
    }
}

/// Which template a message was rendered from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    OnCreate,
    OnReset,
    OnVerification,
}

impl Event {
    pub fn as_str(self) -> &'static str {
        match self {
            Event::OnCreate => "on_create",
            Event::OnReset => "on_reset",
            Event::OnVerification => "on_verification",
        }
    }

    /// The secret tags some command that queues this event's message can fill (CONTRACT.md,
    /// "Definitions"): `token new` and `token import` make or receive every secret and queue
    /// on_create and, for a token that must verify, on_verification; `resend-code` makes only
    /// a verification code; `reset-passcode --notify` makes or receives only a pass code. A
    /// template with any other secret tag is refused, since it would never render.
    pub fn fillable_secrets(self) -> &'static [&'static str] {
        match self {
            Event::OnCreate | Event::OnVerification => &[
                "access_token.pass_code",
                "access_token.authentication_code",
                "access_token.verification_code",
            ],
            Event::OnReset => &["access_token.pass_code"],
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub id: i64,
    pub token: Option<String>,
    pub event: String,
    pub media: Media,
    pub recipient: String,
    pub subject: String,
    /// None once sent: the body may hold a secret, and a sent message needs it no more.
    pub body: Option<String>,
    pub status: MessageStatus,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub next_attempt_at: i64,
    pub created_at: i64,
    pub sent_at: Option<i64>,
}

/// A message about to be queued.
#[derive(Debug, Clone)]
pub struct NewMessage {
    pub token: Option<String>,
    pub event: Event,
    pub media: Media,
    pub recipient: String,
    pub subject: String,
    pub body: String,
}
