//! Writers as separate processes against one database (issue #14): the write guarantee of
//! `Store::write` (serialized against every other writer, from any process or host) keeps
//! numbers unique, failure counts exact, lockouts holding, each message sent once and the audit
//! chain whole. They run on whichever engine the suite runs on; on PostgreSQL the processes are
//! as good as separate hosts (each its own connection, serialized by the advisory lock).

use crate::auth::{column, token_with_pass, LOCKOUT_DEFINITION, PASS};
use crate::support::*;
use std::process::Output;

fn ok(out: &Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "{}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn audit_is_whole(env: &TestEnv) -> i64 {
    let v = env.json(&["audit", "verify"]);
    assert_eq!(v["valid"], true, "{v}");
    v["entries"].as_i64().unwrap()
}

#[test]
fn eight_issuers_of_twenty_get_160_unique_numbers() {
    let env = TestEnv::new();
    let before = audit_is_whole(&env);
    let runs: Vec<_> = (0..8)
        .map(|_| env.spawn(&["token", "new", "--count", "20", "--format", "json"], ""))
        .collect();
    let mut numbers = Vec::new();
    for run in runs {
        let v = ok(&run.wait_with_output().unwrap());
        let issued = v.as_array().unwrap();
        assert_eq!(issued.len(), 20);
        // One command's tokens are consecutive: its numbers were handed out under one lock.
        let ids: Vec<i64> = issued
            .iter()
            .map(|t| str_of(t, "number")[2..].parse().unwrap())
            .collect();
        assert!(ids.windows(2).all(|w| w[1] == w[0] + 1), "{ids:?}");
        numbers.extend(issued.iter().map(|t| str_of(t, "number").to_string()));
    }
    numbers.sort();
    numbers.dedup();
    assert_eq!(numbers.len(), 160);
    let expected: Vec<String> = (1..=160).map(|i| format!("AT{i:010}")).collect();
    assert_eq!(numbers, expected, "no number skipped or given twice");
    let listed = env.json(&["token", "list", "--all"]);
    assert_eq!(listed.as_array().unwrap().len(), 160);
    // One audit entry per bulk issuance (issue #16), each naming its range of ids.
    assert_eq!(audit_is_whole(&env), before + 8);
}

#[test]
fn sixteen_concurrent_wrong_auths_are_counted_exactly_and_the_lockout_holds() {
    // A limit above the attempts: every one of the 16 is counted, once.
    let env = TestEnv::with_definition(
        &LOCKOUT_DEFINITION.replace("max_failures = 3", "max_failures = 100"),
    );
    let (number, _) = token_with_pass(&env, "gus@example.com");
    let runs: Vec<_> = (0..16)
        .map(|i| {
            env.spawn(
                &["auth", "--identifier", "gus@example.com"],
                &format!("guess {i}\n"),
            )
        })
        .collect();
    for run in runs {
        assert_eq!(run.wait_with_output().unwrap().status.code(), Some(6));
    }
    assert_eq!(column(&env, &number, "failed_auth_count"), Some(16));
    assert_eq!(column(&env, &number, "locked_until"), None);

    // A limit below them: exactly the limit is counted, the rest are refused as locked out,
    // and the right pass code is refused afterwards.
    let env = TestEnv::with_definition(
        &LOCKOUT_DEFINITION.replace("max_failures = 3", "max_failures = 6"),
    );
    let (number, _) = token_with_pass(&env, "hal@example.com");
    let runs: Vec<_> = (0..16)
        .map(|i| {
            env.spawn(
                &["auth", "--identifier", "hal@example.com"],
                &format!("guess {i}\n"),
            )
        })
        .collect();
    for run in runs {
        assert_eq!(run.wait_with_output().unwrap().status.code(), Some(6));
    }
    assert_eq!(column(&env, &number, "failed_auth_count"), Some(6));
    let since = column(&env, &number, "failed_auth_since").unwrap();
    assert_eq!(column(&env, &number, "locked_until"), Some(since + 900));
    let failed = env.json(&["audit", "--token", &number, "--action", "token.auth_failed"]);
    let reasons: Vec<&str> = failed
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["detail"]["reason"].as_str().unwrap())
        .collect();
    assert_eq!(reasons.len(), 16);
    assert_eq!(
        reasons.iter().filter(|r| **r == "wrong_pass_code").count(),
        6
    );
    assert_eq!(reasons.iter().filter(|r| **r == "locked_out").count(), 10);
    let out = env
        .spawn(
            &["auth", "--identifier", "hal@example.com"],
            &format!("{PASS}\n"),
        )
        .wait_with_output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(6),
        "locked out: the right pass code is refused"
    );
    audit_is_whole(&env);
}

#[test]
fn an_expiry_run_during_an_import_changes_exactly_what_it_should() {
    let env = TestEnv::new();
    // Ten tokens already past their expiry.
    env.json(&["token", "new", "--count", "10", "--expires-in", "1h"]);
    env.sql()
        .execute("UPDATE tokens SET expires_at = 1000", &[]);
    let rows: String = (0..2000).map(|i| format!("imported {i}\n")).collect();
    let file = env.write("tokens.csv", &format!("name\n{rows}"));
    let import = env.spawn(
        &[
            "token",
            "import",
            file.to_str().unwrap(),
            "--format",
            "json",
        ],
        "",
    );
    let expiries: Vec<_> = (0..3)
        .map(|_| env.spawn(&["token", "expire", "--format", "json"], ""))
        .collect();
    let imported = ok(&import.wait_with_output().unwrap());
    assert_eq!(imported.as_array().unwrap().len(), 2000);
    let mut expired = Vec::new();
    for run in expiries {
        let v = ok(&run.wait_with_output().unwrap());
        expired.extend(
            v.as_array()
                .unwrap()
                .iter()
                .map(|e| str_of(e, "number").to_string()),
        );
    }
    expired.sort();
    let expected: Vec<String> = (1..=10).map(|i| format!("AT{i:010}")).collect();
    assert_eq!(
        expired, expected,
        "each expired token changed once, by one run"
    );
    let effective = env.json(&["token", "list", "--all", "--state", "effective"]);
    assert_eq!(effective.as_array().unwrap().len(), 2000);
    let gone = env.json(&["token", "list", "--all", "--state", "not_effective"]);
    assert_eq!(gone.as_array().unwrap().len(), 10);
    audit_is_whole(&env);
}
