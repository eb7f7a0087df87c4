//! Expiry warnings (issue #15): with `[expiry] warn_before` and
//! `[communication.on_expiry_warning]` enabled, `token expire` queues one warning per effective
//! token whose `expires_at` has come within the window, never twice for the same expiry (a new
//! expiry re-arms it); `--dry-run` shows what it would queue and changes nothing. Time never
//! passes here: expiries are moved in the database.

use crate::outbox::{outbox, show};
use crate::support::*;
use serde_json::Value;

const WARNING: &str = r#"
[expiry]
warn_before = "7d"

[communication.on_expiry_warning]
enabled = true
subject = "Token #access_token.number expires soon"
template = """
Your token #access_token.number expires on #access_token.expires_at_human.
Exactly: #access_token.expires_at
"""
"#;

fn env() -> TestEnv {
    let env = TestEnv::with_definition(&format!("{TEST_DEFINITION}\n{WARNING}"));
    env.json(&[
        "account",
        "add",
        "AR-1",
        "--name",
        "Alpha Ltd",
        "--email",
        "billing@alpha.example",
    ]);
    env
}

fn number(env: &TestEnv, args: &[&str], stdin: &str) -> String {
    str_of(&env.new_token(args, stdin), "number").to_string()
}

/// (number, reason, applied) of each row `token expire` printed.
fn rows(v: &Value) -> Vec<(String, String, bool)> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                str_of(r, "number").to_string(),
                str_of(r, "reason").to_string(),
                r["applied"].as_bool().unwrap(),
            )
        })
        .collect()
}

fn warnings(env: &TestEnv) -> Vec<Value> {
    outbox(env, &[])
        .into_iter()
        .filter(|m| m["event"] == "on_expiry_warning")
        .collect()
}

fn expires_at(env: &TestEnv, number: &str) -> i64 {
    env.conn()
        .query_row(
            "SELECT expires_at FROM tokens WHERE number = ?1",
            [number],
            |r| r.get(0),
        )
        .unwrap()
}

fn set_expires_at(env: &TestEnv, number: &str, at: i64) {
    env.conn()
        .execute(
            "UPDATE tokens SET expires_at = ?2 WHERE number = ?1",
            rusqlite::params![number, at],
        )
        .unwrap();
}

