//! Changes to existing tokens: state, links, secrets, verification codes, and the set-based
//! statements of the expiry job.

use super::tokens::{row, COLS};
use super::tx::{db, SqliteTx};
use crate::domain::token::{State, Token};
use crate::error::Result;
use crate::store::queries::{Expired, LifecycleQueries, OrphanRule, VerificationCode, WarnRule};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, OptionalExtension};

impl LifecycleQueries for SqliteTx<'_> {
    fn orphan_classifications(&self) -> Result<Vec<(String, i64, String)>> {
        let mut stmt = self
            .tx
            .prepare_cached(
                "SELECT DISTINCT definition, definition_version, classification FROM tokens
                 WHERE state IN ('effective', 'pending_verification') AND ever_linked = 1
                   AND account_id IS NULL AND participant_id IS NULL
                   AND classification IS NOT NULL",
            )
            .map_err(db)?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .map_err(db)?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(db)
    }

    fn set_token_state(&self, id: i64, state: State, now: i64, actor: &str) -> Result<()> {
        self.tx
            .execute(
                "UPDATE tokens SET state = ?2, updated_at = ?3, updated_by = ?4,
                    failed_auth_count = 0, failed_auth_since = NULL, locked_until = NULL
                 WHERE id = ?1",
                params![id, state.as_str(), now, actor],
            )
            .map(drop)
            .map_err(db)
    }

    fn delete_token(&self, id: i64) -> Result<()> {
        self.tx
            .execute("DELETE FROM tokens WHERE id = ?1", [id])
            .map(drop)
            .map_err(db)
    }

    fn set_token_links(
        &self,
        id: i64,
        account: Option<&str>,
        participant: Option<&str>,
        now: i64,
        actor: &str,
    ) -> Result<()> {
        self.tx
            .execute(
                "UPDATE tokens SET account_id = ?2, participant_id = ?3,
                    ever_linked = ever_linked OR ?2 IS NOT NULL OR ?3 IS NOT NULL,
                    unlinked_at = CASE WHEN ?2 IS NULL AND ?3 IS NULL THEN ?4 ELSE NULL END,
                    updated_at = ?4, updated_by = ?5
                 WHERE id = ?1",
                params![id, account, participant, now, actor],
            )
            .map(drop)
            .map_err(db)
    }

    fn set_pass_hash(&self, id: i64, hash: &str, now: i64, actor: &str) -> Result<()> {
        self.tx
            .execute(
                "UPDATE tokens SET pass_hash = ?2, updated_at = ?3, updated_by = ?4,
                    failed_auth_count = 0, failed_auth_since = NULL, locked_until = NULL
                 WHERE id = ?1",
                params![id, hash, now, actor],
            )
            .map(drop)
            .map_err(db)
    }

    fn rotate_auth(
        &self,
        id: i64,
        digest: &[u8; 32],
        hint: &str,
        old_until: Option<i64>,
        now: i64,
        actor: &str,
    ) -> Result<()> {
        self.tx
            .execute(
                "UPDATE tokens SET
                    prev_auth_digest = CASE WHEN ?4 IS NULL THEN NULL ELSE auth_digest END,
                    prev_auth_until = ?4,
                    auth_digest = ?2, auth_hint = ?3, updated_at = ?5, updated_by = ?6
                 WHERE id = ?1",
                params![id, &digest[..], hint, old_until, now, actor],
            )
            .map(drop)
            .map_err(db)
    }

    fn token_id_by_prev_auth_digest(&self, digest: &[u8; 32], now: i64) -> Result<Option<i64>> {
        self.tx
            .prepare_cached(
                "SELECT id FROM tokens WHERE prev_auth_digest = ?1 AND prev_auth_until > ?2",
            )
            .and_then(|mut s| {
                s.query_row(params![&digest[..], now], |r| r.get(0))
                    .optional()
            })
            .map_err(db)
    }

    fn verification_code(&self, id: i64) -> Result<VerificationCode> {
        self.tx
            .query_row(
                "SELECT verification_digest, verification_expires_at, verification_attempts
                 FROM tokens WHERE id = ?1",
                [id],
                |r| {
                    Ok(VerificationCode {
                        digest: r.get(0)?,
                        expires_at: r.get(1)?,
                        attempts: r.get(2)?,
                    })
                },
            )
            .map_err(db)
    }

    fn set_verification_code(
        &self,
        id: i64,
        digest: &[u8; 32],
        expires_at: i64,
        now: i64,
        actor: &str,
    ) -> Result<()> {
        self.tx
            .execute(
                "UPDATE tokens SET verification_digest = ?2, verification_expires_at = ?3,
                    verification_attempts = 0, updated_at = ?4, updated_by = ?5
                 WHERE id = ?1",
                params![id, &digest[..], expires_at, now, actor],
            )
            .map(drop)
            .map_err(db)
    }

    fn count_wrong_verification(&self, id: i64, max: i64) -> Result<i64> {
        self.tx
            .query_row(
                "UPDATE tokens SET verification_attempts = verification_attempts + 1,
                    verification_digest = CASE WHEN verification_attempts + 1 >= ?2
                        THEN NULL ELSE verification_digest END
                 WHERE id = ?1 RETURNING verification_attempts",
                params![id, max],
                |r| r.get(0),
            )
            .map_err(db)
    }

    fn mark_verified(&self, id: i64, now: i64, actor: &str) -> Result<()> {
        self.tx
            .execute(
                "UPDATE tokens SET state = 'effective', verified_at = ?2, verification_digest = NULL,
                    verification_expires_at = NULL, verification_attempts = 0,
                    updated_at = ?2, updated_by = ?3
                 WHERE id = ?1",
                params![id, now, actor],
            )
            .map(drop)
            .map_err(db)
    }

    fn clear_verification(&self, id: i64) -> Result<()> {
        self.tx
            .execute(
                "UPDATE tokens SET verification_digest = NULL, verification_expires_at = NULL,
                    verification_attempts = 0 WHERE id = ?1",
                [id],
            )
            .map(drop)
            .map_err(db)
    }

    fn unlink_all(
        &self,
        column_account: bool,
        id: &str,
        now: i64,
        actor: &str,
    ) -> Result<Vec<String>> {
        let sql = if column_account {
            "UPDATE tokens SET account_id = NULL,
                unlinked_at = CASE WHEN participant_id IS NULL THEN ?2 ELSE unlinked_at END,
                updated_at = ?2, updated_by = ?3
             WHERE account_id = ?1 RETURNING number"
        } else {
            "UPDATE tokens SET participant_id = NULL,
                unlinked_at = CASE WHEN account_id IS NULL THEN ?2 ELSE unlinked_at END,
                updated_at = ?2, updated_by = ?3
             WHERE participant_id = ?1 RETURNING number"
        };
        let mut stmt = self.tx.prepare(sql).map_err(db)?;
        let rows = stmt
            .query_map(params![id, now, actor], |r| r.get(0))
            .map_err(db)?;
        let mut numbers = rows
            .collect::<rusqlite::Result<Vec<String>>>()
            .map_err(db)?;
        numbers.sort();
        Ok(numbers)
    }

    /// Each pass is one SELECT for the report and one UPDATE over the same set: the immediate
    /// transaction keeps the set still between the two.
    fn expire_tokens(
        &self,
        orphan_rules: &[OrphanRule],
        now: i64,
        actor: &str,
        apply: bool,
    ) -> Result<Vec<Expired>> {
        let mut out: Vec<Expired> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut pass = |filter: &str, extra: Vec<Value>, reason: &'static str| -> Result<()> {
            let mut args: Vec<Value> = vec![now.into()];
            args.extend(extra);
            let mut stmt = self
                .tx
                .prepare(&format!("SELECT number, state FROM tokens WHERE {filter}"))
                .map_err(db)?;
            let rows = stmt
                .query_map(params_from_iter(args.iter()), |r| {
                    Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
                })
                .map_err(db)?;
            for row in rows {
                let (number, state) = row.map_err(db)?;
                // A dry run sees tokens that an earlier pass would already have changed.
                if seen.insert(number.clone()) {
                    let previous_state = state.parse().unwrap_or(State::Effective);
                    out.push(Expired {
                        number,
                        previous_state,
                        reason,
                    });
                }
            }
            if apply {
                let n = args.len() + 1;
                args.push(actor.to_string().into());
                self.tx
                    .execute(
                        &format!(
                            "UPDATE tokens SET state = 'not_effective', updated_at = ?1, updated_by = ?{n}
                             WHERE {filter}"
                        ),
                        params_from_iter(args.iter()),
                    )
                    .map_err(db)?;
            }
            Ok(())
        };
        for rule in orphan_rules {
            pass(
                "state IN ('effective', 'pending_verification') AND ever_linked = 1 AND account_id IS NULL
                 AND participant_id IS NULL AND unlinked_at <= ?2 AND definition = ?3
                 AND classification IS ?4 AND (?5 IS NULL OR definition_version = ?5)
                 AND ?1 IS NOT NULL",
                vec![
                    rule.unlinked_by.into(),
                    rule.definition.clone().into(),
                    rule.classification.clone().into(),
                    rule.version.into(),
                ],
                "orphaned",
            )?;
        }
        pass(
            "state IN ('effective', 'pending_verification') AND expires_at <= ?1",
            vec![],
            "expired",
        )?;
        pass(
            "state = 'pending_verification' AND verification_expires_at <= ?1",
            vec![],
            "verification_lapsed",
        )?;
        Ok(out)
    }

    /// Per rule, one SELECT for the report and one UPDATE over the same set (the immediate
    /// transaction keeps it still in between), both a range of the (state, expires_at) index.
    fn expiry_warnings(&self, rules: &[WarnRule], now: i64, apply: bool) -> Result<Vec<Token>> {
        const FILTER: &str = "state = 'effective' AND expires_at > ?1 AND expires_at <= ?2
             AND warned_expires_at IS NOT expires_at AND definition = ?3
             AND classification IS ?4 AND (?5 IS NULL OR definition_version = ?5)";
        let mut due = Vec::new();
        for rule in rules {
            let args = params![
                now,
                rule.warn_by,
                rule.definition,
                rule.classification,
                rule.version
            ];
            let mut stmt = self
                .tx
                .prepare_cached(&format!("SELECT {COLS} FROM tokens WHERE {FILTER}"))
                .map_err(db)?;
            let rows = stmt.query_map(args, row).map_err(db)?;
            for t in rows {
                due.push(t.map_err(db)?);
            }
            if apply {
                self.tx
                    .prepare_cached(&format!(
                        "UPDATE tokens SET warned_expires_at = expires_at WHERE {FILTER}"
                    ))
                    .and_then(|mut s| s.execute(args))
                    .map_err(db)?;
            }
        }
        due.sort_by(|a, b| a.number.cmp(&b.number));
        Ok(due)
    }
}
