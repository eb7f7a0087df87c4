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
    env.conn()
        .execute(
            "UPDATE tokens SET name = ?1 WHERE number = ?2",
            ["x\u{1b}[2J\u{202e}y\nz", str_of(&t, "number")],
        )
        .unwrap();
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
