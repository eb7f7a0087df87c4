//! The whole-process benchmark (issue #7): builds databases of 10k, 100k and 1M tokens with the
//! release binary and prints one `name: value unit` line per figure. Run it with
//!
//!     cargo bench --bench cli
//!
//! `TOKENADM_BENCH_SIZES=10000,100000` picks other sizes; `TOKENADM_BENCH_DIR` where the
//! databases go (default: the system's temporary folder; the 1M database takes about 0.25 GB).
//!
//! Then the same figures again on PostgreSQL (issue #14), each line's name prefixed `pg_`: on
//! the server `TOKENADM_BENCH_PG` names (an admin URL; the bench creates and drops databases
//! `tokenadm_bench_*` there), or else on a throwaway cluster that `.ci/postgres start
//! --durable` starts on a unix socket for the run (PostgreSQL's own durability settings), when
//! PostgreSQL is installed. Without either, one line says the column was skipped. When
//! PgBouncer is installed too, `.ci/postgres pooler` puts it in front of that cluster, and
//! `token show` and `set-state` are timed again through it (`pg_pooled_*`).
//! `TOKENADM_BENCH_ENGINES=sqlite` or `=postgres` runs one column only.
//!
//! Beside each import it measures the engine's own limit in the same run, on the same disk:
//! rusqlite inserting as many token-shaped rows into a bare table with the tokens table's
//! columns and unique indexes (issue #16), or on PostgreSQL one bare COPY of them, so the
//! import is reported as a fraction of what the engine does on this machine today, never
//! against a figure from another machine.
//! README.md ("Benchmarks") says what each figure means and what it is measured against.
//! Nothing here passes or fails: `cargo test` never runs it, and it asserts nothing on time.

// A measuring or testing harness, not the product: a panic with a message is its error report,
// and its figures go to stdout.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr
)]
// It drives the binary from outside, so it reads the real clock as a user would.
#![allow(clippy::disallowed_methods)]

use std::ffi::{OsStr, OsString};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};
use tokenadm::domain::definition::builtin_default;
use tokenadm::domain::passcode;

/// Runs of each single command whose median is reported.
const RUNS: usize = 51;

struct Bench {
    exe: PathBuf,
    dir: PathBuf,
}

fn line(name: &str, value: impl std::fmt::Display, unit: &str) {
    println!("{name}: {value} {unit}");
    let _ = std::io::stdout().flush();
}

/// Where one column's databases live.
enum Engine {
    Sqlite,
    /// A PostgreSQL server, by an admin URL that may create databases, and PgBouncer in
    /// front of it when there is one.
    Postgres {
        admin: String,
        pooler: Option<String>,
    },
}

impl Engine {
    /// What the column's lines are prefixed with.
    fn prefix(&self) -> &'static str {
        match self {
            Engine::Sqlite => "",
            Engine::Postgres { .. } => "pg_",
        }
    }

    /// A new, empty database called `name` (a path or a URL: what `TOKENADM_DB` takes).
    fn fresh(&self, bench: &Bench, name: &str) -> OsString {
        match self {
            Engine::Sqlite => bench.dir.join(format!("{name}.db")).into(),
            Engine::Postgres { admin, .. } => {
                let db = format!("tokenadm_bench_{name}").replace(['-', '.'], "_");
                let mut server = postgres::Client::connect(admin, postgres::NoTls)
                    .expect("connect to the PostgreSQL server");
                // Two statements: neither may run inside a transaction, as one query would.
                server
                    .batch_execute(&format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)"))
                    .expect("drop an old database");
                server
                    .batch_execute(&format!("CREATE DATABASE {db}"))
                    .expect("create a database");
                with_dbname(admin, &db).into()
            }
        }
    }

    /// Removes a database [`Engine::fresh`] made.
    fn remove(&self, db: &OsStr) {
        match self {
            Engine::Sqlite => {
                for suffix in ["", "-wal", "-shm"] {
                    let mut p = db.to_os_string();
                    p.push(suffix);
                    let _ = std::fs::remove_file(p);
                }
            }
            Engine::Postgres { admin, .. } => {
                let name = dbname(db);
                if let Ok(mut server) = postgres::Client::connect(admin, postgres::NoTls) {
                    let _ = server
                        .batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
                }
            }
        }
    }

    /// The database's size on disk (with SQLite's write-ahead log).
    fn size(&self, db: &OsStr) -> u64 {
        match self {
            Engine::Sqlite => ["", "-wal"]
                .iter()
                .filter_map(|suffix| {
                    let mut p = db.to_os_string();
                    p.push(suffix);
                    std::fs::metadata(p).ok()
                })
                .map(|m| m.len())
                .sum(),
            Engine::Postgres { .. } => {
                let mut c = postgres::Client::connect(db.to_str().unwrap(), postgres::NoTls)
                    .expect("connect");
                let r = c
                    .query_one("SELECT pg_database_size(current_database())", &[])
                    .expect("size");
                r.get::<_, i64>(0) as u64
            }
        }
    }
}

