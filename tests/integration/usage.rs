//! Daily usage limits (issue #15): `[usage] daily_limit` in a definition or a classification
//! caps successful `auth`s per token per UTC day; beyond it `auth` is refused (exit 6, the
//! generic sentence; the audit log says why). `token show`, `token list` and `auth` carry
//! `uses_today` (and `daily_limit` where one is set); `token show` carries `locked_until`. The
//! count is exact under concurrency. Time never passes here: another day is set in the
//! database.

use crate::auth::{column, denied, last_audit, set_column, token_with_pass, PASS};
use crate::support::*;
use rusqlite::types::Value as Sql;
use serde_json::Value;
use std::io::Write;
use std::process::{Command, Stdio};

/// The test definition with a daily limit, and a classification with another.
fn limited(base: u32, kiosk: u32) -> String {
    format!(
        "{TEST_DEFINITION}\n[usage]\ndaily_limit = {base}\n\
         [classifications.kiosk.usage]\ndaily_limit = {kiosk}\n\
         [classifications.free]\n"
    )
}

/// A token without identifier; returns (number, authentication code).
fn coded(env: &TestEnv, args: &[&str]) -> (String, String) {
    let t = env.new_token(args, "");
    (
        str_of(&t, "number").to_string(),
        t["secrets"]["authentication_code"]
            .as_str()
            .unwrap()
            .to_string(),
    )
}

fn reason(entry: &Value) -> &str {
    entry["detail"]["reason"].as_str().unwrap_or("")
}

#[test]
fn auth_is_refused_beyond_the_daily_limit_and_counts_again_the_next_day() {
    let env = TestEnv::with_definition(&limited(3, 1));
    let (number, code) = token_with_pass(&env, "ivan@example.com");
    let id = ["--identifier", "ivan@example.com"];
    let fresh = env.json(&["token", "show", &number]);
    assert_eq!(fresh["uses_today"], 0);
    assert_eq!(fresh["daily_limit"], 3);
    assert!(fresh["locked_until"].is_null());

    // A wrong pass code is no use: it does not count.
    denied(&env, &id, "wrong\n");
    for n in 1..=3 {
        let v = env.json_stdin(
            &["auth", "--identifier", "ivan@example.com"],
            &format!("{PASS}\n"),
        );
        assert_eq!(v["uses_today"], n, "{v}");
        assert_eq!(v["daily_limit"], 3);
    }
    // The fourth, by either secret, is refused with the one sentence; the audit log says why.
    let before = column(&env, &number, "uses_today");
    denied(&env, &id, &format!("{PASS}\n"));
    denied(&env, &[], &format!("{code}\n"));
    assert_eq!(column(&env, &number, "uses_today"), before);
    let entry = last_audit(&env);
    assert_eq!(entry["action"], "token.auth_failed");
    assert_eq!(entry["token"], number.as_str());
    assert_eq!(reason(&entry), "daily_limit");
    assert_eq!(entry["detail"]["uses_today"], 3);
    assert_eq!(entry["detail"]["daily_limit"], 3);
    assert!(str_of(&entry["detail"], "until").ends_with("T00:00:00Z"));

    // show and list say so, in every format.
    let shown = env.json(&["token", "show", &number]);
    assert_eq!(
        (shown["uses_today"].as_i64(), shown["daily_limit"].as_i64()),
        (Some(3), Some(3))
    );
    let keys: Vec<&str> = shown
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let at = keys.iter().position(|k| *k == "last_used_at").unwrap();
    assert_eq!(
        keys[at..at + 5],
        [
            "last_used_at",
            "uses_today",
            "daily_limit",
            "locked_until",
            "definition"
        ]
    );
    let listed = env.json(&["token", "list"]);
    assert_eq!(listed[0]["uses_today"], 3);
    assert_eq!(listed[0]["daily_limit"], 3);
    let csv = env
        .cmd()
        .args(["token", "show", &number, "--format", "csv"])
        .output()
        .unwrap();
    let csv = String::from_utf8(csv.stdout).unwrap();
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let row: Vec<&str> = lines.next().unwrap().split(',').collect();
    let cell = |name: &str| row[header.iter().position(|h| *h == name).unwrap()];
    assert_eq!(
        (
            cell("uses_today"),
            cell("daily_limit"),
            cell("locked_until")
        ),
        ("3", "3", "")
    );
    let table = env
        .cmd()
        .args(["token", "list", "--columns", "number,uses_today"])
        .output()
        .unwrap();
    let table = String::from_utf8(table.stdout).unwrap();
    assert!(table.contains("USES_TODAY"), "{table}");
    let detail = env.cmd().args(["token", "show", &number]).output().unwrap();
    let detail = String::from_utf8(detail.stdout).unwrap();
    assert!(
        detail
            .lines()
            .any(|l| l.split_whitespace().eq(["daily_limit", "3"])),
        "{detail}"
    );

    // The count was of yesterday: today it starts again.
    let day = column(&env, &number, "uses_day").unwrap();
    set_column(&env, &number, "uses_day", Sql::Integer(day - 1));
    assert_eq!(env.json(&["token", "show", &number])["uses_today"], 0);
    let v = env.json_stdin(&["auth"], &format!("{code}\n"));
    assert_eq!(v["uses_today"], 1);
    assert_eq!(column(&env, &number, "uses_day"), Some(day));
    env.json(&["audit", "verify"]);
}

