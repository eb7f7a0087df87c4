//! `contrib/` (issue #12, item 9): the systemd service and timer pairs and the cron lines for
//! `token expire` and `outbox deliver` are valid (systemd-analyze verify, where it is
//! installed; a cron syntax check) and their commands do their job against a real database.

use crate::support::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn contrib() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("contrib")
}

fn bin() -> PathBuf {
    assert_cmd::cargo::cargo_bin("tokenadm")
}

/// A database with something to expire and something to deliver, and a config whose SMS
/// transport is `/bin/true`.
fn busy_env() -> (TestEnv, PathBuf) {
    let env = TestEnv::with_definition(&format!(
        "{TEST_DEFINITION}\n[communication.on_create]\nenabled = true\nmedia = \"sms\"\n\
         subject = \"New\"\ntemplate = \"Your token #access_token.number\"\n"
    ));
    env.json(&[
        "account",
        "add",
        "AR-1",
        "--name",
        "Alpha",
        "--phone",
        "+35799000001",
    ]);
    env.new_token(&["--account", "AR-1"], "");
    env.json(&["account", "remove", "AR-1", "--yes"]);
    let config = env.write("config.toml", "[delivery]\nsms_command = \"/bin/true\"\n");
    (env, config)
}

fn after_the_jobs(env: &TestEnv) {
    let t = env.json(&["token", "show", "AT0000000001"]);
    assert_eq!(t["state"], "not_effective");
    let s = env.json(&["status"]);
    assert_eq!(s["outbox"]["pending"], 0, "{s}");
}

#[test]
fn systemd_units_verify_and_their_commands_work() {
    let units = ["tokenadm-expire", "tokenadm-deliver"];
    let dir = tempfile::tempdir().unwrap();
    // The units as installed, with the binary this build made where they expect
    // /usr/local/bin/tokenadm, and the man pages they name on MANPATH.
    let man1 = dir.path().join("man").join("man1");
    std::fs::create_dir_all(&man1).unwrap();
    for page in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("man")).unwrap() {
        let page = page.unwrap().path();
        std::fs::copy(&page, man1.join(page.file_name().unwrap())).unwrap();
    }
    let mut files = Vec::new();
    for unit in units {
        for kind in ["service", "timer"] {
            let name = format!("{unit}.{kind}");
            let text = std::fs::read_to_string(contrib().join("systemd").join(&name)).unwrap();
            let path = dir.path().join(&name);
            std::fs::write(
                &path,
                text.replace("/usr/local/bin/tokenadm", bin().to_str().unwrap()),
            )
            .unwrap();
            files.push(path);
        }
    }
    match Command::new("systemd-analyze")
        .arg("verify")
        .args(&files)
        .env("MANPATH", dir.path().join("man"))
        .output()
    {
        Ok(out) => {
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(
                out.status.success() && stderr.trim().is_empty(),
                "systemd-analyze verify: {stderr}"
            );
        }
        Err(e) => {
            eprintln!("systemd-analyze is not installed ({e}); the units' syntax is unchecked")
        }
    }

    // What ExecStart runs, with the unit's environment, does the job and prints nothing.
    let (env, config) = busy_env();
    for unit in units {
        let text =
            std::fs::read_to_string(contrib().join("systemd").join(format!("{unit}.service")))
                .unwrap();
        let mut vars = BTreeMap::new();
        let mut exec = None;
        for line in text.lines() {
            if let Some(kv) = line.strip_prefix("Environment=") {
                let (k, v) = kv.split_once('=').unwrap();
                vars.insert(k.to_string(), v.to_string());
            }
            if let Some(cmd) = line.strip_prefix("ExecStart=") {
                exec = Some(cmd.to_string());
            }
        }
        assert_eq!(vars["TOKENADM_DB"], "/var/lib/tokenadm/tokenadm.db");
        let exec = exec.expect("ExecStart");
        let mut words = exec.split_whitespace();
        assert_eq!(words.next(), Some("/usr/local/bin/tokenadm"));
        let out = Command::new(bin())
            .args(words)
            .envs(&vars)
            .env("TOKENADM_DB", &env.db)
            .env("TOKENADM_CONFIG", &config)
            .output()
            .unwrap();
        assert!(
            out.status.success() && out.stdout.is_empty() && out.stderr.is_empty(),
            "{unit}: {out:?}"
        );
    }
    after_the_jobs(&env);
    let log = env.json(&["audit", "--action", "token.expire"]);
    assert_eq!(log[0]["actor"], "systemd-timer");
}

/// One field of a cron time: `*`, `*/n`, `a`, `a-b`, `a-b/n`, and lists of them, in range.
fn cron_field_ok(field: &str, min: u32, max: u32) -> bool {
    field.split(',').all(|part| {
        let (range, step) = match part.split_once('/') {
            Some((r, s)) => (r, s.parse::<u32>().ok().filter(|s| *s > 0).map(Some)),
            None => (part, Some(None)),
        };
        let Some(_step) = step else { return false };
        let in_range = |v: &str| v.parse::<u32>().is_ok_and(|v| (min..=max).contains(&v));
        match range.split_once('-') {
            _ if range == "*" => true,
            Some((a, b)) => in_range(a) && in_range(b) && a.parse::<u32>().ok() <= b.parse().ok(),
            None => in_range(range),
        }
    })
}

#[test]
fn cron_lines_are_valid_and_their_commands_work() {
    let text = std::fs::read_to_string(contrib().join("cron").join("tokenadm")).unwrap();
    let mut vars = BTreeMap::new();
    let mut jobs = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split_whitespace().collect();
        if fields.len() == 1 && line.contains('=') {
            let (k, v) = line.split_once('=').unwrap();
            vars.insert(k.to_string(), v.to_string());
            continue;
        }
        assert!(fields.len() >= 7, "not a cron.d line: {line}");
        let limits = [(0, 59), (0, 23), (1, 31), (1, 12), (0, 7)];
        for (f, (min, max)) in fields.iter().zip(limits) {
            assert!(cron_field_ok(f, min, max), "bad time field {f:?} in {line}");
        }
        assert_eq!(fields[5], "tokenadm", "the user field: {line}");
        jobs.push(fields[6..].join(" "));
    }
    assert!(
        cron_field_ok("*/5", 0, 59) && !cron_field_ok("61", 0, 59) && !cron_field_ok("*/0", 0, 59)
    );
    assert_eq!(jobs.len(), 2, "{jobs:?}");
    assert!(jobs.iter().any(|j| j.contains("token expire -q")));
    assert!(jobs.iter().any(|j| j.contains("outbox deliver -q")));

    let (env, config) = busy_env();
    let bin_dir = bin().parent().unwrap().to_path_buf();
    for job in &jobs {
        let out = Command::new("/bin/sh")
            .arg("-c")
            .arg(job)
            .env_clear()
            .envs(&vars)
            .env("PATH", format!("{}:/usr/bin:/bin", bin_dir.display()))
            .env("TOKENADM_DB", &env.db)
            .env("TOKENADM_CONFIG", &config)
            .output()
            .unwrap();
        assert!(
            out.status.success() && out.stdout.is_empty() && out.stderr.is_empty(),
            "{job}: {out:?}"
        );
    }
    after_the_jobs(&env);
}
