//! `tokenadm status` (issue #12, item 6), and where the database is said: the first command
//! that creates one names it; a command that only reads never creates one.

use crate::outbox::{write_default_config, DIRECT};
use crate::support::*;

#[test]
fn status_counts_what_matters() {
    let env = TestEnv::with_definition(DIRECT);
    env.json(&["account", "add", "AR-1", "--name", "Alpha"]);
    // 1: pending (DIRECT verifies direct tokens), with two messages queued.
    env.new_token(
        &["--identifier", "p@example.com", "--pass-code-stdin"],
        "a fine pass code\n",
    );
    // 2: effective, linked, then orphaned.
    env.new_token(&["--account", "AR-1", "--skip-verification"], "");
    env.json(&["token", "unlink", "AT0000000002", "--account", "AR-1"]);
    // 3: effective, expiring in 3 days; 4: past its expiry; 5: not_effective.
    env.new_token(&["--expires-in", "3d", "--skip-verification"], "");
    env.new_token(&["--expires-in", "1h", "--skip-verification"], "");
    env.conn()
        .execute(
            "UPDATE tokens SET expires_at = 1000 WHERE number = 'AT0000000004'",
            [],
        )
        .unwrap();
    env.new_token(&["--skip-verification"], "");
    env.json(&["token", "set-state", "AT0000000005", "not_effective"]);
    env.conn()
        .execute("UPDATE outbox SET created_at = created_at - 7200", [])
        .unwrap();
    write_default_config(
        &env,
        "[delivery]\nemail = \"smtp://crm:hunter2-secret@mail.example.com:587?tls=starttls\"\n\
         email_from = \"CRM <crm@example.com>\"\n\
         sms_command = [\"/usr/local/bin/send-sms\", \"--api-key\", \"sk-live-secret\"]\n",
    );

    let s = env.json(&["status"]);
    assert_eq!(s["database"], env.db.display().to_string());
    assert_eq!(s["active_definition"], "direct");
    assert_eq!(s["definition_version"], 1);
    assert!(s["schema_version"].as_i64().unwrap() >= 4);
    assert_eq!(
        s["tokens"],
        serde_json::json!({"effective": 3, "not_effective": 1, "pending_verification": 1})
    );
    assert_eq!(s["orphans_due"], 1);
    assert_eq!(s["expired_due"], 1);
    // Token 3, and token 1, whose verification code lapses within the day.
    assert_eq!(s["expiring_within_7d"], 2);
    assert_eq!(s["outbox"]["pending"], 2);
    assert_eq!(s["outbox"]["sent"], 0);
    let age = s["oldest_pending_age"].as_str().unwrap();
    assert!(age == "2h" || age.starts_with("2h "), "{age}");
    let head = env.json(&["audit", "--limit", "1"]);
    assert_eq!(s["audit_head"]["id"], head[0]["id"]);
    assert_eq!(s["audit_head"]["hash"], head[0]["hash"]);
    assert_eq!(
        s["delivery"]["email"],
        "smtp://mail.example.com:587?tls=starttls"
    );
    assert_eq!(s["delivery"]["sms"], "command /usr/local/bin/send-sms");
    // Never a password, in any format.
    for format in ["table", "json", "csv"] {
        let out = env
            .cmd()
            .args(["status", "--format", format])
            .output()
            .unwrap();
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            !text.contains("hunter2") && !text.contains("sk-live") && !text.contains("crm:"),
            "{text}"
        );
        assert!(text.contains("mail.example.com"), "{text}");
    }
    // Status changes nothing.
    let before = env.dump();
    env.json(&["status"]);
    assert_eq!(before, env.dump());
}

#[test]
fn a_missing_database_is_named_and_not_created_by_a_reader() {
    let env = TestEnv::empty();
    for args in [
        &["status"][..],
        &["token", "list"][..],
        &["token", "show", "AT0000000001"][..],
        &["audit"][..],
        &["outbox", "list"][..],
        &["definition", "list"][..],
        &["account", "list"][..],
    ] {
        let err = env.fails(args, "", 3);
        assert!(
            err.contains(&format!("no database at {}", env.db.display())),
            "{args:?}: {err}"
        );
        assert!(!env.db.exists(), "{args:?} created the database");
        assert!(
            !env.db.parent().unwrap().exists(),
            "{args:?} made its folder"
        );
    }
    // The first command that changes something creates it, and says where, once.
    let out = env.cmd().args(["token", "new"]).output().unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains(&format!("created a new database at {}", env.db.display())),
        "{stderr}"
    );
    let out = env.cmd().args(["token", "new"]).output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(!stderr.contains("created a new database"), "{stderr}");
    env.json(&["status"]);
}
