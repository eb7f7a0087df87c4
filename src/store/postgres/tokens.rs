//! The tokens table: inserts (by COPY), lookups by number, identifier and code digest (each an
//! index lookup), and filtered keyset-paginated lists.

use super::copy::Rows;
use super::tx::{constraint_of, get, instant, instant_opt, stored_key, Param, PgTx};
use crate::domain::token::Token;
use crate::error::{Error, Result};
use crate::store::filter::{self, Arg, Dialect};
use crate::store::queries::{CheckRow, NewToken, TokenFilter, TokenQueries, TokenSort};
use postgres::Row;

pub(super) const COLS: &str = "id, number, name, identifier, classification, state, \
    pass_hash IS NOT NULL, auth_hint, account_id, participant_id, ever_linked, unlinked_at, \
    expires_at, verified_at, last_used_at, locked_until, definition, definition_version, \
    created_at, created_by, updated_at, updated_by, uses_day, uses_today";

/// How many columns [`COLS`] has.
pub(super) const N_COLS: usize = 24;

pub(super) fn row(r: &Row) -> Result<Token> {
    let state: String = get(r, 5)?;
    let number: String = get(r, 1)?;
    let what = || format!("token {number}");
    Ok(Token {
        id: get(r, 0)?,
        name: get(r, 2)?,
        identifier: get(r, 3)?,
        classification: get(r, 4)?,
        state: state
            .parse()
            .map_err(|_| Error::internal(format!("database error: unknown state {state:?}")))?,
        has_pass_code: get(r, 6)?,
        auth_hint: get(r, 7)?,
        account: get(r, 8)?,
        participant: get(r, 9)?,
        ever_linked: get(r, 10)?,
        unlinked_at: instant_opt(r, 11, &what)?,
        expires_at: instant_opt(r, 12, &what)?,
        verified_at: instant_opt(r, 13, &what)?,
        last_used_at: instant_opt(r, 14, &what)?,
        locked_until: instant_opt(r, 15, &what)?,
        definition: get(r, 16)?,
        definition_version: get(r, 17)?,
        created_at: instant(r, 18, &what)?,
        created_by: get(r, 19)?,
        updated_at: instant(r, 20, &what)?,
        updated_by: get(r, 21)?,
        uses_day: get(r, 22)?,
        uses_count: get(r, 23)?,
        number,
    })
}

const COPY_TOKENS: &str = "COPY tokens (id, number, name, identifier, identifier_key, \
    classification, state, pass_hash, auth_digest, auth_hint, account_id, participant_id, \
    ever_linked, expires_at, verification_digest, verification_expires_at, definition, \
    definition_version, created_at, created_by, updated_at, updated_by) FROM STDIN (FORMAT binary)";

