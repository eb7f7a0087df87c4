//! The Web API's figures (issue #13): `tokenadm serve` (release build) on loopback, loaded by
//! `wrk` (Debian: `apt-get install wrk`) with keep-alive connections, on a database of 100k
//! tokens. Run it with
//!
//!     cargo bench --bench serve
//!
//! It prints one `name: value unit` line per figure; README.md ("Benchmarks") says what each
//! means and what it is measured against. Nothing passes or fails: figures, not tests.
//! `TOKENADM_BENCH_SECONDS` sets each load's length (default 10), `TOKENADM_BENCH_TOKENS` the
//! database's size (default 100000), `TOKENADM_BENCH_DIR` where the database goes, and
//! `TOKENADM_BENCH_DB` another database instead (a `postgres://` URL of an empty database: the
//! same figures on PostgreSQL, issue #14).

// A measuring harness, not the product: a panic with a message is its error report, and its
// figures go to stdout.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr
)]
// It drives the binary from outside, so it reads the real clock as a user would.
#![allow(clippy::disallowed_methods)]

use base64::Engine as _;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tokenadm::domain::definition::builtin_default;
use tokenadm::domain::passcode;

const LOGIN: &str = "/authentication/consumer_application_key/token";
/// Keep-alive connections of the main loads.
const CONNECTIONS: usize = 64;

fn line(name: &str, value: impl std::fmt::Display, unit: &str) {
    println!("{name}: {value} {unit}");
    let _ = std::io::stdout().flush();
}

struct Env {
    exe: PathBuf,
    dir: PathBuf,
    db: PathBuf,
}

