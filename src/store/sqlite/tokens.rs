//! The tokens table: inserts, lookups by number, identifier and code digest (each an index
//! lookup), and filtered keyset-paginated lists.

use super::tx::{db, instant, instant_opt, BulkInsert, SqliteTx};
use crate::domain::token::Token;
use crate::error::{Error, Result};
use crate::store::filter::{self, Arg, Dialect};
use crate::store::queries::{CheckRow, NewToken, TokenFilter, TokenQueries, TokenSort};
use rusqlite::types::Value;
use rusqlite::{params, OptionalExtension};

pub(super) const COLS: &str = "id, number, name, identifier, classification, state, \
    pass_hash IS NOT NULL, auth_hint, account_id, participant_id, ever_linked, unlinked_at, \
    expires_at, verified_at, last_used_at, locked_until, definition, definition_version, \
    created_at, created_by, updated_at, updated_by, uses_day, uses_today";

pub(super) fn row(r: &rusqlite::Row) -> rusqlite::Result<Token> {
    let state: String = r.get(5)?;
    let number: String = r.get(1)?;
    let what = || format!("token {number}");
    Ok(Token {
        id: r.get(0)?,
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
        unlinked_at: instant_opt(r, 11, &what)?,
        expires_at: instant_opt(r, 12, &what)?,
        verified_at: instant_opt(r, 13, &what)?,
        last_used_at: instant_opt(r, 14, &what)?,
        locked_until: instant_opt(r, 15, &what)?,
        definition: r.get(16)?,
        definition_version: r.get(17)?,
        created_at: instant(r, 18, &what)?,
        created_by: r.get(19)?,
        updated_at: instant(r, 20, &what)?,
        updated_by: r.get(21)?,
        uses_day: r.get(22)?,
        uses_count: r.get(23)?,
        number,
    })
}

