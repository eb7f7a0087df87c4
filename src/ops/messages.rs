//! Queuing messages: pick the template for the event, find the recipient (participant, then
//! account, then an identifier that is itself an address), render the tags, and write the
//! message to the outbox inside the caller's transaction. Secret tags render only the secrets
//! the calling command made or received; a line holding any other secret tag is left out, so a
//! secret tag never renders empty (issue #11, item 6).

use crate::domain::definition::{Media, MessageTemplate, Policy};
use crate::domain::identifier::{looks_like_email, looks_like_phone};
use crate::domain::message::{self, Event, NewMessage, SecretSlot};
use crate::domain::template;
use crate::domain::time::{human, rfc3339};
use crate::domain::token::Token;
use crate::error::{Error, Result};
use crate::ops::Env;
use crate::store::Tx;
use std::collections::BTreeMap;

/// Secrets made or received by the command that queues the message.
#[derive(Default, Clone, Copy)]
pub struct MessageSecrets<'a> {
    pub pass_code: Option<&'a str>,
    pub authentication_code: Option<&'a str>,
    pub verification_code: Option<&'a str>,
}

/// What happened to a message the command wanted to send.
#[derive(Debug, Clone, PartialEq)]
pub enum Queued {
    Queued(i64),
    /// The event's template is not enabled.
    Disabled,
    /// Nobody to send it to (only for messages that are not required).
    NoRecipient(String),
}

pub fn template_of(policy: &Policy, event: Event) -> &MessageTemplate {
    match event {
        Event::OnCreate => &policy.communication.on_create,
        Event::OnReset => &policy.communication.on_reset,
        Event::OnVerification => &policy.communication.on_verification,
        Event::OnExpiryWarning => &policy.communication.on_expiry_warning,
    }
}

/// What [`prepare`] made of an event's message for a token.
#[derive(Debug, Clone)]
pub enum Prepared {
    Message(NewMessage),
    /// The event's template is not enabled.
    Disabled,
    /// Nobody to send it to (only for messages that are not required).
    NoRecipient(String),
}

/// Queues the event's message for `token`. `required` messages (verification codes) are sent
/// whether or not the template is enabled, and fail the command when there is no recipient.
pub fn queue(
    tx: &dyn Tx,
    env: &Env,
    policy: &Policy,
    event: Event,
    token: &Token,
    secrets: &MessageSecrets,
    required: bool,
) -> Result<Queued> {
    Ok(
        match prepare(tx, env, policy, event, token, secrets, required)? {
            Prepared::Message(message) => Queued::Queued(tx.queue_message(&message, env.now)?),
            Prepared::Disabled => Queued::Disabled,
            Prepared::NoRecipient(why) => Queued::NoRecipient(why),
        },
    )
}

/// The event's message for `token`, rendered and addressed but not queued: what [`queue`]
/// writes, and what a dry run (`token expire --dry-run`) reports it would. Its secrets, if
/// any, are sealed already (`env`'s outbox key); a message without secrets needs no key.
pub fn prepare(
    tx: &dyn Tx,
    env: &Env,
    policy: &Policy,
    event: Event,
    token: &Token,
    secrets: &MessageSecrets,
    required: bool,
) -> Result<Prepared> {
    let tpl = template_of(policy, event);
    if !required && !tpl.enabled {
        return Ok(Prepared::Disabled);
    }
    let participant = match &token.participant {
        Some(p) => tx.participant(p)?,
        None => None,
    };
    // A token linked only to a participant still belongs to the participant's account: its
    // name fills #accounts_receivable.name, and its address is the fallback recipient.
    let account_id = token
        .account
        .as_ref()
        .or(participant.as_ref().map(|p| &p.account));
    let account = match account_id {
        Some(a) => tx.account(a)?,
        None => None,
    };
    let pick = |email: &Option<String>, phone: &Option<String>| match tpl.media {
        Media::Email => email.clone(),
        Media::Sms => phone.clone(),
    };
    let recipient = participant
        .as_ref()
        .and_then(|p| pick(&p.email, &p.phone))
        .or_else(|| account.as_ref().and_then(|a| pick(&a.email, &a.phone)))
        .or_else(|| {
            token.identifier.clone().filter(|id| match tpl.media {
                Media::Email => looks_like_email(id),
                Media::Sms => looks_like_phone(id),
            })
        });
    let Some(recipient) = recipient else {
        let (what, a_what) = match tpl.media {
            Media::Email => ("email address", "an email address"),
            Media::Sms => ("phone number", "a phone number"),
        };
        let why = format!(
            "token {} has no {what} to send its {} message to; give its participant or account {a_what}, or use an identifier that is one",
            token.number,
            event.as_str()
        );
        return if required {
            Err(Error::invalid(why))
        } else {
            Ok(Prepared::NoRecipient(why))
        };
    };

    let mut values: BTreeMap<&str, String> = BTreeMap::new();
    let mut put = |k: &'static str, v: Option<String>| {
        if let Some(v) = v {
            values.insert(k, v);
        }
    };
    put("access_token.number", Some(token.number.clone()));
    put("access_token.name", token.name.clone());
    put("access_token.identifier", token.identifier.clone());
    put("access_token.state", Some(token.state.as_str().to_string()));
    put("access_token.classification", token.classification.clone());
    put("access_token.expires_at", token.expires_at.map(rfc3339));
    put("access_token.expires_at_human", token.expires_at.map(human));
    put(
        "access_token.pass_code",
        secrets.pass_code.map(str::to_string),
    );
    put(
        "access_token.authentication_code",
        secrets.authentication_code.map(str::to_string),
    );
    put(
        "access_token.verification_code",
        secrets.verification_code.map(str::to_string),
    );
    if let Some(a) = &account {
        put("accounts_receivable.id", Some(a.id.clone()));
        put("accounts_receivable.name", Some(a.name.clone()));
        put("accounts_receivable.email", a.email.clone());
        put("accounts_receivable.phone", a.phone.clone());
    }
    if let Some(p) = &participant {
        put("rewards_participant.id", Some(p.id.clone()));
        put("rewards_participant.name", p.name.clone());
        put("rewards_participant.email", p.email.clone());
        put("rewards_participant.phone", p.phone.clone());
    }
    if event == Event::OnVerification {
        let expires = tx.verification_code(token.id)?.expires_at;
        put("access_token.verification_expires_at", expires.map(rfc3339));
    }
    // Each secret waits sealed under the outbox key, a placeholder in its place (issue #11,
    // item 5); the key is made on first use.
    let mut slots = Vec::new();
    let body = template::render_with(&tpl.template, &values, |out, tag, value| {
        let placeholder = message::placeholder(tag);
        slots.push(SecretSlot {
            offset: out.len(),
            placeholder,
            value: zeroize::Zeroizing::new(value.to_string()),
        });
        out.push_str(placeholder);
    });
    let secrets = if slots.is_empty() {
        None
    } else {
        let key = env.sealing_key()?;
        Some(message::seal_secrets(
            &key, tpl.media, &recipient, &body, &slots,
        ))
    };
    Ok(Prepared::Message(NewMessage {
        token: Some(token.number.clone()),
        event,
        media: tpl.media,
        recipient,
        subject: template::render(&tpl.subject, &values),
        body,
        secrets,
    }))
}
