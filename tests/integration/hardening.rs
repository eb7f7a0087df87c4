//! Issue #11, "Hardening": what an adversarial review found. Each test goes through the binary
//! and failed before its fix.

use crate::support::*;

/// No raw control character (ESC above all) and exactly one line.
fn assert_tame(stderr: &str) {
    assert!(
        !stderr.contains('\u{1b}') && !stderr.contains('\u{202e}'),
        "raw escape: {stderr:?}"
    );
    assert_one_error(stderr);
}

// ---- 1. Nothing raw reaches a terminal ----

#[test]
fn an_actor_with_control_characters_is_echoed_escaped_on_one_line() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["token", "list", "--actor", "evil\nFAKE\u{1b}[2J"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_tame(&stderr);
    assert!(stderr.contains("evil\\u{a}FAKE\\u{1b}[2J"), "{stderr}");
}

#[test]
fn user_text_in_errors_is_escaped() {
    let env = TestEnv::new();
    // An id that is not found is echoed.
    let stderr = env.fails_unchanged(&["account", "show", "nope\u{1b}[2J\nFAKE"], "", 3);
    assert_tame(&stderr);
    assert!(stderr.contains("nope\\u{1b}[2J\\u{a}FAKE"), "{stderr}");
    // A CSV header that is not a column.
    let csv = env.write("t.csv", "\"iden\u{1b}[31m\ntifier\"\nalice@example.com\n");
    let stderr = env.fails_unchanged(&["token", "import", csv.to_str().unwrap()], "", 4);
    assert_tame(&stderr);
    // A JSON Lines key that is not a field.
    let jsonl = env.write(
        "t.jsonl",
        "{\"iden\\u001b[31m\\ntifier\": \"a@example.com\"}\n",
    );
    let stderr = env.fails_unchanged(
        &[
            "token",
            "import",
            jsonl.to_str().unwrap(),
            "--input",
            "jsonl",
        ],
        "",
        4,
    );
    assert_tame(&stderr);
    // An unknown TOML key with ESC and a newline in it.
    let toml = env.write("d.toml", "name = \"x\"\n\"bad\\u001b[2J\\nkey\" = 1\n");
    let stderr = env.fails(&["definition", "validate", toml.to_str().unwrap()], "", 4);
    assert_tame(&stderr);
}

#[test]
fn a_table_shows_stored_control_characters_escaped() {
    let env = TestEnv::new();
    let t = env.new_token(&[], "");
    // A name written before names were checked (or by another tool).
    env.sql().execute(
        "UPDATE tokens SET name = ?1 WHERE number = ?2",
        &["x\u{1b}[2J\u{202e}y\nz".into(), str_of(&t, "number").into()],
    );
    let out = env.cmd().args(["token", "list"]).output().unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        !stdout.contains('\u{1b}') && !stdout.contains('\u{202e}'),
        "{stdout}"
    );
    assert!(stdout.contains("x\\u{1b}[2J\\u{202e}y\\u{a}z"), "{stdout}");
    let out = env
        .cmd()
        .args(["token", "show", str_of(&t, "number")])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!stdout.contains('\u{1b}'), "{stdout}");
}

// ---- 2. Bounded, printable text ----

/// The test definition (name "test") with `top` keys at the top level and `tables` after.
fn definition_with(top: &str, tables: &str) -> String {
    let base = TEST_DEFINITION.replace("description = \"low-cost definition for tests\"", top);
    format!("{base}\n{tables}\n")
}

/// A reason goes into the audit log for good: as long as a description may be (2,000
/// characters), and a longer one is refused before anything changes.
#[test]
fn a_reason_is_bounded() {
    let env = TestEnv::new();
    let t = env.new_token(&[], "");
    let number = str_of(&t, "number");
    let stderr = env.fails_unchanged(
        &[
            "token",
            "set-state",
            number,
            "not_effective",
            "--reason",
            &"r".repeat(100_000),
        ],
        "",
        4,
    );
    assert!(
        stderr.contains("--reason") && stderr.contains("at most 2000"),
        "{stderr}"
    );
    assert!(stderr.len() < 300, "{}", stderr.len());
    let v = env.json(&[
        "token",
        "set-state",
        number,
        "not_effective",
        "--reason",
        &"r".repeat(2_000),
    ]);
    assert_eq!(v["state"], "not_effective");
}

