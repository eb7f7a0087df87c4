//! Accounts (Accounts Receivable) and participants (Rewards Participants).

use super::tx::{constraint_of, get, instant, PgTx};
use crate::domain::token::{Account, Participant};
use crate::error::{Error, Result};
use crate::store::queries::AccountQueries;
use postgres::Row;

const ACCOUNT_COLS: &str = "id, name, email, phone, created_at, created_by, updated_at, updated_by";
const PARTICIPANT_COLS: &str =
    "id, account_id, name, email, phone, created_at, created_by, updated_at, updated_by";

fn account_row(r: &Row) -> Result<Account> {
    let id: String = get(r, 0)?;
    let what = || format!("account {id}");
    Ok(Account {
        name: get(r, 1)?,
        email: get(r, 2)?,
        phone: get(r, 3)?,
        created_at: instant(r, 4, &what)?,
        created_by: get(r, 5)?,
        updated_at: instant(r, 6, &what)?,
        updated_by: get(r, 7)?,
        id,
    })
}

fn participant_row(r: &Row) -> Result<Participant> {
    let id: String = get(r, 0)?;
    let what = || format!("participant {id}");
    Ok(Participant {
        account: get(r, 1)?,
        name: get(r, 2)?,
        email: get(r, 3)?,
        phone: get(r, 4)?,
        created_at: instant(r, 5, &what)?,
        created_by: get(r, 6)?,
        updated_at: instant(r, 7, &what)?,
        updated_by: get(r, 8)?,
        id,
    })
}

/// A broken constraint (class 23: unique, foreign key) as the SQLite engine words it.
fn constraint(e: Error, sentence: impl FnOnce() -> String) -> Error {
    match constraint_of(&e) {
        Some((code, _)) if code.starts_with("23") => Error::conflict(sentence()),
        _ => e,
    }
}

impl AccountQueries for PgTx<'_> {
    fn insert_account(&self, a: &Account) -> Result<()> {
        self.execute(
            &format!(
                "INSERT INTO accounts ({ACCOUNT_COLS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
            ),
            &[
                &a.id,
                &a.name,
                &a.email,
                &a.phone,
                &a.created_at,
                &a.created_by,
                &a.updated_at,
                &a.updated_by,
            ],
        )
        .map(drop)
        .map_err(|e| constraint(e, || format!("account \"{}\" already exists", a.id)))
    }

    fn account(&self, id: &str) -> Result<Option<Account>> {
        self.query_opt(
            &format!("SELECT {ACCOUNT_COLS} FROM accounts WHERE id = $1"),
            &[&id],
        )?
        .map(|r| account_row(&r))
        .transpose()
    }

    fn list_accounts(&self) -> Result<Vec<Account>> {
        self.query(
            &format!("SELECT {ACCOUNT_COLS} FROM accounts ORDER BY id"),
            &[],
        )?
        .iter()
        .map(account_row)
        .collect()
    }

    fn update_account(&self, a: &Account) -> Result<bool> {
        self.execute(
            "UPDATE accounts SET name = $2, email = $3, phone = $4, updated_at = $5, updated_by = $6
             WHERE id = $1 AND (name IS DISTINCT FROM $2 OR email IS DISTINCT FROM $3
                 OR phone IS DISTINCT FROM $4)",
            &[
                &a.id,
                &a.name,
                &a.email,
                &a.phone,
                &a.updated_at,
                &a.updated_by,
            ],
        )
        .map(|n| n == 1)
    }

    fn delete_account(&self, id: &str) -> Result<()> {
        self.execute("DELETE FROM accounts WHERE id = $1", &[&id])
            .map(drop)
    }

    fn insert_participant(&self, p: &Participant) -> Result<()> {
        self.execute(
            &format!(
                "INSERT INTO participants ({PARTICIPANT_COLS})
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
            ),
            &[
                &p.id,
                &p.account,
                &p.name,
                &p.email,
                &p.phone,
                &p.created_at,
                &p.created_by,
                &p.updated_at,
                &p.updated_by,
            ],
        )
        .map(drop)
        .map_err(|e| constraint(e, || format!("participant \"{}\" already exists", p.id)))
    }

    fn participant(&self, id: &str) -> Result<Option<Participant>> {
        self.query_opt(
            &format!("SELECT {PARTICIPANT_COLS} FROM participants WHERE id = $1"),
            &[&id],
        )?
        .map(|r| participant_row(&r))
        .transpose()
    }

    fn list_participants(&self, account: Option<&str>) -> Result<Vec<Participant>> {
        self.query(
            &format!(
                "SELECT {PARTICIPANT_COLS} FROM participants
                 WHERE $1::text IS NULL OR account_id = $1 ORDER BY id"
            ),
            &[&account],
        )?
        .iter()
        .map(participant_row)
        .collect()
    }

    fn delete_participant(&self, id: &str) -> Result<()> {
        self.execute("DELETE FROM participants WHERE id = $1", &[&id])
            .map(drop)
    }
}