impl TokenQueries for SqliteTx<'_> {
    fn insert_token(&self, t: &NewToken) -> Result<()> {
        self.insert_tokens(&[t])
    }

    /// Inserts tokens with one multi-row statement per `INSERT_BATCH` of them (prepared once
    /// and cached): per row, SQLite then runs one statement's worth of bookkeeping instead of
    /// several (issue #7, bulk issuance). A batch that breaks a constraint inserts nothing (the
    /// statement rolls back) and its error names its first token: insert its tokens one at a
    /// time to learn which one broke it.
    fn insert_tokens(&self, tokens: &[&NewToken]) -> Result<()> {
        for batch in tokens.chunks(INSERT_BATCH) {
            self.insert_rows(batch)
                .map_err(|e| unique_violation(e, batch[0]))?;
        }
        Ok(())
    }

    fn token_by_number(&self, number: &str) -> Result<Option<Token>> {
        self.tx
            .prepare_cached(&format!("SELECT {COLS} FROM tokens WHERE number = ?1"))
            .and_then(|mut s| s.query_row([number], row).optional())
            .map_err(db)
    }

    fn token_by_id(&self, id: i64) -> Result<Option<Token>> {
        self.tx
            .prepare_cached(&format!("SELECT {COLS} FROM tokens WHERE id = ?1"))
            .and_then(|mut s| s.query_row([id], row).optional())
            .map_err(db)
    }

    fn token_by_identifier_key(&self, key: &str) -> Result<Option<Token>> {
        self.tx
            .prepare_cached(&format!(
                "SELECT {COLS} FROM tokens WHERE identifier_key = ?1
                 ORDER BY state = 'not_effective', id DESC LIMIT 1"
            ))
            .and_then(|mut s| s.query_row([key], row).optional())
            .map_err(db)
    }

    fn live_identifier_holder(&self, key: &str, except_id: Option<i64>) -> Result<Option<String>> {
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

    fn token_by_auth_digest(&self, digest: &[u8; 32]) -> Result<Option<Token>> {
        self.tx
            .prepare_cached(&format!("SELECT {COLS} FROM tokens WHERE auth_digest = ?1"))
            .and_then(|mut s| s.query_row([&digest[..]], row).optional())
            .map_err(db)
    }

    fn token_number_of(&self, id: i64) -> Result<Option<String>> {
        self.tx
            .prepare_cached("SELECT number FROM tokens WHERE id = ?1")
            .and_then(|mut s| s.query_row([id], |r| r.get(0)).optional())
            .map_err(db)
    }

    fn auth_digest_in_use(&self, digest: &[u8; 32]) -> Result<bool> {
        self.tx
            .prepare_cached("SELECT 1 FROM tokens WHERE auth_digest = ?1")
            .and_then(|mut s| s.exists([&digest[..]]))
            .map_err(db)
    }

    fn live_tokens_of_account(&self, account: &str) -> Result<i64> {
        self.tx
            .prepare_cached(
                "SELECT (SELECT count(*) FROM tokens
                         WHERE account_id = ?1 AND state <> 'not_effective')
                      + (SELECT count(*) FROM participants p JOIN tokens t ON t.participant_id = p.id
                         WHERE p.account_id = ?1 AND t.account_id IS NULL
                           AND t.state <> 'not_effective')",
            )
            .and_then(|mut s| s.query_row([account], |r| r.get(0)))
            .map_err(db)
    }

    fn list_tokens(&self, f: &TokenFilter) -> Result<Vec<Token>> {
        let (mut sql, args) = filtered(&format!("SELECT {COLS} FROM tokens WHERE 1"), f);
        sql.push_str(match f.sort {
            TokenSort::Number => " ORDER BY number",
            TokenSort::Created => " ORDER BY created_at, number",
            TokenSort::Expires => " ORDER BY expires_at IS NULL, expires_at, number",
            TokenSort::LastUsed => " ORDER BY last_used_at IS NULL, last_used_at DESC, number",
        });
        if let Some(limit) = f.limit {
            sql.push_str(&format!(" LIMIT {limit}"));
        }
        let mut stmt = self.tx.prepare(&sql).map_err(db)?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(args), row)
            .map_err(db)?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(db)
    }

    /// The same filter as `list_tokens`, counted by SQLite (`limit` ignored).
    fn count_tokens(&self, f: &TokenFilter) -> Result<i64> {
        let (sql, args) = filtered("SELECT count(*) FROM tokens WHERE 1", f);
        self.tx
            .query_row(&sql, rusqlite::params_from_iter(args), |r| r.get(0))
            .map_err(db)
    }

    /// One statement walked with a cursor in rowid order (see [`EACH_LIVE_TOKEN_OF`]).
    fn each_live_token_of(
        &self,
        definition: &str,
        visit: &mut dyn FnMut(&CheckRow<'_>) -> Result<()>,
    ) -> Result<()> {
        let mut stmt = self.tx.prepare(EACH_LIVE_TOKEN_OF).map_err(db)?;
        let mut rows = stmt.query([definition]).map_err(db)?;
        fn text<'r>(r: &'r rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Option<&'r str>> {
            match r.get_ref(i)? {
                rusqlite::types::ValueRef::Null => Ok(None),
                v => v.as_str().map(Some).map_err(|e| {
                    rusqlite::Error::FromSqlConversionFailure(i, v.data_type(), Box::new(e))
                }),
            }
        }
        while let Some(r) = rows.next().map_err(db)? {
            let row = (|| -> rusqlite::Result<CheckRow<'_>> {
                Ok(CheckRow {
                    id: r.get(0)?,
                    number: text(r, 1)?.unwrap_or_default(),
                    identifier: text(r, 2)?,
                    classification: text(r, 3)?,
                    definition_version: r.get(4)?,
                    pass_hash: text(r, 5)?,
                    expires_at: r.get(6)?,
                    created_at: r.get(7)?,
                    cap_account: text(r, 8)?,
                })
            })()
            .map_err(db)?;
            visit(&row)?;
        }
        Ok(())
    }

    /// Two grouped walks instead of one over a union: the tokens linked to an account walk
    /// the account index in order and are counted as they come, so only the accounts of
    /// tokens linked through a participant alone (few) are held to be added in.
    fn accounts_over(&self, cap: i64) -> Result<Vec<(String, i64)>> {
        let mut through_participant: std::collections::HashMap<String, i64> = self
            .tx
            .prepare(ACCOUNTS_THROUGH_PARTICIPANTS)
            .and_then(|mut s| {
                s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                    .collect::<rusqlite::Result<_>>()
            })
            .map_err(db)?;
        let mut over = Vec::new();
        let mut stmt = self.tx.prepare(ACCOUNTS_DIRECT).map_err(db)?;
        let mut rows = stmt.query([]).map_err(db)?;
        while let Some(r) = rows.next().map_err(db)? {
            let account: String = r.get(0).map_err(db)?;
            let direct: i64 = r.get(1).map_err(db)?;
            let total = direct + through_participant.remove(&account).unwrap_or(0);
            if total > cap {
                over.push((account, total));
            }
        }
        over.extend(through_participant.into_iter().filter(|(_, n)| *n > cap));
        over.sort();
        Ok(over)
    }
}