#[test]
fn names_are_bounded_wherever_they_enter() {
    let env = TestEnv::new();
    env.json(&["account", "add", "AR-1", "--name", "Zed"]);
    let huge = "n".repeat(100_000);
    let stderr = env.fails_unchanged(&["token", "new", "--name", &huge], "", 4);
    assert!(stderr.contains("100000 characters"), "{stderr}");
    assert!(
        stderr.len() < 300,
        "the error echoes the whole name: {}",
        stderr.len()
    );
    env.fails_unchanged(&["token", "new", "--name", &"n".repeat(201)], "", 4);
    env.fails_unchanged(&["token", "new", "--name", "bell\u{7}"], "", 4);
    env.new_token(&["--name", &"n".repeat(200)], "");
    // Import rows: a 5 MB name field.
    let csv = env.write("big.csv", &format!("name\n{}\n", "m".repeat(5 << 20)));
    let stderr = env.fails_unchanged(&["token", "import", csv.to_str().unwrap()], "", 4);
    assert!(stderr.contains("line 2"), "{stderr}");
    assert!(stderr.len() < 400, "{}", stderr.len());
    // Accounts and participants, by flag and by import.
    env.fails_unchanged(
        &["account", "add", "AR-2", "--name", &"a".repeat(201)],
        "",
        4,
    );
    env.fails_unchanged(
        &["account", "add", "AR-2", "--name", "esc\u{1b}[31m"],
        "",
        4,
    );
    env.fails_unchanged(
        &[
            "participant",
            "add",
            "RP-1",
            "--account",
            "AR-1",
            "--name",
            &"p".repeat(201),
        ],
        "",
        4,
    );
    let csv = env.write(
        "accounts.csv",
        &format!("id,name,email,phone\nAR-3,{},,\n", "a".repeat(300)),
    );
    env.fails_unchanged(&["account", "import", csv.to_str().unwrap()], "", 4);
}

#[test]
fn definitions_bound_descriptions_subjects_and_templates() {
    let env = TestEnv::new();
    let cases = [
        (format!("description = \"{}\"", "d".repeat(2_001)), String::new()),
        (String::new(), format!(
            "[communication.on_create]\nenabled = true\nsubject = \"{}\"\ntemplate = \"x\"",
            "s".repeat(201)
        )),
        (String::new(), format!(
            "[communication.on_create]\nenabled = true\ntemplate = \"{}\"",
            "t".repeat(64 * 1024 + 1)
        )),
        (String::new(), "[communication.on_create]\nenabled = true\nsubject = \"a\\nBcc: x@example.com\"\ntemplate = \"x\"".to_string()),
    ];
    for (top, tables) in cases {
        let f = env.write("d.toml", &definition_with(&top, &tables));
        let stderr = env.fails_unchanged(&["definition", "apply", f.to_str().unwrap()], "", 4);
        assert!(stderr.contains("line "), "{stderr}");
        assert!(stderr.len() < 400, "{}", stderr.len());
    }
    let ok = definition_with(&format!("description = \"{}\"", "d".repeat(2_000)), "");
    let f = env.write("ok.toml", &ok);
    env.json(&["definition", "apply", f.to_str().unwrap()]);
}

#[test]
fn a_table_cuts_a_huge_field_with_an_ellipsis() {
    let env = TestEnv::new();
    let t = env.new_token(&[], "");
    env.sql().execute(
        "UPDATE tokens SET name = ?1 WHERE number = ?2",
        &["w".repeat(2 << 20).into(), str_of(&t, "number").into()],
    );
    for args in [["token", "list"], ["token", "show"]] {
        let mut cmd = env.cmd();
        cmd.args(args);
        if args[1] == "show" {
            cmd.arg(str_of(&t, "number"));
        }
        let out = cmd.output().unwrap();
        assert!(out.status.success());
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(stdout.contains("…"), "not cut");
        assert!(stdout.len() < 20_000, "{} bytes", stdout.len());
    }
}

// ---- 3. Lookalike identifiers ----

const ALICE: &str = "alice@example.com";
const PASS: &str = "a fine pass code\n";

#[test]
fn lookalike_identifiers_cannot_be_live_at_once() {
    let env = TestEnv::new();
    let alice = env.new_token(&["--identifier", ALICE, "--pass-code-stdin"], PASS);
    let holder = str_of(&alice, "number");
    for lookalike in [
        "\u{430}lice@example.com", // Cyrillic а
        "ａｌｉｃｅ@example.com",  // fullwidth
        "ALICE@example.com",
    ] {
        let stderr = env.fails_unchanged(
            &[
                "token",
                "new",
                "--identifier",
                lookalike,
                "--pass-code-stdin",
            ],
            PASS,
            5,
        );
        assert!(stderr.contains(holder), "{lookalike}: {stderr}");
    }
    for hidden in ["alice\u{200b}@example.com", "al\u{202e}ice@example.com"] {
        let stderr = env.fails_unchanged(
            &["token", "new", "--identifier", hidden, "--pass-code-stdin"],
            PASS,
            4,
        );
        assert_tame(&stderr);
    }
    // A fullwidth identifier is stored normalized, and found however it is typed.
    let bob = env.new_token(
        &["--identifier", "ｂｏｂ@example.com", "--pass-code-stdin"],
        PASS,
    );
    assert_eq!(str_of(&bob, "identifier"), "bob@example.com");
    let found = env.json(&["token", "show", "--identifier", "ｂｏｂ@example.com"]);
    assert_eq!(found["number"], bob["number"]);
}

