//! The outbox through the binary (issue #5): the seeds' business example end to end against
//! a real SMTP server, delivery right after the command, the server down and back, a refused
//! recipient, giving up after `max_attempts`, concurrent `outbox deliver` runs, an SMS through
//! `sms_command`, no configuration, and no secret left at rest once a message is sent.
//! No test sleeps: retries are made due with `backoff = "0s"` or by moving `next_attempt_at`.

use crate::smtp_server::SmtpServer;
use crate::support::*;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Output;

/// The seeds' example: participants verify by email before their token works.
const BUSINESS: &str = r#"
name = "rewards"
description = "participants verify by email"

[pass_code.hash]
memory_kib = 256
iterations = 1
parallelism = 1

[verification]
required_for = ["participant"]

[communication.on_verification]
media = "email"
subject = "Your rewards access at #accounts_receivable.name"
template = """
Dear #rewards_participant.name,

welcome to the rewards programme of #accounts_receivable.name.
Your verification code: #access_token.verification_code
"""
"#;

/// Direct tokens verify by email; on_create sends the identifier, pass code and code.
pub const DIRECT: &str = r#"
name = "direct"
description = "direct tokens verify by email"

[pass_code.hash]
memory_kib = 256
iterations = 1
parallelism = 1

[verification]
required_for = ["direct"]

[communication.on_verification]
media = "email"
subject = "Verification for #access_token.number"
template = "Your verification code: #access_token.verification_code\n"

[communication.on_create]
enabled = true
media = "email"
subject = "Token #access_token.number"
template = """
Identifier: #access_token.identifier
Pass code: #access_token.pass_code
Authentication code: #access_token.authentication_code
"""
"#;

/// `[delivery]` for this SMTP server, plus `extra` lines.
pub fn smtp_toml(server: &SmtpServer, extra: &str) -> String {
    format!(
        "[delivery]\nemail = \"{}\"\nemail_from = \"CRM Desk <crm@example.com>\"\ntimeout = \"5s\"\n{extra}\n",
        server.url()
    )
}

/// Writes the default config file, `$XDG_CONFIG_HOME/tokenadm/config.toml`.
pub fn write_default_config(env: &TestEnv, toml: &str) -> PathBuf {
    let dir = env.dir.path().join("config").join("tokenadm");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("config.toml");
    std::fs::write(&path, toml).unwrap();
    path
}

pub fn run(env: &TestEnv, args: &[&str], stdin: &str) -> Output {
    env.cmd().args(args).write_stdin(stdin).output().unwrap()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).to_string()
}

