//! The outbox: messages queued in the same transaction as the change that caused them, claimed
//! by `outbox deliver` so that two runs never send one message twice.

use super::tx::{db, instant, instant_opt, SqliteTx};
use crate::domain::definition::Media;
use crate::domain::message::{Message, MessageStatus, NewMessage};
use crate::error::Result;
use crate::store::queries::{OutboxQueries, OutboxSummary};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, OptionalExtension};

const COLS: &str = "id, token, event, media, recipient, subject, body, status, attempts, \
    last_error, next_attempt_at, created_at, sent_at, secrets";

fn row(r: &rusqlite::Row) -> rusqlite::Result<Message> {
    let media: String = r.get(3)?;
    let status: String = r.get(7)?;
    let bad = |i: usize| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, "bad enum".into())
    };
    let id: i64 = r.get(0)?;
    let what = || format!("message {id}");
    Ok(Message {
        id,
        token: r.get(1)?,
        event: r.get(2)?,
        media: Media::parse(&media).ok_or_else(|| bad(3))?,
        recipient: r.get(4)?,
        subject: r.get(5)?,
        body: r.get(6)?,
        status: MessageStatus::parse(&status).ok_or_else(|| bad(7))?,
        attempts: r.get(8)?,
        last_error: r.get(9)?,
        next_attempt_at: instant(r, 10, &what)?,
        created_at: instant(r, 11, &what)?,
        sent_at: instant_opt(r, 12, &what)?,
        secrets: r.get(13)?,
    })
}

