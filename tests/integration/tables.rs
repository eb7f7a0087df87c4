//! Tables that fit (issue #12, item 3): a fixed set of columns laid out to the terminal's
//! width, free text cut with `…`, numbers never cut or wrapped, `--columns` to choose, and
//! `audit` as one short line per entry whose CSV has the same columns for every query.

use crate::support::*;
use crate::terminal::on_terminal_sized;

fn long_identifier_tokens(env: &TestEnv) {
    for who in [
        "alice@example.com",
        "maximilian.von.something-very-long@subsidiary.example.com",
    ] {
        env.new_token(
            &[
                "--identifier",
                who,
                "--pass-code-stdin",
                "--name",
                "a label",
            ],
            "a fine pass code\n",
        );
    }
}

#[test]
fn a_60_column_terminal_gets_a_table_of_60_columns() {
    let env = TestEnv::new();
    long_identifier_tokens(&env);
    for (args, must) in [
        ("token list", "AT0000000002"),
        ("audit", "token.create"),
        ("token show AT0000000002", "AT0000000002"),
    ] {
        let (ok, screen) = on_terminal_sized(&env, args, "", &[], 60);
        assert!(ok, "{screen}");
        let lines: Vec<&str> = screen.split("\r\n").collect();
        // The table's lines (stderr's note shares the screen, and may wrap as prose does).
        for l in lines.iter().filter(|l| !l.starts_with("left out")) {
            assert!(l.chars().count() <= 60, "{args}: wider than 60: {l:?}");
        }
        // The number is on one line, whole: never wrapped as AT000 / 00000 / 02.
        assert!(lines.iter().any(|l| l.contains(must)), "{args}: {screen}");
        assert!(!screen.contains("AT000\r\n"), "{screen}");
    }
    // The same at 120: nothing to cut, the identifier whole.
    let (ok, screen) = on_terminal_sized(&env, "token list", "", &[], 120);
    assert!(ok);
    assert!(
        screen.contains("maximilian.von.something-very-long@subsidiary.example.com"),
        "{screen}"
    );
}

#[test]
fn text_is_cut_with_an_ellipsis_and_nothing_is_cut_in_a_pipe() {
    let env = TestEnv::new();
    long_identifier_tokens(&env);
    let out = env
        .cmd()
        .args(["token", "list"])
        .env("COLUMNS", "60")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.lines()
            .any(|l| l.contains("maximilian.von.") && l.contains("… ")),
        "{text}"
    );
    assert!(text.lines().all(|l| l.chars().count() <= 60), "{text}");
    // Said on stderr: which columns did not fit, and how to get them.
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("left out to fit 60 columns: ") && stderr.contains("--columns"),
        "{stderr}"
    );
    // Piped, without COLUMNS: every column, nothing cut.
    let out = env
        .cmd()
        .args(["token", "list"])
        .env_remove("COLUMNS")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("NUMBER "), "{text}");
    assert!(text.contains("maximilian.von.something-very-long@subsidiary.example.com"));
    assert!(text.lines().next().unwrap().ends_with("NAME"), "{text}");
    assert!(out.stderr.is_empty());
}

#[test]
fn columns_chooses_in_tables_and_csv() {
    let env = TestEnv::new();
    long_identifier_tokens(&env);
    let out = env
        .cmd()
        .args([
            "token",
            "list",
            "--columns",
            "number,has_pass_code,CREATED_BY",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        text.lines()
            .next()
            .unwrap()
            .split_whitespace()
            .collect::<Vec<_>>(),
        ["NUMBER", "HAS_PASS_CODE", "CREATED_BY"]
    );
    assert!(
        text.contains("AT0000000001  yes            tester"),
        "{text}"
    );
    // Chosen columns are never left out, even when they do not fit.
    let out = env
        .cmd()
        .args([
            "token",
            "list",
            "--columns",
            "number,created_at,updated_at,expires_at",
        ])
        .env("COLUMNS", "40")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.lines().next().unwrap().ends_with("EXPIRES_AT"),
        "{text}"
    );

    let out = env
        .cmd()
        .args([
            "token",
            "list",
            "--format",
            "csv",
            "--columns",
            "number,state",
        ])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "number,state\nAT0000000001,effective\nAT0000000002,effective\n"
    );
    let err = env.fails(&["token", "list", "--columns", "number,colour"], "", 2);
    assert!(
        err.contains("\"colour\"") && err.contains("identifier"),
        "{err}"
    );
    let err = env.fails(&["audit", "--columns", "id", "--format", "json"], "", 2);
    assert!(err.contains("--columns"), "{err}");
}

#[test]
fn audit_is_one_short_line_per_entry_and_its_csv_keeps_its_columns() {
    let env = TestEnv::new();
    long_identifier_tokens(&env);
    env.json(&[
        "token",
        "set-state",
        "AT0000000001",
        "not_effective",
        "--reason",
        "left the company",
    ]);
    let out = env
        .cmd()
        .args(["audit"])
        .env("COLUMNS", "160")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        text.lines()
            .next()
            .unwrap()
            .split_whitespace()
            .collect::<Vec<_>>(),
        ["ID", "AT", "ACTOR", "ACTION", "TOKEN", "SUMMARY"]
    );
    assert!(
        text.contains("effective → not_effective, reason: left the company"),
        "{text}"
    );
    assert!(text.lines().all(|l| l.chars().count() <= 160), "{text}");

    let header = |args: &[&str]| {
        let out = env
            .cmd()
            .arg("audit")
            .args(args)
            .args(["--format", "csv"])
            .output()
            .unwrap();
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        (text.lines().next().unwrap().to_string(), text)
    };
    let want = "id,at,actor,action,token,subject,detail,hash";
    for args in [
        &[][..],
        &["--action", "token.set_state"][..],
        &["--token", "AT0000000002"][..],
        &["--action", "no.such.action"][..],
    ] {
        assert_eq!(header(args).0, want, "{args:?}");
    }
    // The detail is one column of JSON.
    let (_, text) = header(&["--action", "token.set_state"]);
    let mut rows = csv::Reader::from_reader(text.as_bytes());
    let row = rows.records().next().unwrap().unwrap();
    let detail: serde_json::Value = serde_json::from_str(&row[6]).unwrap();
    assert_eq!(detail["reason"], "left the company");
}

/// A 10 MB field (put there behind the tool's back, past every input limit) lays out like any
/// other: cut to the width in a list, its start wrapped in a record, in time linear in its
/// length.
#[test]
fn a_ten_megabyte_field_is_laid_out_like_any_other() {
    let env = TestEnv::new();
    long_identifier_tokens(&env);
    let huge = "many words ".repeat(1_000_000);
    env.conn()
        .execute(
            "UPDATE tokens SET name = ?1 WHERE number = 'AT0000000001'",
            [&huge],
        )
        .unwrap();
    let out = env
        .cmd()
        .args(["token", "list", "--columns", "number,name,state"])
        .env("COLUMNS", "80")
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 3, "{}", &text[..200.min(text.len())]);
    assert!(text.lines().all(|l| l.chars().count() <= 80));
    let out = env
        .cmd()
        .args(["token", "show", "AT0000000001"])
        .env("COLUMNS", "80")
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.lines().all(|l| l.chars().count() <= 80));
    // A record shows the field's start (output::CELL_MAX characters), wrapped, then `…`.
    assert!(
        text.len() < 4 * tokenadm::output::CELL_MAX,
        "{}",
        text.len()
    );
    assert!(text.contains("…\nidentifier"), "{text}");
}