/// SQLite's spelling of the shared token filter ([`crate::store::filter`]).
const DIALECT: Dialect = Dialect {
    placeholder: |n| format!("?{n}"),
    true_literal: "1",
    false_literal: "0",
    same_text: |column, p| format!("{column} IS {p}"),
    like: "LIKE",
};

/// `select` with the WHERE terms of a token filter (its `limit` aside), and their arguments.
fn filtered(select: &str, f: &TokenFilter) -> (String, Vec<Value>) {
    let (sql, args) = filter::filtered(select, f, &DIALECT);
    let values = args
        .into_iter()
        .map(|a| match a {
            Arg::Int(i) => Value::Integer(i),
            Arg::Text(t) => Value::Text(t),
            Arg::OptText(t) => t.map_or(Value::Null, Value::Text),
        })
        .collect();
    (sql, values)
}

impl SqliteTx<'_> {
    /// Prepares the tokens table for `adding` rows in one transaction. Authentication-code
    /// digests are random, so each insert into their index lands on a random page; when the
    /// rows added outnumber the rows there, it is much cheaper to drop that index and build it
    /// again once, sorted, at the end ([`SqliteTx::rebuild_digest_index`]), inside the same
    /// transaction: readers never see the table without it, and a rollback restores it.
    pub(super) fn drop_digest_index_for(&self, adding: u64) -> Result<BulkInsert> {
        let present: i64 = self
            .tx
            .query_row("SELECT coalesce(max(id), 0) FROM tokens", [], |r| r.get(0))
            .map_err(db)?;
        if adding < BULK_REBUILD_MIN || (adding as i64) < present {
            return Ok(BulkInsert { rebuild: None });
        }
        let sql: Option<String> = self
            .tx
            .query_row(
                "SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = 'tokens_auth_digest'",
                [],
                |r| r.get(0),
            )
            .optional()
            .map_err(db)?;
        let Some(sql) = sql else {
            return Ok(BulkInsert { rebuild: None });
        };
        self.tx
            .execute_batch("DROP INDEX tokens_auth_digest")
            .map_err(db)?;
        Ok(BulkInsert { rebuild: Some(sql) })
    }

    /// Builds again what [`SqliteTx::drop_digest_index_for`] dropped, exactly as the schema
    /// had it.
    pub(super) fn rebuild_digest_index(&self, bulk: BulkInsert) -> Result<()> {
        let Some(sql) = bulk.rebuild else {
            return Ok(());
        };
        self.tx.execute_batch(&sql).map_err(|e| match &e {
            rusqlite::Error::SqliteFailure(f, _)
                if f.code == rusqlite::ErrorCode::ConstraintViolation =>
            {
                Error::conflict(
                    "an authentication code of the input is already in use by another token \
                     (it was taken while the input was being checked); run the command again",
                )
            }
            _ => db(e),
        })
    }

    fn insert_rows(&self, tokens: &[&NewToken]) -> rusqlite::Result<()> {
        static BATCH_SQL: std::sync::OnceLock<String> = std::sync::OnceLock::new();
        let sql = if tokens.len() == INSERT_BATCH {
            BATCH_SQL.get_or_init(|| insert_sql(INSERT_BATCH)).clone()
        } else {
            insert_sql(tokens.len())
        };
        let mut stmt = self.tx.prepare_cached(&sql)?;
        let mut i = 0;
        let mut bind = |v: &dyn rusqlite::ToSql| -> rusqlite::Result<()> {
            i += 1;
            stmt.raw_bind_parameter(i, v)
        };
        for t in tokens {
            bind(&t.id)?;
            bind(&t.number)?;
            bind(&t.name)?;
            bind(&t.identifier)?;
            bind(&t.identifier_key)?;
            bind(&t.classification)?;
            bind(&t.state.as_str())?;
            bind(&t.pass_hash)?;
            bind(&&t.auth_digest[..])?;
            bind(&t.auth_hint)?;
            bind(&t.account)?;
            bind(&t.participant)?;
            bind(&(t.account.is_some() || t.participant.is_some()))?;
            bind(&t.expires_at)?;
            bind(&t.verification_digest.as_ref().map(|d| &d[..]))?;
            bind(&t.verification_expires_at)?;
            bind(&t.definition)?;
            bind(&t.definition_version)?;
            bind(&t.now)?;
            bind(&t.actor)?;
        }
        stmt.raw_execute().map(drop)
    }
}

