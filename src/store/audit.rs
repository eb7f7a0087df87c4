//! The audit log: append-only, each entry chained to the previous one by hash.

use super::{db, Tx};
use crate::domain::token::{audit_hash, AuditEntry, AuditEvent};
use crate::error::Result;
use rusqlite::types::Value;
use rusqlite::{params, OptionalExtension};

const COLS: &str = "id, at, actor, action, token, subject, detail, prev_hash, hash";

fn row(r: &rusqlite::Row) -> rusqlite::Result<AuditEntry> {
    Ok(AuditEntry {
        id: r.get(0)?,
        at: r.get(1)?,
        actor: r.get(2)?,
        action: r.get(3)?,
        token: r.get(4)?,
        subject: r.get(5)?,
        detail: r.get(6)?,
        prev_hash: r.get(7)?,
        hash: r.get(8)?,
    })
}

/// The hash an empty log chains from.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub token: Option<String>,
    pub action: Option<String>,
    pub since: Option<i64>,
    /// Keep only the newest N entries (still printed oldest first).
    pub limit: Option<u32>,
}

impl Tx<'_> {
    /// Appends one entry, chained to the last one. Runs inside the change's own transaction. The
    /// head of the chain is read once per transaction and then kept (`Tx::audit_head`), so a
    /// transaction that appends a million entries reads it once.
    pub fn audit(&self, now: i64, actor: &str, event: &AuditEvent) -> Result<()> {
        self.audit_json(
            now,
            actor,
            event.action,
            event.token,
            event.subject,
            &event.detail.to_string(),
        )
    }

    /// [`Tx::audit`] with the detail already encoded as a JSON object, for bulk issuance,
    /// which serializes a struct straight to text instead of building a `Value` per token.
    pub fn audit_json(
        &self,
        now: i64,
        actor: &str,
        action: &str,
        token: Option<&str>,
        subject: Option<&str>,
        detail: &str,
    ) -> Result<()> {
        let cached = self.audit_head.borrow_mut().take();
        let (last_id, prev): (i64, String) = match cached {
            Some(head) => head,
            None => self
                .tx
                .prepare_cached("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1")
                .and_then(|mut s| s.query_row([], |r| Ok((r.get(0)?, r.get(1)?))).optional())
                .map_err(db)?
                .unwrap_or((0, GENESIS.to_string())),
        };
        let mut e = AuditEntry {
            id: last_id + 1,
            at: now,
            actor: actor.to_string(),
            action: action.to_string(),
            token: token.map(str::to_string),
            subject: subject.map(str::to_string),
            detail: detail.to_string(),
            prev_hash: prev,
            hash: String::new(),
        };
        e.hash = audit_hash(&e);
        self.tx
            .prepare_cached(&format!(
                "INSERT INTO audit ({COLS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
            ))
            .and_then(|mut s| {
                s.execute(params![
                    e.id,
                    e.at,
                    e.actor,
                    e.action,
                    e.token,
                    e.subject,
                    e.detail,
                    e.prev_hash,
                    e.hash
                ])
            })
            .map_err(db)?;
        // Only after the insert succeeded: a failed append leaves the cache empty, so the next
        // one reads the head again.
        *self.audit_head.borrow_mut() = Some((e.id, e.hash));
        Ok(())
    }

    pub fn list_audit(&self, f: &AuditFilter) -> Result<Vec<AuditEntry>> {
        let mut sql = format!("SELECT {COLS} FROM audit WHERE 1");
        let mut args: Vec<Value> = Vec::new();
        if let Some(t) = &f.token {
            args.push(Value::Text(t.clone()));
            sql.push_str(&format!(" AND token = ?{}", args.len()));
        }
        if let Some(a) = &f.action {
            args.push(Value::Text(a.clone()));
            sql.push_str(&format!(" AND action = ?{}", args.len()));
        }
        if let Some(s) = f.since {
            args.push(Value::Integer(s));
            sql.push_str(&format!(" AND at >= ?{}", args.len()));
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

    /// Walks the whole log in order, handing each entry to `visit` without loading them all.
    pub fn each_audit(&self, mut visit: impl FnMut(AuditEntry) -> Result<()>) -> Result<()> {
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
