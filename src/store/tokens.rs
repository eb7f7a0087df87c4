//! The tokens table: inserts, lookups by number, identifier and code digest (each an index
//! lookup), and filtered keyset-paginated lists.

use super::{db, Tx};
use crate::domain::token::{State, Token};
use crate::error::{Error, Result};
use rusqlite::types::Value;
use rusqlite::{params, OptionalExtension};

pub(super) const COLS: &str = "id, number, name, identifier, classification, state, \
    pass_hash IS NOT NULL, auth_hint, account_id, participant_id, ever_linked, unlinked_at, \
    expires_at, verified_at, last_used_at, locked_until, definition, definition_version, \
    created_at, created_by, updated_at, updated_by";

pub(super) fn row(r: &rusqlite::Row) -> rusqlite::Result<Token> {
    let state: String = r.get(5)?;
    Ok(Token {
        id: r.get(0)?,
        number: r.get(1)?,
        name: r.get(2)?,
        identifier: r.get(3)?,
        classification: r.get(4)?,
        state: state.parse().map_err(|_| {
            rusqlite::Error::FromSqlConversionFailure(
                5,
                rusqlite::types::Type::Text,
                "state".into(),
            )
        })?,
        has_pass_code: r.get(6)?,
        auth_hint: r.get(7)?,
        account: r.get(8)?,
        participant: r.get(9)?,
        ever_linked: r.get(10)?,
        unlinked_at: r.get(11)?,
        expires_at: r.get(12)?,
        verified_at: r.get(13)?,
        last_used_at: r.get(14)?,
        locked_until: r.get(15)?,
        definition: r.get(16)?,
        definition_version: r.get(17)?,
        created_at: r.get(18)?,
        created_by: r.get(19)?,
        updated_at: r.get(20)?,
        updated_by: r.get(21)?,
    })
}

/// A token about to be inserted, with its secrets already hashed.
#[derive(Debug, Clone)]
pub struct NewToken {
    pub id: i64,
    pub number: String,
    pub name: Option<String>,
    pub identifier: Option<String>,
    pub identifier_key: Option<String>,
    pub classification: Option<String>,
    pub state: State,
    pub pass_hash: Option<String>,
    pub auth_digest: [u8; 32],
    pub auth_hint: String,
    pub account: Option<String>,
    pub participant: Option<String>,
    pub expires_at: Option<i64>,
    pub verification_digest: Option<[u8; 32]>,
    pub verification_expires_at: Option<i64>,
    pub definition: String,
    pub definition_version: i64,
    pub now: i64,
    pub actor: String,
}

#[derive(Debug, Clone, Default)]
pub struct TokenFilter {
    pub states: Vec<State>,
    pub account: Option<String>,
    pub participant: Option<String>,
    pub classification: Option<String>,
    pub orphaned: bool,
    /// Tokens (not yet not_effective) whose expires_at is at or before this instant.
    pub expiring_by: Option<i64>,
    pub search: Option<String>,
    pub after: Option<String>,
    pub limit: Option<u32>,
}