fn ok_json(out: &Output) -> Value {
    assert!(out.status.success(), "failed: {}", stderr(out));
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

/// `outbox deliver --config FILE --format json`, which must succeed; the attempted records.
fn deliver(env: &TestEnv, config: &Path) -> Vec<Value> {
    let v = env.json(&["outbox", "deliver", "--config", config.to_str().unwrap()]);
    v.as_array().unwrap().clone()
}

/// `outbox deliver --config FILE --format json` when some message cannot be sent: exit 1, the
/// attempted records still on stdout, and the error last on stderr.
fn deliver_unsent(env: &TestEnv, config: &Path) -> (Vec<Value>, String) {
    let out = run(
        env,
        &[
            "outbox",
            "deliver",
            "--format",
            "json",
            "--config",
            config.to_str().unwrap(),
        ],
        "",
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let records: Value = serde_json::from_slice(&out.stdout).unwrap();
    (records.as_array().unwrap().clone(), err)
}

pub fn show(env: &TestEnv, id: i64) -> Value {
    env.json(&["outbox", "show", &id.to_string()])
}

pub fn outbox(env: &TestEnv, args: &[&str]) -> Vec<Value> {
    let mut full = vec!["outbox", "list"];
    full.extend_from_slice(args);
    env.json(&full).as_array().unwrap().clone()
}

/// Whether `word` stands on its own in `text`. A short numeric code can turn up by chance inside
/// a hash or a longer code, so a plain `contains` would fail a few runs in a hundred.
pub fn has_word(text: &str, word: &str) -> bool {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| w == word)
}

/// The value after `label` on a line of `text`.
pub fn line_value(text: &str, label: &str) -> String {
    text.lines()
        .find_map(|l| l.strip_prefix(label))
        .unwrap_or_else(|| panic!("no {label:?} line in {text:?}"))
        .trim()
        .to_string()
}

fn business_env() -> TestEnv {
    let env = TestEnv::with_definition(BUSINESS);
    env.json(&[
        "account",
        "add",
        "AR-1",
        "--name",
        "Alpha Ltd",
        "--email",
        "billing@alpha.example",
    ]);
    env.json(&[
        "participant",
        "add",
        "RP-1",
        "--account",
        "AR-1",
        "--name",
        "Maria Georgiou",
        "--email",
        "maria@example.com",
    ]);
    env
}

#[test]
fn the_business_example_end_to_end() {
    let env = business_env();

    // No delivery configured yet: the token is pending and its message waits, and says why.
    let out = run(
        &env,
        &["token", "new", "--participant", "RP-1", "--format", "json"],
        "",
    );
    let token = ok_json(&out);
    let number = str_of(&token, "number").to_string();
    assert_eq!(token["state"], "pending_verification");
    assert!(
        stderr(&out).contains("1 email message stays pending"),
        "{}",
        stderr(&out)
    );
    let listed = outbox(&env, &[]);
    assert_eq!(listed.len(), 1, "{listed:?}");
    let m = &listed[0];
    assert_eq!(m["token"], number.as_str());
    assert_eq!(m["event"], "on_verification");
    assert_eq!(m["media"], "email");
    assert_eq!(m["recipient"], "maria@example.com");
    assert_eq!(m["status"], "pending");
    assert_eq!(m["subject"], "Your rewards access at Alpha Ltd");
    assert!(m.get("body").is_none(), "list never shows a body: {m}");
    let id = m["id"].as_i64().unwrap();

    // The operator sets up delivery; cron runs `outbox deliver`.
    let server = SmtpServer::start();
    let config = env.write("delivery.toml", &smtp_toml(&server, ""));
    let done = deliver(&env, &config);
    assert_eq!(done.len(), 1, "{done:?}");
    assert_eq!(done[0]["id"], id);
    assert_eq!(done[0]["token"], number.as_str());
    assert_eq!(done[0]["recipient"], "maria@example.com");
    assert_eq!(done[0]["status"], "sent");
    assert_eq!(done[0]["error"], Value::Null);

    let mails = server.messages();
    assert_eq!(mails.len(), 1, "{mails:?}");
    let mail = &mails[0];
    assert_eq!(mail.to, ["maria@example.com"]);
    assert_eq!(mail.from, "crm@example.com");
    assert_eq!(mail.subject, "Your rewards access at Alpha Ltd");
    assert!(
        mail.body.starts_with(
            "Dear Maria Georgiou,\n\nwelcome to the rewards programme of Alpha Ltd.\n"
        ),
        "{}",
        mail.body
    );
    let code = line_value(&mail.body, "Your verification code:");
    assert_eq!(code.len(), 6, "{code}");
    assert!(code.chars().all(|c| c.is_ascii_digit()), "{code}");

    // The code that arrived by mail is the one `verify` accepts.
    let verified = env.json_stdin(&["verify", &number, "--code-stdin"], &format!("{code}\n"));
    assert_eq!(verified["state"], "effective");
    assert!(verified["verified_at"].is_string());

    // The message keeps its metadata; its body is gone.
    let sent = show(&env, id);
    assert_eq!(sent["status"], "sent");
    assert_eq!(sent["body"], Value::Null);
    assert_eq!(sent["attempts"], 1);
    assert_eq!(sent["recipient"], "maria@example.com");
    assert_eq!(sent["event"], "on_verification");
    assert!(sent["sent_at"].is_string());
    assert_eq!(sent["next_attempt_at"], Value::Null);

    // The audit log says it was sent, without the body.
    let audit = env.json(&["audit", "--action", "outbox.sent"]);
    let entries = audit.as_array().unwrap();
    assert_eq!(entries.len(), 1, "{audit}");
    assert_eq!(entries[0]["token"], number.as_str());
    assert!(!has_word(&audit.to_string(), &code), "{audit}");
    env.json(&["audit", "verify"]);

    // A second run has nothing to do: an empty list, and under -q nothing at all.
    assert!(deliver(&env, &config).is_empty());
    let out = run(
        &env,
        &[
            "outbox",
            "deliver",
            "-q",
            "--config",
            config.to_str().unwrap(),
        ],
        "",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(out.stdout.is_empty() && out.stderr.is_empty(), "{out:?}");
    assert_eq!(server.messages().len(), 1);
}

#[test]
fn a_configured_command_delivers_its_own_message_at_once() {
    let env = business_env();
    let server = SmtpServer::start();
    write_default_config(&env, &smtp_toml(&server, ""));

    let out = run(
        &env,
        &["token", "new", "--participant", "RP-1", "--format", "json"],
        "",
    );
    let token = ok_json(&out);
    let number = str_of(&token, "number").to_string();
    assert!(
        stderr(&out).contains("sent the on_verification message"),
        "{}",
        stderr(&out)
    );
    let mails = server.messages();
    assert_eq!(mails.len(), 1, "{mails:?}");
    assert_eq!(outbox(&env, &["--status", "sent"]).len(), 1);
    assert!(outbox(&env, &["--status", "pending"]).is_empty());

    // resend-code delivers its new code at once too, and only the newest code verifies.
    let first = line_value(&mails[0].body, "Your verification code:");
    let out = run(
        &env,
        &["token", "resend-code", &number, "--format", "json"],
        "",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let mails = server.messages();
    assert_eq!(mails.len(), 2, "{mails:?}");
    let second = line_value(&mails[1].body, "Your verification code:");
    if first != second {
        env.fails(
            &["verify", &number, "--code-stdin"],
            &format!("{first}\n"),
            6,
        );
    }
    let v = env.json_stdin(&["verify", &number, "--code-stdin"], &format!("{second}\n"));
    assert_eq!(v["state"], "effective");
    assert_eq!(
        outbox(&env, &["--status", "sent", "--token", &number]).len(),
        2
    );
}

#[test]
fn reset_passcode_notify_delivers_the_new_pass_code() {
    let env = TestEnv::with_definition(
        r#"
name = "reset"
[pass_code.hash]
memory_kib = 256
iterations = 1
parallelism = 1
[communication.on_reset]
media = "email"
subject = "New pass code"
template = "New pass code: #access_token.pass_code\n"
"#,
    );
    let server = SmtpServer::start();
    let t = env.new_token(
        &["--identifier", "rita@example.com", "--pass-code-stdin"],
        "Original-Pass-1234\n",
    );
    let number = str_of(&t, "number").to_string();
    write_default_config(&env, &smtp_toml(&server, ""));
    let reset = env.json(&["token", "reset-passcode", &number, "--notify"]);
    let generated = reset["secrets"]["pass_code"].as_str().unwrap();
    let mails = server.messages();
    assert_eq!(mails.len(), 1, "{mails:?}");
    assert_eq!(mails[0].to, ["rita@example.com"]);
    assert_eq!(line_value(&mails[0].body, "New pass code:"), generated);
    let m = &outbox(&env, &["--token", &number])[0];
    assert_eq!(
        (m["event"].as_str(), m["status"].as_str()),
        (Some("on_reset"), Some("sent"))
    );
}

/// Every byte of the database, its WAL and its shared-memory file.
fn database_bytes(env: &TestEnv) -> Vec<u8> {
    let mut haystack = Vec::new();
    for suffix in ["", "-wal", "-shm"] {
        let p = env.db.with_file_name(format!("tokenadm.db{suffix}"));
        if let Ok(bytes) = std::fs::read(&p) {
            haystack.extend(bytes);
        }
    }
    haystack
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[test]
fn no_secret_stays_in_the_database_once_its_message_is_sent() {
    let env = TestEnv::with_definition(DIRECT);
    let t = env.new_token(
        &["--identifier", "sam@example.com", "--generate-pass-code"],
        "",
    );
    assert_eq!(t["state"], "pending_verification");
    let pass = str_of(&t["secrets"], "pass_code").to_string();
    let auth = str_of(&t["secrets"], "authentication_code").to_string();
    // While queued, the bodies hold placeholders and the secrets are sealed under the outbox
    // key, which is not in the database (issue #11, item 5); the search does find what is
    // not secret.
    let queued = database_bytes(&env);
    assert!(
        contains(&queued, "sam@example.com"),
        "the search finds nothing"
    );
    for secret in [&pass, &auth] {
        assert!(
            !contains(&queued, secret),
            "{secret} is in the database while queued"
        );
    }

    // Another connection stays open through the run (as a second tokenadm would), so the
    // write-ahead log outlives the deliver process and must not keep the bodies either.
    let other = env.conn();
    let _: i64 = other
        .query_row("SELECT count(*) FROM outbox", [], |r| r.get(0))
        .unwrap();
    let server = SmtpServer::start();
    let config = env.write("delivery.toml", &smtp_toml(&server, ""));
    let done = deliver(&env, &config);
    assert_eq!(done.len(), 2, "{done:?}");
    assert!(done.iter().all(|d| d["status"] == "sent"), "{done:?}");

    let mails = server.messages();
    assert_eq!(mails.len(), 2);
    let verification = mails
        .iter()
        .find(|m| m.subject.starts_with("Verification"))
        .unwrap();
    let code = line_value(&verification.body, "Your verification code:");
    let created = mails
        .iter()
        .find(|m| m.subject.starts_with("Token"))
        .unwrap();
    assert_eq!(line_value(&created.body, "Pass code:"), pass);
    assert_eq!(line_value(&created.body, "Authentication code:"), auth);
    assert_eq!(line_value(&created.body, "Identifier:"), "sam@example.com");

    let bodies: i64 = env
        .conn()
        .query_row(
            "SELECT count(*) FROM outbox WHERE body IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(bodies, 0);
    let haystack = database_bytes(&env);
    for secret in [&pass, &auth, &code] {
        assert!(
            !contains(&haystack, secret),
            "secret {secret} is still in the database files"
        );
    }
    // And the code still works: only the body was erased.
    let v = env.json_stdin(
        &["verify", str_of(&t, "number"), "--code-stdin"],
        &format!("{code}\n"),
    );
    assert_eq!(v["state"], "effective");
}

#[test]
fn server_down_the_token_is_issued_and_the_message_waits_until_it_is_back() {
    let env = TestEnv::with_definition(DIRECT);
    let mut server = SmtpServer::start();
    let port = server.port();
    write_default_config(&env, &smtp_toml(&server, "backoff = \"10m\""));
    server.stop();

    let out = run(
        &env,
        &[
            "token",
            "new",
            "--identifier",
            "bob@example.com",
            "--pass-code-stdin",
            "--format",
            "json",
        ],
        "Bobs-Pass-Code-99\n",
    );
    let token = ok_json(&out);
    assert_eq!(token["state"], "pending_verification");
    let err = stderr(&out);
    assert!(err.contains("warning: "), "{err}");
    assert!(err.contains(&format!("127.0.0.1:{port}")), "{err}");
    assert!(err.contains("outbox deliver"), "{err}");

    let pending = outbox(&env, &["--status", "pending"]);
    assert_eq!(pending.len(), 2, "{pending:?}");
    for m in &pending {
        assert_eq!(m["attempts"], 1);
        assert!(
            m["last_error"]
                .as_str()
                .unwrap()
                .contains(&format!("127.0.0.1:{port}")),
            "{m}"
        );
        // Retried in ten minutes, not now.
        let next: jiff::Timestamp = m["next_attempt_at"].as_str().unwrap().parse().unwrap();
        let created: jiff::Timestamp = m["created_at"].as_str().unwrap().parse().unwrap();
        let wait = next.as_second() - created.as_second();
        assert!((600..=660).contains(&wait), "{m}");
    }

    // Back on the same port; the messages are not due yet, so nothing goes out.
    let server = SmtpServer::builder().port(port).start();
    assert!(env
        .json(&["outbox", "deliver"])
        .as_array()
        .unwrap()
        .is_empty());
    assert!(server.messages().is_empty());

    // Time passes (moved, not slept); now they go, once each.
    env.conn()
        .execute("UPDATE outbox SET next_attempt_at = 0", [])
        .unwrap();
    let done = env.json(&["outbox", "deliver"]);
    let done = done.as_array().unwrap();
    assert_eq!(done.len(), 2, "{done:?}");
    assert!(done
        .iter()
        .all(|d| d["status"] == "sent" && d["attempts"] == 2));
    assert_eq!(server.messages().len(), 2);
    assert!(outbox(&env, &["--status", "pending"]).is_empty());
    assert!(env
        .json(&["outbox", "deliver"])
        .as_array()
        .unwrap()
        .is_empty());
    assert_eq!(server.messages().len(), 2);
}

#[test]
fn a_refused_recipient_fails_at_once_with_the_smtp_error_visible() {
    let env = TestEnv::with_definition(
        r#"
name = "notify"
[communication.on_create]
enabled = true
media = "email"
template = "Your token is #access_token.number.\n"
"#,
    );
    env.json(&[
        "account",
        "add",
        "AR-9",
        "--name",
        "Gone Ltd",
        "--email",
        "nobody@example.com",
    ]);
    let server = SmtpServer::builder().refuse("nobody@example.com").start();
    write_default_config(&env, &smtp_toml(&server, ""));

    let out = run(
        &env,
        &["token", "new", "--account", "AR-9", "--format", "json"],
        "",
    );
    let token = ok_json(&out);
    let err = stderr(&out);
    assert!(
        err.contains("warning: ") && err.contains("failed for good"),
        "{err}"
    );

    let failed = outbox(&env, &["--status", "failed"]);
    assert_eq!(failed.len(), 1, "{failed:?}");
    let m = show(&env, failed[0]["id"].as_i64().unwrap());
    assert_eq!(m["status"], "failed");
    assert_eq!(m["attempts"], 1);
    assert_eq!(m["token"], token["number"]);
    assert_eq!(m["next_attempt_at"], Value::Null);
    let last = m["last_error"].as_str().unwrap();
    assert!(
        last.contains("550") && last.contains("nobody@example.com"),
        "{last}"
    );
    // Failed for good, it is never sent: its body, which may hold a secret, is erased like a
    // sent one's; subject, recipient and error stay for the operator.
    assert_eq!(m["body"], Value::Null, "{m}");
    assert!(m["subject"].is_string(), "{m}");

    // Not retried.
    assert!(env
        .json(&["outbox", "deliver"])
        .as_array()
        .unwrap()
        .is_empty());
    assert!(server.messages().is_empty());
    let audit = env.json(&["audit", "--action", "outbox.failed"]);
    assert_eq!(audit.as_array().unwrap().len(), 1, "{audit}");
    assert!(audit.to_string().contains("550"), "{audit}");
}

#[test]
fn transient_failures_are_retried_then_given_up_after_max_attempts() {
    let env = TestEnv::with_definition(DIRECT);
    env.new_token(
        &["--identifier", "carl@example.com", "--pass-code-stdin"],
        "Carls-Pass-Code-1\n",
    );
    let mut server = SmtpServer::start();
    let config = env.write(
        "delivery.toml",
        &smtp_toml(&server, "max_attempts = 2\nbackoff = \"0s\""),
    );
    server.stop();

    let (first, err) = deliver_unsent(&env, &config);
    assert_eq!(first.len(), 2, "{first:?}");
    for d in &first {
        assert_eq!(d["status"], "pending", "{d}");
        assert_eq!(d["attempts"], 1);
        assert!(d["error"].as_str().unwrap().contains("127.0.0.1"), "{d}");
    }
    assert!(
        err.lines().last().unwrap().starts_with(
            "error: 2 of 2 messages could not be sent (2 to retry on a later run, 0 failed for good)"
        ),
        "{err}"
    );
    // backoff 0s: due again at once, but each run tries a message only once.
    let (second, err) = deliver_unsent(&env, &config);
    assert!(
        err.contains("(0 to retry on a later run, 2 failed for good)"),
        "{err}"
    );
    assert_eq!(second.len(), 2, "{second:?}");
    for d in &second {
        assert_eq!(d["status"], "failed", "{d}");
        assert_eq!(d["attempts"], 2);
        assert_eq!(d["next_attempt_at"], Value::Null);
    }
    assert!(deliver(&env, &config).is_empty());
    let failed = outbox(&env, &["--status", "failed"]);
    assert_eq!(failed.len(), 2);
    assert!(failed[0]["last_error"]
        .as_str()
        .unwrap()
        .contains("127.0.0.1"));
}

/// Bulk commands deliver what they queued right after committing, like `token new`: an import
/// and `token new --count` with delivery configured send their messages at once, with one
/// summary line for many; a bad --config stops an import before it writes anything.
#[test]
fn bulk_issuance_delivers_its_messages_after_the_commit() {
    let env = TestEnv::with_definition(
        r#"
name = "bulk"
[communication.on_create]
enabled = true
media = "email"
subject = "Token #access_token.number"
template = "Authentication code: #access_token.authentication_code\n"
"#,
    );
    env.json(&[
        "account",
        "add",
        "AR-1",
        "--name",
        "Alpha Ltd",
        "--email",
        "bulk@alpha.example",
    ]);
    let server = SmtpServer::start();
    let config = env.write("delivery.toml", &smtp_toml(&server, ""));
    let config = config.to_str().unwrap();

    let rows: String = std::iter::once("account\n".to_string())
        .chain((0..12).map(|_| "AR-1\n".to_string()))
        .collect();
    let file = env.write("rows.csv", &rows);
    let missing = env.path("nope.toml");
    env.fails_unchanged(
        &[
            "token",
            "import",
            file.to_str().unwrap(),
            "--config",
            missing.to_str().unwrap(),
        ],
        "",
        3,
    );
    let out = run(
        &env,
        &[
            "token",
            "import",
            file.to_str().unwrap(),
            "--format",
            "json",
            "--config",
            config,
        ],
        "",
    );
    let records = ok_json(&out);
    let err = stderr(&out);
    assert!(err.contains("sent 12 of the 12 messages queued"), "{err}");
    assert_eq!(
        err.matches("sent the").count(),
        0,
        "one line for many: {err}"
    );
    let mails = server.messages();
    assert_eq!(mails.len(), 12, "{mails:?}");
    // Each mail carries the code printed for its token.
    for (record, mail) in records.as_array().unwrap().iter().zip(&mails) {
        let code = record["secrets"]["authentication_code"].as_str().unwrap();
        assert_eq!(line_value(&mail.body, "Authentication code:"), code);
    }
    assert!(outbox(&env, &["--status", "pending"]).is_empty());

    let out = run(
        &env,
        &[
            "token",
            "new",
            "--account",
            "AR-1",
            "--count",
            "2",
            "--config",
            config,
        ],
        "",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stderr(&out).matches("sent the on_create message").count(),
        2,
        "{}",
        stderr(&out)
    );
    assert_eq!(server.messages().len(), 14);
}

#[test]
fn concurrent_deliver_runs_send_every_message_exactly_once() {
    const N: usize = 40;
    let env = TestEnv::with_definition(
        r#"
name = "bulk"
[communication.on_create]
enabled = true
media = "email"
subject = "Token #access_token.number"
template = "Authentication code: #access_token.authentication_code\n"
"#,
    );
    env.json(&[
        "account",
        "add",
        "AR-1",
        "--name",
        "Alpha Ltd",
        "--email",
        "bulk@alpha.example",
    ]);
    env.json(&[
        "token",
        "new",
        "--account",
        "AR-1",
        "--count",
        &N.to_string(),
    ]);
    assert_eq!(outbox(&env, &["--status", "pending"]).len(), N);

    let server = SmtpServer::start();
    let config = env.write("delivery.toml", &smtp_toml(&server, ""));
    let runs: Vec<std::process::Child> = (0..3)
        .map(|_| {
            let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin("tokenadm"));
            c.env("TOKENADM_DB", &env.db)
                .env("TOKENADM_ACTOR", "cron")
                .env("XDG_CONFIG_HOME", env.dir.path().join("config"))
                .env_remove("TOKENADM_FORMAT")
                .env_remove("TOKENADM_CONFIG")
                .args(["outbox", "deliver", "--format", "json", "--config"])
                .arg(&config)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped());
            c.spawn().unwrap()
        })
        .collect();
    let mut ids = Vec::new();
    for child in runs {
        let out = child.wait_with_output().unwrap();
        let v = ok_json(&out);
        for d in v.as_array().unwrap() {
            assert_eq!(d["status"], "sent", "{d}");
            ids.push(d["id"].as_i64().unwrap());
        }
    }
    ids.sort();
    let expected: Vec<i64> = (1..=N as i64).collect();
    assert_eq!(ids, expected, "every message attempted by exactly one run");

    let mails = server.messages();
    assert_eq!(mails.len(), N);
    let mut subjects: Vec<&str> = mails.iter().map(|m| m.subject.as_str()).collect();
    subjects.sort();
    subjects.dedup();
    assert_eq!(subjects.len(), N, "a message was sent twice");
    assert_eq!(outbox(&env, &["--status", "sent"]).len(), N);
    env.json(&["audit", "verify"]);
}

#[test]
fn an_sms_goes_through_sms_command() {
    let env = TestEnv::with_definition(
        r#"
name = "sms"
[pass_code.hash]
memory_kib = 256
iterations = 1
parallelism = 1
[communication.on_create]
enabled = true
media = "sms"
template = "Token #access_token.number, pass code #access_token.pass_code"
"#,
    );
    env.json(&["account", "add", "AR-1", "--name", "Alpha Ltd"]);
    env.json(&[
        "participant",
        "add",
        "RP-1",
        "--account",
        "AR-1",
        "--phone",
        "+35799123456",
    ]);
    let dir = env.path("sms");
    std::fs::create_dir_all(&dir).unwrap();
    let script = env.write(
        "send-sms.sh",
        "printf '%s\\n' \"$2\" > \"$1/to\"\ncat > \"$1/text\"\n",
    );
    write_default_config(
        &env,
        &format!(
            "[delivery]\nsms_command = {}\n",
            serde_json::to_string(&["/bin/sh", script.to_str().unwrap(), dir.to_str().unwrap()])
                .unwrap()
        ),
    );
    let t = env.new_token(
        &[
            "--identifier",
            "pia@example.com",
            "--generate-pass-code",
            "--participant",
            "RP-1",
        ],
        "",
    );
    let pass = str_of(&t["secrets"], "pass_code");
    assert_eq!(
        std::fs::read_to_string(dir.join("to")).unwrap(),
        "+35799123456\n"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("text")).unwrap(),
        format!("Token {}, pass code {pass}", str_of(&t, "number"))
    );
    let m = &outbox(&env, &[])[0];
    assert_eq!(
        (m["media"].as_str(), m["status"].as_str()),
        (Some("sms"), Some("sent"))
    );
    assert_eq!(m["recipient"], "+35799123456");
}

#[test]
fn without_configuration_messages_stay_pending_and_say_why() {
    let env = TestEnv::with_definition(DIRECT);
    let t = env.new_token(
        &["--identifier", "dan@example.com", "--pass-code-stdin"],
        "Dans-Pass-Code-42\n",
    );
    let config_path = env
        .dir
        .path()
        .join("config")
        .join("tokenadm")
        .join("config.toml");

    let out = run(&env, &["outbox", "list"], "");
    assert!(out.status.success());
    let err = stderr(&out);
    assert!(err.contains("2 email messages stay pending"), "{err}");
    assert!(err.contains("[delivery] email"), "{err}");
    assert!(err.contains(config_path.to_str().unwrap()), "{err}");
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(
        table.contains("dan@example.com") && table.contains("pending"),
        "{table}"
    );

    // Stuck messages fail the run (exit 1, one sentence), as failed sends do, so that cron
    // notices (issue #12); the JSON still says nothing was attempted.
    let out = run(&env, &["outbox", "deliver", "--format", "json"], "");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        serde_json::from_slice::<Value>(&out.stdout).unwrap(),
        serde_json::json!([])
    );
    assert_one_error(&stderr(&out));
    assert!(
        stderr(&out).contains("2 email messages stay pending because")
            && stderr(&out).contains("[delivery] email"),
        "{}",
        stderr(&out)
    );
    // Under -q, the sentence alone.
    let before = env.dump();
    let out = run(&env, &["outbox", "deliver", "-q"], "");
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert_one_error(&stderr(&out));
    assert_eq!(before, env.dump());
    let pending = outbox(
        &env,
        &["--status", "pending", "--token", str_of(&t, "number")],
    );
    assert_eq!(pending.len(), 2);
    assert!(pending.iter().all(|m| m["attempts"] == 0));

    // An SMS-only config says what is missing for email.
    write_default_config(&env, "[delivery]\nsms_command = \"/bin/true\"\n");
    let out = run(&env, &["outbox", "deliver"], "");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("no email transport"),
        "{}",
        stderr(&out)
    );
    assert_eq!(outbox(&env, &["--status", "pending"]).len(), 2);
}