/// `each_live_token_of`'s statement: the table itself walked in rowid order, so that nothing
/// is held but the current row. `NOT INDEXED` keeps SQLite from picking the (state, number)
/// index for the state test, which would visit the rows out of id order and then sort them all
/// in a temporary b-tree (about 70 MB for a million tokens); a participant's account comes from
/// its primary key.
const EACH_LIVE_TOKEN_OF: &str = "SELECT t.id, t.number, t.identifier, t.classification,
        t.definition_version, t.pass_hash, t.expires_at, t.created_at,
        coalesce(t.account_id, p.account_id)
     FROM tokens AS t NOT INDEXED LEFT JOIN participants p ON p.id = t.participant_id
     WHERE t.definition = ?1 AND t.state IN ('effective', 'pending_verification')
     ORDER BY t.id";

/// `accounts_over`'s two walks, each named its index: without statistics SQLite would pick
/// the (state, number) index for the state test, visit every live token and group them all in
/// a temporary b-tree. Tokens linked to an account walk the account index in order (grouped
/// as they come); those linked only through a participant walk the participant index.
const ACCOUNTS_DIRECT: &str = "SELECT account_id, count(*) FROM tokens INDEXED BY tokens_account
     WHERE account_id IS NOT NULL AND state IN ('effective', 'pending_verification')
     GROUP BY account_id";
const ACCOUNTS_THROUGH_PARTICIPANTS: &str = "SELECT p.account_id, count(*)
     FROM tokens AS t INDEXED BY tokens_participant JOIN participants p ON p.id = t.participant_id
     WHERE t.participant_id IS NOT NULL AND t.account_id IS NULL
       AND t.state IN ('effective', 'pending_verification')
     GROUP BY p.account_id";

/// Tokens per multi-row INSERT: past a few dozen rows the per-statement saving is spent.
pub const INSERT_BATCH: usize = 32;

/// Below this many rows a bulk insert keeps every index: rebuilding one costs more than the
/// random inserts into it save.
const BULK_REBUILD_MIN: u64 = 50_000;

/// `INSERT INTO tokens … VALUES (…), (…)` for `rows` rows, 20 parameters each (created and
/// updated share their instant and actor).
fn insert_sql(rows: usize) -> String {
    let mut sql = String::from(
        "INSERT INTO tokens (id, number, name, identifier, identifier_key, classification,
            state, pass_hash, auth_digest, auth_hint, account_id, participant_id,
            ever_linked, expires_at, verification_digest, verification_expires_at,
            definition, definition_version, created_at, created_by, updated_at, updated_by)
         VALUES ",
    );
    for r in 0..rows {
        let p = r * 20;
        if r > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        for c in 1..=20 {
            sql.push_str(&format!("?{}, ", p + c));
        }
        // updated_at, updated_by: the same as created_at, created_by.
        sql.push_str(&format!("?{}, ?{})", p + 19, p + 20));
    }
    sql
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

#[cfg(test)]
mod tests {
    use super::super::engine::SqliteStore as Store;
    use super::*;
    use crate::domain::token::State;

    fn token(id: i64, digest: u8) -> NewToken {
        NewToken {
            id,
            number: format!("AT{id:010}"),
            name: None,
            identifier: None,
            identifier_key: None,
            classification: None,
            state: State::Effective,
            pass_hash: None,
            auth_digest: [digest; 32],
            auth_hint: "…abcd".into(),
            account: None,
            participant: None,
            expires_at: None,
            verification_digest: None,
            verification_expires_at: None,
            definition: "default".into(),
            definition_version: 1,
            now: 0,
            actor: "t".into(),
        }
    }

    fn index_sql(store: &mut Store) -> Option<String> {
        store
            .read(|tx| {
                tx.tx
                    .query_row(
                        "SELECT sql FROM sqlite_schema WHERE name = 'tokens_auth_digest'",
                        [],
                        |r| r.get(0),
                    )
                    .optional()
                    .map_err(db)
            })
            .unwrap()
    }

