//! `tokenadm definition check [NAME]` (issue #15): after a definition is tightened, one row per
//! token and reason that breaks its current version, in every format; exit 0 when nothing
//! breaks, 5 when something does, 3 for an unknown definition; nothing is ever changed.

use crate::support::*;
use serde_json::Value;

/// The test definition with free-text identifiers, a classification that version 2 drops,
/// and one that stays.
const V1: &str = r#"
[identifier]
format = "free_text"

[classifications.temp]

[classifications.staff]
"#;

/// Tightened (a whole definition of its own): email identifiers, costlier hashes, at most two
/// tokens per account, `temp` dropped; staff tokens may not go without an identifier.
const V2: &str = r#"
name = "test"

[identifier]
format = "email"

[pass_code.hash]
memory_kib = 512
iterations = 1
parallelism = 1

[automation]
max_tokens_per_account = 2

[classifications.staff.automation]
allow_without_identifier = false
"#;

fn definition(extra: &str) -> String {
    format!("{TEST_DEFINITION}\n{extra}")
}

fn number(env: &TestEnv, args: &[&str], stdin: &str) -> String {
    str_of(&env.new_token(args, stdin), "number").to_string()
}

/// Runs `definition check` with `args`; returns the exit code, stdout and stderr.
fn check(env: &TestEnv, args: &[&str]) -> (i32, String, String) {
    let out = env
        .cmd()
        .args(["definition", "check"])
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// (number, reason) of every row of the JSON output, and the rows.
fn findings(env: &TestEnv, args: &[&str], code: i32) -> (Vec<(String, String)>, Vec<Value>) {
    let mut full = args.to_vec();
    full.extend(["--format", "json"]);
    let before = env.dump();
    let (status, stdout, stderr) = check(env, &full);
    assert_eq!(status, code, "{stderr}");
    assert_eq!(before, env.dump(), "definition check changed the database");
    let rows: Vec<Value> = serde_json::from_str::<Value>(&stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .clone();
    let pairs = rows
        .iter()
        .map(|r| {
            (
                str_of(r, "number").to_string(),
                str_of(r, "reason").to_string(),
            )
        })
        .collect();
    (pairs, rows)
}

fn pair(number: &str, reason: &str) -> (String, String) {
    (number.to_string(), reason.to_string())
}

#[test]
fn a_tightened_definition_lists_each_token_and_reason() {
    let env = TestEnv::with_definition(&definition(V1));
    env.json(&["account", "add", "AR-1", "--name", "Alpha"]);
    env.json(&["participant", "add", "RP-1", "--account", "AR-1"]);
    let bob = number(
        &env,
        &["--identifier", "bob", "--pass-code-stdin"],
        "a fine pass code\n",
    ); // 1: identifier and hash
    let alice = number(
        &env,
        &["--identifier", "alice@example.com", "--pass-code-stdin"],
        "a fine pass code\n",
    ); // 2: hash
    let temp = number(&env, &["--classification", "temp"], ""); // 3
    let staff = number(&env, &["--classification", "staff"], ""); // 4: no identifier
    let a1 = number(&env, &["--account", "AR-1"], ""); // 5-7: three on AR-1
    let a2 = number(&env, &["--participant", "RP-1"], "");
    let a3 = number(&env, &["--account", "AR-1"], "");
    let fine = number(&env, &[], ""); // 8: meets version 2 as well
                                      // 9: would break version 2 as staff's 4 does, but is out of use: not checked.
    let gone = number(&env, &["--classification", "staff"], "");
    env.json(&["token", "set-state", &gone, "not_effective"]);

    // Nothing breaks version 1.
    let (none, _) = findings(&env, &[], 0);
    assert!(none.is_empty(), "{none:?}");
    let (_, _, stderr) = check(&env, &[]);
    assert!(
        stderr.contains("every token of definition \"test\" meets its version 1 (8 checked)"),
        "{stderr}"
    );

    let v2 = env.write("v2.toml", V2);
    env.json(&["definition", "apply", v2.to_str().unwrap()]);
    let (got, rows) = findings(&env, &[], 5);
    assert_eq!(
        got,
        [
            pair(&bob, "identifier"),
            pair(&bob, "hash_parameters"),
            pair(&alice, "hash_parameters"),
            pair(&temp, "classification_dropped"),
            pair(&staff, "identifier_missing"),
            pair(&a1, "account_cap"),
            pair(&a2, "account_cap"),
            pair(&a3, "account_cap"),
        ]
    );
    let detail = |i: usize| str_of(&rows[i], "detail").to_string();
    assert!(
        detail(0).contains("identifier \"bob\" is not an email address"),
        "{}",
        detail(0)
    );
    assert!(
        detail(1).contains("m=256,t=1,p=1, weaker than the m=512,t=1,p=1")
            && detail(1).contains("re-hashed on its next successful auth"),
        "{}",
        detail(1)
    );
    assert!(
        detail(3).contains("keeps the rules of version 1"),
        "{}",
        detail(3)
    );
    assert!(
        detail(4).contains("classifications.staff.automation.allow_without_identifier is false"),
        "{}",
        detail(4)
    );
    assert!(
        detail(5).contains("account \"AR-1\" holds 3 tokens"),
        "{}",
        detail(5)
    );
    let keys: Vec<&str> = rows[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "number",
            "definition",
            "definition_version",
            "classification",
            "reason",
            "detail"
        ]
    );
    assert_eq!(rows[3]["classification"], "temp");
    assert_eq!(rows[0]["definition_version"], 1);

    // The exit and its sentence; the table and CSV say the same.
    let (code, stdout, stderr) = check(&env, &[]);
    assert_eq!(code, 5);
    assert_one_error(&stderr);
    assert!(
        stderr.contains(
            "7 of the 8 tokens of definition \"test\" break its version 2 (8 findings listed)"
        ),
        "{stderr}"
    );
    assert!(
        stdout.contains("classification_dropped") && stdout.contains(&temp),
        "{stdout}"
    );
    let (code, csv, _) = check(&env, &["--format", "csv"]);
    assert_eq!(code, 5);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("number,definition,definition_version,classification,reason,detail")
    );
    assert_eq!(lines.count(), 8);

    // A successful auth re-hashes under version 2: that finding goes away.
    env.json_stdin(
        &["auth", "--identifier", "alice@example.com"],
        "a fine pass code\n",
    );
    let (got, _) = findings(&env, &["test"], 5);
    assert!(
        !got.iter().any(|(n, _)| *n == fine || *n == gone),
        "{got:?}"
    );
    assert!(!got.contains(&pair(&alice, "hash_parameters")), "{got:?}");
    assert!(got.contains(&pair(&bob, "hash_parameters")), "{got:?}");
}