impl TokenQueries for PgTx<'_> {
    /// Inserts tokens with one COPY per call (a bulk issuance calls with a hundred or so at a
    /// time). PostgreSQL aborts the whole transaction at a failed statement, where SQLite rolls
    /// back the statement alone; each call therefore runs in a savepoint, so that when it
    /// breaks a constraint it inserted nothing and the transaction goes on: ops::issue then
    /// inserts the same tokens one at a time to learn which one it was.
    fn insert_tokens(&self, tokens: &[&NewToken]) -> Result<()> {
        let Some(first) = tokens.first() else {
            return Ok(());
        };
        self.batch("SAVEPOINT insert_tokens")?;
        let mut rows = Rows::default();
        for t in tokens {
            copy_row(&mut rows, t);
        }
        match self.copy_rows(COPY_TOKENS, &mut rows) {
            Ok(()) => self.batch("RELEASE SAVEPOINT insert_tokens"),
            Err(e) => {
                self.conn
                    .borrow_mut()
                    .client
                    .batch_execute(
                        "ROLLBACK TO SAVEPOINT insert_tokens; RELEASE SAVEPOINT insert_tokens",
                    )
                    .map_err(|e| self.fail(e))?;
                self.failed.set(false);
                Err(unique_violation(e, first))
            }
        }
    }

    fn token_by_number(&self, number: &str) -> Result<Option<Token>> {
        self.query_opt(
            &format!("SELECT {COLS} FROM tokens WHERE number = $1"),
            &[&number],
        )?
        .map(|r| row(&r))
        .transpose()
    }

    fn token_by_id(&self, id: i64) -> Result<Option<Token>> {
        self.query_opt(&format!("SELECT {COLS} FROM tokens WHERE id = $1"), &[&id])?
            .map(|r| row(&r))
            .transpose()
    }

    /// The token holding an identifier: the live one if any, else the newest not_effective one.
    fn token_by_identifier_key(&self, key: &str) -> Result<Option<Token>> {
        self.query_opt(
            &format!(
                "SELECT {COLS} FROM tokens WHERE identifier_key = $1
                 ORDER BY state = 'not_effective', id DESC LIMIT 1"
            ),
            &[&stored_key(key)],
        )?
        .map(|r| row(&r))
        .transpose()
    }

    /// The live token (not not_effective) holding an identifier, other than `except_id`.
    fn live_identifier_holder(&self, key: &str, except_id: Option<i64>) -> Result<Option<String>> {
        self.query_opt(
            "SELECT number FROM tokens WHERE identifier_key = $1
             AND state <> 'not_effective' AND id IS DISTINCT FROM $2 LIMIT 1",
            &[&stored_key(key), &except_id],
        )?
        .map(|r| get(&r, 0))
        .transpose()
    }

    fn token_by_auth_digest(&self, digest: &[u8; 32]) -> Result<Option<Token>> {
        self.query_opt(
            &format!("SELECT {COLS} FROM tokens WHERE auth_digest = $1"),
            &[&&digest[..]],
        )?
        .map(|r| row(&r))
        .transpose()
    }

    fn token_number_of(&self, id: i64) -> Result<Option<String>> {
        self.query_opt("SELECT number FROM tokens WHERE id = $1", &[&id])?
            .map(|r| get(&r, 0))
            .transpose()
    }

    fn auth_digest_in_use(&self, digest: &[u8; 32]) -> Result<bool> {
        Ok(self
            .query_opt(
                "SELECT 1 FROM tokens WHERE auth_digest = $1",
                &[&&digest[..]],
            )?
            .is_some())
    }

    fn live_tokens_of_account(&self, account: &str) -> Result<i64> {
        let r = self.query_one(
            "SELECT (SELECT count(*) FROM tokens
                     WHERE account_id = $1 AND state <> 'not_effective')
                  + (SELECT count(*) FROM participants p JOIN tokens t ON t.participant_id = p.id
                     WHERE p.account_id = $1 AND t.account_id IS NULL
                       AND t.state <> 'not_effective')",
            &[&account],
        )?;
        get(&r, 0)
    }

    fn list_tokens(&self, f: &TokenFilter) -> Result<Vec<Token>> {
        let (mut sql, args) = filtered(&format!("SELECT {COLS} FROM tokens WHERE true"), f);
        // NULLS LAST/FIRST spelt as SQLite's `x IS NULL` ordering, so both engines agree.
        sql.push_str(match f.sort {
            TokenSort::Number => " ORDER BY number",
            TokenSort::Created => " ORDER BY created_at, number",
            TokenSort::Expires => " ORDER BY expires_at IS NULL, expires_at, number",
            TokenSort::LastUsed => " ORDER BY last_used_at IS NULL, last_used_at DESC, number",
        });
        if let Some(limit) = f.limit {
            sql.push_str(&format!(" LIMIT {limit}"));
        }
        let refs: Vec<&dyn Param> = args.iter().map(|a| a.as_ref()).collect();
        self.query(&sql, &refs)?.iter().map(row).collect()
    }

    /// One cursor over the tokens in id order ([`PgTx::each_row`]).
    fn each_live_token_of(
        &self,
        definition: &str,
        visit: &mut dyn FnMut(&CheckRow<'_>) -> Result<()>,
    ) -> Result<()> {
        self.each_row(
            "SELECT t.id, t.number, t.identifier, t.classification, t.definition_version,
                    t.pass_hash, t.expires_at, t.created_at, coalesce(t.account_id, p.account_id)
             FROM tokens t LEFT JOIN participants p ON p.id = t.participant_id
             WHERE t.definition = $1 AND t.state IN ('effective', 'pending_verification')
             ORDER BY t.id",
            &[&definition],
            &mut |r| {
                visit(&CheckRow {
                    id: get(r, 0)?,
                    number: get(r, 1)?,
                    identifier: get(r, 2)?,
                    classification: get(r, 3)?,
                    definition_version: get(r, 4)?,
                    pass_hash: get(r, 5)?,
                    expires_at: get(r, 6)?,
                    created_at: get(r, 7)?,
                    cap_account: get(r, 8)?,
                })
            },
        )
    }

    fn accounts_over(&self, cap: i64) -> Result<Vec<(String, i64)>> {
        self.query(
            "SELECT account, sum(n)::bigint FROM (
                 SELECT account_id AS account, count(*) AS n FROM tokens
                 WHERE account_id IS NOT NULL AND state IN ('effective', 'pending_verification')
                 GROUP BY account_id
                 UNION ALL
                 SELECT p.account_id, count(*) FROM tokens t JOIN participants p
                     ON p.id = t.participant_id
                 WHERE t.participant_id IS NOT NULL AND t.account_id IS NULL
                   AND t.state IN ('effective', 'pending_verification')
                 GROUP BY p.account_id
             ) counted GROUP BY account HAVING sum(n)::bigint > $1 ORDER BY account",
            &[&cap],
        )?
        .iter()
        .map(|r| Ok((get(r, 0)?, get(r, 1)?)))
        .collect()
    }

    /// The same filter as `list_tokens`, counted by PostgreSQL (`limit` ignored).
    fn count_tokens(&self, f: &TokenFilter) -> Result<i64> {
        let (sql, args) = filtered("SELECT count(*) FROM tokens WHERE true", f);
        let refs: Vec<&dyn Param> = args.iter().map(|a| a.as_ref()).collect();
        get(&self.query_one(&sql, &refs)?, 0)
    }
}