#[test]
fn the_migration_rekeys_identifiers_and_reports_clashes() {
    let env = TestEnv::new();
    let alice = env.new_token(&["--identifier", ALICE, "--pass-code-stdin"], PASS);
    let a = str_of(&alice, "number").to_string();
    env.json(&["token", "set-state", &a, "not_effective"]);
    let cyr = "\u{430}lice@example.com";
    let twin = env.new_token(&["--identifier", cyr, "--pass-code-stdin"], PASS);
    let t = str_of(&twin, "number").to_string();
    // Back to a schema-4 database, keyed as it was then (lowercase), both live.
    env.sql().batch(&format!(
        "DROP INDEX tokens_identifier_live;
         UPDATE tokens SET identifier_key = lower(identifier);
         UPDATE tokens SET state = 'effective' WHERE number = '{a}';
         CREATE UNIQUE INDEX tokens_identifier_live ON tokens (identifier_key)
             WHERE identifier_key IS NOT NULL AND state <> 'not_effective';"
    ));
    env.schema_back_to(4);
    let out = env
        .cmd()
        .args(["token", "list", "--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("warning:") && stderr.contains(&a) && stderr.contains(&t),
        "{stderr}"
    );
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    assert_eq!(env.schema_version(), tokenadm::store::SCHEMA_VERSION);
    // Both stay found by their own identifier; the clash is in the audit log.
    let found = env.json(&["token", "show", "--identifier", ALICE]);
    assert_eq!(str_of(&found, "number"), a);
    let found = env.json(&["token", "show", "--identifier", cyr]);
    assert_eq!(str_of(&found, "number"), t);
    let clashes = env.json(&["audit", "--action", "identifier.clash"]);
    assert_eq!(clashes.as_array().unwrap().len(), 1, "{clashes}");
    // Reported once: the next command says nothing.
    let out = env.cmd().args(["token", "list"]).output().unwrap();
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // And a third lookalike is refused, naming the older holder.
    let stderr = env.fails_unchanged(
        &[
            "token",
            "new",
            "--identifier",
            "ａｌｉｃｅ@example.com",
            "--pass-code-stdin",
        ],
        PASS,
        5,
    );
    assert!(stderr.contains(&a), "{stderr}");
}

// ---- 8. Databases that lie ----

#[test]
fn a_schema_version_that_is_not_ours_is_refused_and_left_alone() {
    let env = TestEnv::new();
    env.new_token(&[], "");
    env.set_schema_version(-1);
    // SQLite's file, byte for byte (on PostgreSQL the dump below is the proof).
    let file = (!env.is_pg()).then(|| std::fs::read(&env.db).unwrap());
    let stderr = env.fails_unchanged(&["token", "list"], "", 5);
    assert!(stderr.contains("schema version -1"), "{stderr}");
    env.fails_unchanged(&["token", "new"], "", 5);
    assert_eq!(env.schema_version(), -1);
    if let Some(file) = file {
        assert_eq!(
            file,
            std::fs::read(&env.db).unwrap(),
            "the file was written"
        );
    }
}

#[test]
fn a_negative_counter_hands_out_no_number() {
    let env = TestEnv::new();
    env.sql()
        .batch("UPDATE counters SET value = -5 WHERE name = 'token_number';");
    let stderr = env.fails_unchanged(&["token", "new"], "", 5);
    assert!(stderr.contains("token_number counter"), "{stderr}");
    env.fails_unchanged(&["token", "new", "--count", "3"], "", 5);
}

#[test]
fn an_instant_out_of_range_is_refused_naming_the_row() {
    let env = TestEnv::new();
    let t = env.new_token(&[], "");
    let number = str_of(&t, "number");
    for (column, value) in [
        ("created_at", i64::MAX / 2),
        ("expires_at", -99_999_999_999_999),
    ] {
        env.sql().execute(
            &format!("UPDATE tokens SET {column} = ?1 WHERE number = ?2"),
            &[value.into(), number.into()],
        );
        for args in [
            vec!["token", "show", number],
            vec!["token", "list"],
            vec!["token", "list", "--format", "csv"],
        ] {
            let stderr = env.fails_unchanged(&args, "", 5);
            assert!(
                stderr.contains(number) && stderr.contains(column),
                "{args:?}: {stderr}"
            );
        }
        env.sql().execute(
            &format!("UPDATE tokens SET {column} = 1700000000 WHERE number = ?1"),
            &[number.into()],
        );
    }
}

// ---- 9. Read-only commands create nothing ----

#[test]
fn commands_that_cannot_succeed_on_a_missing_database_create_nothing() {
    let env = TestEnv::empty();
    let typo = env.path("typo.db");
    let deep = env.path("no-such-folder/deeper/x.db");
    for db in [&typo, &deep] {
        for args in [
            vec!["token", "show", "AT0000000001"],
            vec!["token", "list"],
            vec!["audit"],
            vec!["audit", "verify"],
            vec!["outbox", "list"],
            vec!["definition", "list"],
            vec!["account", "list"],
            vec!["session", "verify"],
            vec!["token", "set-state", "AT0000000001", "not_effective"],
            vec!["token", "expire", "--dry-run"],
        ] {
            let out = env
                .cmd()
                .env("TOKENADM_DB", db)
                .args(&args)
                .write_stdin("x\n")
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(3), "{args:?}: {stderr}");
            assert_one_error(&stderr);
            assert!(stderr.contains("no database at"), "{stderr}");
            assert!(!db.exists(), "{args:?} created {}", db.display());
        }
    }
    assert!(!env.path("no-such-folder").exists());
    // A command that changes something creates it, and says so once.
    let out = env
        .cmd()
        .env("TOKENADM_DB", &typo)
        .args(["token", "new"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("created a new database at"), "{stderr}");
    let out = env
        .cmd()
        .env("TOKENADM_DB", &typo)
        .args(["token", "new"])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stderr).contains("created"));
}

