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
    /// `token expire`'s warning that a token's expiry is near (issue #15).
    OnExpiryWarning,
}

impl Event {
    pub fn as_str(self) -> &'static str {
        match self {
            Event::OnCreate => "on_create",
            Event::OnReset => "on_reset",
            Event::OnVerification => "on_verification",
            Event::OnExpiryWarning => "on_expiry_warning",
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
            // `token expire` makes and receives no secret.
            Event::OnExpiryWarning => &[],
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
    /// None once sent or given up. While it waits, each secret in it is a placeholder, and the
    /// secrets are in `secrets`, sealed.
    pub body: Option<String>,
    /// The body's secrets, sealed under the outbox key (opaque to the store); None when the
    /// body holds none, and once it is erased.
    pub secrets: Option<Vec<u8>>,
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
    /// See [`Message::secrets`].
    pub secrets: Option<Vec<u8>>,
}

/// What a waiting message's body shows where a secret goes: the secret itself is sealed apart
/// (issue #11, item 5), so `outbox show` and a copy of the database never reveal it.
pub fn placeholder(tag: &str) -> &'static str {
    match tag {
        "access_token.pass_code" => "[sealed pass code]",
        "access_token.authentication_code" => "[sealed authentication code]",
        "access_token.verification_code" => "[sealed verification code]",
        _ => "[sealed secret]",
    }
}

/// One secret of a body: where its placeholder starts (a byte offset) and the secret.
pub struct SecretSlot {
    pub offset: usize,
    pub placeholder: &'static str,
    pub value: zeroize::Zeroizing<String>,
}

/// What the sealed secrets are bound to: a ciphertext moved to another message, or a
/// message whose recipient or body was changed, does not open.
fn body_aad(media: Media, recipient: &str, body: &str) -> Vec<u8> {
    let mut aad = b"tokenadm outbox secrets v1\0".to_vec();
    for part in [media.as_str(), recipient, body] {
        aad.extend_from_slice(&(part.len() as u64).to_le_bytes());
        aad.extend_from_slice(part.as_bytes());
    }
    aad
}

/// The secrets of `body` (which holds their placeholders), sealed under `key`.
pub fn seal_secrets(
    key: &crate::domain::seal::SealKey,
    media: Media,
    recipient: &str,
    body: &str,
    slots: &[SecretSlot],
) -> Vec<u8> {
    let mut plain = zeroize::Zeroizing::new(Vec::new());
    for slot in slots {
        for n in [slot.offset, slot.placeholder.len(), slot.value.len()] {
            plain.extend_from_slice(&(n as u64).to_le_bytes());
        }
        plain.extend_from_slice(slot.value.as_bytes());
    }
    key.seal(&body_aad(media, recipient, body), &plain)
}

/// `body` with its placeholders replaced by the secrets `sealed` holds.
pub fn open_secrets(
    key: &crate::domain::seal::SealKey,
    media: Media,
    recipient: &str,
    body: &str,
    sealed: &[u8],
) -> Result<zeroize::Zeroizing<String>, crate::domain::seal::OpenError> {
    use crate::domain::seal::OpenError;
    let plain = key.open(&body_aad(media, recipient, body), sealed)?;
    let mut out = zeroize::Zeroizing::new(String::with_capacity(body.len() + plain.len()));
    let mut rest: &[u8] = &plain;
    let mut copied = 0;
    fn number(rest: &mut &[u8]) -> Result<usize, OpenError> {
        let (n, tail) = rest.split_first_chunk::<8>().ok_or(OpenError::Damaged)?;
        *rest = tail;
        usize::try_from(u64::from_le_bytes(*n)).map_err(|_| OpenError::Damaged)
    }
    while !rest.is_empty() {
        let offset = number(&mut rest)?;
        let len = number(&mut rest)?;
        let value_len = number(&mut rest)?;
        let end = offset.checked_add(len).ok_or(OpenError::Damaged)?;
        let text = body.get(copied..offset).ok_or(OpenError::Damaged)?;
        body.get(offset..end).ok_or(OpenError::Damaged)?;
        let value = rest.get(..value_len).ok_or(OpenError::Damaged)?;
        let value = std::str::from_utf8(value).map_err(|_| OpenError::Damaged)?;
        out.push_str(text);
        out.push_str(value);
        rest = &rest[value_len..];
        copied = end;
    }
    out.push_str(body.get(copied..).ok_or(OpenError::Damaged)?);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::seal::{OpenError, SealKey};

    #[test]
    fn secrets_come_back_in_their_places_and_only_for_the_same_message() {
        let key = SealKey::generate();
        let body = "Pass: [sealed pass code]\nCode: [sealed verification code]\n";
        let slots = [
            SecretSlot {
                offset: 6,
                placeholder: "[sealed pass code]",
                value: zeroize::Zeroizing::new("pässword-1".into()),
            },
            SecretSlot {
                offset: 31,
                placeholder: "[sealed verification code]",
                value: zeroize::Zeroizing::new("123456".into()),
            },
        ];
        let sealed = seal_secrets(&key, Media::Email, "a@example.com", body, &slots);
        let open = open_secrets(&key, Media::Email, "a@example.com", body, &sealed).unwrap();
        assert_eq!(open.as_str(), "Pass: pässword-1\nCode: 123456\n");
        // Redirected, or the body changed: it does not open.
        for (to, text) in [("evil@example.com", body), ("a@example.com", "Pass: x")] {
            assert_eq!(
                open_secrets(&key, Media::Email, to, text, &sealed).unwrap_err(),
                OpenError::Damaged
            );
        }
    }
}
