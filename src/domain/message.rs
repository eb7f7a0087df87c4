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
