//! Accounts (Accounts Receivable) and participants (Rewards Participants): the CRM records that
//! tokens are linked to.

use super::Env;
use crate::domain::identifier::{looks_like_email, looks_like_phone};
use crate::domain::token::{Account, Participant};
use crate::error::{Error, Result};
use crate::store::{Store, TokenFilter, Tx};
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
        crate::domain::text::check_name("name", n)?;
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
        env.audit(
            tx,
            "account.add",
            None,
            Some(&account.id),
            json!({ "name": account.name, "email": account.email, "phone": account.phone }),
        )?;
        Ok(account.clone())
    })
}

pub fn account(tx: &dyn Tx, id: &str) -> Result<Account> {
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
        env.audit(
            tx,
            "participant.add",
            None,
            Some(&participant.id),
            json!({
                "account": participant.account,
                "name": participant.name,
                "email": participant.email,
                "phone": participant.phone,
            }),
        )?;
        Ok(participant.clone())
    })
}

pub fn participant(tx: &dyn Tx, id: &str) -> Result<Participant> {
    tx.participant(id)?.ok_or_else(|| {
        Error::not_found(format!(
            "participant \"{id}\" does not exist; see tokenadm participant list"
        ))
    })
}

/// What removing an account or participant did to tokens.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Removed {
    pub participants: Vec<String>,
    pub unlinked_tokens: Vec<String>,
}

/// Removes an account with its participants; their tokens are unlinked (and may be orphans).
pub fn remove_account_in(tx: &dyn Tx, env: &Env, id: &str) -> Result<Removed> {
    account(tx, id)?;
    let mut removed = Removed::default();
    for p in tx.list_participants(Some(id))? {
        let r = remove_participant_in(tx, env, &p.id)?;
        removed.participants.push(p.id);
        removed.unlinked_tokens.extend(r.unlinked_tokens);
    }
    let unlinked = unlink_all_audited(tx, env, "account", id)?;
    removed.unlinked_tokens.extend(unlinked);
    tx.delete_account(id)?;
    env.audit(
        tx,
        "account.remove",
        None,
        Some(id),
        json!({ "participants": removed.participants, "unlinked_tokens": removed.unlinked_tokens.len() }),
    )?;
    Ok(removed)
}

/// Unlinks every token of an account or participant about to be removed, one audit entry each.
fn unlink_all_audited(tx: &dyn Tx, env: &Env, kind: &str, id: &str) -> Result<Vec<String>> {
    let unlinked = tx.unlink_all(kind == "account", id, env.now, &env.actor)?;
    for number in &unlinked {
        env.audit(
            tx,
            "token.unlink",
            Some(number),
            Some(id),
            json!({ kind: id, "reason": format!("{kind} removed") }),
        )?;
    }
    Ok(unlinked)
}

pub fn remove_participant_in(tx: &dyn Tx, env: &Env, id: &str) -> Result<Removed> {
    participant(tx, id)?;
    let unlinked = unlink_all_audited(tx, env, "participant", id)?;
    tx.delete_participant(id)?;
    env.audit(
        tx,
        "participant.remove",
        None,
        Some(id),
        json!({ "unlinked_tokens": unlinked.len() }),
    )?;
    Ok(Removed {
        participants: vec![id.to_string()],
        unlinked_tokens: unlinked,
    })
}

/// One row of an account import file, with the line it came from.
#[derive(Debug, Clone)]
pub struct ImportRow {
    pub line: u64,
    pub id: String,
    pub contact: Contact,
}

/// What `account import` did.
#[derive(Debug, Clone, Default)]
pub struct ImportSummary {
    pub added: Vec<String>,
    pub updated: Vec<String>,
    pub unchanged: usize,
    pub removed: Vec<String>,
    pub unlinked_tokens: Vec<String>,
}

/// Reads a CRM's account export: CSV with a header row naming id, name, email and phone (in
/// any order; other columns are ignored). Every row is checked before anything is written.
pub fn read_account_csv(bytes: &[u8], source: &str) -> Result<Vec<ImportRow>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(bytes);
    let headers = reader
        .byte_headers()
        .map_err(|e| Error::invalid(format!("{source}: cannot read the header row: {e}")))?
        .clone();
    if headers.is_empty() {
        return Ok(Vec::new());
    }
    let col = |name: &str| -> Result<usize> {
        headers
            .iter()
            .position(|h| std::str::from_utf8(h).map(|h| h.trim().eq_ignore_ascii_case(name)).unwrap_or(false))
            .ok_or_else(|| {
                Error::invalid(format!(
                    "{source}: the header row has no \"{name}\" column; the export needs id, name, email and phone"
                ))
            })
    };
    let (ci, cn, ce, cp) = (col("id")?, col("name")?, col("email")?, col("phone")?);
    let mut rows: Vec<ImportRow> = Vec::new();
    let mut seen: std::collections::HashMap<String, u64> = std::collections::HashMap::new();
    for record in reader.byte_records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            Error::invalid(format!("{source} line {line}: {e}"))
        })?;
        let line = record.position().map_or(0, |p| p.line());
        let field = |i: usize| -> Result<Option<String>> {
            let raw = record.get(i).unwrap_or_default();
            let text = std::str::from_utf8(raw)
                .map_err(|_| {
                    Error::invalid(format!("{source} line {line}: the text is not valid UTF-8"))
                })?
                .trim();
            Ok((!text.is_empty()).then(|| text.to_string()))
        };
        let id = field(ci)?
            .ok_or_else(|| Error::invalid(format!("{source} line {line}: the id is empty")))?;
        let contact = Contact {
            name: field(cn)?,
            email: field(ce)?,
            phone: field(cp)?,
        };
        let at = |e: Error| Error::invalid(format!("{source} line {line}: {e}"));
        validate_id("account", &id).map_err(at)?;
        if contact.name.is_none() {
            return Err(Error::invalid(format!(
                "{source} line {line}: account \"{id}\" has no name"
            )));
        }
        validate_contact(&contact).map_err(at)?;
        if let Some(first) = seen.insert(id.clone(), line) {
            return Err(Error::invalid(format!(
                "{source} line {line}: account \"{id}\" appears twice (first on line {first})"
            )));
        }
        rows.push(ImportRow { line, id, contact });
    }
    Ok(rows)
}

