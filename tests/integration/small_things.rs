//! Small things that trip people (issue #12, item 8): `definition apply` says a definition
//! still needs activating and `--activate` does both in one transaction; `--pass-code-stdin`
//! at a terminal does not echo; an import row's error names its column or the definition key,
//! never a flag of `token new`; progress bars have a total and an ETA where the size is known.

use crate::support::*;
use crate::terminal::on_terminal_sized;

const PORTAL: &str = r#"
name = "portal"
description = "portal tokens"

[pass_code.hash]
memory_kib = 256
iterations = 1
parallelism = 1

[pass_code]
min_length = 12
"#;

#[test]
fn apply_says_what_is_left_to_do_and_activate_does_it_at_once() {
    let env = TestEnv::new();
    let file = env.write("portal.toml", PORTAL);
    let out = env
        .cmd()
        .args(["definition", "apply"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("definition portal version 1 is stored but not active")
            && stderr.contains("tokenadm definition activate portal")
            && stderr.contains("--activate"),
        "{stderr}"
    );
    assert_eq!(env.json(&["status"])["active_definition"], "test");

    // --activate: a new version, stored and active in one transaction (two audit entries).
    let v2 = env.write(
        "portal2.toml",
        &PORTAL.replace("min_length = 12", "min_length = 14"),
    );
    let out = env
        .cmd()
        .args(["definition", "apply", "--activate", "--format", "json"])
        .arg(&v2)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(!String::from_utf8_lossy(&out.stderr).contains("not active"));
    let row: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (row["version"].as_i64(), row["active"].as_bool()),
        (Some(2), Some(true))
    );
    let s = env.json(&["status"]);
    assert_eq!(
        (
            s["active_definition"].as_str(),
            s["definition_version"].as_i64()
        ),
        (Some("portal"), Some(2))
    );
    let log = env.json(&["audit", "--since", "1h"]);
    let actions: Vec<&str> = log
        .as_array()
        .unwrap()
        .iter()
        .rev()
        .take(2)
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["definition.activate", "definition.apply"]);
    // A bad file changes nothing, activated or not.
    let bad = env.write("bad.toml", "name = \"bad\"\nbogus = 1\n");
    env.fails_unchanged(
        &["definition", "apply", "--activate", bad.to_str().unwrap()],
        "",
        4,
    );

    // init --definition: the same, one transaction.
    let fresh = TestEnv::empty();
    let file = fresh.write("portal.toml", PORTAL);
    fresh
        .cmd()
        .args(["init", "--definition"])
        .arg(&file)
        .assert()
        .success();
    assert_eq!(fresh.json(&["status"])["active_definition"], "portal");
}

#[test]
fn pass_code_stdin_at_a_terminal_does_not_echo() {
    let env = TestEnv::new();
    let (ok, screen) = on_terminal_sized(
        &env,
        "token new --identifier t@example.com --pass-code-stdin",
        "a secret pass code\n",
        &[],
        80,
    );
    assert!(ok, "{screen}");
    assert!(screen.contains("Pass code:"), "{screen}");
    assert!(!screen.contains("a secret pass code"), "echoed: {screen}");
    env.json_stdin(
        &["auth", "--identifier", "t@example.com"],
        "a secret pass code\n",
    );
}

#[test]
fn an_import_row_error_names_its_column_or_the_definition_key() {
    let env = TestEnv::with_definition(&format!(
        "{TEST_DEFINITION}\n[authentication_code]\nallow_custom = false\n"
    ));
    for (content, column, key) in [
        (
            "identifier\nnopass@example.com\n",
            "pass_code column",
            "automation.generate_pass_code",
        ),
        ("pass_code\na fine pass code\n", "identifier column", ""),
        (
            "authentication_code\ncustom-code-for-someone-01\n",
            "authentication_code column",
            "authentication_code.allow_custom",
        ),
    ] {
        let file = env.write("rows.csv", content);
        let err = env.fails_unchanged(&["token", "import", file.to_str().unwrap()], "", 4);
        assert!(err.contains("rows.csv line 2"), "{err}");
        assert!(err.contains(column) && err.contains(key), "{err}");
        assert!(!err.contains("--"), "a flag in a row error: {err}");
    }
    // token new keeps its flags.
    let err = env.fails_unchanged(&["token", "new", "--identifier", "n@example.com"], "", 4);
    assert!(err.contains("--pass-code-stdin"), "{err}");
}

#[test]
fn an_import_from_a_file_shows_a_bar_with_a_total_and_an_eta() {
    // Real argon2 costs (the built-in definition), so that checking lasts past the second
    // before a bar appears: enough rows to keep every core hashing for about two seconds on
    // this machine, however fast its hashing is (a hash measured here sizes the file).
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let params = tokenadm::domain::definition::builtin_default()
        .base
        .pass_code
        .hash;
    // The fastest of three (the first pays for its memory's first touch).
    let one = (0..3)
        .map(|_| {
            let started = std::time::Instant::now();
            tokenadm::domain::passcode::hash("a fine pass code", params).unwrap();
            started.elapsed().as_secs_f64()
        })
        .fold(f64::MAX, f64::min)
        .max(1e-4);
    let count = ((2.0 / one) as usize * cores).clamp(240, 20_000);
    let env = TestEnv::empty();
    let mut rows = String::from("identifier,pass_code\n");
    for i in 0..count {
        rows.push_str(&format!("user{i}@example.com,a fine pass code {i}\n"));
    }
    let file = env.write("users.csv", &rows);
    let (ok, screen) = on_terminal_sized(
        &env,
        &format!(
            "token import {} --format csv --output {}",
            file.display(),
            env.path("secrets.csv").display()
        ),
        "",
        &[],
        100,
    );
    assert!(ok, "{screen}");
    assert!(screen.contains(&format!("/{count}")), "no total: {screen}");
    assert!(screen.contains("eta"), "no ETA: {screen}");
}
