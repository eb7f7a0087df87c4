//! The outbox: messages queued in the same transaction as the change that caused them, claimed
//! by `outbox deliver` so that two runs never send one message twice (the claim is a write,
//! under the write lock, so two runs on two hosts never claim one message).

use super::tx::{get, instant, instant_opt, Param, PgTx};
use crate::domain::definition::Media;
use crate::domain::message::{Message, MessageStatus, NewMessage};
use crate::error::{Error, Result};
use crate::store::queries::{OutboxQueries, OutboxSummary};
use postgres::Row;

const COLS: &str = "id, token, event, media, recipient, subject, body, status, attempts, \
    last_error, next_attempt_at, created_at, sent_at, secrets";

fn row(r: &Row) -> Result<Message> {
    let media: String = get(r, 3)?;
    let status: String = get(r, 7)?;
    let bad = |what: &str| Error::internal(format!("database error: unknown outbox {what}"));
    let id: i64 = get(r, 0)?;
    let what = || format!("message {id}");
    Ok(Message {
        id,
        token: get(r, 1)?,
        event: get(r, 2)?,
        media: Media::parse(&media).ok_or_else(|| bad("media"))?,
        recipient: get(r, 4)?,
        subject: get(r, 5)?,
        body: get(r, 6)?,
        status: MessageStatus::parse(&status).ok_or_else(|| bad("status"))?,
        attempts: get(r, 8)?,
        last_error: get(r, 9)?,
        next_attempt_at: instant(r, 10, &what)?,
        created_at: instant(r, 11, &what)?,
        sent_at: instant_opt(r, 12, &what)?,
        secrets: get(r, 13)?,
    })
}

