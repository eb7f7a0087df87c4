//! The cron story: import accounts, issue tokens, prune an account away, expire exactly the
//! right tokens, and a second run changes nothing.

use crate::support::*;

const ACCOUNTS: &str = "id,name,email,phone\nAR-1,Alpha Ltd,a@alpha.example,+35799000001\nAR-2,Beta Ltd,,\nAR-3,Gamma Ltd,g@gamma.example,\n";

#[test]
fn the_nightly_cron_story() {
    let env = TestEnv::new();
    let f = env.write("accounts.csv", ACCOUNTS);
    let v = env.json(&["account", "import", f.to_str().unwrap()]);
    assert_eq!(v["added"], 3);
    env.json(&["participant", "add", "RP-3", "--account", "AR-3"]);
    env.new_token(&["--account", "AR-1"], ""); // 1: stays
    env.new_token(&["--account", "AR-2"], ""); // 2: orphaned by the prune
    env.new_token(&["--participant", "RP-3"], ""); // 3: orphaned (participant removed with AR-3)
    env.new_token(&["--expires-in", "1h"], ""); // 4: expires (moved into the past below)
    env.new_token(&[], ""); // 5: never linked: not an orphan
    env.conn()
        .execute(
            "UPDATE tokens SET expires_at = 1000 WHERE number = 'AT0000000004'",
            [],
        )
        .unwrap();

    let f = env.write(
        "accounts2.csv",
        "id,name,email,phone\nAR-1,Alpha Ltd,a@alpha.example,+35799000001\n",
    );
    let v = env.json(&["account", "import", f.to_str().unwrap(), "--prune", "--yes"]);
    assert_eq!(v["removed"], serde_json::json!(["AR-2", "AR-3"]));
    assert_eq!(
        env.json(&["token", "list", "--orphaned"])
            .as_array()
            .unwrap()
            .len(),
        2
    );

    let dry = env.json(&["token", "expire", "--dry-run"]);
    assert_eq!(dry.as_array().unwrap().len(), 3);
    assert_eq!(
        env.json(&["token", "list", "--state", "not_effective"])
            .as_array()
            .unwrap()
            .len(),
        0
    );

    let done = env.json(&["token", "expire"]);
    let mut got: Vec<(String, String)> = done
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                str_of(e, "number").to_string(),
                str_of(e, "reason").to_string(),
            )
        })
        .collect();
    got.sort();
    assert_eq!(
        got,
        [
            ("AT0000000002".to_string(), "orphaned".to_string()),
            ("AT0000000003".to_string(), "orphaned".to_string()),
            ("AT0000000004".to_string(), "expired".to_string()),
        ]
    );
    let ne = env.json(&["token", "list", "--state", "not_effective"]);
    assert_eq!(ne.as_array().unwrap().len(), 3);
    let audit = env.json(&["audit", "--action", "token.expire"]);
    assert_eq!(audit.as_array().unwrap().len(), 3);

    // A second run changes nothing, and says nothing under -q.
    let before = env.dump();
    assert_eq!(env.json(&["token", "expire"]).as_array().unwrap().len(), 0);
    let out = env.cmd().args(["token", "expire", "-q"]).output().unwrap();
    assert!(out.status.success());
    assert!(out.stdout.is_empty() && out.stderr.is_empty());
    assert_eq!(before, env.dump());
}

#[test]
fn orphan_grace_and_lapsed_verification() {
    let def = format!(
        "{TEST_DEFINITION}\n[expiry]\norphan_grace = \"1d\"\n[verification]\nrequired_for = [\"direct\"]\n"
    );
    let env = TestEnv::with_definition(&def);
    env.json(&["account", "add", "AR-1", "--name", "Zed"]);
    env.new_token(&["--account", "AR-1", "--skip-verification"], "");
    env.json(&["token", "unlink", "AT0000000001", "--account", "AR-1"]);
    let numbers = |args: &[&str]| -> Vec<String> {
        env.json(args)
            .as_array()
            .unwrap()
            .iter()
            .map(|t| str_of(t, "number").to_string())
            .collect()
    };
    // The list shows what the next run touches: nothing while the orphan is in its grace.
    assert!(numbers(&["token", "list", "--orphaned"]).is_empty());
    assert_eq!(
        env.json(&["token", "expire"]).as_array().unwrap().len(),
        0,
        "still within its grace"
    );
    env.conn()
        .execute(
            "UPDATE tokens SET unlinked_at = unlinked_at - 2 * 86400",
            [],
        )
        .unwrap();
    env.new_token(
        &["--identifier", "p@example.com", "--pass-code-stdin"],
        "a fine pass code\n",
    );
    // A pending token whose code lapses within the window is "expiring" too.
    assert_eq!(
        numbers(&["token", "list", "--expiring-within", "30d"]),
        ["AT0000000002"]
    );
    assert!(numbers(&["token", "list", "--expiring-within", "1s"]).is_empty());
    env.conn()
        .execute(
            "UPDATE tokens SET verification_expires_at = 1000 WHERE number = 'AT0000000002'",
            [],
        )
        .unwrap();
    assert_eq!(numbers(&["token", "list", "--orphaned"]), ["AT0000000001"]);
    assert_eq!(
        numbers(&["token", "list", "--expiring-within", "0s"]),
        ["AT0000000002"]
    );
    let dry: Vec<String> = numbers(&["token", "expire", "--dry-run"]);
    assert_eq!(dry, ["AT0000000001", "AT0000000002"]);
    let done = env.json(&["token", "expire"]);
    let reasons: Vec<&str> = done
        .as_array()
        .unwrap()
        .iter()
        .map(|e| str_of(e, "reason"))
        .collect();
    assert_eq!(reasons, ["orphaned", "verification_lapsed"]);
}