    #[test]
    fn a_large_bulk_insert_rebuilds_the_digest_index_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("t.db"), 0).unwrap();
        let before = index_sql(&mut store).expect("the index");
        store
            .write(|tx| {
                let bulk = tx.drop_digest_index_for(BULK_REBUILD_MIN)?;
                assert!(bulk.rebuild.is_some());
                tx.insert_tokens(&[&token(1, 1), &token(2, 2)])?;
                tx.rebuild_digest_index(bulk)
            })
            .unwrap();
        assert_eq!(index_sql(&mut store), Some(before.clone()));
        // Small ones keep it.
        store
            .write(|tx| {
                let bulk = tx.drop_digest_index_for(10)?;
                assert!(bulk.rebuild.is_none());
                tx.rebuild_digest_index(bulk)
            })
            .unwrap();
        // A duplicate found by the rebuild fails the transaction, which restores the index.
        let err = store
            .write(|tx| {
                let bulk = tx.drop_digest_index_for(BULK_REBUILD_MIN)?;
                tx.insert_tokens(&[&token(3, 1)])?;
                tx.rebuild_digest_index(bulk)
            })
            .unwrap_err();
        assert_eq!(err.kind, crate::error::Kind::Conflict);
        assert_eq!(index_sql(&mut store), Some(before));
        let n: i64 = store
            .read(|tx| {
                tx.tx
                    .query_row("SELECT count(*) FROM tokens", [], |r| r.get(0))
                    .map_err(db)
            })
            .unwrap();
        assert_eq!(n, 2);
    }

    /// `definition check` walks a million tokens holding one: the table in rowid order, no
    /// sort, whatever indexes the state test could use.
    #[test]
    fn each_live_token_of_walks_the_table_in_order_without_a_sort() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("t.db"), 0).unwrap();
        let plan: Vec<String> = store
            .read(|tx| {
                let mut stmt = tx
                    .tx
                    .prepare(&format!("EXPLAIN QUERY PLAN {EACH_LIVE_TOKEN_OF}"))
                    .map_err(db)?;
                let rows = stmt.query_map(["default"], |r| r.get(3)).map_err(db)?;
                rows.collect::<rusqlite::Result<Vec<String>>>().map_err(db)
            })
            .unwrap();
        let plan = plan.join(" / ");
        assert!(!plan.contains("TEMP B-TREE"), "{plan}");
        assert!(plan.starts_with("SCAN t"), "{plan}");
        let plan_of = |store: &mut Store, sql: &str| -> String {
            store
                .read(|tx| {
                    let mut stmt = tx
                        .tx
                        .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
                        .map_err(db)?;
                    let rows = stmt.query_map([], |r| r.get(3)).map_err(db)?;
                    rows.collect::<rusqlite::Result<Vec<String>>>().map_err(db)
                })
                .unwrap()
                .join(" / ")
        };
        let direct = plan_of(&mut store, ACCOUNTS_DIRECT);
        assert!(
            direct.contains("INDEX tokens_account") && !direct.contains("TEMP B-TREE"),
            "{direct}"
        );
        let through = plan_of(&mut store, ACCOUNTS_THROUGH_PARTICIPANTS);
        assert!(through.contains("INDEX tokens_participant"), "{through}");
        // And it finds what it should, in id order.
        let batch: Vec<NewToken> = (1..=3).map(|i| token(i, i as u8)).collect();
        store
            .write(|tx| tx.insert_tokens(&batch.iter().collect::<Vec<_>>()))
            .unwrap();
        let seen = store
            .read(|tx| {
                let mut seen = Vec::new();
                tx.each_live_token_of("default", &mut |r| {
                    seen.push((r.id, r.number.to_string()));
                    Ok(())
                })?;
                Ok(seen)
            })
            .unwrap();
        assert_eq!(
            seen,
            [
                (1, "AT0000000001".to_string()),
                (2, "AT0000000002".to_string()),
                (3, "AT0000000003".to_string())
            ]
        );
    }

    #[test]
    fn a_batch_that_breaks_a_constraint_inserts_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("t.db"), 0).unwrap();
        let batch: Vec<NewToken> = (1..=10).map(|i| token(i, i as u8)).collect();
        let dup = token(11, 7);
        let mut refs: Vec<&NewToken> = batch.iter().collect();
        refs.push(&dup);
        store
            .write(|tx| {
                let err = tx.insert_tokens(&refs).unwrap_err();
                assert_eq!(err.kind, crate::error::Kind::Conflict);
                let n: i64 = tx
                    .tx
                    .query_row("SELECT count(*) FROM tokens", [], |r| r.get(0))
                    .map_err(db)?;
                assert_eq!(n, 0, "the failed statement inserted nothing");
                tx.insert_tokens(&refs[..10])
            })
            .unwrap();
    }
}
