//! `account add|list|show` and `participant add|list|show`.

use crate::support::*;

#[test]
fn accounts_and_participants() {
    let env = TestEnv::new();
    let a = env.json(&[
        "account",
        "add",
        "AR-1",
        "--name",
        "Zed Ltd",
        "--email",
        "ar@zed.example",
        "--phone",
        "+35799123456",
    ]);
    assert_eq!(str_of(&a, "email"), "ar@zed.example");
    env.json(&["account", "add", "AR-2", "--name", "Other"]);
    env.json(&[
        "participant",
        "add",
        "RP-1",
        "--account",
        "AR-1",
        "--name",
        "Zoe",
        "--email",
        "zoe@zed.example",
    ]);
    env.json(&["participant", "add", "RP-2", "--account", "AR-2"]);
    assert_eq!(env.json(&["account", "list"]).as_array().unwrap().len(), 2);
    assert_eq!(
        str_of(&env.json(&["account", "show", "AR-1"]), "name"),
        "Zed Ltd"
    );
    let ps = env.json(&["participant", "list", "--account", "AR-1"]);
    assert_eq!(ps.as_array().unwrap().len(), 1);
    assert_eq!(
        str_of(&env.json(&["participant", "show", "RP-1"]), "account"),
        "AR-1"
    );
}

#[test]
fn entity_refusals() {
    let env = TestEnv::new();
    env.json(&["account", "add", "AR-1", "--name", "Zed"]);
    env.fails_unchanged(&["account", "add", "AR-1", "--name", "Again"], "", 5);
    env.fails_unchanged(
        &["account", "add", "AR-3", "--name", "X", "--email", "nope"],
        "",
        4,
    );
    env.fails_unchanged(
        &["account", "add", "AR-3", "--name", "X", "--phone", "12"],
        "",
        4,
    );
    env.fails_unchanged(&["account", "add", "AR 3", "--name", "X"], "", 4);
    env.fails_unchanged(&["account", "show", "AR-9"], "", 3);
    env.fails_unchanged(&["participant", "add", "RP-1", "--account", "AR-9"], "", 3);
    env.fails_unchanged(&["participant", "show", "RP-9"], "", 3);
}
