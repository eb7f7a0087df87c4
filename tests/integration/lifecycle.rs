//! `token set-state`, `delete`, `link`/`unlink`, `reset-passcode`, `rotate`.

use crate::support::*;

fn state(env: &TestEnv, number: &str) -> String {
    str_of(&env.json(&["token", "show", number]), "state").to_string()
}

fn pending_env() -> TestEnv {
    TestEnv::with_definition(&format!(
        "{TEST_DEFINITION}\n[verification]\nrequired_for = [\"direct\"]\n"
    ))
}

#[test]
fn every_transition_in_the_table() {
    let env = TestEnv::new();
    env.new_token(&[], "");
    let n = "AT0000000001";
    // effective -> not_effective -> effective
    let v = env.json(&[
        "token",
        "set-state",
        n,
        "not_effective",
        "--reason",
        "lost device",
    ]);
    assert_eq!(str_of(&v, "state"), "not_effective");
    env.json(&["token", "set-state", n, "effective"]);
    assert_eq!(state(&env, n), "effective");
    // Same state: a no-op that says so.
    let out = env
        .cmd()
        .args(["token", "set-state", n, "effective"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("already effective"));
    // Nothing goes back to pending.
    let err = env.fails_unchanged(&["token", "set-state", n, "pending_verification"], "", 5);
    assert!(
        err.contains("cannot go from effective to pending_verification"),
        "{err}"
    );
    env.json(&["token", "set-state", n, "not_effective"]);
    env.fails_unchanged(&["token", "set-state", n, "pending_verification"], "", 5);
    // An unknown state lists the valid ones.
    let err = env.fails_unchanged(&["token", "set-state", n, "active"], "", 4);
    assert!(
        err.contains("effective, not_effective and pending_verification"),
        "{err}"
    );
    env.fails_unchanged(&["token", "set-state", "AT0000000999", "effective"], "", 3);
    let audit = env.json(&["audit", "--token", n, "--action", "token.set_state"]);
    assert_eq!(audit[0]["detail"]["reason"], "lost device");
    assert_eq!(audit.as_array().unwrap().len(), 3);
}

#[test]
fn pending_tokens_need_force_to_become_effective() {
    let env = pending_env();
    env.new_token(
        &["--identifier", "p@example.com", "--pass-code-stdin"],
        "a fine pass code\n",
    );
    let n = "AT0000000001";
    assert_eq!(state(&env, n), "pending_verification");
    let err = env.fails_unchanged(&["token", "set-state", n, "effective"], "", 5);
    assert!(err.contains("--force"), "{err}");
    env.json(&[
        "token",
        "set-state",
        n,
        "effective",
        "--force",
        "--reason",
        "called support",
    ]);
    assert_eq!(state(&env, n), "effective");
    let audit = env.json(&["audit", "--token", n, "--action", "token.set_state"]);
    assert_eq!(audit[0]["detail"]["forced"], true);
    // pending -> not_effective is allowed without force.
    env.new_token(
        &["--identifier", "q@example.com", "--pass-code-stdin"],
        "a fine pass code\n",
    );
    env.json(&["token", "set-state", "AT0000000002", "not_effective"]);
}

#[test]
fn forcing_a_pending_token_effective_does_not_count_it_twice_against_the_cap() {
    let env = TestEnv::with_definition(&format!(
        "{TEST_DEFINITION}\n[verification]\nrequired_for = [\"account\"]\n[automation]\nmax_tokens_per_account = 1\n"
    ));
    env.json(&[
        "account",
        "add",
        "AR-1",
        "--name",
        "Zed",
        "--email",
        "zed@example.com",
    ]);
    let t = env.new_token(&["--account", "AR-1"], "");
    assert_eq!(str_of(&t, "state"), "pending_verification");
    // The pending token is the account's one token already; forcing it changes no count.
    let v = env.json(&["token", "set-state", "AT0000000001", "effective", "--force"]);
    assert_eq!(str_of(&v, "state"), "effective");
    // The cap itself still holds.
    env.fails_unchanged(&["token", "new", "--account", "AR-1"], "", 5);
}

#[test]
fn reactivation_rechecks_identifier_expiry_and_cap() {
    let env = TestEnv::with_definition(&format!(
        "{TEST_DEFINITION}\n[automation]\nmax_tokens_per_account = 1\n"
    ));
    env.new_token(
        &["--identifier", "dup@example.com", "--pass-code-stdin"],
        "a fine pass code\n",
    );
    env.json(&["token", "set-state", "AT0000000001", "not_effective"]);
    // The identifier is free again while the first token is not effective.
    env.new_token(
        &["--identifier", "DUP@example.com", "--pass-code-stdin"],
        "a fine pass code\n",
    );
    let err = env.fails_unchanged(&["token", "set-state", "AT0000000001", "effective"], "", 5);
    assert!(err.contains("AT0000000002"), "{err}");

    env.json(&["account", "add", "AR-1", "--name", "Zed"]);
    env.new_token(&["--account", "AR-1"], "");
    env.json(&["token", "set-state", "AT0000000003", "not_effective"]);
    env.new_token(&["--account", "AR-1"], "");
    let err = env.fails_unchanged(&["token", "set-state", "AT0000000003", "effective"], "", 5);
    assert!(err.contains("at most 1"), "{err}");

    env.new_token(&["--expires-in", "1h"], "");
    env.json(&["token", "set-state", "AT0000000005", "not_effective"]);
    env.sql().execute(
        "UPDATE tokens SET expires_at = 1000 WHERE number = 'AT0000000005'",
        &[],
    );
    let err = env.fails_unchanged(&["token", "set-state", "AT0000000005", "effective"], "", 5);
    assert!(err.contains("expired"), "{err}");
}

#[test]
fn delete_asks_keeps_audit_and_never_reuses_the_number() {
    let env = TestEnv::new();
    env.new_token(&[], "");
    let err = env.fails_unchanged(&["token", "delete", "AT0000000001"], "", 2);
    assert!(err.contains("--yes"), "{err}");
    env.json(&["token", "delete", "AT0000000001", "--yes"]);
    env.fails(&["token", "show", "AT0000000001"], "", 3);
    let t = env.new_token(&[], "");
    assert_eq!(str_of(&t, "number"), "AT0000000002");
    let audit = env.json(&["audit", "--token", "AT0000000001"]);
    let actions: Vec<&str> = audit
        .as_array()
        .unwrap()
        .iter()
        .map(|e| str_of(e, "action"))
        .collect();
    assert_eq!(actions, ["token.create", "token.delete"]);
    env.fails_unchanged(&["token", "delete", "AT0000000009", "--yes"], "", 3);
}

#[test]
fn link_and_unlink() {
    let env = TestEnv::new();
    env.json(&["account", "add", "AR-1", "--name", "Zed"]);
    env.json(&["account", "add", "AR-2", "--name", "Other"]);
    env.json(&["participant", "add", "RP-1", "--account", "AR-1"]);
    env.new_token(&[], "");
    let n = "AT0000000001";
    let t = env.json(&["token", "link", n, "--account", "AR-1"]);
    assert_eq!(str_of(&t, "account"), "AR-1");
    let t = env.json(&["token", "link", n, "--participant", "RP-1"]);
    assert_eq!(str_of(&t, "participant"), "RP-1");
    env.fails_unchanged(&["token", "link", n, "--account", "AR-2"], "", 5);
    env.fails_unchanged(&["token", "link", n, "--account", "AR-404"], "", 3);
    env.fails_unchanged(&["token", "unlink", n, "--account", "AR-2"], "", 5);
    env.json(&["token", "unlink", n, "--participant", "RP-1"]);
    assert_eq!(
        env.json(&["token", "list", "--orphaned"])
            .as_array()
            .unwrap()
            .len(),
        0
    );
    env.json(&["token", "unlink", n, "--account", "AR-1"]);
    let orphans = env.json(&["token", "list", "--orphaned"]);
    assert_eq!(str_of(&orphans[0], "number"), n);
    env.fails(&["token", "link", n], "", 2);
}

#[test]
fn reset_passcode_given_generated_and_refused() {
    let env = TestEnv::new();
    env.new_token(
        &["--identifier", "r@example.com", "--pass-code-stdin"],
        "a fine pass code\n",
    );
    let n = "AT0000000001";
    let before: String = env.sql().one("SELECT pass_hash FROM tokens", &[]);
    let v = env.json_stdin(
        &["token", "reset-passcode", n, "--pass-code-stdin"],
        "another pass code\n",
    );
    assert!(v.get("secrets").is_none());
    let after: String = env.sql().one("SELECT pass_hash FROM tokens", &[]);
    assert_ne!(before, after);
    let v = env.json(&["token", "reset-passcode", "--identifier", "R@example.com"]);
    assert_eq!(
        v["secrets"]["pass_code"].as_str().unwrap().chars().count(),
        16
    );
    let err = env.fails_unchanged(
        &["token", "reset-passcode", n, "--pass-code-stdin"],
        "short\n",
        4,
    );
    assert!(err.contains("min_length"), "{err}");
    env.json(&["token", "set-state", n, "not_effective"]);
    let err = env.fails_unchanged(&["token", "reset-passcode", n], "", 5);
    assert!(err.contains("only effective tokens"), "{err}");
    env.new_token(&[], "");
    env.fails_unchanged(&["token", "reset-passcode", "AT0000000002"], "", 4);
    env.fails_unchanged(&["token", "reset-passcode", "AT0000000404"], "", 3);
    env.fails(&["token", "reset-passcode"], "", 2);
    let audit = env.json(&["audit", "--action", "token.reset_passcode"]);
    assert_eq!(audit.as_array().unwrap().len(), 2);
    assert!(!env.dump().contains("another pass code"));
}

#[test]
fn reset_passcode_notify_needs_a_recipient_and_queues_the_message() {
    let env = TestEnv::new();
    env.new_token(
        &["--identifier", "n@example.com", "--pass-code-stdin"],
        "a fine pass code\n",
    );
    env.json(&["token", "reset-passcode", "AT0000000001", "--notify"]);
    let body: String = env
        .sql()
        .one("SELECT body FROM outbox WHERE event = 'on_reset'", &[]);
    assert!(!body.is_empty());
    let recipient: String = env.sql().one("SELECT recipient FROM outbox", &[]);
    assert_eq!(recipient, "n@example.com");
    // A plain user name is no address to notify.
    let env = TestEnv::with_definition(&format!(
        "{TEST_DEFINITION}\n[identifier]\nformat = \"free_text\"\n"
    ));
    env.new_token(
        &["--identifier", "plainuser", "--pass-code-stdin"],
        "a fine pass code\n",
    );
    let err = env.fails_unchanged(
        &["token", "reset-passcode", "AT0000000001", "--notify"],
        "",
        4,
    );
    assert!(err.contains("has no email address"), "{err}");
}

#[test]
fn rotate_with_and_without_grace() {
    let env = TestEnv::new();
    let t = env.new_token(&[], "");
    let old = t["secrets"]["authentication_code"]
        .as_str()
        .unwrap()
        .to_string();
    let v = env.json(&["token", "rotate", "AT0000000001"]);
    let new = v["secrets"]["authentication_code"]
        .as_str()
        .unwrap()
        .to_string();
    assert_ne!(old, new);
    env.json_stdin(&["token", "show", "--auth-code-stdin"], &format!("{new}\n"));
    env.fails(
        &["token", "show", "--auth-code-stdin"],
        &format!("{old}\n"),
        3,
    );
    let v = env.json(&["token", "rotate", "AT0000000001", "--grace", "1h"]);
    let newer = v["secrets"]["authentication_code"]
        .as_str()
        .unwrap()
        .to_string();
    let until: i64 = env.sql().one("SELECT prev_auth_until FROM tokens", &[]);
    assert!(until > 0);
    env.json_stdin(
        &["token", "show", "--auth-code-stdin"],
        &format!("{newer}\n"),
    );
    // The code it replaced still finds the token during the grace period, and not after.
    env.json_stdin(&["token", "show", "--auth-code-stdin"], &format!("{new}\n"));
    env.sql()
        .execute("UPDATE tokens SET prev_auth_until = 1000", &[]);
    env.fails(
        &["token", "show", "--auth-code-stdin"],
        &format!("{new}\n"),
        3,
    );
    env.json(&["token", "set-state", "AT0000000001", "not_effective"]);
    env.fails_unchanged(&["token", "rotate", "AT0000000001"], "", 5);
    env.fails_unchanged(&["token", "rotate", "AT0000000404"], "", 3);
    let audit = env.json(&["audit", "--action", "token.rotate"]);
    assert_eq!(audit[1]["detail"]["grace"], "1h");
    assert!(!env.dump().contains(&newer));
}
