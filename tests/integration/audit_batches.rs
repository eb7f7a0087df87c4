//! A bulk issuance in the audit log (issue #16): `token import` and `token new --count` are one
//! entry each, naming their range, their input and the definition, which `audit --token NUMBER`
//! finds for any token of the batch, in every format; a killed import leaves no entry and no
//! token; a database written before (one entry per token) reads and verifies as before.

use crate::support::*;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

/// `args` with `--format FORMAT`, expecting success; stdout.
fn out(env: &TestEnv, args: &[&str], format: &str) -> String {
    let o = env
        .cmd()
        .args(args)
        .args(["--format", format])
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

fn actions(log: &Value) -> Vec<&str> {
    log.as_array()
        .unwrap()
        .iter()
        .map(|e| str_of(e, "action"))
        .collect()
}

/// Rows of names only: fast, and every token gets a generated authentication code.
fn names(n: u64) -> String {
    let mut content = String::from("name\n");
    for i in 0..n {
        content.push_str(&format!("token {i}\n"));
    }
    content
}

/// What `audit --token NUMBER` shows of a batch's entry, in the table and CSV formats: the
/// action, the range and (for an import) the file's digest.
fn assert_rendered(env: &TestEnv, number: &str, needles: &[&str]) {
    for format in ["csv", "table"] {
        let text = out(env, &["audit", "--token", number], format);
        for needle in needles {
            assert!(text.contains(needle), "{format} lacks {needle}:\n{text}");
        }
    }
}

#[test]
fn a_token_from_the_middle_of_an_import_finds_the_one_entry_of_its_batch() {
    let env = TestEnv::new();
    let content = names(1000);
    let path = env.write("t.csv", &content);
    env.cmd()
        .args(["token", "import", path.to_str().unwrap(), "-q"])
        .assert()
        .success();
    // One entry for the thousand tokens, none per token.
    let log = env.json(&["audit"]);
    assert_eq!(
        actions(&log),
        [
            "database.create",
            "definition.apply",
            "definition.activate",
            "token.import"
        ]
    );
    let sha256 = format!("{:x}", Sha256::digest(content.as_bytes()));
    let file = path.display().to_string();
    let found = env.json(&["audit", "--token", "AT0000000500"]);
    assert_eq!(found.as_array().unwrap().len(), 1, "{found}");
    let entry = &found[0];
    assert_eq!(entry, &log[3]);
    assert_eq!(str_of(entry, "action"), "token.import");
    assert_eq!(str_of(entry, "actor"), "tester");
    assert_eq!(entry["token"], Value::Null);
    assert_eq!(str_of(entry, "subject"), file);
    assert_eq!(
        entry["detail"],
        json!({
            "tokens": 1000,
            "first": "AT0000000001",
            "last": "AT0000001000",
            "token_ids": { "first": 1, "last": 1000 },
            "input": { "file": file, "sha256": sha256 },
            "definition": "test",
            "definition_version": 1,
        })
    );
    // The first and last tokens of the batch find it too.
    for number in ["AT0000000001", "AT0000001000"] {
        assert_eq!(env.json(&["audit", "--token", number]), found, "{number}");
    }
    assert_rendered(
        &env,
        "AT0000000500",
        &["token.import", "AT0000000001", "AT0000001000", &sha256],
    );

    // Later changes to the token are its own entries, after the batch's.
    env.json(&[
        "token",
        "set-state",
        "AT0000000500",
        "not_effective",
        "--reason",
        "lost",
    ]);
    assert_eq!(
        actions(&env.json(&["audit", "--token", "AT0000000500"])),
        ["token.import", "token.set_state"]
    );
    assert_eq!(
        actions(&env.json(&[
            "audit",
            "--token",
            "AT0000000500",
            "--action",
            "token.import"
        ])),
        ["token.import"]
    );
    // A token issued alone has its own entry, and no batch holds it.
    env.new_token(&[], "");
    assert_eq!(
        actions(&env.json(&["audit", "--token", "AT0000001001"])),
        ["token.create"]
    );
    assert!(env
        .json(&["audit", "--token", "AT0000009999"])
        .as_array()
        .unwrap()
        .is_empty());
    let v = env.json(&["audit", "verify"]);
    assert_eq!(v["entries"], 6);
}

#[test]
fn a_token_of_a_count_batch_finds_its_batch_even_once_deleted() {
    let env = TestEnv::new();
    env.new_token(&[], "");
    let batch = env.new_token(&["--count", "5"], "");
    assert_eq!(batch.as_array().unwrap().len(), 5);
    let found = env.json(&["audit", "--token", "AT0000000004"]);
    assert_eq!(actions(&found), ["token.create"]);
    let entry = &found[0];
    assert_eq!(entry["token"], Value::Null);
    assert_eq!(entry["subject"], Value::Null);
    assert_eq!(
        entry["detail"],
        json!({
            "tokens": 5,
            "first": "AT0000000002",
            "last": "AT0000000006",
            "token_ids": { "first": 2, "last": 6 },
            "input": { "count": 5 },
            "definition": "test",
            "definition_version": 1,
        })
    );
    assert_rendered(
        &env,
        "AT0000000004",
        &["token.create", "AT0000000002", "AT0000000006"],
    );
    // The token issued alone before the batch keeps its own entry only.
    assert_eq!(
        env.json(&["audit", "--token", "AT0000000001"])[0]["token"],
        "AT0000000001"
    );

    // Deleted, the token is still found in the batch that created it.
    env.json(&["token", "delete", "AT0000000004", "--yes"]);
    assert_eq!(
        actions(&env.json(&["audit", "--token", "AT0000000004"])),
        ["token.create", "token.delete"]
    );
    env.cmd().args(["audit", "verify"]).assert().success();
}

/// The range a batch is found by is derived from its content, which the chain covers: changed
/// by hand, `audit verify` says so.
#[test]
fn audit_verify_detects_an_edited_range() {
    for edit in [
        "UPDATE audit SET last_token_id = 2 WHERE action = 'token.import'",
        "UPDATE audit SET first_token_id = NULL, last_token_id = NULL WHERE action = 'token.import'",
        "UPDATE audit SET first_token_id = NULL WHERE action = 'token.import'",
        "UPDATE audit SET first_token_id = 1, last_token_id = 1 WHERE action = 'definition.apply'",
    ] {
        let env = TestEnv::new();
        let path = env.write("t.csv", &names(3));
        env.cmd()
            .args(["token", "import", path.to_str().unwrap(), "-q"])
            .assert()
            .success();
        env.cmd().args(["audit", "verify"]).assert().success();
        env.sql().execute(edit, &[]);
        let err = env.fails(&["audit", "verify"], "", 5);
        assert!(err.contains("do not match its content"), "{edit}: {err}");
    }
}

/// kill -9 in the middle of the write transaction: no token, no batch entry, no number used,
/// no file left beside the database, and the log still verifies.
#[test]
fn a_killed_import_leaves_no_batch_entry_and_no_tokens() {
    if on_pg() {
        return; // SQLite's files (the spool beside it, its WAL); the rollback is PostgreSQL's own
    }
    let env = TestEnv::new();
    let path = env.write("big.csv", &names(150_000));
    let before = env.dump();
    let folder = env.db.parent().unwrap().to_path_buf();
    let files = |dir: &std::path::Path| -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .filter(|n| !n.ends_with("-wal") && !n.ends_with("-shm"))
            .collect();
        names.sort();
        names
    };
    let files_before = files(&folder);
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("tokenadm"))
        .env("TOKENADM_DB", &env.db)
        .env("TOKENADM_ACTOR", "tester")
        .env_remove("RUST_BACKTRACE")
        .args([
            "token",
            "import",
            path.to_str().unwrap(),
            "-q",
            "--format",
            "csv",
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // The write-ahead log grows once the write transaction spills pages into it: the import is
    // inserting. Stop it there, make sure nothing is committed yet, then kill it.
    let wal = std::path::PathBuf::from(format!("{}-wal", env.db.display()));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(300);
    loop {
        if std::fs::metadata(&wal).is_ok_and(|m| m.len() > 1 << 20) {
            break;
        }
        assert!(
            child.try_wait().unwrap().is_none(),
            "the import ended before it was seen writing"
        );
        assert!(
            std::time::Instant::now() < deadline,
            "the import never wrote"
        );
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    let pid = child.id() as libc::pid_t;
    assert_eq!(unsafe { libc::kill(pid, libc::SIGSTOP) }, 0);
    let committed: i64 = env
        .conn()
        .query_row("SELECT count(*) FROM tokens", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        committed, 0,
        "the import committed before it could be stopped"
    );
    assert_eq!(unsafe { libc::kill(pid, libc::SIGKILL) }, 0);
    let status = child.wait().unwrap();
    assert!(!status.success());

    assert_eq!(before, env.dump(), "the killed import changed the database");
    assert_eq!(files_before, files(&folder));
    assert!(env
        .json(&["audit", "--action", "token.import"])
        .as_array()
        .unwrap()
        .is_empty());
    env.cmd().args(["audit", "verify"]).assert().success();
    assert_eq!(str_of(&env.new_token(&[], ""), "number"), "AT0000000001");
}

/// A database written by tokenadm before schema 7 (`fixtures/schema4_per_token.sql`, made by the
/// build of commit 315c91c with the commands in `fixtures/schema4_per_token.sh`): its import and
/// `--count` tokens have one `token.create` entry each, beside the import's summary. It migrates,
/// reads as before, verifies, and takes new batches that verify too.
#[test]
fn a_database_with_entries_per_token_reads_and_verifies_before_and_after_new_imports() {
    if on_pg() {
        return; // the fixture is a SQLite database; `db copy` carries one to PostgreSQL
    }
    let env = TestEnv::empty();
    std::fs::create_dir_all(env.db.parent().unwrap()).unwrap();
    let dump = include_str!("fixtures/schema4_per_token.sql");
    rusqlite::Connection::open(&env.db)
        .unwrap()
        .execute_batch(dump)
        .unwrap();
    let entries = |env: &TestEnv| env.json(&["audit", "verify"])["entries"].as_i64().unwrap();
    let old_entries = entries(&env);
    assert_eq!(old_entries, 15);

    // The old tokens read as they did: a token of the old import, and of the old --count,
    // each with its own entry (which knows its line), later ones after it.
    let found = env.json(&["audit", "--token", "AT0000000004"]);
    assert_eq!(actions(&found), ["token.create", "token.set_state"]);
    assert_eq!(found[0]["detail"]["line"], 4);
    let found = env.json(&["audit", "--token", "AT0000000008"]);
    assert_eq!(actions(&found), ["token.create"]);
    assert_eq!(found[0]["token"], "AT0000000008");
    // A token deleted then, whose delete entry does not record its id, still has its own.
    assert_eq!(
        actions(&env.json(&["audit", "--token", "AT0000000005"])),
        ["token.create", "token.delete"]
    );

    // New batches on the old database: one entry each, found by their tokens.
    let content = names(5);
    let path = env.write("new.csv", &content);
    env.cmd()
        .args(["token", "import", path.to_str().unwrap(), "-q"])
        .assert()
        .success();
    env.new_token(&["--count", "3"], "");
    assert_eq!(entries(&env), old_entries + 2);
    let found = env.json(&["audit", "--token", "AT0000000012"]);
    assert_eq!(actions(&found), ["token.import"]);
    assert_eq!(found[0]["detail"]["first"], "AT0000000010");
    assert_eq!(found[0]["detail"]["last"], "AT0000000014");
    let found = env.json(&["audit", "--token", "AT0000000016"]);
    assert_eq!(actions(&found), ["token.create"]);
    assert_eq!(found[0]["detail"]["input"]["count"], 3);
    // The old tokens are not taken for a batch's.
    assert_eq!(
        actions(&env.json(&["audit", "--token", "AT0000000004"])),
        ["token.create", "token.set_state"]
    );
    // Both imports, old and new, read alike: the file, the number of tokens, first and last.
    let imports = env.json(&["audit", "--action", "token.import"]);
    assert_eq!(imports.as_array().unwrap().len(), 2);
    for (import, first, last) in [
        (&imports[0], "AT0000000002", "AT0000000006"),
        (&imports[1], "AT0000000010", "AT0000000014"),
    ] {
        assert!(str_of(import, "subject").ends_with(".csv"), "{import}");
        assert_eq!(import["detail"]["tokens"], 5);
        assert_eq!(import["detail"]["first"], first);
        assert_eq!(import["detail"]["last"], last);
    }
}

/// `audit --token` finds a token's entries whatever the letter case of its number, as `token
/// show` finds the token; a deleted token's too.
#[test]
fn audit_by_token_takes_the_number_in_any_case() {
    let env = TestEnv::new();
    env.json(&["token", "new", "--count", "3"]);
    let upper = env.json(&["audit", "--token", "AT0000000002"]);
    assert!(!upper.as_array().unwrap().is_empty());
    assert_eq!(env.json(&["audit", "--token", "at0000000002"]), upper);
    env.cmd()
        .args(["token", "delete", "AT0000000003", "--yes", "-q"])
        .assert()
        .success();
    let deleted = env.json(&["audit", "--token", "AT0000000003"]);
    assert_eq!(env.json(&["audit", "--token", "at0000000003"]), deleted);
    assert!(deleted.as_array().unwrap().len() >= 2, "{deleted}");
}