#[test]
fn orphans_stay_when_the_definition_says_so() {
    let env = TestEnv::with_definition(&format!(
        "{TEST_DEFINITION}\n[automation]\norphans_not_effective = false\n"
    ));
    env.json(&["account", "add", "AR-1", "--name", "Zed"]);
    env.new_token(&["--account", "AR-1"], "");
    env.json(&["account", "remove", "AR-1", "--yes"]);
    assert_eq!(
        env.json(&["token", "list", "--orphaned"])
            .as_array()
            .unwrap()
            .len(),
        0
    );
    assert_eq!(env.json(&["token", "expire"]).as_array().unwrap().len(), 0);
}

#[test]
fn account_import_refusals() {
    let env = TestEnv::new();
    env.json(&["account", "add", "AR-1", "--name", "Zed"]);
    let cases: &[(&[u8], &str)] = &[
        (b"id,name,email\nAR-2,B,\n", "\"phone\" column"),
        (b"id,name,email,phone\nAR-2,B,,\nAR-2,C,,\n", "line 3"),
        (b"id,name,email,phone\nAR-2,B,not-an-email,\n", "line 2"),
        (b"id,name,email,phone\nAR-2,B\xff,,\n", "line 2"),
        (b"id,name,email,phone\nAR-2,,,\n", "no name"),
    ];
    for (content, needle) in cases {
        let p = env.path("bad.csv");
        std::fs::write(&p, content).unwrap();
        let err = env.fails_unchanged(&["account", "import", p.to_str().unwrap()], "", 4);
        assert!(err.contains(needle), "{err}");
    }
    let p = env.write("empty.csv", "id,name,email,phone\n");
    let err = env.fails_unchanged(
        &["account", "import", p.to_str().unwrap(), "--prune"],
        "",
        2,
    );
    assert!(
        err.contains("--yes") && err.contains("every account"),
        "{err}"
    );
    let v = env.json(&["account", "import", p.to_str().unwrap(), "--prune", "--yes"]);
    assert_eq!(v["removed"], serde_json::json!(["AR-1"]));
    env.fails_unchanged(&["account", "import", "/nonexistent.csv"], "", 3);
    // From standard input, and a second import of the same file changes nothing.
    let v = env.json_stdin(&["account", "import", "-"], ACCOUNTS);
    assert_eq!(v["added"], 3);
    let v = env.json_stdin(&["account", "import", "-"], ACCOUNTS);
    assert_eq!(v["unchanged"], 3);
    env.fails_unchanged(&["account", "remove", "AR-404"], "", 3);
    env.fails_unchanged(&["participant", "remove", "RP-404"], "", 3);
}

/// A classification dropped from the latest version keeps, for the tokens issued under it, the
/// policy of their own version: its orphans are still expired by its rule, and listed.
#[test]
fn orphans_of_a_dropped_classification_follow_their_own_version() {
    let env = TestEnv::with_definition(&format!(
        "{TEST_DEFINITION}\n[automation]\norphans_not_effective = false\n[classifications.temp.automation]\norphans_not_effective = true\n"
    ));
    env.json(&["account", "add", "AR-1", "--name", "Zed"]);
    env.new_token(&["--account", "AR-1", "--classification", "temp"], "");
    env.new_token(&["--account", "AR-1"], "");
    // Version 2 drops the classification; the base still keeps orphans effective.
    let v2 = env.write(
        "v2.toml",
        &format!("{TEST_DEFINITION}\n[automation]\norphans_not_effective = false\n"),
    );
    env.json(&["definition", "apply", v2.to_str().unwrap()]);
    env.json(&["account", "remove", "AR-1", "--yes"]);
    let listed = env.json(&["token", "list", "--orphaned"]);
    let numbers: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|t| str_of(t, "number"))
        .collect();
    assert_eq!(numbers, ["AT0000000001"], "{listed}");
    let done = env.json(&["token", "expire"]);
    let done: Vec<&str> = done
        .as_array()
        .unwrap()
        .iter()
        .map(|e| str_of(e, "number"))
        .collect();
    assert_eq!(done, ["AT0000000001"]);
    assert_eq!(
        str_of(&env.json(&["token", "show", "AT0000000002"]), "state"),
        "effective"
    );
}

#[test]
fn nothing_to_expire_in_each_format() {
    let env = TestEnv::new();
    let out = |format: &str| {
        let o = env
            .cmd()
            .args(["token", "expire", "--format", format])
            .output()
            .unwrap();
        assert!(o.status.success());
        String::from_utf8(o.stdout).unwrap()
    };
    assert_eq!(out("csv"), "number,previous_state,state,reason,applied\n");
    assert_eq!(out("json").trim(), "[]");
    assert_eq!(out("table"), "");
}
