//! `db copy` on PostgreSQL: every row of every table out of one REPEATABLE READ snapshot, and
//! into a database that holds nothing but what opening it wrote, by COPY
//! ([`crate::store::transfer`]). The identity sequences of `audit` and `outbox` are moved past
//! the copied ids, so the next entry or message gets the id SQLite would give it.

use super::connect::Target;
use super::copy::Rows;
use super::engine::{PgStore, DEFAULT_LOCK_TIMEOUT};
use super::tx::{db_error, get, loaded_key, stored_key, PgTx, BEGIN_READ};
use crate::error::{Error, Result};
use crate::store::sqlite::not_empty;
use crate::store::transfer::{Cell, Copied, Sink, Source, BATCH, TABLES};
use postgres::types::Type;
use std::collections::HashMap;

impl PgStore {
    pub(super) fn export_rows(&mut self, sink: Sink) -> Result<()> {
        let timeout = self.options.lock_timeout;
        self.conn
            .client
            .batch_execute(BEGIN_READ)
            .map_err(|e| db_error(e, timeout))?;
        let outcome = (|| -> Result<()> {
            for table in TABLES {
                let sql = format!(
                    "SELECT {} FROM {} ORDER BY 1, 2",
                    table.columns.join(", "),
                    table.name
                );
                let rows = self
                    .conn
                    .client
                    .query_raw(sql.as_str(), std::iter::empty::<i64>())
                    .map_err(|e| db_error(e, timeout))?;
                let mut batch = Vec::with_capacity(BATCH);
                let mut rows = rows;
                while let Some(r) = postgres::fallible_iterator::FallibleIterator::next(&mut rows)
                    .map_err(|e| db_error(e, timeout))?
                {
                    let mut row = Vec::with_capacity(table.columns.len());
                    for (i, c) in r.columns().iter().enumerate() {
                        row.push(match (cell(&r, i, c.type_())?, c.name()) {
                            (Cell::Text(t), "identifier_key") => Cell::Text(loaded_key(&t)),
                            (other, _) => other,
                        });
                    }
                    batch.push(row);
                    if batch.len() == BATCH {
                        sink(table, std::mem::take(&mut batch))?;
                    }
                }
                if !batch.is_empty() {
                    sink(table, batch)?;
                }
            }
            Ok(())
        })();
        let _ = self.conn.client.batch_execute("ROLLBACK");
        outcome
    }

    pub(super) fn import_rows(&mut self, source: Source) -> Result<Copied> {
        let timeout = self.options.lock_timeout;
        let location = self.location.clone();
        let begin = self.begin_write();
        let began = self
            .conn
            .client
            .batch_execute(&begin)
            .map_err(|e| db_error(e, timeout));
        if let Err(e) = began {
            // BEGIN may have run before the lock wait failed: end that transaction too.
            let _ = self.conn.client.batch_execute("ROLLBACK");
            return Err(e);
        }
        let outcome = (|| -> Result<Copied> {
            let tx = PgTx::new(&mut self.conn, timeout);
            let r = tx.query_one(
                "SELECT (SELECT count(*) FROM tokens) + (SELECT count(*) FROM accounts)
                      + (SELECT count(*) FROM participants) + (SELECT count(*) FROM outbox),
                        (SELECT count(*) FROM audit)",
                &[],
            )?;
            if get::<i64>(&r, 0)? > 0 || get::<i64>(&r, 1)? > 1 {
                return Err(not_empty(&location));
            }
            let names: Vec<&str> = TABLES.iter().map(|t| t.name).collect();
            tx.batch(&format!("TRUNCATE {}", names.join(", ")))?;
            let mut types: HashMap<&str, HashMap<String, String>> = HashMap::new();
            let mut copied: Copied = TABLES.iter().map(|t| (t.name, 0)).collect();
            source(&mut |table, rows| {
                if !types.contains_key(table.name) {
                    let cols = tx
                        .query(
                            "SELECT column_name::text, data_type::text FROM information_schema.columns
                             WHERE table_schema = current_schema() AND table_name = $1",
                            &[&table.name],
                        )?
                        .iter()
                        .map(|r| Ok((get(r, 0)?, get(r, 1)?)))
                        .collect::<Result<HashMap<String, String>>>()?;
                    types.insert(table.name, cols);
                }
                let kinds: Vec<&str> = table
                    .columns
                    .iter()
                    .map(|c| {
                        types
                            .get(table.name)
                            .and_then(|t| t.get(*c))
                            .map_or("text", |s| s.as_str())
                    })
                    .collect();
                let mut out = Rows::default();
                for row in &rows {
                    for (value, kind) in row.iter().zip(&kinds) {
                        put(&mut out, value, kind);
                    }
                    out.end_row();
                }
                tx.copy_rows(
                    &format!(
                        "COPY {} ({}) FROM STDIN (FORMAT binary)",
                        table.name,
                        table.columns.join(", ")
                    ),
                    &mut out,
                )?;
                if let Some(c) = copied.iter_mut().find(|(n, _)| *n == table.name) {
                    c.1 += rows.len() as u64;
                }
                Ok(())
            })?;
            for table in ["audit", "outbox", "app_keys"] {
                tx.batch(&format!(
                    "SELECT setval(pg_get_serial_sequence('{table}', 'id'),
                                   coalesce(max(id), 1), max(id) IS NOT NULL) FROM {table}"
                ))?;
            }
            if tx.failed.get() {
                return Err(Error::internal("a statement of the copy failed"));
            }
            Ok(copied)
        })();
        let end = if outcome.is_ok() {
            "COMMIT"
        } else {
            "ROLLBACK"
        };
        let ended = self.conn.client.batch_execute(end);
        let copied = outcome?;
        ended.map_err(|e| db_error(e, timeout))?;
        Ok(copied)
    }
}