impl OutboxQueries for PgTx<'_> {
    fn queue_message(&self, m: &NewMessage, now: i64) -> Result<i64> {
        let r = self.query_one(
            "INSERT INTO outbox (token, event, media, recipient, subject, body, status,
                next_attempt_at, created_at, secrets)
             VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7, $7, $8) RETURNING id",
            &[
                &m.token,
                &m.event.as_str(),
                &m.media.as_str(),
                &m.recipient,
                &m.subject,
                &m.body,
                &now,
                &m.secrets,
            ],
        )?;
        get(&r, 0)
    }

    fn message(&self, id: i64) -> Result<Option<Message>> {
        self.query_opt(&format!("SELECT {COLS} FROM outbox WHERE id = $1"), &[&id])?
            .map(|r| row(&r))
            .transpose()
    }

    fn list_messages(
        &self,
        status: Option<MessageStatus>,
        token: Option<&str>,
    ) -> Result<Vec<Message>> {
        let status = status.map(|s| s.as_str());
        self.query(
            &format!(
                "SELECT {COLS} FROM outbox
                 WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR token = $2)
                 ORDER BY id"
            ),
            &[&status, &token],
        )?
        .iter()
        .map(row)
        .collect()
    }

    fn claim_messages(
        &self,
        now: i64,
        lease_until: i64,
        owner: &str,
        limit: i64,
        only: Option<&[i64]>,
    ) -> Result<Vec<Message>> {
        let only: Option<Vec<i64>> = match only {
            Some([]) => return Ok(Vec::new()),
            Some(ids) => Some(ids.to_vec()),
            None => None,
        };
        let mut claimed = self
            .query(
                &format!(
                    "UPDATE outbox SET status = 'sending', claimed_by = $3, claimed_until = $2
                     WHERE id IN (SELECT id FROM outbox
                         WHERE ((status = 'pending' AND next_attempt_at <= $1)
                             OR (status = 'sending' AND claimed_until <= $1))
                           AND ($5::bigint[] IS NULL OR id = ANY ($5))
                         ORDER BY id LIMIT $4)
                     RETURNING {COLS}"
                ),
                &[&now, &lease_until, &owner, &limit, &only],
            )?
            .iter()
            .map(row)
            .collect::<Result<Vec<_>>>()?;
        claimed.sort_by_key(|m| m.id);
        Ok(claimed)
    }

    fn mark_sent(&self, id: i64, owner: &str, now: i64) -> Result<bool> {
        self.execute(
            "UPDATE outbox SET status = 'sent', body = NULL, secrets = NULL, sent_at = $3, attempts = attempts + 1,
                last_error = NULL, claimed_by = NULL, claimed_until = NULL
             WHERE id = $1 AND claimed_by = $2 AND status = 'sending'",
            &[&id, &owner, &now],
        )
        .map(|n| n == 1)
    }

    fn cancel_pending_messages(
        &self,
        token: &str,
        event: Option<&str>,
        why: &str,
    ) -> Result<usize> {
        self.execute(
            "UPDATE outbox SET status = 'cancelled', body = NULL, secrets = NULL, last_error = $2,
                claimed_by = NULL, claimed_until = NULL
             WHERE token = $1 AND status = 'pending' AND ($3::text IS NULL OR event = $3)",
            &[&token, &why, &event],
        )
        .map(|n| n as usize)
    }

    fn cancel_messages_of_ineffective_tokens(&self, why: &str) -> Result<usize> {
        self.execute(
            "UPDATE outbox SET status = 'cancelled', body = NULL, secrets = NULL, last_error = $1,
                claimed_by = NULL, claimed_until = NULL
             WHERE status = 'pending' AND EXISTS (SELECT 1 FROM tokens t
                 WHERE t.number = outbox.token AND t.state = 'not_effective')",
            &[&why],
        )
        .map(|n| n as usize)
    }

    fn mark_attempt_failed(
        &self,
        id: i64,
        owner: &str,
        error: &str,
        retry_at: Option<i64>,
    ) -> Result<()> {
        self.execute(
            "UPDATE outbox SET attempts = attempts + 1, last_error = $3,
                status = CASE WHEN $4::bigint IS NULL THEN 'failed' ELSE 'pending' END,
                body = CASE WHEN $4::bigint IS NULL THEN NULL ELSE body END,
                secrets = CASE WHEN $4::bigint IS NULL THEN NULL ELSE secrets END,
                next_attempt_at = coalesce($4::bigint, next_attempt_at),
                claimed_by = NULL, claimed_until = NULL
             WHERE id = $1 AND claimed_by = $2 AND status = 'sending'",
            &[&id, &owner, &error, &retry_at],
        )
        .map(drop)
    }

    fn release_message(&self, id: i64, owner: &str, why: &str) -> Result<()> {
        self.execute(
            "UPDATE outbox SET status = 'pending', last_error = $3,
                claimed_by = NULL, claimed_until = NULL
             WHERE id = $1 AND claimed_by = $2 AND status = 'sending'",
            &[&id, &owner, &why],
        )
        .map(drop)
    }

    fn outbox_summary(&self) -> Result<OutboxSummary> {
        let rows = self.query(
            "SELECT status, count(*), min(CASE WHEN status = 'pending' THEN created_at END)
             FROM outbox GROUP BY status ORDER BY status",
            &[],
        )?;
        let mut summary = OutboxSummary::default();
        for r in &rows {
            let status: String = get(r, 0)?;
            if let Some(status) = MessageStatus::parse(&status) {
                summary.counts.push((status, get(r, 1)?));
            }
            summary.oldest_pending = summary.oldest_pending.or(get(r, 2)?);
        }
        Ok(summary)
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
        let media: Vec<&str> = media.iter().map(|m| m.as_str()).collect();
        let (first, last) = only.unwrap_or((i64::MIN, i64::MAX));
        let args: [&dyn Param; 4] = [&now, &media, &first, &last];
        self.query(
            "SELECT id FROM outbox
             WHERE ((status = 'pending' AND next_attempt_at <= $1)
                 OR (status = 'sending' AND claimed_until <= $1))
               AND media = ANY ($2) AND id BETWEEN $3 AND $4
             ORDER BY id",
            &args,
        )?
        .iter()
        .map(|r| get(r, 0))
        .collect()
    }

    fn pending_count(&self, media: Media, only: Option<(i64, i64)>) -> Result<i64> {
        let (first, last) = only.unwrap_or((i64::MIN, i64::MAX));
        let r = self.query_one(
            "SELECT count(*) FROM outbox WHERE status = 'pending' AND media = $1
               AND id BETWEEN $2 AND $3",
            &[&media.as_str(), &first, &last],
        )?;
        get(&r, 0)
    }

    fn last_message_id(&self) -> Result<i64> {
        let r = self.query_one("SELECT coalesce(max(id), 0)::bigint FROM outbox", &[])?;
        get(&r, 0)
    }
}
