//! `token import`: CSV and JSON Lines, every column, the secrets it generates, every kind of
//! bad row (named by its line, nothing written), duplicates, empty input, and a 10k-row
//! round trip through `token list`.

use crate::support::*;
use serde_json::Value;

/// The test definition with a classification, an account cap and generated pass codes.
fn definition() -> String {
    format!(
        "{TEST_DEFINITION}
[automation]
generate_pass_code = true

[classifications.staff.pass_code]
min_length = 20
generate_length = 24

[classifications.capped.automation]
max_tokens_per_account = 2
"
    )
}

fn env_with_links() -> TestEnv {
    let env = TestEnv::with_definition(&definition());
    env.json(&[
        "account",
        "add",
        "AR-1",
        "--name",
        "Zed Ltd",
        "--email",
        "ar1@example.com",
    ]);
    env.json(&["account", "add", "AR-2", "--name", "Other"]);
    env.json(&["participant", "add", "RP-7", "--account", "AR-1"]);
    env
}

/// Imports `file` (written with `content`) with `--format json`; returns the records.
fn import(env: &TestEnv, file: &str, content: &str, extra: &[&str]) -> Vec<Value> {
    let path = env.write(file, content);
    let mut args = vec!["token", "import", path.to_str().unwrap()];
    args.extend_from_slice(extra);
    env.json(&args).as_array().expect("a JSON array").clone()
}

fn stored_pass_hash(env: &TestEnv, number: &str) -> String {
    env.sql().one(
        "SELECT pass_hash FROM tokens WHERE number = ?1",
        &[number.into()],
    )
}

/// The printed authentication code finds its token.
fn assert_code_finds(env: &TestEnv, code: &str, number: &str) {
    let t = env.json_stdin(
        &["token", "show", "--auth-code-stdin"],
        &format!("{code}\n"),
    );
    assert_eq!(str_of(&t, "number"), number);
}

#[test]
fn csv_with_every_column() {
    let env = env_with_links();
    let records = import(
        &env,
        "tokens.csv",
        "identifier,pass_code,authentication_code,name,classification,account,participant,expires_at\n\
         alice@example.com,a fine pass code,,Alice,,AR-1,RP-7,2031-01-02T03:04:05Z\n\
         bob@example.com,,my-own-custom-code-1234,Bob,staff,AR-2,,\n\
         ,,,kiosk,,,,\n",
        &[],
    );
    assert_eq!(records.len(), 3);
    let (alice, bob, kiosk) = (&records[0], &records[1], &records[2]);
    assert_eq!(str_of(alice, "number"), "AT0000000001");
    assert_eq!(str_of(alice, "identifier"), "alice@example.com");
    assert_eq!(str_of(alice, "name"), "Alice");
    assert_eq!(str_of(alice, "account"), "AR-1");
    assert_eq!(str_of(alice, "participant"), "RP-7");
    assert_eq!(str_of(alice, "expires_at"), "2031-01-02T03:04:05Z");
    assert_eq!(alice["has_pass_code"], true);
    assert_eq!(str_of(alice, "created_by"), "tester");
    // A given pass code is not echoed; the generated authentication code is.
    assert!(alice["secrets"].get("pass_code").is_none(), "{alice}");
    let code = str_of(&alice["secrets"], "authentication_code");
    assert_code_finds(&env, code, "AT0000000001");
    assert!(tokenadm::domain::passcode::verify(
        "a fine pass code",
        &stored_pass_hash(&env, "AT0000000001")
    ));

    // No pass code and automation.generate_pass_code: one is generated to the
    // classification's policy, and printed; a custom code is not printed.
    assert_eq!(str_of(bob, "classification"), "staff");
    assert_eq!(str_of(bob, "account"), "AR-2");
    assert_eq!(str_of(bob, "authentication_code_hint"), "…1234");
    assert!(bob["secrets"].get("authentication_code").is_none(), "{bob}");
    let pass = str_of(&bob["secrets"], "pass_code");
    assert_eq!(pass.chars().count(), 24, "{pass}");
    assert!(tokenadm::domain::passcode::verify(
        pass,
        &stored_pass_hash(&env, "AT0000000002")
    ));
    assert_code_finds(&env, "my-own-custom-code-1234", "AT0000000002");

    assert_eq!(kiosk["identifier"], Value::Null);
    assert_eq!(kiosk["has_pass_code"], false);
    assert_code_finds(
        &env,
        str_of(&kiosk["secrets"], "authentication_code"),
        "AT0000000003",
    );

    // What was printed is what is stored.
    let shown = env.json(&["token", "show", "AT0000000001"]);
    let mut printed = alice.clone();
    printed.as_object_mut().unwrap().remove("secrets");
    assert_eq!(shown, printed);

    // One audit entry for the import, naming its tokens, which each find it; the chain holds.
    assert!(env
        .json(&["audit", "--action", "token.create"])
        .as_array()
        .unwrap()
        .is_empty());
    let summary = env.json(&["audit", "--action", "token.import"]);
    assert_eq!(summary[0]["detail"]["tokens"], 3);
    assert_eq!(summary[0]["detail"]["first"], "AT0000000001");
    assert_eq!(summary[0]["detail"]["last"], "AT0000000003");
    assert!(str_of(&summary[0], "subject").ends_with("tokens.csv"));
    assert_eq!(env.json(&["audit", "--token", "AT0000000002"]), summary);
    env.cmd().args(["audit", "verify"]).assert().success();
}