// ---- 10. Exit codes agree ----

#[test]
fn an_import_row_exits_as_token_new_would_for_it() {
    let env = TestEnv::new();
    let alice = env.new_token(&["--identifier", ALICE, "--pass-code-stdin"], PASS);
    let holder = str_of(&alice, "number");
    // token new: 5 for the clash.
    env.fails_unchanged(
        &["token", "new", "--identifier", ALICE, "--pass-code-stdin"],
        PASS,
        5,
    );
    // The same row in a file, or a lookalike of it: 5 too, naming the holder.
    for id in [ALICE, "\u{430}lice@example.com"] {
        let csv = env.write(
            "c.csv",
            &format!("identifier,pass_code\n{id},a fine pass code\n"),
        );
        let stderr = env.fails_unchanged(&["token", "import", csv.to_str().unwrap()], "", 5);
        assert!(
            stderr.contains("line 2") && stderr.contains(holder),
            "{stderr}"
        );
    }
    // An account that does not exist: 3, as token new says.
    env.fails_unchanged(&["token", "new", "--account", "AR-404"], "", 3);
    let csv = env.write("a.csv", "account\nAR-404\n");
    env.fails_unchanged(&["token", "import", csv.to_str().unwrap()], "", 3);
    // A row repeating an earlier row of the file stays 4, and so does a malformed one.
    let csv = env.write(
        "d.csv",
        "identifier,pass_code\nbob@example.com,a fine pass code\nBOB@example.com,a fine pass code\n",
    );
    env.fails_unchanged(&["token", "import", csv.to_str().unwrap()], "", 4);
    let csv = env.write(
        "m.csv",
        "identifier,pass_code\nnot-an-email,a fine pass code\n",
    );
    env.fails_unchanged(&["token", "import", csv.to_str().unwrap()], "", 4);
}

// ---- 11. Destructive account commands ask ----

#[test]
fn account_remove_and_prune_ask_and_prune_has_a_dry_run() {
    let env = TestEnv::new();
    env.json(&["account", "add", "AR-1", "--name", "One"]);
    env.json(&["account", "add", "AR-2", "--name", "Two"]);
    env.new_token(&["--account", "AR-1"], "");
    // Without a terminal and without --yes: exit 2, naming the flag, nothing changed.
    let stderr = env.fails_unchanged(&["account", "remove", "AR-1"], "", 2);
    assert!(stderr.contains("--yes"), "{stderr}");
    // An unknown account is refused before anything is asked.
    env.fails_unchanged(&["account", "remove", "AR-404"], "", 3);
    let csv = env.write(
        "a.csv",
        "id,name,email,phone\nAR-2,Two renamed,,\nAR-3,Three,,\n",
    );
    let file = csv.to_str().unwrap();
    let stderr = env.fails_unchanged(&["account", "import", file, "--prune"], "", 2);
    assert!(stderr.contains("--yes"), "{stderr}");
    // --dry-run says what would happen and changes nothing.
    let before = env.dump();
    let plan = env.json(&["account", "import", file, "--prune", "--dry-run"]);
    assert_eq!(before, env.dump());
    assert_eq!(plan["added"], 1);
    assert_eq!(plan["updated"], 1);
    assert_eq!(plan["removed"], serde_json::json!(["AR-1"]));
    assert_eq!(plan["unlinked_tokens"], serde_json::json!(["AT0000000001"]));
    assert_eq!(plan["applied"], false);
    // With --yes it does what the dry run said.
    let done = env.json(&["account", "import", file, "--prune", "--yes"]);
    assert_eq!(done["removed"], plan["removed"]);
    assert_eq!(done["unlinked_tokens"], plan["unlinked_tokens"]);
    env.json(&["account", "remove", "AR-2", "--yes"]);
}

// ---- 4. The audit chain ----

use tokenadm::domain::token::{audit_hash, audit_hash_v1, AuditEntry};

fn entries(env: &TestEnv) -> Vec<AuditEntry> {
    env.sql()
        .rows(
            "SELECT id, at, actor, action, token, subject, detail, prev_hash, hash FROM audit ORDER BY id",
            &[],
        )
        .into_iter()
        .map(|row| {
            let mut c = row.into_iter();
            let mut next = || c.next().unwrap();
            AuditEntry {
                id: i64::from_val(next()),
                at: i64::from_val(next()),
                actor: String::from_val(next()),
                action: String::from_val(next()),
                token: Option::from_val(next()),
                subject: Option::from_val(next()),
                detail: String::from_val(next()),
                prev_hash: String::from_val(next()),
                hash: String::from_val(next()),
                // Not hashed, and not rewritten by `rechain`.
                token_ids: None,
            }
        })
        .collect()
}

/// Rewrites the whole chain (and its head) with `hash`, as someone with the file could.
fn rechain(env: &TestEnv, hash: fn(&AuditEntry) -> String, edit: &dyn Fn(&mut AuditEntry)) {
    let mut conn = env.sql();
    let mut prev = "0".repeat(64);
    for mut e in entries(env) {
        edit(&mut e);
        e.prev_hash = prev.clone();
        e.hash = hash(&e);
        conn.execute(
            "UPDATE audit SET actor = ?2, subject = ?3, prev_hash = ?4, hash = ?5 WHERE id = ?1",
            &[
                e.id.into(),
                (&e.actor).into(),
                e.subject.clone().into(),
                (&e.prev_hash).into(),
                (&e.hash).into(),
            ],
        );
        conn.execute(
            "UPDATE meta SET value = ?1 WHERE key = 'audit_head'",
            &[format!("{}:{}", e.id, e.hash).into_bytes().into()],
        );
        prev = e.hash;
    }
}

