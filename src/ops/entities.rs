//! Accounts (Accounts Receivable) and participants (Rewards Participants): the CRM records that
//! tokens are linked to.

use super::Env;
use crate::domain::identifier::{looks_like_email, looks_like_phone};
use crate::domain::token::{Account, AuditEvent, Participant};
use crate::error::{Error, Result};
use crate::store::{Store, Tx};
use serde_json::json;

/// Contact details as given on the command line or in an import file.
#[derive(Debug, Clone, Default)]
pub struct Contact {
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

pub fn validate_id(kind: &str, id: &str) -> Result<()> {
    if id.is_empty() || id.len() > 128 || id.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err(Error::invalid(format!(
            "{kind} id \"{id}\" must be 1 to 128 characters without spaces or control characters"
        )));
    }
    Ok(())
}

pub fn validate_contact(c: &Contact) -> Result<()> {
    if let Some(e) = &c.email {
        if !looks_like_email(e) {
            return Err(Error::invalid(format!("\"{e}\" is not an email address")));
        }
    }
    if let Some(p) = &c.phone {
        if !looks_like_phone(p) {
            return Err(Error::invalid(format!(
                "\"{p}\" is not a phone number; write it as + and 7 to 15 digits, e.g. +35799123456"
            )));
        }
    }
    if let Some(n) = &c.name {
        if n.trim().is_empty() || n.chars().any(char::is_control) {
            return Err(Error::invalid(format!(
                "name \"{n}\" must be non-empty text without control characters"
            )));
        }
    }
    Ok(())
}

pub fn add_account(store: &mut Store, env: &Env, id: &str, contact: Contact) -> Result<Account> {
    validate_id("account", id)?;
    validate_contact(&contact)?;
    let name = contact
        .name
        .clone()
        .ok_or_else(|| Error::usage("an account needs --name"))?;
    let account = Account {
        id: id.to_string(),
        name,
        email: contact.email,
        phone: contact.phone,
        created_at: env.now,
        created_by: env.actor.clone(),
        updated_at: env.now,
        updated_by: env.actor.clone(),
    };
    store.write(|tx| {
        tx.insert_account(&account)?;
        tx.audit(
            env.now,
            &env.actor,
            &AuditEvent {
                action: "account.add",
                token: None,
                subject: Some(&account.id),
                detail: json!({ "name": account.name, "email": account.email, "phone": account.phone }),
            },
        )?;
        Ok(account.clone())
    })
}

pub fn account(tx: &Tx, id: &str) -> Result<Account> {
    tx.account(id)?.ok_or_else(|| {
        Error::not_found(format!(
            "account \"{id}\" does not exist; see tokenadm account list"
        ))
    })
}

pub fn add_participant(
    store: &mut Store,
    env: &Env,
    id: &str,
    account_id: &str,
    contact: Contact,
) -> Result<Participant> {
    validate_id("participant", id)?;
    validate_contact(&contact)?;
    let participant = Participant {
        id: id.to_string(),
        account: account_id.to_string(),
        name: contact.name,
        email: contact.email,
        phone: contact.phone,
        created_at: env.now,
        created_by: env.actor.clone(),
        updated_at: env.now,
        updated_by: env.actor.clone(),
    };
    store.write(|tx| {
        account(tx, account_id)?;
        tx.insert_participant(&participant)?;
        tx.audit(
            env.now,
            &env.actor,
            &AuditEvent {
                action: "participant.add",
                token: None,
                subject: Some(&participant.id),
                detail: json!({
                    "account": participant.account,
                    "name": participant.name,
                    "email": participant.email,
                    "phone": participant.phone,
                }),
            },
        )?;
        Ok(participant.clone())
    })
}

pub fn participant(tx: &Tx, id: &str) -> Result<Participant> {
    tx.participant(id)?.ok_or_else(|| {
        Error::not_found(format!(
            "participant \"{id}\" does not exist; see tokenadm participant list"
        ))
    })
}
