//! Every lookup a user can make is an index lookup (issue #7, DESIGN.md habit 4): by number,
//! identifier, authentication-code digest, account and participant, the expiry job's state
//! and `expires_at` passes, and the outbox's due query. The test runs each real query method,
//! records the statements SQLite executed (`trace_v2`), and asks SQLite for each one's plan
//! (`EXPLAIN QUERY PLAN`), so a query rewritten later is checked as it then is. It needs no
//! data to speak of: plans come from the schema, not from the rows.

use super::engine::SqliteStore as Store;
use crate::domain::definition::Media;
use crate::domain::message::{Event, NewMessage};
use crate::domain::token::State;
use crate::error::Result;
use crate::store::queries::{
    AuditFilter, AuditQueries, LifecycleQueries, OrphanRule, OutboxQueries, TokenFilter,
    TokenQueries, WarnRule,
};
use rusqlite::trace::{TraceEvent, TraceEventCodes};
use std::cell::RefCell;

thread_local! {
    static EXECUTED: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

fn record(event: TraceEvent<'_>) {
    if let TraceEvent::Stmt(stmt, _) = event {
        EXECUTED.with(|e| e.borrow_mut().push(stmt.sql().to_string()));
    }
}

/// What a case's statements must do.
#[derive(Clone, Copy, PartialEq)]
enum Want {
    /// Find their rows through an index (`SEARCH … USING … INDEX` or the primary key).
    Search,
    /// Walk an index in order and stop at the page's end: no full scan, no sort of them all.
    Ordered,
}

/// The plan of each statement `run` executes against the tables we care about.
fn plans(store: &mut Store, run: &dyn Fn(&mut Store) -> Result<()>) -> Vec<(String, String)> {
    EXECUTED.with(|e| e.borrow_mut().clear());
    store
        .conn
        .trace_v2(TraceEventCodes::SQLITE_TRACE_STMT, Some(record));
    let ran = run(store);
    store.conn.trace_v2(TraceEventCodes::empty(), None);
    ran.expect("the query runs");
    let executed = EXECUTED.with(|e| std::mem::take(&mut *e.borrow_mut()));
    executed
        .into_iter()
        .filter(|sql| {
            let s = sql.trim_start().to_ascii_uppercase();
            (s.starts_with("SELECT") || s.starts_with("UPDATE") || s.starts_with("DELETE"))
                && ["TOKENS", "OUTBOX", "AUDIT"].iter().any(|t| s.contains(t))
        })
        .map(|sql| {
            let mut stmt = store
                .conn
                .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
                .expect("explain");
            // Parameters stay unbound, as when the statement is prepared: plan as the code runs.
            let mut rows = stmt.raw_query();
            let mut plan = Vec::new();
            while let Some(r) = rows.next().expect("plan row") {
                plan.push(r.get::<_, String>(3).expect("detail"));
            }
            (sql, plan.join(" / "))
        })
        .collect()
}

fn check(name: &str, want: Want, plans: &[(String, String)]) {
    assert!(!plans.is_empty(), "{name}: no statement was recorded");
    for (sql, plan) in plans {
        for table in ["tokens", "outbox", "audit"] {
            for step in plan.split(" / ") {
                let full_scan = step.starts_with(&format!("SCAN {table}"))
                    && !step.contains("USING INDEX")
                    && !step.contains("USING COVERING INDEX");
                assert!(
                    !full_scan,
                    "{name}: full scan of {table}: {plan}\n  in {sql}"
                );
            }
        }
        match want {
            Want::Search => assert!(
                plan.contains("SEARCH"),
                "{name}: not an index search: {plan}\n  in {sql}"
            ),
            Want::Ordered => assert!(
                !plan.contains("TEMP B-TREE"),
                "{name}: sorts every row to return a page: {plan}\n  in {sql}"
            ),
        }
    }
}

#[test]
fn every_lookup_a_user_can_make_uses_an_index() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(&dir.path().join("plans.db"), 0).expect("open");
    store
        .write(|tx| {
            tx.queue_message(
                &NewMessage {
                    token: Some("AT0000000001".into()),
                    event: Event::OnCreate,
                    media: Media::Email,
                    recipient: "a@example.com".into(),
                    subject: "s".into(),
                    body: "b".into(),
                    secrets: None,
                },
                0,
            )
            .map(drop)
        })
        .expect("seed");
    let digest = [7u8; 32];
    let list = |f: TokenFilter| move |s: &mut Store| s.read(|tx| tx.list_tokens(&f).map(drop));
    let page = |f: TokenFilter| TokenFilter {
        limit: Some(50),
        ..f
    };
    type Case<'a> = (&'a str, Want, Box<dyn Fn(&mut Store) -> Result<()>>);
    let cases: Vec<Case> = vec![
        (
            "show by number",
            Want::Search,
            Box::new(|s| s.read(|tx| tx.token_by_number("AT0000000001").map(drop))),
        ),
        (
            "show by identifier",
            Want::Search,
            Box::new(|s| s.read(|tx| tx.token_by_identifier_key("a@example.com").map(drop))),
        ),
        (
            "identifier uniqueness",
            Want::Search,
            Box::new(|s| s.read(|tx| tx.live_identifier_holder("a@example.com", None).map(drop))),
        ),
        (
            "show by authentication code",
            Want::Search,
            Box::new(move |s| s.read(|tx| tx.token_by_auth_digest(&digest).map(drop))),
        ),
        (
            "authentication code uniqueness",
            Want::Search,
            Box::new(move |s| s.read(|tx| tx.auth_digest_in_use(&digest).map(drop))),
        ),
        (
            "a rotated-out code in its grace period",
            Want::Search,
            Box::new(move |s| s.read(|tx| tx.token_id_by_prev_auth_digest(&digest, 0).map(drop))),
        ),
        (
            "an account's token cap",
            Want::Search,
            Box::new(|s| s.read(|tx| tx.live_tokens_of_account("AR-1").map(drop))),
        ),
        (
            "list by account",
            Want::Search,
            Box::new(list(page(TokenFilter {
                account: Some("AR-1".into()),
                ..Default::default()
            }))),
        ),
        (
            "list by participant",
            Want::Search,
            Box::new(list(page(TokenFilter {
                participant: Some("RP-1".into()),
                ..Default::default()
            }))),
        ),
        (
            "list expiring",
            Want::Search,
            Box::new(list(page(TokenFilter {
                expiring_by: Some(100),
                ..Default::default()
            }))),
        ),
        (
            "list orphaned",
            Want::Search,
            Box::new(list(page(TokenFilter {
                orphaned: true,
                orphan_rules: vec![
                    OrphanRule {
                        definition: "default".into(),
                        version: None,
                        classification: None,
                        unlinked_by: 0,
                    },
                    OrphanRule {
                        definition: "default".into(),
                        version: Some(1),
                        classification: Some("gold".into()),
                        unlinked_by: 0,
                    },
                ],
                ..Default::default()
            }))),
        ),
        (
            "list, first page",
            Want::Ordered,
            Box::new(list(page(TokenFilter::default()))),
        ),
        (
            "list, next page",
            Want::Ordered,
            Box::new(list(page(TokenFilter {
                after: Some("AT0000000050".into()),
                ..Default::default()
            }))),
        ),
        // A page of one state walks the (state, number) index of schema version 2 and stops
        // at the page's end, even when a million tokens share that state.
        (
            "list by state, a page",
            Want::Ordered,
            Box::new(list(page(TokenFilter {
                states: vec![State::Effective],
                ..Default::default()
            }))),
        ),
        (
            "the expiry job",
            Want::Search,
            Box::new(|s| {
                let rules = [OrphanRule {
                    definition: "default".into(),
                    version: None,
                    classification: None,
                    unlinked_by: 0,
                }];
                s.write(|tx| tx.expire_tokens(&rules, 100, "t", true).map(drop))
            }),
        ),
        // Issue #15: a range of the (state, expires_at) index per rule, for the report and the
        // mark alike.
        (
            "the expiry job's warnings",
            Want::Search,
            Box::new(|s| {
                let rules = [WarnRule {
                    definition: "default".into(),
                    version: Some(1),
                    classification: Some("gold".into()),
                    warn_by: 100 + 7 * 86_400,
                }];
                s.write(|tx| tx.expiry_warnings(&rules, 100, true).map(drop))
            }),
        ),
        (
            "the expiry job giving up messages of tokens it changed",
            Want::Search,
            Box::new(|s| s.write(|tx| tx.cancel_messages_of_ineffective_tokens("t").map(drop))),
        ),
        (
            "the expiry job's classified orphans",
            Want::Search,
            Box::new(|s| s.read(|tx| tx.orphan_classifications().map(drop))),
        ),
        (
            "the outbox's due messages",
            Want::Search,
            Box::new(|s| s.write(|tx| tx.claim_messages(100, 200, "me", 10, None).map(drop))),
        ),
        (
            "a token's messages",
            Want::Search,
            Box::new(|s| s.read(|tx| tx.list_messages(None, Some("AT0000000001")).map(drop))),
        ),
        (
            "a token's audit entries",
            Want::Search,
            Box::new(|s| {
                s.read(|tx| {
                    tx.list_audit(&AuditFilter {
                        token: Some("AT0000000001".into()),
                        ..Default::default()
                    })
                    .map(drop)
                })
            }),
        ),
        // Schema 7: with the batch entry that created the token, by one seek of the range
        // index, not a walk over the batches.
        (
            "a token's audit entries with the batch that created it",
            Want::Search,
            Box::new(|s| {
                s.read(|tx| {
                    tx.list_audit(&AuditFilter {
                        token: Some("AT0000000001".into()),
                        token_id: Some(1),
                        ..Default::default()
                    })
                    .map(drop)
                })
            }),
        ),
    ];
    for (name, want, run) in &cases {
        let p = plans(&mut store, run.as_ref());
        check(name, *want, &p);
    }
}