impl OutboxQueries for SqliteTx<'_> {
    fn queue_message(&self, m: &NewMessage, now: i64) -> Result<i64> {
        self.tx
            .query_row(
                "INSERT INTO outbox (token, event, media, recipient, subject, body, status,
                    next_attempt_at, created_at, secrets)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'pending', ?7, ?7, ?8) RETURNING id",
                params![
                    m.token,
                    m.event.as_str(),
                    m.media.as_str(),
                    m.recipient,
                    m.subject,
                    m.body,
                    now,
                    m.secrets
                ],
                |r| r.get(0),
            )
            .map_err(db)
    }

    fn message(&self, id: i64) -> Result<Option<Message>> {
        self.tx
            .query_row(
                &format!("SELECT {COLS} FROM outbox WHERE id = ?1"),
                [id],
                row,
            )
            .optional()
            .map_err(db)
    }

    fn list_messages(
        &self,
        status: Option<MessageStatus>,
        token: Option<&str>,
    ) -> Result<Vec<Message>> {
        let mut sql = format!("SELECT {COLS} FROM outbox WHERE 1");
        let mut args: Vec<Value> = Vec::new();
        if let Some(s) = status {
            args.push(s.as_str().to_string().into());
            sql.push_str(&format!(" AND status = ?{}", args.len()));
        }
        if let Some(t) = token {
            args.push(t.to_string().into());
            sql.push_str(&format!(" AND token = ?{}", args.len()));
        }
        sql.push_str(" ORDER BY id");
        let mut stmt = self.tx.prepare(&sql).map_err(db)?;
        let rows = stmt.query_map(params_from_iter(args), row).map_err(db)?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(db)
    }

    fn claim_messages(
        &self,
        now: i64,
        lease_until: i64,
        owner: &str,
        limit: i64,
        only: Option<&[i64]>,
    ) -> Result<Vec<Message>> {
        let filter = match only {
            Some(ids) if !ids.is_empty() => {
                let list: Vec<String> = ids.iter().map(|i| i.to_string()).collect();
                format!(" AND id IN ({})", list.join(","))
            }
            Some(_) => return Ok(Vec::new()),
            None => String::new(),
        };
        let mut stmt = self
            .tx
            .prepare(&format!(
                "UPDATE outbox SET status = 'sending', claimed_by = ?3, claimed_until = ?2
                 WHERE id IN (SELECT id FROM outbox
                     WHERE ((status = 'pending' AND next_attempt_at <= ?1)
                         OR (status = 'sending' AND claimed_until <= ?1)){filter}
                     ORDER BY id LIMIT ?4)
                 RETURNING {COLS}"
            ))
            .map_err(db)?;
        let rows = stmt
            .query_map(params![now, lease_until, owner, limit], row)
            .map_err(db)?;
        let mut claimed = rows.collect::<rusqlite::Result<Vec<_>>>().map_err(db)?;
        claimed.sort_by_key(|m| m.id);
        Ok(claimed)
    }

    fn mark_sent(&self, id: i64, owner: &str, now: i64) -> Result<bool> {
        self.tx
            .execute(
                "UPDATE outbox SET status = 'sent', body = NULL, secrets = NULL, sent_at = ?3, attempts = attempts + 1,
                    last_error = NULL, claimed_by = NULL, claimed_until = NULL
                 WHERE id = ?1 AND claimed_by = ?2 AND status = 'sending'",
                params![id, owner, now],
            )
            .map(|n| n == 1)
            .map_err(db)
    }

    fn cancel_pending_messages(
        &self,
        token: &str,
        event: Option<&str>,
        why: &str,
    ) -> Result<usize> {
        self.tx
            .prepare_cached(
                "UPDATE outbox SET status = 'cancelled', body = NULL, secrets = NULL, last_error = ?2,
                    claimed_by = NULL, claimed_until = NULL
                 WHERE token = ?1 AND status = 'pending' AND (?3 IS NULL OR event = ?3)",
            )
            .and_then(|mut s| s.execute(params![token, why, event]))
            .map_err(db)
    }

    fn cancel_messages_of_ineffective_tokens(&self, why: &str) -> Result<usize> {
        self.tx
            .prepare_cached(
                "UPDATE outbox SET status = 'cancelled', body = NULL, secrets = NULL, last_error = ?1,
                    claimed_by = NULL, claimed_until = NULL
                 WHERE status = 'pending' AND EXISTS (SELECT 1 FROM tokens t
                     WHERE t.number = outbox.token AND t.state = 'not_effective')",
            )
            .and_then(|mut s| s.execute([why]))
            .map_err(db)
    }

    fn mark_attempt_failed(
        &self,
        id: i64,
        owner: &str,
        error: &str,
        retry_at: Option<i64>,
    ) -> Result<()> {
        self.tx
            .execute(
                "UPDATE outbox SET attempts = attempts + 1, last_error = ?3,
                    status = CASE WHEN ?4 IS NULL THEN 'failed' ELSE 'pending' END,
                    body = CASE WHEN ?4 IS NULL THEN NULL ELSE body END,
                    secrets = CASE WHEN ?4 IS NULL THEN NULL ELSE secrets END,
                    next_attempt_at = coalesce(?4, next_attempt_at),
                    claimed_by = NULL, claimed_until = NULL
                 WHERE id = ?1 AND claimed_by = ?2 AND status = 'sending'",
                params![id, owner, error, retry_at],
            )
            .map(drop)
            .map_err(db)
    }

    fn release_message(&self, id: i64, owner: &str, why: &str) -> Result<()> {
        self.tx
            .execute(
                "UPDATE outbox SET status = 'pending', last_error = ?3,
                    claimed_by = NULL, claimed_until = NULL
                 WHERE id = ?1 AND claimed_by = ?2 AND status = 'sending'",
                params![id, owner, why],
            )
            .map(drop)
            .map_err(db)
    }

    fn due_message_ids(
        &self,
        now: i64,
        media: &[Media],
        only: Option<(i64, i64)>,
    ) -> Result<Vec<i64>> {
        if media.is_empty() {
            return Ok(Vec::new());
        }
        let media: Vec<String> = media.iter().map(|m| format!("'{}'", m.as_str())).collect();
        let filter = match only {
            Some((first, last)) => format!(" AND id BETWEEN {first} AND {last}"),
            None => String::new(),
        };
        let mut stmt = self
            .tx
            .prepare(&format!(
                "SELECT id FROM outbox
                 WHERE ((status = 'pending' AND next_attempt_at <= ?1)
                     OR (status = 'sending' AND claimed_until <= ?1))
                   AND media IN ({}){filter}
                 ORDER BY id",
                media.join(",")
            ))
            .map_err(db)?;
        let rows = stmt.query_map([now], |r| r.get(0)).map_err(db)?;
        rows.collect::<rusqlite::Result<Vec<i64>>>().map_err(db)
    }

    /// Messages that are waiting and no transport can send: how many, per media.
    fn pending_count(&self, media: Media, only: Option<(i64, i64)>) -> Result<i64> {
        let (first, last) = only.unwrap_or((i64::MIN, i64::MAX));
        self.tx
            .query_row(
                "SELECT count(*) FROM outbox WHERE status = 'pending' AND media = ?1
                   AND id BETWEEN ?2 AND ?3",
                params![media.as_str(), first, last],
                |r| r.get(0),
            )
            .map_err(db)
    }

    fn last_message_id(&self) -> Result<i64> {
        self.tx
            .query_row("SELECT coalesce(max(id), 0) FROM outbox", [], |r| r.get(0))
            .map_err(db)
    }

    fn outbox_summary(&self) -> Result<OutboxSummary> {
        let mut stmt = self
            .tx
            .prepare(
                "SELECT status, count(*), min(CASE WHEN status = 'pending' THEN created_at END)
                 FROM outbox GROUP BY status",
            )
            .map_err(db)?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, Option<i64>>(2)?,
                ))
            })
            .map_err(db)?;
        let mut summary = OutboxSummary::default();
        for row in rows {
            let (status, count, oldest) = row.map_err(db)?;
            if let Some(status) = MessageStatus::parse(&status) {
                summary.counts.push((status, count));
            }
            summary.oldest_pending = summary.oldest_pending.or(oldest);
        }
        Ok(summary)
    }
}
