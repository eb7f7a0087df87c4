//! One open transaction ([`PgTx`], on which the query traits are implemented) and what every
//! query shares: the connection with its prepared statements, column readers, COPY, and the
//! mapping of PostgreSQL's errors to one sentence.

use super::copy::{Rows, HEADER, TRAILER};
use crate::error::{Error, Result};
use postgres::types::{ToSql, Type};
use postgres::{Client, Row, Statement};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::io::Write;
use std::time::Duration;

/// The advisory lock every write transaction takes first ("tokenadm" in ASCII). Advisory locks
/// are per database, so two tokenadm databases on one server do not wait for each other.
pub const WRITE_LOCK: i64 = 0x746f_6b65_6e61_646d;

/// The statements that open a write transaction: READ COMMITTED (see the module's comment),
/// the lock wait's bound, and the write lock.
pub(super) fn begin_write(lock_timeout: Duration) -> String {
    format!(
        "BEGIN ISOLATION LEVEL READ COMMITTED; SET LOCAL lock_timeout = {}; \
         SELECT pg_advisory_xact_lock({WRITE_LOCK})",
        lock_timeout.as_millis().max(1)
    )
}

/// A consistent snapshot that never waits for a writer (temporary tables stay writable).
pub(super) const BEGIN_READ: &str = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";

/// A statement's parameter, with the type PostgreSQL is told it has: a statement whose
/// parameter types travel with it is parsed, bound and run in one round trip
/// ([`Conn::query`]), where preparing it first costs another.
pub(crate) trait Param: ToSql + Sync {
    fn pg_type(&self) -> Type;
}

/// The PostgreSQL type of a Rust type that tokenadm binds.
pub(crate) trait Typed {
    const TYPE: Type;
}

impl<T: Typed + ToSql + Sync> Param for T {
    fn pg_type(&self) -> Type {
        T::TYPE
    }
}

macro_rules! typed {
    ($($rust:ty => $pg:ident),* $(,)?) => {
        $(impl Typed for $rust {
            const TYPE: Type = Type::$pg;
        })*
    };
}

typed! {
    bool => BOOL,
    i16 => INT2,
    i32 => INT4,
    i64 => INT8,
    &str => TEXT,
    String => TEXT,
    &[u8] => BYTEA,
    Vec<u8> => BYTEA,
    Vec<String> => TEXT_ARRAY,
    Vec<&str> => TEXT_ARRAY,
    Vec<i64> => INT8_ARRAY,
    std::borrow::Cow<'_, str> => TEXT,
}

impl<T: Typed> Typed for Option<T> {
    const TYPE: Type = T::TYPE;
}

impl<T: Typed + ?Sized> Typed for &T
where
    for<'a> &'a T: ToSql,
{
    const TYPE: Type = T::TYPE;
}

/// The run of a statement at which it is prepared (see [`Conn::runs`]).
const PREPARE_AT: u32 = 3;

/// The connection and its prepared statements.
pub(crate) struct Conn {
    pub(super) client: Client,
    pub(super) statements: HashMap<String, Statement>,
    /// How often each statement not prepared yet has run: a statement is prepared (and kept)
    /// when it runs for the third time. Unprepared, a statement with its parameters' types
    /// takes one round trip, as a prepared one does; preparing costs one more and saves the
    /// server parsing and planning it again. So a command that runs a statement once or twice
    /// never prepares it, and `serve` or a loop over rows prepares it once.
    pub(super) runs: HashMap<String, u32>,
}

impl Conn {
    pub(super) fn new(client: Client) -> Conn {
        Conn {
            client,
            statements: HashMap::new(),
            runs: HashMap::new(),
        }
    }

    pub(super) fn statement(
        &mut self,
        sql: &str,
    ) -> std::result::Result<Statement, postgres::Error> {
        if let Some(s) = self.statements.get(sql) {
            return Ok(s.clone());
        }
        let s = self.client.prepare(sql)?;
        self.statements.insert(sql.to_string(), s.clone());
        Ok(s)
    }

    /// The statement prepared with the parameters' types once it has run twice before;
    /// `None` until then (see [`Conn::runs`]).
    fn prepared(
        &mut self,
        sql: &str,
        params: &[&dyn Param],
    ) -> std::result::Result<Option<Statement>, postgres::Error> {
        if let Some(s) = self.statements.get(sql) {
            return Ok(Some(s.clone()));
        }
        let runs = self.runs.entry(sql.to_string()).or_insert(0);
        *runs += 1;
        if *runs < PREPARE_AT {
            return Ok(None);
        }
        self.runs.remove(sql);
        let types: Vec<Type> = params.iter().map(|p| p.pg_type()).collect();
        let s = self.client.prepare_typed(sql, &types)?;
        self.statements.insert(sql.to_string(), s.clone());
        Ok(Some(s))
    }

