//! One way to pick a token (issue #12, item 7): NUMBER or --identifier on every command that
//! acts on one token, numbers in any case, `--since`/`--until` as RFC 3339 or a duration back,
//! and `token list --sort` / `--created-since`.

use crate::support::*;
use crate::verification::{code_from_outbox, env as verifying_env};

const PASS: &str = "a fine pass code\n";

#[test]
fn every_command_that_picks_a_token_takes_identifier() {
    let env = verifying_env();
    env.json(&["account", "add", "AR-1", "--name", "Alpha"]);
    let t = env.new_token(
        &["--identifier", "Pat@Example.com", "--pass-code-stdin"],
        PASS,
    );
    let number = str_of(&t, "number").to_string();
    assert_eq!(t["state"], "pending_verification");
    let id = ["--identifier", "pat@example.com"];

    let v = env.json(&[&["token", "resend-code"][..], &id].concat());
    assert_eq!(v["number"], number.as_str());
    let code = code_from_outbox(&env, &number);
    let v = env.json_stdin(
        &[&["verify", "--code-stdin"][..], &id].concat(),
        &format!("{code}\n"),
    );
    assert_eq!(v["state"], "effective");

    let v = env.json(&[&["token", "link", "--account", "AR-1"][..], &id].concat());
    assert_eq!(v["account"], "AR-1");
    let v = env.json(&[&["token", "unlink", "--account", "AR-1"][..], &id].concat());
    assert_eq!(v["account"], serde_json::Value::Null);

    let v = env.json(&[&["token", "rotate"][..], &id].concat());
    assert!(v["secrets"]["authentication_code"].is_string());

    let v = env.json(
        &[
            &["token", "set-state", "not_effective", "--reason", "test"][..],
            &id,
        ]
        .concat(),
    );
    assert_eq!(v["state"], "not_effective");
    let v = env.json(&[&["token", "set-state"][..], &id, &["effective"]].concat());
    assert_eq!(v["state"], "effective");
    // Both ways at once is a usage error, and so is neither.
    env.fails_unchanged(
        &[
            "token",
            "set-state",
            &number,
            "effective",
            "--identifier",
            "pat@example.com",
        ],
        "",
        2,
    );
    env.fails_unchanged(&["token", "rotate"], "", 2);
    env.fails_unchanged(
        &[
            "token",
            "rotate",
            &number,
            "--identifier",
            "pat@example.com",
        ],
        "",
        2,
    );
    // An identifier nobody holds is not found, and changes nothing.
    let err = env.fails_unchanged(
        &["token", "rotate", "--identifier", "nobody@example.com"],
        "",
        3,
    );
    assert!(err.contains("nobody@example.com"), "{err}");

    let v = env.json(&[&["token", "delete", "--yes"][..], &id].concat());
    assert_eq!(v["number"], number.as_str());
    env.fails(&["token", "show", &number], "", 3);
}

#[test]
fn numbers_match_in_any_case() {
    let env = TestEnv::new();
    env.new_token(&[], "");
    env.new_token(&[], "");
    let v = env.json(&["token", "show", "at0000000001"]);
    assert_eq!(v["number"], "AT0000000001");
    let v = env.json(&["token", "set-state", "aT0000000002", "not_effective"]);
    assert_eq!(v["number"], "AT0000000002");
    assert_eq!(
        env.json(&["audit", "--token", "at0000000002"])
            .as_array()
            .unwrap()
            .len(),
        2
    );
    let page = env.json(&["token", "list", "--after", "at0000000001"]);
    assert_eq!(page.as_array().unwrap().len(), 1);
    let err = env.fails(&["token", "show", "at0000000009"], "", 3);
    assert!(err.contains("at0000000009"), "{err}");
}

#[test]
fn since_and_until_take_durations_as_well_as_instants() {
    let env = TestEnv::new();
    env.new_token(&[], "");
    env.new_token(&[], "");
    // Entry 4 (the first token's creation) moved two days back, entry 5 one hour back.
    let now = jiff::Timestamp::now().as_second();
    let conn = env.conn();
    conn.execute("UPDATE audit SET at = ?1 WHERE id = 4", [now - 2 * 86_400])
        .unwrap();
    conn.execute("UPDATE audit SET at = ?1 WHERE id = 5", [now - 3_600])
        .unwrap();
    let ids = |args: &[&str]| -> Vec<i64> {
        env.json(&[&["audit"][..], args].concat())
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["id"].as_i64().unwrap())
            .collect()
    };
    assert_eq!(ids(&["--since", "2h", "--action", "token.create"]), [5]);
    assert_eq!(ids(&["--since", "7d", "--action", "token.create"]), [4, 5]);
    assert_eq!(ids(&["--until", "1d", "--action", "token.create"]), [4]);
    assert_eq!(
        ids(&[
            "--since",
            "3d",
            "--until",
            "30m",
            "--action",
            "token.create"
        ]),
        [4, 5]
    );
    let iso = jiff::Timestamp::from_second(now - 86_400)
        .unwrap()
        .to_string();
    assert_eq!(ids(&["--since", &iso, "--action", "token.create"]), [5]);
    let err = env.fails(&["audit", "--since", "yesterday"], "", 2);
    assert!(err.contains("--since \"yesterday\""), "{err}");
}

#[test]
fn token_list_sorts_and_filters_by_creation() {
    let env = TestEnv::new();
    for _ in 0..3 {
        env.new_token(&[], "");
    }
    let conn = env.conn();
    let now = jiff::Timestamp::now().as_second();
    // 1: created 10 days ago, never used, never expires; 2: created 2 days ago, expires in
    // 1 day, used an hour ago; 3: created now, expires in 5 days, used a minute ago.
    for (n, created, expires, used) in [
        (1, now - 10 * 86_400, None, None),
        (2, now - 2 * 86_400, Some(now + 86_400), Some(now - 3_600)),
        (3, now, Some(now + 5 * 86_400), Some(now - 60)),
    ] {
        conn.execute(
            "UPDATE tokens SET created_at = ?1, expires_at = ?2, last_used_at = ?3 WHERE id = ?4",
            rusqlite::params![created, expires, used, n],
        )
        .unwrap();
    }
    let numbers = |args: &[&str]| -> Vec<String> {
        env.json(&[&["token", "list"][..], args].concat())
            .as_array()
            .unwrap()
            .iter()
            .map(|t| str_of(t, "number")[11..].to_string())
            .collect()
    };
    assert_eq!(numbers(&[]), ["1", "2", "3"]);
    assert_eq!(numbers(&["--sort", "created"]), ["1", "2", "3"]);
    assert_eq!(numbers(&["--sort", "expires"]), ["2", "3", "1"]);
    assert_eq!(numbers(&["--sort", "last-used"]), ["3", "2", "1"]);
    assert_eq!(numbers(&["--created-since", "7d"]), ["2", "3"]);
    assert_eq!(
        numbers(&["--created-since", "1d", "--sort", "expires"]),
        ["3"]
    );
    env.fails(
        &[
            "token",
            "list",
            "--sort",
            "expires",
            "--after",
            "AT0000000001",
        ],
        "",
        2,
    );
    env.fails(&["token", "list", "--sort", "colour"], "", 2);
}