/// `url` naming database `name` instead of its own.
fn with_dbname(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (url, String::new()),
    };
    let (scheme, rest) = base.split_once("://").expect("a postgres:// URL");
    let authority = rest.split('/').next().unwrap_or_default();
    format!("{scheme}://{authority}/{name}{query}")
}

/// The database a URL names.
fn dbname(url: &OsStr) -> String {
    let url = url.to_str().expect("a URL");
    let base = url.split('?').next().unwrap_or_default();
    base.rsplit('/').next().unwrap_or_default().to_string()
}

/// A PostgreSQL server for the column: `TOKENADM_BENCH_PG`, or a throwaway cluster of
/// `.ci/postgres`, stopped when this is dropped.
struct PgServer {
    admin: String,
    cluster: Option<String>,
    pooler: Option<String>,
}

impl PgServer {
    fn get() -> Result<PgServer, String> {
        if let Some(admin) = std::env::var("TOKENADM_BENCH_PG")
            .ok()
            .filter(|u| !u.is_empty())
        {
            return Ok(PgServer {
                admin,
                cluster: None,
                pooler: None,
            });
        }
        let installed = std::fs::read_dir("/usr/lib/postgresql")
            .map(|d| d.flatten().any(|v| v.path().join("bin/initdb").exists()))
            .unwrap_or(false);
        if !installed {
            return Err(
                "no PostgreSQL server: set TOKENADM_BENCH_PG to an admin URL, or install postgresql"
                    .into(),
            );
        }
        let out = Command::new("bash")
            .args([".ci/postgres", "start", "--durable"])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stderr(Stdio::null())
            .output()
            .map_err(|e| format!("cannot run .ci/postgres: {e}"))?;
        if !out.status.success() {
            return Err("`.ci/postgres start --durable` failed".into());
        }
        let text = String::from_utf8_lossy(&out.stdout);
        let value = |name: &str| {
            text.lines().find_map(|l| {
                l.strip_prefix(&format!("export {name}='"))
                    .and_then(|v| v.strip_suffix('\''))
                    .map(str::to_string)
            })
        };
        let cluster = value("TOKENADM_TEST_PG_DIR");
        let Some(admin) = value("TOKENADM_TEST_PG") else {
            return Err("`.ci/postgres start` printed no URL".into());
        };
        // PgBouncer in front of it, when installed, for the pooled figures.
        let pooler = cluster.as_ref().and_then(|dir| {
            let out = Command::new("bash")
                .args([".ci/postgres", "pooler", dir])
                .current_dir(env!("CARGO_MANIFEST_DIR"))
                .stderr(Stdio::null())
                .output()
                .ok()?;
            let text = String::from_utf8_lossy(&out.stdout).into_owned();
            text.lines().find_map(|l| {
                l.strip_prefix("export TOKENADM_TEST_PG_POOLER='")
                    .and_then(|v| v.strip_suffix('\''))
                    .map(str::to_string)
            })
        });
        Ok(PgServer {
            admin,
            cluster,
            pooler,
        })
    }
}

