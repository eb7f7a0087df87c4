//! The audit log: every change, who and when, never a secret, and a chain that detects edits.

use crate::support::*;

#[test]
fn every_change_is_audited_and_the_chain_verifies() {
    let env = TestEnv::new();
    env.json(&["account", "add", "AR-1", "--name", "Zed"]);
    env.new_token(
        &[
            "--identifier",
            "a@example.com",
            "--pass-code-stdin",
            "--account",
            "AR-1",
        ],
        "a fine pass code\n",
    );
    let log = env.json(&["audit"]);
    let actions: Vec<&str> = log
        .as_array()
        .unwrap()
        .iter()
        .map(|e| str_of(e, "action"))
        .collect();
    assert_eq!(
        actions,
        [
            "database.create",
            "definition.apply",
            "definition.activate",
            "account.add",
            "token.create"
        ]
    );
    let entry = &log[4];
    assert_eq!(str_of(entry, "actor"), "tester");
    assert_eq!(str_of(entry, "token"), "AT0000000001");
    assert_eq!(entry["detail"]["pass_code"], "given");
    let by_token = env.json(&["audit", "--token", "AT0000000001"]);
    assert_eq!(by_token.as_array().unwrap().len(), 1);
    assert_eq!(
        env.json(&["audit", "--limit", "2"])
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert_eq!(
        env.json(&["audit", "--since", "2000-01-01T00:00:00Z"])
            .as_array()
            .unwrap()
            .len(),
        5
    );
    assert_eq!(
        env.json(&["audit", "--since", "2999-01-01T00:00:00Z"])
            .as_array()
            .unwrap()
            .len(),
        0
    );
    env.fails(&["audit", "--since", "yesterday"], "", 2);
    let v = env.json(&["audit", "verify"]);
    assert_eq!(v["valid"], true);
    assert_eq!(v["entries"], 5);
}

#[test]
fn audit_verify_detects_an_edited_or_removed_entry() {
    let env = TestEnv::new();
    env.new_token(&[], "");
    env.new_token(&[], "");
    env.conn()
        .execute("UPDATE audit SET actor = 'mallory' WHERE id = 4", [])
        .unwrap();
    let err = env.fails(&["audit", "verify"], "", 5);
    assert!(err.contains("entry 4"), "{err}");

    let env = TestEnv::new();
    env.new_token(&[], "");
    env.new_token(&[], "");
    env.conn()
        .execute("DELETE FROM audit WHERE id = 3", [])
        .unwrap();
    let err = env.fails(&["audit", "verify"], "", 5);
    assert!(err.contains("entry 3"), "{err}");
}