#[test]
fn list_show_filters_and_errors() {
    let env = TestEnv::with_definition(DIRECT);
    let a = env.new_token(
        &["--identifier", "a@example.com", "--pass-code-stdin"],
        "A-pass-code-123\n",
    );
    env.new_token(
        &["--identifier", "b@example.com", "--pass-code-stdin"],
        "B-pass-code-123\n",
    );
    let a_number = str_of(&a, "number");

    let all = outbox(&env, &[]);
    assert_eq!(all.len(), 4);
    let keys: Vec<&str> = all[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "id",
            "token",
            "event",
            "media",
            "recipient",
            "subject",
            "status",
            "attempts",
            "last_error",
            "next_attempt_at",
            "created_at",
            "sent_at"
        ]
    );
    let mine = outbox(&env, &["--token", a_number]);
    assert_eq!(mine.len(), 2);
    assert!(mine.iter().all(|m| m["recipient"] == "a@example.com"));
    assert!(outbox(&env, &["--status", "sent"]).is_empty());
    assert!(outbox(&env, &["--token", "AT9999999999"]).is_empty());

    let id = mine[0]["id"].as_i64().unwrap();
    let m = show(&env, id);
    let keys: Vec<&str> = m.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys.last(), Some(&"body"));
    assert!(
        m["body"]
            .as_str()
            .unwrap()
            .contains("Your verification code: "),
        "{m}"
    );
    assert!(m["next_attempt_at"].is_string());

    let csv = run(&env, &["outbox", "list", "--format", "csv"], "");
    let csv = String::from_utf8_lossy(&csv.stdout);
    assert!(
        csv.starts_with("id,token,event,media,recipient,subject,status,attempts,last_error,next_attempt_at,created_at,sent_at\n"),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), 5, "{csv}");

    let err = env.fails_unchanged(&["outbox", "show", "999"], "", 3);
    assert!(err.contains("outbox message 999"), "{err}");
    env.fails_unchanged(&["outbox", "show", "x"], "", 2);
    // Every status is accepted (issue #11, item 7); an unknown one is a usage error.
    env.fails_unchanged(&["outbox", "list", "--status", "queued"], "", 2);

    // An explicit --config must exist: the command fails before it changes anything.
    let missing = env.path("nope.toml");
    let missing = missing.to_str().unwrap();
    let err = env.fails_unchanged(&["outbox", "deliver", "--config", missing], "", 3);
    assert!(err.contains("nope.toml"), "{err}");
    env.fails_unchanged(
        &[
            "token",
            "new",
            "--identifier",
            "c@example.com",
            "--pass-code-stdin",
            "--config",
            missing,
        ],
        "C-pass-code-123\n",
        3,
    );
    // A broken one names its line and column.
    let bad = env.write("bad.toml", "[delivery]\nemial = \"smtp://x\"\n");
    let err = env.fails_unchanged(
        &["outbox", "deliver", "--config", bad.to_str().unwrap()],
        "",
        4,
    );
    assert!(err.contains("line 2, column 1"), "{err}");
}