    pub(super) fn query(
        &mut self,
        sql: &str,
        params: &[&dyn Param],
    ) -> std::result::Result<Vec<Row>, postgres::Error> {
        match self.prepared(sql, params)? {
            Some(stmt) => self.client.query(&stmt, &untyped(params)),
            None => self.client.query_typed(sql, &typed(params)),
        }
    }

    pub(super) fn execute(
        &mut self,
        sql: &str,
        params: &[&dyn Param],
    ) -> std::result::Result<u64, postgres::Error> {
        match self.prepared(sql, params)? {
            Some(stmt) => self.client.execute(&stmt, &untyped(params)),
            None => self.client.execute_typed(sql, &typed(params)),
        }
    }
}

fn untyped<'a>(params: &[&'a dyn Param]) -> Vec<&'a (dyn ToSql + Sync)> {
    params.iter().map(|p| *p as &(dyn ToSql + Sync)).collect()
}

fn typed<'a>(params: &[&'a dyn Param]) -> Vec<(&'a (dyn ToSql + Sync), Type)> {
    params
        .iter()
        .map(|p| (*p as &(dyn ToSql + Sync), p.pg_type()))
        .collect()
}

/// One open transaction, on which the query traits are implemented.
pub struct PgTx<'a> {
    pub(super) conn: RefCell<&'a mut Conn>,
    pub(super) lock_timeout: Duration,
    /// Set by the first statement that failed: PostgreSQL refuses every later statement of
    /// the transaction, and it must not commit (a COMMIT there is a silent ROLLBACK).
    pub(super) failed: Cell<bool>,
    /// As [`crate::store::sqlite::SqliteTx`]'s: the head of the audit log once read or
    /// written, and whether this transaction appended (its commit then records the head).
    pub(super) audit_head: RefCell<Option<(i64, String)>>,
    pub(super) audit_appended: Cell<bool>,
    /// Audit entries waiting to go in by one COPY, before any other statement runs (so every
    /// statement sees them) or when they fill [`audit::FLUSH_BYTES`]: the expiry job and bulk
    /// issuance append one entry per token.
    pub(super) audit_rows: RefCell<Rows>,
    /// Cursors opened so far by [`PgTx::each_row`], for their names.
    pub(super) cursors: Cell<u32>,
    /// A body of a group succeeded and its savepoint is still to be released
    /// ([`PgTx::in_savepoint`]).
    pub(super) savepoint_open: Cell<bool>,
}

impl<'a> PgTx<'a> {
    pub(super) fn new(conn: &'a mut Conn, lock_timeout: Duration) -> Self {
        PgTx {
            conn: RefCell::new(conn),
            lock_timeout,
            failed: Cell::new(false),
            audit_head: RefCell::new(None),
            audit_appended: Cell::new(false),
            audit_rows: RefCell::new(Rows::default()),
            cursors: Cell::new(0),
            savepoint_open: Cell::new(false),
        }
    }

    /// Maps a database error, remembering that the transaction is now unusable.
    pub(super) fn fail(&self, e: postgres::Error) -> Error {
        self.failed.set(true);
        db_error(e, self.lock_timeout)
    }

    /// Runs a statement (one round trip; prepared at its third run, see [`Conn::runs`]),
    /// after any audit entries still waiting for their COPY, so that every statement sees
    /// every row written before it.
    pub(super) fn query(&self, sql: &str, params: &[&dyn Param]) -> Result<Vec<Row>> {
        self.flush_audit()?;
        self.query_raw(sql, params)
    }

    pub(super) fn query_raw(&self, sql: &str, params: &[&dyn Param]) -> Result<Vec<Row>> {
        let mut conn = self.conn.borrow_mut();
        conn.query(sql, params).map_err(|e| self.fail(e))
    }

    pub(super) fn query_opt(&self, sql: &str, params: &[&dyn Param]) -> Result<Option<Row>> {
        Ok(self.query(sql, params)?.into_iter().next())
    }

    pub(super) fn query_one(&self, sql: &str, params: &[&dyn Param]) -> Result<Row> {
        self.query_opt(sql, params)?
            .ok_or_else(|| Error::internal("the database returned no row where one was expected"))
    }

    pub(super) fn execute(&self, sql: &str, params: &[&dyn Param]) -> Result<u64> {
        self.flush_audit()?;
        let mut conn = self.conn.borrow_mut();
        conn.execute(sql, params).map_err(|e| self.fail(e))
    }

