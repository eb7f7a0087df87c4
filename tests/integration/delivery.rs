//! Message transports through the library API against the real thing: an aiosmtpd server on
//! loopback (started and stopped by the tests, see `smtp_server`) and real programs for the
//! command transport. Covers what the issue asks for: a message arriving intact, the server
//! down, the server back, a refused recipient, a failing and a hanging command.

use crate::smtp_server::SmtpServer;
use std::path::{Path, PathBuf};
use tokenadm::delivery::config::{self, DeliveryConfig};
use tokenadm::delivery::{OutgoingMessage, SendError, Transports};
use tokenadm::domain::definition::Media;

fn config(toml: &str) -> DeliveryConfig {
    config::parse(toml, Path::new("test-config.toml"), |_| None).unwrap()
}

/// Transports for an SMTP server at `url`, sender `CRM Desk <crm@example.com>`.
fn smtp_transports(url: &str) -> Transports {
    Transports::from_config(&config(&format!(
        "[delivery]\nemail = \"{url}\"\nemail_from = \"CRM Desk <crm@example.com>\"\ntimeout = \"5s\"\n"
    )))
}

fn email(recipient: &str, subject: &str, body: &str) -> OutgoingMessage {
    OutgoingMessage {
        media: Media::Email,
        recipient: recipient.into(),
        subject: subject.into(),
        body: body.into(),
        message_id: None,
    }
}

fn send(transports: &Transports, msg: &OutgoingMessage) -> Result<(), SendError> {
    transports
        .for_media(msg.media)
        .expect("a transport is configured")
        .send(msg)
}

#[test]
fn smtp_message_arrives_intact() {
    let server = SmtpServer::start();
    let transports = smtp_transports(&server.url());
    let subject = "Ihr Zugangscode – Grüße aus Zürich";
    let body = "Hallo Jürgen,\n\nIhr Code lautet 482913. ✓ 日本語\nEine sehr lange Zeile, die über die übliche Breite von achtundsiebzig Zeichen hinausgeht, damit die Kodierung sie umbrechen muss.\n";
    send(&transports, &email("alice@example.com", subject, body)).unwrap();

    let mails = server.messages();
    assert_eq!(mails.len(), 1, "{mails:?}");
    let mail = &mails[0];
    assert_eq!(mail.from, "crm@example.com");
    assert_eq!(mail.to, ["alice@example.com"]);
    assert_eq!(mail.header_from, "CRM Desk <crm@example.com>");
    assert!(mail.raw.ends_with("\r\n"), "{:?}", mail.raw);
    assert_eq!(mail.header_to, "alice@example.com");
    assert_eq!(mail.subject, subject);
    assert_eq!(mail.body, body);
    assert!(
        mail.raw.contains("Content-Type: text/plain; charset=utf-8"),
        "{}",
        mail.raw
    );
    assert!(mail.raw.contains("Message-ID: "), "{}", mail.raw);
    assert!(mail.raw.contains("Date: "), "{}", mail.raw);
}

#[test]
fn smtp_server_down_is_transient_and_a_server_back_delivers() {
    let mut server = SmtpServer::start();
    let port = server.port();
    let transports = smtp_transports(&server.url());
    server.stop();

    let msg = email("bob@example.com", "Code", "Your code is 123456.\n");
    let err = send(&transports, &msg).unwrap_err();
    assert!(!err.permanent, "{err:?}");
    assert!(
        err.message.contains(&format!("127.0.0.1:{port}")),
        "{}",
        err.message
    );

    // The same transports, the server back on the same port: one connection per message,
    // so nothing from the failed attempt lingers.
    let server = SmtpServer::builder().port(port).start();
    send(&transports, &msg).unwrap();
    let mails = server.messages();
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].to, ["bob@example.com"]);
    assert_eq!(mails[0].body, "Your code is 123456.\n");
}

#[test]
fn smtp_refused_recipient_is_permanent() {
    let server = SmtpServer::builder().refuse("nobody@example.com").start();
    let transports = smtp_transports(&server.url());

    let err = send(&transports, &email("nobody@example.com", "Code", "x\n")).unwrap_err();
    assert!(err.permanent, "{err:?}");
    assert!(
        err.message.contains("nobody@example.com"),
        "{}",
        err.message
    );
    assert!(err.message.contains("550"), "{}", err.message);
    assert!(
        err.message.contains("mailbox unavailable"),
        "{}",
        err.message
    );
    assert!(server.messages().is_empty());

    // The server is fine for everyone else.
    send(&transports, &email("carol@example.com", "Code", "x\n")).unwrap();
    assert_eq!(server.messages().len(), 1);
}

