//! `db copy` on SQLite: every row of every table out of one snapshot, and into a database that
//! holds nothing but what opening it wrote ([`crate::store::transfer`]).

use super::engine::SqliteStore;
use super::tx::db;
use crate::error::{Error, Result};
use crate::store::transfer::{Cell, Copied, Sink, Source, BATCH, TABLES};
use rusqlite::types::ValueRef;
use rusqlite::TransactionBehavior;

fn cell(v: ValueRef) -> Cell {
    match v {
        ValueRef::Null => Cell::Null,
        ValueRef::Integer(i) => Cell::Int(i),
        ValueRef::Real(r) => Cell::Text(r.to_string()),
        ValueRef::Text(t) => Cell::Text(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Cell::Blob(b.to_vec()),
    }
}

impl rusqlite::ToSql for Cell {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::ToSqlOutput;
        Ok(ToSqlOutput::Borrowed(match self {
            Cell::Null => ValueRef::Null,
            Cell::Int(i) => ValueRef::Integer(*i),
            Cell::Bool(b) => ValueRef::Integer(i64::from(*b)),
            Cell::Text(t) => ValueRef::Text(t.as_bytes()),
            Cell::Blob(b) => ValueRef::Blob(b),
        }))
    }
}

impl SqliteStore {
    /// Every row of every table, from one read transaction (a snapshot).
    pub(super) fn export_rows(&mut self, sink: Sink) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Deferred)
            .map_err(db)?;
        for table in TABLES {
            let sql = format!(
                "SELECT {} FROM {} ORDER BY 1, 2",
                table.columns.join(", "),
                table.name
            );
            let mut stmt = tx.prepare(&sql).map_err(db)?;
            let mut rows = stmt.query([]).map_err(db)?;
            let mut batch = Vec::with_capacity(BATCH);
            while let Some(r) = rows.next().map_err(db)? {
                let row = (0..table.columns.len())
                    .map(|i| r.get_ref(i).map(cell))
                    .collect::<rusqlite::Result<Vec<_>>>()
                    .map_err(db)?;
                batch.push(row);
                if batch.len() == BATCH {
                    sink(table, std::mem::take(&mut batch))?;
                }
            }
            if !batch.is_empty() {
                sink(table, batch)?;
            }
        }
        tx.finish().map_err(db)
    }

    /// Replaces what opening the database wrote by every row `source` hands over, in one
    /// write transaction.
    pub(super) fn import_rows(&mut self, source: Source) -> Result<Copied> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(db)?;
        let (rows, audit): (i64, i64) = tx
            .query_row(
                "SELECT (SELECT count(*) FROM tokens) + (SELECT count(*) FROM accounts)
                      + (SELECT count(*) FROM participants) + (SELECT count(*) FROM outbox),
                        (SELECT count(*) FROM audit)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(db)?;
        if rows > 0 || audit > 1 {
            return Err(not_empty(&self.path.display().to_string()));
        }
        for table in TABLES.iter().rev() {
            tx.execute_batch(&format!("DELETE FROM {}", table.name))
                .map_err(db)?;
        }
        let mut copied: Copied = TABLES.iter().map(|t| (t.name, 0)).collect();
        source(&mut |table, rows| {
            let marks: Vec<String> = (1..=table.columns.len()).map(|i| format!("?{i}")).collect();
            let sql = format!(
                "INSERT INTO {} ({}) VALUES ({})",
                table.name,
                table.columns.join(", "),
                marks.join(", ")
            );
            let mut stmt = tx.prepare_cached(&sql).map_err(db)?;
            for row in &rows {
                stmt.execute(rusqlite::params_from_iter(row.iter()))
                    .map_err(db)?;
            }
            if let Some(c) = copied.iter_mut().find(|(n, _)| *n == table.name) {
                c.1 += rows.len() as u64;
            }
            Ok(())
        })?;
        tx.commit().map_err(db)?;
        Ok(copied)
    }
}

/// The sentence for a target that already holds data.
pub(crate) fn not_empty(location: &str) -> Error {
    Error::conflict(format!(
        "{location} already holds a tokenadm database with data; db copy writes only into a new SQLite file or an empty PostgreSQL database"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every column of every table is copied: a table or column a migration adds must be
    /// named in `store::transfer::TABLES` too.
    #[test]
    fn the_copied_columns_are_the_schema() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(&dir.path().join("t.db"), 0).unwrap();
        let mut tables: Vec<String> = store
            .conn
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let mut named: Vec<String> = TABLES.iter().map(|t| t.name.to_string()).collect();
        tables.sort();
        named.sort();
        assert_eq!(tables, named);
        for t in TABLES {
            let columns: Vec<String> = store
                .conn
                .prepare(&format!("SELECT name FROM pragma_table_info('{}')", t.name))
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .map(Result::unwrap)
                .collect();
            assert_eq!(columns, t.columns, "{}", t.name);
        }
    }
}
