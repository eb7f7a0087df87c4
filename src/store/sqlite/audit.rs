//! The audit log: append-only, each entry chained to the previous one by hash.

use super::tx::{db, instant, SqliteTx};
use crate::domain::token::{AuditEntry, TokenRange};
use crate::error::Result;
use crate::store::queries::{
    parse_audit_head, AuditFilter, AuditQueries, MetaQueries, AUDIT_BATCH, AUDIT_HEAD, GENESIS,
};
use rusqlite::types::Value;
use rusqlite::OptionalExtension;

const COLS: &str =
    "id, at, actor, action, token, subject, detail, prev_hash, hash, first_token_id, last_token_id";

/// Values per row of `COLS`.
const WIDTH: usize = 11;

fn row(r: &rusqlite::Row) -> rusqlite::Result<AuditEntry> {
    let id: i64 = r.get(0)?;
    let first: Option<i64> = r.get(9)?;
    let last: Option<i64> = r.get(10)?;
    Ok(AuditEntry {
        id,
        at: instant(r, 1, &|| format!("audit entry {id}"))?,
        actor: r.get(2)?,
        action: r.get(3)?,
        token: r.get(4)?,
        subject: r.get(5)?,
        detail: r.get(6)?,
        prev_hash: r.get(7)?,
        hash: r.get(8)?,
        // Both or neither, as written; one alone reads as a range that does not match the
        // detail, which `audit verify` reports.
        token_ids: match (first, last) {
            (None, None) => None,
            (first, last) => Some(TokenRange {
                first: first.unwrap_or(i64::MIN),
                last: last.unwrap_or(i64::MIN),
            }),
        },
    })
}

fn insert_sql(rows: usize) -> String {
    let mut sql = format!("INSERT INTO audit ({COLS}) VALUES ");
    for r in 0..rows {
        let p = r * WIDTH;
        if r > 0 {
            sql.push_str(", ");
        }
        let params: Vec<String> = (1..=WIDTH).map(|c| format!("?{}", p + c)).collect();
        sql.push('(');
        sql.push_str(&params.join(", "));
        sql.push(')');
    }
    sql
}

impl AuditQueries for SqliteTx<'_> {
    fn audit_head(&self) -> Result<(i64, String)> {
        if let Some(head) = self.audit_head.borrow().clone() {
            return Ok(head);
        }
        let head = self
            .tx
            .prepare_cached("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1")
            .and_then(|mut s| s.query_row([], |r| Ok((r.get(0)?, r.get(1)?))).optional())
            .map_err(db)?
            .unwrap_or((0, GENESIS.to_string()));
        *self.audit_head.borrow_mut() = Some(head.clone());
        Ok(head)
    }

    /// One multi-row statement per call (a bulk import appends in `AUDIT_BATCH`es); the head
    /// is kept only after the insert succeeded.
    fn append_audit(&self, entries: &[AuditEntry]) -> Result<()> {
        let Some(last) = entries.last() else {
            return Ok(());
        };
        self.insert_audit_rows(entries).map_err(db)?;
        *self.audit_head.borrow_mut() = Some((last.id, last.hash.clone()));
        self.audit_appended.set(true);
        Ok(())
    }

    fn recorded_audit_head(&self) -> Result<Option<(i64, String)>> {
        self.meta_get(AUDIT_HEAD)?
            .map(|v| parse_audit_head(&v))
            .transpose()
    }

    fn list_audit(&self, f: &AuditFilter) -> Result<Vec<AuditEntry>> {
        let mut sql = format!("SELECT {COLS} FROM audit WHERE 1");
        let mut args: Vec<Value> = Vec::new();
        if let Some(t) = &f.token {
            args.push(Value::Text(t.clone()));
            let token = args.len();
            match f.token_id {
                // Batches never overlap: the first one ending at or after the id is the only
                // one that may hold it, one seek of the audit_token_ids index (schema 7).
                Some(id) => {
                    args.push(Value::Integer(id));
                    let id = args.len();
                    sql.push_str(&format!(
                        " AND (token = ?{token} OR id = (SELECT id FROM (SELECT id, first_token_id
                         FROM audit WHERE last_token_id >= ?{id} ORDER BY last_token_id LIMIT 1)
                         WHERE first_token_id <= ?{id}))"
                    ));
                }
                None => sql.push_str(&format!(" AND token = ?{token}")),
            }
        }
        if let Some(a) = &f.action {
            args.push(Value::Text(a.clone()));
            sql.push_str(&format!(" AND action = ?{}", args.len()));
        }
        if let Some(s) = f.since {
            args.push(Value::Integer(s));
            sql.push_str(&format!(" AND at >= ?{}", args.len()));
        }
        if let Some(u) = f.until {
            args.push(Value::Integer(u));
            sql.push_str(&format!(" AND at <= ?{}", args.len()));
        }
        sql.push_str(" ORDER BY id DESC");
        if let Some(l) = f.limit {
            sql.push_str(&format!(" LIMIT {l}"));
        }
        let mut stmt = self.tx.prepare(&sql).map_err(db)?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(args), row)
            .map_err(db)?;
        let mut entries = rows.collect::<rusqlite::Result<Vec<_>>>().map_err(db)?;
        entries.reverse();
        Ok(entries)
    }

    fn each_audit(&self, visit: &mut dyn FnMut(AuditEntry) -> Result<()>) -> Result<()> {
        let mut stmt = self
            .tx
            .prepare(&format!("SELECT {COLS} FROM audit ORDER BY id"))
            .map_err(db)?;
        let mut rows = stmt.query([]).map_err(db)?;
        while let Some(r) = rows.next().map_err(db)? {
            visit(row(r).map_err(db)?)?;
        }
        Ok(())
    }
}