fn audit_env() -> TestEnv {
    let env = TestEnv::new();
    for _ in 0..3 {
        env.new_token(&[], "");
    }
    env.json(&["audit", "verify"]);
    env
}

#[test]
fn audit_verify_catches_a_cut_tail_an_emptied_log_and_a_null_turned_nul() {
    let env = audit_env();
    let n = entries(&env).len() as i64;
    // The last entries and the head record, both deleted.
    env.sql().batch(&format!(
        "DELETE FROM audit WHERE id > {}; DELETE FROM meta WHERE key = 'audit_head';",
        n - 2
    ));
    let stderr = env.fails(&["audit", "verify"], "", 5);
    assert!(stderr.contains("head"), "{stderr}");
    // The whole log emptied.
    env.sql().batch("DELETE FROM audit;");
    env.fails(&["audit", "verify"], "", 5);
    env.fails(&["audit", "head"], "", 5);

    // A NULL subject turned into a NUL character (which PostgreSQL's text cannot hold).
    if on_pg() {
        return;
    }
    let env = audit_env();
    let id: i64 = env
        .sql()
        .one("SELECT id FROM audit WHERE subject IS NULL LIMIT 1", &[]);
    env.sql().execute(
        "UPDATE audit SET subject = char(0) WHERE id = ?1",
        &[id.into()],
    );
    let stderr = env.fails(&["audit", "verify"], "", 5);
    assert!(stderr.contains(&format!("entry {id}")), "{stderr}");
}

#[test]
fn entries_hashed_the_old_way_still_verify_but_not_a_nul_among_them() {
    let env = audit_env();
    rechain(&env, audit_hash_v1, &|_| {});
    env.json(&["audit", "verify"]);
    // New entries are chained in version 2 after them.
    env.new_token(&[], "");
    env.json(&["audit", "verify"]);
    if on_pg() {
        return; // PostgreSQL's text cannot hold the NUL character
    }
    let env = audit_env();
    rechain(&env, audit_hash_v1, &|e| {
        if e.id == 2 {
            e.subject = Some("\u{0}".into());
        }
    });
    env.fails(&["audit", "verify"], "", 5);
}

#[test]
fn an_anchor_kept_elsewhere_catches_a_rewritten_log() {
    let env = audit_env();
    let head = env.json(&["audit", "head"]);
    let id = head["id"].as_i64().unwrap();
    let hash = str_of(&head, "hash").to_string();
    assert_eq!(id, entries(&env).len() as i64);
    let anchor = format!("{id}:{hash}");
    env.json(&["audit", "verify", "--anchor", &anchor]);
    // More entries after the anchor are fine.
    env.new_token(&[], "");
    env.json(&["audit", "verify", "--anchor", &anchor]);
    // Someone rewrites the whole file consistently: the chain alone cannot tell…
    rechain(&env, audit_hash, &|e| {
        if e.id == 1 {
            e.actor = "someone-else".into();
        }
    });
    env.json(&["audit", "verify"]);
    // …the anchor can.
    let stderr = env.fails(&["audit", "verify", "--anchor", &anchor], "", 5);
    assert!(stderr.contains(&format!("entry {id}")), "{stderr}");
    env.fails(&["audit", "verify", "--anchor", "1:nothex"], "", 2);
    let stderr = env.fails(
        &["audit", "verify", "--anchor", &format!("999:{hash}")],
        "",
        5,
    );
    assert!(stderr.contains("999"), "{stderr}");
}

// ---- 7. Superseded messages ----

#[test]
fn superseded_verification_messages_are_cancelled_never_sent() {
    let env = TestEnv::with_definition(&format!(
        "{TEST_DEFINITION}\n[verification]\nrequired_for = [\"direct\"]\n"
    ));
    let t = env.new_token(&["--identifier", ALICE, "--pass-code-stdin"], PASS);
    let number = str_of(&t, "number").to_string();
    let statuses = |env: &TestEnv| -> Vec<(String, Option<String>)> {
        env.sql()
            .rows(
                "SELECT status, body FROM outbox WHERE token = ?1 ORDER BY id",
                &[(&number).into()],
            )
            .into_iter()
            .map(|mut r| {
                let body = Option::from_val(r.remove(1));
                (String::from_val(r.remove(0)), body)
            })
            .collect()
    };
    assert_eq!(statuses(&env).len(), 1);
    env.json(&["token", "resend-code", &number]);
    let s = statuses(&env);
    assert_eq!(s[0], ("cancelled".to_string(), None), "{s:?}");
    assert_eq!(s[1].0, "pending");
    let listed = env.json(&["outbox", "list", "--status", "cancelled"]);
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(
        env.json(&["outbox", "list", "--status", "sending"]),
        serde_json::json!([])
    );
    // Forced out of pending_verification: the waiting code is void too.
    env.json(&["token", "set-state", &number, "effective", "--force"]);
    let s = statuses(&env);
    assert!(
        s.iter()
            .all(|(st, body)| st == "cancelled" && body.is_none()),
        "{s:?}"
    );
}

