//! `TestEnv`: a temporary database with a low-cost test definition, a `cmd()` that runs the
//! built binary against it, and `dump()` of every table to prove a failed command changed
//! nothing.

#![allow(dead_code)]

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// The test definition: the default's rules, with argon2 cheap enough for a test suite.
pub const TEST_DEFINITION: &str = r#"
name = "test"
description = "low-cost definition for tests"

[pass_code.hash]
memory_kib = 256
iterations = 1
parallelism = 1
"#;

pub struct TestEnv {
    pub dir: TempDir,
    pub db: PathBuf,
}

impl TestEnv {
    /// A database initialised with `TEST_DEFINITION` active.
    pub fn new() -> TestEnv {
        Self::with_definition(TEST_DEFINITION)
    }

    /// A database initialised with the given definition active.
    pub fn with_definition(toml: &str) -> TestEnv {
        let env = Self::empty();
        let file = env.write("definition.toml", toml);
        env.cmd()
            .args(["init", "--definition"])
            .arg(&file)
            .assert()
            .success();
        env
    }

    /// No database yet.
    pub fn empty() -> TestEnv {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("data").join("tokenadm.db");
        TestEnv { dir, db }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn write(&self, name: &str, content: &str) -> PathBuf {
        let p = self.path(name);
        std::fs::write(&p, content).expect("write");
        p
    }

    /// The binary, pointed at this database, with a fixed actor and no stray environment.
    pub fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("tokenadm").expect("binary");
        c.env("TOKENADM_DB", &self.db)
            .env("TOKENADM_ACTOR", "tester")
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env("XDG_DATA_HOME", self.dir.path().join("xdg-data"))
            .env_remove("TOKENADM_FORMAT")
            .env_remove("TOKENADM_CONFIG")
            .env_remove("RUST_BACKTRACE")
            .env_remove("VISUAL")
            .env_remove("EDITOR");
        c
    }

    /// Runs `args` with `--format json`, expects success, parses stdout.
    pub fn json(&self, args: &[&str]) -> Value {
        self.json_stdin(args, "")
    }

    pub fn json_stdin(&self, args: &[&str], stdin: &str) -> Value {
        let out = self
            .cmd()
            .args(args)
            .args(["--format", "json"])
            .write_stdin(stdin)
            .output()
            .expect("run");
        assert!(
            out.status.success(),
            "{args:?} failed: {}\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "{args:?}: stdout is not JSON ({e}): {}",
                String::from_utf8_lossy(&out.stdout)
            )
        })
    }

    /// Runs `args`, expects exit `code`, returns stderr; asserts it is one `error:` sentence.
    pub fn fails(&self, args: &[&str], stdin: &str, code: i32) -> String {
        let out = self
            .cmd()
            .args(args)
            .write_stdin(stdin)
            .output()
            .expect("run");
        let stderr = String::from_utf8_lossy(&out.stderr).to_string();
        assert_eq!(out.status.code(), Some(code), "{args:?}: stderr: {stderr}");
        assert_one_error(&stderr);
        stderr
    }

    /// Like `fails`, and also proves the database is exactly as it was.
    pub fn fails_unchanged(&self, args: &[&str], stdin: &str, code: i32) -> String {
        let before = self.dump();
        let stderr = self.fails(args, stdin, code);
        assert_eq!(before, self.dump(), "{args:?} changed the database");
        stderr
    }

    /// Issues a token with `args` after `token new`, returns its JSON.
    pub fn new_token(&self, args: &[&str], stdin: &str) -> Value {
        let mut full = vec!["token", "new"];
        full.extend_from_slice(args);
        self.json_stdin(&full, stdin)
    }

    /// Every row of every table, in a stable order.
    pub fn dump(&self) -> String {
        dump(&self.db)
    }

    pub fn conn(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(&self.db).expect("open db")
    }
}

