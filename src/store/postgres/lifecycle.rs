//! Changes to existing tokens: state, links, secrets, verification codes, and the set-based
//! statements of the expiry job.

use super::tokens::{row, COLS};
use super::tx::{get, Param, PgTx};
use crate::domain::token::{State, Token};
use crate::error::Result;
use crate::store::queries::{Expired, LifecycleQueries, OrphanRule, VerificationCode, WarnRule};

impl LifecycleQueries for PgTx<'_> {
    fn orphan_classifications(&self) -> Result<Vec<(String, i64, String)>> {
        self.query(
            "SELECT DISTINCT definition, definition_version, classification FROM tokens
             WHERE state IN ('effective', 'pending_verification') AND ever_linked
               AND account_id IS NULL AND participant_id IS NULL
               AND classification IS NOT NULL",
            &[],
        )?
        .iter()
        .map(|r| Ok((get(r, 0)?, get(r, 1)?, get(r, 2)?)))
        .collect()
    }

    fn set_token_state(&self, id: i64, state: State, now: i64, actor: &str) -> Result<()> {
        self.execute(
            "UPDATE tokens SET state = $2, updated_at = $3, updated_by = $4,
                failed_auth_count = 0, failed_auth_since = NULL, locked_until = NULL
             WHERE id = $1",
            &[&id, &state.as_str(), &now, &actor],
        )
        .map(drop)
    }

    fn delete_token(&self, id: i64) -> Result<()> {
        self.execute("DELETE FROM tokens WHERE id = $1", &[&id])
            .map(drop)
    }

    fn set_token_links(
        &self,
        id: i64,
        account: Option<&str>,
        participant: Option<&str>,
        now: i64,
        actor: &str,
    ) -> Result<()> {
        self.execute(
            "UPDATE tokens SET account_id = $2, participant_id = $3,
                ever_linked = ever_linked OR $2::text IS NOT NULL OR $3::text IS NOT NULL,
                unlinked_at = CASE WHEN $2::text IS NULL AND $3::text IS NULL THEN $4::bigint
                                   ELSE NULL END,
                updated_at = $4, updated_by = $5
             WHERE id = $1",
            &[&id, &account, &participant, &now, &actor],
        )
        .map(drop)
    }

    fn set_pass_hash(&self, id: i64, hash: &str, now: i64, actor: &str) -> Result<()> {
        self.execute(
            "UPDATE tokens SET pass_hash = $2, updated_at = $3, updated_by = $4,
                failed_auth_count = 0, failed_auth_since = NULL, locked_until = NULL
             WHERE id = $1",
            &[&id, &hash, &now, &actor],
        )
        .map(drop)
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
        self.execute(
            "UPDATE tokens SET
                prev_auth_digest = CASE WHEN $4::bigint IS NULL THEN NULL ELSE auth_digest END,
                prev_auth_until = $4,
                auth_digest = $2, auth_hint = $3, updated_at = $5, updated_by = $6
             WHERE id = $1",
            &[&id, &&digest[..], &hint, &old_until, &now, &actor],
        )
        .map(drop)
    }

    fn token_id_by_prev_auth_digest(&self, digest: &[u8; 32], now: i64) -> Result<Option<i64>> {
        self.query_opt(
            "SELECT id FROM tokens WHERE prev_auth_digest = $1 AND prev_auth_until > $2",
            &[&&digest[..], &now],
        )?
        .map(|r| get(&r, 0))
        .transpose()
    }

    fn verification_code(&self, id: i64) -> Result<VerificationCode> {
        let r = self.query_one(
            "SELECT verification_digest, verification_expires_at, verification_attempts
             FROM tokens WHERE id = $1",
            &[&id],
        )?;
        Ok(VerificationCode {
            digest: get(&r, 0)?,
            expires_at: get(&r, 1)?,
            attempts: get(&r, 2)?,
        })
    }

    fn set_verification_code(
        &self,
        id: i64,
        digest: &[u8; 32],
        expires_at: i64,
        now: i64,
        actor: &str,
    ) -> Result<()> {
        self.execute(
            "UPDATE tokens SET verification_digest = $2, verification_expires_at = $3,
                verification_attempts = 0, updated_at = $4, updated_by = $5
             WHERE id = $1",
            &[&id, &&digest[..], &expires_at, &now, &actor],
        )
        .map(drop)
    }

    fn count_wrong_verification(&self, id: i64, max: i64) -> Result<i64> {
        let r = self.query_one(
            "UPDATE tokens SET verification_attempts = verification_attempts + 1,
                verification_digest = CASE WHEN verification_attempts + 1 >= $2
                    THEN NULL ELSE verification_digest END
             WHERE id = $1 RETURNING verification_attempts",
            &[&id, &max],
        )?;
        get(&r, 0)
    }

    fn mark_verified(&self, id: i64, now: i64, actor: &str) -> Result<()> {
        self.execute(
            "UPDATE tokens SET state = 'effective', verified_at = $2, verification_digest = NULL,
                verification_expires_at = NULL, verification_attempts = 0,
                updated_at = $2, updated_by = $3
             WHERE id = $1",
            &[&id, &now, &actor],
        )
        .map(drop)
    }

    fn clear_verification(&self, id: i64) -> Result<()> {
        self.execute(
            "UPDATE tokens SET verification_digest = NULL, verification_expires_at = NULL,
                verification_attempts = 0 WHERE id = $1",
            &[&id],
        )
        .map(drop)
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
                unlinked_at = CASE WHEN participant_id IS NULL THEN $2 ELSE unlinked_at END,
                updated_at = $2, updated_by = $3
             WHERE account_id = $1 RETURNING number"
        } else {
            "UPDATE tokens SET participant_id = NULL,
                unlinked_at = CASE WHEN account_id IS NULL THEN $2 ELSE unlinked_at END,
                updated_at = $2, updated_by = $3
             WHERE participant_id = $1 RETURNING number"
        };
        let mut numbers = self
            .query(sql, &[&id, &now, &actor])?
            .iter()
            .map(|r| get(r, 0))
            .collect::<Result<Vec<String>>>()?;
        numbers.sort();
        Ok(numbers)
    }

    /// One SELECT for the report and one UPDATE over the same set per rule (the write lock
    /// keeps the set still between the two), as on SQLite.
    fn expiry_warnings(&self, rules: &[WarnRule], now: i64, apply: bool) -> Result<Vec<Token>> {
        const FILTER: &str = "state = 'effective' AND expires_at > $1 AND expires_at <= $2
             AND warned_expires_at IS DISTINCT FROM expires_at AND definition = $3
             AND classification IS NOT DISTINCT FROM $4::text
             AND ($5::bigint IS NULL OR definition_version = $5::bigint)";
        let mut due = Vec::new();
        for rule in rules {
            let args: [&dyn Param; 5] = [
                &now,
                &rule.warn_by,
                &rule.definition,
                &rule.classification,
                &rule.version,
            ];
            for r in &self.query(&format!("SELECT {COLS} FROM tokens WHERE {FILTER}"), &args)? {
                due.push(row(r)?);
            }
            if apply {
                self.execute(
                    &format!("UPDATE tokens SET warned_expires_at = expires_at WHERE {FILTER}"),
                    &args,
                )?;
            }
        }
        due.sort_by(|a, b| a.number.cmp(&b.number));
        Ok(due)
    }

    /// The expiry job, as set-based passes (orphans per rule, past `expires_at`, lapsed
    /// verification). Applied, each pass is one UPDATE that reports what it changed (the old
    /// state from a locked subselect); a dry run is one SELECT per pass over the same filter.
    fn expire_tokens(
        &self,
        orphan_rules: &[OrphanRule],
        now: i64,
        actor: &str,
        apply: bool,
    ) -> Result<Vec<Expired>> {
        let mut out: Vec<Expired> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut pass = |filter: &str, extra: &[&dyn Param], reason: &'static str| -> Result<()> {
            let mut args: Vec<&dyn Param> = vec![&now];
            args.extend_from_slice(extra);
            let rows = if apply {
                let n = args.len() + 1;
                args.push(&actor);
                self.query(
                    &format!(
                        "UPDATE tokens t SET state = 'not_effective', updated_at = $1,
                            updated_by = ${n}
                         FROM (SELECT id, state FROM tokens WHERE {filter} FOR UPDATE) old
                         WHERE t.id = old.id
                         RETURNING t.number, old.state"
                    ),
                    &args,
                )?
            } else {
                self.query(
                    &format!("SELECT number, state FROM tokens WHERE {filter}"),
                    &args,
                )?
            };
            let mut changed = Vec::with_capacity(rows.len());
            for r in &rows {
                let number: String = get(r, 0)?;
                let state: String = get(r, 1)?;
                changed.push((number, state));
            }
            // In number order, as SQLite's index walk gives them.
            changed.sort();
            for (number, state) in changed {
                // A dry run sees tokens that an earlier pass would already have changed.
                if seen.insert(number.clone()) {
                    out.push(Expired {
                        number,
                        previous_state: state.parse().unwrap_or(State::Effective),
                        reason,
                    });
                }
            }
            Ok(())
        };
        for rule in orphan_rules {
            pass(
                "state IN ('effective', 'pending_verification') AND ever_linked
                 AND account_id IS NULL AND participant_id IS NULL AND unlinked_at <= $2
                 AND definition = $3 AND classification IS NOT DISTINCT FROM $4::text
                 AND ($5::bigint IS NULL OR definition_version = $5::bigint)
                 AND $1::bigint IS NOT NULL",
                &[
                    &rule.unlinked_by,
                    &rule.definition,
                    &rule.classification,
                    &rule.version,
                ],
                "orphaned",
            )?;
        }
        pass(
            "state IN ('effective', 'pending_verification') AND expires_at <= $1",
            &[],
            "expired",
        )?;
        pass(
            "state = 'pending_verification' AND verification_expires_at <= $1",
            &[],
            "verification_lapsed",
        )?;
        Ok(out)
    }
}