#[test]
fn json_lines_with_every_column() {
    let env = env_with_links();
    let records = import(
        &env,
        "tokens.jsonl",
        r#"{"identifier": "alice@example.com", "pass_code": "a fine pass code", "name": "Alice", "account": "AR-1", "participant": "RP-7", "expires_at": "2031-01-02T03:04:05Z"}

{"identifier": "bob@example.com", "authentication_code": "my-own-custom-code-1234", "classification": "staff", "account": "AR-2", "pass_code": null}
{"name": "kiosk"}
"#,
        &[],
    );
    assert_eq!(records.len(), 3);
    assert_eq!(str_of(&records[0], "participant"), "RP-7");
    assert_eq!(str_of(&records[0], "expires_at"), "2031-01-02T03:04:05Z");
    assert_eq!(str_of(&records[1], "classification"), "staff");
    assert!(records[1]["secrets"]["pass_code"].is_string());
    assert_eq!(str_of(&records[2], "name"), "kiosk");
    // The blank line 2 is skipped: three rows, three tokens, one entry for them.
    let log = env.json(&["audit", "--action", "token.import"]);
    assert_eq!(log.as_array().unwrap().len(), 1);
    assert_eq!(log[0]["detail"]["tokens"], 3);
    assert!(str_of(&log[0]["detail"]["input"], "file").ends_with("tokens.jsonl"));
}

#[test]
fn the_format_comes_from_the_name_or_the_flag_and_stdin_is_csv() {
    let env = TestEnv::new();
    let path = env.write("rows.txt", "{\"name\": \"x\"}\n");
    let path = path.to_str().unwrap();
    let err = env.fails_unchanged(&["token", "import", path], "", 2);
    assert!(err.contains("--input"), "{err}");
    let v = env.json(&["token", "import", path, "--input", "jsonl"]);
    assert_eq!(str_of(&v[0], "name"), "x");
    let path = env.write("rows.ndjson", "{\"name\": \"y\"}\n");
    let v = env.json(&["token", "import", path.to_str().unwrap()]);
    assert_eq!(str_of(&v[0], "name"), "y");
    let v = env.json_stdin(&["token", "import", "-"], "name\nz\n");
    assert_eq!(str_of(&v[0], "name"), "z");
    let v = env.json_stdin(
        &["token", "import", "-", "--input", "jsonl"],
        "{\"name\": \"w\"}\n",
    );
    assert_eq!(str_of(&v[0], "name"), "w");
    let err = env.fails_unchanged(&["token", "import", "/nonexistent/rows.csv"], "", 3);
    assert!(err.contains("does not exist"), "{err}");
}

