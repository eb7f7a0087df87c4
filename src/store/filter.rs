//! The WHERE terms of a token filter ([`TokenFilter`]: `token list`, its count, the expiry
//! job's orphan pass), written once for both engines. Each engine gives its [`Dialect`] (how a
//! placeholder, the booleans, a comparison that treats NULLs as equal and a case-insensitive
//! LIKE are spelt) and binds the [`Arg`]s in order.

use super::queries::TokenFilter;

/// A value a filter binds.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Arg {
    Int(i64),
    Text(String),
    OptText(Option<String>),
}

/// How an engine spells what differs.
pub(super) struct Dialect {
    /// The `n`th parameter (from 1): `?n` or `$n`.
    pub placeholder: fn(usize) -> String,
    /// A boolean column compared to true, and the false literal.
    pub true_literal: &'static str,
    pub false_literal: &'static str,
    /// `column` equal to text parameter `p`, NULL equal to NULL.
    pub same_text: fn(&str, &str) -> String,
    /// The LIKE that ignores case: SQLite's LIKE does (in ASCII), PostgreSQL's ILIKE (beyond
    /// ASCII too).
    pub like: &'static str,
}

/// The terms of `f` (its `limit` and sort aside) appended to `select`, which ends in a WHERE
/// that is true, and the values to bind.
pub(super) fn filtered(select: &str, f: &TokenFilter, d: &Dialect) -> (String, Vec<Arg>) {
    let mut sql = select.to_string();
    let mut args: Vec<Arg> = Vec::new();
    // Each `?` in `clause` is the next parameter; `v` is its value.
    let mut arg = |sql: &mut String, clause: &str, v: Arg| {
        args.push(v);
        sql.push_str(&clause.replace('?', &(d.placeholder)(args.len())));
        args.len()
    };
    if let Some(since) = f.created_since {
        arg(&mut sql, " AND created_at >= ?", Arg::Int(since));
    }
    if !f.states.is_empty() {
        let list: Vec<String> = f
            .states
            .iter()
            .map(|s| format!("'{}'", s.as_str()))
            .collect();
        sql.push_str(&format!(" AND state IN ({})", list.join(", ")));
    }
    if let Some(a) = &f.account {
        arg(&mut sql, " AND account_id = ?", Arg::Text(a.clone()));
    }
    if let Some(p) = &f.participant {
        arg(&mut sql, " AND participant_id = ?", Arg::Text(p.clone()));
    }
    if let Some(c) = &f.classification {
        arg(&mut sql, " AND classification = ?", Arg::Text(c.clone()));
    }
    // "Not yet not_effective" is spelt as the other two states, not `<> 'not_effective'`: an
    // IN list lets the engine search the (state, …) indexes (issue #7, store::plans).
    if f.orphaned {
        // The expiry job's orphan pass (LifecycleQueries::expire_tokens), one term per rule.
        sql.push_str(&format!(
            " AND ever_linked = {} AND account_id IS NULL AND participant_id IS NULL
                  AND state IN ('effective', 'pending_verification') AND ({}",
            d.true_literal, d.false_literal
        ));
        for rule in &f.orphan_rules {
            arg(
                &mut sql,
                " OR (definition = ?",
                Arg::Text(rule.definition.clone()),
            );
            let n = arg(&mut sql, "", Arg::OptText(rule.classification.clone()));
            sql.push_str(&format!(
                " AND {}",
                (d.same_text)("classification", &(d.placeholder)(n))
            ));
            arg(
                &mut sql,
                " AND unlinked_at <= ?",
                Arg::Int(rule.unlinked_by),
            );
            if let Some(v) = rule.version {
                arg(&mut sql, " AND definition_version = ?", Arg::Int(v));
            }
            sql.push(')');
        }
        sql.push(')');
    }
    if let Some(by) = f.expiring_by {
        // Both of the expiry job's other passes: expires_at, and a lapsing verification.
        arg(
            &mut sql,
            " AND state IN ('effective', 'pending_verification')
                  AND ((expires_at IS NOT NULL AND expires_at <= ?)",
            Arg::Int(by),
        );
        arg(
            &mut sql,
            " OR (state = 'pending_verification' AND verification_expires_at <= ?))",
            Arg::Int(by),
        );
    }
    if let Some(text) = &f.search {
        let pattern = format!(
            "%{}%",
            text.replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")
        );
        let n = arg(&mut sql, "", Arg::Text(pattern));
        let p = (d.placeholder)(n);
        let like = d.like;
        sql.push_str(&format!(
            " AND (number {like} {p} ESCAPE '\\' OR identifier {like} {p} ESCAPE '\\'
                   OR name {like} {p} ESCAPE '\\')"
        ));
    }
    if let Some(after) = &f.after {
        arg(&mut sql, " AND number > ?", Arg::Text(after.clone()));
    }
    (sql, args)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::token::State;
    use crate::store::queries::OrphanRule;

    const NUMBERED: Dialect = Dialect {
        placeholder: |n| format!("${n}"),
        true_literal: "true",
        false_literal: "false",
        same_text: |column, p| format!("{column} IS NOT DISTINCT FROM {p}::text"),
        like: "ILIKE",
    };

    #[test]
    fn every_term_numbers_its_own_parameters() {
        let f = TokenFilter {
            states: vec![State::Effective],
            account: Some("AR-1".into()),
            orphaned: true,
            orphan_rules: vec![OrphanRule {
                definition: "default".into(),
                classification: None,
                version: Some(2),
                unlinked_by: 99,
            }],
            search: Some("50%_off".into()),
            after: Some("AT0000000007".into()),
            ..Default::default()
        };
        let (sql, args) = filtered("SELECT 1 WHERE true", &f, &NUMBERED);
        assert!(sql.contains("state IN ('effective')"), "{sql}");
        assert!(sql.contains("account_id = $1"), "{sql}");
        assert!(sql.contains("ever_linked = true"), "{sql}");
        assert!(sql.contains("AND (false OR (definition = $2"), "{sql}");
        assert!(
            sql.contains("classification IS NOT DISTINCT FROM $3::text"),
            "{sql}"
        );
        assert!(sql.contains("unlinked_at <= $4"), "{sql}");
        assert!(sql.contains("definition_version = $5"), "{sql}");
        assert!(sql.contains("name ILIKE $6 ESCAPE"), "{sql}");
        assert!(sql.contains("number > $7"), "{sql}");
        assert_eq!(
            args,
            [
                Arg::Text("AR-1".into()),
                Arg::Text("default".into()),
                Arg::OptText(None),
                Arg::Int(99),
                Arg::Int(2),
                Arg::Text("%50\\%\\_off%".into()),
                Arg::Text("AT0000000007".into()),
            ]
        );
    }
}
