//! The verification story: pending, wrong code, expired code, attempts exhausted, resend,
//! verified; and the attempt limit under concurrent `verify` processes.

use crate::support::*;

const VERIFYING: &str = r#"
[verification]
required_for = ["direct", "participant"]
max_attempts = 3

[identifier]
format = "email"
"#;

pub fn env() -> TestEnv {
    TestEnv::with_definition(&format!("{TEST_DEFINITION}\n{VERIFYING}"))
}

/// The verification codes live only as digests, so tests recover them from the mail.
pub fn code_from_outbox(env: &TestEnv, number: &str) -> String {
    verification_code(env, number)
}

#[test]
fn the_whole_verification_story() {
    let env = env();
    let t = env.new_token(
        &["--identifier", "v@example.com", "--pass-code-stdin"],
        "a fine pass code\n",
    );
    let n = str_of(&t, "number").to_string();
    assert_eq!(str_of(&t, "state"), "pending_verification");
    let code = code_from_outbox(&env, &n);
    let digest: Vec<u8> = env
        .conn()
        .query_row("SELECT verification_digest FROM tokens", [], |r| r.get(0))
        .unwrap();
    assert_eq!(digest.len(), 32);

    let wrong = if code == "000000" { "111111" } else { "000000" };
    let err = env.fails(&["verify", &n, "--code-stdin"], &format!("{wrong}\n"), 6);
    assert!(
        err.contains("wrong verification code") && err.contains("2 attempts left"),
        "{err}"
    );
    env.fails(&["verify", &n, "--code-stdin"], &format!("{wrong}\n"), 6);
    let err = env.fails(&["verify", &n, "--code-stdin"], &format!("{wrong}\n"), 6);
    assert!(err.contains("no attempts are left"), "{err}");
    // Even the right code is refused once the attempts ran out.
    let err = env.fails(&["verify", &n, "--code-stdin"], &format!("{code}\n"), 6);
    assert!(
        err.contains("spent") && err.contains("resend-code"),
        "{err}"
    );

    env.json(&["token", "resend-code", &n]);
    let fresh = code_from_outbox(&env, &n);
    // Expired: move the code's expiry into the past.
    env.conn()
        .execute("UPDATE tokens SET verification_expires_at = 1000", [])
        .unwrap();
    let err = env.fails(&["verify", &n, "--code-stdin"], &format!("{fresh}\n"), 6);
    assert!(err.contains("expired") && !err.contains("wrong"), "{err}");

    env.json(&["token", "resend-code", &n]);
    let last = code_from_outbox(&env, &n);
    let v = env.json_stdin(&["verify", &n, "--code-stdin"], &format!("{last}\n"));
    assert_eq!(str_of(&v, "state"), "effective");
    assert!(v["verified_at"].is_string());

    // Verify and resend are for pending tokens only.
    let err = env.fails_unchanged(&["verify", &n, "--code-stdin"], &format!("{last}\n"), 5);
    assert!(err.contains("not pending_verification"), "{err}");
    env.fails_unchanged(&["token", "resend-code", &n], "", 5);
    env.fails_unchanged(&["verify", "AT0000000404", "--code-stdin"], "123456\n", 3);

    let audit = env.json(&["audit", "--token", &n]);
    let text = audit.to_string();
    for c in [&code, &fresh, &last] {
        assert!(!text.contains(&format!("\"{c}\"")), "code in audit: {text}");
    }
    let reasons: Vec<String> = audit
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "token.verify_failed")
        .map(|e| e["detail"]["reason"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        reasons,
        [
            "wrong_code",
            "wrong_code",
            "wrong_code",
            "attempts_exhausted",
            "expired"
        ]
    );
}

#[test]
fn skip_verification_is_audited() {
    let env = env();
    let t = env.new_token(
        &[
            "--identifier",
            "s@example.com",
            "--pass-code-stdin",
            "--skip-verification",
        ],
        "a fine pass code\n",
    );
    assert_eq!(str_of(&t, "state"), "effective");
    let audit = env.json(&["audit", "--token", "AT0000000001"]);
    assert_eq!(audit[0]["detail"]["skip_verification"], true);
}

#[test]
fn verification_without_a_recipient_fails_and_changes_nothing() {
    let env = env();
    let err = env.fails_unchanged(&["token", "new"], "", 4);
    assert!(err.contains("no email address"), "{err}");
}

#[test]
fn concurrent_wrong_codes_never_exceed_the_attempt_limit() {
    let env = env();
    env.new_token(
        &["--identifier", "c@example.com", "--pass-code-stdin"],
        "a fine pass code\n",
    );
    let code = code_from_outbox(&env, "AT0000000001");
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let children: Vec<_> = (0..8)
        .map(|_| {
            let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin("tokenadm"));
            c.env("TOKENADM_DB", &env.db)
                .env_remove("RUST_BACKTRACE")
                .args(["verify", "AT0000000001", "--code-stdin"])
                .stdin(std::process::Stdio::piped())
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped());
            let mut child = c.spawn().unwrap();
            use std::io::Write;
            child
                .stdin
                .take()
                .unwrap()
                .write_all(format!("{wrong}\n").as_bytes())
                .unwrap();
            child
        })
        .collect();
    let mut counted = 0;
    for child in children {
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(6), "{err}");
        // Each run either spent one of the attempts (and was told so) or found none left: the
        // count in the database cannot hide a lost update, the runs' own answers would show it.
        if err.contains("wrong verification code") {
            counted += 1;
        } else {
            assert!(err.contains("is spent after 3 wrong attempts"), "{err}");
        }
    }
    assert_eq!(counted, 3, "exactly max_attempts runs spent an attempt");
    let attempts: i64 = env
        .conn()
        .query_row("SELECT verification_attempts FROM tokens", [], |r| r.get(0))
        .unwrap();
    assert_eq!(attempts, 3, "exactly max_attempts wrong attempts counted");
    let failed: i64 = env
        .conn()
        .query_row(
            "SELECT count(*) FROM audit WHERE action = 'token.verify_failed'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(failed, 8);
    env.fails(
        &["verify", "AT0000000001", "--code-stdin"],
        &format!("{code}\n"),
        6,
    );
}

#[test]
fn the_right_code_does_not_make_an_expired_token_effective() {
    let env = env();
    env.new_token(
        &[
            "--identifier",
            "x@example.com",
            "--pass-code-stdin",
            "--expires-in",
            "1h",
        ],
        "a fine pass code\n",
    );
    let code = code_from_outbox(&env, "AT0000000001");
    env.conn()
        .execute("UPDATE tokens SET expires_at = 1000", [])
        .unwrap();
    let err = env.fails_unchanged(
        &["verify", "AT0000000001", "--code-stdin"],
        &format!("{code}\n"),
        5,
    );
    assert!(err.contains("expired"), "{err}");
}
