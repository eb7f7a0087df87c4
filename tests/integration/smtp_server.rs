//! A real SMTP server for the tests: Python's aiosmtpd, started as a child process on
//! 127.0.0.1 and a free port, so delivery is tested against the genuine protocol (EHLO,
//! RCPT replies, DATA, AUTH) rather than a mock. Each accepted message is written by the
//! server, decoded with Python's `email` package, as one JSON line to a spool file, which
//! `messages()` reads back. Options: recipients to refuse at RCPT TO with
//! `550 5.1.1 mailbox unavailable`, a required login, a fixed port (to bring a stopped
//! server back where it was).
//!
//! ```ignore
//! let server = SmtpServer::builder().refuse("nobody@example.com").start();
//! // … send to server.url() …
//! let mails = server.messages();
//! ```
//!
//! aiosmtpd is installed into the target folder where it is missing (`support::python`); a
//! machine where that fails fails the test with a pointer to `.ci/install-test-deps`: a
//! delivery test that silently skips would prove nothing.

use serde::Deserialize;
use std::io::{BufRead, BufReader};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Stdio};
use std::sync::mpsc;
use std::time::Duration;

const INSTALL_HINT: &str =
    "the SMTP test server needs python3 with aiosmtpd: run .ci/install-test-deps";
/// Upper bound on server start-up; it normally takes a fraction of a second.
const START_TIMEOUT: Duration = Duration::from_secs(10);

/// The server side of the tests. Reads its JSON config from argv[1]; prints READY once
/// listening; runs until its stdin closes (so it dies with the test process) or it is killed.
const SERVER_PY: &str = r#"
import sys, json
try:
    import email, email.policy
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult
except ImportError as e:
    print("MISSING " + str(e), flush=True)
    sys.exit(3)

cfg = json.loads(sys.argv[1])
refuse = {a.lower() for a in cfg["refuse"]}
login = cfg["login"]

class Handler:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in refuse:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        part = msg.get_body(preferencelist=("plain",)) or msg
        record = {
            "from": envelope.mail_from,
            "to": envelope.rcpt_tos,
            "header_from": str(msg.get("From", "")),
            "header_to": str(msg.get("To", "")),
            "subject": str(msg.get("Subject", "")),
            "body": part.get_content().replace("\r\n", "\n"),
            "raw": raw.decode("utf-8", "replace"),
            "login": session.auth_data if session.authenticated else None,
        }
        with open(cfg["spool"], "a", encoding="utf-8") as f:
            f.write(json.dumps(record) + "\n")
        return "250 2.0.0 accepted"

def authenticator(server, session, envelope, mechanism, auth_data):
    user = auth_data.login.decode("utf-8", "replace")
    ok = login is not None and [user, auth_data.password.decode("utf-8", "replace")] == login
    # handled=False: let aiosmtpd answer 535 itself (handled=True means "already answered").
    if ok:
        return AuthResult(success=True, auth_data=user)
    return AuthResult(success=False, handled=False)

kwargs = {}
if login is not None:
    kwargs = dict(authenticator=authenticator, auth_required=True, auth_require_tls=False)

controller = Controller(Handler(), hostname="127.0.0.1", port=cfg["port"], **kwargs)
try:
    controller.start()
except Exception as e:
    print("BINDFAIL " + repr(e), flush=True)
    sys.exit(4)
print("READY", flush=True)
sys.stdin.read()
controller.stop()
"#;

/// One message as the server received and decoded it.
#[derive(Debug, Clone, Deserialize)]
pub struct ReceivedMail {
    /// Envelope sender (MAIL FROM).
    pub from: String,
    /// Envelope recipients (RCPT TO) the server accepted.
    pub to: Vec<String>,
    /// The `From:` and `To:` headers, decoded.
    pub header_from: String,
    pub header_to: String,
    /// Decoded (RFC 2047) subject.
    pub subject: String,
    /// The text/plain body, transfer encoding undone, line ends as `\n`.
    pub body: String,
    /// The message exactly as transmitted in DATA.
    pub raw: String,
    /// The user that logged in, when the server required a login.
    pub login: Option<String>,
}

#[derive(Default)]
pub struct SmtpServerBuilder {
    refuse: Vec<String>,
    login: Option<(String, String)>,
    port: Option<u16>,
}

impl SmtpServerBuilder {
    /// Reject this recipient at RCPT TO with `550 5.1.1 mailbox unavailable`.
    pub fn refuse(mut self, recipient: &str) -> Self {
        self.refuse.push(recipient.to_string());
        self
    }

    /// Require AUTH with exactly this user and password (over plain text: loopback only).
    pub fn require_login(mut self, user: &str, password: &str) -> Self {
        self.login = Some((user.to_string(), password.to_string()));
        self
    }

