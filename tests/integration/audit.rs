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

    // Cut from the end, where no later entry's hash breaks: the recorded head notices.
    for cut in [
        "DELETE FROM audit WHERE id = 5",
        "DELETE FROM audit WHERE id >= 4",
        "DELETE FROM audit",
    ] {
        let env = TestEnv::new();
        env.new_token(&[], "");
        env.new_token(&[], "");
        assert_eq!(env.json(&["audit", "verify"])["entries"], 5);
        env.conn().execute(cut, []).unwrap();
        let err = env.fails(&["audit", "verify"], "", 5);
        assert!(err.contains("entries up to 5 were written"), "{cut}: {err}");
    }

    // An entry slipped in at the end by hand, chained properly, is not one tokenadm wrote.
    let env = TestEnv::new();
    env.new_token(&[], "");
    let conn = env.conn();
    let (id, hash): (i64, String) = conn
        .query_row(
            "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    conn.execute(
        "INSERT INTO audit (id, at, actor, action, token, subject, detail, prev_hash, hash)
         SELECT ?1, at, actor, action, token, subject, detail, ?2, 'x' FROM audit WHERE id = 1",
        rusqlite::params![id + 1, hash],
    )
    .unwrap();
    drop(conn);
    let err = env.fails(&["audit", "verify"], "", 5);
    assert!(err.contains(&format!("entry {}", id + 1)), "{err}");
}

#[test]
fn a_database_from_before_the_recorded_head_gets_one_on_upgrade() {
    let env = TestEnv::new();
    env.new_token(&[], "");
    let conn = env.conn();
    conn.execute_batch("DELETE FROM meta WHERE key = 'audit_head';")
        .unwrap();
    schema_back_to(&conn, 2);
    drop(conn);
    // A read-only command upgrades the schema, which records the head of the log as it is.
    let entries = env.json(&["audit", "verify"])["entries"].as_i64().unwrap();
    env.conn()
        .execute("DELETE FROM audit WHERE id = ?1", [entries])
        .unwrap();
    let err = env.fails(&["audit", "verify"], "", 5);
    assert!(
        err.contains(&format!("entries up to {entries} were written")),
        "{err}"
    );
}