#[test]
fn smtp_login_from_the_url_and_from_the_environment() {
    let server = SmtpServer::builder()
        .require_login("crm", "p@ss word")
        .start();
    let port = server.port();

    // Percent-encoded in the URL (plain smtp:// with credentials is allowed on loopback).
    let transports = smtp_transports(&format!("smtp://crm:p%40ss%20word@127.0.0.1:{port}"));
    send(&transports, &email("dave@example.com", "Code", "x\n")).unwrap();

    // From TOKENADM_SMTP_USER / TOKENADM_SMTP_PASSWORD when the URL has none.
    let env = |name: &str| match name {
        "TOKENADM_SMTP_USER" => Some("crm".to_string()),
        "TOKENADM_SMTP_PASSWORD" => Some("p@ss word".to_string()),
        _ => None,
    };
    let cfg = config::parse(
        &format!(
            "[delivery]\nemail = \"{}\"\nemail_from = \"crm@example.com\"\n",
            server.url()
        ),
        Path::new("test-config.toml"),
        env,
    )
    .unwrap();
    send(
        &Transports::from_config(&cfg),
        &email("erin@example.com", "Code", "x\n"),
    )
    .unwrap();

    let mails = server.messages();
    assert_eq!(mails.len(), 2);
    assert!(mails.iter().all(|m| m.login.as_deref() == Some("crm")));

    // A wrong password is the deployment's problem, not the message's: retried, not failed
    // for good, and the password is not in the error.
    let transports = smtp_transports(&format!("smtp://crm:wrong-secret@127.0.0.1:{port}"));
    let err = send(&transports, &email("frank@example.com", "Code", "x\n")).unwrap_err();
    assert!(!err.permanent, "{err:?}");
    assert!(err.message.contains("535"), "{}", err.message);
    assert!(!err.message.contains("wrong-secret"), "{}", err.message);
    assert_eq!(server.messages().len(), 2);
}

#[test]
fn smtp_starttls_required_never_falls_back_to_plain_text() {
    // aiosmtpd without a certificate does not offer STARTTLS.
    let server = SmtpServer::start();
    let transports = smtp_transports(&format!("{}?tls=starttls", server.url()));
    let err = send(&transports, &email("gina@example.com", "Code", "x\n")).unwrap_err();
    assert!(!err.permanent, "{err:?}");
    assert!(server.messages().is_empty());

    let transports = smtp_transports(&format!("smtps://127.0.0.1:{}", server.port()));
    let err = send(&transports, &email("gina@example.com", "Code", "x\n")).unwrap_err();
    assert!(!err.permanent, "{err:?}");
    assert!(server.messages().is_empty());
}

/// A shell script in a temp dir, run as `/bin/sh SCRIPT` (executing a file this process has
/// just written can fail with ETXTBSY when another test thread forks meanwhile).
struct Script {
    dir: tempfile::TempDir,
    path: PathBuf,
}

impl Script {
    fn new(body: &str) -> Script {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("transport.sh");
        std::fs::write(&path, body).unwrap();
        Script { dir, path }
    }

    fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// A TOML array running this script with its directory and `extra` as arguments.
    fn toml_command(&self, extra: &[&str]) -> String {
        let mut parts = vec![
            "/bin/sh".to_string(),
            self.path.display().to_string(),
            self.dir.path().display().to_string(),
        ];
        parts.extend(extra.iter().map(|s| s.to_string()));
        serde_json::to_string(&parts).unwrap()
    }
}

/// Records its arguments (after the directory) and stdin in the directory given first.
const RECORDER: &str = r#"dir="$1"; shift
printf '%s\n' "$@" > "$dir/args"
cat > "$dir/stdin"
"#;

#[test]
fn email_command_gets_the_recipient_and_the_rfc5322_message() {
    let script = Script::new(RECORDER);
    let transports = Transports::from_config(&config(&format!(
        "[delivery]\nemail_command = {}\nemail_from = \"CRM Desk <crm@example.com>\"\n",
        script.toml_command(&["--flag"])
    )));
    send(
        &transports,
        &email("alice@example.com", "Your code", "Your code is 482913.\n"),
    )
    .unwrap();

    let args = std::fs::read_to_string(script.file("args")).unwrap();
    assert_eq!(args, "--flag\nalice@example.com\n");
    let stdin = std::fs::read_to_string(script.file("stdin")).unwrap();
    for expected in [
        "From: \"CRM Desk\" <crm@example.com>\r\n",
        "To: alice@example.com\r\n",
        "Subject: Your code\r\n",
        "Content-Type: text/plain; charset=utf-8\r\n",
        "Message-ID: <",
    ] {
        assert!(stdin.contains(expected), "{expected:?} not in {stdin:?}");
    }
    assert!(
        stdin.ends_with("\r\n\r\nYour code is 482913.\r\n"),
        "{stdin:?}"
    );
}