    /// Listen on this port instead of a free one (to restart a stopped server in place).
    pub fn port(mut self, port: u16) -> Self {
        self.port = Some(port);
        self
    }

    pub fn start(self) -> SmtpServer {
        // A free port is found by binding port 0 and letting it go; another process could
        // take it in between, so a bind failure is retried with a fresh port. A fixed port
        // is retried as it is (asyncio binds with SO_REUSEADDR, so a stopped server's port
        // is normally free at once; each attempt costs a python start-up, so no sleep).
        let attempts = 5;
        let mut last = String::new();
        for _ in 0..attempts {
            let port = self.port.unwrap_or_else(free_port);
            match SmtpServer::spawn(&self, port) {
                Ok(server) => return server,
                Err(StartError::Fatal(message)) => panic!("{message}"),
                Err(StartError::Bind(message)) => last = message,
            }
        }
        panic!("the SMTP test server could not bind a port: {last}");
    }
}

enum StartError {
    Bind(String),
    Fatal(String),
}

pub struct SmtpServer {
    child: Option<Child>,
    /// Held open so the server runs; closing it lets the server exit on its own.
    _stdin: Option<ChildStdin>,
    port: u16,
    spool: PathBuf,
    _dir: tempfile::TempDir,
}

impl SmtpServer {
    /// A server on a free port that accepts every recipient.
    pub fn start() -> SmtpServer {
        SmtpServer::builder().start()
    }

    pub fn builder() -> SmtpServerBuilder {
        SmtpServerBuilder::default()
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// `smtp://127.0.0.1:PORT`, for `[delivery] email`.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Every message accepted so far, oldest first. The server writes a message before it
    /// answers 250, so a message whose send returned Ok is already here.
    pub fn messages(&self) -> Vec<ReceivedMail> {
        let text = match std::fs::read_to_string(&self.spool) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Vec::new(),
            Err(e) => panic!("cannot read the SMTP server's spool: {e}"),
        };
        text.lines()
            .map(|line| {
                serde_json::from_str(line)
                    .unwrap_or_else(|e| panic!("bad spool line {line:?}: {e}"))
            })
            .collect()
    }

    /// Kills the server and waits for it, so its port refuses connections afterwards.
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
        self._stdin = None;
    }

    fn spawn(options: &SmtpServerBuilder, port: u16) -> Result<SmtpServer, StartError> {
        let dir = tempfile::tempdir().map_err(|e| StartError::Fatal(e.to_string()))?;
        let spool = dir.path().join("spool.jsonl");
        let stderr_path = dir.path().join("server.stderr");
        let config = serde_json::json!({
            "port": port,
            "spool": spool,
            "refuse": options.refuse,
            "login": options.login.as_ref().map(|(u, p)| [u, p]),
        });
        let stderr =
            std::fs::File::create(&stderr_path).map_err(|e| StartError::Fatal(e.to_string()))?;
        let mut child = crate::support::python()
            .arg("-c")
            .arg(SERVER_PY)
            .arg(config.to_string())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()
            .map_err(|e| StartError::Fatal(format!("cannot run python3 ({e}); {INSTALL_HINT}")))?;
        let stdin = child.stdin.take();
        let stdout = child.stdout.take().expect("stdout is piped");

        // Read the first line on a thread so start-up is bounded even if python hangs.
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = tx.send(line);
        });
        let line = rx.recv_timeout(START_TIMEOUT).unwrap_or_default();
        let line = line.trim();
        let fail = |mut child: Child| {
            let _ = child.kill();
            let _ = child.wait();
            std::fs::read_to_string(&stderr_path).unwrap_or_default()
        };
        if line.starts_with("MISSING") {
            fail(child);
            return Err(StartError::Fatal(format!("{INSTALL_HINT} ({line})")));
        }
        if line.starts_with("BINDFAIL") {
            fail(child);
            return Err(StartError::Bind(line.to_string()));
        }
        if line != "READY" {
            let stderr = fail(child);
            return Err(StartError::Fatal(format!(
                "the SMTP test server did not start within {START_TIMEOUT:?} (said {line:?}); {INSTALL_HINT}\n{stderr}"
            )));
        }
        // READY comes after aiosmtpd's own self-connection, so this normally succeeds at
        // once; it guards against a server that printed READY but is not listening.
        TcpStream::connect(("127.0.0.1", port)).map_err(|e| {
            StartError::Fatal(format!(
                "the SMTP test server is not accepting connections: {e}"
            ))
        })?;
        Ok(SmtpServer {
            child: Some(child),
            _stdin: stdin,
            port,
            spool,
            _dir: dir,
        })
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        self.stop();
    }
}

fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    listener.local_addr().expect("local address").port()
}