fn cell(r: &postgres::Row, i: usize, ty: &Type) -> Result<Cell> {
    Ok(match *ty {
        Type::BOOL => get::<Option<bool>>(r, i)?.map_or(Cell::Null, Cell::Bool),
        Type::INT8 => get::<Option<i64>>(r, i)?.map_or(Cell::Null, Cell::Int),
        Type::INT4 => get::<Option<i32>>(r, i)?.map_or(Cell::Null, |v| Cell::Int(v.into())),
        Type::INT2 => get::<Option<i16>>(r, i)?.map_or(Cell::Null, |v| Cell::Int(v.into())),
        Type::BYTEA => get::<Option<Vec<u8>>>(r, i)?.map_or(Cell::Null, Cell::Blob),
        _ => get::<Option<String>>(r, i)?.map_or(Cell::Null, Cell::Text),
    })
}

/// One cell in binary COPY for a column of PostgreSQL type `kind` (SQLite's 0 and 1 become
/// booleans, its text in a BYTEA column the text's bytes). Every integer column of the schema
/// is BIGINT, which [`Rows::int`] writes.
fn put(out: &mut Rows, value: &Cell, kind: &str) {
    match (value, kind) {
        (Cell::Null, _) => out.null(),
        (Cell::Int(i), "boolean") => out.bool(*i != 0),
        (Cell::Bool(b), "boolean") => out.bool(*b),
        (Cell::Bool(b), _) => out.int(i64::from(*b)),
        (Cell::Int(i), _) => out.int(*i),
        (Cell::Text(t), "bytea") => out.bytes(t.as_bytes()),
        (Cell::Text(t), _) => out.text(&stored_key(t)),
        (Cell::Blob(b), "bytea") => out.bytes(b),
        (Cell::Blob(b), _) => out.text(&String::from_utf8_lossy(b)),
    }
}

/// Whether the database at `url` can take a `db copy`: it has no table yet, or it is a
/// tokenadm database holding nothing but what creating it wrote (a copy that failed leaves
/// one behind, and may be run again).
pub fn is_vacant(url: &str) -> Result<bool> {
    let target = Target::parse(url)?;
    let mut client = target.connect()?;
    let timeout = DEFAULT_LOCK_TIMEOUT;
    let tables = client
        .query_one(
            "SELECT count(*), to_regclass('schema_version') IS NOT NULL
             FROM pg_catalog.pg_class c
             JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f')",
            &[],
        )
        .map_err(|e| db_error(e, timeout))?;
    if get::<i64>(&tables, 0)? == 0 {
        return Ok(true);
    }
    if !get::<bool>(&tables, 1)? {
        return Ok(false);
    }
    let rows = client
        .query_one(
            "SELECT (SELECT count(*) FROM tokens) + (SELECT count(*) FROM accounts)
                  + (SELECT count(*) FROM participants) + (SELECT count(*) FROM outbox),
                    (SELECT count(*) FROM audit)",
            &[],
        )
        .map_err(|e| db_error(e, timeout))?;
    Ok(get::<i64>(&rows, 0)? == 0 && get::<i64>(&rows, 1)? <= 1)
}