#[test]
fn a_claim_left_by_a_dead_run_is_taken_over_once_its_lease_runs_out() {
    let env = TestEnv::with_definition(DIRECT);
    env.new_token(
        &["--identifier", "fay@example.com", "--pass-code-stdin"],
        "Fays-Pass-Code-77\n",
    );
    let server = SmtpServer::start();
    let config = env.write("delivery.toml", &smtp_toml(&server, ""));
    // Message 1 claimed by a run that died; message 2 claimed by one still within its lease.
    let conn = env.conn();
    conn.execute(
        "UPDATE outbox SET status = 'sending', claimed_by = 'dead', claimed_until = 0 WHERE id = 1",
        [],
    )
    .unwrap();
    conn.execute(
        "UPDATE outbox SET status = 'sending', claimed_by = 'busy', claimed_until = 9999999999 WHERE id = 2",
        [],
    )
    .unwrap();
    let done = deliver(&env, &config);
    assert_eq!(done.len(), 1, "{done:?}");
    assert_eq!(
        (done[0]["id"].as_i64(), done[0]["status"].as_str()),
        (Some(1), Some("sent"))
    );
    assert_eq!(server.messages().len(), 1);
    assert_eq!(show(&env, 2)["status"], "sending");
}

/// A token deleted, set not_effective or expired before its messages went out: they are given
/// up, their bodies (and the secrets in them) erased, and no later run sends them.
#[test]
fn messages_of_a_token_that_can_no_longer_be_used_are_given_up() {
    let env = TestEnv::with_definition(DIRECT);
    for who in ["d", "n", "e"] {
        env.new_token(
            &[
                "--identifier",
                &format!("{who}@example.com"),
                "--pass-code-stdin",
            ],
            "A-fine-pass-code-1\n",
        );
    }
    env.json(&["token", "delete", "AT0000000001", "--yes"]);
    env.json(&["token", "set-state", "AT0000000002", "not_effective"]);
    env.conn()
        .execute(
            "UPDATE tokens SET expires_at = 1000 WHERE number = 'AT0000000003'",
            [],
        )
        .unwrap();
    env.json(&["token", "expire"]);
    assert!(outbox(&env, &["--status", "pending"]).is_empty());
    // Given up, not failed: status cancelled (issue #11, item 7).
    let failed = outbox(&env, &["--status", "cancelled"]);
    assert_eq!(failed.len(), 6, "{failed:?}");
    for m in &failed {
        let shown = show(&env, m["id"].as_i64().unwrap());
        assert_eq!(shown["body"], Value::Null, "{shown}");
    }
    let why: Vec<&str> = failed
        .iter()
        .map(|m| m["last_error"].as_str().unwrap())
        .collect();
    assert!(why.contains(&"the token was deleted"), "{why:?}");
    assert!(why.contains(&"the token was set not_effective"), "{why:?}");
    assert!(why.contains(&"the token expired"), "{why:?}");
    assert!(!env.dump().contains("A-fine-pass-code-1"));
}