#[test]
fn sms_command_gets_the_number_and_the_text() {
    let script = Script::new(RECORDER);
    let transports = Transports::from_config(&config(&format!(
        "[delivery]\nsms_command = {}\n",
        script.toml_command(&[])
    )));
    let sms = OutgoingMessage {
        media: Media::Sms,
        recipient: "+4915112345678".into(),
        subject: "ignored".into(),
        body: "Ihr Code: 482913 – gültig 24h".into(),
        message_id: None,
    };
    send(&transports, &sms).unwrap();
    assert_eq!(
        std::fs::read_to_string(script.file("args")).unwrap(),
        "+4915112345678\n"
    );
    assert_eq!(
        std::fs::read_to_string(script.file("stdin")).unwrap(),
        "Ihr Code: 482913 – gültig 24h"
    );
    assert!(transports.for_media(Media::Email).is_none());
    assert!(transports
        .unconfigured_reason(Media::Email)
        .unwrap()
        .contains("test-config.toml"));
}

fn sms_through(script: &Script, timeout: &str) -> Result<(), SendError> {
    let transports = Transports::from_config(&config(&format!(
        "[delivery]\nsms_command = {}\ntimeout = \"{timeout}\"\n",
        script.toml_command(&[])
    )));
    send(
        &transports,
        &OutgoingMessage {
            media: Media::Sms,
            recipient: "+15551234567".into(),
            subject: String::new(),
            body: "code 1".into(),
            message_id: None,
        },
    )
}

#[test]
fn a_failing_command_reports_its_stderr() {
    let script = Script::new("cat >/dev/null\necho 'gateway: quota exceeded for today' >&2\necho 'second line' >&2\nexit 3\n");
    let err = sms_through(&script, "10s").unwrap_err();
    assert!(!err.permanent, "{err:?}");
    assert!(
        err.message.contains("exited with status 3"),
        "{}",
        err.message
    );
    assert!(
        err.message.contains("gateway: quota exceeded for today"),
        "{}",
        err.message
    );
    assert!(!err.message.contains("second line"), "{}", err.message);

    // sysexits EX_NOUSER: the recipient does not exist, retrying cannot help.
    let script = Script::new("echo 'no such subscriber' >&2\nexit 67\n");
    let err = sms_through(&script, "10s").unwrap_err();
    assert!(err.permanent, "{err:?}");
    assert!(
        err.message.contains("no such subscriber"),
        "{}",
        err.message
    );
}

#[test]
fn a_hanging_command_is_killed_at_the_timeout() {
    // exec, so the process we kill is the one that hangs (no orphaned grandchild).
    let script = Script::new("exec sleep 60\n");
    let err = sms_through(&script, "1s").unwrap_err();
    assert!(!err.permanent, "{err:?}");
    assert!(err.message.contains("timeout"), "{}", err.message);
    assert!(err.message.contains("killed"), "{}", err.message);
}

#[test]
fn a_timeout_kills_what_the_command_started_too() {
    // A script that starts a long job and waits for it, as a wrapper around curl might: the
    // job must not outlive the timeout, holding a gateway connection or sending late. (3s, so
    // that even a loaded machine has started the job before the timeout.)
    let script = Script::new("sleep 60 &\necho $! > \"$1/job\"\nwait\n");
    let err = sms_through(&script, "3s").unwrap_err();
    assert!(err.message.contains("killed"), "{}", err.message);
    let pid = std::fs::read_to_string(script.file("job")).unwrap();
    let proc = PathBuf::from(format!("/proc/{}", pid.trim()));
    // Killed at once; reaped by init a moment later (a zombie has no command line left).
    let gone = (0..50).any(|_| {
        let alive = std::fs::read_to_string(proc.join("cmdline")).is_ok_and(|c| !c.is_empty());
        if alive {
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        !alive
    });
    assert!(gone, "the job the script started is still running");
}

#[test]
fn smtp_server_that_never_answers_times_out() {
    // A listener nobody accepts from: the kernel completes the TCP handshake, then silence,
    // where an SMTP server would send its greeting.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = silent.local_addr().unwrap().port();
    let transports = Transports::from_config(&config(&format!(
        "[delivery]\nemail = \"smtp://127.0.0.1:{port}\"\nemail_from = \"crm@example.com\"\ntimeout = \"1s\"\n"
    )));
    let err = send(&transports, &email("hank@example.com", "Code", "x\n")).unwrap_err();
    assert!(!err.permanent, "{err:?}");
    assert!(err.message.contains("timeout"), "{}", err.message);
}