impl Tx<'_> {
    pub fn insert_token(&self, t: &NewToken) -> Result<()> {
        let mut stmt = self
            .tx
            .prepare_cached(
                "INSERT INTO tokens (id, number, name, identifier, identifier_key, classification,
                    state, pass_hash, auth_digest, auth_hint, account_id, participant_id,
                    ever_linked, expires_at, verification_digest, verification_expires_at,
                    definition, definition_version, created_at, created_by, updated_at, updated_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
                    ?17, ?18, ?19, ?20, ?19, ?20)",
            )
            .map_err(db)?;
        stmt.execute(params![
            t.id,
            t.number,
            t.name,
            t.identifier,
            t.identifier_key,
            t.classification,
            t.state.as_str(),
            t.pass_hash,
            &t.auth_digest[..],
            t.auth_hint,
            t.account,
            t.participant,
            t.account.is_some() || t.participant.is_some(),
            t.expires_at,
            t.verification_digest.as_ref().map(|d| &d[..]),
            t.verification_expires_at,
            t.definition,
            t.definition_version,
            t.now,
            t.actor,
        ])
        .map(drop)
        .map_err(|e| unique_violation(e, t))
    }

    pub fn token_by_number(&self, number: &str) -> Result<Option<Token>> {
        self.tx
            .prepare_cached(&format!("SELECT {COLS} FROM tokens WHERE number = ?1"))
            .and_then(|mut s| s.query_row([number], row).optional())
            .map_err(db)
    }

    /// The token holding an identifier: the live one if any, else the newest not_effective one.
    pub fn token_by_identifier_key(&self, key: &str) -> Result<Option<Token>> {
        self.tx
            .prepare_cached(&format!(
                "SELECT {COLS} FROM tokens WHERE identifier_key = ?1
                 ORDER BY state = 'not_effective', id DESC LIMIT 1"
            ))
            .and_then(|mut s| s.query_row([key], row).optional())
            .map_err(db)
    }

    /// The live token (not not_effective) holding an identifier, other than `except_id`.
    pub fn live_identifier_holder(
        &self,
        key: &str,
        except_id: Option<i64>,
    ) -> Result<Option<String>> {
        self.tx
            .prepare_cached(
                "SELECT number FROM tokens WHERE identifier_key = ?1
                 AND state <> 'not_effective' AND id IS NOT ?2 LIMIT 1",
            )
            .and_then(|mut s| {
                s.query_row(params![key, except_id], |r| r.get(0))
                    .optional()
            })
            .map_err(db)
    }

    /// The token whose current authentication code has this digest.
    pub fn token_by_auth_digest(&self, digest: &[u8; 32]) -> Result<Option<Token>> {
        self.tx
            .prepare_cached(&format!("SELECT {COLS} FROM tokens WHERE auth_digest = ?1"))
            .and_then(|mut s| s.query_row([&digest[..]], row).optional())
            .map_err(db)
    }

    /// Whether some token's current authentication code has this digest.
    pub fn auth_digest_in_use(&self, digest: &[u8; 32]) -> Result<bool> {
        self.tx
            .prepare_cached("SELECT 1 FROM tokens WHERE auth_digest = ?1")
            .and_then(|mut s| s.exists([&digest[..]]))
            .map_err(db)
    }

    pub fn token_pass_hash(&self, id: i64) -> Result<Option<String>> {
        self.tx
            .query_row("SELECT pass_hash FROM tokens WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .map_err(db)
    }

    /// Tokens of an account that count against `max_tokens_per_account`.
    pub fn live_tokens_of_account(&self, account: &str) -> Result<i64> {
        self.tx
            .prepare_cached(
                "SELECT count(*) FROM tokens WHERE account_id = ?1 AND state <> 'not_effective'",
            )
            .and_then(|mut s| s.query_row([account], |r| r.get(0)))
            .map_err(db)
    }

    pub fn list_tokens(&self, f: &TokenFilter) -> Result<Vec<Token>> {
        let mut sql = format!("SELECT {COLS} FROM tokens WHERE 1");
        let mut args: Vec<Value> = Vec::new();
        fn arg(sql: &mut String, args: &mut Vec<Value>, clause: &str, v: Value) {
            args.push(v);
            sql.push_str(&clause.replace('?', &format!("?{}", args.len())));
        }
        if !f.states.is_empty() {
            let list: Vec<String> = f
                .states
                .iter()
                .map(|s| format!("'{}'", s.as_str()))
                .collect();
            sql.push_str(&format!(" AND state IN ({})", list.join(", ")));
        }
        if let Some(a) = &f.account {
            arg(
                &mut sql,
                &mut args,
                " AND account_id = ?",
                Value::Text(a.clone()),
            );
        }
        if let Some(p) = &f.participant {
            arg(
                &mut sql,
                &mut args,
                " AND participant_id = ?",
                Value::Text(p.clone()),
            );
        }
        if let Some(c) = &f.classification {
            arg(
                &mut sql,
                &mut args,
                " AND classification = ?",
                Value::Text(c.clone()),
            );
        }
        if f.orphaned {
            sql.push_str(
                " AND ever_linked = 1 AND account_id IS NULL AND participant_id IS NULL
                  AND state <> 'not_effective'",
            );
        }
        if let Some(by) = f.expiring_by {
            arg(
                &mut sql,
                &mut args,
                " AND expires_at IS NOT NULL AND expires_at <= ? AND state <> 'not_effective'",
                Value::Integer(by),
            );
        }
        if let Some(text) = &f.search {
            let n = args.len() + 1;
            let pattern = format!(
                "%{}%",
                text.replace('\\', "\\\\")
                    .replace('%', "\\%")
                    .replace('_', "\\_")
            );
            args.push(Value::Text(pattern));
            sql.push_str(&format!(
                " AND (number LIKE ?{n} ESCAPE '\\' OR identifier LIKE ?{n} ESCAPE '\\'
                   OR name LIKE ?{n} ESCAPE '\\')"
            ));
        }
        if let Some(after) = &f.after {
            arg(
                &mut sql,
                &mut args,
                " AND number > ?",
                Value::Text(after.clone()),
            );
        }
        sql.push_str(" ORDER BY number");
        if let Some(limit) = f.limit {
            sql.push_str(&format!(" LIMIT {limit}"));
        }
        let mut stmt = self.tx.prepare(&sql).map_err(db)?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(args), row)
            .map_err(db)?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(db)
    }
}

fn unique_violation(e: rusqlite::Error, t: &NewToken) -> Error {
    if let rusqlite::Error::SqliteFailure(f, Some(msg)) = &e {
        if f.code == rusqlite::ErrorCode::ConstraintViolation {
            if msg.contains("identifier_key") {
                return Error::conflict(format!(
                    "identifier \"{}\" is already held by another token",
                    t.identifier.as_deref().unwrap_or_default()
                ));
            }
            if msg.contains("auth_digest") {
                return Error::conflict(
                    "that authentication code is already in use by another token; choose another",
                );
            }
            if msg.contains("FOREIGN KEY") {
                return Error::not_found(
                    "the token refers to an account, participant or definition that does not exist",
                );
            }
        }
    }
    db(e)
}
