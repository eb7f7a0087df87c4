//! Accounts (Accounts Receivable) and participants (Rewards Participants).

use super::tx::{db, instant, SqliteTx};
use crate::domain::token::{Account, Participant};
use crate::error::{Error, Result};
use crate::store::queries::AccountQueries;
use rusqlite::{params, OptionalExtension};

const ACCOUNT_COLS: &str = "id, name, email, phone, created_at, created_by, updated_at, updated_by";
const PARTICIPANT_COLS: &str =
    "id, account_id, name, email, phone, created_at, created_by, updated_at, updated_by";

fn account_row(r: &rusqlite::Row) -> rusqlite::Result<Account> {
    let id: String = r.get(0)?;
    let what = || format!("account {id}");
    Ok(Account {
        id: r.get(0)?,
        name: r.get(1)?,
        email: r.get(2)?,
        phone: r.get(3)?,
        created_at: instant(r, 4, &what)?,
        created_by: r.get(5)?,
        updated_at: instant(r, 6, &what)?,
        updated_by: r.get(7)?,
    })
}

fn participant_row(r: &rusqlite::Row) -> rusqlite::Result<Participant> {
    let id: String = r.get(0)?;
    let what = || format!("participant {id}");
    Ok(Participant {
        id: r.get(0)?,
        account: r.get(1)?,
        name: r.get(2)?,
        email: r.get(3)?,
        phone: r.get(4)?,
        created_at: instant(r, 5, &what)?,
        created_by: r.get(6)?,
        updated_at: instant(r, 7, &what)?,
        updated_by: r.get(8)?,
    })
}

impl AccountQueries for SqliteTx<'_> {
    fn insert_account(&self, a: &Account) -> Result<()> {
        self.tx
            .execute(
                &format!(
                    "INSERT INTO accounts ({ACCOUNT_COLS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
                ),
                params![
                    a.id,
                    a.name,
                    a.email,
                    a.phone,
                    a.created_at,
                    a.created_by,
                    a.updated_at,
                    a.updated_by
                ],
            )
            .map(drop)
            .map_err(|e| match e {
                rusqlite::Error::SqliteFailure(f, _)
                    if f.code == rusqlite::ErrorCode::ConstraintViolation =>
                {
                    Error::conflict(format!("account \"{}\" already exists", a.id))
                }
                e => db(e),
            })
    }

    fn account(&self, id: &str) -> Result<Option<Account>> {
        self.tx
            .prepare_cached(&format!(
                "SELECT {ACCOUNT_COLS} FROM accounts WHERE id = ?1"
            ))
            .and_then(|mut s| s.query_row([id], account_row).optional())
            .map_err(db)
    }

    fn list_accounts(&self) -> Result<Vec<Account>> {
        let mut stmt = self
            .tx
            .prepare(&format!("SELECT {ACCOUNT_COLS} FROM accounts ORDER BY id"))
            .map_err(db)?;
        let rows = stmt.query_map([], account_row).map_err(db)?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(db)
    }

    fn insert_participant(&self, p: &Participant) -> Result<()> {
        self.tx
            .execute(
                &format!(
                    "INSERT INTO participants ({PARTICIPANT_COLS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
                ),
                params![
                    p.id, p.account, p.name, p.email, p.phone, p.created_at, p.created_by,
                    p.updated_at, p.updated_by
                ],
            )
            .map(drop)
            .map_err(|e| match e {
                rusqlite::Error::SqliteFailure(f, _)
                    if f.code == rusqlite::ErrorCode::ConstraintViolation =>
                {
                    Error::conflict(format!("participant \"{}\" already exists", p.id))
                }
                e => db(e),
            })
    }

    fn participant(&self, id: &str) -> Result<Option<Participant>> {
        self.tx
            .prepare_cached(&format!(
                "SELECT {PARTICIPANT_COLS} FROM participants WHERE id = ?1"
            ))
            .and_then(|mut s| s.query_row([id], participant_row).optional())
            .map_err(db)
    }

    fn list_participants(&self, account: Option<&str>) -> Result<Vec<Participant>> {
        let mut stmt = self
            .tx
            .prepare(&format!(
                "SELECT {PARTICIPANT_COLS} FROM participants
                 WHERE ?1 IS NULL OR account_id = ?1 ORDER BY id"
            ))
            .map_err(db)?;
        let rows = stmt.query_map([account], participant_row).map_err(db)?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(db)
    }

    fn update_account(&self, a: &Account) -> Result<bool> {
        self.tx
            .execute(
                "UPDATE accounts SET name = ?2, email = ?3, phone = ?4, updated_at = ?5, updated_by = ?6
                 WHERE id = ?1 AND (name IS NOT ?2 OR email IS NOT ?3 OR phone IS NOT ?4)",
                params![a.id, a.name, a.email, a.phone, a.updated_at, a.updated_by],
            )
            .map(|n| n == 1)
            .map_err(db)
    }

    fn delete_account(&self, id: &str) -> Result<()> {
        self.tx
            .execute("DELETE FROM accounts WHERE id = ?1", [id])
            .map(drop)
            .map_err(db)
    }

    fn delete_participant(&self, id: &str) -> Result<()> {
        self.tx
            .execute("DELETE FROM participants WHERE id = ?1", [id])
            .map(drop)
            .map_err(db)
    }
}
