//! Snapshots of what people read: long help and table renderings (`cargo insta review` after a
//! deliberate change).

use crate::support::*;

fn stdout(env: &TestEnv, args: &[&str]) -> String {
    let out = env.cmd().args(args).env("COLUMNS", "100").output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn token_new_help() {
    let env = TestEnv::empty();
    insta::assert_snapshot!(stdout(&env, &["token", "new", "--help"]));
}

#[test]
fn top_level_help() {
    let env = TestEnv::empty();
    insta::assert_snapshot!(stdout(&env, &["--help"]));
}

#[test]
fn account_list_table() {
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
    insta::assert_snapshot!(stdout(&env, &["account", "list"]));
}
