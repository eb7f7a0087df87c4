//! `token new`: every flag, every rule, every refusal.

use crate::support::*;
use serde_json::Value;

fn secret<'a>(t: &'a Value, key: &str) -> &'a str {
    t["secrets"][key]
        .as_str()
        .unwrap_or_else(|| panic!("no secrets.{key} in {t}"))
}

#[test]
fn an_authentication_code_only_token() {
    let env = TestEnv::new();
    let t = env.new_token(&["--name", "kiosk"], "");
    let code = secret(&t, "authentication_code");
    assert!(code.starts_with("atk_") && code.len() == 36, "{code}");
    assert_eq!(
        str_of(&t, "authentication_code_hint"),
        format!("…{}", &code[32..])
    );
    assert_eq!(str_of(&t, "number"), "AT0000000001");
    assert_eq!(str_of(&t, "name"), "kiosk");
    assert_eq!(t["identifier"], Value::Null);
    assert_eq!(t["has_pass_code"], false);
    assert_eq!(str_of(&t, "created_by"), "tester");
    assert_eq!(str_of(&t, "definition"), "test");
    assert_eq!(t["definition_version"], 1);
    assert!(t["secrets"].get("pass_code").is_none());
    // The printed code is well-formed by its checksum.
    env.cmd()
        .arg("check")
        .write_stdin(format!("{code}\n"))
        .assert()
        .success();
    let keys: Vec<&str> = t.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "number",
            "name",
            "identifier",
            "classification",
            "state",
            "has_pass_code",
            "authentication_code_hint",
            "account",
            "participant",
            "expires_at",
            "verified_at",
            "last_used_at",
            "uses_today",
            "locked_until",
            "definition",
            "definition_version",
            "created_at",
            "created_by",
            "updated_at",
            "updated_by",
            "secrets"
        ]
    );
}

#[test]
fn identifier_with_a_pass_code_from_stdin() {
    let env = TestEnv::new();
    let t = env.new_token(
        &["--identifier", "alice@example.com", "--pass-code-stdin"],
        "correct horse battery\n",
    );
    assert_eq!(str_of(&t, "identifier"), "alice@example.com");
    assert_eq!(t["has_pass_code"], true);
    assert!(
        t["secrets"].get("pass_code").is_none(),
        "a given pass code is not echoed"
    );
    assert!(t["secrets"].get("authentication_code").is_some());
}

#[test]
fn generated_pass_code_meets_the_policy_and_is_shown_once() {
    let env = TestEnv::new();
    let t = env.new_token(
        &["--identifier", "bob@example.com", "--generate-pass-code"],
        "",
    );
    assert_eq!(secret(&t, "pass_code").chars().count(), 16);
    let shown = env.json(&["token", "show", "AT0000000001"]);
    assert!(shown.get("secrets").is_none());
}

