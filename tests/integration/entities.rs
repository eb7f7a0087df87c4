//! `account` and `participant` commands and what removing them does to tokens, and
//! `token list --classification`.

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

#[test]
fn removing_a_participant_unlinks_and_audits_its_tokens() {
    let env = TestEnv::new();
    env.json(&["account", "add", "AR-1", "--name", "Zed"]);
    env.json(&["participant", "add", "RP-1", "--account", "AR-1"]);
    env.new_token(&["--participant", "RP-1"], "");
    env.new_token(&["--participant", "RP-1", "--account", "AR-1"], "");
    // It asks first; with no terminal to ask at, it changes nothing and says to pass --yes.
    let err = env.fails_unchanged(&["participant", "remove", "RP-1"], "", 2);
    assert!(
        err.contains("unlink 2 tokens") && err.contains("--yes"),
        "{err}"
    );
    let v = env.json(&["participant", "remove", "RP-1", "--yes"]);
    assert_eq!(v["removed"], "RP-1");
    assert_eq!(
        v["unlinked_tokens"],
        serde_json::json!(["AT0000000001", "AT0000000002"])
    );
    env.fails_unchanged(&["participant", "show", "RP-1"], "", 3);
    // The first is an orphan now; the second keeps its account.
    let first = env.json(&["token", "show", "AT0000000001"]);
    assert!(first["participant"].is_null() && first["account"].is_null());
    let second = env.json(&["token", "show", "AT0000000002"]);
    assert_eq!(second["account"], "AR-1");
    assert!(second["participant"].is_null());
    let audit = env.json(&[
        "audit",
        "--token",
        "AT0000000001",
        "--action",
        "token.unlink",
    ]);
    assert_eq!(audit[0]["detail"]["reason"], "participant removed");
    // The account is still there, with no participant.
    assert!(env
        .json(&["participant", "list", "--account", "AR-1"])
        .as_array()
        .unwrap()
        .is_empty());
}

#[test]
fn list_by_classification() {
    let env = TestEnv::with_definition(&format!(
        "{TEST_DEFINITION}\n[classifications.gold]\n[classifications.silver]\n"
    ));
    env.new_token(&["--classification", "gold"], "");
    env.new_token(&["--classification", "silver"], "");
    env.new_token(&["--classification", "gold"], "");
    let gold = env.json(&["token", "list", "--classification", "gold"]);
    let numbers: Vec<&str> = gold
        .as_array()
        .unwrap()
        .iter()
        .map(|t| str_of(t, "number"))
        .collect();
    assert_eq!(numbers.len(), 2, "{gold}");
    assert!(gold
        .as_array()
        .unwrap()
        .iter()
        .all(|t| t["classification"] == "gold"));
    assert!(env
        .json(&["token", "list", "--classification", "bronze"])
        .as_array()
        .unwrap()
        .is_empty());
}