#[test]
fn generated_secrets_are_printed_in_csv_and_reach_the_messages_that_carry_them() {
    let def = format!(
        "{}
[verification]
required_for = [\"direct\"]

[communication.on_create]
enabled = true
",
        definition()
    );
    let env = TestEnv::with_definition(&def);
    let path = env.write("t.csv", "identifier\ncarol@example.com\ndave@example.com\n");
    let out = env
        .cmd()
        .args(["token", "import", path.to_str().unwrap(), "--format", "csv"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let mut rows = csv::Reader::from_reader(text.as_bytes());
    let header = rows.headers().unwrap().clone();
    assert!(
        header
            .iter()
            .collect::<Vec<_>>()
            .ends_with(&["secrets.authentication_code", "secrets.pass_code"]),
        "{header:?}"
    );
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let records: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 2);
    let mut conn = env.sql();
    for r in &records {
        let number = &r[col("number")];
        assert_eq!(&r[col("state")], "pending_verification");
        let pass = &r[col("secrets.pass_code")];
        assert!(tokenadm::domain::passcode::verify(
            pass,
            &stored_pass_hash(&env, number)
        ));
        // The on-create message holds the very secrets printed; the verification code went
        // out in its own message.
        let bodies: Vec<(String, String)> = conn
            .rows(
                "SELECT event, body FROM outbox WHERE token = ?1 ORDER BY id",
                &[number.into()],
            )
            .into_iter()
            .map(|mut row| {
                let body = String::from_val(row.remove(1));
                (String::from_val(row.remove(0)), body)
            })
            .collect();
        let events: Vec<&str> = bodies.iter().map(|(e, _)| e.as_str()).collect();
        assert_eq!(events, ["on_verification", "on_create"], "{number}");
        // While they wait, the bodies hold placeholders; the secrets are sealed apart.
        assert!(!bodies[1].1.contains(pass), "{}", bodies[1].1);
        assert!(
            bodies[1].1.contains("[sealed pass code]"),
            "{}",
            bodies[1].1
        );
    }
    let bag = Mailbag::new(&env, "");
    bag.deliver(&env);
    let mails = bag.mails();
    for r in &records {
        let number = &r[col("number")];
        let created = mails
            .iter()
            .find(|m| m.body.contains(number) && !m.body.contains("verification code"))
            .unwrap_or_else(|| panic!("no on-create mail for {number}: {mails:?}"));
        assert!(
            created.body.contains(&r[col("secrets.pass_code")]),
            "{created:?}"
        );
        assert!(
            created
                .body
                .contains(&r[col("secrets.authentication_code")]),
            "{created:?}"
        );
    }
}

/// Every kind of bad row: the error names the file and the line and says what `token new` would
/// say of the same values, the exit code is what `token new` exits with for them (4 for a
/// malformed row, 3 for what does not exist, 5 for what the database already holds: the
/// contract's exit codes, issue #11 item 10), and nothing is written.
#[test]
fn each_kind_of_bad_row_is_refused_with_its_line_and_nothing_written() {
    let env = env_with_links();
    import(
        &env,
        "first.csv",
        "identifier,pass_code,authentication_code\ntaken@example.com,a fine pass code,an-existing-custom-code\n",
        &[],
    );
    let good = "identifier,pass_code,authentication_code,name,classification,account,participant,expires_at\nok@example.com,a fine pass code,,,,,,\n";
    let cases: &[(&str, u64, i32, &str)] = &[
        (
            "bob@,a fine pass code,,,,,,",
            3,
            4,
            "line 3: identifier \"bob@\" is not an email address",
        ),
        (
            "c@example.com,short,,,,,,",
            3,
            4,
            "line 3: pass code is 5 characters",
        ),
        (
            ",a fine pass code,,,,,,",
            3,
            4,
            "line 3: a pass code needs an identifier",
        ),
        (
            ",,too-short,,,,,",
            3,
            4,
            "line 3: the custom authentication code is 9 characters",
        ),
        (
            ",,atk_looks_generated_but_is_not_000000,,,,,",
            3,
            4,
            "prefix",
        ),
        (",,,,gold,,,", 3, 3, "line 3: classification \"gold\""),
        (
            ",,,,,AR-404,,",
            3,
            3,
            "line 3: account \"AR-404\" does not exist",
        ),
        (
            ",,,,,,RP-404,",
            3,
            3,
            "line 3: participant \"RP-404\" does not exist",
        ),
        (
            ",,,,,AR-2,RP-7,",
            3,
            4,
            "line 3: participant \"RP-7\" belongs to account \"AR-1\"",
        ),
        (
            ",,,,,,,next tuesday",
            3,
            4,
            "line 3: expires_at \"next tuesday\" is not an RFC 3339 time",
        ),
        (
            ",,,,,,,2001-01-01T00:00:00Z",
            3,
            4,
            "line 3: expires_at 2001-01-01T00:00:00Z is not in the future",
        ),
        (
            ",,,,,,",
            3,
            4,
            "line 3: the row has 7 fields but the header row has 8",
        ),
        (
            "TAKEN@example.com,a fine pass code,,,,,,",
            3,
            5,
            "line 3: identifier \"TAKEN@example.com\" is already held by token AT0000000001",
        ),
        (
            ",,an-existing-custom-code,,,,,",
            3,
            5,
            "line 3: that authentication code is already in use",
        ),
    ];
    for (row, line, code, needle) in cases {
        let content = format!("{good}{row}\n");
        let path = env.write("bad.csv", &content);
        let err = env.fails_unchanged(&["token", "import", path.to_str().unwrap()], "", *code);
        assert!(
            err.contains(&format!("bad.csv line {line}")),
            "{row}: {err}"
        );
        assert!(err.contains(needle), "{row}: {err}");
        assert!(!err.contains("a fine pass code"), "secret leaked: {err}");
    }
    // The header itself.
    let path = env.write("bad.csv", "identifier,colour\nx@example.com,red\n");
    let err = env.fails_unchanged(&["token", "import", path.to_str().unwrap()], "", 4);
    assert!(
        err.contains("bad.csv line 1: unknown column \"colour\""),
        "{err}"
    );
    let path = env.write("bad.csv", "name,name\nx,y\n");
    let err = env.fails_unchanged(&["token", "import", path.to_str().unwrap()], "", 4);
    assert!(err.contains("appears twice"), "{err}");
    // JSON Lines.
    for (content, needle) in [
        (
            "{\"name\": \"a\"}\n[1, 2]\n",
            "bad.jsonl line 2: each line must be a JSON object",
        ),
        (
            "{\"name\": \"a\"}\n{\"name\": 7}\n",
            "bad.jsonl line 2: \"name\" must be a string or null",
        ),
        (
            "{\"name\": \"a\"}\n{\"name\": \n",
            "bad.jsonl line 2: not a JSON value",
        ),
        (
            "{\"colour\": \"red\"}\n",
            "bad.jsonl line 1: unknown column \"colour\"",
        ),
    ] {
        let path = env.write("bad.jsonl", content);
        let err = env.fails_unchanged(&["token", "import", path.to_str().unwrap()], "", 4);
        assert!(err.contains(needle), "{content}: {err}");
    }
}

#[test]
fn a_bad_row_after_many_good_ones_leaves_no_token_and_no_number_used() {
    let env = TestEnv::new();
    let mut content = String::from("name\n");
    for i in 0..3000 {
        content.push_str(&format!("row {i}\n"));
    }
    content.push_str("one,too many\n");
    let path = env.write("late.csv", &content);
    let err = env.fails_unchanged(&["token", "import", path.to_str().unwrap()], "", 4);
    assert!(err.contains("late.csv line 3002"), "{err}");
    let t = env.new_token(&[], "");
    assert_eq!(str_of(&t, "number"), "AT0000000001");
}

#[test]
fn duplicates_within_the_file_name_both_lines() {
    let env = TestEnv::with_definition(&definition());
    let cases = [
        (
            "identifier\nx@example.com\ny@example.com\n\n\"X@Example.com\"\n",
            "dup.csv line 5: identifier \"X@Example.com\" repeats line 2 (identifiers are unique, case-insensitively)",
        ),
        (
            // (A name may not span lines any more: names are text without control characters.)
            "authentication_code,name\nsome-custom-code-0001,a\nother-custom-code-0002,\"quoted, name\"\nsome-custom-code-0001,c\n",
            "dup.csv line 4: the authentication code ending in …0001 repeats line 2",
        ),
    ];
    for (content, needle) in cases {
        let path = env.write("dup.csv", content);
        let err = env.fails_unchanged(&["token", "import", path.to_str().unwrap()], "", 4);
        assert!(err.contains(needle), "{err}");
    }
}

#[test]
fn the_account_cap_counts_the_rows_of_the_file() {
    let env = env_with_links();
    env.new_token(&["--account", "AR-1", "--classification", "capped"], "");
    let path = env.write(
        "cap.csv",
        "account,classification\nAR-1,capped\nAR-2,capped\nAR-1,capped\n",
    );
    // The cap is a conflict, as token new says (5).
    let err = env.fails_unchanged(&["token", "import", path.to_str().unwrap()], "", 5);
    assert!(
        err.contains("cap.csv line 4: account \"AR-1\" already holds 1 tokens and this command adds 2; the definition allows at most 2"),
        "{err}"
    );
}

#[test]
fn empty_input_imports_nothing() {
    let env = TestEnv::new();
    for (name, content) in [
        ("empty.csv", ""),
        ("header.csv", "identifier,name\n"),
        ("blank.csv", "name\n\n\n"),
        ("empty.jsonl", ""),
        ("blank.jsonl", "\n  \n"),
    ] {
        let path = env.write(name, content);
        let before = env.dump();
        let out = env
            .cmd()
            .args([
                "token",
                "import",
                path.to_str().unwrap(),
                "--format",
                "json",
            ])
            .output()
            .unwrap();
        assert!(out.status.success(), "{name}");
        assert_eq!(String::from_utf8_lossy(&out.stdout), "[]\n", "{name}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("nothing was imported"),
            "{name}"
        );
        assert_eq!(before, env.dump(), "{name} changed the database");
    }
    let path = env.write("header.csv", "identifier,name\n");
    let out = env
        .cmd()
        .args(["token", "import", path.to_str().unwrap(), "--format", "csv"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("number,name,identifier"));
}

#[test]
fn invalid_utf8_is_refused_with_its_line() {
    let env = TestEnv::new();
    let before = env.dump();
    for (name, content, needle) in [
        (
            "bad.csv",
            &b"name\nfine\n\xff\xfe\n"[..],
            "bad.csv line 3: the value of column \"name\" is not valid UTF-8",
        ),
        (
            "bad.jsonl",
            b"{\"name\": \"fine\"}\n{\"name\": \"\xff\"}\n",
            "bad.jsonl line 2: the line is not valid UTF-8",
        ),
    ] {
        let path = env.path(name);
        std::fs::write(&path, content).unwrap();
        let err = env.fails(&["token", "import", path.to_str().unwrap()], "", 4);
        assert!(err.contains(needle), "{err}");
    }
    assert_eq!(before, env.dump());
}

/// 10,000 rows without pass codes (fast), and the records printed are the ones stored.
#[test]
fn ten_thousand_rows_round_trip_through_token_list() {
    let env = TestEnv::new();
    let mut content = String::from("name,expires_at\n");
    for i in 0..10_000 {
        content.push_str(&format!("token {i},2040-01-01T00:00:{:02}Z\n", i % 60));
    }
    let path = env.write("big.csv", &content);
    let out = env
        .cmd()
        .args(["token", "import", path.to_str().unwrap(), "--format", "csv"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let imported = String::from_utf8(out.stdout).unwrap();
    let out = env
        .cmd()
        .args(["token", "list", "--all", "--format", "csv"])
        .output()
        .unwrap();
    let listed = String::from_utf8(out.stdout).unwrap();
    // The import's CSV is the list's, plus the generated codes in a last column.
    let mut imported_lines = imported.lines();
    let mut listed_lines = listed.lines();
    assert_eq!(
        imported_lines.next().unwrap(),
        format!(
            "{},secrets.authentication_code",
            listed_lines.next().unwrap()
        )
    );
    let mut codes = std::collections::HashSet::new();
    let mut n = 0;
    for (i, l) in imported_lines.zip(listed_lines) {
        let (row, code) = i.rsplit_once(',').unwrap();
        assert_eq!(row, l);
        assert!(codes.insert(code.to_string()));
        n += 1;
    }
    assert_eq!(n, 10_000);
    assert!(listed.contains("AT0000010000,token 9999,"));
    env.cmd().args(["audit", "verify"]).assert().success();
}

#[test]
fn long_tables_come_in_pages() {
    let env = TestEnv::new();
    let mut content = String::from("name\n");
    for i in 0..1500 {
        content.push_str(&format!("t{i}\n"));
    }
    let path = env.write("t.csv", &content);
    let out = env
        .cmd()
        .args(["token", "import", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let headers = text
        .lines()
        .filter(|l| l.starts_with("NUMBER ") && l.contains(" STATE"))
        .count();
    assert_eq!(headers, 2, "one header per page of 1000");
    assert_eq!(
        text.lines().filter(|l| l.starts_with("AT")).count(),
        3000,
        "a row and a secrets line each"
    );
}

#[test]
fn count_streams_through_the_same_pipeline() {
    let env = TestEnv::with_definition(&format!(
        "{TEST_DEFINITION}\n[identifier]\ngenerate = \"number\"\nformat = \"number\"\n[automation]\ngenerate_pass_code = true\n"
    ));
    let v = env.new_token(&["--count", "40"], "");
    let list = v.as_array().unwrap();
    assert_eq!(list.len(), 40);
    for t in list {
        let pass = str_of(&t["secrets"], "pass_code");
        let number = str_of(t, "number");
        assert!(tokenadm::domain::passcode::verify(
            pass,
            &stored_pass_hash(&env, number)
        ));
    }
    // One entry for the forty.
    let log = env.json(&["audit", "--action", "token.create"]);
    assert_eq!(log.as_array().unwrap().len(), 1);
    assert_eq!(log[0]["detail"]["tokens"], 40);
    assert_eq!(log[0]["detail"]["input"]["count"], 40);
}