#[test]
fn secrets_appear_in_csv_and_table_output_too() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args([
            "token",
            "new",
            "--identifier",
            "c@example.com",
            "--generate-pass-code",
            "--format",
            "csv",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    assert!(
        header.ends_with("secrets.authentication_code,secrets.pass_code"),
        "{header}"
    );
    assert!(
        header.starts_with("number,name,identifier,classification,state"),
        "{header}"
    );
    assert_eq!(lines.count(), 1);
    let out = env.cmd().args(["token", "new"]).output().unwrap();
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(table.contains("\nauthentication_code: atk_"), "{table}");
}

#[test]
fn a_custom_authentication_code_from_stdin() {
    let env = TestEnv::new();
    let code = "partner-integration-code-0001";
    let t = env.new_token(&["--auth-code-stdin"], &format!("{code}\n"));
    assert!(t.get("secrets").is_none(), "a given code is not echoed");
    assert_eq!(str_of(&t, "authentication_code_hint"), "…0001");
    let found = env.json_stdin(
        &["token", "show", "--auth-code-stdin"],
        &format!("{code}\n"),
    );
    assert_eq!(found["number"], t["number"]);
    // Twice the same code is a conflict.
    let err = env.fails_unchanged(
        &["token", "new", "--auth-code-stdin"],
        &format!("{code}\n"),
        5,
    );
    assert!(err.contains("already in use"), "{err}");
}

#[test]
fn pass_code_and_custom_code_both_from_stdin_in_order() {
    let env = TestEnv::new();
    let t = env.new_token(
        &[
            "--identifier",
            "d@example.com",
            "--pass-code-stdin",
            "--auth-code-stdin",
        ],
        "a fine pass code\nanother-custom-code-12345\n",
    );
    assert_eq!(str_of(&t, "authentication_code_hint"), "…2345");
    assert_eq!(t["has_pass_code"], true);
}

#[test]
fn count_issues_many_distinct_tokens() {
    let env = TestEnv::new();
    let v = env.new_token(&["--count", "25", "--name", "batch"], "");
    let list = v.as_array().unwrap();
    assert_eq!(list.len(), 25);
    let mut codes: Vec<&str> = list
        .iter()
        .map(|t| secret(t, "authentication_code"))
        .collect();
    codes.sort();
    codes.dedup();
    assert_eq!(codes.len(), 25);
    assert_eq!(str_of(&list[0], "number"), "AT0000000001");
    assert_eq!(str_of(&list[24], "number"), "AT0000000025");
}

#[test]
fn expires_in_and_default_ttl_set_expires_at() {
    let env = TestEnv::new();
    let t = env.new_token(&["--expires-in", "90d"], "");
    let created: jiff::Timestamp = str_of(&t, "created_at").parse().unwrap();
    let expires: jiff::Timestamp = str_of(&t, "expires_at").parse().unwrap();
    assert_eq!(expires.as_second() - created.as_second(), 90 * 86_400);

    let env = TestEnv::with_definition(&format!(
        "{TEST_DEFINITION}\n[expiry]\ndefault_ttl = \"2h\"\n"
    ));
    let t = env.new_token(&[], "");
    let created: jiff::Timestamp = str_of(&t, "created_at").parse().unwrap();
    let expires: jiff::Timestamp = str_of(&t, "expires_at").parse().unwrap();
    assert_eq!(expires.as_second() - created.as_second(), 7200);
}

#[test]
fn stored_pass_code_hash_is_argon2id_at_the_definitions_parameters() {
    let env = TestEnv::new();
    env.new_token(
        &["--identifier", "e@example.com", "--pass-code-stdin"],
        "a fine pass code\n",
    );
    let hash: String = env
        .conn()
        .query_row("SELECT pass_hash FROM tokens", [], |r| r.get(0))
        .unwrap();
    assert!(hash.starts_with("$argon2id$v=19$m=256,t=1,p=1$"), "{hash}");
}

#[test]
fn the_shipped_default_is_owasp_strength() {
    let env = TestEnv::empty();
    env.new_token(
        &["--identifier", "f@example.com", "--pass-code-stdin"],
        "a fine pass code\n",
    );
    let hash: String = env
        .conn()
        .query_row("SELECT pass_hash FROM tokens", [], |r| r.get(0))
        .unwrap();
    assert!(
        hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
        "{hash}"
    );
}

#[test]
fn classifications_override_the_definition() {
    let def = format!("{TEST_DEFINITION}\n[classifications.staff.pass_code]\nmin_length = 20\ngenerate_length = 24\n");
    let env = TestEnv::with_definition(&def);
    let err = env.fails_unchanged(
        &[
            "token",
            "new",
            "--identifier",
            "g@example.com",
            "--classification",
            "staff",
            "--pass-code-stdin",
        ],
        "only fifteen ch\n",
        4,
    );
    assert!(err.contains("min_length"), "{err}");
    let t = env.new_token(
        &[
            "--identifier",
            "g@example.com",
            "--classification",
            "staff",
            "--pass-code-stdin",
        ],
        "twenty characters long!\n",
    );
    assert_eq!(str_of(&t, "classification"), "staff");
    // Without the classification the definition's own 10 applies.
    env.new_token(
        &["--identifier", "h@example.com", "--pass-code-stdin"],
        "only fifteen ch\n",
    );
}

#[test]
fn numbers_are_never_reused_after_a_failed_command() {
    let env = TestEnv::new();
    env.new_token(&[], "");
    env.fails_unchanged(&["token", "new", "--account", "NOPE"], "", 3);
    let t = env.new_token(&[], "");
    assert_eq!(str_of(&t, "number"), "AT0000000002");
}

#[test]
fn linking_to_accounts_and_participants() {
    let env = TestEnv::new();
    env.json(&[
        "account",
        "add",
        "AR-1",
        "--name",
        "Zed Ltd",
        "--email",
        "billing@zed.example",
    ]);
    env.json(&[
        "participant",
        "add",
        "RP-7",
        "--account",
        "AR-1",
        "--name",
        "Zoe",
    ]);
    let t = env.new_token(&["--account", "AR-1", "--participant", "RP-7"], "");
    assert_eq!(str_of(&t, "account"), "AR-1");
    assert_eq!(str_of(&t, "participant"), "RP-7");
    env.json(&["account", "add", "AR-2", "--name", "Other"]);
    let err = env.fails_unchanged(
        &["token", "new", "--account", "AR-2", "--participant", "RP-7"],
        "",
        4,
    );
    assert!(err.contains("belongs to account \"AR-1\""), "{err}");
}

#[test]
fn the_account_cap_holds() {
    let env = TestEnv::with_definition(&format!(
        "{TEST_DEFINITION}\n[automation]\nmax_tokens_per_account = 2\n"
    ));
    env.json(&["account", "add", "AR-1", "--name", "Zed Ltd"]);
    env.new_token(&["--account", "AR-1"], "");
    env.new_token(&["--account", "AR-1"], "");
    let err = env.fails_unchanged(&["token", "new", "--account", "AR-1"], "", 5);
    assert!(err.contains("at most 2"), "{err}");
}

/// The identifier policy's minimums and formats, through the binary: one sentence naming the
/// identifier and the rule, exit 4, nothing written.
#[test]
fn identifiers_below_the_policy_minimums_are_refused() {
    let env = TestEnv::with_definition(&format!(
        "{TEST_DEFINITION}\n[identifier]\nformat = \"free_text\"\nmin_length = 8\nmin_lowercase = 2\nmin_digits = 2\nmin_special = 1\n"
    ));
    let cases = [
        ("ab1", "identifier \"ab1\" is 3 characters; the policy needs at least 8 (identifier.min_length)"),
        ("ABCDEFG12-", "identifier \"ABCDEFG12-\" has 0 lowercase letters; the policy needs at least 2 (identifier.min_lowercase)"),
        ("abcdefg1-", "identifier \"abcdefg1-\" has 1 digit; the policy needs at least 2 (identifier.min_digits)"),
        ("abcdefg12", "identifier \"abcdefg12\" has 0 special characters; the policy needs at least 1 (identifier.min_special)"),
        (" abcdefg12-", "identifier \" abcdefg12-\" begins or ends with whitespace"),
    ];
    for (identifier, sentence) in cases {
        let err = env.fails_unchanged(&["token", "new", "--identifier", identifier], "", 4);
        assert_eq!(
            err.trim_end(),
            format!("error: {sentence}"),
            "{identifier:?}"
        );
    }
    let t = env.new_token(&["--identifier", "abcdefg12-", "--generate-pass-code"], "");
    assert_eq!(str_of(&t, "identifier"), "abcdefg12-");
}

/// A token linked only to one of the account's participants belongs to the account too, as
/// its messages do: it counts against the cap however it was linked.
#[test]
fn tokens_of_an_accounts_participants_count_against_its_cap() {
    let env = TestEnv::with_definition(&format!(
        "{TEST_DEFINITION}\n[automation]\nmax_tokens_per_account = 2\n"
    ));
    env.json(&["account", "add", "AR-1", "--name", "Zed Ltd"]);
    env.json(&["account", "add", "AR-2", "--name", "Other Ltd"]);
    env.json(&["participant", "add", "RP-1", "--account", "AR-1"]);
    env.new_token(&["--participant", "RP-1"], "");
    env.new_token(&["--account", "AR-1"], "");
    for args in [
        &["token", "new", "--participant", "RP-1"][..],
        &["token", "new", "--account", "AR-1"],
        &["token", "new", "--account", "AR-1", "--participant", "RP-1"],
    ] {
        let err = env.fails_unchanged(args, "", 5);
        assert!(
            err.contains("account \"AR-1\" already holds 2 tokens"),
            "{err}"
        );
    }
    let rows = env.write("rows.csv", "participant\nRP-1\n");
    let err = env.fails_unchanged(&["token", "import", rows.to_str().unwrap()], "", 5);
    assert!(err.contains("rows.csv line 2: account \"AR-1\""), "{err}");

    // Linking a free token to the participant alone makes it count: refused at the cap.
    env.new_token(&[], "");
    let err = env.fails_unchanged(
        &["token", "link", "AT0000000003", "--participant", "RP-1"],
        "",
        5,
    );
    assert!(err.contains("at most 2"), "{err}");
    // Linking the participant's token to the participant's own account changes no count.
    env.json(&["token", "link", "AT0000000001", "--account", "AR-1"]);
    // A not_effective one frees a place, and reactivating it takes it back.
    env.json(&["token", "set-state", "AT0000000001", "not_effective"]);
    env.json(&["token", "link", "AT0000000003", "--participant", "RP-1"]);
    let err = env.fails_unchanged(&["token", "set-state", "AT0000000001", "effective"], "", 5);
    assert!(err.contains("at most 2"), "{err}");
    // Other accounts are not affected.
    env.new_token(&["--account", "AR-2"], "");
}

#[test]
fn bad_input_is_refused_with_one_sentence_and_no_change() {
    let env = TestEnv::new();
    env.new_token(
        &["--identifier", "taken@example.com", "--pass-code-stdin"],
        "a fine pass code\n",
    );
    let cases: &[(&[&str], &str, i32, &str)] = &[
        (
            &["--identifier", "not-an-email", "--pass-code-stdin"],
            "a fine pass code\n",
            4,
            "not-an-email",
        ),
        (
            &["--identifier", "TAKEN@example.com", "--pass-code-stdin"],
            "a fine pass code\n",
            5,
            "AT0000000001",
        ),
        (
            &["--identifier", "i@example.com", "--pass-code-stdin"],
            "short\n",
            4,
            "min_length",
        ),
        (
            &["--identifier", "jo@example.com", "--pass-code-stdin"],
            "xjo@example.comx\n",
            4,
            "identifier",
        ),
        (
            &["--identifier", "k@example.com"],
            "",
            4,
            "--generate-pass-code",
        ),
        (
            &["--identifier", "l@example.com", "--pass-code-stdin"],
            "\n",
            4,
            "empty",
        ),
        (
            &["--identifier", "l@example.com", "--pass-code-stdin"],
            "",
            4,
            "empty",
        ),
        (&["--generate-pass-code"], "", 4, "needs an identifier"),
        (&["--classification", "gold"], "", 3, "gold"),
        (&["--account", "AR-404"], "", 3, "AR-404"),
        (&["--participant", "RP-404"], "", 3, "RP-404"),
        (&["--auth-code-stdin"], "short-code\n", 4, "at least 20"),
        (
            &["--auth-code-stdin"],
            "atk_looks_generated_but_is_not_000000\n",
            4,
            "prefix",
        ),
        (
            &["--count", "3", "--identifier", "m@example.com"],
            "",
            2,
            "--count",
        ),
    ];
    for (args, stdin, code, needle) in cases {
        let mut full = vec!["token", "new"];
        full.extend_from_slice(args);
        let err = env.fails_unchanged(&full, stdin, *code);
        assert!(err.contains(needle), "{args:?}: {err}");
        assert!(
            !err.contains("a fine pass code") && !err.contains("short\n"),
            "secret leaked: {err}"
        );
    }
}

#[test]
fn a_zero_expiry_is_refused() {
    let env = TestEnv::new();
    let err = env.fails_unchanged(&["token", "new", "--expires-in", "0s"], "", 4);
    assert!(err.contains("--expires-in 0s"), "{err}");
}

#[test]
fn non_utf8_secret_on_stdin_is_refused() {
    let env = TestEnv::new();
    let before = env.dump();
    let out = env
        .cmd()
        .args([
            "token",
            "new",
            "--identifier",
            "n@example.com",
            "--pass-code-stdin",
        ])
        .write_stdin(vec![0xff, 0xfe, b'a', b'\n'])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_one_error(&err);
    assert!(
        err.contains("the pass code on standard input is not valid UTF-8"),
        "{err}"
    );
    assert_eq!(before, env.dump());
}

#[test]
fn a_definition_may_forbid_tokens_without_identifier() {
    let env = TestEnv::with_definition(&format!(
        "{TEST_DEFINITION}\n[automation]\nallow_without_identifier = false\n"
    ));
    let err = env.fails_unchanged(&["token", "new"], "", 4);
    assert!(err.contains("allow_without_identifier"), "{err}");
}

#[test]
fn generated_identifiers_get_generated_pass_codes_when_automation_says_so() {
    let def = format!(
        "{TEST_DEFINITION}\n[identifier]\ngenerate = \"number\"\nformat = \"number\"\n[automation]\ngenerate_pass_code = true\n"
    );
    let env = TestEnv::with_definition(&def);
    let t = env.new_token(&[], "");
    let id = str_of(&t, "identifier");
    assert!(id.chars().all(|c| c.is_ascii_digit()), "{id}");
    assert!(t["secrets"]["pass_code"].is_string());
}

#[test]
fn tokens_record_the_definition_version_they_were_issued_under() {
    let env = TestEnv::new();
    let v1 = env.new_token(&[], "");
    let file = env.write(
        "v2.toml",
        &format!("{TEST_DEFINITION}\n[number]\nprefix = \"TK\"\n"),
    );
    env.json(&["definition", "apply", file.to_str().unwrap()]);
    let v2 = env.new_token(&[], "");
    assert_eq!(v1["definition_version"], 1);
    assert_eq!(v2["definition_version"], 2);
    assert_eq!(str_of(&v2, "number"), "TK0000000002");
}