/// PostgreSQL's spelling of the shared token filter ([`crate::store::filter`]).
const DIALECT: Dialect = Dialect {
    placeholder: |n| format!("${n}"),
    true_literal: "true",
    false_literal: "false",
    same_text: |column, p| format!("{column} IS NOT DISTINCT FROM {p}::text"),
    like: "ILIKE",
};

/// `select` with the WHERE terms of a token filter (its `limit` and sort aside), and their
/// arguments.
fn filtered(select: &str, f: &TokenFilter) -> (String, Args) {
    let (sql, args) = filter::filtered(select, f, &DIALECT);
    let values = args
        .into_iter()
        .map(|a| -> Box<dyn Param> {
            match a {
                Arg::Int(i) => Box::new(i),
                Arg::Text(t) => Box::new(t),
                Arg::OptText(t) => Box::new(t),
            }
        })
        .collect();
    (sql, values)
}

type Args = Vec<Box<dyn Param>>;

/// One token as a COPY row, in [`COPY_TOKENS`]' column order (created and updated share their
/// instant and actor).
fn copy_row(rows: &mut Rows, t: &NewToken) {
    rows.int(t.id);
    rows.text(&t.number);
    rows.opt_text(t.name.as_deref());
    rows.opt_text(t.identifier.as_deref());
    rows.opt_text(t.identifier_key.as_deref().map(stored_key).as_deref());
    rows.opt_text(t.classification.as_deref());
    rows.text(t.state.as_str());
    rows.opt_text(t.pass_hash.as_deref());
    rows.bytes(&t.auth_digest);
    rows.text(&t.auth_hint);
    rows.opt_text(t.account.as_deref());
    rows.opt_text(t.participant.as_deref());
    rows.bool(t.account.is_some() || t.participant.is_some());
    rows.opt_int(t.expires_at);
    rows.opt_bytes(t.verification_digest.as_ref().map(|d| &d[..]));
    rows.opt_int(t.verification_expires_at);
    rows.text(&t.definition);
    rows.int(t.definition_version);
    rows.int(t.now);
    rows.text(&t.actor);
    rows.int(t.now);
    rows.text(&t.actor);
    rows.end_row();
}

/// The same sentences as the SQLite engine's for the same broken constraint.
fn unique_violation(e: Error, t: &NewToken) -> Error {
    match constraint_of(&e) {
        Some((code, c)) if code == "23505" && c.starts_with("tokens_identifier") => {
            Error::conflict(format!(
                "identifier \"{}\" is already held by another token",
                t.identifier.as_deref().unwrap_or_default()
            ))
        }
        Some((code, c)) if code == "23505" && c == "tokens_auth_digest" => Error::conflict(
            "that authentication code is already in use by another token; choose another",
        ),
        Some((code, _)) if code == "23503" => Error::not_found(
            "the token refers to an account, participant or definition that does not exist",
        ),
        _ => e,
    }
}