impl Drop for PgServer {
    fn drop(&mut self) {
        if let Some(dir) = &self.cluster {
            let _ = Command::new("bash")
                .args([".ci/postgres", "stop", dir])
                .current_dir(env!("CARGO_MANIFEST_DIR"))
                .stderr(Stdio::null())
                .status();
        }
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn label(size: u64) -> String {
    match size {
        s if s >= 1_000_000 && s % 1_000_000 == 0 => format!("{}m", s / 1_000_000),
        s if s >= 1_000 && s % 1_000 == 0 => format!("{}k", s / 1_000),
        s => s.to_string(),
    }
}

impl Bench {
    fn cmd(&self, db: &OsStr, args: &[&str]) -> Command {
        let mut c = Command::new(&self.exe);
        c.args(args)
            .env("TOKENADM_DB", db)
            .env("TOKENADM_ACTOR", "bench")
            .env("XDG_CONFIG_HOME", self.dir.join("config"))
            .env_remove("TOKENADM_FORMAT")
            .env_remove("TOKENADM_CONFIG");
        c
    }

    fn run(&self, db: &OsStr, args: &[&str], stdin: &str) -> Output {
        let mut child = self
            .cmd(db, args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start tokenadm");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(stdin.as_bytes())
            .expect("write stdin");
        let out = child.wait_with_output().expect("run tokenadm");
        assert!(
            out.status.success(),
            "tokenadm {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    /// Wall time of one run with stdout discarded, and the child's peak resident memory in
    /// KiB (VmHWM, polled from /proc while it runs).
    fn timed(&self, db: &OsStr, args: &[&str], stdin: &str) -> (Duration, u64) {
        self.run_timed(db, args, stdin, true, 0)
    }

    /// [`Bench::timed`] of a command that must exit with `code` (`definition check` exits 5
    /// when tokens break the definition).
    fn timed_exit(&self, db: &OsStr, args: &[&str], code: i32) -> (Duration, u64) {
        self.run_timed(db, args, "", true, code)
    }

    /// Wall time only: no thread polling /proc beside a command of a few milliseconds.
    fn time(&self, db: &OsStr, args: &[&str], stdin: &str) -> Duration {
        self.run_timed(db, args, stdin, false, 0).0
    }

    fn run_timed(
        &self,
        db: &OsStr,
        args: &[&str],
        stdin: &str,
        poll: bool,
        code: i32,
    ) -> (Duration, u64) {
        // Standard input comes from a file, so that a command reading it never waits for this
        // process to be scheduled and write to a pipe.
        let input = self.dir.join("stdin.txt");
        std::fs::write(&input, stdin).expect("write stdin");
        let input = std::fs::File::open(&input).expect("open stdin");
        let errors = self.dir.join("stderr.txt");
        let stderr = std::fs::File::create(&errors).expect("stderr file");
        let start = Instant::now();
        let mut child = self
            .cmd(db, args)
            .stdin(Stdio::from(input))
            .stdout(Stdio::null())
            .stderr(Stdio::from(stderr))
            .spawn()
            .expect("start tokenadm");
        // A second thread polls the peak resident memory while this one waits for the exit,
        // so the time is exact (no polling interval in it).
        let status_file = format!("/proc/{}/status", child.id());
        let done = std::sync::atomic::AtomicBool::new(false);
        let (status, elapsed, peak) = std::thread::scope(|s| {
            let poller = s.spawn(|| {
                let mut peak = 0;
                while poll && !done.load(std::sync::atomic::Ordering::Relaxed) {
                    if let Some(kib) = std::fs::read_to_string(&status_file).ok().and_then(|text| {
                        text.lines()
                            .find(|l| l.starts_with("VmHWM:"))
                            .and_then(|l| l.split_whitespace().nth(1))
                            .and_then(|v| v.parse::<u64>().ok())
                    }) {
                        peak = peak.max(kib);
                    }
                    std::thread::sleep(Duration::from_millis(2));
                }
                peak
            });
            let status = child.wait().expect("wait");
            let elapsed = start.elapsed();
            done.store(true, std::sync::atomic::Ordering::Relaxed);
            (status, elapsed, poller.join().unwrap_or(0))
        });
        let err = std::fs::read_to_string(&errors).unwrap_or_default();
        assert_eq!(
            status.code(),
            Some(code),
            "tokenadm {args:?} exited {status}: {err}"
        );
        (elapsed, peak)
    }

    fn median_ms(&self, db: &OsStr, args: &[&str], stdin: &str, runs: usize) -> f64 {
        let times = (0..runs).map(|_| self.time(db, args, stdin)).collect();
        ms(median(times))
    }

    fn init(&self, engine: &Engine, name: &str) -> OsString {
        let db = engine.fresh(self, name);
        self.run(&db, &["init"], "");
        db
    }
}

fn write_rows(path: &Path, header: &str, rows: u64, row: impl Fn(u64) -> String) {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).expect("create rows"));
    writeln!(f, "{header}").expect("write");
    for i in 0..rows {
        writeln!(f, "{}", row(i)).expect("write");
    }
    f.flush().expect("flush");
}

/// The engine's limit on this machine, now: inserting `rows` token-shaped rows into a bare
/// table with the same columns and unique indexes as the tokens table (its DDL read from the
/// database `schema_from`, which tokenadm made), in one transaction, with the pragmas the
/// engine sets on every connection (WAL, `synchronous = NORMAL`, SQLite's default page cache)
/// except foreign keys, off (a bare table has no parent to check; the bundled SQLite turns them
/// on by default). The rows carry what an import
/// of names writes: a number, a name, a random 32-byte digest and its hint, the state, the
/// definition and the log columns. A single-row prepared INSERT, as anyone would write it;
/// timed from `BEGIN IMMEDIATE` to the end of `COMMIT`. Returns rows per second.
fn engine_limit(dir: &Path, schema_from: &Path, rows: u64) -> f64 {
    let schema = rusqlite::Connection::open(schema_from).expect("open the schema source");
    let ddl: Vec<String> = schema
        .prepare(
            "SELECT sql FROM sqlite_schema WHERE tbl_name = 'tokens' AND sql IS NOT NULL
             AND (type = 'table' OR sql LIKE 'CREATE UNIQUE INDEX%') ORDER BY type = 'index'",
        )
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("the tokens table's schema");
    drop(schema);
    let path = dir.join("engine-limit.db");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let mut conn = rusqlite::Connection::open(&path).expect("open the bare database");
    conn.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY;
         PRAGMA secure_delete = ON; PRAGMA foreign_keys = OFF;",
    )
    .expect("pragmas");
    conn.execute_batch(&ddl.join(";\n"))
        .expect("the bare table");
    let mut digest = [0u8; 32];
    let mut rng = rand::rng();
    let start = Instant::now();
    let tx = conn
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .expect("begin");
    {
        let mut stmt = tx
            .prepare(
                "INSERT INTO tokens (id, number, name, state, auth_digest, auth_hint, definition,
                 definition_version, created_at, created_by, updated_at, updated_by)
                 VALUES (?1, ?2, ?3, 'effective', ?4, ?5, 'default', 1, ?6, 'bench', ?6, 'bench')",
            )
            .expect("prepare");
        let now = 1_800_000_000i64;
        for i in 1..=rows as i64 {
            rand::Rng::fill(&mut rng, &mut digest[..]);
            let hint = format!("{:04x}", u16::from_be_bytes([digest[0], digest[1]]));
            stmt.execute(rusqlite::params![
                i,
                format!("AT{i:010}"),
                format!("token {i}"),
                &digest[..],
                hint,
                now
            ])
            .expect("insert");
        }
    }
    tx.commit().expect("commit");
    let rate = rows as f64 / start.elapsed().as_secs_f64();
    drop(conn);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    rate
}

/// PostgreSQL's limit on this machine, now: one COPY of `rows` token-shaped rows (the values
/// [`engine_limit`] inserts) into a bare table with the tokens table's columns and unique
/// indexes, made in a schema of its own in the database `db` and dropped after, in one
/// transaction, the rows streamed as they are made; timed from `BEGIN` to the end of `COMMIT`.
/// Returns rows per second.
fn pg_engine_limit(db: &OsStr, rows: u64) -> f64 {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut c = postgres::Client::connect(db.to_str().expect("a URL"), postgres::NoTls)
        .expect("connect to the database");
    c.batch_execute(
        "DROP SCHEMA IF EXISTS bench_limit CASCADE; CREATE SCHEMA bench_limit;
         CREATE TABLE bench_limit.tokens (LIKE public.tokens INCLUDING DEFAULTS);
         ALTER TABLE bench_limit.tokens ADD PRIMARY KEY (id);
         CREATE UNIQUE INDEX ON bench_limit.tokens (number);
         CREATE UNIQUE INDEX ON bench_limit.tokens (auth_digest);
         CREATE UNIQUE INDEX ON bench_limit.tokens (identifier_key)
             WHERE identifier_key IS NOT NULL AND state <> 'not_effective';",
    )
    .expect("the bare table");
    let mut digest = [0u8; 32];
    let mut rng = rand::rng();
    let now = 1_800_000_000i64;
    let start = Instant::now();
    let mut tx = c.transaction().expect("begin");
    {
        let mut w = tx
            .copy_in(
                "COPY bench_limit.tokens (id, number, name, state, auth_digest, auth_hint,
                 definition, definition_version, created_at, created_by, updated_at, updated_by)
                 FROM STDIN",
            )
            .expect("copy");
        let mut buf = Vec::with_capacity(1 << 20);
        for i in 1..=rows {
            rand::Rng::fill(&mut rng, &mut digest[..]);
            write!(buf, "{i}\tAT{i:010}\ttoken {i}\teffective\t\\\\x").expect("write");
            for b in digest {
                buf.push(HEX[usize::from(b >> 4)]);
                buf.push(HEX[usize::from(b & 0xf)]);
            }
            let hint = u16::from_be_bytes([digest[0], digest[1]]);
            writeln!(buf, "\t{hint:04x}\tdefault\t1\t{now}\tbench\t{now}\tbench").expect("write");
            if buf.len() >= 1 << 20 {
                w.write_all(&buf).expect("copy rows");
                buf.clear();
            }
        }
        w.write_all(&buf).expect("copy rows");
        w.finish().expect("copy");
    }
    tx.commit().expect("commit");
    let rate = rows as f64 / start.elapsed().as_secs_f64();
    c.batch_execute("DROP SCHEMA bench_limit CASCADE")
        .expect("drop the bare table");
    rate
}