    /// Walks the rows of `sql` through a cursor, a page at a time: one statement planned once
    /// with its parameters' values, where a keyset query run again for every page gets
    /// prepared, and PostgreSQL may then settle on a generic plan that sorts the whole table
    /// for each page (a `definition check` of 1M tokens took 17 s that way, 0.3 s on SQLite).
    /// Memory stays flat, and `visit` may run other statements between rows.
    pub(super) fn each_row(
        &self,
        sql: &str,
        params: &[&dyn Param],
        visit: &mut dyn FnMut(&Row) -> Result<()>,
    ) -> Result<()> {
        const PAGE: usize = 10_000;
        let n = self.cursors.get() + 1;
        self.cursors.set(n);
        let cursor = format!("tokenadm_walk_{n}");
        self.execute(
            &format!("DECLARE {cursor} NO SCROLL CURSOR FOR {sql}"),
            params,
        )?;
        let fetch = format!("FETCH {PAGE} FROM {cursor}");
        loop {
            let page = self.query(&fetch, &[])?;
            for r in &page {
                visit(r)?;
            }
            if page.len() < PAGE {
                break;
            }
        }
        self.execute(&format!("CLOSE {cursor}"), &[]).map(drop)
    }

    /// Statements without parameters or results, in one round trip.
    pub(super) fn batch(&self, sql: &str) -> Result<()> {
        self.flush_audit()?;
        self.conn
            .borrow_mut()
            .client
            .batch_execute(sql)
            .map_err(|e| self.fail(e))
    }

    /// Runs `body` in a savepoint of this transaction (group commit, `Engine::write_group`):
    /// its error undoes its own changes, the audit entries it buffered and the head it
    /// moved, and the transaction goes on (PostgreSQL takes statements again after
    /// `ROLLBACK TO`).
    pub(super) fn in_savepoint(&self, body: crate::store::engine::Body) -> Result<()> {
        let head = self.audit_head.borrow().clone();
        let appended = self.audit_appended.get();
        // The body before this one left its savepoint for this message to release: a round
        // trip fewer per body (COMMIT releases the last).
        if self.savepoint_open.replace(false) {
            self.batch("RELEASE SAVEPOINT grouped; SAVEPOINT grouped")?;
        } else {
            self.batch("SAVEPOINT grouped")?;
        }
        match body(self).and_then(|()| self.flush_audit()) {
            Ok(()) => {
                self.savepoint_open.set(true);
                Ok(())
            }
            Err(e) => {
                self.audit_rows.borrow_mut().clear();
                self.conn
                    .borrow_mut()
                    .client
                    .batch_execute("ROLLBACK TO SAVEPOINT grouped; RELEASE SAVEPOINT grouped")
                    .map_err(|e| self.fail(e))?;
                self.failed.set(false);
                *self.audit_head.borrow_mut() = head;
                self.audit_appended.set(appended);
                Err(e)
            }
        }
    }

    /// What must happen before the commit: the audit entries still waiting go in; returns
    /// the statement that records the new head, if this transaction appended, for the caller
    /// to send with its COMMIT.
    pub(super) fn finish(&self) -> Result<Option<String>> {
        self.flush_audit()?;
        if self.failed.get() {
            return Err(Error::internal(
                "a statement of the transaction failed, so nothing was written; run the command again",
            ));
        }
        Ok(if self.audit_appended.get() {
            self.head_statement()
        } else {
            None
        })
    }
}

/// An identifier key as PostgreSQL stores it. Its text cannot hold NUL, which marks the exact
/// key of an identifier that clashed ([`crate::domain::identifier::exact_key`]); U+0001 stands
/// for it here, a control character that no validated identifier holds either.
pub(crate) fn stored_key(key: &str) -> std::borrow::Cow<'_, str> {
    if key.contains('\0') {
        key.replace('\0', "\u{1}").into()
    } else {
        key.into()
    }
}

/// The identifier key [`stored_key`] stored.
pub(crate) fn loaded_key(key: &str) -> String {
    key.replace('\u{1}', "\0")
}

/// Reads a column, mapping a type mismatch to an error (the schema is ours, so it is a bug).
pub(crate) fn get<'r, T: postgres::types::FromSql<'r>>(row: &'r Row, i: usize) -> Result<T> {
    row.try_get(i)
        .map_err(|e| Error::internal(format!("database error: column {i}: {e}")).with_source(e))
}