// ---- 6. Secret tags never render empty ----

/// The seeds' ZX welcome mail ("Using Access Tokens for Rewards Participants"): participants
/// verify by email, and the one mail carries the code, the identifier and the pass code.
const ZX: &str = r#"
name = "zx"
[pass_code.hash]
memory_kib = 256
iterations = 1
parallelism = 1

[verification]
required_for = ["participant"]

[communication.on_verification]
subject = "Welcome to our family"
template = """
Dear #accounts_receivable.name

Welcome to our family!

Please use the following code to activate your account: #access_token.verification_code

Access Token Number: #access_token.number
Access Token Identifier: #access_token.identifier
Access Token Pass Code: #access_token.pass_code
"""

[communication.on_create]
enabled = true
template = """
Number: #access_token.number
Pass code: #access_token.pass_code
Authentication code: #access_token.authentication_code
Verification code: #access_token.verification_code
"""
"#;

fn zx_env() -> TestEnv {
    let env = TestEnv::with_definition(ZX);
    env.json(&["account", "add", "AR-1", "--name", "Zoe Ltd"]);
    env.json(&[
        "participant",
        "add",
        "RP-1",
        "--account",
        "AR-1",
        "--email",
        "zoe@example.com",
    ]);
    env
}

#[test]
fn the_zx_welcome_mail_carries_the_code_the_identifier_and_the_pass_code() {
    let env = zx_env();
    let bag = Mailbag::new(&env, "");
    let t = env.new_token(
        &[
            "--identifier",
            "zoe@example.com",
            "--generate-pass-code",
            "--participant",
            "RP-1",
        ],
        "",
    );
    let number = str_of(&t, "number").to_string();
    let pass = str_of(&t["secrets"], "pass_code").to_string();
    let auth = str_of(&t["secrets"], "authentication_code").to_string();
    assert_eq!(t["state"], "pending_verification");
    bag.deliver(&env);
    let mails = bag.mails();
    assert_eq!(mails.len(), 2, "{mails:?}");
    let (welcome, created) = (&mails[0], &mails[1]);
    assert_eq!(
        welcome.header("Subject").as_deref(),
        Some("Welcome to our family")
    );
    assert!(
        welcome.body.starts_with("Dear Zoe Ltd\n"),
        "{}",
        welcome.body
    );
    let code = welcome
        .line("Please use the following code to activate your account:")
        .unwrap();
    assert_eq!(code.len(), 6, "{}", welcome.body);
    assert_eq!(welcome.line("Access Token Number:").unwrap(), number);
    assert_eq!(
        welcome.line("Access Token Identifier:").unwrap(),
        "zoe@example.com"
    );
    assert_eq!(welcome.line("Access Token Pass Code:").unwrap(), pass);
    // The on-create message of the same command carries the same secrets.
    assert_eq!(created.line("Pass code:").unwrap(), pass);
    assert_eq!(created.line("Authentication code:").unwrap(), auth);
    assert_eq!(created.line("Verification code:").unwrap(), code);
    // The code in the mail is the one that verifies, and the pass code the one that logs in.
    env.json_stdin(&["verify", &number, "--code-stdin"], &format!("{code}\n"));
    env.json_stdin(
        &["auth", "--identifier", "zoe@example.com"],
        &format!("{pass}\n"),
    );

    // resend-code makes only a code: the pass-code line is left out, never sent empty.
    let t2 = env.new_token(
        &[
            "--identifier",
            "zed@example.com",
            "--generate-pass-code",
            "--participant",
            "RP-1",
        ],
        "",
    );
    let n2 = str_of(&t2, "number");
    env.json(&["token", "resend-code", n2]);
    bag.deliver(&env);
    let mails = bag.mails();
    let resent = mails.last().unwrap();
    assert!(
        resent.line("Access Token Pass Code:").is_none(),
        "{}",
        resent.body
    );
    assert_eq!(resent.line("Access Token Number:").unwrap(), n2);
    assert!(
        mails
            .iter()
            .all(|m| m.body.lines().all(|l| !l.ends_with(": "))
                && !m.body.contains("Pass Code:\n")
                && !m.body.contains("Pass code:\n")),
        "{mails:?}"
    );
}

