//! `-q` means quiet (issue #12, item 4): a nightly job that went well prints nothing at all,
//! in any format; a record a script asked for (`token new`, `token show`) is still printed.

use crate::support::*;

/// Runs `args` with `-q`, expects success, and that nothing at all was printed.
fn silent(env: &TestEnv, args: &[&str]) {
    for format in ["table", "json", "csv"] {
        let out = env
            .cmd()
            .args(args)
            .args(["-q", "--format", format])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.stdout.is_empty() && out.stderr.is_empty(),
            "{args:?} --format {format} -q printed: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn nightly_jobs_print_nothing_under_q() {
    let env = TestEnv::empty();
    let def = env.write("definition.toml", TEST_DEFINITION);
    let out = env
        .cmd()
        .args(["init", "-q", "--definition"])
        .arg(&def)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(out.stdout.is_empty() && out.stderr.is_empty(), "{out:?}");
    // Again, on the existing database.
    silent(&env, &["init"]);

    let accounts = env.write(
        "accounts.csv",
        "id,name,email,phone\nAR-1,Alpha,,\nAR-2,Beta,,\n",
    );
    silent(
        &env,
        &[
            "account",
            "import",
            accounts.to_str().unwrap(),
            "--prune",
            "--yes",
        ],
    );
    env.new_token(&["--account", "AR-2"], "");
    let fewer = env.write("fewer.csv", "id,name,email,phone\nAR-1,Alpha,,\n");
    silent(
        &env,
        &[
            "account",
            "import",
            fewer.to_str().unwrap(),
            "--prune",
            "--yes",
        ],
    );
    // The token of AR-2 is orphaned now: expire changes it, silently under -q.
    let out = env.cmd().args(["token", "expire", "-q"]).output().unwrap();
    assert!(out.status.success());
    assert!(out.stdout.is_empty() && out.stderr.is_empty(), "{out:?}");
    assert_eq!(
        env.json(&["token", "show", "AT0000000001"])["state"],
        "not_effective"
    );
    silent(&env, &["token", "expire"]);
    // Nothing due, no transport needed: delivery is quiet too.
    silent(&env, &["outbox", "deliver"]);
    silent(&env, &["audit", "verify"]);
    env.json(&["participant", "add", "RP-1", "--account", "AR-1"]);
    let out = env
        .cmd()
        .args(["participant", "remove", "RP-1", "--yes", "-q"])
        .output()
        .unwrap();
    assert!(out.status.success() && out.stdout.is_empty() && out.stderr.is_empty());

    // A record a script asked for is what -q keeps.
    let out = env
        .cmd()
        .args(["token", "show", "AT0000000001", "-q", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success() && out.stderr.is_empty());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["number"], "AT0000000001");
}