#[test]
fn an_expiry_later_than_a_new_default_ttl_allows() {
    let env = TestEnv::new();
    let short = number(&env, &["--expires-in", "10d"], "");
    let long = number(&env, &["--expires-in", "400d"], "");
    let never = number(&env, &[], "");
    let v2 = env.write("v2.toml", &definition("[expiry]\ndefault_ttl = \"30d\"\n"));
    env.json(&["definition", "apply", v2.to_str().unwrap()]);
    let (got, rows) = findings(&env, &[], 5);
    assert_eq!(got, [pair(&long, "expiry"), pair(&never, "expiry")]);
    assert!(!got.iter().any(|(n, _)| *n == short));
    let long_detail = str_of(&rows[0], "detail");
    assert!(
        long_detail.contains("later than expiry.default_ttl (\"30d\") after its creation allows"),
        "{long_detail}"
    );
    assert!(
        str_of(&rows[1], "detail").starts_with("it never expires"),
        "{}",
        rows[1]
    );
}

#[test]
fn a_named_definition_is_checked_and_an_unknown_one_is_not_found() {
    let env = TestEnv::new();
    number(&env, &[], "");
    // The `default` definition has no tokens: nothing to break.
    let (got, _) = findings(&env, &["default"], 0);
    assert!(got.is_empty());
    let err = env.fails_unchanged(&["definition", "check", "nope"], "", 3);
    assert!(err.contains("definition \"nope\" does not exist"), "{err}");
    // It reads only: no database, nothing created.
    let none = TestEnv::empty();
    let err = none.fails(&["definition", "check"], "", 3);
    assert!(err.contains("no database at"), "{err}");
    assert!(!none.db.exists());
    // Every format of nothing: an empty list, a header.
    let (_, csv, _) = check(&env, &["--format", "csv"]);
    assert_eq!(
        csv,
        "number,definition,definition_version,classification,reason,detail\n"
    );
    let (_, json, _) = check(&env, &["--format", "json"]);
    assert_eq!(json.trim(), "[]");
}

/// Findings stream in batches: more of them than one batch still make one JSON array, in
/// token order.
#[test]
fn many_findings_stream_as_one_list() {
    let env = TestEnv::new();
    env.json(&["token", "new", "--count", "600"]);
    let v2 = env.write("v2.toml", &definition("[expiry]\ndefault_ttl = \"30d\"\n"));
    env.json(&["definition", "apply", v2.to_str().unwrap()]);
    let (got, _) = findings(&env, &[], 5);
    assert_eq!(got.len(), 600);
    let numbers: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
    let mut sorted = numbers.clone();
    sorted.sort();
    assert_eq!(numbers, sorted);
    assert_eq!(numbers[599], "AT0000000600");
}