#[test]
fn pass_codes_given_to_an_import_or_token_new_render_in_their_messages() {
    let env = TestEnv::with_definition(&format!(
        "{TEST_DEFINITION}\n[communication.on_create]\nenabled = true\ntemplate = \"\"\"\nNumber: #access_token.number\nPass code: #access_token.pass_code\nAuthentication code: #access_token.authentication_code\n\"\"\"\n"
    ));
    let bag = Mailbag::new(&env, "");
    let csv = env.write(
        "t.csv",
        "identifier,pass_code\nann@example.com,Ann-Pass-Code-1\nbob@example.com,Bob-Pass-Code-2\n",
    );
    let imported = env.json(&["token", "import", csv.to_str().unwrap()]);
    let typed = env.new_token(
        &["--identifier", "cy@example.com", "--pass-code-stdin"],
        "Cy-Pass-Code-3\n",
    );
    bag.deliver(&env);
    let mails = bag.mails();
    assert_eq!(mails.len(), 3, "{mails:?}");
    let records: Vec<&serde_json::Value> = imported
        .as_array()
        .unwrap()
        .iter()
        .chain([&typed])
        .collect();
    for ((mail, record), pass) in
        mails
            .iter()
            .zip(records)
            .zip(["Ann-Pass-Code-1", "Bob-Pass-Code-2", "Cy-Pass-Code-3"])
    {
        assert_eq!(mail.line("Number:").unwrap(), str_of(record, "number"));
        assert_eq!(mail.line("Pass code:").unwrap(), pass, "{}", mail.body);
        assert_eq!(
            mail.line("Authentication code:").unwrap(),
            str_of(&record["secrets"], "authentication_code")
        );
    }
    // No file beside the database holds a given pass code (the spool, unlinked from the
    // start, held them sealed under the run's key: run_key.rs tests that).
    // (On PostgreSQL there is no such folder: the database is the server's.)
    for entry in std::fs::read_dir(env.db.parent().unwrap())
        .into_iter()
        .flatten()
    {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        assert!(!bytes.windows(15).any(|w| w == b"Ann-Pass-Code-1"));
    }
}

#[test]
fn a_secret_tag_no_command_of_its_event_can_fill_is_refused_with_line_and_column() {
    let env = TestEnv::new();
    let file = env.write(
        "reset.toml",
        "name = \"reset\"\n\n[communication.on_reset]\ntemplate = \"\"\"\nNew pass code: #access_token.pass_code\nCode: #access_token.verification_code\n\"\"\"\n",
    );
    for cmd in ["validate", "apply"] {
        let err = env.fails_unchanged(&["definition", cmd, file.to_str().unwrap()], "", 4);
        assert!(err.contains("line 6, column 7"), "{err}");
        assert!(err.contains("#access_token.verification_code"), "{err}");
        assert!(err.contains("on_reset"), "{err}");
    }
    // A classification's template is checked too.
    let file = env.write(
        "class.toml",
        "name = \"class\"\n\n[classifications.gold.communication.on_reset]\ntemplate = \"Auth: #access_token.authentication_code\"\n",
    );
    let err = env.fails_unchanged(&["definition", "validate", file.to_str().unwrap()], "", 4);
    assert!(err.contains("line 4, column 19"), "{err}");
    assert!(
        err.contains("classifications.gold.communication.on_reset.template"),
        "{err}"
    );
}

// ---- 7. Superseded messages: a stable Message-ID ----

