//! The audit log: append-only, each entry chained to the previous one by hash (the chain is
//! made by [`AuditQueries::audit_many`]; this stores the entries and keeps the head). Entries
//! wait in the transaction's buffer and go in by COPY, all at once, before the next statement
//! of any other kind or the commit: the expiry job and bulk issuance append one per token.

use super::tx::{get, instant, Param, PgTx};
use crate::domain::token::{AuditEntry, TokenRange};
use crate::error::Result;
use crate::store::queries::{
    parse_audit_head, AuditFilter, AuditQueries, MetaQueries, AUDIT_HEAD, GENESIS,
};
use postgres::Row;

const COLS: &str =
    "id, at, actor, action, token, subject, detail, prev_hash, hash, first_token_id, last_token_id";

const COPY_AUDIT: &str = "COPY audit (id, at, actor, action, token, subject, detail, prev_hash, \
    hash, first_token_id, last_token_id) FROM STDIN (FORMAT binary)";

/// Up to this many entries at once are inserted at once rather than buffered.
const FEW: usize = 2;

/// Buffered entries are sent once they take this much.
pub(super) const FLUSH_BYTES: usize = 4 << 20;

/// The log's last entry: its head.
pub(super) const HEAD_QUERY: &str = "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1";

fn row(r: &Row) -> Result<AuditEntry> {
    let id: i64 = get(r, 0)?;
    Ok(AuditEntry {
        id,
        at: instant(r, 1, &|| format!("audit entry {id}"))?,
        actor: get(r, 2)?,
        action: get(r, 3)?,
        token: get(r, 4)?,
        subject: get(r, 5)?,
        detail: get(r, 6)?,
        prev_hash: get(r, 7)?,
        hash: get(r, 8)?,
        // Both or neither, as written; one alone reads as a range that does not match the
        // detail, which `audit verify` reports (as on SQLite).
        token_ids: match (get::<Option<i64>>(r, 9)?, get::<Option<i64>>(r, 10)?) {
            (None, None) => None,
            (first, last) => Some(TokenRange {
                first: first.unwrap_or(i64::MIN),
                last: last.unwrap_or(i64::MIN),
            }),
        },
    })
}

impl AuditQueries for PgTx<'_> {
    fn audit_head(&self) -> Result<(i64, String)> {
        if let Some(head) = self.audit_head.borrow().clone() {
            return Ok(head);
        }
        let head = match self.query_opt(HEAD_QUERY, &[])? {
            Some(r) => (get(&r, 0)?, get(&r, 1)?),
            None => (0, GENESIS.to_string()),
        };
        *self.audit_head.borrow_mut() = Some(head.clone());
        Ok(head)
    }

    fn append_audit(&self, entries: &[AuditEntry]) -> Result<()> {
        let Some(last) = entries.last() else {
            return Ok(());
        };
        // A command's entry or two go in at once, by INSERT: one round trip, where a COPY
        // takes three. Many (the expiry job, a batch) wait for one COPY.
        if entries.len() <= FEW && self.audit_rows.borrow().is_empty() {
            for e in entries {
                let first = e.token_ids.map(|r| r.first);
                let last = e.token_ids.map(|r| r.last);
                self.execute(
                    "INSERT INTO audit (id, at, actor, action, token, subject, detail, prev_hash,
                         hash, first_token_id, last_token_id)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                    &[
                        &e.id,
                        &e.at,
                        &e.actor,
                        &e.action,
                        &e.token,
                        &e.subject,
                        &e.detail,
                        &e.prev_hash,
                        &e.hash,
                        &first,
                        &last,
                    ],
                )?;
            }
            *self.audit_head.borrow_mut() = Some((last.id, last.hash.clone()));
            self.audit_appended.set(true);
            return Ok(());
        }
        let full = {
            let mut rows = self.audit_rows.borrow_mut();
            for e in entries {
                rows.int(e.id);
                rows.int(e.at);
                rows.text(&e.actor);
                rows.text(&e.action);
                rows.opt_text(e.token.as_deref());
                rows.opt_text(e.subject.as_deref());
                rows.text(&e.detail);
                rows.text(&e.prev_hash);
                rows.text(&e.hash);
                rows.opt_int(e.token_ids.map(|r| r.first));
                rows.opt_int(e.token_ids.map(|r| r.last));
                rows.end_row();
            }
            rows.bytes_len() >= FLUSH_BYTES
        };
        *self.audit_head.borrow_mut() = Some((last.id, last.hash.clone()));
        self.audit_appended.set(true);
        if full {
            self.flush_audit()?;
        }
        Ok(())
    }

    fn recorded_audit_head(&self) -> Result<Option<(i64, String)>> {
        self.meta_get(AUDIT_HEAD)?
            .map(|v| parse_audit_head(&v))
            .transpose()
    }

    fn list_audit(&self, f: &AuditFilter) -> Result<Vec<AuditEntry>> {
        let limit = f.limit.map(i64::from);
        let args: [&dyn Param; 6] = [&f.token, &f.action, &f.since, &limit, &f.until, &f.token_id];
        let mut entries = self
            .query(
                &format!(
                    "SELECT {COLS} FROM audit
                     WHERE ($1::text IS NULL OR token = $1
                            OR id = (SELECT id FROM (SELECT id, first_token_id FROM audit
                                     WHERE last_token_id >= $6::bigint
                                     ORDER BY last_token_id LIMIT 1) b
                                     WHERE first_token_id <= $6::bigint))
                       AND ($2::text IS NULL OR action = $2)
                       AND ($3::bigint IS NULL OR at >= $3) AND ($5::bigint IS NULL OR at <= $5)
                     ORDER BY id DESC LIMIT $4"
                ),
                &args,
            )?
            .iter()
            .map(row)
            .collect::<Result<Vec<_>>>()?;
        entries.reverse();
        Ok(entries)
    }

    /// Walks the whole log in order through one cursor ([`PgTx::each_row`]).
    fn each_audit(&self, visit: &mut dyn FnMut(AuditEntry) -> Result<()>) -> Result<()> {
        self.each_row(
            &format!("SELECT {COLS} FROM audit ORDER BY id"),
            &[],
            &mut |r| visit(row(r)?),
        )
    }
}

impl PgTx<'_> {
    /// Sends the buffered audit entries (one COPY).
    pub(super) fn flush_audit(&self) -> Result<()> {
        if self.audit_rows.borrow().is_empty() {
            return Ok(());
        }
        let mut rows = std::mem::take(&mut *self.audit_rows.borrow_mut());
        self.copy_rows(COPY_AUDIT, &mut rows)?;
        // Keep the buffer's allocation for the next batch.
        *self.audit_rows.borrow_mut() = rows;
        Ok(())
    }

    /// The statement that records the head of the log in meta, once per transaction, sent
    /// with its COMMIT in one round trip. The value travels as hex, so that nothing read
    /// from the database (a hash column someone edited) can end up as SQL.
    pub(super) fn head_statement(&self) -> Option<String> {
        let (id, hash) = self.audit_head.borrow().clone()?;
        let hex = crate::domain::token::hex(format!("{id}:{hash}").as_bytes());
        Some(format!(
            "INSERT INTO meta (key, value) VALUES ('{AUDIT_HEAD}', E'\\\\x{hex}'::bytea)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value;"
        ))
    }

    /// Takes the head read with the transaction's first statements ([`HEAD_QUERY`]), so that
    /// appending needs no query of its own.
    pub(super) fn set_audit_head(&self, head: Option<(i64, String)>) {
        *self.audit_head.borrow_mut() = Some(head.unwrap_or((0, GENESIS.to_string())));
    }
}