fn main() {
    let started = Instant::now();
    let sizes: Vec<u64> = std::env::var("TOKENADM_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![10_000, 100_000, 1_000_000]);
    let base = std::env::var_os("TOKENADM_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(std::env::temp_dir);
    let tmp = tempfile::Builder::new()
        .prefix("tokenadm-bench-")
        .tempdir_in(base)
        .expect("temporary folder");
    let bench = Bench {
        exe: PathBuf::from(env!("CARGO_BIN_EXE_tokenadm")),
        dir: tmp.path().to_path_buf(),
    };
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    line("cores", cores, "");
    // Other work on the machine takes cores from the figures: say how much there was.
    line("loadavg_at_start", loadavg(), "(1, 5, 15 min)");

    // One argon2 hash at the default definition's parameters, on this thread.
    let params = builtin_default().base.pass_code.hash;
    let hashes: Vec<Duration> = (0..9)
        .map(|_| {
            let t = Instant::now();
            passcode::hash("correct horse battery", params).expect("hash");
            t.elapsed()
        })
        .collect();
    let single = median(hashes);
    line(
        "argon2_single_hash_ms",
        format!("{:.1}", ms(single)),
        &format!(
            "ms (m={} KiB, t={}, p={}, one thread)",
            params.memory_kib, params.iterations, params.parallelism
        ),
    );

    let engines =
        std::env::var("TOKENADM_BENCH_ENGINES").unwrap_or_else(|_| "sqlite,postgres".into());
    let wanted = |name: &str| engines.split(',').any(|e| e.trim() == name);
    if wanted("sqlite") {
        column(&bench, &Engine::Sqlite, &sizes, single);
    }
    let server = if wanted("postgres") {
        PgServer::get()
    } else {
        Err("not asked for: TOKENADM_BENCH_ENGINES".into())
    };
    match server {
        Ok(server) => {
            line("pg_server", "local", "(PostgreSQL on a unix socket)");
            column(
                &bench,
                &Engine::Postgres {
                    admin: server.admin.clone(),
                    pooler: server.pooler.clone(),
                },
                &sizes,
                single,
            );
        }
        Err(why) => line("pg_column", "skipped", &format!("({why})")),
    }

    line("loadavg_at_end", loadavg(), "(1, 5, 15 min)");
    line(
        "benchmark_wall_s",
        format!("{:.0}", started.elapsed().as_secs_f64()),
        "s",
    );
}

/// Every figure on one engine, each line's name prefixed with the engine's prefix.
fn column(bench: &Bench, engine: &Engine, sizes: &[u64], single: Duration) {
    let p = engine.prefix();
    let line = |name: &str, value: &dyn std::fmt::Display, unit: &str| {
        line(&format!("{p}{name}"), value, unit)
    };
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());

    // An import of rows with identifiers and pass codes: argon2 on every core.
    let ideal = cores as f64 / single.as_secs_f64();
    let rows = ((ideal * 10.0).round() as u64).clamp(50, 5000);
    let file = bench.dir.join("with-pass-codes.csv");
    write_rows(&file, "identifier,pass_code", rows, |i| {
        format!("user{i}@example.com,pass code number {i}")
    });
    let db = bench.init(engine, "with-pass-codes");
    let (t, rss) = bench.timed(
        &db,
        &[
            "token",
            "import",
            file.to_str().unwrap(),
            "--format",
            "csv",
            "-q",
        ],
        "",
    );
    engine.remove(&db);
    let rate = rows as f64 / t.as_secs_f64();
    line(
        "import_with_pass_codes_tokens_per_s",
        &format!("{rate:.1}"),
        &format!("tokens/s ({rows} rows)"),
    );
    line(
        "import_with_pass_codes_vs_cores_x_single_hash",
        &format!("{:.3}", rate / ideal),
        &format!(
            "ratio ({cores} cores x {:.1} hashes/s; target >= 0.90)",
            1.0 / single.as_secs_f64()
        ),
    );
    line(
        "import_with_pass_codes_peak_rss_mib",
        &format!("{:.1}", rss as f64 / 1024.0),
        "MiB",
    );

    // Imports of rows without pass codes, each into a fresh database.
    let mut largest: Option<(u64, OsString)> = None;
    for &size in sizes {
        let file = bench.dir.join(format!("rows-{size}.csv"));
        write_rows(&file, "name", size, |i| format!("token {i}"));
        let db = bench.init(engine, &format!("tokens-{size}"));
        // The engine's limit just before and just after the import, the better of the two:
        // whatever else the machine is doing weighs on both sides of the ratio.
        let limit_of = || match engine {
            Engine::Sqlite => engine_limit(&bench.dir, Path::new(&db), size),
            Engine::Postgres { .. } => pg_engine_limit(&db, size),
        };
        let before = limit_of();
        let (t, rss) = bench.timed(
            &db,
            &[
                "token",
                "import",
                file.to_str().unwrap(),
                "--format",
                "csv",
                "-q",
            ],
            "",
        );
        let _ = std::fs::remove_file(&file);
        let after = limit_of();
        let limit = before.max(after);
        let rate = size as f64 / t.as_secs_f64();
        let l = label(size);
        let how = match engine {
            Engine::Sqlite => "bare table, same unique indexes, one transaction",
            Engine::Postgres { .. } => "one bare COPY, same unique indexes, one transaction",
        };
        line(
            &format!("engine_limit_rows_per_s_{l}"),
            &format!("{limit:.0}"),
            &format!("rows/s ({how}; {before:.0} before the import, {after:.0} after)"),
        );
        line(
            &format!("import_without_pass_codes_tokens_per_s_{l}"),
            &format!("{rate:.0}"),
            &format!(
                "tokens/s ({size} rows in {:.1} s; target >= 100000 at 1m)",
                t.as_secs_f64()
            ),
        );
        line(
            &format!("import_{l}_of_engine_limit"),
            &format!("{:.3}", rate / limit),
            "ratio (import tokens/s over the engine limit's rows/s; target >= 0.90 at 1m)",
        );
        line(
            &format!("import_{l}_database_mib"),
            &format!("{:.1}", engine.size(&db) as f64 / (1024.0 * 1024.0)),
            "MiB (the database, with SQLite's write-ahead log, after the import)",
        );
        line(
            &format!("import_{l}_peak_rss_mib"),
            &format!("{:.1}", rss as f64 / 1024.0),
            "MiB (target < 64 at 1m)",
        );
        if largest.as_ref().is_none_or(|(s, _)| size > *s) {
            if let Some((_, old)) = largest.take() {
                engine.remove(&old);
            }
            largest = Some((size, db));
        } else {
            engine.remove(&db);
        }
    }
    let Some((size, db)) = largest else {
        return;
    };
    let l = label(size);

    // A few tokens with identifiers and pass codes to find and authenticate.
    let ids = bench.dir.join("ids.csv");
    write_rows(&ids, "identifier,pass_code", 3, |i| {
        format!("bench-{i}@example.com,bench pass code {i}")
    });
    let out = bench.run(
        &db,
        &["token", "import", ids.to_str().unwrap(), "--format", "csv"],
        "",
    );
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let mut csv_rows = text.lines();
    let header: Vec<&str> = csv_rows.next().expect("header").split(',').collect();
    let first: Vec<&str> = csv_rows.next().expect("a row").split(',').collect();
    let code_col = header
        .iter()
        .position(|h| *h == "secrets.authentication_code")
        .expect("a generated code");
    let code = format!("{}\n", first[code_col]);

    // A server at rest, as it is a minute after an import: autovacuum's ANALYZE and VACUUM
    // and the checkpointer's flush of the import's pages would otherwise run during the
    // timings below (SQLite's import checkpoints before it returns).
    if let Engine::Postgres { .. } = engine {
        let mut c = postgres::Client::connect(db.to_str().expect("a URL"), postgres::NoTls)
            .expect("connect to the database");
        c.batch_execute("VACUUM (ANALYZE)").expect("vacuum");
        c.batch_execute("CHECKPOINT").expect("checkpoint");
    }

    // The start-up floor, the lookups and a change of state are timed in interleaved rounds,
    // so that whatever else the machine is doing weighs on all of them alike; each figure is
    // its median. The change of state alternates, so that every run writes.
    let middle = format!("AT{:010}", size / 2);
    let other = format!("AT{:010}", size / 2 + 1);
    let show_target = match engine {
        Engine::Sqlite => 2.0,
        Engine::Postgres { .. } => 3.0,
    };
    let cases: [(&str, Vec<&str>, &str, f64); 6] = [
        ("startup_floor_ms", vec!["--version"], "", 0.0),
        (
            "show_by_number_ms",
            vec!["token", "show", middle.as_str()],
            "",
            show_target,
        ),
        (
            "show_by_identifier_ms",
            vec!["token", "show", "--identifier", "bench-0@example.com"],
            "",
            show_target,
        ),
        (
            "show_by_auth_code_ms",
            vec!["token", "show", "--auth-code-stdin"],
            code.as_str(),
            show_target,
        ),
        (
            "list_50_ms",
            vec!["token", "list", "--limit", "50"],
            "",
            5.0,
        ),
        (
            "set_state_ms",
            vec!["token", "set-state", other.as_str()],
            "",
            4.0,
        ),
    ];
    let mut times: Vec<Vec<Duration>> = vec![Vec::new(); cases.len()];
    for round in 0..RUNS {
        for (i, (name, args, stdin, _)) in cases.iter().enumerate() {
            let mut args = args.clone();
            match *name {
                "startup_floor_ms" => {}
                "set_state_ms" => args.extend([
                    if round % 2 == 0 {
                        "not_effective"
                    } else {
                        "effective"
                    },
                    "--reason",
                    "bench",
                    "-q",
                ]),
                _ => args.extend(["--format", "json"]),
            }
            times[i].push(bench.time(&db, &args, stdin));
        }
    }
    let medians: Vec<f64> = times.into_iter().map(|t| ms(median(t))).collect();
    let floor = medians[0];
    line(
        "startup_floor_ms",
        &format!("{floor:.2}"),
        &format!("ms (tokenadm --version, median of {RUNS})"),
    );
    for ((name, _, _, target), t) in cases.iter().zip(&medians).skip(1) {
        line(
            name,
            &format!("{t:.2}"),
            &format!(
                "ms on {l} tokens (floor + {:.2} ms; target floor + {target} ms)",
                t - floor
            ),
        );
    }

    // The same through PgBouncer (session mode: warm server processes), when there is one.
    if let Engine::Postgres {
        pooler: Some(pooler),
        ..
    } = engine
    {
        let pooled: OsString = with_dbname(pooler, &dbname(&db)).into();
        let mut times: [Vec<Duration>; 3] = Default::default();
        for round in 0..RUNS {
            let state = if round % 2 == 0 {
                "not_effective"
            } else {
                "effective"
            };
            times[0].push(bench.time(&pooled, &["--version"], ""));
            times[1].push(bench.time(
                &pooled,
                &["token", "show", middle.as_str(), "--format", "json"],
                "",
            ));
            times[2].push(bench.time(
                &pooled,
                &[
                    "token",
                    "set-state",
                    other.as_str(),
                    state,
                    "--reason",
                    "bench",
                    "-q",
                ],
                "",
            ));
        }
        let [floor, show, set] = times.map(|t| ms(median(t)));
        for (name, t, target) in [
            ("pooled_show_by_number_ms", show, 3.0),
            ("pooled_set_state_ms", set, 4.0),
        ] {
            line(
                name,
                &format!("{t:.2}"),
                &format!(
                    "ms through PgBouncer, session mode (floor {floor:.2} + {:.2} ms; target floor + {target} ms)",
                    t - floor
                ),
            );
        }
    }

    let t = bench.median_ms(
        &db,
        &["auth", "--identifier", "bench-1@example.com", "-q"],
        "bench pass code 1\n",
        7,
    );
    line(
        "auth_ms",
        &format!("{t:.2}"),
        &format!(
            "ms on {l} tokens (floor + {:.2} ms, one argon2 verify)",
            t - floor
        ),
    );
    let times = (0..7)
        .map(|i| {
            bench.time(
                &db,
                &[
                    "token",
                    "reset-passcode",
                    "--identifier",
                    "bench-2@example.com",
                    "--pass-code-stdin",
                    "-q",
                ],
                &format!("a new pass code {i}\n"),
            )
        })
        .collect();
    let t = ms(median(times));
    line(
        "reset_passcode_ms",
        &format!("{t:.2}"),
        &format!(
            "ms on {l} tokens (floor + {:.2} ms, one argon2 hash)",
            t - floor
        ),
    );

    // `definition check` over the largest database (issue #15): every token read once, in
    // constant memory; none breaks the definition it was issued under.
    let check = ["definition", "check", "--format", "csv"];
    let (t, rss) = bench.timed(&db, &check, "");
    line(
        &format!("definition_check_{l}_ms"),
        &format!("{:.1}", ms(t)),
        &format!("ms ({size} tokens checked, none breaking; target < 2000)"),
    );
    line(
        &format!("definition_check_{l}_peak_rss_mib"),
        &format!("{:.1}", rss as f64 / 1024.0),
        "MiB",
    );

    // The expiry job over the largest database, with 10k orphans to change.
    let orphans = 10_000.min(size);
    bench.run(
        &db,
        &["account", "add", "BENCH-ORPH", "--name", "Orphans"],
        "",
    );
    let file = bench.dir.join("orphans.csv");
    write_rows(&file, "account", orphans, |_| "BENCH-ORPH".to_string());
    bench.run(
        &db,
        &[
            "token",
            "import",
            file.to_str().unwrap(),
            "--format",
            "csv",
            "-q",
        ],
        "",
    );
    let now = jiff::Timestamp::now().as_second();
    let location = tokenadm::store::Location::parse(Path::new(&db));
    let mut store =
        tokenadm::store::Store::connect(&location, tokenadm::store::PgOptions::default(), now)
            .expect("open");
    let unlinked = store
        .write(|tx| tx.unlink_all(true, "BENCH-ORPH", now, "bench"))
        .expect("unlink");
    assert_eq!(unlinked.len() as u64, orphans);
    drop(store);
    let (t, _) = bench.timed(&db, &["token", "expire", "-q"], "");
    line(
        &format!("expire_{l}_with_{}_orphans_ms", label(orphans)),
        &format!("{:.1}", ms(t)),
        "ms (tokenadm token expire; target < 1000)",
    );

    // The check again, once a new version gives tokens a default_ttl they do not meet: every
    // live token breaks it (it never expires), one CSV row each, streamed.
    let v2 = bench.dir.join("default-v2.toml");
    let text = tokenadm::domain::definition::DEFAULT_TOML
        .replace("# default_ttl = \"365d\"", "default_ttl = \"365d\"");
    std::fs::write(&v2, text).expect("write the definition");
    bench.run(&db, &["definition", "apply", v2.to_str().unwrap()], "");
    let (t, rss) = bench.timed_exit(&db, &check, 5);
    line(
        &format!("definition_check_{l}_all_break_ms"),
        &format!("{:.1}", ms(t)),
        &format!(
            "ms (every live token breaks a new default_ttl: one CSV row each; peak {:.1} MiB)",
            rss as f64 / 1024.0
        ),
    );
    engine.remove(&db);
}

fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}