#[test]
fn a_retried_message_carries_the_same_message_id_and_each_database_its_own() {
    let env = TestEnv::with_definition(&format!(
        "{TEST_DEFINITION}\n[communication.on_create]\nenabled = true\ntemplate = \"Token #access_token.number\"\n"
    ));
    let bag = Mailbag::new(&env, "backoff = \"0s\"");
    env.new_token(&["--identifier", ALICE, "--pass-code-stdin"], PASS);
    let id = outbox_ids(&env)[0];
    // The transport takes the mail in and then fails: the message is sent again later.
    bag.fail(true);
    let out = env
        .cmd()
        .args([
            "outbox",
            "deliver",
            "--config",
            bag.config.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    bag.fail(false);
    bag.deliver(&env);
    let mails = bag.mails();
    assert_eq!(mails.len(), 2, "{mails:?}");
    let first = mails[0].header("Message-ID").unwrap();
    assert_eq!(mails[1].header("Message-ID").unwrap(), first);
    let prefix = format!("<outbox-{id}.");
    let hex = first
        .strip_prefix(&prefix)
        .and_then(|rest| rest.strip_suffix("@tokenadm>"))
        .unwrap_or_else(|| panic!("{first}"));
    assert!(
        hex.len() == 16 && hex.bytes().all(|b| b.is_ascii_hexdigit()),
        "{first}"
    );

    // Another database's message with the same outbox id gets another Message-ID.
    let other = TestEnv::with_definition(&format!(
        "{TEST_DEFINITION}\n[communication.on_create]\nenabled = true\ntemplate = \"Token #access_token.number\"\n"
    ));
    let other_bag = Mailbag::new(&other, "");
    other.new_token(&["--identifier", ALICE, "--pass-code-stdin"], PASS);
    assert_eq!(outbox_ids(&other)[0], id);
    other_bag.deliver(&other);
    assert_ne!(other_bag.mails()[0].header("Message-ID").unwrap(), first);
}

fn outbox_ids(env: &TestEnv) -> Vec<i64> {
    env.json(&["outbox", "list"])
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_i64().unwrap())
        .collect()
}

// ---- 5. Secrets at rest while a message waits ----

/// Direct tokens verify by email; on_create carries the identifier, pass code and code.
const SEALED: &str = r#"
name = "sealed"
[pass_code.hash]
memory_kib = 256
iterations = 1
parallelism = 1

[verification]
required_for = ["direct"]

[communication.on_create]
enabled = true
template = """
Identifier: #access_token.identifier
Pass code: #access_token.pass_code
Authentication code: #access_token.authentication_code
"""
"#;

/// Every byte of the database's files (the database, its write-ahead log); on PostgreSQL,
/// every row, as `dump()` reads them.
fn database_files(env: &TestEnv) -> Vec<u8> {
    if env.is_pg() {
        return env.dump().into_bytes();
    }
    let mut all = Vec::new();
    for entry in std::fs::read_dir(env.db.parent().unwrap()).unwrap() {
        all.extend(std::fs::read(entry.unwrap().path()).unwrap());
    }
    all
}

fn holds(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

fn default_key_file(env: &TestEnv) -> std::path::PathBuf {
    env.dir
        .path()
        .join("config")
        .join("tokenadm")
        .join("outbox.key")
}

#[test]
fn a_waiting_message_holds_its_secrets_sealed_and_outbox_never_prints_them() {
    let env = TestEnv::with_definition(SEALED);
    let key_file = default_key_file(&env);
    assert!(!key_file.exists());
    let t = env.new_token(&["--identifier", ALICE, "--generate-pass-code"], "");
    let pass = str_of(&t["secrets"], "pass_code").to_string();
    let auth = str_of(&t["secrets"], "authentication_code").to_string();
    // The key was made on first use, private, outside the database.
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&key_file).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    // A copy of the database alone reveals no secret.
    let files = database_files(&env);
    assert!(holds(&files, ALICE), "the search finds nothing");
    for secret in [&pass, &auth] {
        assert!(!holds(&files, secret), "{secret} is in the database");
    }
    // outbox show and list, in every format, never print one.
    let ids = outbox_ids(&env);
    assert_eq!(ids.len(), 2);
    for id in &ids {
        for format in ["table", "json", "csv"] {
            for args in [
                vec!["outbox", "show", &id.to_string(), "--format", format],
                vec!["outbox", "list", "--format", format],
            ] {
                let out = env.cmd().args(&args).output().unwrap();
                assert!(out.status.success());
                let stdout = String::from_utf8_lossy(&out.stdout);
                assert!(
                    !stdout.contains(&pass) && !stdout.contains(&auth),
                    "{args:?}: {stdout}"
                );
            }
        }
    }
    let shown = env.json(&["outbox", "show", &ids[1].to_string()]);
    let body = shown["body"].as_str().unwrap();
    assert!(body.contains("Pass code: [sealed pass code]"), "{body}");
    assert!(body.contains(&format!("Identifier: {ALICE}")), "{body}");
    // Sent, the mail carries the secrets themselves.
    let bag = Mailbag::new(&env, "");
    bag.deliver(&env);
    let mails = bag.mails();
    assert_eq!(mails[1].line("Pass code:").unwrap(), pass);
    assert_eq!(mails[1].line("Authentication code:").unwrap(), auth);
    let code = mails[0]
        .body
        .split(|c: char| !c.is_ascii_digit())
        .find(|w| w.len() == 6)
        .unwrap()
        .to_string();
    env.json_stdin(
        &["verify", str_of(&t, "number"), "--code-stdin"],
        &format!("{code}\n"),
    );
}

#[test]
fn a_host_without_the_outbox_key_cannot_deliver_and_the_messages_stay_pending() {
    let env = TestEnv::with_definition(SEALED);
    let bag = Mailbag::new(&env, "");
    let t = env.new_token(&["--identifier", ALICE, "--generate-pass-code"], "");
    let pass = str_of(&t["secrets"], "pass_code").to_string();
    let key_file = default_key_file(&env);
    let kept = env.path("kept.key");
    std::fs::rename(&key_file, &kept).unwrap();
    let pending = |env: &TestEnv| -> Vec<(String, i64)> {
        env.json(&["outbox", "list"])
            .as_array()
            .unwrap()
            .iter()
            .map(|m| {
                (
                    m["status"].as_str().unwrap().to_string(),
                    m["attempts"].as_i64().unwrap(),
                )
            })
            .collect()
    };
    let deliver = [
        "outbox",
        "deliver",
        "--config",
        bag.config.to_str().unwrap(),
    ];
    // No key on this host: one sentence naming where it was looked for, exit 1, nothing sent,
    // nothing counted as an attempt, and no key made up.
    let err = env.fails(&deliver, "", 1);
    assert!(err.contains("2 messages stay pending"), "{err}");
    assert!(err.contains(&key_file.display().to_string()), "{err}");
    assert!(bag.mails().is_empty());
    assert!(!key_file.exists());
    assert_eq!(pending(&env), vec![("pending".to_string(), 0); 2]);
    // Another host's key: said so, still pending.
    std::fs::write(&key_file, format!("{}\n", "ab".repeat(32))).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&key_file, std::fs::Permissions::from_mode(0o600)).unwrap();
    let err = env.fails(&deliver, "", 1);
    assert!(err.contains("another outbox key"), "{err}");
    assert_eq!(pending(&env), vec![("pending".to_string(), 0); 2]);
    // The right key, named by [outbox] key_file (relative to the config file's folder).
    std::fs::remove_file(&key_file).unwrap();
    let named = Mailbag::new(&env, "[outbox]\nkey_file = \"kept.key\"");
    named.deliver(&env);
    assert_eq!(named.mails()[1].line("Pass code:").unwrap(), pass);
    assert!(pending(&env).iter().all(|(s, _)| s == "sent"));
    assert!(!key_file.exists());
}
