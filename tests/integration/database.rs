//! The database file: created on first use with its folder, private, WAL, migrated, and refused
//! when it is not ours or is newer than this binary.

use crate::support::*;
use std::os::unix::fs::PermissionsExt;

fn mode(p: &std::path::Path) -> u32 {
    std::fs::metadata(p).expect("metadata").permissions().mode() & 0o777
}

#[test]
fn first_use_creates_a_private_database_with_its_folder() {
    let env = TestEnv::empty();
    let t = env.new_token(&[], "");
    assert_eq!(str_of(&t, "state"), "effective");
    assert_eq!(str_of(&t, "definition"), "default");
    assert_eq!(mode(&env.db), 0o600);
    // tokenadm removes its -wal and -shm files when it exits last; an open connection keeps
    // them, so that the next command's own can be looked at.
    let conn = env.conn();
    conn.query_row("SELECT count(*) FROM tokens", [], |r| r.get::<_, i64>(0))
        .unwrap();
    env.new_token(&[], "");
    for suffix in ["-wal", "-shm"] {
        let side = env.db.with_file_name(format!("tokenadm.db{suffix}"));
        assert_eq!(mode(&side), 0o600, "{suffix}");
    }
    let journal: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(journal, "wal");
}

#[test]
fn default_path_needs_no_setup() {
    let env = TestEnv::empty();
    let out = env
        .cmd()
        .env_remove("TOKENADM_DB")
        .args(["init", "--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let expected = env.dir.path().join("xdg-data/tokenadm/tokenadm.db");
    assert!(expected.exists());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["created"], true);
    assert_eq!(v["active_definition"], "default");
}

#[test]
fn init_is_idempotent() {
    let env = TestEnv::new();
    let v = env.json(&["init"]);
    assert_eq!(v["created"], false);
    assert_eq!(v["active_definition"], "test");
}

#[test]
fn a_folder_that_cannot_be_created_is_reported() {
    let env = TestEnv::empty();
    let file = env.write("plain-file", "x");
    let db = file.join("sub").join("tokenadm.db");
    let out = env
        .cmd()
        .arg("--db")
        .arg(&db)
        // A command that creates the database: a read-only one exits 3 before any folder.
        .args(["token", "new"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_one_error(&err);
    assert!(err.contains("cannot create the database folder"), "{err}");
    assert!(err.contains("plain-file"), "{err}");
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_and_left_alone() {
    let env = TestEnv::empty();
    let bogus = env.write("notes.txt", &"not a database, just text\n".repeat(200));
    let before = std::fs::read(&bogus).unwrap();
    let out = env
        .cmd()
        .arg("--db")
        .arg(&bogus)
        .args(["token", "list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_one_error(&err);
    assert!(
        err.contains("notes.txt") && err.contains("not a database"),
        "{err}"
    );
    assert_eq!(std::fs::read(&bogus).unwrap(), before);
}

#[test]
fn a_foreign_sqlite_database_is_not_migrated() {
    let env = TestEnv::empty();
    let other = env.path("other.db");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE t (x)")
        .unwrap();
    let out = env
        .cmd()
        .arg("--db")
        .arg(&other)
        .args(["token", "list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a tokenadm one"));
}

#[test]
fn a_newer_schema_is_refused_with_exit_5() {
    let env = TestEnv::new();
    env.conn().pragma_update(None, "user_version", 99).unwrap();
    let before = env.dump();
    let err = env.fails(&["token", "list"], "", 5);
    assert!(err.contains("schema version 99"), "{err}");
    assert!(err.contains("upgrade tokenadm"), "{err}");
    assert_eq!(before, env.dump());
}

#[test]
fn concurrent_invocations_wait_instead_of_failing() {
    let env = TestEnv::new();
    let children: Vec<_> = (0..6)
        .map(|_| {
            let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin("tokenadm"));
            c.env("TOKENADM_DB", &env.db)
                .env_remove("RUST_BACKTRACE")
                .args(["token", "new", "--count", "20", "--format", "json"])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped());
            c.spawn().unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let all = env.json(&["token", "list", "--all"]);
    assert_eq!(all.as_array().unwrap().len(), 120);
}

#[test]
fn an_older_schema_is_migrated_forward() {
    let env = TestEnv::new();
    env.new_token(&[], "");
    // Take the database back to schema version 1.
    let conn = env.conn();
    conn.execute_batch("DROP INDEX tokens_state_number;")
        .unwrap();
    schema_back_to(&conn, 1);
    drop(conn);
    env.json(&["token", "list", "--state", "effective"]);
    let conn = env.conn();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, tokenadm::store::SCHEMA_VERSION);
    // Version 6's columns are back, and work.
    env.json(&["token", "show", "AT0000000001"])["uses_today"]
        .as_i64()
        .expect("uses_today");
    let index: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE name = 'tokens_state_number'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(index, 1);
}

/// Cron jobs started together on a new machine: every one of them works, whichever created
/// the file.
#[test]
fn concurrent_first_runs_all_succeed() {
    let env = TestEnv::empty();
    let runs: Vec<std::process::Child> = (0..6)
        .map(|_| {
            std::process::Command::new(assert_cmd::cargo::cargo_bin("tokenadm"))
                .env("TOKENADM_DB", &env.db)
                .env_remove("RUST_BACKTRACE")
                .args(["token", "new", "-q", "--format", "json"])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for run in runs {
        let out = run.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(env.json(&["token", "list"]).as_array().unwrap().len(), 6);
    assert_eq!(mode(&env.db), 0o600);
}
