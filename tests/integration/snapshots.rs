//! Snapshots of what people read (`cargo insta review` after a deliberate change): long help
//! and the tables of `token show`, `token list`, `audit`, `status` and `account list`, each at 60, 80 and
//! 120 columns (`COLUMNS`, which the output honours as the terminal's width; issue #12).
//! Instants and random hints are replaced by fixed text of the same width, so the layout seen
//! is the layout made.

use crate::support::*;

const WIDTHS: [u16; 3] = [60, 80, 120];

fn stdout_at(env: &TestEnv, args: &[&str], width: u16) -> String {
    let out = env
        .cmd()
        .args(args)
        .env("COLUMNS", width.to_string())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let instant = regex::Regex::new(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ").unwrap();
    // The audit head's hash (shortened in tables) covers the instants too.
    let hash = regex::Regex::new(r"\b[0-9a-f]{16}…").unwrap();
    let text = instant.replace_all(&text, "2026-01-01T00:00:00Z");
    let text = hash.replace_all(&text, "0123456789abcdef…");
    // The schema version moves with every migration; the layout does not.
    let schema = regex::Regex::new(r"(schema[_ ]version:? +)\d+").unwrap();
    let text = schema.replace_all(&text, "${1}N");
    text.replace(&env.db.display().to_string(), "/var/lib/tokenadm/db")
}

/// Every line fits the width (display columns; `…` and the box-free layout are one each).
fn assert_fits(text: &str, width: u16) {
    for line in text.lines() {
        assert!(
            line.chars().count() <= width as usize,
            "wider than {width}: {line:?}"
        );
    }
}

fn snapshot_at_widths(env: &TestEnv, name: &str, args: &[&str]) {
    for width in WIDTHS {
        let text = stdout_at(env, args, width);
        assert_fits(&text, width);
        insta::assert_snapshot!(format!("{name}_{width}"), text);
    }
}

/// Tokens with custom authentication codes, so the hints are the same on every run.
fn desk() -> TestEnv {
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
        "account",
        "add",
        "AR-2",
        "--name",
        "Ωmega Ο.Ε.",
        "--phone",
        "+35799123456",
    ]);
    env.new_token(
        &[
            "--identifier",
            "alice@example.com",
            "--pass-code-stdin",
            "--auth-code-stdin",
            "--account",
            "AR-1",
            "--name",
            "Alice at the front desk of the Limassol branch",
        ],
        "a fine pass code\ncustom-code-for-alice-0001\n",
    );
    // A fixed expiry (not now + 90d), so that the audit detail is the same on every run.
    env.json_stdin(
        &["token", "import", "-"],
        "authentication_code,expires_at\ncustom-code-for-a-kiosk-0002,2030-01-31T00:00:00Z\n",
    );
    env.new_token(
        &[
            "--identifier",
            "maximilian.von.something-very-long@subsidiary.example.com",
            "--pass-code-stdin",
            "--auth-code-stdin",
            "--account",
            "AR-2",
        ],
        "another fine pass code\ncustom-code-for-max-00003\n",
    );
    env.json(&[
        "token",
        "set-state",
        "AT0000000002",
        "not_effective",
        "--reason",
        "the kiosk was taken out of service",
    ]);
    env
}

#[test]
fn top_level_help() {
    snapshot_at_widths(&TestEnv::empty(), "top_level_help", &["--help"]);
}

#[test]
fn token_new_help() {
    snapshot_at_widths(
        &TestEnv::empty(),
        "token_new_help",
        &["token", "new", "--help"],
    );
}

#[test]
fn token_show_table() {
    snapshot_at_widths(&desk(), "token_show", &["token", "show", "AT0000000001"]);
}

#[test]
fn token_list_table() {
    snapshot_at_widths(&desk(), "token_list", &["token", "list"]);
}

#[test]
fn audit_table() {
    snapshot_at_widths(&desk(), "audit", &["audit"]);
}

#[test]
fn status_table() {
    snapshot_at_widths(&desk(), "status", &["status"]);
}

#[test]
fn account_list_table() {
    snapshot_at_widths(&desk(), "account_list", &["account", "list"]);
}