/// A time column: an instant tokenadm could have written, else the database was changed
/// outside tokenadm (exit 5, the same sentence as SQLite's).
pub(crate) fn instant_opt(r: &Row, i: usize, what: &dyn Fn() -> String) -> Result<Option<i64>> {
    match get::<Option<i64>>(r, i)? {
        Some(secs) if !crate::domain::time::in_range(secs) => {
            let column = r.columns().get(i).map_or("a time column", |c| c.name());
            Err(Error::conflict(format!(
                "{} has {column} = {secs}, which is no instant tokenadm writes; the database was changed outside tokenadm",
                what()
            )))
        }
        other => Ok(other),
    }
}

/// [`instant_opt`] for a column that is never NULL.
pub(crate) fn instant(r: &Row, i: usize, what: &dyn Fn() -> String) -> Result<i64> {
    instant_opt(r, i, what)?.ok_or_else(|| {
        Error::internal(format!(
            "database error: {} has no time in column {i}",
            what()
        ))
    })
}

/// Database errors: a lock wait that ran out is one sentence of its own; a lost connection
/// says so; anything else is exit 1 with the server's one-line message.
pub(crate) fn db_error(e: postgres::Error, lock_timeout: Duration) -> Error {
    use postgres::error::SqlState;
    let code = e.code().cloned();
    // A lock waited out, or a server that went away (class 57P: shut down, restarted, the
    // session terminated): the same request may well succeed in a moment.
    let transient = e.is_closed()
        || code
            .as_ref()
            .is_some_and(|c| *c == SqlState::LOCK_NOT_AVAILABLE || c.code().starts_with("57P"));
    let message = match (&code, e.as_db_error()) {
        (Some(c), _) if *c == SqlState::LOCK_NOT_AVAILABLE => {
            format!(
                "the database stayed locked by another tokenadm for {}; try again, or raise [database] lock_timeout",
                seconds(lock_timeout)
            )
        }
        (_, Some(d)) => format!("database error: {}", one_line(d.message())),
        _ if e.is_closed() => {
            "the connection to the PostgreSQL server was lost; run the command again".into()
        }
        _ => format!("database error: {}", one_line(&e.to_string())),
    };
    let error = Error::internal(message).with_source(e);
    if transient {
        error.transient()
    } else {
        error
    }
}

fn seconds(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s == 1.0 {
        "1 second".into()
    } else if s.fract() == 0.0 {
        format!("{s:.0} seconds")
    } else {
        format!("{s:.1} seconds")
    }
}

/// Server messages may span lines (DETAIL, HINT); an error here is one sentence on one line.
pub(crate) fn one_line(text: &str) -> String {
    text.split(['\n', '\r'])
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("; ")
}

/// The SQLSTATE and constraint name of a database error, if it was a constraint's.
pub(crate) fn constraint_of(e: &Error) -> Option<(String, String)> {
    let source = std::error::Error::source(e)?;
    let pg = source.downcast_ref::<postgres::Error>()?;
    let d = pg.as_db_error()?;
    Some((d.code().code().to_string(), d.constraint()?.to_string()))
}

impl PgTx<'_> {
    /// Sends `rows` through `COPY table (columns) FROM STDIN` and empties them.
    pub(super) fn copy_rows(&self, sql: &str, rows: &mut Rows) -> Result<()> {
        if rows.is_empty() {
            return Ok(());
        }
        let mut conn = self.conn.borrow_mut();
        let sent = send(&mut conn, sql, &rows.buf);
        rows.clear();
        match sent {
            Ok(()) => Ok(()),
            Err(Sent::Db(e)) => Err(self.fail(e)),
            Err(Sent::Io(e)) => {
                self.failed.set(true);
                Err(Error::internal(format!("database error: COPY failed: {e}")).with_source(e))
            }
        }
    }
}

enum Sent {
    Db(postgres::Error),
    Io(std::io::Error),
}

fn send(conn: &mut Conn, sql: &str, data: &[u8]) -> std::result::Result<(), Sent> {
    let stmt = conn.statement(sql).map_err(Sent::Db)?;
    let mut writer = conn.client.copy_in(&stmt).map_err(Sent::Db)?;
    writer.write_all(HEADER).map_err(Sent::Io)?;
    writer.write_all(data).map_err(Sent::Io)?;
    writer.write_all(TRAILER).map_err(Sent::Io)?;
    writer.finish().map(drop).map_err(Sent::Db)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_one_line() {
        assert_eq!(one_line("a\nDETAIL: b\r\n"), "a; DETAIL: b");
        assert_eq!(seconds(Duration::from_secs(30)), "30 seconds");
        assert_eq!(seconds(Duration::from_millis(1500)), "1.5 seconds");
    }
}