pub fn dump(db: &Path) -> String {
    let conn = rusqlite::Connection::open(db).expect("open db");
    let mut out = String::new();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("tables");
    for t in tables {
        out.push_str(&format!("== {t}\n"));
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM \"{t}\" ORDER BY 1"))
            .expect("select");
        let n = stmt.column_count();
        let mut rows = stmt.query([]).expect("query");
        while let Some(r) = rows.next().expect("row") {
            let cells: Vec<String> = (0..n)
                .map(|i| format!("{:?}", r.get_ref(i).expect("cell")))
                .collect();
            out.push_str(&cells.join("|"));
            out.push('\n');
        }
    }
    out
}

/// Takes a database's schema back to an older `version`, as far as the tests of upgrades need:
/// the steps that cannot run twice are undone (version 6's and 7's columns), the others run
/// again.
pub fn schema_back_to(conn: &rusqlite::Connection, version: i64) {
    if version < 7 {
        conn.execute_batch(
            "DROP INDEX audit_token_ids; ALTER TABLE audit DROP COLUMN first_token_id;
             ALTER TABLE audit DROP COLUMN last_token_id;",
        )
        .expect("undo schema version 7");
    }
    if version < 6 {
        conn.execute_batch(
            "ALTER TABLE tokens DROP COLUMN uses_day; ALTER TABLE tokens DROP COLUMN uses_today;
             ALTER TABLE tokens DROP COLUMN warned_expires_at;",
        )
        .expect("undo schema version 6");
    }
    conn.pragma_update(None, "user_version", version)
        .expect("set user_version");
}

pub fn str_of<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key]
        .as_str()
        .unwrap_or_else(|| panic!("{key} is not a string in {v}"))
}

/// `python3`, able to import the packages the tests use: aiosmtpd (the real SMTP server of
/// `smtp_server.rs`) and PyJWT (the independent check of our session tokens). Where they are
/// not installed, they are installed once into the target folder (`pip install --target`, which
/// also works where the system Python refuses pip), so that `cargo test` alone works on a
/// fresh machine; `.ci/install-test-deps` does the same up front (CI runs it before building).
pub fn python() -> std::process::Command {
    static PYTHONPATH: std::sync::OnceLock<Result<Option<PathBuf>, String>> =
        std::sync::OnceLock::new();
    let mut command = std::process::Command::new("python3");
    match PYTHONPATH.get_or_init(provision_python) {
        Ok(Some(dir)) => {
            command.env("PYTHONPATH", dir);
        }
        Ok(None) => {}
        Err(e) => panic!("{e}"),
    }
    command
}

fn provision_python() -> Result<Option<PathBuf>, String> {
    use std::process::Stdio;
    let importable = |path: Option<&Path>| {
        let mut c = std::process::Command::new("python3");
        c.args(["-c", "import aiosmtpd, jwt"])
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        if let Some(p) = path {
            c.env("PYTHONPATH", p);
        }
        c.status().is_ok_and(|s| s.success())
    };
    if importable(None) {
        return Ok(None);
    }
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("python-packages");
    if importable(Some(&dir)) {
        return Ok(Some(dir));
    }
    let out = std::process::Command::new("python3")
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
        ])
        .arg("--target")
        .arg(&dir)
        .args(["aiosmtpd>=1.4,<2", "pyjwt>=2.8,<3"])
        .env("PIP_ROOT_USER_ACTION", "ignore")
        .output()
        .map_err(|e| format!("the tests need python3 (with aiosmtpd and PyJWT): {e}"))?;
    if out.status.success() && importable(Some(&dir)) {
        return Ok(Some(dir));
    }
    Err(format!(
        "the tests need python3 with aiosmtpd and PyJWT, and installing them into {} failed: {}; run bash .ci/install-test-deps",
        dir.display(),
        String::from_utf8_lossy(&out.stderr).trim()
    ))
}

/// The house rule for a failure: one line on stderr, `error: ` and one sentence.
pub fn assert_one_error(stderr: &str) {
    assert!(stderr.starts_with("error: "), "stderr: {stderr}");
    assert_eq!(
        stderr.trim_end().lines().count(),
        1,
        "not one line: {stderr}"
    );
}

/// A config file whose `email_command` keeps every email it is given, in order, so a test
/// reads what was really sent (`outbox show` never shows a secret).
pub struct Mailbag {
    pub dir: PathBuf,
    pub config: PathBuf,
}