#[test]
fn a_classification_sets_its_own_limit_and_tokens_without_one_show_none() {
    let env = TestEnv::with_definition(&limited(5, 1));
    let (kiosk, code) = coded(&env, &["--classification", "kiosk"]);
    let (free, free_code) = coded(&env, &["--classification", "free"]);
    env.json_stdin(&["auth"], &format!("{code}\n"));
    denied(&env, &[], &format!("{code}\n"));
    assert_eq!(reason(&last_audit(&env)), "daily_limit");
    assert_eq!(env.json(&["token", "show", &kiosk])["daily_limit"], 1);
    // `free` inherits the definition's own limit.
    assert_eq!(env.json(&["token", "show", &free])["daily_limit"], 5);
    env.json_stdin(&["auth"], &format!("{free_code}\n"));

    // Without a limit, the field is left out; uses_today is always there.
    let plain = TestEnv::new();
    let (number, code) = coded(&plain, &[]);
    let v = plain.json_stdin(&["auth"], &format!("{code}\n"));
    assert_eq!(v["uses_today"], 1);
    assert!(v.get("daily_limit").is_none(), "{v}");
    let shown = plain.json(&["token", "show", &number]);
    assert!(shown.get("daily_limit").is_none(), "{shown}");
    assert_eq!(shown["uses_today"], 1);
}

/// The binary as a plain process, so that several can run at once.
fn spawn_auth(env: &TestEnv, stdin: &str) -> std::process::Child {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tokenadm"))
        .env("TOKENADM_DB", &env.db)
        .env("TOKENADM_ACTOR", "tester")
        .env("XDG_CONFIG_HOME", env.dir.path().join("config"))
        .env("XDG_DATA_HOME", env.dir.path().join("xdg-data"))
        .env_remove("TOKENADM_FORMAT")
        .env_remove("TOKENADM_CONFIG")
        .env_remove("RUST_BACKTRACE")
        .args(["auth", "-q"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn tokenadm");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child
}

#[test]
fn the_daily_count_is_exact_under_concurrent_auths() {
    let env = TestEnv::with_definition(&limited(10, 1));
    let (number, code) = coded(&env, &[]);
    let stdin = format!("{code}\n");
    let children: Vec<_> = (0..16).map(|_| spawn_auth(&env, &stdin)).collect();
    let mut granted = 0;
    let mut refused = 0;
    for child in children {
        let out = child.wait_with_output().unwrap();
        match out.status.code() {
            Some(0) => granted += 1,
            Some(6) => {
                refused += 1;
                assert_eq!(
                    String::from_utf8_lossy(&out.stderr).trim_end(),
                    crate::auth::DENIED
                );
            }
            other => panic!(
                "auth exited {other:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            ),
        }
    }
    assert_eq!((granted, refused), (10, 6));
    assert_eq!(column(&env, &number, "uses_today"), Some(10));
    let granted = env.json(&["audit", "--token", &number, "--action", "token.auth"]);
    assert_eq!(granted.as_array().unwrap().len(), 10);
    let failed = env.json(&["audit", "--token", &number, "--action", "token.auth_failed"]);
    let failed = failed.as_array().unwrap();
    assert_eq!(failed.len(), 6);
    assert!(failed.iter().all(|e| reason(e) == "daily_limit"));
    env.json(&["audit", "verify"]);
}

#[test]
fn token_show_carries_locked_until_while_the_lock_holds() {
    let env = TestEnv::with_definition(&format!(
        "{TEST_DEFINITION}\n[lockout]\nmax_failures = 2\nwindow = \"15m\"\n"
    ));
    let (number, _) = token_with_pass(&env, "judy@example.com");
    for _ in 0..2 {
        denied(&env, &["--identifier", "judy@example.com"], "wrong\n");
    }
    let until = column(&env, &number, "locked_until").unwrap();
    let shown = env.json(&["token", "show", &number]);
    assert_eq!(
        shown["locked_until"],
        env.json(&["audit", "--limit", "1"])[0]["detail"]["locked_until"]
    );
    assert!(shown["locked_until"].is_string(), "{shown}");
    // Run out: the column keeps it, the record no longer shows it.
    set_column(&env, &number, "locked_until", Sql::Integer(until - 3600));
    assert!(env.json(&["token", "show", &number])["locked_until"].is_null());
}

#[test]
fn a_bad_daily_limit_is_refused_with_its_place() {
    let env = TestEnv::new();
    for (value, words) in [
        ("0", "0 would refuse every auth"),
        ("-3", "-3 is negative"),
        ("\"ten\"", "\"ten\" is text, not a number"),
        ("2.5", "2.5 is not a whole number"),
    ] {
        let f = env.write(
            "limit.toml",
            &format!("{TEST_DEFINITION}\n[usage]\ndaily_limit = {value}\n"),
        );
        for verb in ["validate", "apply"] {
            let err = env.fails_unchanged(&["definition", verb, f.to_str().unwrap()], "", 4);
            assert!(err.contains("line 11, column 15"), "{value}: {err}");
            assert!(err.contains("usage.daily_limit"), "{value}: {err}");
            assert!(err.contains(words), "{value}: {err}");
        }
    }
}