impl Env {
    fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new(&self.exe);
        c.args(args)
            .env("TOKENADM_DB", &self.db)
            .env("TOKENADM_ACTOR", "bench")
            .env("XDG_CONFIG_HOME", self.dir.join("config"))
            .env_remove("TOKENADM_FORMAT")
            .env_remove("TOKENADM_CONFIG");
        c
    }

    /// Runs the CLI with `stdin`, expects success, returns stdout.
    fn run(&self, args: &[&str], stdin: &str) -> String {
        let mut child = self
            .cmd(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(stdin.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }
}

/// What one wrk run measured.
struct Load {
    rps: f64,
    p50_ms: f64,
    p99_ms: f64,
    non_2xx: u64,
}

/// Milliseconds of a wrk duration such as `1.23ms`, `456.00us`, `1.02s`.
fn wrk_ms(text: &str) -> f64 {
    let (num, unit) = text
        .find(|c: char| c.is_ascii_alphabetic())
        .map(|i| text.split_at(i))
        .unwrap();
    let v: f64 = num.parse().unwrap();
    match unit {
        "us" => v / 1000.0,
        "ms" => v,
        "s" => v * 1000.0,
        "m" => v * 60_000.0,
        other => panic!("wrk unit {other}"),
    }
}

fn parse_wrk(out: &str) -> Load {
    let mut load = Load {
        rps: 0.0,
        p50_ms: 0.0,
        p99_ms: 0.0,
        non_2xx: 0,
    };
    for l in out.lines().map(str::trim) {
        let words: Vec<&str> = l.split_whitespace().collect();
        match words.as_slice() {
            ["Requests/sec:", v] => load.rps = v.parse().unwrap(),
            ["50%", v] => load.p50_ms = wrk_ms(v),
            ["99%", v] => load.p99_ms = wrk_ms(v),
            ["Non-2xx", "or", "3xx", "responses:", n] => load.non_2xx = n.parse().unwrap(),
            _ => {}
        }
    }
    load
}

/// Starts wrk on `path` with `connections` keep-alive connections for `secs`, with `script`
/// (a Lua file) if given.
fn wrk(addr: &str, path: &str, connections: usize, secs: u64, script: Option<&Path>) -> Child {
    let mut c = Command::new("wrk");
    c.args([
        "-t",
        "2",
        "-c",
        &connections.to_string(),
        "-d",
        &format!("{secs}s"),
        "--latency",
        "--timeout",
        "10s",
    ]);
    if let Some(s) = script {
        c.arg("-s").arg(s);
    }
    c.arg(format!("http://{addr}{path}"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("wrk")
}

fn finish(child: Child) -> Load {
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    parse_wrk(&String::from_utf8_lossy(&out.stdout))
}

/// A wrk script that posts one login body after another, cycling through `bodies`.
fn script(dir: &Path, name: &str, key: &str, bodies: &[String]) -> PathBuf {
    let auth = base64::engine::general_purpose::STANDARD.encode(format!("{key}:"));
    let mut lua = String::from("bodies = {\n");
    for b in bodies {
        lua.push_str(&format!("  [=[{b}]=],\n"));
    }
    lua.push_str("}\n");
    lua.push_str(&format!(
        "wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\nwrk.headers[\"Authorization\"] = \"Basic {auth}\"\n"
    ));
    lua.push_str(
        "local i = 0\nrequest = function()\n  i = i + 1\n  return wrk.format(nil, nil, nil, bodies[(i % #bodies) + 1])\nend\n",
    );
    let path = dir.join(name);
    std::fs::write(&path, lua).unwrap();
    path
}

fn vm_hwm_mib(pid: u32) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kib| kib / 1024.0)
}

fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

fn main() {
    if Command::new("wrk").arg("--version").output().is_err() {
        line(
            "load_generator",
            "missing",
            "(install wrk: apt-get install wrk; no figures)",
        );
        return;
    }
    let started = Instant::now();
    let secs: u64 = std::env::var("TOKENADM_BENCH_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
    let tokens: u64 = std::env::var("TOKENADM_BENCH_TOKENS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let base = std::env::var_os("TOKENADM_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(std::env::temp_dir);
    let tmp = tempfile::Builder::new()
        .prefix("tokenadm-bench-serve-")
        .tempdir_in(base)
        .unwrap();
    let env = Env {
        exe: PathBuf::from(env!("CARGO_BIN_EXE_tokenadm")),
        dir: tmp.path().to_path_buf(),
        db: std::env::var_os("TOKENADM_BENCH_DB")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .unwrap_or_else(|| tmp.path().join("serve.db")),
    };
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    line("cores", cores, "(the server and wrk share them)");
    // Other work on the machine takes cores from every figure: say how much there was.
    line("loadavg_at_start", loadavg(), "(1, 5, 15 min)");

    // One argon2 hash at the default definition's parameters, which the pass-code tokens use.
    let params = builtin_default().base.pass_code.hash;
    let mut hashes: Vec<Duration> = (0..9)
        .map(|_| {
            let t = Instant::now();
            passcode::hash("correct horse battery", params).unwrap();
            t.elapsed()
        })
        .collect();
    hashes.sort();
    let single = hashes[hashes.len() / 2];
    line(
        "argon2_single_hash_ms",
        format!("{:.1}", single.as_secs_f64() * 1000.0),
        &format!(
            "ms (m={} KiB, t={}, one thread)",
            params.memory_kib, params.iterations
        ),
    );

    // The database: `tokens` tokens with authentication codes only, and 64 with pass codes.
    let csv = env.run(
        &[
            "token",
            "new",
            "--count",
            &tokens.to_string(),
            "--format",
            "csv",
            "-q",
        ],
        "",
    );
    let mut rows = csv.lines();
    let header: Vec<&str> = rows.next().unwrap().split(',').collect();
    let col = header
        .iter()
        .position(|h| *h == "secrets.authentication_code")
        .unwrap();
    let codes: Vec<String> = rows
        .take(2000)
        .map(|r| r.split(',').nth(col).unwrap().to_string())
        .collect();
    let mut import = String::from("identifier,pass_code\n");
    for i in 0..64 {
        import.push_str(&format!("user{i}@example.com,pass code number {i}\n"));
    }
    std::fs::write(env.dir.join("pass.csv"), &import).unwrap();
    env.run(
        &[
            "token",
            "import",
            env.dir.join("pass.csv").to_str().unwrap(),
            "-q",
        ],
        "",
    );
    let key_json = env.run(
        &["app-key", "new", "--name", "bench", "--format", "json"],
        "",
    );
    let key: serde_json::Value = serde_json::from_str(&key_json).unwrap();
    let key = key["secrets"]["key"].as_str().unwrap().to_string();
    line("database_tokens", tokens + 64, "tokens");

    // The server, without rate limits (they would measure themselves).
    let config = env.dir.join("config").join("tokenadm");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("config.toml"),
        "[serve]\nper_ip_rate = 0\nper_key_rate = 0\nhash_queue = 256\n",
    )
    .unwrap();
    let mut server = env
        .cmd(&["serve", "--listen", "127.0.0.1:0"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(server.stderr.take().unwrap());
    let mut first = String::new();
    stderr.read_line(&mut first).unwrap();
    let listening: serde_json::Value = serde_json::from_str(&first).unwrap();
    let addr = listening["address"].as_str().unwrap().to_string();
    // The access log is a line per request: drain it so the pipe never fills.
    std::thread::spawn(move || {
        let mut sink = String::new();
        while stderr.read_line(&mut sink).is_ok_and(|n| n > 0) {
            sink.clear();
        }
    });

    let health = finish(wrk(&addr, "/health", CONNECTIONS, secs, None));
    line(
        "health_rps",
        format!("{:.0}", health.rps),
        "req/s (64 connections)",
    );
    line("health_p99_ms", format!("{:.2}", health.p99_ms), "ms");

    let bodies: Vec<String> = codes
        .iter()
        .map(|c| format!(r#"{{"access_token_identifier": {{"authentication_code": "{c}"}}}}"#))
        .collect();
    let s = script(&env.dir, "codes.lua", &key, &bodies);
    let codes_load = finish(wrk(&addr, LOGIN, CONNECTIONS, secs, Some(&s)));
    line(
        "auth_code_login_rps",
        format!("{:.0}", codes_load.rps),
        &format!("req/s (64 connections, {} non-2xx)", codes_load.non_2xx),
    );
    line(
        "auth_code_login_vs_health",
        format!("{:.3}", codes_load.rps / health.rps),
        "ratio (target >= 0.50)",
    );
    line(
        "auth_code_login_p50_ms",
        format!("{:.2}", codes_load.p50_ms),
        "ms",
    );
    line(
        "auth_code_login_p99_ms",
        format!("{:.2}", codes_load.p99_ms),
        "ms (target <= 25)",
    );

    let bodies: Vec<String> = (0..64)
        .map(|i| {
            format!(
                r#"{{"access_token_identifier": {{"identifier": "user{i}@example.com", "pass_code": "pass code number {i}"}}}}"#
            )
        })
        .collect();
    let s = script(&env.dir, "pass.lua", &key, &bodies);
    let pass = finish(wrk(&addr, LOGIN, CONNECTIONS, secs, Some(&s)));
    let ideal = cores as f64 / single.as_secs_f64();
    line(
        "pass_code_login_rps",
        format!("{:.1}", pass.rps),
        &format!("req/s (64 connections, {} non-2xx)", pass.non_2xx),
    );
    line(
        "pass_code_login_vs_cores_x_single_hash",
        format!("{:.3}", pass.rps / ideal),
        &format!(
            "ratio ({cores} cores x {:.1} hashes/s; target >= 0.90)",
            1.0 / single.as_secs_f64()
        ),
    );
    line(
        "pass_code_login_p99_ms",
        format!("{:.1}", pass.p99_ms),
        "ms",
    );

    // 10x more pass-code logins than cores in flight, and /health beside them.
    let in_flight = 10 * cores;
    let busy = wrk(&addr, LOGIN, in_flight, secs + 2, Some(&s));
    std::thread::sleep(Duration::from_secs(1));
    let health_busy = finish(wrk(&addr, "/health", 4, secs, None));
    let busy = finish(busy);
    line(
        "health_p99_ms_under_pass_code_load",
        format!("{:.2}", health_busy.p99_ms),
        &format!(
            "ms ({in_flight} pass-code logins in flight at {:.1} req/s, 4 health connections; target <= 50)",
            busy.rps
        ),
    );
    let rss = vm_hwm_mib(server.id());
    line(
        "server_peak_rss_mib",
        format!("{rss:.1}"),
        &format!(
            "MiB (target <= 60 + {cores} x {:.0} MiB of hash memory = {:.0})",
            params.memory_kib as f64 / 1024.0,
            60.0 + cores as f64 * params.memory_kib as f64 / 1024.0
        ),
    );

    let _ = Command::new("kill")
        .args(["-TERM", &server.id().to_string()])
        .status();
    let _ = server.wait();
    line("loadavg_at_end", loadavg(), "(1, 5, 15 min)");
    line(
        "benchmark_wall_s",
        format!("{:.0}", started.elapsed().as_secs_f64()),
        "s",
    );
}