/// One email as `email_command` received it: its headers and its body (CRLF made LF).
#[derive(Debug, Clone)]
pub struct Mail {
    pub recipient: String,
    pub headers: String,
    pub body: String,
}

impl Mail {
    /// The value of header `name` (the first one).
    pub fn header(&self, name: &str) -> Option<String> {
        let prefix = format!("{}:", name.to_ascii_lowercase());
        self.headers.lines().find_map(|l| {
            l.to_ascii_lowercase()
                .starts_with(&prefix)
                .then(|| l[prefix.len()..].trim().to_string())
        })
    }

    /// The value after `label` on a line of the body, if such a line exists.
    pub fn line(&self, label: &str) -> Option<String> {
        self.body
            .lines()
            .find_map(|l| l.strip_prefix(label))
            .map(|v| v.trim().to_string())
    }
}

impl Mailbag {
    /// A mailbag in `env`'s folder; `extra` is more of the config file (after `[delivery]`).
    pub fn new(env: &TestEnv, extra: &str) -> Mailbag {
        let dir = env.path("mailbag");
        std::fs::create_dir_all(&dir).unwrap();
        let script = env.write(
            "mailbag.sh",
            "dir=\"$1\"; n=$(ls \"$dir\" | wc -l); printf '%s\\n' \"$2\" > \"$dir/.to\"; \
             { cat \"$dir/.to\"; cat; } > \"$dir/$(printf '%05d' \"$n\").eml\"; rm \"$dir/.to\"; \
             if [ -e \"$dir/.fail\" ]; then echo 'try again later' >&2; exit 75; fi\n",
        );
        let command =
            serde_json::to_string(&["/bin/sh", script.to_str().unwrap(), dir.to_str().unwrap()])
                .unwrap();
        let config = env.write(
            "mailbag.toml",
            &format!(
                "[delivery]\nemail_command = {command}\nemail_from = \"crm@example.com\"\n{extra}\n"
            ),
        );
        Mailbag { dir, config }
    }

    /// `outbox deliver` through this mailbag; its stdout as JSON.
    pub fn deliver(&self, env: &TestEnv) -> Value {
        env.json(&[
            "outbox",
            "deliver",
            "--config",
            self.config.to_str().unwrap(),
        ])
    }

    /// Whether the transport takes in the emails it is given but then fails (a transient
    /// failure: the message stays pending for a retry), like a crash after the send.
    pub fn fail(&self, fail: bool) {
        let marker = self.dir.join(".fail");
        if fail {
            std::fs::write(marker, "").unwrap();
        } else {
            let _ = std::fs::remove_file(marker);
        }
    }

    /// Every email received so far, oldest first (a failed attempt's too).
    pub fn mails(&self) -> Vec<Mail> {
        let mut names: Vec<PathBuf> = std::fs::read_dir(&self.dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "eml"))
            .collect();
        names.sort();
        names
            .iter()
            .map(|p| {
                let raw = std::fs::read_to_string(p).unwrap().replace("\r\n", "\n");
                let (recipient, message) = raw.split_once('\n').unwrap();
                let (headers, body) = message.split_once("\n\n").unwrap_or((message, ""));
                Mail {
                    recipient: recipient.to_string(),
                    headers: headers.to_string(),
                    body: body.to_string(),
                }
            })
            .collect()
    }
}

/// The verification code last sent for token `number`: verification codes live only as
/// digests and waiting messages hold their secrets sealed, so tests deliver what is due
/// through a [`Mailbag`] and read the code in the mail (the 6-digit word of the newest mail
/// that names the token).
pub fn verification_code(env: &TestEnv, number: &str) -> String {
    let bag = Mailbag::new(env, "");
    bag.deliver(env);
    bag.mails()
        .iter()
        .rev()
        .filter(|m| m.body.contains(number))
        .find_map(|m| {
            m.body
                .split(|c: char| !c.is_ascii_digit())
                .find(|w| w.len() == 6)
                .map(str::to_string)
        })
        .unwrap_or_else(|| panic!("no verification code for {number} in the mails"))
}