/// What removing accounts would take with them: their participants, and the tokens linked to
/// them or their participants. Fails (exit 3) for an account that does not exist.
#[derive(Debug, Clone, Copy, Default)]
pub struct RemovalPlan {
    pub participants: usize,
    pub tokens: usize,
}

/// How many tokens removing participant `id` would unlink (an unknown id is an error).
pub fn participant_removal_plan(tx: &dyn Tx, id: &str) -> Result<i64> {
    participant(tx, id)?;
    tx.count_tokens(&TokenFilter {
        participant: Some(id.to_string()),
        ..Default::default()
    })
}

pub fn removal_plan(tx: &dyn Tx, ids: &[String]) -> Result<RemovalPlan> {
    let mut plan = RemovalPlan::default();
    for id in ids {
        account(tx, id)?;
        plan.tokens += linked_tokens(tx, id)?.len();
        plan.participants += tx.list_participants(Some(id))?.len();
    }
    Ok(plan)
}

/// The numbers of the tokens that removing account `id` would unlink.
fn linked_tokens(tx: &dyn Tx, id: &str) -> Result<Vec<String>> {
    let mut numbers = std::collections::BTreeSet::new();
    let by = |f: TokenFilter| -> Result<Vec<String>> {
        Ok(tx.list_tokens(&f)?.into_iter().map(|t| t.number).collect())
    };
    numbers.extend(by(TokenFilter {
        account: Some(id.to_string()),
        ..Default::default()
    })?);
    for p in tx.list_participants(Some(id))? {
        numbers.extend(by(TokenFilter {
            participant: Some(p.id),
            ..Default::default()
        })?);
    }
    Ok(numbers.into_iter().collect())
}

/// The accounts an import with `--prune` would remove: those not in `rows`.
pub fn pruned(tx: &dyn Tx, rows: &[ImportRow]) -> Result<Vec<String>> {
    let keep: std::collections::HashSet<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    Ok(tx
        .list_accounts()?
        .into_iter()
        .map(|a| a.id)
        .filter(|id| !keep.contains(id.as_str()))
        .collect())
}

/// What [`import_accounts`] would do, without doing it (`account import --dry-run`).
pub fn plan_import(tx: &dyn Tx, rows: &[ImportRow], prune: bool) -> Result<ImportSummary> {
    let mut summary = ImportSummary::default();
    for row in rows {
        match tx.account(&row.id)? {
            None => summary.added.push(row.id.clone()),
            Some(a)
                if Some(&a.name) == row.contact.name.as_ref()
                    && a.email == row.contact.email
                    && a.phone == row.contact.phone =>
            {
                summary.unchanged += 1
            }
            Some(_) => summary.updated.push(row.id.clone()),
        }
    }
    if prune {
        for id in pruned(tx, rows)? {
            summary.unlinked_tokens.extend(linked_tokens(tx, &id)?);
            summary.removed.push(id);
        }
    }
    Ok(summary)
}

/// Adds and updates the accounts of an import; with `prune`, removes the accounts that are not
/// in it (unlinking their tokens, which the expiry job then treats as orphans).
pub fn import_accounts(
    store: &mut Store,
    env: &Env,
    rows: &[ImportRow],
    prune: bool,
) -> Result<ImportSummary> {
    store.write(|tx| {
        let mut summary = ImportSummary::default();
        for row in rows {
            let account = Account {
                id: row.id.clone(),
                name: row.contact.name.clone().unwrap_or_default(),
                email: row.contact.email.clone(),
                phone: row.contact.phone.clone(),
                created_at: env.now,
                created_by: env.actor.clone(),
                updated_at: env.now,
                updated_by: env.actor.clone(),
            };
            if tx.account(&row.id)?.is_none() {
                tx.insert_account(&account)?;
                summary.added.push(row.id.clone());
                env.audit(
                    tx,
                    "account.add",
                    None,
                    Some(&row.id),
                    json!({ "name": account.name, "email": account.email, "phone": account.phone, "source": "import" }),
                )?;
            } else if tx.update_account(&account)? {
                summary.updated.push(row.id.clone());
                env.audit(
                    tx,
                    "account.update",
                    None,
                    Some(&row.id),
                    json!({ "name": account.name, "email": account.email, "phone": account.phone, "source": "import" }),
                )?;
            } else {
                summary.unchanged += 1;
            }
        }
        if prune {
            let keep: std::collections::HashSet<&str> = rows.iter().map(|r| r.id.as_str()).collect();
            for a in tx.list_accounts()? {
                if !keep.contains(a.id.as_str()) {
                    let r = remove_account_in(tx, env, &a.id)?;
                    summary.unlinked_tokens.extend(r.unlinked_tokens);
                    summary.removed.push(a.id);
                }
            }
        }
        Ok(summary)
    })
}
