//! `tokenadm serve` (issue #13): the real binary on an ephemeral loopback port, driven by a real
//! HTTP client (ureq) and, where a client library would not misbehave on purpose, raw TCP. The
//! seeds' example request verbatim with a real key and code; every bad input of the issue with
//! its envelope and status; 500 half-sent requests; a brute force over HTTP; TLS with a
//! throwaway certificate; SIGTERM draining a pass-code login in flight.

use crate::auth::{now, set_column, token_with_pass, LOCKOUT_DEFINITION, PASS};
use crate::support::*;
use base64::Engine as _;
use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokenadm::domain::session::{sign, Claims};

const LOGIN: &str = "/authentication/consumer_application_key/token";
const AUTH_FAILED: &str = "authentication failed; check the access token identifier and its secret";

/// A running `tokenadm serve` with its stderr lines collected.
struct Server {
    child: Child,
    addr: SocketAddr,
    lines: Arc<Mutex<Vec<String>>>,
}

impl Server {
    /// Starts the server on `env`'s database with `[serve]` settings `config` (the rest of the
    /// table is the default, but without the per-address limit unless `config` sets one).
    fn start(env: &TestEnv, config: &str, args: &[&str]) -> Server {
        let config_dir = env.dir.path().join("config").join("tokenadm");
        std::fs::create_dir_all(&config_dir).unwrap();
        let config = if config.contains("per_ip_rate") {
            config.to_string()
        } else {
            format!("per_ip_rate = 0\n{config}")
        };
        std::fs::write(config_dir.join("config.toml"), format!("[serve]\n{config}")).unwrap();
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("tokenadm"))
            .args(["serve", "--listen", "127.0.0.1:0"])
            .args(args)
            .env("TOKENADM_DB", env.location())
            .env("TOKENADM_ACTOR", "tester")
            .env("XDG_CONFIG_HOME", env.dir.path().join("config"))
            .env("XDG_DATA_HOME", env.dir.path().join("xdg-data"))
            .env_remove("TOKENADM_CONFIG")
            .env_remove("RUST_BACKTRACE")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let lines = Arc::new(Mutex::new(Vec::new()));
        let (tx, rx) = std::sync::mpsc::channel();
        let collected = Arc::clone(&lines);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                if line.contains("\"listening\"") {
                    let _ = tx.send(line.clone());
                }
                collected.lock().unwrap().push(line);
            }
        });
        let first = rx
            .recv_timeout(Duration::from_secs(60))
            .unwrap_or_else(|_| panic!("no listening line: {:?}", lines.lock().unwrap()));
        let v: Value = serde_json::from_str(&first).unwrap();
        let addr = v["address"].as_str().unwrap().parse().unwrap();
        Server { child, addr, lines }
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    fn log(&self) -> Vec<String> {
        self.lines.lock().unwrap().clone()
    }

    /// The log once it has at least `n` access-log lines (they reach us through a pipe and a
    /// reader thread, a little after the responses).
    fn requests_logged(&self, n: usize) -> Vec<Value> {
        let start = Instant::now();
        loop {
            let requests: Vec<Value> = self
                .log()
                .iter()
                .map(|l| serde_json::from_str::<Value>(l).unwrap())
                .filter(|v| v.get("route").is_some())
                .collect();
            if requests.len() >= n || start.elapsed() > Duration::from_secs(30) {
                return requests;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Sends SIGTERM.
    fn terminate(&self) {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// Waits for the process to exit (after `terminate`), at most `limit`.
    fn wait_exit(&mut self, limit: Duration) -> std::process::ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(start.elapsed() < limit, "the server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into()
}

fn basic(key: &str) -> String {
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{key}:"))
    )
}

/// What came back: status, Retry-After, WWW-Authenticate, the body as JSON.
#[derive(Debug)]
struct Reply {
    status: u16,
    retry_after: Option<u64>,
    www_authenticate: Option<String>,
    body: Value,
}

fn reply(mut r: ureq::http::Response<ureq::Body>) -> Reply {
    let header = |name: &str| {
        r.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let retry_after = header("retry-after").map(|v| v.parse().unwrap());
    let www_authenticate = header("www-authenticate");
    let status = r.status().as_u16();
    let text = r.body_mut().read_to_string().unwrap();
    let body = serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"));
    Reply {
        status,
        retry_after,
        www_authenticate,
        body,
    }
}

fn post(server: &Server, path: &str, auth: Option<&str>, body: &str) -> Reply {
    let mut req = agent()
        .post(server.url(path))
        .header("Content-Type", "application/json");
    if let Some(a) = auth {
        req = req.header("Authorization", a);
    }
    reply(req.send(body).unwrap())
}

fn get(server: &Server, path: &str) -> Reply {
    reply(agent().get(server.url(path)).call().unwrap())
}

fn login_code(server: &Server, key: &str, code: &str) -> Reply {
    post(
        server,
        LOGIN,
        Some(&basic(key)),
        &format!(r#"{{"access_token_identifier": {{"authentication_code": "{code}"}}}}"#),
    )
}

fn login_pass(server: &Server, key: &str, identifier: &str, pass: &str) -> Reply {
    post(
        server,
        LOGIN,
        Some(&basic(key)),
        &format!(
            r#"{{"access_token_identifier": {{"identifier": "{identifier}", "pass_code": "{pass}"}}}}"#
        ),
    )
}

/// The envelope of an error: no data, the code, a one-line message.
fn assert_error(r: &Reply, status: u16, code: &str) {
    assert_eq!(r.status, status, "{r:?}");
    assert_eq!(r.body["data"], Value::Null, "{r:?}");
    assert_eq!(r.body["status"]["code"], code, "{r:?}");
    let message = r.body["status"]["message"].as_str().unwrap();
    assert!(!message.is_empty() && !message.contains('\n'), "{r:?}");
}

fn new_key(env: &TestEnv, name: &str) -> String {
    let k = env.json(&["app-key", "new", "--name", name]);
    k["secrets"]["key"].as_str().unwrap().to_string()
}

fn new_code(env: &TestEnv) -> (String, String) {
    let t = env.new_token(&[], "");
    (
        str_of(&t, "number").to_string(),
        t["secrets"]["authentication_code"]
            .as_str()
            .unwrap()
            .to_string(),
    )
}

fn claims_of(jwt: &str) -> Value {
    let payload = jwt.split('.').nth(1).unwrap();
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload)
        .unwrap();
    serde_json::from_slice(&bytes).unwrap()
}

fn session_key(env: &TestEnv) -> Vec<u8> {
    env.sql()
        .one("SELECT value FROM meta WHERE key = 'key.session'", &[])
}

/// A raw HTTP/1.1 exchange: writes `request`, reads until the server closes or `limit`.
fn raw(addr: SocketAddr, request: &[u8], limit: Duration) -> String {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(limit)).unwrap();
    s.write_all(request).unwrap();
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match s.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => {
                out.extend_from_slice(&buf[..n]);
                if String::from_utf8_lossy(&out).contains("\r\n\r\n{") && out.ends_with(b"}}") {
                    break;
                }
            }
            Err(_) => break,
        }
    }
    String::from_utf8_lossy(&out).to_string()
}

#[test]
fn the_seeds_example_request_verbatim_gets_the_session_auth_session_makes() {
    let env = TestEnv::new();
    let key = new_key(&env, "Portal");
    let (number, code) = new_code(&env);
    let server = Server::start(&env, "", &[]);

    // The seeds' page, Example 1: its headers and its post data, with our key and code.
    let body = format!(
        "{{\n\t\"access_token_identifier\": {{ \"authentication_code\": \"{code}\"}},\n\t\"unit\":\"1\"\n}}"
    );
    let r = post(&server, LOGIN, Some(&basic(&key)), &body);
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(
        r.body["status"],
        serde_json::json!({"code": "OK", "description": "", "message": ""})
    );
    let jwt = r.body["data"]["token"].as_str().unwrap().to_string();
    assert!(jwt.len() > 32);
    let c = claims_of(&jwt);
    assert_eq!(c["sub"], number.as_str());
    assert_eq!(c["iss"], "tokenadm");
    assert_eq!(c["unit"], "1");
    assert_eq!(
        c["exp"].as_i64().unwrap() - c["iat"].as_i64().unwrap(),
        7200
    );

    // The JWT is the one auth --session makes: session verify takes it.
    let v = env.json_stdin(&["session", "verify"], &format!("{jwt}\n"));
    assert_eq!(v["sub"], number.as_str());

    // What auth does: last_used_at, and the audit entry under the key's name.
    let shown = env.json(&["token", "show", &number]);
    assert!(shown["last_used_at"].is_string());
    let audit = env.json(&["audit", "--token", &number, "--action", "token.auth"]);
    let last = audit.as_array().unwrap().last().unwrap();
    assert_eq!(last["actor"], "Portal");

    // Introspection sees it active, with its claims.
    let i = post(
        &server,
        "/session/introspect",
        Some(&basic(&key)),
        &format!(r#"{{"token": "{jwt}"}}"#),
    );
    assert_eq!(i.status, 200, "{i:?}");
    assert_eq!(i.body["data"]["active"], true);
    assert_eq!(i.body["data"]["sub"], number.as_str());
    assert_eq!(i.body["data"]["unit"], "1");

    // A pass-code login gets its session too.
    let (pnumber, _) = token_with_pass(&env, "zoe@example.com");
    let p = login_pass(&server, &key, "zoe@example.com", PASS);
    assert_eq!(p.status, 200, "{p:?}");
    assert_eq!(
        claims_of(p.body["data"]["token"].as_str().unwrap())["sub"],
        pnumber.as_str()
    );

    // The operator's routes.
    assert_eq!(get(&server, "/health").status, 200);
    let ready = get(&server, "/ready");
    assert_eq!(ready.status, 200, "{ready:?}");
    assert_eq!(ready.body["data"]["ready"], true);
    let mut m = agent().get(server.url("/metrics")).call().unwrap();
    let text = m.body_mut().read_to_string().unwrap();
    for needle in [
        "tokenadm_http_requests_total{route=\"/authentication/consumer_application_key/token\",status=\"200\"} 2",
        "tokenadm_logins_total{via=\"authentication_code\",outcome=\"granted\"} 1",
        "tokenadm_logins_total{via=\"pass_code\",outcome=\"granted\"} 1",
        "tokenadm_http_request_duration_seconds_bucket{route=\"/health\",le=\"+Inf\"} 1",
        "tokenadm_hash_queue_depth 0",
        "tokenadm_store_pool_size ",
    ] {
        assert!(text.contains(needle), "{needle} not in\n{text}");
    }

    // One JSON line per request, with no secret and no Authorization header in it.
    let requests = server.requests_logged(6);
    let log = server.log();
    assert!(requests.len() >= 6, "{log:?}");
    let granted = &requests[0];
    assert_eq!(granted["status"], 200);
    assert_eq!(granted["key"], "Portal");
    assert_eq!(granted["outcome"], "granted");
    let all = log.join("\n");
    for secret in [key.as_str(), code.as_str(), PASS, jwt.as_str(), "Basic "] {
        assert!(!all.contains(secret), "the log holds {secret:?}: {all}");
    }
}

#[test]
fn every_bad_input_gets_the_envelope_and_its_status() {
    let env = TestEnv::with_definition(LOCKOUT_DEFINITION);
    let key = new_key(&env, "portal");
    let revoked = new_key(&env, "old");
    env.json(&["app-key", "revoke", "old"]);
    let (number, code) = new_code(&env);
    let (pnumber, _) = token_with_pass(&env, "zoe@example.com");
    let server = Server::start(&env, "", &[]);
    let good = format!(r#"{{"access_token_identifier": {{"authentication_code": "{code}"}}}}"#);

    // The application key: none, malformed headers, unknown, revoked, mistyped, a password.
    let mut mistyped: Vec<char> = key.chars().collect();
    mistyped[8] = if mistyped[8] == 'x' { 'y' } else { 'x' };
    let mistyped: String = mistyped.into_iter().collect();
    let unknown = tokenadm::domain::app_key::generate();
    let headers = [
        None,
        Some("Basic".to_string()),
        Some("Basic !!!not-base64".to_string()),
        Some(format!("Bearer {key}")),
        Some(format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(format!("{key}:password"))
        )),
        Some(basic(unknown.expose())),
        Some(basic(&revoked)),
        Some(basic(&mistyped)),
        Some(basic("EE73C0AE64524371B5DDEFF5F7BB2192")),
    ];
    let mut messages = std::collections::BTreeSet::new();
    for h in &headers {
        let r = post(&server, LOGIN, h.as_deref(), &good);
        assert_error(&r, 401, "INVALID_APPLICATION_KEY");
        assert_eq!(
            r.www_authenticate.as_deref(),
            Some("Basic realm=\"tokenadm\""),
            "{h:?}"
        );
        messages.insert(r.body["status"]["message"].as_str().unwrap().to_string());
    }
    assert_eq!(messages.len(), 1, "{messages:?}");
    // Introspection needs the key too.
    let r = post(&server, "/session/introspect", None, r#"{"token": "x"}"#);
    assert_error(&r, 401, "INVALID_APPLICATION_KEY");

    // Bodies: not JSON, unknown or missing fields, both or neither kind of credential.
    let auth = basic(&key);
    for body in [
        "",
        "not json",
        "{\"access_token_identifier\": ",
        "[]",
        "{}",
        "{\"unit\": \"1\"}",
        "{\"access_token_identifier\": {}}",
        "{\"access_token_identifier\": {\"authentication_code\": \"x\"}, \"organisation\": \"o\"}",
        "{\"access_token_identifier\": {\"authentication_code\": \"x\", \"pin\": \"1\"}}",
        "{\"access_token_identifier\": {\"authentication_code\": \"x\", \"identifier\": \"zoe@example.com\", \"pass_code\": \"p\"}}",
        "{\"access_token_identifier\": {\"identifier\": \"zoe@example.com\"}}",
        "{\"access_token_identifier\": {\"pass_code\": \"p\"}}",
        "{\"access_token_identifier\": {\"authentication_code\": 42}}",
        "{\"access_token_identifier\": {\"authentication_code\": \"x\"}, \"unit\": \"\\u001b[2J\"}",
    ] {
        let r = post(&server, LOGIN, Some(&auth), body);
        assert_error(&r, 400, "MALFORMED_REQUEST");
        assert!(
            !r.body["status"]["message"].as_str().unwrap().contains("42"),
            "{r:?}"
        );
    }
    let r = post(
        &server,
        LOGIN,
        Some(&auth),
        "{\"access_token_identifier\": {}, \"colour\": 1}",
    );
    assert!(r.body["status"]["message"]
        .as_str()
        .unwrap()
        .contains("colour"));

    // A body over 16 KiB: refused by what it says it is (10 MB, never read) and by what it is.
    let big = raw(
        server.addr,
        format!(
            "POST {LOGIN} HTTP/1.1\r\nHost: x\r\nAuthorization: {auth}\r\nContent-Type: application/json\r\nContent-Length: 10485760\r\n\r\n{{"
        )
        .as_bytes(),
        Duration::from_secs(30),
    );
    assert!(big.starts_with("HTTP/1.1 413"), "{big}");
    assert!(big.contains("\"PAYLOAD_TOO_LARGE\""), "{big}");
    let padded = format!(
        r#"{{"access_token_identifier": {{"authentication_code": "{code}"}}, "unit": "{}"}}"#,
        "1".repeat(20 * 1024)
    );
    assert_error(
        &post(&server, LOGIN, Some(&auth), &padded),
        413,
        "PAYLOAD_TOO_LARGE",
    );

    // Failed authentication: one answer whatever the reason.
    let failures = [
        login_pass(&server, &key, "zoe@example.com", "not the pass code"),
        login_pass(&server, &key, "nobody@example.com", PASS),
        login_code(&server, &key, "atk_thisIsNotAnyCodeAtAll000000000"),
        login_code(&server, &key, &format!("{code}x")),
    ];
    for r in &failures {
        assert_error(r, 401, "AUTHENTICATION_FAILED");
        assert_eq!(r.body["status"]["message"], AUTH_FAILED);
    }

    // Not effective, then expired: the same answer.
    env.json(&[
        "token",
        "set-state",
        &number,
        "not_effective",
        "--reason",
        "test",
    ]);
    let r = login_code(&server, &key, &code);
    assert_error(&r, 401, "AUTHENTICATION_FAILED");
    assert_eq!(r.body["status"]["message"], AUTH_FAILED);
    let (enumber, ecode) = new_code(&env);
    set_column(&env, &enumber, "expires_at", (now() - 60).into());
    let r = login_code(&server, &key, &ecode);
    assert_error(&r, 401, "AUTHENTICATION_FAILED");
    assert_eq!(r.body["status"]["message"], AUTH_FAILED);

    // Locked out (the definition allows 3 failures; one was spent above): 429, Retry-After.
    for _ in 0..2 {
        assert_error(
            &login_pass(&server, &key, "zoe@example.com", "still not it"),
            401,
            "AUTHENTICATION_FAILED",
        );
    }
    let r = login_pass(&server, &key, "zoe@example.com", PASS);
    assert_error(&r, 429, "LOCKED_OUT");
    let wait = r.retry_after.unwrap();
    assert!((1..=900).contains(&wait), "{wait}");
    let reasons: Vec<String> = env
        .json(&[
            "audit",
            "--token",
            &pnumber,
            "--action",
            "token.auth_failed",
        ])
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["detail"]["reason"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        reasons,
        [
            "wrong_pass_code",
            "wrong_pass_code",
            "wrong_pass_code",
            "locked_out"
        ]
    );

    // Unknown routes and methods keep the envelope.
    assert_error(&get(&server, "/nope"), 404, "NOT_FOUND");
    assert_error(&get(&server, LOGIN), 405, "METHOD_NOT_ALLOWED");
}

#[test]
fn introspection_calls_forged_expired_and_alg_none_tokens_inactive() {
    let env = TestEnv::new();
    let key = new_key(&env, "portal");
    let (number, code) = new_code(&env);
    let server = Server::start(&env, "", &[]);
    let r = login_code(&server, &key, &code);
    assert_eq!(r.status, 200, "{r:?}");
    let real = session_key(&env);
    let t = now();
    let claims = Claims {
        iss: "tokenadm".into(),
        sub: number.clone(),
        iat: t,
        exp: t + 600,
        jti: "0123456789abcdef0123456789abcdef".into(),
        classification: None,
        account: None,
        participant: None,
        unit: None,
    };
    let b64 = |s: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s);
    let payload = serde_json::to_string(&claims).unwrap();
    let expired = Claims {
        iat: t - 7200,
        exp: t - 60,
        ..claims.clone()
    };
    for token in [
        sign(&claims, &[7u8; 32]),
        sign(&expired, &real),
        format!(
            "{}.{}.",
            b64(r#"{"alg":"none","typ":"JWT"}"#),
            b64(&payload)
        ),
        "not a jwt".to_string(),
        String::new(),
    ] {
        let r = post(
            &server,
            "/session/introspect",
            Some(&basic(&key)),
            &serde_json::json!({ "token": token }).to_string(),
        );
        assert_eq!(r.status, 200, "{r:?}");
        assert_eq!(
            r.body["data"],
            serde_json::json!({"active": false}),
            "{token}"
        );
        assert_eq!(r.body["status"]["code"], "OK");
    }
    // The same claims signed with the database's key are active.
    let r = post(
        &server,
        "/session/introspect",
        Some(&basic(&key)),
        &serde_json::json!({ "token": sign(&claims, &real) }).to_string(),
    );
    assert_eq!(r.body["data"]["active"], true, "{r:?}");
    let r = post(
        &server,
        "/session/introspect",
        Some(&basic(&key)),
        "{\"jwt\": \"x\"}",
    );
    assert_error(&r, 400, "MALFORMED_REQUEST");
}

#[test]
fn a_slow_body_times_out_and_rate_limits_answer_429_with_retry_after() {
    let env = TestEnv::new();
    let key = new_key(&env, "portal");
    let (_, code) = new_code(&env);
    let server = Server::start(&env, "request_timeout = \"1s\"\nper_ip_rate = 1\n", &[]);

    // Headers and a part of the body, then nothing: 408 once the request timeout has passed.
    let started = Instant::now();
    let slow = raw(
        server.addr,
        format!(
            "POST {LOGIN} HTTP/1.1\r\nHost: x\r\nAuthorization: {}\r\nContent-Length: 100\r\n\r\n{{\"access",
            basic(&key)
        )
        .as_bytes(),
        Duration::from_secs(30),
    );
    assert!(slow.starts_with("HTTP/1.1 408"), "{slow}");
    assert!(slow.contains("\"REQUEST_TIMEOUT\""), "{slow}");
    assert!(started.elapsed() < Duration::from_secs(25));

    // One request a second, bursts of two: the slow one and one more pass, then 429.
    let mut limited = None;
    for _ in 0..5 {
        let r = login_code(&server, &key, &code);
        if r.status == 429 {
            limited = Some(r);
            break;
        }
        assert_eq!(r.status, 200, "{r:?}");
    }
    let r = limited.expect("no request was rate-limited");
    assert_error(&r, 429, "RATE_LIMITED");
    assert!(r.retry_after.unwrap() >= 1);
    // Health checks are not limited.
    assert_eq!(get(&server, "/health").status, 200);
}

#[test]
fn five_hundred_half_sent_requests_do_not_keep_a_login_waiting() {
    let env = TestEnv::new();
    let key = new_key(&env, "portal");
    let (_, code) = new_code(&env);
    let server = Server::start(&env, "header_timeout = \"60s\"\n", &[]);
    let mut held = Vec::new();
    for i in 0..500 {
        let mut s = TcpStream::connect(server.addr).unwrap();
        // Half a request: the request line and one header, never the blank line.
        write!(s, "POST {LOGIN} HTTP/1.1\r\nHost: slow-{i}\r\n").unwrap();
        held.push(s);
    }
    // Every one of them is open at the server before the login is sent.
    let wait = Instant::now();
    loop {
        let mut m = agent().get(server.url("/metrics")).call().unwrap();
        let text = m.body_mut().read_to_string().unwrap();
        let open: usize = text
            .lines()
            .find_map(|l| l.strip_prefix("tokenadm_open_connections "))
            .unwrap()
            .parse()
            .unwrap();
        if open > 500 {
            break;
        }
        assert!(wait.elapsed() < Duration::from_secs(30), "only {open} open");
        std::thread::sleep(Duration::from_millis(20));
    }
    let started = Instant::now();
    let r = login_code(&server, &key, &code);
    let took = started.elapsed();
    assert_eq!(r.status, 200, "{r:?}");
    println!("login with 500 half-sent requests open: {took:?}");
    // Generous: the login itself takes milliseconds; this only catches a login stuck behind
    // the held connections.
    assert!(took < Duration::from_secs(5), "{took:?}");
    drop(held);
}

#[test]
fn a_brute_force_over_http_is_locked_out_exactly() {
    let env = TestEnv::with_definition(LOCKOUT_DEFINITION);
    let key = new_key(&env, "portal");
    let (number, _) = token_with_pass(&env, "zoe@example.com");
    let server = Arc::new(Server::start(&env, "", &[]));

    // Two wrong, then the right one: granted, and the count starts again.
    for _ in 0..2 {
        assert_eq!(
            login_pass(&server, &key, "zoe@example.com", "wrong guess 1").status,
            401
        );
    }
    assert_eq!(
        login_pass(&server, &key, "zoe@example.com", PASS).status,
        200
    );

    // 12 guesses at once: exactly 3 count (401), the rest find the token locked (429).
    let threads: Vec<_> = (0..12)
        .map(|i| {
            let server = Arc::clone(&server);
            let key = key.clone();
            std::thread::spawn(move || {
                login_pass(
                    &server,
                    &key,
                    "zoe@example.com",
                    &format!("guess number {i}"),
                )
                .status
            })
        })
        .collect();
    let mut statuses: Vec<u16> = threads.into_iter().map(|t| t.join().unwrap()).collect();
    statuses.sort_unstable();
    let mut expected = vec![401; 3];
    expected.extend(vec![429; 9]);
    assert_eq!(statuses, expected);

    // Locked: even the right pass code is refused until the window ends.
    let r = login_pass(&server, &key, "zoe@example.com", PASS);
    assert_error(&r, 429, "LOCKED_OUT");
    let count: i64 = env.sql().one(
        "SELECT failed_auth_count FROM tokens WHERE number = ?1",
        &[(&number).into()],
    );
    let locked: Option<i64> = env.sql().one(
        "SELECT locked_until FROM tokens WHERE number = ?1",
        &[(&number).into()],
    );
    assert_eq!(count, 3);
    assert!(locked.unwrap() > now());
    // Once the lock has run out, the right pass code works again.
    set_column(&env, &number, "locked_until", (now() - 1).into());
    set_column(&env, &number, "failed_auth_since", (now() - 3600).into());
    assert_eq!(
        login_pass(&server, &key, "zoe@example.com", PASS).status,
        200
    );
}

#[test]
fn https_with_a_throwaway_certificate() {
    let env = TestEnv::new();
    let key = new_key(&env, "portal");
    let (_, code) = new_code(&env);
    let cert = rcgen::generate_simple_self_signed(vec!["localhost".to_string()]).unwrap();
    let cert_file = env.write("cert.pem", &cert.cert.pem());
    let key_file = env.write("key.pem", &cert.key_pair.serialize_pem());
    let server = Server::start(
        &env,
        "",
        &[
            "--tls-cert",
            cert_file.to_str().unwrap(),
            "--tls-key",
            key_file.to_str().unwrap(),
        ],
    );
    let root = ureq::tls::Certificate::from_der(cert.cert.der()).to_owned();
    let tls = ureq::tls::TlsConfig::builder()
        .root_certs(ureq::tls::RootCerts::Specific(Arc::new(vec![root])))
        .build();
    let https: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .tls_config(tls)
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into();
    let url = format!("https://localhost:{}{LOGIN}", server.addr.port());
    let r = reply(
        https
            .post(&url)
            .header("Authorization", &basic(&key))
            .header("Content-Type", "application/json")
            .send(format!(
                r#"{{"access_token_identifier": {{"authentication_code": "{code}"}}}}"#
            ))
            .unwrap(),
    );
    assert_eq!(r.status, 200, "{r:?}");
    assert!(r.body["data"]["token"].is_string());
    // Plain HTTP to the TLS port gets nowhere.
    assert!(agent()
        .get(format!("http://{}/health", server.addr))
        .call()
        .is_err());
}

#[test]
fn sigterm_drains_a_pass_code_login_in_flight() {
    // argon2 heavy enough that the login is still hashing when SIGTERM arrives.
    let env = TestEnv::with_definition(
        "name = \"slow\"\n[pass_code.hash]\nmemory_kib = 131072\niterations = 8\nparallelism = 1\n",
    );
    let key = new_key(&env, "portal");
    token_with_pass(&env, "zoe@example.com");
    let mut server = Server::start(&env, "", &[]);
    let addr = server.addr;
    let login = {
        let key = key.clone();
        std::thread::spawn(move || {
            let r = agent()
                .post(format!("http://{addr}{LOGIN}"))
                .header("Authorization", &basic(&key))
                .send(format!(
                    r#"{{"access_token_identifier": {{"identifier": "zoe@example.com", "pass_code": "{PASS}"}}}}"#
                ))
                .unwrap();
            reply(r)
        })
    };
    // Wait until the login is hashing, then ask the server to stop.
    let wait = Instant::now();
    loop {
        let mut m = agent().get(server.url("/metrics")).call().unwrap();
        let text = m.body_mut().read_to_string().unwrap();
        if text.contains("tokenadm_hash_in_progress 1") {
            break;
        }
        assert!(
            wait.elapsed() < Duration::from_secs(30),
            "the login never hashed"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    server.terminate();
    let r = login.join().unwrap();
    assert_eq!(r.status, 200, "{r:?}");
    assert!(r.body["data"]["token"].is_string());
    let status = server.wait_exit(Duration::from_secs(60));
    assert_eq!(status.code(), Some(0));
    let log = server.log();
    assert!(
        log.iter()
            .any(|l| l.contains("\"stopped\"") && l.contains("\"drained\":true")),
        "{log:?}"
    );
    // Nothing listens any more.
    assert!(TcpStream::connect(addr).is_err());
}

#[test]
fn app_keys_are_made_once_listed_and_revoked() {
    let env = TestEnv::new();
    let k = env.json(&["app-key", "new", "--name", "Mobile app"]);
    let key = k["secrets"]["key"].as_str().unwrap();
    assert!(key.starts_with("tak_") && key.len() == 36, "{key}");
    assert_eq!(k["state"], "active");
    assert_eq!(k["key_hint"], format!("…{}", &key[key.len() - 4..]));
    // Only the digest is stored.
    assert!(!env.dump().contains(key));
    let shown = env.json(&["app-key", "show", "Mobile app"]);
    assert!(shown.get("secrets").is_none());
    let list = env.json(&["app-key", "list"]);
    assert_eq!(list.as_array().unwrap().len(), 1);

    let err = env.fails_unchanged(&["app-key", "new", "--name", "Mobile app"], "", 5);
    assert!(err.contains("Mobile app"), "{err}");
    env.fails_unchanged(&["app-key", "new", "--name", "bad\u{1b}name"], "", 4);
    let err = env.fails_unchanged(&["app-key", "show", "nope"], "", 3);
    assert!(err.contains("nope"), "{err}");

    let r = env.json(&["app-key", "revoke", "Mobile app"]);
    assert_eq!(r["state"], "revoked");
    assert_eq!(r["revoked_by"], "tester");
    env.fails_unchanged(&["app-key", "revoke", "Mobile app"], "", 5);
    let actions: Vec<String> = env
        .json(&["audit"])
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap().to_string())
        .collect();
    assert!(actions.ends_with(&["app_key.create".to_string(), "app_key.revoke".to_string()]));
    assert!(!env.json(&["audit"]).to_string().contains(key));
}

#[test]
fn a_revoked_key_stops_at_its_next_request() {
    let env = TestEnv::new();
    let key = new_key(&env, "portal");
    let (_, code) = new_code(&env);
    let server = Server::start(&env, "", &[]);
    assert_eq!(login_code(&server, &key, &code).status, 200);
    env.json(&["app-key", "revoke", "portal"]);
    assert_error(
        &login_code(&server, &key, &code),
        401,
        "INVALID_APPLICATION_KEY",
    );
}

#[test]
fn logins_arriving_together_are_committed_together_and_each_is_whole() {
    let env = TestEnv::new();
    let key = new_key(&env, "portal");
    let t = env.json(&["token", "new", "--count", "40"]);
    let codes: Vec<String> = t
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["secrets"]["authentication_code"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    let server = Arc::new(Server::start(&env, "", &[]));
    // 40 good codes and 10 unknown ones at once, from 50 threads.
    let threads: Vec<_> = (0..50)
        .map(|i| {
            let server = Arc::clone(&server);
            let key = key.clone();
            let code = codes
                .get(i)
                .cloned()
                .unwrap_or_else(|| format!("atk_notAnyCodeOfOursNumber{i:04}xx"));
            std::thread::spawn(move || login_code(&server, &key, &code).status)
        })
        .collect();
    let statuses: Vec<u16> = threads.into_iter().map(|t| t.join().unwrap()).collect();
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        40,
        "{statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|s| **s == 401).count(),
        10,
        "{statuses:?}"
    );

    // Every login wrote what auth writes, in a chain that still verifies.
    let granted = env.json(&["audit", "--action", "token.auth"]);
    assert_eq!(granted.as_array().unwrap().len(), 40);
    assert!(granted
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["actor"] == "portal"));
    let failed = env.json(&["audit", "--action", "token.auth_failed"]);
    assert_eq!(failed.as_array().unwrap().len(), 10);
    env.cmd().args(["audit", "verify"]).assert().success();
    let used: i64 = env.sql().one(
        "SELECT count(*) FROM tokens WHERE last_used_at IS NOT NULL",
        &[],
    );
    assert_eq!(used, 40);

    // The metrics say how many transactions carried them (at most one each).
    let mut m = agent().get(server.url("/metrics")).call().unwrap();
    let text = m.body_mut().read_to_string().unwrap();
    let value = |name: &str| -> u64 {
        text.lines()
            .find_map(|l| l.strip_prefix(&format!("{name} ")))
            .unwrap()
            .parse()
            .unwrap()
    };
    assert_eq!(value("tokenadm_grouped_logins_total"), 50);
    let groups = value("tokenadm_group_commits_total");
    assert!((1..=50).contains(&groups), "{groups}");
    println!("50 logins at once: {groups} transactions");
}

#[test]
fn serve_refuses_what_it_cannot_start_with_one_sentence() {
    // No database: a typo in --db, not a set-up; nothing is created.
    let env = TestEnv::empty();
    let err = env.fails(&["serve", "--listen", "127.0.0.1:0"], "", 3);
    assert!(err.contains("no database"), "{err}");
    assert!(!env.exists());

    let env = TestEnv::new();
    let err = env.fails(&["serve", "--listen", "localhost-ish"], "", 2);
    assert!(err.contains("--listen"), "{err}");
    env.fails(&["serve", "--tls-cert", "cert.pem"], "", 2);
    let junk = env.write("junk.pem", "not a certificate\n");
    let err = env.fails(
        &[
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--tls-cert",
            junk.to_str().unwrap(),
            "--tls-key",
            junk.to_str().unwrap(),
        ],
        "",
        4,
    );
    assert!(err.contains("--tls-cert"), "{err}");
    // A misspelt [serve] key names its line.
    let config = env.dir.path().join("config").join("tokenadm");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("config.toml"),
        "[serve]\nlisen = \"127.0.0.1:1\"\n",
    )
    .unwrap();
    let err = env.fails(&["serve"], "", 4);
    assert!(err.contains("line 2") && err.contains("lisen"), "{err}");
}

#[test]
fn app_key_new_writes_to_an_output_file_made_private() {
    use std::os::unix::fs::PermissionsExt;
    let env = TestEnv::new();
    let path = env.path("key.json");
    let out = env
        .cmd()
        .args([
            "app-key", "new", "--name", "portal", "--format", "json", "--output",
        ])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty());
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let k: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert!(k["secrets"]["key"].as_str().unwrap().starts_with("tak_"));
    // Never over an existing file, and nothing made.
    let err = env.fails_unchanged(
        &[
            "app-key",
            "new",
            "--name",
            "other",
            "--output",
            path.to_str().unwrap(),
        ],
        "",
        5,
    );
    assert!(err.contains("key.json"), "{err}");
}

#[test]
fn the_daily_limit_answers_429_until_the_next_utc_day() {
    let env = TestEnv::with_definition(&format!("{TEST_DEFINITION}\n[usage]\ndaily_limit = 2\n"));
    let key = new_key(&env, "portal");
    let (number, code) = new_code(&env);
    let server = Server::start(&env, "", &[]);
    for _ in 0..2 {
        assert_eq!(login_code(&server, &key, &code).status, 200);
    }
    let r = login_code(&server, &key, &code);
    assert_error(&r, 429, "DAILY_LIMIT_REACHED");
    let wait = r.retry_after.unwrap();
    assert!((1..=86_400).contains(&wait), "{wait}");
    let reasons: Vec<String> = env
        .json(&["audit", "--token", &number, "--action", "token.auth_failed"])
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["detail"]["reason"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(reasons, ["daily_limit"]);
}

/// Two servers on one database (on PostgreSQL: as on two hosts behind a load balancer, issue
/// #14) share the lockout exactly: the failure count is the database's, written under the
/// write lock whichever server takes the request.
#[test]
fn two_servers_on_one_database_share_the_lockout_exactly() {
    let env = TestEnv::with_definition(LOCKOUT_DEFINITION);
    let key = new_key(&env, "portal");
    let (number, _) = token_with_pass(&env, "zoe@example.com");
    let servers = [
        Arc::new(Server::start(&env, "", &[])),
        Arc::new(Server::start(&env, "", &[])),
    ];
    let threads: Vec<_> = (0..12)
        .map(|i| {
            let server = Arc::clone(&servers[i % 2]);
            let key = key.clone();
            std::thread::spawn(move || {
                login_pass(&server, &key, "zoe@example.com", &format!("guess {i}")).status
            })
        })
        .collect();
    let mut statuses: Vec<u16> = threads.into_iter().map(|t| t.join().unwrap()).collect();
    statuses.sort_unstable();
    let mut expected = vec![401; 3];
    expected.extend(vec![429; 9]);
    assert_eq!(statuses, expected);
    let count: i64 = env.sql().one(
        "SELECT failed_auth_count FROM tokens WHERE number = ?1",
        &[(&number).into()],
    );
    assert_eq!(count, 3);
    // Locked on both.
    for server in &servers {
        assert_error(
            &login_pass(server, &key, "zoe@example.com", PASS),
            429,
            "LOCKED_OUT",
        );
    }
    env.cmd().args(["audit", "verify"]).assert().success();
}

/// A server whose database connections were cut (a PostgreSQL restart, a failover, a firewall
/// that drops idle connections) connects again for the next request instead of failing every
/// request until it is restarted. A request caught mid-transaction fails, and is retried by
/// its client; nothing is run twice.
#[test]
fn serve_connects_again_after_the_database_cut_its_connections() {
    let env = TestEnv::new();
    if !env.is_pg() {
        return;
    }
    let key = new_key(&env, "portal");
    let (_, code) = new_code(&env);
    let server = Server::start(&env, "", &[]);
    assert_eq!(login_code(&server, &key, &code).status, 200);
    // Every other session on this database ends, as at a server restart (waiting until each
    // has exited, so that no request meets a session on its way out).
    let mut sql = env.sql();
    let cut: i64 = sql.one(
        "SELECT count(*) FROM (SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid()) t",
        &[],
    );
    assert!(cut > 0);
    let statuses: Vec<u16> = (0..8)
        .map(|_| login_code(&server, &key, &code).status)
        .collect();
    assert!(
        statuses.iter().all(|s| *s == 200),
        "after the cut: {statuses:?}"
    );

    // While the database takes no connections at all, a request is told to come back (503
    // with Retry-After, for a load balancer), not that the server failed; then it works again.
    let name = env.pg_name().unwrap();
    let mut admin = Sql::open(std::ffi::OsStr::new(&pg_server().unwrap()));
    admin.batch(&format!("ALTER DATABASE {name} ALLOW_CONNECTIONS false"));
    admin.batch(&format!(
        "SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity WHERE datname = '{name}'"
    ));
    let reply = login_code(&server, &key, &code);
    admin.batch(&format!("ALTER DATABASE {name} ALLOW_CONNECTIONS true"));
    assert_error(&reply, 503, "DATABASE_UNAVAILABLE");
    assert_eq!(reply.retry_after, Some(1));
    assert_eq!(login_code(&server, &key, &code).status, 200);
}
