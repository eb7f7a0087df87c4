//! `tokenadm db copy --to URL|PATH` (issue #14): a whole database into an empty one of either
//! engine, row for row, the audit chain whole; a target that holds data is refused.

use crate::support::*;

const DEFINITION: &str = r#"
name = "test"
description = "low-cost definition with a lockout and sessions"

[pass_code.hash]
memory_kib = 256
iterations = 1
parallelism = 1

[lockout]
max_failures = 3
window = "15m"

[classifications.staff.pass_code]
min_length = 12
"#;

const PASS: &str = "a fine pass code";

/// A database with something in every table: accounts, participants, tokens in every state
/// with links, rotations, lockout counts, a queued message, a session key, a deleted token.
/// Returns a session token minted on it.
fn fill(env: &TestEnv) -> String {
    env.json(&[
        "account",
        "add",
        "AR-1",
        "--name",
        "Alpha Ltd",
        "--email",
        "a@alpha.example",
    ]);
    env.json(&[
        "participant",
        "add",
        "RP-1",
        "--account",
        "AR-1",
        "--name",
        "Pat",
    ]);
    env.new_token(
        &[
            "--identifier",
            "ann@example.com",
            "--pass-code-stdin",
            "--account",
            "AR-1",
        ],
        &format!("{PASS}\n"),
    );
    env.new_token(
        &[
            "--participant",
            "RP-1",
            "--expires-in",
            "30d",
            "--classification",
            "staff",
        ],
        "",
    );
    env.json(&["token", "new", "--count", "4", "--name", "batch"]);
    env.json(&[
        "token",
        "set-state",
        "AT0000000003",
        "not_effective",
        "--reason",
        "test",
    ]);
    env.json(&["token", "rotate", "AT0000000004", "--grace", "1h"]);
    env.json(&["token", "unlink", "AT0000000002", "--participant", "RP-1"]);
    env.cmd()
        .args(["token", "delete", "AT0000000005", "--yes"])
        .assert()
        .success();
    env.json(&["token", "reset-passcode", "AT0000000001", "--notify"]);
    let out = env
        .cmd()
        .args(["auth", "--identifier", "ann@example.com"])
        .write_stdin("wrong pass code\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(6));
    let new_pass = {
        // reset-passcode generated a new pass code; set a known one instead.
        env.json_stdin(
            &[
                "token",
                "reset-passcode",
                "AT0000000001",
                "--pass-code-stdin",
            ],
            &format!("{PASS}\n"),
        );
        PASS
    };
    let session = env.json_stdin(
        &["auth", "--identifier", "ann@example.com", "--session"],
        &format!("{new_pass}\n"),
    );
    str_of(&session, "session_token").to_string()
}

fn copy(env: &TestEnv, to: &std::ffi::OsStr) -> serde_json::Value {
    let to = to.to_str().unwrap();
    let v = env.json(&["db", "copy", "--to", to]);
    assert_eq!(v["audit_verified"], true, "{v}");
    v
}

/// Commands on the copy work as on the original: the session minted there verifies, numbers
/// and message ids go on from where they were, the audit chain goes on.
fn check_usable(env: &TestEnv, location: &std::ffi::OsStr, jwt: &str) {
    let run = |args: &[&str], stdin: &str| -> serde_json::Value {
        let out = env
            .cmd()
            .env("TOKENADM_DB", location)
            .args(args)
            .args(["--format", "json"])
            .write_stdin(stdin)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    };
    run(&["session", "verify"], &format!("{jwt}\n"));
    let t = run(&["token", "new"], "");
    assert_eq!(str_of(&t, "number"), "AT0000000007");
    run(
        &["auth", "--identifier", "ann@example.com"],
        &format!("{PASS}\n"),
    );
    let v = run(&["audit", "verify"], "");
    assert_eq!(v["valid"], true);
}

#[test]
fn a_copy_holds_every_row_and_works() {
    let env = TestEnv::with_definition(DEFINITION);
    let jwt = fill(&env);
    let before = env.dump();
    let (target, _guard) = env.another_location("copy.db");
    let v = copy(&env, &target);
    assert_eq!(v["rows"]["tokens"], 5, "{v}");
    assert_eq!(before, env.dump(), "the source is unchanged");
    assert_eq!(
        before,
        Sql::open(&target).dump(),
        "the copy is row for row the same"
    );
    check_usable(&env, &target, &jwt);

    // A target that holds data is refused, and left as it was.
    let after = Sql::open(&target).dump();
    let err = env.fails(&["db", "copy", "--to", target.to_str().unwrap()], "", 5);
    assert!(err.contains("not empty"), "{err}");
    assert_eq!(after, Sql::open(&target).dump());
    // So is the database itself.
    let err = env.fails(
        &["db", "copy", "--to", env.location().to_str().unwrap()],
        "",
        2,
    );
    assert!(err.contains("being copied"), "{err}");
}

/// SQLite to PostgreSQL and back again: the same rows at the end as at the start, each copy
/// verified (needs a server: TOKENADM_TEST_PG).
#[test]
fn sqlite_to_postgres_and_back_is_the_same_database() {
    let Some(server) = pg_server() else {
        return;
    };
    let env = TestEnv::sqlite_with_definition(DEFINITION);
    let jwt = fill(&env);
    let before = env.dump();
    let pg = PgDb::create(&server);
    let to_pg: std::ffi::OsString = pg.url.clone().into();
    copy(&env, &to_pg);
    assert_eq!(
        before,
        Sql::open(&to_pg).dump(),
        "PostgreSQL holds the same rows"
    );
    let back = env.path("back.db");
    let out = env
        .cmd()
        .env("TOKENADM_DB", &to_pg)
        .args(["db", "copy", "--format", "json", "--to"])
        .arg(&back)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(before, dump(&back), "back on SQLite, the same rows");
    check_usable(&env, &to_pg, &jwt);
    check_usable(&env, back.as_os_str(), &jwt);
}

/// A password on the command line is readable by every user of the host: `--to` refuses a URL
/// that carries one, before connecting anywhere, and does not repeat it.
#[test]
fn a_target_url_with_a_password_is_refused() {
    let env = TestEnv::new();
    for url in [
        "postgres://ann:s3cr3t@127.0.0.1:1/tokens",
        "postgres://ann@127.0.0.1:1/tokens?password=s3cr3t",
    ] {
        let err = env.fails_unchanged(&["db", "copy", "--to", url], "", 2);
        assert!(err.contains("PGPASSWORD"), "{err}");
        assert!(!err.contains("s3cr3t"), "{err}");
    }
}