#[test]
fn token_expire_warns_once_per_expiry() {
    let env = env();
    let soon = number(&env, &["--account", "AR-1", "--expires-in", "3d"], ""); // 1
    let later = number(&env, &["--account", "AR-1", "--expires-in", "30d"], ""); // 2
    let by_identifier = number(
        &env,
        &[
            "--identifier",
            "kim@example.com",
            "--pass-code-stdin",
            "--expires-in",
            "2d",
        ],
        "a fine pass code\n",
    ); // 3
    let nobody = number(&env, &["--expires-in", "1d"], ""); // 4: no address anywhere
    let gone = number(&env, &["--account", "AR-1", "--expires-in", "1h"], ""); // 5
    let never = number(&env, &["--account", "AR-1"], ""); // 6: no expiry
    set_expires_at(&env, &gone, 1000);

    // The dry run says what it would do, and does nothing.
    let before = env.dump();
    let out = env
        .cmd()
        .args(["token", "expire", "--dry-run", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let dry: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        rows(&dry),
        [
            (gone.clone(), "expired".to_string(), false),
            (soon.clone(), "expiry_warning".to_string(), false),
            (by_identifier.clone(), "expiry_warning".to_string(), false),
        ]
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!(
            "no expiry warning would be queued: token {nobody} has no email address"
        )),
        "{stderr}"
    );
    assert!(stderr.contains("would queue 2 expiry warnings"), "{stderr}");
    assert_eq!(before, env.dump(), "a dry run changed the database");

    // The run: the expired token is not warned, the others once each.
    let out = env
        .cmd()
        .args(["token", "expire", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let done: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        rows(&done),
        [
            (gone.clone(), "expired".to_string(), true),
            (soon.clone(), "expiry_warning".to_string(), true),
            (by_identifier.clone(), "expiry_warning".to_string(), true),
        ]
    );
    let r = &done[1];
    assert_eq!(
        (str_of(r, "previous_state"), str_of(r, "state")),
        ("effective", "effective")
    );
    let queued = warnings(&env);
    let recipients: Vec<(&str, &str)> = queued
        .iter()
        .map(|m| (str_of(m, "token"), str_of(m, "recipient")))
        .collect();
    assert_eq!(
        recipients,
        [
            (soon.as_str(), "billing@alpha.example"),
            (by_identifier.as_str(), "kim@example.com"),
        ]
    );
    // The template's tags: the expiry in RFC 3339 and as people read it.
    let message = show(&env, queued[0]["id"].as_i64().unwrap());
    assert_eq!(
        str_of(&message, "subject"),
        format!("Token {soon} expires soon")
    );
    let body = str_of(&message, "body");
    let shown = env.json(&["token", "show", &soon]);
    assert!(
        body.contains(&format!("Exactly: {}", str_of(&shown, "expires_at"))),
        "{body}"
    );
    let human = body.lines().next().unwrap();
    assert!(human.ends_with(" UTC."), "{body}");
    assert!(human.contains(" 20"), "{body}");
    // Audited, the one without a recipient too (so that the next night does not try again).
    let audit = env.json(&["audit", "--action", "token.expiry_warning"]);
    let audited: Vec<&str> = audit
        .as_array()
        .unwrap()
        .iter()
        .map(|e| str_of(e, "token"))
        .collect();
    assert_eq!(
        audited,
        [soon.as_str(), by_identifier.as_str(), nobody.as_str()]
    );
    let last = &audit[2]["detail"];
    assert!(
        last["message"].is_null() && last["not_queued"].is_string(),
        "{last}"
    );
    assert_eq!(audit[0]["detail"]["message"], queued[0]["id"]);

    // Never twice for the same expiry.
    let before = env.dump();
    assert_eq!(env.json(&["token", "expire"]), serde_json::json!([]));
    assert_eq!(before, env.dump());

    // A new expiry re-arms the warning; one that enters the window is warned too.
    set_expires_at(&env, &soon, expires_at(&env, &soon) + 3600);
    set_expires_at(&env, &later, expires_at(&env, &later) - 25 * 86_400);
    let again = env.json(&["token", "expire"]);
    assert_eq!(
        rows(&again),
        [
            (soon.clone(), "expiry_warning".to_string(), true),
            (later.clone(), "expiry_warning".to_string(), true),
        ]
    );
    assert_eq!(warnings(&env).len(), 4);
    assert!(warnings(&env).iter().all(|m| m["token"] != never.as_str()));
    env.json(&["audit", "verify"]);
}

#[test]
fn only_effective_tokens_of_an_enabled_policy_are_warned() {
    // The base warns; the `quiet` classification turns the message off.
    let env = TestEnv::with_definition(&format!(
        "{TEST_DEFINITION}\n{WARNING}\n[classifications.quiet.communication.on_expiry_warning]\nenabled = false\n"
    ));
    env.json(&[
        "account",
        "add",
        "AR-1",
        "--name",
        "A",
        "--email",
        "a@a.example",
    ]);
    let warned = number(&env, &["--account", "AR-1", "--expires-in", "2d"], "");
    let quiet = number(
        &env,
        &[
            "--account",
            "AR-1",
            "--expires-in",
            "2d",
            "--classification",
            "quiet",
        ],
        "",
    );
    let off = number(&env, &["--account", "AR-1", "--expires-in", "2d"], "");
    env.json(&["token", "set-state", &off, "not_effective"]);
    let done = env.json(&["token", "expire"]);
    assert_eq!(
        rows(&done),
        [(warned.clone(), "expiry_warning".to_string(), true)]
    );
    assert!(warnings(&env).iter().all(|m| m["token"] != quiet.as_str()));
    // Quiet under -q when there is nothing left to do.
    let out = env.cmd().args(["token", "expire", "-q"]).output().unwrap();
    assert!(out.status.success() && out.stdout.is_empty() && out.stderr.is_empty());
}

/// A classification the latest version dropped keeps the warning of the version its tokens
/// were issued under.
#[test]
fn a_dropped_classification_keeps_the_warning_of_its_version() {
    let env = TestEnv::with_definition(&format!(
        "{TEST_DEFINITION}\n[classifications.temp.expiry]\nwarn_before = \"7d\"\n\
         [classifications.temp.communication.on_expiry_warning]\nenabled = true\n"
    ));
    env.json(&[
        "account",
        "add",
        "AR-1",
        "--name",
        "A",
        "--email",
        "a@a.example",
    ]);
    let temp = number(
        &env,
        &[
            "--account",
            "AR-1",
            "--expires-in",
            "2d",
            "--classification",
            "temp",
        ],
        "",
    );
    let plain = number(&env, &["--account", "AR-1", "--expires-in", "2d"], "");
    let v2 = env.write("v2.toml", TEST_DEFINITION);
    env.json(&["definition", "apply", v2.to_str().unwrap()]);
    let done = env.json(&["token", "expire"]);
    assert_eq!(rows(&done), [(temp, "expiry_warning".to_string(), true)]);
    assert!(warnings(&env).iter().all(|m| m["token"] != plain.as_str()));
}

#[test]
fn a_bad_warning_window_is_refused_with_its_place() {
    let env = TestEnv::new();
    for (expiry, place, words) in [
        (
            "warn_before = \"0s\"",
            "line 11, column 1",
            "expiry.warn_before (\"0s\")",
        ),
        (
            "warn_before = \"-7d\"",
            "line 11, column 15",
            "\"-7d\" is negative",
        ),
        (
            "default_ttl = \"30d\"\nwarn_before = \"45d\"",
            "line 12, column 1",
            "expiry.warn_before (\"45d\") is not shorter than expiry.default_ttl (\"30d\")",
        ),
    ] {
        let f = env.write(
            "warn.toml",
            &format!("{TEST_DEFINITION}\n[expiry]\n{expiry}\n"),
        );
        for verb in ["validate", "apply"] {
            let err = env.fails_unchanged(&["definition", verb, f.to_str().unwrap()], "", 4);
            assert!(err.contains(words), "{expiry}: {err}");
            assert!(err.contains(place), "{expiry}: {err}");
        }
    }
    let f = env.write(
        "secret.toml",
        &format!(
            "{TEST_DEFINITION}\n{WARNING}\n[classifications.x.communication.on_expiry_warning]\n\
             template = \"#access_token.pass_code\"\n"
        ),
    );
    let err = env.fails_unchanged(&["definition", "apply", f.to_str().unwrap()], "", 4);
    assert!(err.contains("secret tag #access_token.pass_code"), "{err}");
}