impl SqliteTx<'_> {
    /// Records the head of the log (kept in memory while appending) in meta, once per
    /// transaction, at its commit.
    pub(super) fn record_audit_head(&self) -> Result<()> {
        let head = self.audit_head.borrow().clone();
        match head {
            Some((id, hash)) => self.meta_set(AUDIT_HEAD, format!("{id}:{hash}").as_bytes()),
            None => Ok(()),
        }
    }

    fn insert_audit_rows(&self, rows: &[AuditEntry]) -> rusqlite::Result<()> {
        static BATCH_SQL: std::sync::OnceLock<String> = std::sync::OnceLock::new();
        let sql = if rows.len() == AUDIT_BATCH {
            BATCH_SQL.get_or_init(|| insert_sql(AUDIT_BATCH)).clone()
        } else {
            insert_sql(rows.len())
        };
        let mut stmt = self.tx.prepare_cached(&sql)?;
        let mut i = 0;
        let mut bind = |v: &dyn rusqlite::ToSql| -> rusqlite::Result<()> {
            i += 1;
            stmt.raw_bind_parameter(i, v)
        };
        for e in rows {
            bind(&e.id)?;
            bind(&e.at)?;
            bind(&e.actor)?;
            bind(&e.action)?;
            bind(&e.token)?;
            bind(&e.subject)?;
            bind(&e.detail)?;
            bind(&e.prev_hash)?;
            bind(&e.hash)?;
            bind(&e.token_ids.map(|r| r.first))?;
            bind(&e.token_ids.map(|r| r.last))?;
        }
        stmt.raw_execute().map(drop)
    }
}

#[cfg(test)]
mod tests {
    use super::super::engine::SqliteStore as Store;
    use super::*;

    fn batch(first: i64, last: i64) -> String {
        format!(
            r#"{{"tokens":{},"token_ids":{{"first":{first},"last":{last}}}}}"#,
            last - first + 1
        )
    }

    /// The batch that holds an id is found, whichever id of its range; an id between batches
    /// (a token issued alone) finds no batch; the range reads back as written.
    #[test]
    fn a_token_id_finds_the_one_batch_whose_range_holds_it() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("t.db"), 0).unwrap();
        store
            .write(|tx| {
                tx.audit_json(1, "a", "token.import", None, Some("a.csv"), &batch(1, 100))?;
                tx.audit_json(2, "a", "token.create", Some("AT0000000101"), None, "{}")?;
                tx.audit_json(3, "a", "token.create", None, None, &batch(102, 102))?;
                tx.audit_json(
                    4,
                    "a",
                    "token.import",
                    None,
                    Some("b.csv"),
                    &batch(103, 200),
                )
            })
            .unwrap();
        let find = |store: &mut Store, number: &str, id: i64| -> Vec<(String, Option<String>)> {
            store
                .read(|tx| {
                    tx.list_audit(&AuditFilter {
                        token: Some(number.into()),
                        token_id: Some(id),
                        ..Default::default()
                    })
                })
                .unwrap()
                .into_iter()
                .map(|e| (e.action, e.subject))
                .collect()
        };
        let import = |file: &str| vec![("token.import".to_string(), Some(file.to_string()))];
        assert_eq!(find(&mut store, "AT0000000001", 1), import("a.csv"));
        assert_eq!(find(&mut store, "AT0000000050", 50), import("a.csv"));
        assert_eq!(find(&mut store, "AT0000000100", 100), import("a.csv"));
        assert_eq!(
            find(&mut store, "AT0000000101", 101),
            vec![("token.create".to_string(), None)]
        );
        assert_eq!(
            find(&mut store, "AT0000000102", 102),
            vec![("token.create".to_string(), None)]
        );
        assert_eq!(find(&mut store, "AT0000000150", 150), import("b.csv"));
        assert!(find(&mut store, "AT0000000201", 201).is_empty());
        let all = store
            .read(|tx| tx.list_audit(&AuditFilter::default()))
            .unwrap();
        // After the database's own first entry.
        let ranges: Vec<Option<TokenRange>> = all.iter().skip(1).map(|e| e.token_ids).collect();
        let r = |first, last| Some(TokenRange { first, last });
        assert_eq!(ranges, [r(1, 100), None, r(102, 102), r(103, 200)]);
    }
}
